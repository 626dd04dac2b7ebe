package demo

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/rfm9/rfm9/onec"
)

func TestSourcePeriod(t *testing.T) {
	o := Options{Clients: 2000, Seed: 41}
	loc := moscow()
	p := onec.Period{From: time.Date(2025, 3, 1, 0, 0, 0, 0, loc), To: time.Date(2025, 4, 1, 0, 0, 0, 0, loc)}
	var want []onec.Sale
	for _, s := range collect(t, o) {
		if p.Contains(s.Period) {
			want = append(want, s)
		}
	}
	var got []onec.Sale
	err := Source{Options: o}.Sales(context.Background(), p, func(b []onec.Sale) error {
		got = append(got, b...)
		return nil
	})
	if err != nil || len(got) != len(want) || len(want) == 0 {
		t.Fatalf("Sales: %v, %d lines, want %d", err, len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if !g.Period.Equal(w.Period) {
			t.Fatalf("line %d: period %v, want %v", i, g.Period, w.Period)
		}
		g.Period, w.Period = time.Time{}, time.Time{}
		if g != w {
			t.Fatalf("line %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestSourceCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Source{Options: Options{Clients: 5000}}.Sales(ctx, onec.Period{}, func([]onec.Sale) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}
