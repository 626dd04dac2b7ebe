package mirror

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/rfm9/rfm9/store"
	"github.com/rfm9/rfm9/store/storetest"
)

func TestListClientsPagesByKeyset(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		// As of 2027-06-01 everyone is lost; c1, c2, c5, c6 and c9 made 2–3 purchases: cell 12.
		s := newSyncer(t, db, &memSource{sales: history(), batch: 7}, "2027-06-01")
		if _, err := s.Run(ctx, true); err != nil {
			t.Fatal(err)
		}
		for _, sort := range []string{"monetary", "purchases", "recency", "last_purchase", "client_id"} {
			for _, desc := range []bool{false, true} {
				f := ClientFilter{Code: "12", Sort: sort, Desc: desc, Limit: 2}
				var paged []string
				for page := 0; page < 10; page++ {
					rows, next, err := s.Store.ListClients(ctx, f)
					if err != nil {
						t.Fatal(err)
					}
					for _, r := range rows {
						paged = append(paged, r.ClientID)
					}
					if next == "" {
						break
					}
					f.After = next
				}
				var all []string
				f.After = ""
				s.Store.EachClient(ctx, f, func(c *ClientSegment) error { all = append(all, c.ClientID); return nil })
				if len(all) != 5 || !slices.Equal(paged, all) {
					t.Errorf("sort %s desc=%v: pages %v, all %v", sort, desc, paged, all)
				}
			}
		}
		rows, _, err := s.Store.ListClients(ctx, ClientFilter{Code: "12", Sort: "monetary", Desc: true, Limit: 2})
		if err != nil || len(rows) != 2 || fmt.Sprint(rows[0].ClientID, " ", rows[1].ClientID) != "c6 c9" { // c6: 3 × 14 001, c9: 2 × 20 001
			t.Errorf("the two biggest spenders: %v %v", rows, err)
		}
		if _, _, err := s.Store.ListClients(ctx, ClientFilter{Code: "11", Sort: "monetary", After: "junk", Limit: 2}); err == nil {
			t.Error("a junk cursor was accepted")
		}
	})
}
