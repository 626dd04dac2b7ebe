package kpi

import (
	"fmt"
	"strings"
	"testing"
)

var fixtureRange = Range{From: day("2024-02-01"), To: day("2024-05-31")}

// monthTotals are the by=none columns of the table in fixture_test.go.
var monthTotals = map[string]Counts{
	"2024-02": {Documents: 5, Revenue: 49_000, PurchaseRevenue: 55_000, Returns: 6_000, Discount: 4_000,
		Purchases: 4, Lines: 5, Buyers: 2, RepeatPurchases: 3, RepeatRevenue: 43_000, NewBuyers: 1,
		PrevBuyers: 3, Retained: 1, ClientsAtStart: 4, ActiveAtStart: 3, StillActive: 1},
	"2024-03": {Documents: 3, Revenue: 90_000, PurchaseRevenue: 90_000, Discount: 5_000,
		Purchases: 3, Lines: 11, Buyers: 3, RepeatPurchases: 2, RepeatRevenue: 40_000, NewBuyers: 1, ReturnedBuyers: 1,
		PrevBuyers: 2, Retained: 1, ClientsAtStart: 5, ActiveAtStart: 2, StillActive: 1},
	"2024-04": {Documents: 3, Revenue: 3_000, PurchaseRevenue: 10_000, Returns: 7_000,
		Purchases: 1, Lines: 1, Buyers: 1, RepeatPurchases: 1, RepeatRevenue: 10_000,
		PrevBuyers: 3, Retained: 1, ClientsAtStart: 6, ActiveAtStart: 3, StillActive: 1},
	"2024-05": {Documents: 1, Revenue: -1_000, Returns: 1_000,
		PrevBuyers: 1, ClientsAtStart: 6, ActiveAtStart: 1},
}

func TestMonthlyTotals(t *testing.T) {
	rep := report(t, fixture(), fixtureRange, Month)
	rows := rep.Rows(ByNone, nil)
	if len(rows) != 4 {
		t.Fatalf("%d rows, want 4", len(rows))
	}
	for _, r := range rows {
		if r.Group.Key != "all" {
			t.Errorf("%s: group %q, want all", r.Period.Key, r.Group.Key)
		}
		if want := monthTotals[r.Period.Key]; r.Counts != want {
			t.Errorf("%s:\n got %+v\nwant %+v", r.Period.Key, r.Counts, want)
		}
	}
	if !rep.DiscountsKnown {
		t.Error("DiscountsKnown = false, the fixture has discounts")
	}
}

// TestMonthlyKPIs checks every formula, rendered, against the KPI table of the fixture.
func TestMonthlyKPIs(t *testing.T) {
	rows := report(t, fixture(), fixtureRange, Month).Rows(ByNone, nil)
	type kpis struct{ check, depth, freq, repeat, repeatRev, retention, churn, lifecycle, discount string }
	want := map[string]kpis{
		"2024-02": {"137,50 ₽", "1,25", "2,00", "7500", "7818", "3333", "6667", "3333", "755"},
		"2024-03": {"300 ₽", "3,67", "1,00", "6667", "4444", "5000", "5000", "5000", "526"},
		"2024-04": {"100 ₽", "1,00", "1,00", "10000", "10000", "3333", "6667", "3333", "0"},
		"2024-05": {"—", "—", "—", "n/a", "n/a", "0", "10000", "0", "n/a"},
	}
	for _, r := range rows {
		got := kpis{
			check: r.AverageCheck().Rubles("ru"), depth: r.Depth().Decimal(2, "ru"), freq: r.Frequency().Decimal(2, "ru"),
			repeat: bp(r.RepeatShare()), repeatRev: bp(r.RepeatRevenueShare()),
			retention: bp(r.Retention()), churn: bp(r.Churn()), lifecycle: bp(r.LifecycleRetention()),
			discount: bp(r.DiscountShare()),
		}
		if got != want[r.Period.Key] {
			t.Errorf("%s:\n got %+v\nwant %+v", r.Period.Key, got, want[r.Period.Key])
		}
	}
}

