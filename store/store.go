// Package store opens rfm9's own database — SQLite embedded by default, PostgreSQL when
// several replicas share one store — and keeps its schema current with numbered,
// embedded migrations. The SQL of each domain lives beside it (mirror/queries.sql …).
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strconv"
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
	// writer is the one SQLite connection every InTx writes on, with pragmas of its own:
	// no checkpoints in its commits while the service checkpoints (Checkpoints), a
	// memory map, a larger cache. (SQLite also drops a connection's page cache when
	// another has committed since its last transaction, which one writer avoids; on
	// random clients that made no measurable difference, their leaves are rarely cached.)
	writer   *sqlx.Conn
	writerMu sync.Mutex // guards writer and walPages
	walPages int        // the writer's wal_autocheckpoint (Checkpoints sets 0)
	// walRestart is the log's size in frames past which Checkpoints restarts it.
	walRestart int64
	stmts      sync.Map // query → *sqlx.Stmt, see Stmt
	named      sync.Map // name → *sync.Mutex, see Lock
	// schema is PostgreSQL's current schema: advisory locks are the database's, and two
	// stores in two schemas of one database are two installations (or two tests).
	schema string
}

// walAutocheckpoint is the log's size in pages past which a commit checkpoints it
// itself, in processes that do not checkpoint in the background (Checkpoints).
const walAutocheckpoint = 50000

// writerMapBytes is how much of the database file the writer reads through a memory
// map (SQLite caps it at 2 GiB). A page the system is writing back to disk (after a
// checkpoint) made a pread wait for the whole writeback, and every push behind it;
// through the map it is read as it is. It costs no memory of its own: the mapped pages
// are the system's file cache, but they count in the process's resident size.
const writerMapBytes = 2 << 30

// writerCacheKiB is the writer connection's page cache: the upper levels of the indexes
// a push touches and the leaves of recently pushed clients (readers keep 16 MiB each).
// SQLite fills it only as pages are read, so a small store never uses 1 GiB; on the
// 1M-client store (4.6 GB) it halved the writer's time reading pages a push (110 → 54
// µs: pages past the 2 GiB map, or in the log, are read with a syscall each) against
// 64 MiB, and took p99 at 2,000 pushes/s from 21.0 to 19.9 ms (medians of 3 pairs).
const writerCacheKiB = 1 << 20

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
		// A fifth is the writer's (DB.writer).
		db.SetMaxOpenConns(5)
		db.SetMaxIdleConns(5)
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
	out := &DB{DB: db, Dialect: dialect, walPages: walAutocheckpoint, walRestart: walRestartFrames}
	if dialect == SQLite {
		if _, err := out.writerConn(ctx); err != nil {
			db.Close()
			return nil, err
		}
	} else if err := db.GetContext(ctx, &out.schema, "SELECT coalesce(current_schema(), '')"); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: current schema: %w", err)
	}
	return out, nil
}

// writerConn returns the SQLite writer connection, taking one from the pool the first
// time and again after the previous one broke.
func (db *DB) writerConn(ctx context.Context) (*sqlx.Conn, error) {
	db.writerMu.Lock()
	defer db.writerMu.Unlock()
	if db.writer != nil {
		return db.writer, nil
	}
	conn, err := db.Connx(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: writer connection: %w", err)
	}
	for _, pragma := range []string{
		fmt.Sprintf("PRAGMA cache_size = -%d", writerCacheKiB),
		fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", db.walPages),
		fmt.Sprintf("PRAGMA mmap_size = %d", writerMapBytes),
	} {
		if _, err := conn.ExecContext(ctx, pragma); err != nil {
			conn.Close()
			return nil, fmt.Errorf("store: writer connection: %w", err)
		}
	}
	db.writer = conn
	return conn, nil
}

// dropWriter forgets a writer connection that failed, so that the next InTx takes a
// new one.
func (db *DB) dropWriter(conn *sqlx.Conn) {
	db.writerMu.Lock()
	defer db.writerMu.Unlock()
	if db.writer == conn {
		db.writer.Close()
		db.writer = nil
	}
}

// Close closes the writer connection and the pool.
func (db *DB) Close() error {
	db.writerMu.Lock()
	if db.writer != nil {
		db.writer.Close()
		db.writer = nil
	}
	db.writerMu.Unlock()
	return db.DB.Close()
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
		// WAL lets readers run beside the writer; a 16 MiB page cache per reading
		// connection keeps the indexes of millions of documents out of the read path. (A
		// memory map was as fast for reads but made the process's RSS grow with the
		// database file; only the writer maps, see writerMapBytes.)
		// A commit checkpoints the log itself past 50 000 pages (200 MiB), except on the
		// writer while the service checkpoints in the background (Checkpoints).
		pragmas := "_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)" +
			"&_pragma=cache_size(-16384)&_pragma=wal_autocheckpoint(" + strconv.Itoa(walAutocheckpoint) + ")&_txlock=immediate"
		return SQLite, "sqlite", "file:" + path + sep + pragmas, nil
	}
	return "", "", "", fmt.Errorf("store: dsn %q: want sqlite:PATH or postgres://…", dsn)
}

// begin starts a write transaction: on SQLite, on the writer connection.
func (db *DB) begin(ctx context.Context) (*sqlx.Tx, error) {
	if db.Dialect != SQLite {
		tx, err := db.BeginTxx(ctx, nil)
		if err != nil {
			return nil, fmt.Errorf("store: begin: %w", err)
		}
		return tx, nil
	}
	conn, err := db.writerConn(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := conn.BeginTxx(ctx, nil)
	if errors.Is(err, sql.ErrConnDone) || errors.Is(err, driver.ErrBadConn) {
		db.dropWriter(conn)
		if conn, err = db.writerConn(ctx); err != nil {
			return nil, err
		}
		tx, err = conn.BeginTxx(ctx, nil)
	}
	if err != nil {
		return nil, fmt.Errorf("store: begin: %w", err)
	}
	return tx, nil
}

// InTx runs fn in a transaction, committing when it returns nil and rolling back otherwise.
func (db *DB) InTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	if db.Dialect == SQLite {
		db.writes.Lock()
		defer db.writes.Unlock()
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
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
