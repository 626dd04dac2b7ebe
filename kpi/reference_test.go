package kpi

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/rfm9/rfm9/lifecycle"
)

// randomDocs makes docs of n clients over about two and a half years in date order,
// with returns, zero sums, several documents a day and, when discounts is set, discounts.
func randomDocs(rng *rand.Rand, clients, n int, discounts bool) []Document {
	start := day("2022-06-01")
	docs := make([]Document, n)
	for i := range docs {
		d := Document{Client: uint32(rng.IntN(clients)), Day: start + lifecycle.Day(rng.IntN(900)), Lines: int32(rng.IntN(6))}
		switch p := rng.IntN(10); {
		case p < 7:
			d.Net = 1 + rng.Int64N(100_000)
		case p < 9:
			d.Net = -1 - rng.Int64N(30_000)
		}
		if discounts && rng.IntN(3) == 0 {
			d.Discount = rng.Int64N(5_000)
		}
		docs[i] = d
	}
	slices.SortStableFunc(docs, func(a, b Document) int { return int(a.Day - b.Day) })
	return docs
}

func randomOptions(rng *rand.Rand, clients int) Options {
	from := day("2022-08-01") + lifecycle.Day(rng.IntN(700))
	c0, r0 := 1+rng.IntN(3), rng.IntN(60)
	return Options{
		Range:   Range{From: from, To: from + lifecycle.Day(rng.IntN(500))},
		Period:  PeriodKind(1 + rng.IntN(3)),
		Clients: clients,
		Bounds: lifecycle.Bounds{Count: [2]int{c0, c0 + 1 + rng.IntN(3)}, RecencyDays: [2]int{r0, r0 + 1 + rng.IntN(120)},
			Monetary: lifecycle.Monetary{Mode: lifecycle.MonetaryTertiles}},
	}
}

// naiveKPI computes every period's counts per source group straight from the
// definitions, client by client, placing clients with lifecycle's own classifier.
func naiveKPI(t *testing.T, docs []Document, o Options) (map[string]Counts, bool) {
	t.Helper()
	periods, err := o.Range.Periods(o.Period)
	if err != nil {
		t.Fatal(err)
	}
	byClient := make([][]Document, o.Clients)
	known := false
	for _, d := range docs {
		byClient[d.Client] = append(byClient[d.Client], d)
		known = known || (d.Day <= o.Range.To && d.Discount != 0)
	}
	out := map[string]Counts{}
	for _, p := range periods {
		prevStart := monthStart(monthOf(p.Start) - o.Period.months())
		start, end := naiveCells(t, byClient, o.Bounds, p.Start-1), naiveCells(t, byClient, o.Bounds, p.End)
		for c, list := range byClient {
			key := p.Key + "/" + start[c]
			cnt := out[key]
			naiveClient(&cnt, list, start[c], end[c], prevStart, p)
			out[key] = cnt
		}
	}
	return out, known
}

func naiveClient(cnt *Counts, list []Document, start, end string, prevStart lifecycle.Day, p Period) {
	bought := func(from, to lifecycle.Day) bool {
		return slices.ContainsFunc(list, func(d Document) bool { return d.Net > 0 && d.Day >= from && d.Day <= to })
	}
	before, prev, now := bought(-1<<30, p.Start-1), bought(prevStart, p.Start-1), bought(p.Start, p.End)
	if before {
		cnt.ClientsAtStart++
		if start[0] == '3' {
			cnt.ActiveAtStart++
			if end[0] == '3' {
				cnt.StillActive++
			}
		}
	}
	if prev {
		cnt.PrevBuyers++
	}
	if now {
		cnt.Buyers++
		if !before {
			cnt.NewBuyers++
		}
		if start[0] == '1' {
			cnt.ReturnedBuyers++
		}
		if prev {
			cnt.Retained++
		}
	}
	for _, d := range list {
		if d.Day < p.Start || d.Day > p.End {
			continue
		}
		cnt.Documents++
		cnt.Revenue += d.Net
		cnt.Discount += d.Discount
		if d.Net < 0 {
			cnt.Returns -= d.Net
		}
		if d.Net > 0 {
			cnt.Purchases++
			cnt.PurchaseRevenue += d.Net
			cnt.Lines += int64(d.Lines)
			if bought(-1<<30, d.Day-1) {
				cnt.RepeatPurchases++
				cnt.RepeatRevenue += d.Net
			}
		}
	}
}

// naiveCells is each client's cell as of asOf ("31") by lifecycle.Classifier, or "new".
func naiveCells(t *testing.T, byClient [][]Document, b lifecycle.Bounds, asOf lifecycle.Day) []string {
	t.Helper()
	var stats []lifecycle.ClientStats
	for c, list := range byClient {
		s := lifecycle.ClientStats{Client: uint32(c)}
		for _, d := range list {
			if d.Net > 0 && d.Day <= asOf {
				s.Purchases++
				s.Last = d.Day
			}
		}
		if s.Purchases > 0 {
			s.Recency = int(asOf - s.Last)
			stats = append(stats, s)
		}
	}
	cl, err := lifecycle.NewClassifier(b)
	if err != nil {
		t.Fatal(err)
	}
	_, codes := cl.Classify(asOf, stats, lifecycle.Skipped{}, nil)
	out := make([]string, len(byClient))
	for i := range out {
		out[i] = "new"
	}
	for i, s := range stats {
		out[s.Client] = codes[i].Cell().String()
	}
	return out
}

