package lifecycle

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rfm9/rfm9/onec"
)

// line is a compact test sale: client, document, date "2006-01-02" (noon) or
// "2006-01-02 15:04", amount in kopecks.
type line struct {
	client, doc, date string
	kop               int64
}

var moscow = mustLoad("Europe/Moscow")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func sale(l line) onec.Sale {
	layout := "2006-01-02 15:04"
	date := l.date
	if len(date) == len("2006-01-02") {
		date += " 12:00"
	}
	t, err := time.ParseInLocation(layout, date, moscow)
	if err != nil {
		panic(err)
	}
	return onec.Sale{ClientID: l.client, DocumentID: l.doc, Period: t, Amount: l.kop, Lines: 1}
}

func ledgerOf(t *testing.T, lines ...line) *Ledger {
	t.Helper()
	l := NewLedger(moscow)
	for _, ln := range lines {
		if err := l.Add([]onec.Sale{sale(ln)}); err != nil {
			t.Fatal(err)
		}
	}
	l.Close()
	return l
}

func day(s string) Day {
	d, err := ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

// statsOf returns the stats of one client by id, failing if it is not in the matrix.
func statsOf(t *testing.T, l *Ledger, stats []ClientStats, id string) ClientStats {
	t.Helper()
	for _, s := range stats {
		if l.Client(s.Client).ID == id {
			return s
		}
	}
	t.Fatalf("client %s not in stats", id)
	return ClientStats{}
}

func TestStatsRules(t *testing.T) {
	l := ledgerOf(t,
		// a: two lines of one document, the earlier line dates it; a second purchase later.
		line{"a", "d1", "2024-01-10 15:00", 1000},
		line{"a", "d1", "2024-01-09 10:00", 500},
		line{"a", "d2", "2024-03-01", 2000},
		// b: a return larger than the purchase: M < 0, still one purchase.
		line{"b", "d3", "2024-02-01", 1000},
		line{"b", "d4", "2024-02-05", -3000},
		// c: returns only: not in the matrix.
		line{"c", "d5", "2024-02-01", -700},
		// d: two documents on one day are two purchases; a zero-sum document is not one.
		line{"d", "d6", "2024-03-31", 100},
		line{"d", "d7", "2024-03-31", 100},
		line{"d", "d8", "2024-03-20", 0},
		// e: only documents after the as-of date.
		line{"e", "d9", "2024-04-02", 100},
		// a's lines of d1 come back after other documents: still one document.
		line{"a", "d1", "2024-01-11", -200},
		// a return after the as-of date does not lower M as of it.
		line{"a", "d10", "2024-04-05", -1000},
	)
	stats, skipped := l.Stats(day("2024-03-31"))
	if skipped != (Skipped{NoPurchase: 1, NotYet: 1}) {
		t.Errorf("skipped = %+v, want 1 no-purchase (c) and 1 not-yet (e)", skipped)
	}
	tests := []struct {
		id          string
		first, last string
		f           int
		m           int64
		r           int
	}{
		{"a", "2024-01-09", "2024-03-01", 2, 1000 + 500 - 200 + 2000, 30},
		{"b", "2024-02-01", "2024-02-01", 1, -2000, 59},
		{"d", "2024-03-31", "2024-03-31", 2, 200, 0},
	}
	if len(stats) != len(tests) {
		t.Fatalf("got %d clients in the matrix, want %d", len(stats), len(tests))
	}
	for _, tt := range tests {
		s := statsOf(t, l, stats, tt.id)
		if s.First != day(tt.first) || s.Last != day(tt.last) || s.Purchases != tt.f || s.Monetary != tt.m || s.Recency != tt.r {
			t.Errorf("%s: got first %s last %s F %d M %d R %d, want %s %s %d %d %d", tt.id,
				s.First, s.Last, s.Purchases, s.Monetary, s.Recency, tt.first, tt.last, tt.f, tt.m, tt.r)
		}
	}
}

func TestStatsAsOfBeforeFirstPurchase(t *testing.T) {
	l := ledgerOf(t, line{"a", "d1", "2024-01-10", 100}, line{"b", "d2", "2024-02-10", 100})
	stats, skipped := l.Stats(day("2023-12-31"))
	if len(stats) != 0 || skipped.NotYet != 2 {
		t.Errorf("got %d clients, skipped %+v; want none and 2 not yet", len(stats), skipped)
	}
}

func TestStatsEmpty(t *testing.T) {
	l := ledgerOf(t)
	stats, skipped := l.Stats(day("2024-01-01"))
	if len(stats) != 0 || skipped != (Skipped{}) {
		t.Errorf("empty ledger: got %d clients, skipped %+v", len(stats), skipped)
	}
	if _, _, ok := l.Span(); ok {
		t.Error("empty ledger has a span")
	}
}

func TestLedgerDaysInBaseTimeZone(t *testing.T) {
	// 21:30 UTC on Jan 31 is 00:30 on Feb 1 in Moscow: the base's calendar decides the day.
	l := NewLedger(moscow)
	utc := time.Date(2024, 1, 31, 21, 30, 0, 0, time.UTC)
	l.Add([]onec.Sale{{ClientID: "a", DocumentID: "d", Period: utc, Amount: 100}})
	stats, _ := l.Stats(day("2024-02-01"))
	if len(stats) != 1 || stats[0].Last != day("2024-02-01") || stats[0].Recency != 0 {
		t.Errorf("got %+v, want the purchase on 2024-02-01 with recency 0", stats)
	}
}

func TestLedgerGUIDSpellings(t *testing.T) {
	l := NewLedger(moscow)
	at := time.Date(2024, 1, 1, 12, 0, 0, 0, moscow)
	l.Add([]onec.Sale{
		{ClientID: "AF738206-2426-11F0-9D47-3C64CFCA4840", DocumentID: "d1", Period: at, Amount: 100},
		{ClientID: "af738206-2426-11f0-9d47-3c64cfca4840", DocumentID: "d2", Period: at, Amount: 100},
		{ClientID: onec.EmptyRef, DocumentID: "d3", Period: at, Amount: 100},
		{ClientID: "x", DocumentID: "", Period: at, Amount: 100},
	})
	stats, _ := l.Stats(day("2024-01-01"))
	if l.Clients() != 1 || len(stats) != 1 || stats[0].Purchases != 2 {
		t.Errorf("got %d clients, stats %+v; want one client with 2 purchases", l.Clients(), stats)
	}
}

func TestDocumentKeyedByClient(t *testing.T) {
	// One recorder with lines of two clients is a document for each, as the SQL readers group it.
	l := ledgerOf(t, line{"a", "d1", "2024-01-01", 100}, line{"b", "d1", "2024-01-01", 300})
	stats, _ := l.Stats(day("2024-01-01"))
	if len(stats) != 2 || l.Documents() != 2 {
		t.Errorf("got %d clients and %d documents, want 2 and 2", len(stats), l.Documents())
	}
}

// StatsOf, fed one client's documents, agrees with the ledger on every client.
func TestStatsOfAgreesWithLedger(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	loc := time.UTC
	ledger := NewLedger(loc)
	byClient := map[string][]DocumentTotal{}
	base := time.Date(2024, 1, 1, 12, 0, 0, 0, loc)
	for c := range 300 {
		id := fmt.Sprintf("c%d", c)
		for k := range r.IntN(8) {
			day := base.AddDate(0, 0, r.IntN(900))
			net := int64(r.IntN(200_000) - 40_000)
			ledger.Add([]onec.Sale{{ClientID: id, DocumentID: fmt.Sprintf("d%d-%d", c, k), Period: day, Amount: net, Lines: 1}})
			byClient[id] = append(byClient[id], DocumentTotal{Day: DayOf(day), Net: net})
		}
	}
	asOf := DayOf(base.AddDate(0, 0, 600))
	stats, skipped := ledger.Stats(asOf)
	tally := Tally{AsOf: asOf}
	var order []string
	for id, docs := range byClient {
		if tally.Add(docs) {
			order = append(order, id)
		}
	}
	if tally.Skipped != skipped || len(tally.Stats) != len(stats) {
		t.Fatalf("tally: %d clients, skipped %+v; ledger: %d, %+v", len(tally.Stats), tally.Skipped, len(stats), skipped)
	}
	found := map[string]ClientStats{}
	for _, s := range stats {
		id := ledger.Client(s.Client).ID
		s.Client = 0
		found[id] = s
	}
	for id, docs := range byClient {
		got, ok := StatsOf(docs, asOf)
		want, inLedger := found[id]
		if ok != inLedger || got != want {
			t.Fatalf("client %s: StatsOf = %+v %v, ledger %+v %v", id, got, ok, want, inLedger)
		}
	}
	for i, st := range tally.Stats {
		st.Client = 0
		if want := found[order[i]]; st != want {
			t.Fatalf("client %s: Tally %+v, ledger %+v", order[i], st, want)
		}
	}
}

func TestTallyByHand(t *testing.T) {
	asOf := DayFromCivil(2026, 11, 1)
	d := func(y, m, day int, net int64) DocumentTotal {
		return DocumentTotal{Day: DayFromCivil(y, time.Month(m), day), Net: net}
	}
	tally := Tally{AsOf: asOf}
	clients := []struct {
		docs []DocumentTotal
		in   bool
	}{
		// Two purchases and a return: F 2, M the net of all three, recency from 2026-10-02.
		{[]DocumentTotal{d(2026, 10, 2, 500_00), d(2026, 3, 1, 1000_00), d(2026, 10, 20, -200_00)}, true},
		{[]DocumentTotal{d(2026, 5, 1, -100_00)}, false},                   // only a return: no purchase
		{[]DocumentTotal{d(2026, 11, 2, 300_00)}, false},                   // after the as-of date: not yet
		{[]DocumentTotal{d(2026, 11, 1, 300_00), d(2026, 12, 1, 1)}, true}, // on the day counts; after it does not
	}
	for i, c := range clients {
		if got := tally.Add(c.docs); got != c.in {
			t.Errorf("client %d: in the matrix %v, want %v", i, got, c.in)
		}
	}
	want := []ClientStats{
		{Client: 0, First: DayFromCivil(2026, 3, 1), Last: DayFromCivil(2026, 10, 2), Purchases: 2, Monetary: 1300_00, Recency: 30},
		{Client: 3, First: asOf, Last: asOf, Purchases: 1, Monetary: 300_00, Recency: 0},
	}
	if fmt.Sprint(tally.Stats) != fmt.Sprint(want) || tally.Skipped != (Skipped{NoPurchase: 1, NotYet: 1}) {
		t.Errorf("tally %+v skipped %+v\nwant %+v", tally.Stats, tally.Skipped, want)
	}
}
