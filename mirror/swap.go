package mirror

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// swapDocuments replaces the mirror's documents in the window (all of them when window
// is "") and every document read again, wherever it was dated before, with the staged ones.
func (s *Store) swapDocuments(ctx context.Context, tx *sqlx.Tx, run int64, window string) error {
	steps := []struct {
		what, query string
		args        []any
	}{
		{"delete the window", s.q.DeleteWindow, []any{window}},
		{"delete re-read documents", s.q.DeleteRestaged, []any{run}},
		{"insert documents", s.q.InsertStaged, []any{run}},
	}
	for _, st := range steps {
		if _, err := tx.ExecContext(ctx, st.query, st.args...); err != nil {
			return fmt.Errorf("mirror: %s: %w", st.what, err)
		}
	}
	return nil
}

// swapClients replaces the client catalog with the staged one and returns its size.
func (s *Store) swapClients(ctx context.Context, tx *sqlx.Tx, run int64, now time.Time) (int64, error) {
	if _, err := tx.ExecContext(ctx, s.q.ReplaceClients, now.UTC(), run); err != nil {
		return 0, fmt.Errorf("mirror: update clients: %w", err)
	}
	if _, err := tx.ExecContext(ctx, s.q.DeleteGoneClients, run); err != nil {
		return 0, fmt.Errorf("mirror: delete clients gone from 1C: %w", err)
	}
	var n int64
	if err := tx.GetContext(ctx, &n, s.q.CountStagedClients, run); err != nil {
		return 0, fmt.Errorf("mirror: count clients: %w", err)
	}
	return n, nil
}
