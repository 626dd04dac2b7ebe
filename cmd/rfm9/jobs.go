package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/go-co-op/gocron/v2"

	"github.com/rfm9/rfm9/jobs"
	"github.com/rfm9/rfm9/mirror"
)

// schedule registers the service's jobs: each is idempotent and runs one at a time
// (a run still going when the next is due makes it wait for the next slot).
func (s *service) schedule(ctx context.Context, syncEvery time.Duration) (gocron.Scheduler, error) {
	sched, err := gocron.NewScheduler(gocron.WithLocation(s.loc))
	if err != nil {
		return nil, fmt.Errorf("scheduler: %w", err)
	}
	jobs := []struct {
		name string
		def  gocron.JobDefinition
		run  func(context.Context) error
	}{
		{"incremental-sync", gocron.DurationJob(syncEvery), func(ctx context.Context) error { return s.sync(ctx, false) }},
		{"full-sync", gocron.DailyJob(1, gocron.NewAtTimes(gocron.NewAtTime(3, 0, 0))), func(ctx context.Context) error { return s.sync(ctx, true) }},
		{"re-age", gocron.DailyJob(1, gocron.NewAtTimes(gocron.NewAtTime(0, 1, 0))), func(ctx context.Context) error {
			_, err := s.syncer.Reage(ctx)
			if errors.Is(err, mirror.ErrBusy) {
				return errSkipped
			}
			return err
		}},
		// After re-aging, so that a month's last day has ended everywhere in the base.
		{"month-end-snapshot", gocron.MonthlyJob(1, gocron.NewDaysOfTheMonth(1), gocron.NewAtTimes(gocron.NewAtTime(0, 5, 0))), func(ctx context.Context) error {
			_, err := s.syncer.TakeMonthEnds(ctx)
			if errors.Is(err, mirror.ErrBusy) {
				return errSkipped
			}
			return err
		}},
	}
	for _, j := range jobs {
		_, err := sched.NewJob(j.def, gocron.NewTask(s.logged(j.name, j.run)), gocron.WithName(j.name),
			gocron.WithContext(ctx), gocron.WithSingletonMode(gocron.LimitModeReschedule))
		if err != nil {
			return nil, fmt.Errorf("scheduler: job %s: %w", j.name, err)
		}
	}
	sched.Start()
	return sched, nil
}

// errSkipped marks a run that found its work held elsewhere.
var errSkipped = errors.New("skipped: another run holds the work")

// sync runs one sync and records it in the metrics; a sync already running here or on
// another replica makes this one a skip, not a failure.
func (s *service) sync(ctx context.Context, full bool) error {
	res, err := s.runner.Run(ctx, full)
	if errors.Is(err, mirror.ErrBusy) {
		return errSkipped
	}
	if err == nil {
		s.metrics.ObserveSync(res.Full, res.Records, res.Took)
	}
	return err
}

// logged wraps a job so that each run is recorded in the store, logged with its
// duration and counted.
func (s *service) logged(name string, run func(context.Context) error) func(context.Context) {
	return func(ctx context.Context) {
		start := time.Now()
		id, recErr := s.jobs.Start(ctx, name, s.replica, start)
		err := run(ctx)
		status := jobs.StatusOK
		switch {
		case errors.Is(err, errSkipped):
			status, err = jobs.StatusSkipped, nil
		case err != nil:
			status = jobs.StatusFailed
		}
		if recErr == nil {
			recErr = s.jobs.Finish(context.WithoutCancel(ctx), id, status, err, time.Now())
		}
		if recErr != nil {
			slog.Warn("job run not recorded", "job", name, "err", recErr)
		}
		s.metrics.ObserveJob(name, err)
		if err != nil {
			slog.Error("job failed", "job", name, "err", err, "took", time.Since(start).Round(time.Millisecond))
			return
		}
		slog.Info("job done", "job", name, "took", time.Since(start).Round(time.Millisecond))
	}
}
