-- Mirrors the SQLite migration "v10-poll-tallies" (AppDatabase+ParticipationMigration.swift, migratePollTallies): a
-- poll's counts kept as ballots are cast (votes per option, 읍면동 and age band; ballots per 읍면동 and age band),
-- updated in the casting transaction, so results and turnout read a few hundred rows instead of every ballot. Counts
-- say nothing of who voted. Filled from the ballots already cast.
CREATE TABLE pollTally (
  pollID bigint NOT NULL REFERENCES poll(id) ON DELETE CASCADE,
  optionID bigint NOT NULL REFERENCES pollOption(id) ON DELETE CASCADE,
  emdCode text NOT NULL,
  ageBand bigint NOT NULL,
  votes bigint NOT NULL CHECK (votes >= 0),
  PRIMARY KEY (pollID, optionID, emdCode, ageBand)
);
CREATE TABLE pollTurnout (
  pollID bigint NOT NULL REFERENCES poll(id) ON DELETE CASCADE,
  emdCode text NOT NULL,
  ageBand bigint NOT NULL,
  ballots bigint NOT NULL CHECK (ballots >= 0),
  PRIMARY KEY (pollID, emdCode, ageBand)
);
INSERT INTO pollTally (pollID, optionID, emdCode, ageBand, votes)
  SELECT b.pollID, c.optionID, b.emdCode, b.ageBand, COUNT(*) FROM pollBallot b JOIN pollBallotChoice c ON c.ballotID = b.id
  GROUP BY b.pollID, c.optionID, b.emdCode, b.ageBand;
INSERT INTO pollTurnout (pollID, emdCode, ageBand, ballots)
  SELECT pollID, emdCode, ageBand, COUNT(*) FROM pollBallot GROUP BY pollID, emdCode, ageBand;
