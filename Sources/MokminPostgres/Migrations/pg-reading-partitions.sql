-- PostgreSQL only (no SQLite counterpart): raw readings in a table partitioned by month, so that retention drops whole
-- months. The table v4-board made is empty here (this migration ships with the first PostgreSQL store), so it is made
-- again with the same columns, keys and checks; `time` compares in byte order, as the strings sort.
DROP TABLE reading;
CREATE TABLE reading (
  seriesID text NOT NULL REFERENCES series(id) ON DELETE CASCADE,
  time text COLLATE "C" NOT NULL CHECK (char_length(time) = 19),
  value double precision,
  grade bigint CHECK (grade BETWEEN 1 AND 4),
  flagged bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (seriesID, time)
) PARTITION BY RANGE (time);
-- Month partitions (reading_YYYY_MM) are made as readings arrive; anything else would land here.
CREATE TABLE reading_default PARTITION OF reading DEFAULT;
