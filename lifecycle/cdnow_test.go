package lifecycle

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rfm9/rfm9/onec"
)

// cdnowSales reads the CDNOW sample (testdata/cdnow, see its README) as sales whose
// documents are customer-days, the convention of the literature on this data.
func cdnowSales(t *testing.T) []onec.Sale {
	t.Helper()
	f, err := os.Open("testdata/cdnow/CDNOW_sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var sales []onec.Sale
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) != 5 {
			continue
		}
		date, err := time.ParseInLocation("20060102", fields[2], time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		cents, err := strconv.ParseInt(strings.Replace(fields[4], ".", "", 1), 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		sales = append(sales, onec.Sale{
			ClientID: fields[1], DocumentID: fields[1] + "/" + fields[2],
			Period: date.Add(12 * time.Hour), Amount: cents, Lines: 1,
		})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return sales
}

func cdnowLedger(t *testing.T) *Ledger {
	l := NewLedger(time.UTC)
	l.Add(cdnowSales(t))
	l.Close()
	return l
}

// TestCDNOWPublishedCounts checks the ledger against the numbers published with the data:
// 2,357 customers, 6,919 rows merging into 6,696 customer-days, and 946 customers with a
// repeat purchase by the end of calibration (1997-09-30).
func TestCDNOWPublishedCounts(t *testing.T) {
	l := cdnowLedger(t)
	if l.Clients() != 2357 || l.Documents() != 6696 {
		t.Errorf("got %d clients and %d documents, want 2357 and 6696", l.Clients(), l.Documents())
	}
	stats, _ := l.Stats(day("1997-09-30"))
	repeat := 0
	for _, s := range stats {
		if s.Purchases >= 2 {
			repeat++
		}
	}
	if repeat != 946 {
		t.Errorf("%d repeat buyers by 1997-09-30, want 946", repeat)
	}
}

// referenceCodes is a deliberately naive reading of the methodology, written apart from
// the engine: maps, a full sort, no one-pass tricks. It returns each client's code.
func referenceCodes(sales []onec.Sale, asOf time.Time, b Bounds, perCell bool) map[string]string {
	type doc struct {
		day time.Time
		net int64
	}
	docs := map[string]map[string]*doc{} // client → document → doc
	for _, s := range sales {
		if docs[s.ClientID] == nil {
			docs[s.ClientID] = map[string]*doc{}
		}
		d := docs[s.ClientID][s.DocumentID]
		if d == nil {
			d = &doc{day: s.Period}
			docs[s.ClientID][s.DocumentID] = d
		}
		d.net += s.Amount
		if s.Period.Before(d.day) {
			d.day = s.Period
		}
	}
	type client struct {
		id, cell string
		m        int64
	}
	var clients []client
	for id, ds := range docs {
		var f int
		var m int64
		var last time.Time
		for _, d := range ds {
			day := time.Date(d.day.Year(), d.day.Month(), d.day.Day(), 0, 0, 0, 0, time.UTC)
			if day.After(asOf) {
				continue
			}
			m += d.net
			if d.net > 0 {
				f++
				if day.After(last) {
					last = day
				}
			}
		}
		if f == 0 {
			continue
		}
		rec := int(asOf.Sub(last).Hours() / 24)
		r := "1"
		if rec <= b.RecencyDays[0] {
			r = "3"
		} else if rec <= b.RecencyDays[1] {
			r = "2"
		}
		fc := "3"
		if f <= b.Count[0] {
			fc = "1"
		} else if f <= b.Count[1] {
			fc = "2"
		}
		clients = append(clients, client{id: id, cell: r + fc, m: m})
	}
	groups := map[string][]int64{}
	for _, c := range clients {
		key := "all"
		if perCell {
			key = c.cell
		}
		groups[key] = append(groups[key], c.m)
	}
	for _, g := range groups {
		slices.Sort(g)
	}
	codes := map[string]string{}
	for _, c := range clients {
		key := "all"
		if perCell {
			key = c.cell
		}
		g := groups[key]
		n := len(g)
		c1, c2 := g[(n+2)/3-1], g[(2*n+2)/3-1]
		mc := "3"
		if c.m <= c1 {
			mc = "1"
		} else if c.m <= c2 {
			mc = "2"
		}
		codes[c.id] = c.cell + mc
	}
	return codes
}

func TestCDNOWAgainstReference(t *testing.T) {
	sales := cdnowSales(t)
	l := cdnowLedger(t)
	for _, mode := range []MonetaryMode{MonetaryTertiles, MonetaryPerCell} {
		b := DefaultBounds()
		b.Monetary.Mode = mode
		c, _ := NewClassifier(b)
		dates := MonthEnds(day("1997-01-01"), day("1998-06-30"))
		err := l.Snapshots(dates, c, func(m Matrix, stats []ClientStats, codes []Code) error {
			asOf := m.AsOf.Time(time.UTC)
			want := referenceCodes(sales, asOf, b, mode == MonetaryPerCell)
			if len(want) != len(stats) {
				return fmt.Errorf("%d clients, reference has %d", len(stats), len(want))
			}
			for i := range stats {
				id := l.Client(stats[i].Client).ID
				if got := codes[i].String(); got != want[id] {
					return fmt.Errorf("client %s: code %s, reference %s", id, got, want[id])
				}
			}
			return nil
		})
		if err != nil {
			t.Errorf("%s: %v", mode, err)
		}
	}
}
