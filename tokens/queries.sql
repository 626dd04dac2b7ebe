-- name: create-token
INSERT INTO api_tokens (name, scopes, hash, created_at) VALUES (?, ?, ?, ?) RETURNING id

-- name: find-token-by-hash
SELECT id, name, scopes, created_at, revoked_at FROM api_tokens WHERE hash = ? AND revoked_at IS NULL

-- name: list-tokens
SELECT id, name, scopes, created_at, revoked_at FROM api_tokens WHERE revoked_at IS NULL ORDER BY id

-- name: revoke-token
UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL

-- name: forget-secret
DELETE FROM api_tokens WHERE hash = ?

-- name: create-session
INSERT INTO sessions (hash, token_id, created_at, expires_at) VALUES (?, ?, ?, ?)

-- name: find-session
SELECT t.id, t.name, t.scopes, t.created_at, t.revoked_at FROM sessions s JOIN api_tokens t ON t.id = s.token_id
WHERE s.hash = ? AND s.expires_at > ? AND t.revoked_at IS NULL

-- name: delete-session
DELETE FROM sessions WHERE hash = ?

-- name: delete-expired-sessions
DELETE FROM sessions WHERE expires_at <= ?

-- name: create-signing-key
INSERT INTO signing_keys (name, secret, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING

-- name: find-signing-key
SELECT secret FROM signing_keys WHERE name = ?
