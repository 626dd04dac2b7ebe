package mirror

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/rfm9/rfm9/onec/demo"
	"github.com/rfm9/rfm9/store"
	"github.com/rfm9/rfm9/store/storetest"
)

func TestFindClientsByEachField(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := demoSyncer(t, db, demo.Options{Clients: 400, Lines: 4000, Seed: 3}, "2026-11-01")
		all := segmentRows(t, db, "")
		who, mate := all[7], all[200]
		ids := func(l ClientLookup) []string {
			t.Helper()
			found, err := s.Store.FindClients(ctx, l)
			if err != nil {
				t.Fatal(err)
			}
			out := make([]string, len(found))
			for i, f := range found {
				out[i] = f.ClientID
			}
			return out
		}
		// The reference: every client whose field matches, by client id, at most 20.
		matching := func(keep func(c ClientSegment) bool) []string {
			var out []string
			for _, c := range all {
				if keep(c) {
					out = append(out, c.ClientID)
				}
			}
			slices.Sort(out)
			return out[:min(len(out), 20)]
		}
		tests := []struct {
			name string
			l    ClientLookup
			want []string
		}{ // each positive case finds who (the reference could be empty by mistake)
			{"inn", ClientLookup{INN: " " + who.INN + " "}, matching(func(c ClientSegment) bool { return c.INN == who.INN })},
			{"e-mail in capitals", ClientLookup{Email: strings.ToUpper(who.Email)},
				matching(func(c ClientSegment) bool { return strings.EqualFold(c.Email, who.Email) })},
			{"phone typed with 8", ClientLookup{Phone: "8" + who.Phone[2:]},
				matching(func(c ClientSegment) bool { return PhoneDigits(c.Phone) == PhoneDigits(who.Phone) })},
			{"any of two clients' fields", ClientLookup{INN: who.INN, Phone: mate.Phone},
				matching(func(c ClientSegment) bool {
					return c.INN == who.INN || PhoneDigits(c.Phone) == PhoneDigits(mate.Phone)
				})},
			{"one client by all three", ClientLookup{INN: who.INN, Email: who.Email, Phone: who.Phone},
				matching(func(c ClientSegment) bool {
					return c.INN == who.INN || strings.EqualFold(c.Email, who.Email) || PhoneDigits(c.Phone) == PhoneDigits(who.Phone)
				})},
			{"nobody", ClientLookup{INN: "0000000000"}, nil},
			{"nothing given", ClientLookup{Phone: "—"}, nil},
		}
		for _, tt := range tests {
			got := ids(tt.l)
			if !slices.Equal(got, tt.want) {
				t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
			}
			if tt.want != nil && !slices.Contains(got, who.ClientID) {
				t.Errorf("%s: %s not found", tt.name, who.ClientID)
			}
		}
	})
}

// TestFindClientsPlans checks on SQLite that each lookup seeks the catalog through its
// index and never scans it.
func TestFindClientsPlans(t *testing.T) {
	db := storetest.SQLite(t)
	st, err := NewStore(db)
	if err != nil {
		t.Fatal(err)
	}
	for query, index := range map[string]string{
		st.q.FindClientByINN: "clients_inn", st.q.FindClientByEmail: "clients_email_lower", st.q.FindClientByPhone: "clients_phone",
	} {
		plan := explain(t, db, query, "x")
		if !strings.HasPrefix(plan[0], "SEARCH c USING INDEX "+index+" ") {
			t.Errorf("%s: plan %q", index, plan)
		}
		for _, p := range plan {
			if strings.HasPrefix(p, "SCAN") {
				t.Errorf("%s: %s", index, p)
			}
		}
	}
}
