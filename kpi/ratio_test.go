package kpi

import (
	"math"
	"testing"
)

func TestRatioRound(t *testing.T) {
	tests := []struct {
		r     Ratio
		scale int64
		want  int64
		ok    bool
	}{
		{Ratio{5, 2}, 1, 3, true},   // 2.5 → 3: half away from zero
		{Ratio{-5, 2}, 1, -3, true}, // −2.5 → −3
		{Ratio{5, -2}, 1, -3, true},
		{Ratio{7, 3}, 1, 2, true}, // 2.33 → 2
		{Ratio{8, 3}, 1, 3, true}, // 2.67 → 3
		{Ratio{1, 3}, 10_000, 3333, true},
		{Ratio{2, 3}, 10_000, 6667, true},
		{Ratio{1, 20_000}, 10_000, 1, true}, // 0.5 bp → 1
		{Ratio{0, 7}, 10_000, 0, true},
		{Ratio{1, 0}, 1, 0, false},                                  // not available
		{Ratio{math.MaxInt64, 1}, 10_000, 0, false},                 // does not fit
		{Ratio{math.MaxInt64, math.MaxInt64}, 10_000, 10_000, true}, // the product needs 128 bits
		{Ratio{math.MinInt64, 1}, 1, 0, false},                      // 2⁶³ does not fit either
	}
	for _, tt := range tests {
		got, ok := tt.r.Round(tt.scale)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%+v.Round(%d) = %d, %v; want %d, %v", tt.r, tt.scale, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRatioFormats(t *testing.T) {
	tests := []struct{ got, want string }{
		{Ratio{11, 3}.Decimal(2, "ru"), "3,67"},
		{Ratio{11, 3}.Decimal(2, "en"), "3.67"},
		{Ratio{1, 8}.Decimal(2, "ru"), "0,13"}, // 0.125 → 0.13
		{Ratio{-1, 8}.Decimal(2, "ru"), "−0,13"},
		{Ratio{7, 2}.Decimal(0, "ru"), "4"},
		{Ratio{1, 0}.Decimal(2, "ru"), "—"},
		{Ratio{1, 3}.Percent("ru"), "33,3%"},
		{Ratio{1, 0}.Percent("ru"), "—"},
		{Ratio{4_000_001, 2}.Rubles("ru"), "20 000,01 ₽"}, // 2 000 000.5 kop → 2 000 001
		{Ratio{55_000, 4}.Rubles("en"), "137.50 ₽"},
		{Ratio{1, 0}.Rubles("ru"), "—"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: %q, want %q", i, tt.got, tt.want)
		}
	}
	if f, ok := (Ratio{1, 4}).Float(); f != 0.25 || !ok {
		t.Errorf("Float = %v, %v", f, ok)
	}
	if _, ok := (Ratio{}).Float(); ok {
		t.Error("Float of 0/0 is available")
	}
}
