-- API bearer tokens: only the SHA-256 of each secret is kept.
CREATE TABLE api_tokens (
    id         BIGSERIAL PRIMARY KEY,
    name       TEXT NOT NULL,
    scopes     TEXT NOT NULL,            -- space-separated: read sales:write admin metrics
    hash       TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX api_tokens_name ON api_tokens (name);
