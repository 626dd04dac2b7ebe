package lifecycle

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

func TestSnapshotsClientAgesWithoutBuying(t *testing.T) {
	l := ledgerOf(t,
		line{"x", "x1", "2023-10-01", 50_000},
		line{"x", "x2", "2023-11-01", 50_000},
		line{"x", "x3", "2023-12-01", 50_000},
		line{"x", "x4", "2024-01-15", 50_000},
		line{"y", "y1", "2024-01-20", 100},
		line{"z", "z1", "2024-01-20", 200},
		line{"n", "n1", "2024-07-10", 300}, // a new client from July
	)
	c, _ := NewClassifier(DefaultBounds())
	dates := []Day{day("2024-08-31"), day("2024-01-31"), day("2024-05-31"), day("2024-01-31")}
	var got []string
	err := l.Snapshots(dates, c, func(m Matrix, stats []ClientStats, codes []Code) error {
		s := fmt.Sprint(m.AsOf, ":")
		for i := range stats {
			s += fmt.Sprintf(" %s=%s", l.Client(stats[i].Client).ID, codes[i])
		}
		got = append(got, s)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// x: R 16 → 137 → 229 days; M stays the largest, so 333 → 233 → 133.
	want := []string{
		"2024-01-31: x=333 y=311 z=312",
		"2024-05-31: x=233 y=211 z=212",
		// n joins: M = 200000, 100, 200, 300 → ranks 2 and 3 give cuts 200 and 300.
		"2024-08-31: x=133 y=111 z=111 n=312",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("snapshots:\n got %q\nwant %q", got, want)
	}
}

// TestSnapshotsEqualSingleDate checks the one-pass matrices against computing each date
// on its own, on random data with returns, same-day documents and split documents.
func TestSnapshotsEqualSingleDate(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	var lines []line
	for i := range 3000 {
		client := fmt.Sprintf("c%d", rng.IntN(200))
		doc := fmt.Sprintf("d%d", rng.IntN(1500)) // documents repeat: split and shared
		date := day("2023-01-01") + Day(rng.IntN(600))
		kop := rng.Int64N(100_000) - 15_000
		lines = append(lines, line{client, doc + "-" + fmt.Sprint(i%3), date.String(), kop})
	}
	l := ledgerOf(t, lines...)
	b := DefaultBounds()
	b.Monetary.Mode = MonetaryPerCell
	c, _ := NewClassifier(b)
	dates := MonthEnds(day("2022-12-01"), day("2024-09-01"))
	err := l.Snapshots(dates, c, func(m Matrix, stats []ClientStats, codes []Code) error {
		one, skipped := l.Stats(m.AsOf)
		c2, _ := NewClassifier(b)
		want, wantCodes := c2.Classify(m.AsOf, one, skipped, nil)
		if m != want {
			t.Errorf("%s: one-pass matrix differs from the single-date one", m.AsOf)
		}
		if fmt.Sprint(codes) != fmt.Sprint(wantCodes) || fmt.Sprint(stats) != fmt.Sprint(one) {
			t.Errorf("%s: clients differ", m.AsOf)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
