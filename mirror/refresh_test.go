package mirror

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/onec/demo"
	"github.com/rfm9/rfm9/store"
	"github.com/rfm9/rfm9/store/storetest"
)

// checkResults compares every stored result with the client's documents classified by
// the stored matrix as of its day, by StatsOf (not the ledger the recompute uses): the
// results must be what a recompute from scratch would write under that matrix.
func checkResults(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	m, ok, err := s.loadMatrix(ctx, s.db)
	if err != nil || !ok {
		t.Fatalf("matrix: %v %v", ok, err)
	}
	var docs []struct {
		Client string `db:"client_id"`
		lifecycle.DocumentTotal
	}
	if err := s.db.Select(&docs, "SELECT client_id, day, net_kop FROM sales_documents ORDER BY client_id"); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for i := 0; i < len(docs); {
		j := i
		var one []lifecycle.DocumentTotal
		for ; j < len(docs) && docs[j].Client == docs[i].Client; j++ {
			one = append(one, docs[j].DocumentTotal)
		}
		if st, ok := lifecycle.StatsOf(one, m.AsOf); ok {
			want[docs[i].Client] = fmt.Sprintf("%s %d %d %d %d", m.CodeOf(st), st.Purchases, st.Monetary, st.First, st.Last)
		}
		i = j
	}
	var rows []segmentRow
	if err := s.db.Select(&rows, "SELECT client_id, code, r, f, m, purchases, monetary_kop, first_day, last_day FROM client_segments"); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rows {
		got[r.ClientID] = fmt.Sprintf("%s %d %d %d %d", r.Code, r.Purchases, r.MonetaryKop, r.FirstDay, r.LastDay)
	}
	bad := 0
	for c, w := range want {
		if got[c] != w && bad < 5 {
			t.Errorf("client %s: stored %q, want %q", c, got[c], w)
			bad++
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d results stored, %d clients with a purchase", len(got), len(want))
	}
}

func countRows(t *testing.T, db *store.DB, table string) int {
	t.Helper()
	var n int
	if err := db.Get(&n, "SELECT count(*) FROM "+table); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRecomputeWritesOnlyWhatChanged(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := demoSyncer(t, db, demo.Options{Clients: 300, Lines: 3000, Seed: 5}, "2026-11-01")
		checkResults(t, s.Store)
		moves := countRows(t, db, "segment_changes")

		// The same day again: nothing moves, nothing is recorded.
		if _, err := s.Recompute(ctx); err != nil {
			t.Fatal(err)
		}
		if got := countRows(t, db, "segment_changes"); got != moves {
			t.Errorf("a recompute on the same day recorded %d moves", got-moves)
		}

		// 60 days on, without a purchase: clients age, and each move is recorded once,
		// from the code before to the code after.
		before := codes(t, db)
		s.Now = func() time.Time { return at("2026-12-31") }
		if _, err := s.Recompute(ctx); err != nil {
			t.Fatal(err)
		}
		checkResults(t, s.Store)
		after := codes(t, db)
		var recorded []struct {
			Client string `db:"client_id"`
			Day    int32  `db:"day"`
			From   string `db:"from_code"`
			To     string `db:"to_code"`
		}
		if err := db.Select(&recorded, db.Rebind("SELECT client_id, day, from_code, to_code FROM segment_changes WHERE id > ? ORDER BY id"), moves); err != nil {
			t.Fatal(err)
		}
		changed := 0
		for c, code := range after {
			if before[c] != code {
				changed++
			}
		}
		if changed == 0 || len(recorded) != changed {
			t.Fatalf("%d codes changed, %d moves recorded", changed, len(recorded))
		}
		for _, r := range recorded {
			if before[r.Client] != r.From || after[r.Client] != r.To || lifecycle.Day(r.Day) != lifecycle.DayOf(at("2026-12-31")) {
				t.Errorf("move %+v: the code was %q and is %q", r, before[r.Client], after[r.Client])
			}
		}
		// A result's recency is read from the matrix's day, not stored.
		c, err := s.Store.FindClient(ctx, recorded[0].Client)
		if err != nil {
			t.Fatal(err)
		}
		if want := int(lifecycle.DayOf(at("2026-12-31"))) - int(c.LastDay); c.Recency != want || c.AsOf != int32(lifecycle.DayOf(at("2026-12-31"))) {
			t.Errorf("client %s: as of %d, recency %d; want recency %d", c.ClientID, c.AsOf, c.Recency, want)
		}
	})
}

