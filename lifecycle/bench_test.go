package lifecycle

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rfm9/rfm9/onec"
)

// benchSales makes n lines of documents of 1–6 lines for clients GUIDs, in date order
// over about three years.
func benchSales(n, clients int) []onec.Sale {
	rng := rand.New(rand.NewPCG(1, 1))
	ids := make([]string, clients)
	for i := range ids {
		ids[i] = fmt.Sprintf("%08x-%04x-11f0-9d47-3c64cfca4840", rng.Uint32(), rng.IntN(1<<16))
	}
	start := time.Date(2023, 11, 1, 9, 0, 0, 0, time.UTC)
	sales := make([]onec.Sale, 0, n)
	for doc := 0; len(sales) < n; doc++ {
		client := ids[rng.IntN(clients)]
		docID := fmt.Sprintf("%08x-0000-11f0-8000-000000000000", doc)
		at := start.Add(time.Duration(len(sales)) * 95 * time.Second)
		for range 1 + rng.IntN(6) {
			sales = append(sales, onec.Sale{ClientID: client, DocumentID: docID, Period: at, Amount: rng.Int64N(500_000) - 20_000, Lines: 1})
		}
	}
	return sales[:n]
}

func BenchmarkLedger(b *testing.B) {
	sales := benchSales(1_000_000, 150_000)
	b.ReportAllocs()
	for b.Loop() {
		l := NewLedger(time.UTC)
		for i := 0; i < len(sales); i += 4096 {
			l.Add(sales[i:min(i+4096, len(sales))])
		}
		l.Close()
	}
	b.ReportMetric(float64(len(sales)*b.N)/b.Elapsed().Seconds(), "lines/s")
}

func BenchmarkClassify(b *testing.B) {
	l := NewLedger(time.UTC)
	l.Add(benchSales(1_000_000, 150_000))
	_, last, _ := l.Span()
	stats, skipped := l.Stats(last)
	c, _ := NewClassifier(DefaultBounds())
	var codes []Code
	b.ReportAllocs()
	for b.Loop() {
		_, codes = c.Classify(last, stats, skipped, codes)
	}
	b.ReportMetric(float64(len(stats)*b.N)/b.Elapsed().Seconds(), "clients/s")
}

func BenchmarkSnapshots36(b *testing.B) {
	l := NewLedger(time.UTC)
	l.Add(benchSales(1_000_000, 150_000))
	first, last, _ := l.Span()
	dates := MonthEnds(first, last)
	c, _ := NewClassifier(DefaultBounds())
	b.ReportAllocs()
	for b.Loop() {
		if err := l.Snapshots(dates, c, func(Matrix, []ClientStats, []Code) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(dates)), "snapshots")
}
