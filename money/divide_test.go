package money

import "testing"

func TestDivide(t *testing.T) {
	for _, tt := range []struct{ a, b, want int64 }{
		{10, 4, 3},   // 2.5 → 3
		{-10, 4, -3}, // −2.5 → −3
		{9, 4, 2},    // 2.25 → 2
		{-9, 4, -2},
		{11, 4, 3}, // 2.75 → 3
		{0, 7, 0},
		{100_001, 3, 33_334}, // 33 333.67
	} {
		if got := Divide(tt.a, tt.b); got != tt.want {
			t.Errorf("Divide(%d, %d) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
