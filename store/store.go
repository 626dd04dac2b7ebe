// Package store opens rfm9's own database — SQLite embedded by default, PostgreSQL when
// several replicas share one store — and keeps its schema current with numbered,
// embedded migrations. The SQL of each domain lives beside it (mirror/queries.sql …).
package store

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	"github.com/jmoiron/sqlx"
	_ "modernc.org/sqlite" // pure Go SQLite driver "sqlite": no cgo on Windows servers
)

func init() {
	// sqlx knows "sqlite3" but not modernc's "sqlite": tell it the placeholders are "?".
	sqlx.BindDriver("sqlite", sqlx.QUESTION)
}

// Dialect names the database kind; SQL that differs between them is kept per dialect.
type Dialect string

// Dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is the store's connection pool with its dialect.
type DB struct {
	*sqlx.DB
	Dialect Dialect
	// writes queues SQLite's write transactions in the process: SQLite takes one writer
	// at a time anyway, and waiting on a mutex is fairer and far quicker than its busy
	// handler's sleep-and-retry.
	writes sync.Mutex
	stmts  sync.Map // query → *sqlx.Stmt, see Stmt
}

// Open connects to dsn: "sqlite:PATH" (or a path ending in .db) for the embedded store,
// "postgres://…" or "postgresql://…" for PostgreSQL. It does not migrate.
func Open(ctx context.Context, dsn string) (*DB, error) {
	dialect, driver, source, err := parseDSN(dsn)
	if err != nil {
		return nil, err
	}
	db, err := sqlx.Open(driver, source)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", dialect, err)
	}
	if dialect == SQLite {
		// One writer at a time is SQLite's rule; a small pool with a busy timeout lets
		// readers run beside it in WAL mode without "database is locked" errors.
		// All four stay open: database/sql keeps two idle by default, and under load the
		// others were closed and reopened by the thousand, each reparsing the schema and
		// re-preparing every statement (a fifth of GET /clients/{id}'s time).
		db.SetMaxOpenConns(4)
		db.SetMaxIdleConns(4)
	} else {
		db.SetMaxOpenConns(16)
		db.SetMaxIdleConns(16)
		db.SetConnMaxIdleTime(5 * time.Minute)
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: connect to %s: %w", dialect, err)
	}
	return &DB{DB: db, Dialect: dialect}, nil
}

func parseDSN(dsn string) (Dialect, string, string, error) {
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return Postgres, "pgx", dsn, nil
	case strings.HasPrefix(dsn, "sqlite:"), strings.HasSuffix(dsn, ".db"):
		path := strings.TrimPrefix(dsn, "sqlite:")
		if path == "" {
			return "", "", "", fmt.Errorf("store: dsn %q: want sqlite:PATH", dsn)
		}
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		// WAL lets readers run beside the writer; a 16 MiB page cache per connection (4 of them) keeps the indexes of
		// millions of documents out of the read path. (A memory map was as fast but made
		// the process's RSS grow with the database file.)
		// The log may grow to 50 000 pages (200 MiB) before a commit checkpoints it itself:
		// the service checkpoints in the background (Checkpoints) well before that. At
		// 10 000 pages a thousand pushes a second outran the background checkpoints, and
		// the push whose commit crossed the threshold waited ~100 ms for one: POST /sales's
		// p99 was 95 ms, now 20 ms.
		pragmas := "_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)" +
			"&_pragma=cache_size(-16384)&_pragma=wal_autocheckpoint(50000)&_txlock=immediate"
		return SQLite, "sqlite", "file:" + path + sep + pragmas, nil
	}
	return "", "", "", fmt.Errorf("store: dsn %q: want sqlite:PATH or postgres://…", dsn)
}

// InTx runs fn in a transaction, committing when it returns nil and rolling back otherwise.
func (db *DB) InTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	if db.Dialect == SQLite {
		db.writes.Lock()
		defer db.writes.Unlock()
	}
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}
