-- A recompute computes the results from a read snapshot and then writes only the rows
-- that changed (mirror/refresh.go), so that pushes wait for seconds, not a minute.
-- as_of and recency_days changed on every row every day; both are now derived from the
-- matrix's day when read, and a row changes only when the client's code or numbers do.
ALTER TABLE client_segments DROP COLUMN as_of;
ALTER TABLE client_segments DROP COLUMN recency_days;
DROP TABLE client_segments_next;

-- The clients and months each push touched, so that a recompute knows which of its
-- results a push made stale while it computed (those clients are re-segmented, those
-- months' KPI blobs stay dropped). A recompute deletes the rows it has accounted for.
CREATE TABLE pushed_changes (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id TEXT    NOT NULL,
    month     INTEGER NOT NULL   -- year·12 + month − 1 of a day the push touched
);

-- A sync's documents that differ from the mirror's, found by comparing the staging
-- with the mirror outside any write lock (mirror/swap.go): the swap then writes only
-- these. client_id '' marks a document gone from 1C.
CREATE TABLE sync_changes (
    run_id         INTEGER NOT NULL REFERENCES sync_runs (id) ON DELETE CASCADE,
    document_id    TEXT    NOT NULL,
    client_id      TEXT    NOT NULL,
    document_type  TEXT    NOT NULL,
    period         TEXT    NOT NULL,
    day            INTEGER NOT NULL,
    net_kop        INTEGER NOT NULL,
    discount_kop   INTEGER NOT NULL,
    quantity_milli INTEGER NOT NULL,
    lines          INTEGER NOT NULL
);
CREATE INDEX sync_changes_run ON sync_changes (run_id, document_id);