func bp(r Ratio) string {
	v, ok := r.BasisPoints()
	if !ok {
		return "n/a"
	}
	return fmt.Sprint(v)
}

func TestDiscountShareWithoutDiscounts(t *testing.T) {
	docs := fixture()
	for i := range docs {
		docs[i].Discount = 0
	}
	rep := report(t, docs, fixtureRange, Month)
	if rep.DiscountsKnown {
		t.Fatal("DiscountsKnown = true with no discount anywhere")
	}
	for _, r := range rep.Rows(ByNone, nil) {
		if s := r.DiscountShare(); s.Valid() {
			t.Errorf("%s: discount share %+v, want not available", r.Period.Key, s)
		}
		if r.DiscountShare().Percent("ru") != "—" {
			t.Errorf("%s: rendered %q", r.Period.Key, r.DiscountShare().Percent("ru"))
		}
	}
}

// TestBySegment checks February and March cell by cell (cells at the start in the
// fixture's table: Feb 1 — A 32, B 11, D and G 31, C new; Mar 1 — A 33, B 11, C 32,
// D and G 21, E new).
func TestBySegment(t *testing.T) {
	rows := report(t, fixture(), fixtureRange, Month).Rows(BySegment, defaultNames(t))
	want := map[string]Counts{
		"2024-02/31": {Documents: 1, Revenue: -6_000, Returns: 6_000, PrevBuyers: 2, ClientsAtStart: 2, ActiveAtStart: 2},
		"2024-02/32": {Documents: 2, Revenue: 35_000, PurchaseRevenue: 35_000, Discount: 3_000, Purchases: 2, Lines: 2,
			Buyers: 1, RepeatPurchases: 2, RepeatRevenue: 35_000, PrevBuyers: 1, Retained: 1,
			ClientsAtStart: 1, ActiveAtStart: 1, StillActive: 1},
		"2024-02/11": {ClientsAtStart: 1},
		"2024-02/new": {Documents: 2, Revenue: 20_000, PurchaseRevenue: 20_000, Discount: 1_000, Purchases: 2, Lines: 3,
			Buyers: 1, RepeatPurchases: 1, RepeatRevenue: 8_000, NewBuyers: 1},
		"2024-03/33": {Documents: 1, Revenue: 15_000, PurchaseRevenue: 15_000, Purchases: 1, Lines: 2, Buyers: 1,
			RepeatPurchases: 1, RepeatRevenue: 15_000, PrevBuyers: 1, Retained: 1, ClientsAtStart: 1, ActiveAtStart: 1, StillActive: 1},
		"2024-03/32": {PrevBuyers: 1, ClientsAtStart: 1, ActiveAtStart: 1},
		"2024-03/21": {ClientsAtStart: 2},
		"2024-03/11": {Documents: 1, Revenue: 25_000, PurchaseRevenue: 25_000, Discount: 5_000, Purchases: 1, Lines: 5,
			Buyers: 1, RepeatPurchases: 1, RepeatRevenue: 25_000, ReturnedBuyers: 1, ClientsAtStart: 1},
		"2024-03/new": {Documents: 1, Revenue: 50_000, PurchaseRevenue: 50_000, Purchases: 1, Lines: 4, Buyers: 1, NewBuyers: 1},
	}
	var keys []string
	for _, r := range rows {
		key := r.Period.Key + "/" + r.Group.Key
		if r.Period.Key == "2024-02" {
			keys = append(keys, r.Group.Key+"="+r.Group.Name.RU)
		}
		if r.Period.Key > "2024-03" {
			continue
		}
		if r.Counts != want[key] {
			t.Errorf("%s:\n got %+v\nwant %+v", key, r.Counts, want[key])
		}
	}
	wantKeys := "31=Новички 32=Перспективные 33=Постоянные 21=Разовые засыпающие 22=Засыпающие " +
		"23=Постоянные под угрозой 11=Разовые ушедшие 12=Ушедшие 13=Потерянные постоянные new=Новые (без покупок до начала периода)"
	if got := strings.Join(keys, " "); got != wantKeys {
		t.Errorf("groups:\n got %s\nwant %s", got, wantKeys)
	}
}

