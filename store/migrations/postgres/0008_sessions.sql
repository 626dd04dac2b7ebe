-- Dashboard logins: a browser that proved a token gets a session; the cookie holds a
-- random secret and only its SHA-256 is kept, as for tokens. Revoking or replacing the
-- token ends its sessions.
CREATE TABLE sessions (
    hash       TEXT PRIMARY KEY,
    token_id   BIGINT NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_token ON sessions (token_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Keys the replicas share for signing what they hand to browsers (CSRF tokens): made
-- once by whichever replica needs one first.
CREATE TABLE signing_keys (
    name       TEXT PRIMARY KEY,
    secret     TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
