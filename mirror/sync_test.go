package mirror

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/store"
	"github.com/rfm9/rfm9/store/storetest"
)

var moscow = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Moscow")
	if err != nil {
		panic(err)
	}
	return loc
}()

// memSource serves sales in period order in batches, like the OData reader; it can fail
// after a number of batches and remembers where each read started.
type memSource struct {
	sales     []onec.Sale
	batch     int
	failAfter int // batches delivered before failing; 0 = never
	froms     []time.Time
}

func (m *memSource) Sales(ctx context.Context, p onec.Period, fn func([]onec.Sale) error) error {
	m.froms = append(m.froms, p.From)
	slices.SortStableFunc(m.sales, func(a, b onec.Sale) int { return a.Period.Compare(b.Period) })
	var in []onec.Sale
	for _, s := range m.sales {
		if p.Contains(s.Period) {
			in = append(in, s)
		}
	}
	for i, n := 0, 0; i < len(in); i, n = i+m.batch, n+1 {
		if m.failAfter > 0 && n == m.failAfter {
			return errors.New("connection reset by 1C")
		}
		if err := fn(in[i:min(i+m.batch, len(in))]); err != nil {
			return err
		}
	}
	return nil
}

type memCatalog []onec.Client

func (c memCatalog) Clients(ctx context.Context, fn func([]onec.Client) error) error { return fn(c) }

func at(day string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", day+" 12:00", moscow)
	if err != nil {
		panic(err)
	}
	return t
}

// history makes clients c0..c9, each buying on several days with two-line documents.
func history() []onec.Sale {
	var out []onec.Sale
	for c := range 10 {
		for k := range c%4 + 1 {
			day := at("2026-06-01").AddDate(0, 0, c*7+k*30)
			doc := fmt.Sprintf("d%d-%d", c, k)
			for line := range 2 {
				out = append(out, onec.Sale{ClientID: fmt.Sprintf("c%d", c), DocumentID: doc, Period: day,
					Amount: int64(1000*(c+1) + line), Quantity: 1000, Lines: 1})
			}
		}
	}
	return out
}

func newSyncer(t *testing.T, db *store.DB, src onec.Source, now string) *Syncer {
	t.Helper()
	st, err := NewStore(db)
	if err != nil {
		t.Fatal(err)
	}
	return &Syncer{Store: st, Sales: src, Catalog: memCatalog{{ID: "c1", Name: "ООО Ромашка", Email: "a@b.ru"}},
		Location: moscow, Bounds: lifecycle.DefaultBounds(), Window: 45, Now: func() time.Time { return at(now) }}
}

// mirrorState reads the mirror as "document/client=net×lines" lines, sorted.
func mirrorState(t *testing.T, db *store.DB) []string {
	t.Helper()
	var rows []struct {
		Doc    string `db:"document_id"`
		Client string `db:"client_id"`
		Net    int64  `db:"net_kop"`
		Lines  int    `db:"lines"`
		Day    int32  `db:"day"`
	}
	if err := db.Select(&rows, "SELECT document_id, client_id, net_kop, lines, day FROM sales_documents"); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		out = append(out, fmt.Sprintf("%s/%s=%d×%d@%s", r.Doc, r.Client, r.Net, r.Lines, lifecycle.Day(r.Day)))
	}
	slices.Sort(out)
	return out
}

// expected computes the mirror a correct sync must produce from the source's sales.
func expected(sales []onec.Sale) []string {
	type agg struct {
		net   int64
		lines int
		day   lifecycle.Day
	}
	docs := map[string]*agg{}
	for _, s := range sales {
		k := s.DocumentID + "/" + s.ClientID
		if docs[k] == nil {
			docs[k] = &agg{day: lifecycle.DayOf(s.Period)}
		}
		docs[k].net += s.Amount
		docs[k].lines++
		docs[k].day = min(docs[k].day, lifecycle.DayOf(s.Period))
	}
	var out []string
	for k, a := range docs {
		out = append(out, fmt.Sprintf("%s=%d×%d@%s", k, a.net, a.lines, a.day))
	}
	slices.Sort(out)
	return out
}

func TestFullSync(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		src := &memSource{sales: history(), batch: 3}
		res, err := newSyncer(t, db, src, "2026-11-01").Run(context.Background(), false)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Full || res.Records != int64(len(src.sales)) || res.Documents != 23 || res.Segmented != 10 || res.Clients != 1 {
			t.Errorf("result %+v", res)
		}
		if got, want := mirrorState(t, db), expected(src.sales); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("mirror:\n got %v\nwant %v", got, want)
		}
		var code string
		if err := db.Get(&code, db.Rebind("SELECT code FROM client_segments WHERE client_id = ?"), "c9"); err != nil {
			t.Fatal(err)
		}
		// c9 buys twice: 2026-08-03 and 2026-09-02; 60 days before 2026-11-01 → R3 F2, the largest M → 323.
		if code != "323" {
			t.Errorf("c9 code %s, want 323", code)
		}
		// The nightly full sync of an unchanged base writes no document and moves no one.
		moves := countRows(t, db, "segment_changes")
		again, err := newSyncer(t, db, src, "2026-11-01").Run(context.Background(), true)
		if err != nil || again.Changed != 0 || again.Documents != 23 {
			t.Errorf("second full sync: %+v %v", again, err)
		}
		if got := countRows(t, db, "segment_changes"); got != moves {
			t.Errorf("the second full sync recorded %d moves", got-moves)
		}
		if got, want := mirrorState(t, db), expected(src.sales); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("mirror after the second full sync:\n got %v\nwant %v", got, want)
		}
	})
}