func TestByStage(t *testing.T) {
	rows := report(t, fixture(), fixtureRange, Month).Rows(ByStage, defaultNames(t))
	var got []string
	for _, r := range rows[:6] { // February
		got = append(got, fmt.Sprintf("%s %s: docs=%d buyers=%d base=%d", r.Group.Key, r.Group.Name.RU, r.Documents, r.Buyers, r.ClientsAtStart))
	}
	want := []string{
		"31 Первая покупка: docs=1 buyers=0 base=2",
		"32 Перспективный: docs=2 buyers=1 base=1",
		"33 Постоянный: docs=0 buyers=0 base=0",
		"21,22,23 Удержать: docs=0 buyers=0 base=0",
		"11,12,13 Вернуть: docs=0 buyers=0 base=1",
		"new Новые (без покупок до начала периода): docs=2 buyers=1 base=0",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("February by stage:\n got %q\nwant %q", got, want)
	}
	if len(rows) != 4*6 {
		t.Errorf("%d rows, want 24", len(rows))
	}
}

// TestGroupsAddUp checks that by=segment and by=stage rows sum to the by=none row.
func TestGroupsAddUp(t *testing.T) {
	for _, k := range []PeriodKind{Month, Quarter, Year} {
		rep := report(t, fixture(), fixtureRange, k)
		checkAddUp(t, rep)
	}
}

func checkAddUp(t *testing.T, rep Report) {
	t.Helper()
	names := defaultNames(t)
	total := rep.Rows(ByNone, nil)
	for _, by := range []By{BySegment, ByStage} {
		sums := make([]Counts, len(total))
		rows := rep.Rows(by, names)
		per := len(rows) / len(total)
		for i := range rows {
			sums[i/per].add(&rows[i].Counts)
		}
		for i := range total {
			if sums[i] != total[i].Counts {
				t.Errorf("%s by %s: groups sum to\n%+v, total\n%+v", total[i].Period.Key, by, sums[i], total[i].Counts)
			}
		}
	}
}

// Quarters and the year of the fixture, widened back to 2024-01-01:
//
//	                 Q1 (Jan–Mar)                    Q2 (Apr–May 31, partial)   2024 (to May 31, partial)
//	start as of      2023-12-31: A 31, B 21          2024-03-31 (see the table)  2023-12-31
//	documents        11 (#3–#13)                     4 (#14–#17)                15
//	revenue          33000+49000+90000 = 172000      −2000−5000+10000−1000=2000 174000
//	purchase rev.    6000+20000+7000+55000+90000     10000                      188000
//	                 = 178000
//	returns          6000                            8000                       14000
//	discount         9000                            0                          9000
//	purchases        10                              1                          11
//	lines            1+3+1+5+11 = 21                 1                          22
//	buyers           6 (D, A, G, C, E, B)            1 (E)                      6
//	repeat           6 (#4, 6, 7, 10, 12, 13)        1 (#16)                    7
//	repeat revenue   20000+43000+40000 = 103000      10000                      113000
//	new buyers       4 (D, G, C, E)                  0                          4
//	returned         0 (B was R2 on Jan 1)           0                          0
//	prev buyers      2 (Q4 2023: A, B)               6 (Q1: A, B, C, D, E, G)   2 (2023: A, B)
//	retained         2 (A, B)                        1 (E)                      2
//	clients at start 2                               6                          2
//	R3 at start      1 (A)                           3 (A, B, E)                1 (A)
//	still R3 at end  1 (A, 16 days on Mar 31)        0 (on May 31: A 13, B 12, E 22)  0 (A is 13)
var quarterTotals = []Counts{
	{Documents: 11, Revenue: 172_000, PurchaseRevenue: 178_000, Returns: 6_000, Discount: 9_000, Purchases: 10, Lines: 21,
		Buyers: 6, RepeatPurchases: 6, RepeatRevenue: 103_000, NewBuyers: 4, PrevBuyers: 2, Retained: 2,
		ClientsAtStart: 2, ActiveAtStart: 1, StillActive: 1},
	{Documents: 4, Revenue: 2_000, PurchaseRevenue: 10_000, Returns: 8_000, Purchases: 1, Lines: 1,
		Buyers: 1, RepeatPurchases: 1, RepeatRevenue: 10_000, PrevBuyers: 6, Retained: 1, ClientsAtStart: 6, ActiveAtStart: 3},
}

