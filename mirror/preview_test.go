package mirror

import (
	"context"
	"strings"
	"testing"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/onec/demo"
	"github.com/rfm9/rfm9/store"
	"github.com/rfm9/rfm9/store/storetest"
)

// documentMatrix is the preview the long way: every document read into a ledger and
// classified, as the API did before PreviewMatrix.
func documentMatrix(t *testing.T, s *Store, b lifecycle.Bounds, asOf lifecycle.Day) lifecycle.Matrix {
	t.Helper()
	ledger, err := s.Ledger(context.Background(), moscow)
	if err != nil {
		t.Fatal(err)
	}
	c, err := lifecycle.NewClassifier(b)
	if err != nil {
		t.Fatal(err)
	}
	stats, skipped := ledger.Stats(asOf)
	m, _ := c.Classify(asOf, stats, skipped, nil)
	return m
}

func TestPreviewMatchesDocuments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		// Synced as of 2026-10-20: the demo's last eleven days are in the future then.
		s := demoSyncer(t, db, demo.Options{Clients: 500, Lines: 6000, Seed: 9}, "2026-10-20")
		bounds := []lifecycle.Bounds{lifecycle.DefaultBounds()}
		perCell := lifecycle.DefaultBounds()
		perCell.Monetary.Mode = lifecycle.MonetaryPerCell
		fixed := lifecycle.Bounds{Count: [2]int{2, 5}, RecencyDays: [2]int{30, 120},
			Monetary: lifecycle.Monetary{Mode: lifecycle.MonetaryFixed, Fixed: [2]int64{500_000, 3_000_000}}}
		bounds = append(bounds, perCell, fixed)
		compare := func(when string) {
			t.Helper()
			for _, day := range []string{"2026-10-10", "2026-10-20", "2026-10-25", "2026-11-01", "2026-11-21", "2027-03-01"} {
				asOf := lifecycle.DayOf(at(day))
				for _, b := range bounds {
					got, err := s.Store.PreviewMatrix(ctx, b, asOf)
					if err != nil {
						t.Fatal(err)
					}
					if want := documentMatrix(t, s.Store, b, asOf); got != want {
						t.Errorf("%s, as of %s, %s: preview\n%+v\nwant\n%+v", when, day, b.Monetary.Mode, got, want)
					}
				}
			}
		}
		compare("after the sync")

		var one struct {
			Client   string `db:"client_id"`
			Document string `db:"document_id"`
		}
		err := db.Get(&one, db.Rebind(`SELECT d.client_id, d.document_id FROM sales_documents d
			JOIN client_segments s ON s.client_id = d.client_id AND s.purchases = 1 WHERE d.net_kop > 0 ORDER BY d.client_id LIMIT 1`))
		if err != nil {
			t.Fatal(err)
		}
		pushes := []Pushed{
			// a new client whose only document is a return: no purchase
			{DocumentID: "p1", ClientID: "0bd4cc24-2426-11f0-9d47-3c64cfca4840", Period: at("2026-10-18"), Posted: true, NetKop: -500},
			// a client's only purchase cancelled
			{DocumentID: one.Document, ClientID: one.Client, Period: at("2026-10-01"), Posted: false},
			// a new client buying only in the future
			{DocumentID: "p3", ClientID: "1bd4cc24-2426-11f0-9d47-3c64cfca4840", Period: at("2026-11-20"), Posted: true, NetKop: 90_000},
			// an old client, back-dated and future-dated purchases
			{DocumentID: "p4", ClientID: one.Client, Period: at("2026-12-01"), Posted: true, NetKop: 70_000},
			{DocumentID: "p5", ClientID: "1bd4cc24-2426-11f0-9d47-3c64cfca4840", Period: at("2026-09-01"), Posted: true, NetKop: 10_000},
		}
		for i, p := range pushes {
			p.Version, p.Lines = int64(100+i), 1
			if _, err := s.Store.Push(ctx, p, moscow, at("2026-10-21")); err != nil {
				t.Fatal(err)
			}
		}
		compare("after pushes")
	})
}

// TestPreviewPlans checks on SQLite that the preview's reads of documents go through the
// day index to the few documents after the results, and that only the count of clients
// (the client index) and the results are read whole.
func TestPreviewPlans(t *testing.T) {
	db := storetest.SQLite(t)
	st, err := NewStore(db)
	if err != nil {
		t.Fatal(err)
	}
	for name, q := range map[string]string{
		"changed documents": st.q.PreviewChangedDocuments, "results except": st.q.PreviewResultsExcept, "not yet": st.q.PreviewNotYet,
	} {
		plan := explain(t, db, q, 20_000, 20_100)
		day := false
		for _, p := range plan {
			day = day || strings.Contains(p, "USING INDEX sales_documents_day (day>?")
			if strings.HasPrefix(p, "SCAN sales_documents") {
				t.Errorf("%s scans the documents: %q", name, plan)
			}
		}
		if !day {
			t.Errorf("%s: no day index in %q", name, plan)
		}
	}
}
