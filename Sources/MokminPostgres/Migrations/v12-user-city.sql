-- Mirrors the SQLite migration v12-user-city: an account may belong to one of the served cities (a 10-digit 시군구
-- code) and then sees that city's pages; without one (NULL) it sees them all.
-- SQLite: city IS NULL OR (length(city) = 10 AND city NOT GLOB '*[^0-9]*').
ALTER TABLE "user" ADD COLUMN city text CHECK (city IS NULL OR city ~ '^[0-9]{10}$');