var yearTotal = Counts{Documents: 15, Revenue: 174_000, PurchaseRevenue: 188_000, Returns: 14_000, Discount: 9_000,
	Purchases: 11, Lines: 22, Buyers: 6, RepeatPurchases: 7, RepeatRevenue: 113_000, NewBuyers: 4,
	PrevBuyers: 2, Retained: 2, ClientsAtStart: 2, ActiveAtStart: 1}

func TestQuarterAndYear(t *testing.T) {
	q := report(t, fixture(), fixtureRange, Quarter).Rows(ByNone, nil)
	wantPeriods := []Period{
		{Key: "2024-Q1", Start: day("2024-01-01"), End: day("2024-03-31")},
		{Key: "2024-Q2", Start: day("2024-04-01"), End: day("2024-05-31"), Partial: true},
	}
	if len(q) != 2 {
		t.Fatalf("%d quarters, want 2", len(q))
	}
	for i := range q {
		if q[i].Period != wantPeriods[i] {
			t.Errorf("quarter %d: %+v, want %+v", i, q[i].Period, wantPeriods[i])
		}
		if q[i].Counts != quarterTotals[i] {
			t.Errorf("%s:\n got %+v\nwant %+v", q[i].Period.Key, q[i].Counts, quarterTotals[i])
		}
	}
	// Q1: check 178000/10 = 17 800 kop; repeat revenue 103000/178000 = 5786.5… → 5787 bp.
	if got := q[0].AverageCheck().Rubles("ru"); got != "178 ₽" {
		t.Errorf("Q1 average check %s, want 178 ₽", got)
	}
	if got := bp(q[0].RepeatRevenueShare()); got != "5787" {
		t.Errorf("Q1 repeat revenue share %s bp, want 5787", got)
	}
	y := report(t, fixture(), fixtureRange, Year).Rows(ByNone, nil)
	wantYear := Period{Key: "2024", Start: day("2024-01-01"), End: day("2024-05-31"), Partial: true}
	if len(y) != 1 || y[0].Period != wantYear || y[0].Counts != yearTotal {
		t.Errorf("year:\n got %+v\nwant %+v %+v", y, wantYear, yearTotal)
	}
}

// TestMonthsSumToQuarter: the additive totals of Feb and Mar plus January equal Q1
// (buyers are not additive over time, so only the sums of documents are compared).
func TestMonthsSumToQuarter(t *testing.T) {
	m := report(t, fixture(), Range{From: day("2024-01-01"), To: day("2024-03-31")}, Month).Rows(ByNone, nil)
	var sum Counts
	for _, r := range m {
		sum.add(&Counts{Documents: r.Documents, Revenue: r.Revenue, PurchaseRevenue: r.PurchaseRevenue,
			Returns: r.Returns, Discount: r.Discount, Purchases: r.Purchases, Lines: r.Lines,
			RepeatPurchases: r.RepeatPurchases, RepeatRevenue: r.RepeatRevenue, NewBuyers: r.NewBuyers})
	}
	q := quarterTotals[0]
	want := Counts{Documents: q.Documents, Revenue: q.Revenue, PurchaseRevenue: q.PurchaseRevenue, Returns: q.Returns,
		Discount: q.Discount, Purchases: q.Purchases, Lines: q.Lines, RepeatPurchases: q.RepeatPurchases,
		RepeatRevenue: q.RepeatRevenue, NewBuyers: q.NewBuyers}
	if sum != want {
		t.Errorf("Jan+Feb+Mar:\n got %+v\nwant %+v", sum, want)
	}
}