func codes(t *testing.T, db *store.DB) map[string]string {
	t.Helper()
	var rows []struct {
		Client string `db:"client_id"`
		Code   string `db:"code"`
	}
	if err := db.Select(&rows, "SELECT client_id, code FROM client_segments"); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range rows {
		out[r.Client] = r.Code
	}
	return out
}

// A push that commits while a recompute reads is not lost: its clients are segmented
// afresh under the new matrix, and its month's KPI blob stays dropped.
func TestPushWhileRecomputing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newSyncer(t, db, &memSource{sales: history(), batch: 5}, "2026-11-01")
		if _, err := s.Run(ctx, true); err != nil {
			t.Fatal(err)
		}
		sale := Pushed{DocumentID: "p1", ClientID: "c0", Period: at("2026-10-31"), Posted: true, Version: 1, NetKop: 500_000, Lines: 3}
		s.Store.beforeApply = func() {
			s.Store.beforeApply = nil
			if _, err := s.Store.Push(ctx, sale, moscow, at("2026-11-01")); err != nil {
				t.Error(err)
			}
		}
		if _, err := s.Recompute(ctx); err != nil {
			t.Fatal(err)
		}
		checkResults(t, s.Store)
		c0, err := s.Store.FindClient(ctx, "c0")
		if err != nil || c0.Purchases != 2 || c0.LastDay != int32(lifecycle.DayOf(at("2026-10-31"))) {
			t.Errorf("c0 after a push during the recompute: %+v %v", c0, err)
		}
		october := int32(monthOfDay(lifecycle.DayOf(at("2026-10-31"))))
		var blobs int
		if err := db.Get(&blobs, db.Rebind("SELECT count(*) FROM kpi_months WHERE month = ?"), october); err != nil {
			t.Fatal(err)
		}
		if blobs != 0 {
			t.Error("the recompute stored October's KPI blob without the push of October 31")
		}
		if n := countRows(t, db, "pushed_changes"); n != 0 {
			t.Errorf("%d pushes left in the journal", n)
		}
		// The next recompute has the push in its snapshot and stores the month again.
		if _, err := s.Recompute(ctx); err != nil {
			t.Fatal(err)
		}
		if err := db.Get(&blobs, db.Rebind("SELECT count(*) FROM kpi_months WHERE month = ?"), october); err != nil || blobs != 1 {
			t.Errorf("October's blob after the next recompute: %d %v", blobs, err)
		}
	})
}

// Pushes between the chunks of a recompute's writes: every result ends as a recompute
// from scratch would write it, and no move is recorded twice or lost.
func TestPushesBetweenChunks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := demoSyncer(t, db, demo.Options{Clients: 300, Lines: 3000, Seed: 5}, "2026-11-01")
		s.Store.resultChunk = 4
		chunks, pushed := 0, 0
		s.Store.afterChunk = func(written, due []resultWrite) {
			if chunks++; chunks%3 != 1 || len(due) == 0 {
				return
			}
			// A client whose result this recompute wrote, and one it has yet to write.
			for _, c := range []string{written[len(written)/2].ClientID, due[len(due)/2].ClientID} {
				pushed++
				d := Pushed{DocumentID: fmt.Sprintf("between-%d", pushed), ClientID: c,
					Period: at("2026-12-30"), Posted: true, Version: 1, NetKop: 700_000, Lines: 1}
				if _, err := s.Store.Push(ctx, d, moscow, at("2026-12-31")); err != nil {
					t.Error(err)
				}
			}
		}
		s.Now = func() time.Time { return at("2026-12-31") }
		if _, err := s.Recompute(ctx); err != nil {
			t.Fatal(err)
		}
		if chunks < 6 {
			t.Fatalf("%d chunks: want the results written in several", chunks)
		}
		checkResults(t, s.Store)
		checkHistoryChains(t, db)
	})
}

