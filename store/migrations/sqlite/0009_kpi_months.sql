-- The mirror's documents by month in compact blobs for the KPI passes (see
-- mirror/kpimonths.go): written by the recompute, dropped for a month when a pushed
-- document changes it.
CREATE TABLE kpi_months (
    month     INTEGER PRIMARY KEY,   -- year·12 + month − 1
    documents INTEGER NOT NULL,
    checksum  BIGINT  NOT NULL,      -- of docs, so that an unchanged month is not rewritten
    docs      BLOB    NOT NULL
);
