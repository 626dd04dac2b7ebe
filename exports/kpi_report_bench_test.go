package exports

import (
	"fmt"
	"testing"
	"time"

	"github.com/rfm9/rfm9/kpi"
	"github.com/rfm9/rfm9/lifecycle"
)

// benchReport is a report of 36 months over a million clients: every table at the size
// the issue's target (1M clients, 10M documents, 36 months) gives it.
func benchReport(b *testing.B) *KPIReport {
	names := fixtureNames(b)
	rng := kpi.Range{From: lifecycle.DayFromCivil(2022, 1, 1), To: lifecycle.DayFromCivil(2024, 12, 31)}
	periods, err := rng.Periods(kpi.Month)
	if err != nil {
		b.Fatal(err)
	}
	r := &KPIReport{Range: rng, Period: kpi.Month, Generated: time.Now(), BoundsVersion: 3, Names: names,
		Matrix: fixtureMatrix(b, rng.To)}
	g := lifecycle.NewGrouping(lifecycle.LevelCell, names)
	r.Dynamics = lifecycle.Dynamics{Level: g.Level, Groups: g.Groups}
	for i, p := range periods {
		n := int64(i + 1)
		c := kpi.Counts{Documents: 280_000, Revenue: 1_234_567_89 * n, PurchaseRevenue: 1_300_000_00 * n, Returns: 65_432_11 * n,
			Discount: 7_000_00 * n, Purchases: 270_000, Lines: 810_000, Buyers: 150_000, RepeatPurchases: 190_000, RepeatRevenue: 900_000_00 * n,
			NewBuyers: 20_000, ReturnedBuyers: 5_000, PrevBuyers: 149_000, Retained: 60_000, ClientsAtStart: 600_000 + 10_000*n,
			ActiveAtStart: 200_000, StillActive: 120_000}
		r.Rows = append(r.Rows, kpi.Row{Period: p, Group: kpi.Group{Key: "all"}, Counts: c, DiscountsKnown: true})
		for _, cell := range lifecycle.Cells() {
			r.Segments = append(r.Segments, kpi.Row{Period: p, Group: kpi.Group{Key: cell.String()}, Counts: c, DiscountsKnown: true})
		}
		r.Dynamics.AddPoint(fixtureMatrix(b, p.End), 3, g)
		co := kpi.Cohort{Month: p, Clients: 20_000}
		for k := range len(periods) - i {
			co.Months = append(co.Months, kpi.CohortMonth{Buyers: int64(20_000 / (k + 1)), Net: int64(3_000_000_00 / (k + 1)), Complete: true})
		}
		r.Cohorts.Cohorts = append(r.Cohorts.Cohorts, co)
	}
	r.Snapshots = len(r.Dynamics.Points)
	t := fixtureTransitions(g)
	r.Transitions = &t
	return r
}

// BenchmarkWriteKPIReport measures the writer alone: the store's reading is another
// matter (docs/benchmarks.md, "Excel KPI report").
func BenchmarkWriteKPIReport(b *testing.B) {
	r := benchReport(b)
	var size countWriter
	b.ReportAllocs()
	for b.Loop() {
		size = 0
		if err := WriteKPIReport(&size, r); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(size)/1024, "KiB/file")
}

type countWriter int64

func (w *countWriter) Write(p []byte) (int, error) {
	*w += countWriter(len(p))
	return len(p), nil
}

func ExampleWriteKPIReport() {
	// A report assembled from the store (AssembleKPIReport) or by hand goes to any
	// io.Writer: a file, an HTTP response.
	r := &KPIReport{Lang: "en", Range: kpi.Range{From: lifecycle.DayFromCivil(2024, 1, 1), To: lifecycle.DayFromCivil(2024, 12, 31)}, Period: kpi.Month}
	var w countWriter
	fmt.Println(WriteKPIReport(&w, r), w > 0)
	// Output: <nil> true
}
