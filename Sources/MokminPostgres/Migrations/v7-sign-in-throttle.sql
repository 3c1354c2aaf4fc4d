-- Mirrors the SQLite migration "v7-sign-in-throttle" (AppDatabase+Migrations.swift): failed sign-ins per key (login and
-- address, login, address). Times are seconds since 1970 as double precision (REAL in SQLite), compared exactly.
CREATE TABLE signInThrottle (
  key text PRIMARY KEY CHECK (char_length(key) BETWEEN 1 AND 400),
  failures bigint NOT NULL CHECK (failures >= 0),
  lastFailureAt double precision NOT NULL,
  nextAllowedAt double precision NOT NULL,
  refused bigint NOT NULL DEFAULT 0 CHECK (refused >= 0),
  refusedReportedAt double precision
);
CREATE INDEX signInThrottle_lastFailureAt ON signInThrottle(lastFailureAt);
