package mirror

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"
)

// ErrBusy means a sync is already running, here or on another replica.
var ErrBusy = errors.New("mirror: a sync is already running")

// syncLock takes the store's sync lock, which syncs, snapshots and re-aging share so
// that none runs beside another or on two replicas at once; ErrBusy when it is held.
func (s *Store) syncLock(ctx context.Context) (unlock func(), err error) {
	unlock, ok, err := s.db.TryLock(ctx, "sync")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, ErrBusy
	}
	return unlock, nil
}

// Runner lets one sync run at a time — in this process and, through a store lock, across
// replicas — whoever asks (the scheduler, the API), and keeps its progress for GET /sync.
type Runner struct {
	Syncer *Syncer
	mu     sync.Mutex
	state  SyncState
}

// SyncState is what GET /sync shows.
type SyncState struct {
	Running   bool      `json:"running"`
	Full      bool      `json:"full"`
	StartedAt time.Time `json:"started_at,omitzero"`
	Records   int64     `json:"records"`
	Documents int64     `json:"documents"`
	Period    time.Time `json:"period,omitzero"`
	LastError string    `json:"last_error,omitempty"`
	Last      *Result   `json:"last,omitempty"`
}

// State returns the current state.
func (r *Runner) State() SyncState {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.state
}

// Run syncs now and waits; ErrBusy when a sync is already running.
func (r *Runner) Run(ctx context.Context, full bool) (Result, error) {
	if !r.claim(full) {
		return Result{}, ErrBusy
	}
	return r.run(ctx, full)
}

// Start syncs in the background, under ctx (the service's, not a request's); ErrBusy
// when a sync is already running.
func (r *Runner) Start(ctx context.Context, full bool) error {
	if !r.claim(full) {
		return ErrBusy
	}
	go func() {
		if _, err := r.run(ctx, full); err != nil && !errors.Is(err, ErrBusy) {
			slog.Error("sync failed", "full", full, "err", err)
		}
	}()
	return nil
}

func (r *Runner) claim(full bool) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.state.Running {
		return false
	}
	r.state.Running, r.state.Full, r.state.StartedAt = true, full, r.Syncer.Now()
	r.state.Records, r.state.Documents, r.state.Period = 0, 0, time.Time{}
	return true
}

func (r *Runner) run(ctx context.Context, full bool) (Result, error) {
	res, err := r.locked(ctx, full)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.state.Running = false
	r.state.LastError = ""
	if err != nil {
		r.state.LastError = err.Error()
	} else {
		r.state.Last = &res
	}
	return res, err
}

func (r *Runner) locked(ctx context.Context, full bool) (Result, error) {
	unlock, err := r.Syncer.Store.syncLock(ctx)
	if err != nil {
		return Result{}, err
	}
	defer unlock()
	s := *r.Syncer
	s.Progress = func(p Progress) {
		r.mu.Lock()
		r.state.Records, r.state.Documents, r.state.Period = p.Records, p.Documents, p.Period
		r.mu.Unlock()
		if r.Syncer.Progress != nil {
			r.Syncer.Progress(p)
		}
	}
	return s.Run(ctx, full)
}
