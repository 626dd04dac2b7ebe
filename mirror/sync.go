package mirror

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/onec"
)

// PeriodLayout is how the mirror writes a period: 1C's own form, in the base's time zone.
// Fixed width, so text order is time order in both SQLite and PostgreSQL.
const PeriodLayout = "2006-01-02T15:04:05"

// Syncer reads sales (and the client catalog) from 1C into the mirror.
type Syncer struct {
	Store    *Store
	Sales    onec.Source
	Catalog  onec.Catalog // nil when the source has no catalog (a file)
	Location *time.Location
	Bounds   lifecycle.Bounds
	Window   int              // days an incremental sync re-reads; 1C re-posts and back-dates documents
	Now      func() time.Time // the clock, injectable for tests
	Progress func(Progress)   // called after each staged batch, may be nil
}

// Progress says how far a sync has read.
type Progress struct {
	Records   int64     // register records read
	Documents int64     // documents staged
	Period    time.Time // the period reached
	From, To  time.Time // the span being read, when known
}

// Result sums up a finished sync.
type Result struct {
	RunID     int64         `json:"run_id"`
	Full      bool          `json:"full"`
	Resumed   bool          `json:"resumed"` // a failed or interrupted run was continued from its checkpoint
	From      time.Time     `json:"from,omitzero"`
	Records   int64         `json:"records"`
	Documents int64         `json:"documents"` // documents in the mirror after the sync
	Changed   int           `json:"changed"`   // documents new, changed or gone since the mirror's (none counted on the first sync)
	Clients   int64         `json:"clients"`   // clients in the catalog after the sync (0 without a catalog)
	Segmented int           `json:"segmented"` // clients with a segment
	Took      time.Duration `json:"-"`
	TookMS    int64         `json:"took_ms"`
}

// resumeWithin bounds how old an unfinished run may be to be continued: older staging
// may describe a base that has changed too much since.
const resumeWithin = 24 * time.Hour

// Run syncs: full re-reads everything, otherwise the last Window days are re-read and
// replaced document by document. Nothing visible changes until the final transaction.
func (s *Syncer) Run(ctx context.Context, full bool) (Result, error) {
	start := s.Now()
	res := Result{Full: full}
	if !full {
		empty, err := s.Store.empty(ctx)
		if err != nil {
			return res, err
		}
		if empty {
			slog.Info("the mirror is empty: doing a full sync")
			full, res.Full = true, true
		}
	}
	if !full {
		day := lifecycle.DayOf(start.In(s.Location)) - lifecycle.Day(s.Window)
		res.From = day.Time(s.Location)
	}
	run, err := s.Store.beginRun(ctx, full, res.From, start)
	if err != nil {
		return res, err
	}
	res.RunID, res.Resumed = run.id, run.checkpoint != ""
	if err := s.read(ctx, run, res.From, &res); err != nil {
		s.Store.failRun(context.WithoutCancel(ctx), run.id, err, s.Now())
		return res, err
	}
	if err := s.finish(ctx, run, full, &res); err != nil {
		s.Store.failRun(context.WithoutCancel(ctx), run.id, err, s.Now())
		return res, err
	}
	res.Took = s.Now().Sub(start)
	res.TookMS = res.Took.Milliseconds()
	return res, nil
}

// read stages the sales from the run's checkpoint on, then the catalog.
func (s *Syncer) read(ctx context.Context, run runState, from time.Time, res *Result) error {
	if run.checkpoint != "" {
		cp, err := time.ParseInLocation(PeriodLayout, run.checkpoint, s.Location)
		if err != nil {
			return fmt.Errorf("mirror: run %d checkpoint %q: %w", run.id, run.checkpoint, err)
		}
		from = cp
		slog.Info("resuming an unfinished sync", "run_id", run.id, "from", run.checkpoint)
	}
	st := &stager{store: s.Store, run: run.id, progress: s.Progress, from: from}
	if err := s.Sales.Sales(ctx, onec.Period{From: from}, st.add); err != nil {
		return fmt.Errorf("mirror: read sales: %w", err)
	}
	if err := st.flush(ctx); err != nil {
		return err
	}
	res.Records = st.records
	if s.Catalog == nil {
		return nil
	}
	return s.Store.stageCatalog(ctx, run.id, s.Catalog)
}

// finish swaps the staged documents and catalog in, in one transaction, then
// recomputes the lifecycle results and marks the run done in another (refresh.go).
// Both transactions are short: the staging is compared with the mirror before the
// first, and the results are computed before the second. When the recompute fails, the
// mirror holds the new documents with the previous results, and the run stays
// resumable: running it again swaps nothing new and recomputes.
func (s *Syncer) finish(ctx context.Context, run runState, full bool, res *Result) error {
	asOf := lifecycle.DayOf(s.Now().In(s.Location))
	window, day := "", lifecycle.Day(0)
	if !full {
		window, day = res.From.Format(PeriodLayout), lifecycle.DayOf(res.From)
	}
	empty, err := s.Store.empty(ctx)
	if err != nil {
		return err
	}
	var months []month
	if !empty {
		if res.Changed, months, err = s.Store.diffStaging(ctx, run.id, window, day); err != nil {
			return err
		}
	}
	swapStart := time.Now()
	err = s.Store.db.InTx(ctx, func(tx *sqlx.Tx) error {
		if err := s.Store.swapDocuments(ctx, tx, run.id, empty, run.began, months); err != nil {
			return err
		}
		if s.Catalog == nil {
			return nil
		}
		n, err := s.Store.swapClients(ctx, tx, run.id, s.Now())
		res.Clients = n
		return err
	})
	if err != nil {
		return err
	}
	slog.Info("documents swapped", "run_id", run.id, "changed", res.Changed, "write", time.Since(swapStart).Round(time.Millisecond))
	_, _, err = s.Store.recompute(ctx, s.Location, s.Bounds, asOf, func(tx *sqlx.Tx, segmented int, docs int64) error {
		res.Segmented, res.Documents = segmented, docs
		return s.Store.finishRun(ctx, tx, run.id, res, s.Now())
	})
	return err
}

// Recompute re-ages every client as of today without reading 1C: a client who buys
// nothing still moves from active to sleeping when the calendar turns.
func (s *Syncer) Recompute(ctx context.Context) (int, error) {
	asOf := lifecycle.DayOf(s.Now().In(s.Location))
	n, _, err := s.Store.recompute(ctx, s.Location, s.Bounds, asOf, nil)
	return n, err
}

// Reage is the daily re-aging job: Recompute under the sync lock, so that of several
// replicas one re-ages and the others skip with ErrBusy, as they do when a sync holds
// the lock (a sync recomputes as of its own day anyway).
func (s *Syncer) Reage(ctx context.Context) (int, error) {
	unlock, err := s.Store.syncLock(ctx)
	if err != nil {
		return 0, err
	}
	defer unlock()
	return s.Recompute(ctx)
}
