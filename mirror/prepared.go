package mirror

import (
	"context"

	"github.com/jmoiron/sqlx"

	"github.com/rfm9/rfm9/store"
)

// The push path runs a handful of short queries per document inside its transaction;
// these run them prepared once (store.DB.Stmt), which halves their cost on SQLite.
// PostgreSQL runs them on the transaction as they are: pgx prepares and caches each
// statement per connection itself, and preparing through the pool would take another
// connection, whose lock on a table can wait behind a recompute's lock that waits for
// this very transaction, a deadlock the server cannot see (journal.go).

func (s *Store) txExec(ctx context.Context, tx *sqlx.Tx, query string, args ...any) error {
	if s.db.Dialect == store.Postgres {
		_, err := tx.ExecContext(ctx, query, args...)
		return err
	}
	st, err := s.db.TxStmt(ctx, tx, query)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

func (s *Store) txGet(ctx context.Context, tx *sqlx.Tx, dst any, query string, args ...any) error {
	if s.db.Dialect == store.Postgres {
		return tx.GetContext(ctx, dst, query, args...)
	}
	st, err := s.db.TxStmt(ctx, tx, query)
	if err != nil {
		return err
	}
	return st.GetContext(ctx, dst, args...)
}

func (s *Store) txSelect(ctx context.Context, tx *sqlx.Tx, dst any, query string, args ...any) error {
	if s.db.Dialect == store.Postgres {
		return tx.SelectContext(ctx, dst, query, args...)
	}
	st, err := s.db.TxStmt(ctx, tx, query)
	if err != nil {
		return err
	}
	return st.SelectContext(ctx, dst, args...)
}

func (s *Store) txNamedExec(ctx context.Context, tx *sqlx.Tx, query string, arg any) error {
	if s.db.Dialect == store.Postgres {
		_, err := tx.NamedExecContext(ctx, query, arg)
		return err
	}
	st, err := s.db.NamedStmt(ctx, query)
	if err != nil {
		return err
	}
	_, err = tx.NamedStmtContext(ctx, st).ExecContext(ctx, arg)
	return err
}
