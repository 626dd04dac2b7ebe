package mirror

import (
	"context"
	"fmt"
	"testing"

	"github.com/rfm9/rfm9/store"
	"github.com/rfm9/rfm9/store/storetest"
)

func TestPushRecomputesInTheSameCall(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newSyncer(t, db, &memSource{sales: history(), batch: 5}, "2026-11-01")
		if _, err := s.Run(ctx, true); err != nil {
			t.Fatal(err)
		}
		now := at("2026-11-01")
		// c0 bought once on 2026-06-01: 153 days ago → R2 F1, the smallest M → 211.
		sale := Pushed{DocumentID: "p1", ClientID: "c0", Period: at("2026-10-31"), Posted: true, Version: 10, NetKop: 500_000, Lines: 3}
		tests := []struct {
			name       string
			push       Pushed
			applied    bool
			code, prev string
		}{
			{"a new purchase moves c0 to active and two purchases", sale, true, "323", "211"},
			{"the same delivery again changes nothing", sale, false, "323", ""},
			{"an older version arriving late is ignored", withVersion(sale, 9, false), false, "323", ""},
			{"cancelling the document moves c0 back", withVersion(sale, 11, false), true, "211", "323"},
			{"re-posting it again counts it again", withVersion(sale, 12, true), true, "323", "211"},
		}
		for _, tt := range tests {
			got, err := s.Store.Push(ctx, tt.push, moscow, now)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			if got.Applied != tt.applied || got.Code != tt.code || got.Previous != tt.prev {
				t.Errorf("%s: got %+v, want applied=%v code=%s previous=%q", tt.name, got, tt.applied, tt.code, tt.prev)
			}
		}
		// The document moves to another client: both are recomputed.
		moved := withVersion(sale, 13, true)
		moved.ClientID = "c1"
		if _, err := s.Store.Push(ctx, moved, moscow, now); err != nil {
			t.Fatal(err)
		}
		c0, err := s.Store.FindClient(ctx, "c0")
		if err != nil || c0.Code != "211" {
			t.Errorf("c0 after the document moved away: %+v %v", c0, err)
		}
	})
}

func withVersion(p Pushed, v int64, posted bool) Pushed {
	p.Version, p.Posted = v, posted
	return p
}

func TestHistoryRecordsEveryMove(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		src := &memSource{sales: history(), batch: 5}
		// c9 bought on 2026-08-03 and 2026-09-02: active on 2026-11-01 (323), sleeping
		// on 2027-01-15 (223, 135 days), lost on 2027-04-01 (123).
		for _, now := range []string{"2026-11-01", "2027-01-15", "2027-04-01"} {
			s := newSyncer(t, db, src, now)
			if _, err := s.Run(ctx, true); err != nil {
				t.Fatal(err)
			}
		}
		s := newSyncer(t, db, src, "2027-04-01")
		if _, err := s.Store.Push(ctx, Pushed{DocumentID: "late", ClientID: "c9", Period: at("2027-04-01"), Posted: true, Version: 1, NetKop: 100, Lines: 1}, moscow, at("2027-04-01")); err != nil {
			t.Fatal(err)
		}
		got, err := s.Store.History(ctx, "c9")
		if err != nil {
			t.Fatal(err)
		}
		var moves []string
		for _, c := range got {
			moves = append(moves, c.From+">"+c.To)
		}
		// Newest first; the first sync placed c9 from nowhere; the late purchase makes three
		// (still F2) and brings c9 back to active: 323.
		if fmt.Sprint(moves) != "[123>323 223>123 323>223 >323]" {
			t.Errorf("history %v", moves)
		}
	})
}
