package kpi

import (
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/rfm9/rfm9/lifecycle"
)

const (
	benchDocs    = 10_000_000
	benchClients = 1_000_000
	benchBatch   = 8192
)

var benchRange = Range{From: day("2022-01-01"), To: day("2024-12-31")} // 36 months

// benchDocuments are 10M documents of 1M clients spread evenly over the 36 months, in
// date order: 90% purchases, 8% returns, 2% zero sums, a discount on one in five.
// Built once; the passes read them in batches, as they would read the store.
var benchDocuments = sync.OnceValue(func() []Document {
	rng := rand.New(rand.NewPCG(1, 2))
	days := int64(benchRange.To - benchRange.From + 1)
	docs := make([]Document, benchDocs)
	for i := range docs {
		d := Document{
			Client: uint32(rng.IntN(benchClients)),
			Day:    benchRange.From + lifecycle.Day(int64(i)*days/benchDocs),
			Lines:  1 + int32(rng.IntN(8)),
		}
		switch p := rng.IntN(50); {
		case p < 45:
			d.Net = 100 + rng.Int64N(1_000_000)
		case p < 49:
			d.Net = -100 - rng.Int64N(200_000)
		}
		if rng.IntN(5) == 0 {
			d.Discount = rng.Int64N(50_000)
		}
		docs[i] = d
	}
	return docs
})

func BenchmarkMonthlyKPI(b *testing.B) {
	docs := benchDocuments()
	o := Options{Range: benchRange, Period: Month, Clients: benchClients, Bounds: lifecycle.DefaultBounds()}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		p, err := NewPeriodic(o)
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < len(docs); i += benchBatch {
			if err := p.Add(docs[i:min(i+benchBatch, len(docs))]); err != nil {
				b.Fatal(err)
			}
		}
		rep := p.Report()
		if rows := rep.Rows(BySegment, nil); len(rows) != 36*10 {
			b.Fatalf("%d rows", len(rows))
		}
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds()/1e6, "Mdocs/s")
}

func BenchmarkCohorts(b *testing.B) {
	docs := benchDocuments()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		c, err := NewCohorts(benchRange, benchClients)
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < len(docs); i += benchBatch {
			if err := c.Add(docs[i:min(i+benchBatch, len(docs))]); err != nil {
				b.Fatal(err)
			}
		}
		if rep := c.Report(); len(rep.Cohorts) != 36 {
			b.Fatalf("%d cohorts", len(rep.Cohorts))
		}
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds()/1e6, "Mdocs/s")
}