// The mirror's first recompute writes every result in one transaction; the next, which
// changes results that exist, in chunks.
func TestFirstRecomputeInOneTransaction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		st, err := NewStore(db)
		if err != nil {
			t.Fatal(err)
		}
		st.resultChunk = 4
		var chunks []int
		st.afterChunk = func(written, _ []resultWrite) { chunks = append(chunks, len(written)) }
		s := &Syncer{Store: st, Sales: &memSource{sales: history(), batch: 5}, Location: moscow,
			Bounds: lifecycle.DefaultBounds(), Window: 45, Now: func() time.Time { return at("2026-11-01") }}
		res, err := s.Run(ctx, true)
		if err != nil {
			t.Fatal(err)
		}
		if len(chunks) != 1 || chunks[0] != res.Segmented {
			t.Errorf("first recompute: chunks ending at %v, want one of all %d results", chunks, res.Segmented)
		}
		chunks = nil
		s.Now = func() time.Time { return at("2028-11-01") } // everyone re-aged
		if _, err := s.Recompute(ctx); err != nil {
			t.Fatal(err)
		}
		if len(chunks) < 2 || chunks[0] != 4 {
			t.Errorf("a later recompute: chunks ending at %v, want several of 4", chunks)
		}
	})
}

// checkHistoryChains checks every client's recorded moves: each starts where the one
// before ended (the first from outside the matrix) and the last ends at the code now.
func checkHistoryChains(t *testing.T, db *store.DB) {
	t.Helper()
	var moves []struct {
		ID     int64  `db:"id"`
		Client string `db:"client_id"`
		From   string `db:"from_code"`
		To     string `db:"to_code"`
	}
	if err := db.Select(&moves, "SELECT id, client_id, from_code, to_code FROM segment_changes ORDER BY id"); err != nil {
		t.Fatal(err)
	}
	last := map[string]string{}
	bad := 0
	for _, m := range moves {
		if m.From != last[m.Client] && bad < 5 {
			t.Errorf("move %d of %s from %q: the move before ended at %q", m.ID, m.Client, m.From, last[m.Client])
			bad++
		}
		last[m.Client] = m.To
	}
	now := codes(t, db)
	for c, code := range last {
		if now[c] != code && bad < 10 {
			t.Errorf("client %s: the last move ends at %q, the code is %q", c, code, now[c])
			bad++
		}
	}
	if len(now) > len(last) {
		t.Errorf("%d clients with a code, %d with moves", len(now), len(last))
	}
}

// A recompute whose results another one replaced meanwhile (another replica) starts over.
func TestRecomputeStartsOverWhenRaced(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newSyncer(t, db, &memSource{sales: history(), batch: 5}, "2026-11-01")
		if _, err := s.Run(ctx, true); err != nil {
			t.Fatal(err)
		}
		other, err := NewStore(db)
		if err != nil {
			t.Fatal(err)
		}
		var raced int
		s.Store.beforeApply = func() {
			raced++
			if raced > 1 {
				return
			}
			o := *s
			o.Store = other
			o.Now = func() time.Time { return at("2026-12-01") }
			if _, err := o.Recompute(ctx); err != nil {
				t.Error(err)
			}
		}
		s.Now = func() time.Time { return at("2026-12-02") }
		if _, err := s.Recompute(ctx); err != nil {
			t.Fatal(err)
		}
		m, _, err := s.Store.loadMatrix(ctx, db)
		if raced != 2 || err != nil || m.AsOf != lifecycle.DayOf(at("2026-12-02")) {
			t.Errorf("tries %d, matrix as of %s (%v); want 2 tries and 2026-12-02", raced, m.AsOf, err)
		}
		checkResults(t, s.Store)
	})
}

// Pushes and recomputes at once, as under load: every result ends consistent with the
// documents and the matrix, and no push fails.
func TestPushesAndRecomputesConcurrently(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := demoSyncer(t, db, demo.Options{Clients: 200, Lines: 2000, Seed: 9}, "2026-11-01")
		s.Store.resultChunk = 16
		ids := make([]string, 0, 50)
		for c := range codes(t, db) {
			if ids = append(ids, c); len(ids) == cap(ids) {
				break
			}
		}
		var stop atomic.Bool
		var wg sync.WaitGroup
		for w := range 3 {
			wg.Go(func() {
				for i := 0; !stop.Load(); i++ {
					d := Pushed{DocumentID: fmt.Sprintf("w%d-%d", w, i%40), ClientID: ids[(i*7+w)%len(ids)],
						Period: at("2026-10-20").AddDate(0, 0, i%10), Posted: i%5 != 4, Version: int64(i + 1), NetKop: int64(1000 + i), Lines: 1}
					if _, err := s.Store.Push(ctx, d, moscow, at("2026-11-01")); err != nil {
						t.Error(err)
						return
					}
				}
			})
		}
		for range 3 {
			if _, err := s.Recompute(ctx); err != nil {
				t.Error(err)
			}
		}
		stop.Store(true)
		wg.Wait()
		checkResults(t, s.Store)
		checkHistoryChains(t, db)
	})
}
