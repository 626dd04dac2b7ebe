-- The snapshot store's SQL (see snapshots.go); placeholders are ? and rebound per dialect.

-- name: list-snapshots
SELECT as_of, kind, bounds_version, clients, monetary_kop, taken_at FROM snapshots ORDER BY as_of

-- name: snapshot-chain
SELECT as_of, base_as_of, taken_at FROM snapshots

-- name: snapshot-matrix
SELECT as_of, kind, bounds_version, clients, monetary_kop, taken_at, matrix FROM snapshots WHERE as_of = ?

-- name: snapshot-matrices
SELECT as_of, bounds_version, matrix FROM snapshots WHERE as_of BETWEEN ? AND ? ORDER BY as_of

-- name: snapshot-codes
SELECT codes FROM snapshots WHERE as_of = ?

-- name: insert-snapshot
INSERT INTO snapshots (as_of, kind, bounds_version, clients, monetary_kop, matrix, base_as_of, codes, taken_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)

-- name: delete-snapshot
DELETE FROM snapshots WHERE as_of = ?

-- name: rebase-snapshot
UPDATE snapshots SET base_as_of = NULL, codes = ? WHERE as_of = ?

-- name: snapshot-keys
SELECT first_number, keys FROM snapshot_clients ORDER BY first_number

-- name: insert-snapshot-keys
INSERT INTO snapshot_clients (first_number, keys) VALUES (?, ?)

-- name: count-snapshots
SELECT count(*) FROM snapshots