func TestIncrementalSyncFollowsChangesIn1C(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		src := &memSource{sales: history(), batch: 4}
		if _, err := newSyncer(t, db, src, "2026-11-01").Run(ctx, true); err != nil {
			t.Fatal(err)
		}
		// The 45-day window starts on 2026-09-17. In 1C: d7-2 (2026-09-18) is re-posted with
		// other sums, d8-0 (2026-07-27, before the window) is back-dated into it, d7-3
		// (2026-10-18) is deleted and a new document appears; d9-1 (2026-09-02, before the
		// window) changes too, but an incremental sync does not see it.
		var changed, stale []onec.Sale
		for _, s := range src.sales {
			switch {
			case s.DocumentID == "d7-2":
				s.Amount *= 2
			case s.DocumentID == "d8-0":
				s.Period = at("2026-10-20")
			case s.DocumentID == "d7-3":
				continue
			case s.DocumentID == "d9-1":
				stale = append(stale, s)
				s.Amount = 1
			}
			changed = append(changed, s)
		}
		changed = append(changed, onec.Sale{ClientID: "c0", DocumentID: "new", Period: at("2026-10-30"), Amount: 555, Lines: 1})
		src.sales = changed
		res, err := newSyncer(t, db, src, "2026-11-01").Run(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		if res.Full || src.froms[1] != at("2026-09-17").Add(-12*time.Hour) {
			t.Errorf("incremental sync read from %v (full=%v), want 2026-09-17 00:00", src.froms[1], res.Full)
		}
		// Re-posted, back-dated into the window, deleted, new: only these are written.
		if res.Changed != 4 {
			t.Errorf("%d documents changed, want 4", res.Changed)
		}
		seen := slices.DeleteFunc(slices.Clone(changed), func(s onec.Sale) bool { return s.DocumentID == "d9-1" })
		if got, want := mirrorState(t, db), expected(append(seen, stale...)); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("mirror after incremental sync:\n got %v\nwant %v", got, want)
		}
	})
}

func TestFailedSyncKeepsStateAndResumes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		first := history()[:20]
		src := &memSource{sales: first, batch: 3}
		if _, err := newSyncer(t, db, src, "2026-11-01").Run(ctx, true); err != nil {
			t.Fatal(err)
		}
		before := mirrorState(t, db)

		src.sales, src.failAfter = history(), 5
		if _, err := newSyncer(t, db, src, "2026-11-01").Run(ctx, true); err == nil {
			t.Fatal("the failing sync succeeded")
		}
		if got := mirrorState(t, db); fmt.Sprint(got) != fmt.Sprint(before) {
			t.Fatalf("a failed sync changed the mirror:\n got %v\nwant %v", got, before)
		}
		src.failAfter = 0
		res, err := newSyncer(t, db, src, "2026-11-01").Run(ctx, true)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Resumed || src.froms[2].IsZero() {
			t.Errorf("second attempt did not resume (resumed=%v, read from %v)", res.Resumed, src.froms[2])
		}
		if got, want := mirrorState(t, db), expected(history()); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("mirror after the resumed sync:\n got %v\nwant %v", got, want)
		}
	})
}

// A document pushed while a sync reads is newer than what the sync read: the swap keeps
// it. One pushed before the sync began is replaced by what the sync read from 1C.
func TestSyncKeepsDocumentsPushedWhileItRead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		src := &memSource{sales: history(), batch: 4}
		s := newSyncer(t, db, src, "2026-11-01")
		if _, err := s.Run(ctx, true); err != nil {
			t.Fatal(err)
		}
		net := func(doc string) int64 {
			t.Helper()
			var n int64
			if err := db.Get(&n, db.Rebind("SELECT sum(net_kop) FROM sales_documents WHERE document_id = ?"), doc); err != nil {
				t.Fatal(err)
			}
			return n
		}
		push := func(doc string, version int64, when time.Time) {
			t.Helper()
			d := Pushed{DocumentID: doc, ClientID: "c7", Period: at("2026-10-18"), Posted: true, Version: version, NetKop: 777, Lines: 1}
			if _, err := s.Store.Push(ctx, d, moscow, when); err != nil {
				t.Fatal(err)
			}
		}
		// d7-3 (2026-10-18) is in the window; pushed an hour before the sync begins.
		read := net("d7-3")
		push("d7-3", 1, at("2026-11-01").Add(-time.Hour))
		// d7-2 (2026-09-18, also in the window) is pushed while the sync reads.
		pushed := false
		s.Progress = func(Progress) {
			if !pushed {
				pushed = true
				push("d7-2", 1, at("2026-11-01").Add(time.Minute))
			}
		}
		if _, err := s.Run(ctx, false); err != nil {
			t.Fatal(err)
		}
		if got := net("d7-2"); got != 777 {
			t.Errorf("d7-2, pushed during the sync: net %d, want the pushed 777", got)
		}
		if got := net("d7-3"); got != read {
			t.Errorf("d7-3, pushed before the sync: net %d, want 1C's %d", got, read)
		}
		checkResults(t, s.Store)
	})
}