// TestEmptyPeriods: no documents at all in the range still gives rows with the base at
// the start and the retention of the previous period's buyers, and no ratio divides by zero.
func TestEmptyPeriods(t *testing.T) {
	rep := report(t, fixture()[:5], Range{From: day("2024-02-01"), To: day("2024-03-31")}, Month) // history to Jan 25
	rows := rep.Rows(ByNone, nil)
	want := []Counts{
		{PrevBuyers: 3, ClientsAtStart: 4, ActiveAtStart: 3},  // Jan buyers A, D, G; D, G, A all R3 on Jan 31
		{ClientsAtStart: 4, ActiveAtStart: 0, StillActive: 0}, // Feb 29: A 40d, D 55d, G 35d → R2; B R1
	}
	for i, r := range rows {
		if r.Counts != want[i] {
			t.Errorf("%s:\n got %+v\nwant %+v", r.Period.Key, r.Counts, want[i])
		}
		for _, ratio := range []Ratio{r.AverageCheck(), r.Depth(), r.Frequency(), r.RepeatShare(), r.RepeatRevenueShare(), r.DiscountShare()} {
			if ratio.Valid() {
				t.Errorf("%s: %+v should not be available", r.Period.Key, ratio)
			}
		}
	}
	if got := rows[0].Churn(); got != (Ratio{3, 3}) {
		t.Errorf("Feb churn %+v, want 3/3", got)
	}
	if got := rows[1].Retention(); got.Valid() {
		t.Errorf("Mar retention %+v, want not available: nobody bought in Feb", got)
	}
}

func TestInputErrors(t *testing.T) {
	p, err := NewPeriodic(Options{Range: fixtureRange, Period: Month, Clients: 2, Bounds: fixtureBounds()})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Add([]Document{doc("C", "2024-01-01", 1, 0, 1)}); err == nil || !strings.Contains(err.Error(), "only 2 clients") {
		t.Errorf("unknown client: %v", err)
	}
	p.Add([]Document{doc("A", "2024-02-10", 1, 0, 1)})
	if err := p.Add([]Document{doc("B", "2024-02-09", 1, 0, 1)}); err == nil || !strings.Contains(err.Error(), "date order") {
		t.Errorf("out of order: %v", err)
	}
	p.Report()
	if err := p.Add(nil); err == nil {
		t.Error("Add after Report: no error")
	}
	bad := []Options{
		{Range: Range{From: day("2024-02-01"), To: day("2024-01-01")}, Period: Month, Bounds: fixtureBounds()},
		{Range: fixtureRange, Period: 0, Bounds: fixtureBounds()},
		{Range: fixtureRange, Period: Month},
		{Range: Range{From: day("1900-01-01"), To: day("2099-12-31")}, Period: Month, Bounds: fixtureBounds()},
		{Range: fixtureRange, Period: Month, Clients: -1, Bounds: fixtureBounds()},
	}
	for i, o := range bad {
		if _, err := NewPeriodic(o); err == nil {
			t.Errorf("options %d: no error", i)
		}
	}
}

// TestDocumentsAfterToIgnored: what comes after To changes nothing.
func TestDocumentsAfterToIgnored(t *testing.T) {
	short := Range{From: day("2024-02-01"), To: day("2024-03-31")}
	a := report(t, fixture(), short, Month).Rows(BySegment, defaultNames(t))
	b := report(t, fixture()[:13], short, Month).Rows(BySegment, defaultNames(t))
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Error("documents after To changed the report")
	}
}

// TestAddDoesNotAllocate: the passes keep per-client state only, so memory does not
// grow with the number of documents.
func TestAddDoesNotAllocate(t *testing.T) {
	docs := fixture()
	p, _ := NewPeriodic(Options{Range: fixtureRange, Period: Month, Clients: fixtureClients, Bounds: fixtureBounds()})
	c, _ := NewCohorts(fixtureRange, fixtureClients)
	i := 0
	allocs := testing.AllocsPerRun(len(docs)-1, func() {
		if err := p.Add(docs[i : i+1]); err != nil {
			t.Fatal(err)
		}
		if err := c.Add(docs[i : i+1]); err != nil {
			t.Fatal(err)
		}
		i++
	})
	if allocs != 0 {
		t.Errorf("%v allocations per document", allocs)
	}
}
