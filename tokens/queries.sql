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
