-- Documents 1C pushes through POST /api/v1/sales: the newest version applied per
-- document, so duplicate and out-of-order deliveries change nothing.
CREATE TABLE document_versions (
    document_id TEXT    NOT NULL PRIMARY KEY,
    version     BIGINT  NOT NULL,
    posted      BOOLEAN NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
