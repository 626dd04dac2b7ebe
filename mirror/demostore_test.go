package mirror

import (
	"context"
	"testing"
	"time"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/onec/demo"
	"github.com/rfm9/rfm9/store"
)

// demoSyncer syncs the demo base of o (sales and the client catalog) into db as of the
// day now (the demo's history ends on 2026-10-31) and returns the syncer.
func demoSyncer(t testing.TB, db *store.DB, o demo.Options, now string) *Syncer {
	t.Helper()
	o.Location = moscow
	var sales []onec.Sale
	if err := demo.Generate(o, func(s onec.Sale) error { sales = append(sales, s); return nil }); err != nil {
		t.Fatal(err)
	}
	var catalog memCatalog
	err := demo.Clients(o, func(c demo.Client) error {
		catalog = append(catalog, onec.Client{ID: c.ID, Name: c.Name, INN: c.INN, Email: c.Email, Phone: c.Phone, Manager: c.Manager})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	st, err := NewStore(db)
	if err != nil {
		t.Fatal(err)
	}
	s := &Syncer{Store: st, Sales: &memSource{sales: sales, batch: 1000}, Catalog: catalog, Location: moscow,
		Bounds: lifecycle.DefaultBounds(), Window: 45, Now: func() time.Time { return at(now) }}
	if _, err := s.Run(context.Background(), true); err != nil {
		t.Fatal(err)
	}
	return s
}
