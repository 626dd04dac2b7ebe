package mirror

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jmoiron/sqlx"
)

// runState is the sync run being worked on and where its reading got to.
type runState struct {
	id         int64
	checkpoint string    // records before this period are staged; "" = start over
	began      time.Time // when the run (its first attempt) started
}

// beginRun continues an unfinished run of the same kind and window, or starts a new one
// after dropping the staging of any other unfinished run.
func (s *Store) beginRun(ctx context.Context, full bool, from time.Time, now time.Time) (runState, error) {
	kind, fromText := runKind(full, from)
	var run runState
	err := s.db.QueryRowxContext(ctx, s.q.FindResumableRun, kind, fromText, now.Add(-resumeWithin).UTC()).Scan(&run.id, &run.checkpoint, &run.began)
	switch {
	case err == nil:
		return run, s.db.InTx(ctx, func(tx *sqlx.Tx) error {
			if _, err := tx.ExecContext(ctx, s.q.UnstageFrom, run.id, run.checkpoint); err != nil {
				return fmt.Errorf("mirror: unstage run %d: %w", run.id, err)
			}
			if _, err := tx.ExecContext(ctx, s.q.UnstageClients, run.id); err != nil {
				return fmt.Errorf("mirror: unstage clients of run %d: %w", run.id, err)
			}
			return nil
		})
	case !errors.Is(err, sql.ErrNoRows):
		return run, fmt.Errorf("mirror: find an unfinished sync: %w", err)
	}
	err = s.db.InTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q.DropUnfinishedRuns); err != nil {
			return fmt.Errorf("mirror: drop unfinished syncs: %w", err)
		}
		run.began = now
		return tx.QueryRowxContext(ctx, s.q.CreateRun, kind, fromText, now.UTC()).Scan(&run.id)
	})
	if err != nil {
		return run, fmt.Errorf("mirror: start a sync: %w", err)
	}
	return run, nil
}

func runKind(full bool, from time.Time) (kind, fromText string) {
	if full {
		return "full", ""
	}
	return "incremental", from.Format(PeriodLayout)
}

// failRun records why a run stopped; its staging stays for the next run to resume.
func (s *Store) failRun(ctx context.Context, id int64, cause error, now time.Time) {
	if _, err := s.db.ExecContext(ctx, s.q.MarkRun, "failed", cause.Error(), 0, 0, 0, now.UTC(), id); err != nil {
		// The cause is what the caller reports; this only loses the record of it.
		slog.Warn("sync failure not recorded", "run_id", id, "err", err)
	}
}

// finishRun marks the run done and drops its staging, inside the swap's transaction.
func (s *Store) finishRun(ctx context.Context, tx *sqlx.Tx, id int64, res *Result, now time.Time) error {
	if _, err := tx.ExecContext(ctx, s.q.ClearStaging, id); err != nil {
		return fmt.Errorf("mirror: clear staging: %w", err)
	}
	if _, err := tx.ExecContext(ctx, s.q.UnstageClients, id); err != nil {
		return fmt.Errorf("mirror: clear client staging: %w", err)
	}
	if _, err := tx.ExecContext(ctx, s.q.ClearChanges, id); err != nil {
		return fmt.Errorf("mirror: clear changes: %w", err)
	}
	if _, err := tx.ExecContext(ctx, s.q.MarkRun, "done", "", res.Records, res.Documents, res.Clients, now.UTC(), id); err != nil {
		return fmt.Errorf("mirror: finish run %d: %w", id, err)
	}
	return nil
}

// empty reports whether the mirror holds no documents yet.
func (s *Store) empty(ctx context.Context) (bool, error) {
	var n int64
	if err := s.db.GetContext(ctx, &n, s.q.AnyDocument); err != nil {
		return false, fmt.Errorf("mirror: count documents: %w", err)
	}
	return n == 0, nil
}

// LastSync describes the last finished sync, for health checks and the API.
type LastSync struct {
	ID         int64     `db:"id"`
	Kind       string    `db:"kind"`
	Records    int64     `db:"records"`
	Documents  int64     `db:"documents"`
	Clients    int64     `db:"clients"`
	StartedAt  time.Time `db:"started_at"`
	FinishedAt time.Time `db:"finished_at"`
}

// LastSync returns the last finished sync; ok is false before the first one.
func (s *Store) LastSync(ctx context.Context) (LastSync, bool, error) {
	var l LastSync
	err := s.db.GetContext(ctx, &l, s.q.LastDoneRun)
	if errors.Is(err, sql.ErrNoRows) {
		return l, false, nil
	}
	if err != nil {
		return l, false, fmt.Errorf("mirror: last sync: %w", err)
	}
	return l, true, nil
}
