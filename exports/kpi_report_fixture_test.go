package exports

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/rfm9/rfm9/configs"
	"github.com/rfm9/rfm9/kpi"
	"github.com/rfm9/rfm9/lifecycle"
)

// The report fixture: January..March 2024 by month, default bounds (1 | 2–3 | 4+
// purchases, 90 / 180 days), no discounts.
//
//	client date        net (kopecks)  lines
//	0      2023-12-10  +100 000       1      history: c0 is not new in January
//	0      2024-01-15  +250 050       3      a repeat purchase
//	1      2024-01-20  +123 456       2      c1's first purchase: the January cohort
//	                                         February: no documents at all
//	1      2024-03-05   +50 000       1      repeat
//	2      2024-03-10   −10 000       1      a return without any purchase
//
// By hand:
//
//	            revenue          purchases buyers avg check           repeat share retention
//	2024-01     373 506 (3735.06) 2        2      186 753 (1867.53)   1/2          1/1 (c0 bought in Dec)
//	2024-02     0                 0        0      —                   —            0/2
//	2024-03     40 000 (400.00)   1        1      50 000 (500.00)     1/1          — (nobody bought in Feb)
//
// January cohort: c1 alone; LTV after 1 month 1234.56, after 3 months 1734.56.
func fixtureDocs() []kpi.Document {
	d := lifecycle.DayFromCivil
	return []kpi.Document{
		{Client: 0, Day: d(2023, 12, 10), Net: 100_000, Lines: 1},
		{Client: 0, Day: d(2024, 1, 15), Net: 250_050, Lines: 3},
		{Client: 1, Day: d(2024, 1, 20), Net: 123_456, Lines: 2},
		{Client: 1, Day: d(2024, 3, 5), Net: 50_000, Lines: 1},
		{Client: 2, Day: d(2024, 3, 10), Net: -10_000, Lines: 1},
	}
}

var fixtureRange = kpi.Range{From: lifecycle.DayFromCivil(2024, 1, 1), To: lifecycle.DayFromCivil(2024, 3, 31)}

func fixtureNames(t testing.TB) *lifecycle.Names {
	t.Helper()
	names, err := lifecycle.ParseNames(configs.SegmentsYAML)
	if err != nil {
		t.Fatal(err)
	}
	return &names
}

// fixtureMatrix places three clients in cells 33, 21 and 12 with tertile money classes
// M3, M1, M2 (cuts at 100.00 and 300.00 ₽): codes 333, 211 and 122.
func fixtureMatrix(t testing.TB, asOf lifecycle.Day) *lifecycle.Matrix {
	t.Helper()
	c, err := lifecycle.NewClassifier(lifecycle.DefaultBounds())
	if err != nil {
		t.Fatal(err)
	}
	stats := []lifecycle.ClientStats{
		{Client: 0, Purchases: 7, Monetary: 500_000, Recency: 10}, // average check 714.2857 ₽
		{Client: 1, Purchases: 1, Monetary: 10_000, Recency: 100},
		{Client: 2, Purchases: 2, Monetary: 30_000, Recency: 200},
	}
	m, _ := c.Classify(asOf, stats, lifecycle.Skipped{}, nil)
	return &m
}

// fixtureReport runs the KPI passes over the fixture's documents, as the assembler does.
func fixtureReport(t testing.TB, lang string) *KPIReport {
	t.Helper()
	names := fixtureNames(t)
	p, err := kpi.NewPeriodic(kpi.Options{Range: fixtureRange, Period: kpi.Month, Clients: 3, Bounds: lifecycle.DefaultBounds()})
	if err != nil {
		t.Fatal(err)
	}
	co, err := kpi.NewCohorts(fixtureRange, 3)
	if err != nil {
		t.Fatal(err)
	}
	docs := fixtureDocs()
	if err := p.Add(docs); err != nil {
		t.Fatal(err)
	}
	if err := co.Add(docs); err != nil {
		t.Fatal(err)
	}
	rep := p.Report()
	m := fixtureMatrix(t, fixtureRange.To)
	g := lifecycle.NewGrouping(lifecycle.LevelCell, names)
	var dyn lifecycle.Dynamics
	dyn.Level, dyn.Groups = g.Level, g.Groups
	dyn.AddPoint(fixtureMatrix(t, lifecycle.DayFromCivil(2024, 1, 31)), 1, g)
	dyn.AddPoint(m, 2, g)
	tr := fixtureTransitions(g)
	return &KPIReport{
		Lang: lang, Range: fixtureRange, Period: kpi.Month, Generated: time.Date(2024, 4, 1, 9, 30, 0, 0, time.UTC),
		BoundsVersion: 2, Matrix: m, Names: names,
		Rows: rep.Rows(kpi.ByNone, names), Segments: rep.Rows(kpi.BySegment, names),
		Dynamics: dyn, Transitions: &tr, Snapshots: 2, Cohorts: co.Report(),
	}
}

// fixtureTransitions: 333 → 233 (worse), 211 → 311 (better), new → 122, 111 → gone.
func fixtureTransitions(g *lifecycle.Grouping) lifecycle.Transitions {
	p := func(s string) lifecycle.Packed {
		c, _ := lifecycle.ParseCode(s)
		return lifecycle.Pack(c)
	}
	from := []lifecycle.Packed{p("333"), p("211"), lifecycle.NoCode, p("111")}
	to := []lifecycle.Packed{p("233"), p("311"), p("122"), lifecycle.NoCode}
	t := lifecycle.CountTransitions(from, to, g)
	t.From, t.To = lifecycle.DayFromCivil(2024, 1, 31), lifecycle.DayFromCivil(2024, 3, 31)
	return t
}

// writeAndOpen writes a report and opens the bytes with excelize again.
func writeAndOpen(t *testing.T, r *KPIReport) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteKPIReport(&buf, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, buf.Bytes()
}
