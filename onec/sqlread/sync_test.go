package sqlread

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/mirror"
	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/onec/demo"
	"github.com/rfm9/rfm9/store/storetest"
)

// TestPostgresSyncEqualsDemo runs the unchanged sync into two stores, one from the
// direct reader and one from the demo's lines (what the emulator serves over OData),
// and compares the segments client for client.
func TestPostgresSyncEqualsDemo(t *testing.T) {
	for _, preset := range []string{"ut11", "unf"} {
		t.Run(preset, func(t *testing.T) {
			fx, r, _ := pgFixture(t, preset)
			direct := syncInto(t, r, r, fx.loc)
			generated := syncInto(t, demo.Source{Options: testDemo}, r, fx.loc)
			ctx := context.Background()
			err := demo.Clients(testDemo, func(c demo.Client) error {
				got, err := direct.FindClient(ctx, c.ID)
				if err != nil {
					return err
				}
				want, err := generated.FindClient(ctx, c.ID)
				if err != nil {
					return err
				}
				if got != want {
					t.Errorf("client %s:\n direct %+v\n  demo  %+v", c.ID, got, want)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			a, _ := direct.SegmentTotals(ctx)
			b, _ := generated.SegmentTotals(ctx)
			if !slices.Equal(a, b) {
				t.Errorf("segment totals differ:\n direct %v\n  demo  %v", a, b)
			}
		})
	}
}

// syncInto runs a full sync into a fresh SQLite store.
func syncInto(t *testing.T, sales onec.Source, cat onec.Catalog, loc *time.Location) *mirror.Store {
	t.Helper()
	ms, err := mirror.NewStore(storetest.SQLite(t))
	if err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return time.Date(2026, 11, 1, 9, 0, 0, 0, loc) }
	s := &mirror.Syncer{Store: ms, Sales: sales, Catalog: cat, Location: loc, Bounds: lifecycle.DefaultBounds(), Window: 45, Now: now}
	res, err := s.Run(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	if res.Segmented != testDemo.Clients {
		t.Errorf("%d clients segmented, want %d", res.Segmented, testDemo.Clients)
	}
	return ms
}
