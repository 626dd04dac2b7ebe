package mirror

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// The push path runs a handful of short queries per document inside its transaction;
// these run them prepared once (store.DB.Stmt), which halves their cost on SQLite.

func (s *Store) txExec(ctx context.Context, tx *sqlx.Tx, query string, args ...any) error {
	st, err := s.db.TxStmt(ctx, tx, query)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

func (s *Store) txGet(ctx context.Context, tx *sqlx.Tx, dst any, query string, args ...any) error {
	st, err := s.db.TxStmt(ctx, tx, query)
	if err != nil {
		return err
	}
	return st.GetContext(ctx, dst, args...)
}

func (s *Store) txSelect(ctx context.Context, tx *sqlx.Tx, dst any, query string, args ...any) error {
	st, err := s.db.TxStmt(ctx, tx, query)
	if err != nil {
		return err
	}
	return st.SelectContext(ctx, dst, args...)
}

func (s *Store) txNamedExec(ctx context.Context, tx *sqlx.Tx, query string, arg any) error {
	st, err := s.db.NamedStmt(ctx, query)
	if err != nil {
		return err
	}
	_, err = tx.NamedStmtContext(ctx, st).ExecContext(ctx, arg)
	return err
}
