package sqlread

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"github.com/jmoiron/sqlx"

	"github.com/rfm9/rfm9/onec"
)

// The Reader serves both halves of a live base.
var (
	_ onec.Source  = (*Reader)(nil)
	_ onec.Catalog = (*Reader)(nil)
)

// Reader reads sales and clients straight from a 1C database. Its methods may be called
// concurrently; Skipped and Lines report on the last Sales call to finish.
type Reader struct {
	cfg Config
	db  *sqlx.DB
	d   *dialect
	m   *Mapping
	q   queries
	log *slog.Logger

	mu      sync.Mutex
	offset  int  // the base's year offset, once read
	hasOff  bool // offset has been read
	skipped tally
}

// Open checks the config, resolves the mapping against the structure file and
// prepares the queries. It does not connect yet: the first query does.
func Open(cfg Config) (*Reader, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	m, err := Resolve(cfg.Structure, cfg.Mapping)
	if err != nil {
		return nil, err
	}
	d, err := dialectFor(cfg.Driver)
	if err != nil {
		return nil, err
	}
	q, err := d.render(m)
	if err != nil {
		return nil, err
	}
	db, err := open(cfg)
	if err != nil {
		return nil, err
	}
	return &Reader{cfg: cfg, db: db, d: d, m: m, q: q, log: cfg.Logger}, nil
}

// Close closes the connections to the 1C database.
func (r *Reader) Close() error { return r.db.Close() }

// Mapping returns the tables and columns the reader queries.
func (r *Reader) Mapping() *Mapping { return r.m }

// String names the database for logs; the DSN holds no password (Validate refuses one).
func (r *Reader) String() string { return fmt.Sprintf("%s %s", r.cfg.Driver, r.cfg.DSN) }

// Skipped returns how many register lines the last Sales call left out, by reason
// (the Reason constants); reasons with no lines are left out.
func (r *Reader) Skipped() map[string]int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.skipped.skipped()
}

// Lines returns how many register lines the last Sales call read: those behind the
// sales it delivered and those it skipped.
func (r *Reader) Lines() int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.skipped.lines()
}

func (r *Reader) setSkipped(t tally) {
	r.mu.Lock()
	r.skipped = t
	r.mu.Unlock()
}

// inTx runs fn in a transaction that cannot change the 1C database or make 1C wait
// (READ ONLY on PostgreSQL, READ UNCOMMITTED on SQL Server), under the query timeout.
func (r *Reader) inTx(ctx context.Context, fn func(ctx context.Context, tx *sqlx.Tx) error) error {
	ctx, cancel := context.WithTimeout(ctx, r.cfg.QueryTimeout)
	defer cancel()
	tx, err := r.db.BeginTxx(ctx, r.d.tx)
	if err != nil {
		return err
	}
	defer tx.Rollback() // after Commit a no-op; the transaction only read anyway
	if err := fn(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}
