package mirror

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rfm9/rfm9/kpi"
	"github.com/rfm9/rfm9/lifecycle"
)

// BenchmarkKPIDocuments reads every document of an existing store the way the KPI
// endpoints do, on RFM9_BENCH_STORE (see benchStore), e.g. one made by bench/api.sh.
func BenchmarkKPIDocuments(b *testing.B) {
	ctx := context.Background()
	s, _ := benchStore(b)
	for b.Loop() {
		var docs int
		err := s.KPIDocuments(ctx, lifecycle.DayFromCivil(2030, 1, 1), func(int) error { return nil },
			func(batch []kpi.Document) error { docs += len(batch); return nil })
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(docs), "docs")
	}
}

// BenchmarkFindClient reads one client's card and history the way GET /clients/{id}
// does, on RFM9_BENCH_STORE.
func BenchmarkFindClient(b *testing.B) {
	ctx := context.Background()
	s, db := benchStore(b)
	var ids []string
	if err := db.Select(&ids, "SELECT client_id FROM client_segments LIMIT 10000"); err != nil {
		b.Fatal(err)
	}
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			id := ids[i%len(ids)]
			i++
			if _, err := s.FindClient(ctx, id); err != nil {
				b.Fatal(err)
			}
			if _, err := s.History(ctx, id); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkPush pushes new documents of existing clients one by one, as POST /sales
// does, into RFM9_BENCH_STORE (a copy: it writes). wal-frames/op is the pages written
// to SQLite's log per push: exact while the log is not checkpointed during the run
// (under 50 000 pages: -benchtime 4000x).
func BenchmarkPush(b *testing.B) {
	ctx := context.Background()
	s, db := benchStore(b)
	var ids []string
	if err := db.Select(&ids, "SELECT client_id FROM client_segments ORDER BY random() LIMIT 100000"); err != nil {
		b.Fatal(err)
	}
	var path string
	if err := db.Get(&path, "SELECT file FROM pragma_database_list WHERE name = 'main'"); err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	loc, _ := time.LoadLocation("Europe/Moscow")
	now := time.Date(2026, 11, 1, 12, 0, 0, 0, loc)
	var n atomic.Int64
	var mu sync.Mutex
	var took []time.Duration
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			i := n.Add(1)
			d := Pushed{DocumentID: fmt.Sprintf("bench-%d-%d", time.Now().UnixNano(), i), ClientID: ids[int(i)%len(ids)],
				Period: now, Posted: true, Version: 1, NetKop: 100_000, Lines: 1}
			start := time.Now()
			if _, err := s.Push(ctx, d, loc, now); err != nil {
				b.Error(err)
				return
			}
			mine = append(mine, time.Since(start))
		}
		mu.Lock()
		took = append(took, mine...)
		mu.Unlock()
	})
	b.StopTimer()
	if st, err := os.Stat(path + "-wal"); err == nil {
		b.ReportMetric(float64(st.Size()-32)/float64(4096+24)/float64(b.N), "wal-frames/op")
	}
	slices.Sort(took)
	if len(took) > 0 {
		b.ReportMetric(float64(took[len(took)/2].Microseconds()), "p50-µs")
		b.ReportMetric(float64(took[len(took)*99/100].Microseconds()), "p99-µs")
		b.ReportMetric(float64(took[len(took)-1].Microseconds()), "max-µs")
	}
}
