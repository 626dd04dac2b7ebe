-- The local mirror of 1C sales: one row per sale document and client, the client
-- catalog, the sync runs with their staging, and the lifecycle results.
CREATE TABLE sales_documents (
    document_id    TEXT    NOT NULL,            -- 1C GUID of the recorder
    client_id      TEXT    NOT NULL,            -- 1C GUID of the client
    document_type  TEXT    NOT NULL DEFAULT '',
    period         TEXT    NOT NULL,            -- earliest line, 2006-01-02T15:04:05 in the base's time zone
    day            INTEGER NOT NULL,            -- the same date as days since 1970-01-01
    net_kop        INTEGER NOT NULL,
    discount_kop   INTEGER NOT NULL DEFAULT 0,
    quantity_milli INTEGER NOT NULL DEFAULT 0,
    lines          INTEGER NOT NULL,
    PRIMARY KEY (document_id, client_id)
);
CREATE INDEX sales_documents_client ON sales_documents (client_id);
CREATE INDEX sales_documents_day ON sales_documents (day);

CREATE TABLE clients (
    client_id  TEXT PRIMARY KEY,
    name       TEXT NOT NULL DEFAULT '',
    inn        TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    phone_digits TEXT NOT NULL DEFAULT '', -- the last 10 digits, how people type a Russian number
    manager    TEXT NOT NULL DEFAULT '',
    fields     TEXT NOT NULL DEFAULT '{}',      -- JSON object of mapped extra fields
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX clients_inn ON clients (inn);
CREATE INDEX clients_email ON clients (email);
CREATE INDEX clients_phone ON clients (phone_digits);

CREATE TABLE sync_runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT      NOT NULL,             -- full | incremental
    from_period TEXT      NOT NULL DEFAULT '',  -- window start; '' = from the first record
    status      TEXT      NOT NULL,             -- running | done | failed
    checkpoint  TEXT      NOT NULL DEFAULT '',  -- records before this period are staged
    records     INTEGER   NOT NULL DEFAULT 0,
    documents   INTEGER   NOT NULL DEFAULT 0,
    clients     INTEGER   NOT NULL DEFAULT 0,
    error       TEXT      NOT NULL DEFAULT '',
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP
);

CREATE TABLE sync_staging (
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
CREATE INDEX sync_staging_run ON sync_staging (run_id, period);

CREATE TABLE clients_staging (
    run_id    INTEGER NOT NULL REFERENCES sync_runs (id) ON DELETE CASCADE,
    client_id TEXT NOT NULL,
    name      TEXT NOT NULL,
    inn       TEXT NOT NULL,
    email     TEXT NOT NULL,
    phone     TEXT NOT NULL,
    phone_digits TEXT NOT NULL,
    manager   TEXT NOT NULL,
    fields    TEXT NOT NULL
);
CREATE INDEX clients_staging_run ON clients_staging (run_id);

CREATE TABLE client_segments (
    client_id      TEXT PRIMARY KEY,
    as_of          INTEGER NOT NULL,            -- days since 1970-01-01
    code           TEXT    NOT NULL,            -- R F M, e.g. 311
    r              INTEGER NOT NULL,
    f              INTEGER NOT NULL,
    m              INTEGER NOT NULL,
    purchases      INTEGER NOT NULL,
    monetary_kop   INTEGER NOT NULL,
    first_day      INTEGER NOT NULL,
    last_day       INTEGER NOT NULL,
    recency_days   INTEGER NOT NULL
);
CREATE INDEX client_segments_code ON client_segments (code);

-- The matrix the current results were computed with: bounds, money cuts and totals,
-- as lifecycle.Matrix in JSON, so the API explains codes with the cuts then in force.
CREATE TABLE segment_matrix (
    as_of       INTEGER NOT NULL,
    matrix      TEXT    NOT NULL,
    computed_at TIMESTAMP NOT NULL
);
