package store

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// Stmt returns query prepared once for the pool's lifetime (each connection prepares it
// on first use). The hot paths use it: modernc's SQLite spends as long parsing a short
// query as running it, and a card or a push is a handful of short queries.
func (db *DB) Stmt(ctx context.Context, query string) (*sqlx.Stmt, error) {
	if st, ok := db.stmts.Load(query); ok {
		return st.(*sqlx.Stmt), nil
	}
	st, err := db.PreparexContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("store: prepare: %w", err)
	}
	if prev, loaded := db.stmts.LoadOrStore(query, st); loaded {
		st.Close()
		return prev.(*sqlx.Stmt), nil
	}
	return st, nil
}

// TxStmt is Stmt bound to a transaction.
func (db *DB) TxStmt(ctx context.Context, tx *sqlx.Tx, query string) (*sqlx.Stmt, error) {
	st, err := db.Stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return tx.StmtxContext(ctx, st), nil
}

// NamedStmt is Stmt for a query with :name parameters.
func (db *DB) NamedStmt(ctx context.Context, query string) (*sqlx.NamedStmt, error) {
	key := "named:" + query
	if st, ok := db.stmts.Load(key); ok {
		return st.(*sqlx.NamedStmt), nil
	}
	st, err := db.PrepareNamedContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("store: prepare: %w", err)
	}
	if prev, loaded := db.stmts.LoadOrStore(key, st); loaded {
		st.Close()
		return prev.(*sqlx.NamedStmt), nil
	}
	return st, nil
}
