package mirror

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/store"
	"github.com/rfm9/rfm9/store/storetest"
)

// handBounds make every code below computable by hand: R3 within 20 days, R2 within 50;
// F1 one purchase, F2 up to three; M1 up to 1 000 ₽, M2 up to 5 000 ₽.
var handBounds = lifecycle.Bounds{Count: [2]int{1, 3}, RecencyDays: [2]int{20, 50},
	Monetary: lifecycle.Monetary{Mode: lifecycle.MonetaryFixed, Fixed: [2]int64{100_000, 500_000}}}

// handSales: a buys four times up to 2026-01-31 and then stops; b first buys on
// 2026-02-10; c buys on 2026-01-05 and again on 2026-03-20.
func handSales() []onec.Sale {
	sale := func(client, doc, day string, kop int64) onec.Sale {
		return onec.Sale{ClientID: client, DocumentID: doc, Period: at(day), Amount: kop, Lines: 1}
	}
	return []onec.Sale{
		sale("a", "a1", "2025-12-01", 200_000), sale("a", "a2", "2025-12-15", 200_000),
		sale("c", "c1", "2026-01-05", 200_000), sale("a", "a3", "2026-01-10", 200_000),
		sale("a", "a4", "2026-01-31", 200_000), sale("b", "b1", "2026-02-10", 50_000),
		sale("c", "c2", "2026-03-20", 200_000),
	}
}

func day(s string) lifecycle.Day {
	d, err := lifecycle.ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

// The first sync backfills the month-ends from history; each code below is worked out
// from handBounds by hand (recency as of the month-end, purchases and net so far).
func TestBackfillByHand(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newSyncer(t, db, &memSource{sales: handSales(), batch: 2}, "2026-04-02")
		s.Bounds = handBounds
		if _, err := s.Run(ctx, true); err != nil {
			t.Fatal(err)
		}
		list, err := s.Store.ListSnapshots(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var dates []string
		for _, sn := range list {
			dates = append(dates, sn.AsOf.String()+"/"+sn.Kind)
		}
		want := []string{"2025-12-31/backfill", "2026-01-31/backfill", "2026-02-28/backfill", "2026-03-31/backfill"}
		if !slices.Equal(dates, want) {
			t.Fatalf("snapshots = %v, want %v", dates, want)
		}
		wantCodes := map[string][]string{
			// a: 2 purchases, 4 000 ₽, 16 days → 322; then 333 (4 purchases, 8 000 ₽, 0 days),
			// 233 (28 days), 133 (59 days): aging without buying.
			"a": {"322", "333", "233", "133"},
			// b: new in February: 311 at 18 days, 211 at 49 days.
			"b": {"", "", "311", "211"},
			// c: 212 at 26 days, 112 at 54 days, then a second purchase: 322 at 11 days.
			"c": {"", "212", "112", "322"},
		}
		for client, codes := range wantCodes {
			got, err := s.Store.ClientSnapshots(ctx, client)
			if err != nil {
				t.Fatal(err)
			}
			var gotCodes []string
			for _, g := range got {
				gotCodes = append(gotCodes, g.Code)
			}
			if !slices.Equal(gotCodes, codes) {
				t.Errorf("client %s codes = %q, want %q", client, gotCodes, codes)
			}
		}
		if got, err := s.Store.ClientSnapshots(ctx, "nobody"); err != nil || len(got) != 0 {
			t.Fatalf("unknown client = %v, %v", got, err)
		}

		g := lifecycle.NewGrouping(lifecycle.LevelCell, nil)
		tr, err := s.Store.Transitions(ctx, day("2026-01-31"), day("2026-03-31"), g)
		if err != nil {
			t.Fatal(err)
		}
		// a 33 → 13 worse; b new → 21; c 21 → 32 better.
		if tr.Better != 1 || tr.Worse != 1 || tr.New != 1 || tr.Same != 0 || tr.Gone != 0 {
			t.Fatalf("transitions = %+v", tr)
		}
		idx := map[string]int{}
		for i, gr := range tr.Groups {
			idx[gr.Key] = i
		}
		if tr.Counts[idx["33"]][idx["13"]] != 1 || tr.Counts[len(tr.Groups)][idx["21"]] != 1 || tr.Counts[idx["21"]][idx["32"]] != 1 {
			t.Fatalf("counts = %v", tr.Counts)
		}
		if _, err := s.Store.Transitions(ctx, day("2026-01-15"), day("2026-03-31"), g); !errors.Is(err, ErrNotFound) {
			t.Fatalf("transitions from a date without a snapshot: %v", err)
		}

		dyn, err := s.Store.Dynamics(ctx, day("2026-01-01"), day("2026-12-31"), g)
		if err != nil {
			t.Fatal(err)
		}
		var sizes []string
		for _, p := range dyn.Points {
			sizes = append(sizes, fmt.Sprintf("%s:%d lost %d repeat %d", p.AsOf, p.Clients, p.Lost, p.Repeat))
		}
		wantSizes := []string{"2026-01-31:2 lost 0 repeat 1", "2026-02-28:3 lost 1 repeat 1", "2026-03-31:3 lost 1 repeat 2"}
		if !slices.Equal(sizes, wantSizes) {
			t.Fatalf("dynamics = %q, want %q", sizes, wantSizes)
		}

		// A second sync finds the snapshots there and adds none.
		if _, err := s.Run(ctx, true); err != nil {
			t.Fatal(err)
		}
		if again, _ := s.Store.ListSnapshots(ctx); len(again) != 4 || !again[0].TakenAt.Equal(list[0].TakenAt) {
			t.Fatalf("a second sync changed the snapshots: %+v", again)
		}
	})
}

