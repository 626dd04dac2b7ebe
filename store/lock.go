package store

import (
	"context"
	"fmt"
	"hash/fnv"
	"sync"

	"github.com/jmoiron/sqlx"
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
	key := db.lockKey(name)
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

// Lock waits for the named lock and holds it until unlock: for work done in several
// transactions that another process sharing the store must not interleave with (a
// recompute writing its results a chunk at a time). In PostgreSQL it is an advisory
// lock on a connection of its own; in SQLite, which one process serves, a mutex of the
// process.
func (db *DB) Lock(ctx context.Context, name string) (unlock func(), err error) {
	if db.Dialect != Postgres {
		mu, _ := db.named.LoadOrStore(name, &sync.Mutex{})
		mu.(*sync.Mutex).Lock()
		return mu.(*sync.Mutex).Unlock, nil
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: lock %s: %w", name, err)
	}
	key := db.lockKey(name)
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", key); err != nil {
		conn.Close()
		return nil, fmt.Errorf("store: lock %s: %w", name, err)
	}
	return func() {
		conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", key)
		conn.Close()
	}, nil
}

// TxLock takes the named lock until tx ends: in PostgreSQL a transaction-level advisory
// lock, so that transactions writing the same thing (one client's result) take turns;
// in SQLite nothing, as its one writer already writes one transaction at a time.
// Transactions taking several should take them in one order, or may deadlock.
func (db *DB) TxLock(ctx context.Context, tx *sqlx.Tx, name string) error {
	if db.Dialect != Postgres {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", db.lockKey(name)); err != nil {
		return fmt.Errorf("store: lock %s: %w", name, err)
	}
	return nil
}

// lockKey turns a lock's name into PostgreSQL's 64-bit advisory lock key, one per
// schema: the replicas of one installation share it, other installations (and tests)
// in other schemas of the same database do not.
func (db *DB) lockKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte("rfm9:" + db.schema + ":" + name))
	return int64(h.Sum64())
}
