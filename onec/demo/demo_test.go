package demo

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Moscow on machines without a zoneinfo database

	"github.com/rfm9/rfm9/onec"
)

// collect returns every sale Generate makes for o.
func collect(t testing.TB, o Options) []onec.Sale {
	t.Helper()
	var out []onec.Sale
	if err := Generate(o, func(s onec.Sale) error {
		out = append(out, s)
		return nil
	}); err != nil {
		t.Fatalf("Generate(%+v): %v", o, err)
	}
	return out
}

// csvOf returns WriteCSV's output for o.
func csvOf(t testing.TB, o Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteCSV(&b, o); err != nil {
		t.Fatalf("WriteCSV(%+v): %v", o, err)
	}
	return b.Bytes()
}

func TestDeterministic(t *testing.T) {
	o := Options{Clients: 300, Lines: 2500, Seed: 7}
	a, b := csvOf(t, o), csvOf(t, o)
	if !bytes.Equal(a, b) {
		t.Fatal("two runs with the same options differ")
	}
	o.Seed = 8
	if bytes.Equal(a, csvOf(t, o)) {
		t.Fatal("different seeds give the same data")
	}
}

// TestGolden pins the output for one set of options: it fails if any change, or
// another platform, moves a single byte. After a deliberate change of the
// generator, put the new hash here.
func TestGolden(t *testing.T) {
	sum := sha256.Sum256(csvOf(t, Options{Clients: 200, Lines: 1500, Seed: 42}))
	const want = "3396931c1702b349c1d59f8f4144643e7295bf6e5cfd4c13ef44629b3b7cc478"
	if got := hex.EncodeToString(sum[:]); got != want {
		t.Errorf("sha256 of the CSV = %s, want %s", got, want)
	}
}

func TestExactCounts(t *testing.T) {
	cases := []struct{ clients, lines int }{
		{1, 1}, {1, 8}, {1, 100}, {10, 10}, {100, 101}, {50, 5000}, {1000, 0}, {3000, 4500},
	}
	for _, c := range cases {
		o := Options{Clients: c.clients, Lines: c.lines, Seed: int64(c.lines)}
		sales := collect(t, o)
		want := c.lines
		if want == 0 {
			want = 10 * c.clients
		}
		bought := map[string]bool{}
		for _, s := range sales {
			if s.Amount > 0 {
				bought[s.ClientID] = true
			}
		}
		if len(sales) != want || len(bought) != c.clients {
			t.Errorf("%+v: %d lines, %d clients with a purchase; want %d and %d",
				c, len(sales), len(bought), want, c.clients)
		}
	}
}

func TestOrder(t *testing.T) {
	sales := collect(t, Options{Clients: 500, Seed: 3})
	for i := 1; i < len(sales); i++ {
		a, b := sales[i-1], sales[i]
		switch {
		case b.Period.Before(a.Period):
			t.Fatalf("line %d: %v before %v", i, b.Period, a.Period)
		case b.Period.Equal(a.Period) && b.DocumentID < a.DocumentID:
			t.Fatalf("line %d: document %s after %s in the same second", i, b.DocumentID, a.DocumentID)
		}
	}
}

// TestDocumentsContiguous checks that a document's lines are together and agree on
// client, period and type.
func TestDocumentsContiguous(t *testing.T) {
	seen := map[string]bool{}
	var prev onec.Sale
	for i, s := range collect(t, Options{Clients: 500, Seed: 4}) {
		if i > 0 && s.DocumentID == prev.DocumentID {
			if s.ClientID != prev.ClientID || !s.Period.Equal(prev.Period) || s.DocumentType != prev.DocumentType {
				t.Fatalf("line %d: document %s changes client, period or type", i, s.DocumentID)
			}
			continue
		}
		if seen[s.DocumentID] {
			t.Fatalf("line %d: document %s split", i, s.DocumentID)
		}
		seen[s.DocumentID] = true
		prev = s
	}
}

func TestDefaults(t *testing.T) {
	sales := collect(t, Options{Seed: 1})
	if len(sales) != 10_000 {
		t.Errorf("%d lines, want 10000", len(sales))
	}
	first, last := sales[0].Period, sales[len(sales)-1].Period
	if first.Before(time.Date(2023, 11, 1, 0, 0, 0, 0, time.UTC)) || last.Format(time.DateOnly) > "2026-10-31" {
		t.Errorf("history %v..%v, want within 2023-11-01..2026-10-31", first, last)
	}
	if name := last.Location().String(); name != "Europe/Moscow" {
		t.Errorf("location %s, want Europe/Moscow", name)
	}
}

func TestInvalidOptions(t *testing.T) {
	for _, o := range []Options{{Clients: -1}, {Clients: 10, Lines: 9}, {Clients: 1, Lines: 1 << 30}} {
		err := Generate(o, func(onec.Sale) error { return nil })
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("%+v: error %v, want ErrInvalid", o, err)
		}
	}
}

func TestStopsOnCallbackError(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := Generate(Options{Clients: 100}, func(onec.Sale) error {
		n++
		if n == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 10 {
		t.Errorf("error %v after %d lines, want stop after 10", err, n)
	}
}
