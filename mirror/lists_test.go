package mirror

import (
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rfm9/rfm9/onec/demo"

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

// segmentRows reads every client of a segment (a code or a cell) with the catalog's
// details, in no particular order: the reference the list is checked against. Nothing
// was pushed, so every result is as of the matrix's day.
func segmentRows(t *testing.T, db *store.DB, segment string) []ClientSegment {
	t.Helper()
	var all []ClientSegment
	err := db.Select(&all, `SELECT s.client_id, coalesce(c.name, '') AS name, coalesce(c.inn, '') AS inn,
		coalesce(c.email, '') AS email, coalesce(c.phone, '') AS phone, s.code, s.purchases, s.monetary_kop,
		s.first_day, s.last_day
		FROM client_segments s LEFT JOIN clients c ON c.client_id = s.client_id`)
	if err != nil {
		t.Fatal(err)
	}
	var asOf int32
	if err := db.Get(&asOf, "SELECT as_of FROM segment_matrix"); err != nil {
		t.Fatal(err)
	}
	for i := range all {
		all[i].AsOf, all[i].Recency = asOf, int(asOf-all[i].LastDay)
	}
	return slices.DeleteFunc(all, func(c ClientSegment) bool { return !strings.HasPrefix(c.Code, segment) })
}

// wantOrder sorts rows as a list must: by the sort's column, ties by client id, both in
// the direction the column is read (recency reads last_day the other way).
func wantOrder(rows []ClientSegment, sort string, desc bool) []string {
	rows = slices.Clone(rows)
	colDesc := desc != (sort == "recency")
	slices.SortFunc(rows, func(a, b ClientSegment) int {
		c := cmp.Compare(sortValue(&a, sort), sortValue(&b, sort))
		if c == 0 {
			c = strings.Compare(a.ClientID, b.ClientID)
		}
		if colDesc {
			return -c
		}
		return c
	})
	ids := make([]string, len(rows))
	for i := range rows {
		ids[i] = rows[i].ClientID
	}
	return ids
}

// pages reads a list to its end, page by page, and returns the client ids in order.
func pages(t *testing.T, s *Store, f ClientFilter) []string {
	t.Helper()
	var ids []string
	for range 1000 {
		rows, next, err := s.ListClients(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			ids = append(ids, r.ClientID)
		}
		if next == "" {
			return ids
		}
		f.After = next
	}
	t.Fatal("a list that never ends")
	return nil
}

func TestListClientsOrderOnDemoData(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := demoSyncer(t, db, demo.Options{Clients: 400, Lines: 4000, Seed: 3}, "2026-11-01")
		for _, segment := range []string{"11", "111", "33", "23", "13"} {
			all := segmentRows(t, db, segment)
			if len(all) < 10 {
				t.Fatalf("segment %s has %d clients: too few to page", segment, len(all))
			}
			for sort := range SortColumns {
				for _, desc := range []bool{false, true} {
					want := wantOrder(all, sort, desc)
					got := pages(t, s.Store, ClientFilter{Code: segment, Sort: sort, Desc: desc, Limit: 7})
					if !slices.Equal(got, want) {
						t.Errorf("%s by %s desc=%v: %d clients in pages, %d in the segment, or out of order", segment, sort, desc, len(got), len(want))
					}
				}
			}
		}
	})
}

func TestListClientsSearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := demoSyncer(t, db, demo.Options{Clients: 400, Lines: 4000, Seed: 3}, "2026-11-01")
		cell := segmentRows(t, db, "11")
		who := cell[len(cell)/2]
		surname := strings.Fields(strings.Trim(who.Name, `"`))[1] // after ООО/ИП/АО, or a person's first name
		other := "33"
		if who.Code[:2] == other {
			t.Fatal("pick another cell")
		}
		for _, q := range []string{
			strings.ToUpper(who.ClientID), strings.ToUpper(who.Email), who.INN,
			"8 " + who.Phone[3:], // +7 (495) 123-45-67 typed as 8 (495) 123-45-67
			strings.ToUpper(surname), strings.ToLower(string([]rune(surname)[:3])),
		} {
			for _, segment := range []string{who.Code, "11"} {
				got := pages(t, s.Store, ClientFilter{Code: segment, Sort: "monetary", Desc: true, Search: q, Limit: 3})
				if !slices.Contains(got, who.ClientID) {
					t.Errorf("%q in %s: %v, want %s among them", q, segment, got, who.ClientID)
				}
			}
			got := pages(t, s.Store, ClientFilter{Code: other, Sort: "monetary", Desc: true, Search: q, Limit: 3})
			if slices.Contains(got, who.ClientID) {
				t.Errorf("%q in %s found %s of %s", q, other, who.ClientID, who.Code)
			}
		}
		// A name fragment many share, paged two by two, gives every match in the list's
		// order, whether its clients are fetched by id or found along the index.
		defer func(n int) { nameLookupMax = n }(nameLookupMax)
		for _, lookupMax := range []int{2000, 3} {
			nameLookupMax = lookupMax
			for _, sort := range []string{"monetary", "recency", "client_id"} {
				var matches []ClientSegment
				for _, c := range cell {
					if strings.Contains(strings.ToLower(c.Name), "ов") {
						matches = append(matches, c)
					}
				}
				got := pages(t, s.Store, ClientFilter{Code: "11", Sort: sort, Search: "ОВ", Limit: 2})
				if want := wantOrder(matches, sort, false); len(want) < 5 || !slices.Equal(got, want) {
					t.Errorf("search ОВ by %s (at most %d by id): %d matches paged, %d in the cell", sort, lookupMax, len(got), len(want))
				}
			}
		}
		for _, q := range []string{"%", "_", `\`, "нет такого имени"} {
			rows, _, err := s.Store.ListClients(ctx, ClientFilter{Code: "11", Sort: "monetary", Search: q, Limit: 5})
			if err != nil || len(rows) != 0 {
				t.Errorf("search %q: %d rows, %v", q, len(rows), err)
			}
		}
	})
}

func TestNameKey(t *testing.T) {
	for in, want := range map[string]string{
		`ООО "Ромашка"`:   `ооо "ромашка"`,
		"ИП Королёв Пётр": "ип королев петр",
		"ЁЛКИ":            "елки",
		"Smith & Sons":    "smith & sons",
	} {
		if got := nameKey(in); got != want {
			t.Errorf("nameKey(%q) = %q, want %q", in, got, want)
		}
	}
}

// explain is SQLite's query plan, one line per step.
func explain(t *testing.T, db *store.DB, query string, args ...any) []string {
	t.Helper()
	var plan []struct {
		ID      int    `db:"id"`
		Parent  int    `db:"parent"`
		NotUsed int    `db:"notused"`
		Detail  string `db:"detail"`
	}
	if err := db.Select(&plan, "EXPLAIN QUERY PLAN "+query, args...); err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(plan))
	for i, p := range plan {
		out[i] = p.Detail
	}
	return out
}

// TestSearchPlansLookClientsUp checks on SQLite that a search by GUID, e-mail, INN,
// phone or a rare name finds the clients through the catalog and fetches their rows
// by id, rather than walking the segment.
func TestSearchPlansLookClientsUp(t *testing.T) {
	db := storetest.SQLite(t)
	st, err := NewStore(db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO clients (client_id, name, name_key, updated_at) VALUES ('c1', 'Ромашка', 'ромашка', CURRENT_TIMESTAMP)`); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"AF738206-2426-11F0-9D47-3C64CFCA4840", "Info@Romashka.ru", "7707083893", "+7 (495) 123-45-67", "Ромашка"} {
		f := ClientFilter{Code: "11", Sort: "monetary", Desc: true, Search: q}
		query, args, err := st.listQuery(context.Background(), f, 101)
		if err != nil {
			t.Fatal(err)
		}
		byID := 0
		for _, p := range explain(t, db, query, args...) {
			if strings.HasPrefix(p, "SEARCH s USING INDEX sqlite_autoindex_client_segments_1 (client_id=?)") {
				byID++
			}
			if strings.HasPrefix(p, "SCAN") && !strings.HasPrefix(p, "SCAN p") || strings.Contains(p, "client_segments_code") {
				t.Errorf("%s: %s", q, p)
			}
		}
		if byID != 1 {
			t.Errorf("%s: the segment rows not fetched by client id", q)
		}
	}
}

// TestListPlansReadAnIndex checks on SQLite that every sort pages along an index: each
// code is searched by its index from the cursor on, never scanned (what is sorted after
// is at most a page per code).
func TestListPlansReadAnIndex(t *testing.T) {
	db := storetest.SQLite(t)
	st, err := NewStore(db)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := json.Marshal(cursor{Value: 5, ID: "c"})
	for sort := range SortColumns {
		for _, segment := range []string{"11", "111"} {
			f := ClientFilter{Code: segment, Sort: sort, Desc: true, After: base64.RawURLEncoding.EncodeToString(after)}
			q, args, err := st.listQuery(context.Background(), f, 101)
			if err != nil {
				t.Fatal(err)
			}
			plan := explain(t, db, q, args...)
			searches := 0
			for _, p := range plan {
				switch {
				case strings.HasPrefix(p, "SEARCH s USING INDEX client_segments_code") && strings.Contains(p, "(code=? AND "):
					searches++
				case strings.HasPrefix(p, "SCAN s"):
					t.Errorf("%s by %s scans the segments: %s", segment, sort, p)
				}
			}
			if searches != len(codesOf(segment)) {
				t.Errorf("%s by %s: %d index searches: %+v", segment, sort, searches, plan)
			}
		}
	}
}
