package demo

import (
	"math"
	"math/rand/v2"
)

// Lines per document.
const (
	maxLinesPerPurchase = 8
	maxLinesPerReturn   = 3
)

// budget hands out the remaining lines to the remaining documents, so the total is
// exact: each draw aims at the mean the remainder calls for and is clamped to what
// the documents after it can still absorb (between 1 and the maximum lines each).
type budget struct {
	lines     int // lines not yet given to a document
	purchases int // purchase documents still without lines
	returns   int // return documents still without lines
}

// purchaseLines gives the next purchase its number of lines.
func (b *budget) purchaseLines(r *rand.Rand) int {
	b.purchases--
	want := float64(b.lines) - float64(meanReturnLines*float64(b.returns))
	n := drawPurchaseLines(r, want/float64(b.purchases+1))
	return b.take(n, maxLinesPerPurchase)
}

// returnLines gives the next return its number of lines, at most upTo if possible.
func (b *budget) returnLines(r *rand.Rand, upTo int) int {
	b.returns--
	n := 1
	switch u := r.IntN(10); {
	case u >= 9:
		n = 3
	case u >= 7:
		n = 2
	}
	return b.take(min(n, upTo), maxLinesPerReturn)
}

// take clamps n so that the documents left can close the total, and books it.
func (b *budget) take(n, most int) int {
	rest := b.purchases + b.returns
	restMost := maxLinesPerPurchase*b.purchases + maxLinesPerReturn*b.returns
	n = max(n, b.lines-restMost, 1)
	n = min(n, b.lines-rest, most)
	b.lines -= n
	return n
}

// drawPurchaseLines draws 1–8 lines with the given mean: 1 + Binomial(7, p) with p
// itself random, p̄·2.5·U^1.5, which gives a falling shape (about 24% single-line
// documents, 5% of eight lines at a mean of 3.6). Means the shape cannot reach fall
// back to a flatter mix, then to a plain binomial.
func drawPurchaseLines(r *rand.Rand, mean float64) int {
	mean = min(max(mean, 1), maxLinesPerPurchase)
	pbar := (mean - 1) / (maxLinesPerPurchase - 1)
	var p float64
	switch u := r.Float64(); {
	case pbar <= 0.4:
		p = float64(float64(2.5*pbar)*u) * math.Sqrt(u)
	case pbar <= 0.5:
		p = float64(2 * pbar * u)
	default:
		p = pbar
	}
	n := 1
	for range maxLinesPerPurchase - 1 {
		if r.Float64() < p {
			n++
		}
	}
	return n
}
