package jobs_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/rfm9/rfm9/jobs"
	"github.com/rfm9/rfm9/store"
	"github.com/rfm9/rfm9/store/storetest"
)

func TestRuns(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, err := jobs.NewStore(db)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 11, 23, 3, 0, 0, 0, time.UTC)
		a, _ := s.Start(ctx, "full-sync", "host-a", now)
		b, _ := s.Start(ctx, "re-age", "host-b", now)
		if err := s.Finish(ctx, a, jobs.StatusFailed, errors.New("1C did not answer"), now.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		runs, err := s.Recent(ctx, 10)
		if err != nil || len(runs) != 2 {
			t.Fatalf("%v %v", runs, err)
		}
		if runs[0].ID != b || runs[0].Status != jobs.StatusRunning || runs[1].Error != "1C did not answer" || !runs[1].FinishedAt.Valid {
			t.Errorf("runs: %+v", runs)
		}
	})
}
