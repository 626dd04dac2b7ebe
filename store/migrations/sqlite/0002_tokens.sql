-- API bearer tokens: only the SHA-256 of each secret is kept.
CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL,
    scopes     TEXT NOT NULL,            -- space-separated: read sales:write admin metrics
    hash       TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX api_tokens_name ON api_tokens (name);