// feed runs a KPI pass in batches of random sizes.
func feed(t *testing.T, rng *rand.Rand, docs []Document, o Options) Report {
	t.Helper()
	p, err := NewPeriodic(o)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(docs); {
		n := rng.IntN(40)
		if err := p.Add(docs[i:min(i+n, len(docs))]); err != nil {
			t.Fatal(err)
		}
		i += n
	}
	return p.Report()
}

func TestPeriodicAgainstNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for trial := range 150 {
		clients := 1 + rng.IntN(40)
		docs := randomDocs(rng, clients, rng.IntN(900), trial%3 != 0)
		o := randomOptions(rng, clients)
		rep := feed(t, rng, docs, o)
		want, known := naiveKPI(t, docs, o)
		if rep.DiscountsKnown != known {
			t.Fatalf("trial %d: DiscountsKnown %v, want %v", trial, rep.DiscountsKnown, known)
		}
		for _, r := range rep.Rows(BySegment, nil) {
			if key := r.Period.Key + "/" + r.Group.Key; r.Counts != want[key] {
				t.Fatalf("trial %d (%+v), %s:\n got %+v\nwant %+v", trial, o, key, r.Counts, want[key])
			}
		}
		checkAddUp(t, rep)
		shuffleWithinDays(rng, docs)
		if again := feed(t, rng, docs, o); fmt.Sprint(again) != fmt.Sprint(rep) {
			t.Fatalf("trial %d: the order of documents within a day changed the report", trial)
		}
	}
}

func shuffleWithinDays(rng *rand.Rand, docs []Document) {
	for i := 0; i < len(docs); {
		j := i
		for j < len(docs) && docs[j].Day == docs[i].Day {
			j++
		}
		rng.Shuffle(j-i, func(a, b int) { docs[i+a], docs[i+b] = docs[i+b], docs[i+a] })
		i = j
	}
}

// naiveCohorts computes the cohort table from the definitions, client by client.
func naiveCohorts(docs []Document, clients int, r Range) []Cohort {
	periods, _ := r.Periods(Month)
	first := monthOf(r.From)
	out := make([]Cohort, len(periods))
	for i := range out {
		out[i] = Cohort{Month: monthPeriod(first+int32(i), r.To), Months: make([]CohortMonth, len(periods)-i)}
		for k := range out[i].Months {
			out[i].Months[k].Complete = monthStart(first+int32(i+k)+1)-1 <= r.To
		}
	}
	for c := range clients {
		fp := lifecycle.Day(1 << 30)
		for _, d := range docs {
			if int(d.Client) == c && d.Net > 0 && d.Day <= r.To {
				fp = min(fp, d.Day)
			}
		}
		if fp == 1<<30 || monthOf(fp) < first {
			continue
		}
		co := &out[monthOf(fp)-first]
		co.Clients++
		bought := map[int32]bool{}
		for _, d := range docs {
			if int(d.Client) != c || d.Day < fp || d.Day > r.To {
				continue
			}
			k := monthOf(d.Day) - monthOf(fp)
			co.Months[k].Net += d.Net
			if d.Net > 0 && !bought[k] {
				bought[k] = true
				co.Months[k].Buyers++
			}
		}
	}
	return out
}

func TestCohortsAgainstNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 150 {
		clients := 1 + rng.IntN(40)
		docs := randomDocs(rng, clients, rng.IntN(900), false)
		r := randomOptions(rng, clients).Range
		want := naiveCohorts(docs, clients, r)
		for round := range 2 {
			got := cohortReport(t, docs, r, clients).Cohorts
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("trial %d round %d, range %s..%s:\n got %+v\nwant %+v", trial, round, r.From, r.To, got, want)
			}
			for i := range got {
				checkLTV(t, &got[i], r)
			}
			shuffleWithinDays(rng, docs)
		}
	}
}

// checkLTV recomputes each LTV of a cohort from its months and the range's end.
func checkLTV(t *testing.T, c *Cohort, r Range) {
	t.Helper()
	m := monthOf(c.Month.Start)
	for _, n := range LTVMonths {
		end := monthStart(m+int32(n)) - 1
		got, ok := c.LTV(n)
		if ok != (end <= r.To) {
			t.Fatalf("%s LTV(%d): reached %v, want %v", c.Month.Key, n, ok, end <= r.To)
		}
		if !ok {
			continue
		}
		var sum int64
		for _, mo := range c.Months[:n] {
			sum += mo.Net
		}
		if got != (Ratio{sum, c.Clients}) {
			t.Fatalf("%s LTV(%d) = %+v, want %d/%d", c.Month.Key, n, got, sum, c.Clients)
		}
	}
}
