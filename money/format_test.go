package money

import (
	"math"
	"testing"
)

func TestRubles(t *testing.T) {
	tests := []struct {
		kop  int64
		lang string
		want string
	}{
		{0, "ru", "0 ₽"},
		{5, "ru", "0,05 ₽"},
		{1200000, "ru", "12 000 ₽"},
		{1200050, "ru", "12 000,50 ₽"},
		{-1200050, "ru", "−12 000,50 ₽"},
		{123456789012, "en", "1,234,567,890.12 ₽"},
		{100, "en", "1 ₽"},
		{math.MinInt64, "ru", "−92 233 720 368 547 758,08 ₽"},
	}
	for _, tt := range tests {
		if got := Rubles(tt.kop, tt.lang); got != tt.want {
			t.Errorf("Rubles(%d, %s) = %q, want %q", tt.kop, tt.lang, got, tt.want)
		}
	}
}

func TestCountPercent(t *testing.T) {
	if got := Count(1234567, "ru"); got != "1 234 567" {
		t.Errorf("Count = %q", got)
	}
	if got := Count(-999, "en"); got != "−999" {
		t.Errorf("Count = %q", got)
	}
	if got := Percent(1, 3, "ru"); got != "33,3%" {
		t.Errorf("Percent(1,3) = %q", got)
	}
	if got := Percent(2, 3, "en"); got != "66.7%" {
		t.Errorf("Percent(2,3) = %q", got)
	}
	if got := Percent(1, 0, "ru"); got != "—" {
		t.Errorf("Percent(1,0) = %q", got)
	}
}

func TestPercentLarge(t *testing.T) {
	if got := Percent(math.MaxInt64/2, math.MaxInt64, "ru"); got != "50,0%" {
		t.Errorf("Percent(max/2, max) = %q", got)
	}
	if got := Percent(-1, 4, "en"); got != "−25.0%" {
		t.Errorf("Percent(-1, 4) = %q", got)
	}
}
