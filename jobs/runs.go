// Package jobs records the runs of the service's scheduled jobs (syncs, re-aging), so
// the API shows when each last ran, on which replica, and how it ended.
package jobs

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"time"

	"github.com/rfm9/rfm9/store"
)

// Run statuses.
const (
	StatusRunning = "running"
	StatusOK      = "ok"
	StatusFailed  = "failed"
	StatusSkipped = "skipped" // another replica or run held the work
)

// Run is one run of a job.
type Run struct {
	ID         int64        `db:"id" json:"id"`
	Job        string       `db:"job" json:"job"`
	Replica    string       `db:"replica" json:"replica"`
	StartedAt  time.Time    `db:"started_at" json:"started_at"`
	FinishedAt sql.NullTime `db:"finished_at" json:"-"`
	Status     string       `db:"status" json:"status"`
	Error      string       `db:"error" json:"error,omitempty"`
}

//go:embed queries.sql
var queriesSQL string

type queries struct {
	Start  string `query:"start-run"`
	Finish string `query:"finish-run"`
	Recent string `query:"recent-runs"`
}

// Store keeps job runs.
type Store struct {
	db *store.DB
	q  queries
}

// NewStore loads the queries for db's dialect.
func NewStore(db *store.DB) (*Store, error) {
	s := &Store{db: db}
	if err := db.LoadQueries(&s.q, queriesSQL); err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	return s, nil
}

// Start records that a job began and returns its run's id.
func (s *Store) Start(ctx context.Context, job, replica string, now time.Time) (int64, error) {
	var id int64
	if err := s.db.GetContext(ctx, &id, s.q.Start, job, replica, now.UTC()); err != nil {
		return 0, fmt.Errorf("jobs: start %s: %w", job, err)
	}
	return id, nil
}

// Finish records how a run ended.
func (s *Store) Finish(ctx context.Context, id int64, status string, runErr error, now time.Time) error {
	msg := ""
	if runErr != nil {
		msg = runErr.Error()
	}
	if _, err := s.db.ExecContext(ctx, s.q.Finish, now.UTC(), status, msg, id); err != nil {
		return fmt.Errorf("jobs: finish run %d: %w", id, err)
	}
	return nil
}

// Recent lists the last runs, newest first.
func (s *Store) Recent(ctx context.Context, limit int) ([]Run, error) {
	out := []Run{}
	if err := s.db.SelectContext(ctx, &out, s.q.Recent, limit); err != nil {
		return nil, fmt.Errorf("jobs: recent runs: %w", err)
	}
	return out, nil
}
