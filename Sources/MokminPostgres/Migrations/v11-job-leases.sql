-- Mirrors the SQLite migration v11-job-leases: leases on scheduled jobs, one holder at a time across servers.
CREATE TABLE joblease (
    name text PRIMARY KEY CHECK (char_length(name) BETWEEN 1 AND 200),
    holder text NOT NULL CHECK (char_length(holder) > 0),
    expiresat timestamptz NOT NULL
);
