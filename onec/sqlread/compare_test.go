package sqlread

import (
	"context"
	"maps"
	"testing"
	"time"

	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/onec/demo"
)

// testDemo is a few thousand lines: enough for several windows, batches, returns and
// every quirk, quick enough for every test run.
var testDemo = demo.Options{Clients: 400, Lines: 4000, Seed: 7}

// readAll reads a period through the reader, checking the batches on the way: none
// over the batch size and the periods in order.
func readAll(t *testing.T, r *Reader, p onec.Period) []onec.Sale {
	t.Helper()
	var got []onec.Sale
	var last time.Time
	err := r.Sales(context.Background(), p, func(batch []onec.Sale) error {
		if len(batch) == 0 || len(batch) > r.cfg.BatchSize {
			t.Errorf("a batch of %d sales, batch size %d", len(batch), r.cfg.BatchSize)
		}
		for _, s := range batch {
			if s.Period.Before(last) {
				t.Errorf("%s dated %s after %s: out of period order", s.DocumentID, s.Period, last)
			}
			last = s.Period
		}
		got = append(got, batch...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// compareSales checks the reader's sales document for document, then client for
// client, against the demo's lines summed.
func compareSales(t *testing.T, got []onec.Sale, want map[string]onec.Sale) {
	t.Helper()
	byDoc := map[string]onec.Sale{}
	for _, s := range got {
		if _, dup := byDoc[s.DocumentID]; dup {
			t.Errorf("document %s delivered twice", s.DocumentID)
		}
		byDoc[s.DocumentID] = s
	}
	bad := 0
	for id, w := range want {
		g, ok := byDoc[id]
		switch {
		case !ok:
			t.Errorf("document %s missing", id)
			bad++
		case !g.Period.Equal(w.Period) || g.ClientID != w.ClientID || g.DocumentType != w.DocumentType ||
			g.Amount != w.Amount || g.Quantity != w.Quantity || g.Discount != w.Discount || g.Lines != w.Lines:
			t.Errorf("document %s:\n got %+v\nwant %+v", id, g, w)
			bad++
		}
		if bad > 5 {
			t.Fatal("too many differences")
		}
	}
	for id := range byDoc {
		if _, ok := want[id]; !ok {
			t.Errorf("document %s delivered, not in the demo", id)
		}
	}
	if g, w := perClient(byDoc), perClient(want); !maps.Equal(g, w) {
		t.Errorf("per client: %d clients, want %d; sums differ", len(g), len(w))
	}
}

// clientSums is a client's totals.
type clientSums struct{ docs, lines, amount, quantity, discount int64 }

func perClient(docs map[string]onec.Sale) map[string]clientSums {
	m := map[string]clientSums{}
	for _, s := range docs {
		c := m[s.ClientID]
		c.docs++
		c.lines += int64(s.Lines)
		c.amount += s.Amount
		c.quantity += s.Quantity
		c.discount += s.Discount
		m[s.ClientID] = c
	}
	return m
}

// sumLines is the register lines behind sales.
func sumLines(sales map[string]onec.Sale) int64 {
	var n int64
	for _, s := range sales {
		n += int64(s.Lines)
	}
	return n
}

// readClients reads the whole catalog through the reader.
func readClients(t *testing.T, r *Reader) map[string]onec.Client {
	t.Helper()
	got := map[string]onec.Client{}
	err := r.Clients(context.Background(), func(batch []onec.Client) error {
		for _, c := range batch {
			if _, dup := got[c.ID]; dup {
				t.Errorf("client %s delivered twice", c.ID)
			}
			got[c.ID] = c
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func compareClients(t *testing.T, got, want map[string]onec.Client) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d clients, want %d", len(got), len(want))
	}
	bad := 0
	for id, w := range want {
		if g := got[id]; g.ID != w.ID || g.Name != w.Name || g.INN != w.INN || g.Email != w.Email || g.Phone != w.Phone || g.Manager != w.Manager {
			t.Errorf("client %s:\n got %+v\nwant %+v", id, g, w)
			if bad++; bad > 5 {
				t.Fatal("too many differences")
			}
		}
	}
}