// Bounds changed between two snapshots: each keeps the bounds it was taken with, so the
// move it shows is the bounds' doing, and says so through the versions.
func TestSnapshotKeepsItsBounds(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newSyncer(t, db, &memSource{sales: handSales(), batch: 2}, "2026-04-02")
		s.Bounds = handBounds
		if _, err := s.Run(ctx, true); err != nil {
			t.Fatal(err)
		}
		wider := handBounds
		wider.RecencyDays = [2]int{60, 90}
		v, err := s.Store.SaveBounds(ctx, wider, "director", at("2026-04-02"))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.TakeSnapshot(ctx, day("2026-04-01")); err != nil {
			t.Fatal(err)
		}
		if err := s.TakeSnapshot(ctx, day("2026-04-02")); !errors.Is(err, ErrFutureSnapshot) {
			t.Fatalf("a snapshot as of today: %v", err)
		}
		old, oldM, err := s.Store.SnapshotMatrix(ctx, day("2026-03-31"))
		if err != nil {
			t.Fatal(err)
		}
		now, nowM, err := s.Store.SnapshotMatrix(ctx, day("2026-04-01"))
		if err != nil {
			t.Fatal(err)
		}
		if old.BoundsVersion != 0 || now.BoundsVersion != int(v) || now.Kind != SnapshotManual {
			t.Fatalf("versions %d and %d (%s), want 0 and %d", old.BoundsVersion, now.BoundsVersion, now.Kind, v)
		}
		if oldM.Bounds.RecencyDays != handBounds.RecencyDays || nowM.Bounds.RecencyDays != wider.RecencyDays {
			t.Fatalf("matrices carry bounds %v and %v", oldM.Bounds.RecencyDays, nowM.Bounds.RecencyDays)
		}
		// a: 60 days after its last purchase is R3 under the wider bounds: 133 → 333.
		codes, err := s.Store.ClientSnapshots(ctx, "a")
		if err != nil {
			t.Fatal(err)
		}
		if last := codes[len(codes)-1]; last.AsOf != day("2026-04-01") || last.Code != "333" {
			t.Fatalf("a on 2026-04-01 = %+v, want 333", last)
		}
		tr, err := s.Store.Transitions(ctx, day("2026-03-31"), day("2026-04-01"), lifecycle.NewGrouping(lifecycle.LevelCell, nil))
		if err != nil {
			t.Fatal(err)
		}
		// a 13 → 33, b 21 → 31, c stays 32: two better, one same.
		if tr.Better != 2 || tr.Same != 1 || tr.Worse != 0 {
			t.Fatalf("transitions = %+v", tr)
		}
	})
}

