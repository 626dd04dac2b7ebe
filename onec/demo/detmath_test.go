package demo

import (
	"math"
	"testing"
)

func TestExpDet(t *testing.T) {
	for x := -20.0; x <= 20; x += 0.037 {
		got, want := expDet(x), math.Exp(x)
		if math.Abs(got-want) > 1e-14*want {
			t.Fatalf("expDet(%g) = %g, want %g", x, got, want)
		}
	}
}

func TestNormalMoments(t *testing.T) {
	r := newRand(1, 1)
	const n = 200_000
	var sum, sq float64
	for range n {
		z := normal(r)
		sum += z
		sq += z * z
	}
	if mean, v := sum/n, sq/n-(sum/n)*(sum/n); math.Abs(mean) > 0.01 || math.Abs(v-1) > 0.01 {
		t.Errorf("normal: mean %.4f, variance %.4f", mean, v)
	}
}

func TestDrawPurchaseLinesMean(t *testing.T) {
	r := newRand(2, 2)
	for _, mean := range []float64{1, 2, 3.6, 4.5, 6, 8} {
		sum := 0
		const n = 100_000
		for range n {
			sum += drawPurchaseLines(r, mean)
		}
		if got := float64(sum) / n; math.Abs(got-mean) > 0.03 {
			t.Errorf("mean %.1f: got %.3f", mean, got)
		}
	}
}
