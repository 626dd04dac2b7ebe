package mirror

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/onec/demo"
	"github.com/rfm9/rfm9/store"
)

// BenchmarkSnapshots measures the snapshot store on demo data: 36 month-end snapshots
// of RFM9_BENCH_CLIENTS clients (100 000 unless set; 10 lines each) in SQLite. It reports
// the backfill's time, the space the codes take per client, and the reads the dynamics
// page makes. For the numbers in docs/benchmarks.md:
//
//	RFM9_BENCH_CLIENTS=1000000 go test -run '^$' -bench Snapshots -benchtime 20x ./mirror
func BenchmarkSnapshots(b *testing.B) {
	clients := 100_000
	if v, err := strconv.Atoi(os.Getenv("RFM9_BENCH_CLIENTS")); err == nil && v > 0 {
		clients = v
	}
	ctx := context.Background()
	loc, _ := time.LoadLocation("Europe/Moscow")
	ledger := lifecycle.NewLedger(loc)
	batch := make([]onec.Sale, 0, 4096)
	err := demo.Generate(demo.Options{Clients: clients, Lines: 10 * clients, Seed: 1, Location: loc}, func(s onec.Sale) error {
		if batch = append(batch, s); len(batch) == cap(batch) {
			ledger.Add(batch)
			batch = batch[:0]
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	ledger.Add(batch)
	ledger.Close()
	db, err := store.Open(ctx, "sqlite:"+b.TempDir()+"/bench.db")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	s, err := NewStore(db)
	if err != nil {
		b.Fatal(err)
	}
	c, _ := lifecycle.NewClassifier(lifecycle.DefaultBounds())
	today := lifecycle.DayFromCivil(2026, 11, 1)
	dates := dueMonthEnds(ledger, today, nil)
	start := time.Now()
	err = db.InTx(ctx, func(tx *sqlx.Tx) error {
		_, err := s.writeSnapshots(ctx, tx, ledger, nil, c, 0, dates, SnapshotBackfill, time.Now())
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	backfill := time.Since(start)
	var codes, keys int64
	if err := db.Get(&codes, "SELECT sum(length(codes)) FROM snapshots"); err != nil {
		b.Fatal(err)
	}
	if err := db.Get(&keys, "SELECT sum(length(keys)) FROM snapshot_clients"); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d clients, %d documents, %d snapshots: backfill %s; codes %d B (%.1f B/client), keys %d B",
		ledger.Clients(), ledger.Documents(), len(dates), backfill.Round(time.Millisecond), codes, float64(codes)/float64(ledger.Clients()), keys)
	g := lifecycle.NewGrouping(lifecycle.LevelCell, nil)
	first, last := dates[0], dates[len(dates)-1]
	b.Run("transitions-cold", func(b *testing.B) {
		for b.Loop() {
			s.snaps = codesCache{}
			if _, err := s.Transitions(ctx, first, last, g); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("transitions-warm", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Transitions(ctx, first, last, g); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("dynamics", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Dynamics(ctx, first, last, g); err != nil {
				b.Fatal(err)
			}
		}
	})
	id := ledger.Client(uint32(ledger.Clients() / 2)).ID
	b.Run("client-snapshots", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.ClientSnapshots(ctx, id); err != nil {
				b.Fatal(err)
			}
		}
	})
}
