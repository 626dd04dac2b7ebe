package demo

import (
	"testing"
	"time"

	"github.com/rfm9/rfm9/onec"
)

// shape sums up a generated history: documents, clients and calendar counts.
type shape struct {
	docs, returns     int
	purchases         map[string]int   // purchase documents by client
	net               map[string]int64 // kopecks by client
	lastBuy           map[string]time.Time
	docLines          map[string]int
	linesByMonth      [13]int
	sundayLines, outs int // lines on Sundays, lines outside 9:00–20:00
}

// shapeOf reads the sales into a shape.
func shapeOf(sales []onec.Sale) shape {
	s := shape{purchases: map[string]int{}, net: map[string]int64{}, lastBuy: map[string]time.Time{}, docLines: map[string]int{}}
	for _, l := range sales {
		if s.docLines[l.DocumentID] == 0 {
			s.docs++
			if l.DocumentType == ReturnDocument {
				s.returns++
			} else {
				s.purchases[l.ClientID]++
				s.lastBuy[l.ClientID] = l.Period
			}
		}
		s.docLines[l.DocumentID]++
		s.net[l.ClientID] += l.Amount
		s.linesByMonth[l.Period.Month()]++
		if l.Period.Weekday() == time.Sunday {
			s.sundayLines++
		}
		if h := l.Period.Hour(); h < 9 || h > 20 || h == 20 && l.Period.Minute()+l.Period.Second() > 0 {
			s.outs++
		}
	}
	return s
}

func TestShape(t *testing.T) {
	sales := collect(t, Options{Clients: 20_000, Seed: 11})
	s := shapeOf(sales)
	once := 0
	for _, n := range s.purchases {
		if n == 1 {
			once++
		}
	}
	check := func(name string, got, lo, hi float64) {
		t.Helper()
		if got < lo || got > hi {
			t.Errorf("%s = %.4f, want %.3g..%.3g", name, got, lo, hi)
		}
	}
	check("one-time buyers", float64(once)/20_000, 0.55, 0.60)
	check("return share", float64(s.returns)/float64(s.docs), 0.027, 0.033)
	check("lines per document", float64(len(sales))/float64(s.docs), 3, 4)
	check("December/July lines", float64(s.linesByMonth[12])/float64(s.linesByMonth[7]), 1.5, 3)
	check("Sunday share", float64(s.sundayLines)/float64(len(sales)), 0, 0.01)
	check("lines outside business hours", float64(s.outs), 0, 0)
}

func TestRecencyClasses(t *testing.T) {
	s := shapeOf(collect(t, Options{Clients: 20_000, Seed: 12}))
	end := time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)
	var classes [3]int
	for _, last := range s.lastBuy {
		y, m, d := last.Date()
		age := int(end.Sub(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)).Hours() / 24)
		switch {
		case age <= 90:
			classes[0]++
		case age <= 180:
			classes[1]++
		default:
			classes[2]++
		}
	}
	for i, n := range classes {
		if share := float64(n) / 20_000; share < 0.05 {
			t.Errorf("recency class %d has %.3f of the clients, want at least 0.05", i, share)
		}
	}
}

func TestLinesPerDocument(t *testing.T) {
	sales := collect(t, Options{Clients: 5000, Seed: 13})
	s := shapeOf(sales)
	types := map[string]string{}
	for _, l := range sales {
		types[l.DocumentID] = l.DocumentType
	}
	for id, n := range s.docLines {
		most := maxLinesPerPurchase
		if types[id] == ReturnDocument {
			most = maxLinesPerReturn
		}
		if n < 1 || n > most {
			t.Fatalf("document %s (%s) has %d lines", id, types[id], n)
		}
	}
}

// TestReturnsFollowPurchases checks that a return comes after a purchase of the same
// client, with negative lines, and that hardly any client returns more than it bought.
func TestReturnsFollowPurchases(t *testing.T) {
	sales := collect(t, Options{Clients: 20_000, Seed: 14})
	bought := map[string]int64{}
	for i, l := range sales {
		switch {
		case l.DocumentType == ReturnDocument && l.Amount >= 0:
			t.Fatalf("line %d: return line of %d kopecks", i, l.Amount)
		case l.DocumentType == ReturnDocument && bought[l.ClientID] == 0:
			t.Fatalf("line %d: return before any purchase of %s", i, l.ClientID)
		case l.DocumentType == SaleDocument && l.Amount <= 0:
			t.Fatalf("line %d: sale line of %d kopecks", i, l.Amount)
		}
		bought[l.ClientID] += max(l.Amount, 0)
	}
	negative := 0
	for _, n := range shapeOf(sales).net {
		if n < 0 {
			negative++
		}
	}
	if negative > maxAnomalies {
		t.Errorf("%d clients returned more than they bought, want at most %d", negative, maxAnomalies)
	}
}

func TestPlanTotals(t *testing.T) {
	for _, c := range []struct{ clients, lines int }{{1, 1}, {10, 10}, {10, 80}, {1000, 10_000}, {1_500_000, 10_000_000}} {
		p := planTotals(c.clients, c.lines)
		docs := p.purchases + p.returns
		if p.purchases < c.clients || docs > c.lines || c.lines > 8*p.purchases+3*p.returns || p.returns > p.purchases {
			t.Errorf("%+v: infeasible plan %+v", c, p)
		}
	}
}

// TestNoPileUpAtEnds checks that the first and last days of the history carry about
// as many lines as the same weekday in the weeks next to them.
func TestNoPileUpAtEnds(t *testing.T) {
	perDay := map[string]int{}
	for _, l := range collect(t, Options{Clients: 20_000, Seed: 15}) {
		perDay[l.Period.Format(time.DateOnly)]++
	}
	for _, c := range []struct {
		day  time.Time
		step int
	}{{time.Date(2023, 11, 1, 0, 0, 0, 0, time.UTC), 7}, {time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC), -7}} {
		near := 0
		for k := 1; k <= 4; k++ {
			near += perDay[c.day.AddDate(0, 0, k*c.step).Format(time.DateOnly)]
		}
		if got := perDay[c.day.Format(time.DateOnly)]; float64(got) > 2*float64(near)/4 {
			t.Errorf("%s has %d lines, the same weekday nearby %d on average", c.day.Format(time.DateOnly), got, near/4)
		}
	}
}
