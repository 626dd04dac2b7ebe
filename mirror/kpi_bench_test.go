package mirror

import (
	"context"
	"os"
	"testing"

	"github.com/rfm9/rfm9/kpi"
	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/store"
)

// BenchmarkKPIDocuments reads every document of an existing store the way the KPI
// endpoints do. It needs a synced store: RFM9_BENCH_STORE=sqlite:PATH (or a postgres://
// DSN), e.g. one made by bench/api.sh.
func BenchmarkKPIDocuments(b *testing.B) {
	dsn := os.Getenv("RFM9_BENCH_STORE")
	if dsn == "" {
		b.Skip("RFM9_BENCH_STORE not set")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	s, err := NewStore(db)
	if err != nil {
		b.Fatal(err)
	}
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
	dsn := os.Getenv("RFM9_BENCH_STORE")
	if dsn == "" {
		b.Skip("RFM9_BENCH_STORE not set")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	s, err := NewStore(db)
	if err != nil {
		b.Fatal(err)
	}
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
