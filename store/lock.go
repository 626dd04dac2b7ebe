package store

import (
	"context"
	"fmt"
	"hash/fnv"
)

// TryLock takes the named lock for the whole store, so that of several replicas sharing
// one PostgreSQL only one runs a job at a time; ok is false when another holds it. The
// lock lives on its own connection until unlock (or until the process dies, when
// PostgreSQL releases it). SQLite serves one process, whose own locks suffice: there it
// always succeeds.
func (db *DB) TryLock(ctx context.Context, name string) (unlock func(), ok bool, err error) {
	if db.Dialect != Postgres {
		return func() {}, true, nil
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("store: lock %s: %w", name, err)
	}
	key := lockKey(name)
	if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1)", key).Scan(&ok); err != nil {
		conn.Close()
		return nil, false, fmt.Errorf("store: lock %s: %w", name, err)
	}
	if !ok {
		conn.Close()
		return nil, false, nil
	}
	return func() {
		conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", key)
		conn.Close()
	}, true, nil
}

// lockKey turns a lock's name into PostgreSQL's 64-bit advisory lock key.
func lockKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte("rfm9:" + name))
	return int64(h.Sum64())
}
