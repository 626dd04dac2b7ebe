-- Each client's moves between codes: written when a recompute or a pushed document
-- changes a client's code ('' = not in the matrix: no purchase yet, or none left).
CREATE TABLE segment_changes (
    id         BIGSERIAL PRIMARY KEY,
    client_id  TEXT    NOT NULL,
    day        INTEGER NOT NULL,   -- the as-of day of the new code
    from_code  TEXT    NOT NULL,
    to_code    TEXT    NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX segment_changes_client ON segment_changes (client_id, id);

-- The next results, written beside the current ones so that a recompute can record
-- what changed before it replaces them.
CREATE TABLE client_segments_next (
    client_id      TEXT PRIMARY KEY,
    as_of          INTEGER NOT NULL,
    code           TEXT    NOT NULL,
    r              INTEGER NOT NULL,
    f              INTEGER NOT NULL,
    m              INTEGER NOT NULL,
    purchases      INTEGER NOT NULL,
    monetary_kop   BIGINT  NOT NULL,
    first_day      INTEGER NOT NULL,
    last_day       INTEGER NOT NULL,
    recency_days   INTEGER NOT NULL
);