// randomSales: clients buying at random over 30 months, some returning a purchase.
func randomSales(seed uint64, clients int) []onec.Sale {
	r := rand.New(rand.NewPCG(seed, 1))
	var out []onec.Sale
	for c := range clients {
		first := r.IntN(800)
		for k := range r.IntN(6) + 1 {
			d := at("2024-01-01").AddDate(0, 0, first+k*r.IntN(120))
			kop := int64(r.IntN(900_000) + 100)
			if r.IntN(20) == 0 {
				kop = -kop
			}
			out = append(out, onec.Sale{ClientID: fmt.Sprintf("client-%d", c), DocumentID: fmt.Sprintf("doc-%d-%d", c, k),
				Period: d, Amount: kop, Lines: 1})
		}
	}
	return out
}

// Every stored snapshot, decoded through its chain of bases (longer than maxChain, so
// with fresh starts), equals the matrix computed directly; and stays so after a
// snapshot in the middle of a chain is retaken.
func TestSnapshotChainsDecodeExactly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		sales := randomSales(7, 300)
		s := newSyncer(t, db, &memSource{sales: sales, batch: 50}, "2026-07-15")
		if _, err := s.Run(ctx, true); err != nil {
			t.Fatal(err)
		}
		if err := s.TakeSnapshot(ctx, day("2025-06-30")); err != nil {
			t.Fatal(err)
		}
		if err := s.TakeSnapshot(ctx, day("2025-06-17")); err != nil {
			t.Fatal(err)
		}
		list, err := s.Store.ListSnapshots(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) < 31 {
			t.Fatalf("%d snapshots, want 30 month-ends and one more", len(list))
		}
		ledger := lifecycle.NewLedger(moscow)
		ledger.Add(sales)
		c, _ := lifecycle.NewClassifier(s.Bounds)
		keys, err := s.Store.loadKeys(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		number := map[lifecycle.ClientKey]int{}
		for i, k := range keys {
			number[k] = i
		}
		chain, err := s.Store.loadChain(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		maxDepth := 0
		for _, sn := range list {
			maxDepth = max(maxDepth, depth(chain, sn.AsOf))
			stats, skipped := ledger.Stats(sn.AsOf)
			_, codes := c.Classify(sn.AsOf, stats, skipped, nil)
			want := make([]lifecycle.Packed, len(keys))
			for i, st := range stats {
				want[number[ledger.Key(st.Client)]] = lifecycle.Pack(codes[i])
			}
			s.Store.snaps = codesCache{} // decode from the store, not from memory
			got, err := s.Store.codesAt(ctx, db, chain, sn.AsOf)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("snapshot %s decodes differently from a direct computation", sn.AsOf)
			}
		}
		if maxDepth >= maxChain {
			t.Fatalf("a chain of %d bases, want fewer than %d", maxDepth, maxChain)
		}
	})
}

func TestMonthEndJobCatchesUp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newSyncer(t, db, &memSource{sales: handSales(), batch: 2}, "2026-04-02")
		s.Bounds = handBounds
		if _, err := s.Run(ctx, true); err != nil {
			t.Fatal(err)
		}
		if n, err := s.TakeMonthEnds(ctx); err != nil || n != 0 {
			t.Fatalf("month-ends right after the backfill: %d, %v", n, err)
		}
		s.Now = func() time.Time { return at("2026-06-01") } // two months later
		n, err := s.TakeMonthEnds(ctx)
		if err != nil || n != 2 {
			t.Fatalf("month-ends two months on: %d, %v; want 2", n, err)
		}
		list, _ := s.Store.ListSnapshots(ctx)
		if last := list[len(list)-1]; last.AsOf != day("2026-05-31") || last.Kind != SnapshotMonthEnd {
			t.Fatalf("last snapshot = %+v", last)
		}
	})
}
