-- Mirrors the SQLite migration "v1-regions" (AppDatabase+Migrations.swift): the region registry and the code table.
CREATE TABLE region (
  -- SQLite: length(code) = 10 AND code NOT GLOB '*[^0-9]*' (ten characters, digits only).
  code text PRIMARY KEY CHECK (char_length(code) = 10 AND code ~ '^[0-9]*$'),
  level text NOT NULL CHECK (level IN ('sido', 'sgg', 'emd')),
  name text NOT NULL CHECK (char_length(name) > 0),
  fullName text NOT NULL,
  parentCode text,
  kostatCode text,
  kostatCode8 text,
  boundary bytea NOT NULL,
  centroidLon double precision NOT NULL,
  centroidLat double precision NOT NULL,
  areaSquareMetres double precision NOT NULL CHECK (areaSquareMetres >= 0),
  source text NOT NULL,
  loadedAt timestamptz NOT NULL
);
CREATE INDEX region_level ON region(level);
CREATE INDEX region_kostat ON region(kostatCode);
CREATE TABLE regionCode (
  code text PRIMARY KEY CHECK (char_length(code) = 10),
  kostatCode text,
  kostatCode8 text,
  fullName text NOT NULL,
  name text NOT NULL,
  sggCode text NOT NULL,
  sggName text NOT NULL,
  sidoCode text NOT NULL,
  sidoName text NOT NULL
);
CREATE INDEX regionCode_on_kostatCode ON regionCode(kostatCode);
CREATE INDEX regionCode_on_kostatCode8 ON regionCode(kostatCode8);
