package mirror

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/store"
)

// benchStore opens RFM9_BENCH_STORE (sqlite:PATH or a postgres:// DSN: a synced store,
// e.g. 1M clients from rfm9 gen and rfm9 sync, with a client catalog).
func benchStore(b *testing.B) (*Store, *store.DB) {
	dsn := os.Getenv("RFM9_BENCH_STORE")
	if dsn == "" {
		b.Skip("RFM9_BENCH_STORE not set")
	}
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	s, err := NewStore(db)
	if err != nil {
		b.Fatal(err)
	}
	return s, db
}

// BenchmarkListClients reads the first and the next page of 100 clients of the largest
// cell (11 on the demo data), one of its codes and a small cell, in every order.
func BenchmarkListClients(b *testing.B) {
	s, _ := benchStore(b)
	ctx := context.Background()
	for _, segment := range []string{"11", "111", "33"} {
		for _, sort := range []string{"monetary", "purchases", "recency", "last_purchase", "client_id"} {
			for _, order := range []string{"desc", "asc"} {
				f := ClientFilter{Code: segment, Sort: sort, Desc: order == "desc", Limit: 100}
				_, next, err := s.ListClients(ctx, f)
				if err != nil {
					b.Fatal(err)
				}
				for page, after := range map[string]string{"first": "", "next": next} {
					f.After = after
					b.Run(segment+"/"+sort+"/"+order+"/"+page, func(b *testing.B) {
						for b.Loop() {
							if _, _, err := s.ListClients(ctx, f); err != nil {
								b.Fatal(err)
							}
						}
					})
				}
			}
		}
	}
}

// BenchmarkSearchClients searches the largest cell the way the dashboard's list page
// does: a common name fragment, one nobody has, an INN, an e-mail and a phone.
func BenchmarkSearchClients(b *testing.B) {
	s, db := benchStore(b)
	ctx := context.Background()
	var c ClientSegment
	if err := db.Get(&c, db.Rebind(`SELECT s.client_id, c.inn, c.email, c.phone FROM client_segments s
		JOIN clients c ON c.client_id = s.client_id WHERE s.code = '112' ORDER BY s.client_id LIMIT 1`)); err != nil {
		b.Fatal(err)
	}
	for name, q := range map[string]string{"name": "иванов", "no-name": "нет такого", "inn": c.INN,
		"email": strings.ToUpper(c.Email), "phone": c.Phone} {
		f := ClientFilter{Code: "11", Sort: "monetary", Desc: true, Search: q, Limit: 100}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := s.ListClients(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFindClients looks clients up by INN, e-mail, phone and all three, as GET
// /api/v1/clients?inn=…&email=…&phone=… does.
func BenchmarkFindClients(b *testing.B) {
	s, db := benchStore(b)
	ctx := context.Background()
	var c ClientSegment
	if err := db.Get(&c, db.Rebind(`SELECT c.inn, c.email, c.phone FROM client_segments s
		JOIN clients c ON c.client_id = s.client_id WHERE s.code = '222' ORDER BY s.client_id LIMIT 1`)); err != nil {
		b.Fatal(err)
	}
	for name, l := range map[string]ClientLookup{"inn": {INN: c.INN}, "email": {Email: strings.ToUpper(c.Email)},
		"phone": {Phone: c.Phone}, "all": {INN: c.INN, Email: c.Email, Phone: c.Phone}, "nobody": {INN: "0000000000"}} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.FindClients(ctx, l); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPreview computes the what-if matrix as of a day the long way (every
// document into a ledger, as previews did before) and from the results.
func BenchmarkPreview(b *testing.B) {
	s, _ := benchStore(b)
	ctx := context.Background()
	loc, err := time.LoadLocation("Europe/Moscow")
	if err != nil {
		b.Fatal(err)
	}
	bounds := lifecycle.DefaultBounds()
	bounds.Count = [2]int{2, 5}
	asOf := lifecycle.DayOf(time.Now().In(loc))
	b.Run("documents", func(b *testing.B) {
		for b.Loop() {
			ledger, err := s.Ledger(ctx, loc)
			if err != nil {
				b.Fatal(err)
			}
			c, err := lifecycle.NewClassifier(bounds)
			if err != nil {
				b.Fatal(err)
			}
			stats, skipped := ledger.Stats(asOf)
			c.Classify(asOf, stats, skipped, nil)
		}
	})
	b.Run("results", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.PreviewMatrix(ctx, bounds, asOf); err != nil {
				b.Fatal(err)
			}
		}
	})
}
