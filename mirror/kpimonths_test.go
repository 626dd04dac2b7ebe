package mirror

import (
	"cmp"
	"context"
	"slices"
	"testing"

	"github.com/rfm9/rfm9/kpi"
	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/store"
	"github.com/rfm9/rfm9/store/storetest"
)

// kpiDocs reads the documents the KPI passes get, with the client count, in a stable
// order (the order within a day is free).
func kpiDocs(t *testing.T, s *Store, to lifecycle.Day) ([]kpi.Document, int) {
	t.Helper()
	var n int
	var out []kpi.Document
	err := s.KPIDocuments(context.Background(), to, func(c int) error { n = c; return nil }, func(b []kpi.Document) error {
		for i := range b {
			if len(out) > 0 && b[i].Day < out[len(out)-1].Day {
				t.Fatalf("documents out of date order: %s after %s", b[i].Day, out[len(out)-1].Day)
			}
			out = append(out, b[i])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(out, func(a, b kpi.Document) int {
		return cmp.Or(cmp.Compare(a.Day, b.Day), cmp.Compare(a.Client, b.Client), cmp.Compare(a.Net, b.Net))
	})
	return out, n
}

// The month blobs hand over exactly what the rows hold.
func TestKPIMonthsEqualRows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSyncer(t, db, &memSource{sales: randomSales(3, 400), batch: 100}, "2026-07-15")
		if _, err := s.Run(context.Background(), true); err != nil {
			t.Fatal(err)
		}
		var months, docs int
		db.Get(&months, "SELECT count(*) FROM kpi_months")
		to := day("2026-07-15")
		if err := db.Get(&docs, db.Rebind("SELECT count(*) FROM sales_documents WHERE day <= ?"), int32(to)); err != nil {
			t.Fatal(err)
		}
		if months < 24 {
			t.Fatalf("%d kpi months after a sync of 30 months of sales", months)
		}
		fromBlobs, n := kpiDocs(t, s.Store, to)
		if len(fromBlobs) != docs || n != 400 {
			t.Fatalf("%d documents of %d clients from blobs, want %d of 400", len(fromBlobs), n, docs)
		}
		if _, err := db.Exec("DELETE FROM kpi_months"); err != nil {
			t.Fatal(err)
		}
		fromRows, _ := kpiDocs(t, s.Store, to)
		if !slices.Equal(fromBlobs, fromRows) {
			t.Fatal("the blobs and the rows give different documents")
		}
		cut, _ := kpiDocs(t, s.Store, day("2025-01-15"))
		if len(cut) == 0 || cut[len(cut)-1].Day > day("2025-01-15") {
			t.Fatalf("documents up to 2025-01-15: %d, last %v", len(cut), cut[len(cut)-1].Day)
		}
	})
}

// A pushed document drops its month's blob, shows at once, and is in the blob again
// after the next recompute.
func TestPushDropsKPIMonth(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newSyncer(t, db, &memSource{sales: randomSales(4, 100), batch: 100}, "2026-07-15")
		if _, err := s.Run(ctx, true); err != nil {
			t.Fatal(err)
		}
		march := int32(monthOfDay(day("2025-03-10")))
		count := func() int {
			var n int
			if err := db.Get(&n, db.Rebind("SELECT count(*) FROM kpi_months WHERE month = ?"), march); err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := count()
		push := Pushed{DocumentID: "pushed-1", ClientID: "client-7", Period: at("2025-03-10"), Posted: true, Version: 1, NetKop: 123_457, Lines: 2}
		if _, err := s.Store.Push(ctx, push, moscow, at("2026-07-15")); err != nil {
			t.Fatal(err)
		}
		after := count()
		if before != 1 || after != 0 {
			t.Fatalf("March's blob: %d before the push, %d after; want 1 and 0", before, after)
		}
		has := func() bool {
			docs, _ := kpiDocs(t, s.Store, day("2026-07-15"))
			return slices.ContainsFunc(docs, func(d kpi.Document) bool { return d.Net == 123_457 && d.Day == day("2025-03-10") })
		}
		if !has() {
			t.Fatal("the pushed document is missing from the KPI documents")
		}
		if _, err := s.Recompute(ctx); err != nil {
			t.Fatal(err)
		}
		after = count()
		if after != 1 || !has() {
			t.Fatalf("after the recompute: blob %d, document there %v", after, has())
		}
	})
}

func TestMonthNumbers(t *testing.T) {
	for _, tt := range []struct{ day, start, end string }{
		{"2024-02-10", "2024-02-01", "2024-02-29"},
		{"2025-12-31", "2025-12-01", "2025-12-31"},
		{"2026-01-01", "2026-01-01", "2026-01-31"},
	} {
		m := monthOfDay(day(tt.day))
		if m.start() != day(tt.start) || m.end() != day(tt.end) {
			t.Errorf("%s: month %s..%s, want %s..%s", tt.day, m.start(), m.end(), tt.start, tt.end)
		}
	}
}

func FuzzDecodeKPIMonth(f *testing.F) {
	k := newKPIMonths(&clientNumbers{index: map[lifecycle.ClientKey]uint32{}})
	k.add("a", day("2026-03-05"), 100, 0, 1)
	k.add("b", day("2026-03-31"), -5, 7, 3)
	f.Add(k.blobs[monthOfDay(day("2026-03-05"))])
	f.Fuzz(func(t *testing.T, blob []byte) {
		m := monthOfDay(day("2026-03-05"))
		docs, err := decodeKPIMonth(nil, m, blob, day("2026-12-31"), 2)
		if err != nil {
			return
		}
		for _, d := range docs {
			if d.Client >= 2 || d.Day < m.start() || d.Day > m.start()+31 {
				t.Fatalf("decoded %+v", d)
			}
		}
	})
}

// A sync that changes documents drops their months' blobs, and the recompute builds
// them again from the rows: the blobs never hand over what the mirror no longer holds.
func TestSyncKeepsKPIMonthsCurrent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		src := &memSource{sales: randomSales(5, 200), batch: 100}
		s := newSyncer(t, db, src, "2026-07-15")
		if _, err := s.Run(ctx, true); err != nil {
			t.Fatal(err)
		}
		// 1C changes an old document and deletes another; the nightly full sync reads it.
		src.sales[10].Amount += 500_00
		src.sales = slices.Delete(src.sales, 20, 21)
		res, err := s.Run(ctx, true)
		if err != nil || res.Changed < 1 || res.Changed > 2 {
			t.Fatalf("full sync: %+v %v; want one or two documents changed", res, err)
		}
		to := day("2026-07-15")
		fromBlobs, _ := kpiDocs(t, s.Store, to)
		if _, err := db.Exec("DELETE FROM kpi_months"); err != nil {
			t.Fatal(err)
		}
		fromRows, _ := kpiDocs(t, s.Store, to)
		if !slices.Equal(fromBlobs, fromRows) {
			t.Fatal("after the sync the blobs and the rows give different documents")
		}
	})
}
