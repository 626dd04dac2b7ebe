-- Snapshots: the matrix as of a date (month-ends, backfilled from history on the first
-- sync, then taken by the month-end job or on demand), with each client's code.
CREATE TABLE snapshots (
    as_of          INTEGER PRIMARY KEY,   -- days since 1970-01-01
    kind           TEXT    NOT NULL,      -- backfill | month-end | manual
    bounds_version INTEGER NOT NULL,      -- matrix_bounds version in force (0 = defaults)
    clients        INTEGER NOT NULL,
    monetary_kop   INTEGER NOT NULL,
    matrix         TEXT    NOT NULL,      -- lifecycle.Matrix in JSON: counts, sums, cuts
    base_as_of     INTEGER,               -- codes are changes against this snapshot; NULL: against none
    codes          BLOB    NOT NULL,      -- per-client codes, see mirror/snapcodes.go
    taken_at       TIMESTAMP NOT NULL
);

-- The client numbers that snapshot codes are indexed by: 16-byte client keys (the
-- GUID's bytes), numbered in order of first appearance, in chunks.
CREATE TABLE snapshot_clients (
    first_number INTEGER PRIMARY KEY,
    keys         BLOB    NOT NULL
);
