package main

import (
	"context"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/store/storetest"
)

// slowSource is a 1C base that takes a while to answer and counts how many syncs read
// it at the same time.
type slowSource struct {
	inflight, most, reads atomic.Int32
}

func (s *slowSource) Sales(ctx context.Context, p onec.Period, fn func([]onec.Sale) error) error {
	n := s.inflight.Add(1)
	defer s.inflight.Add(-1)
	for m := s.most.Load(); n > m && !s.most.CompareAndSwap(m, n); m = s.most.Load() {
	}
	s.reads.Add(1)
	time.Sleep(150 * time.Millisecond)
	at := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	return fn([]onec.Sale{{ClientID: "c1", DocumentID: "d1", Period: at, Amount: 100, Lines: 1}})
}

// TestTwoSchedulersOneStore runs two services' schedulers against one PostgreSQL store,
// as two replicas would: their syncs never overlap, and the turn a replica loses is
// recorded as skipped.
func TestTwoSchedulersOneStore(t *testing.T) {
	dsn := os.Getenv("RFM9_TEST_PG_DSN")
	if dsn == "" {
		t.Skip("RFM9_TEST_PG_DSN not set: replicas share PostgreSQL only")
	}
	db := storetest.Postgres(t, dsn)
	src := &slowSource{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var services []*service
	for range 2 {
		svc, err := newService(db, &opened{sales: src, loc: time.UTC, name: "slow", skipped: func() map[string]int64 { return nil }, close: func() error { return nil }}, 45)
		if err != nil {
			t.Fatal(err)
		}
		services = append(services, svc)
		sched, err := svc.schedule(ctx, 100*time.Millisecond)
		if err != nil {
			t.Fatal(err)
		}
		defer sched.Shutdown()
	}
	time.Sleep(2 * time.Second)
	cancel()
	if most := src.most.Load(); most != 1 {
		t.Errorf("%d syncs read 1C at once, want 1", most)
	}
	runs, err := services[0].jobs.Recent(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]int{}
	for _, r := range runs {
		if r.Job == "incremental-sync" {
			status[r.Status]++
		}
	}
	if status["ok"] < 2 || status["skipped"] < 1 || src.reads.Load() < 2 {
		t.Errorf("runs by status %v, %d reads: want syncs done and turns skipped", status, src.reads.Load())
	}
}
