package demo

import (
	"math"
	"math/rand/v2"
)

// The helpers below use only +, −, ×, ÷ and exact functions (Floor, Ldexp), and
// wrap every product that feeds an addition in float64(…): the Go spec lets a
// compiler fuse x*y+z into one FMA (arm64 does), and an explicit conversion is the
// documented way to forbid it. math.Exp and rand.NormFloat64 are avoided because
// their results may differ in the last bit between architectures.

// expDet is e^x, accurate to a few ulps and bit-identical on every platform.
func expDet(x float64) float64 {
	x = min(max(x, -40), 40)
	k := math.Floor(float64(x*math.Log2E) + 0.5)
	r := x - float64(k*math.Ln2)
	// Taylor series to r¹²/12!: |r| ≤ 0.35 keeps the error below 1e-15.
	p := 1.0 / 479001600
	for _, c := range expCoef {
		p = float64(p*r) + c
	}
	return math.Ldexp(p, int(k))
}

// expCoef are 1/11!, 1/10!, …, 1/0! for the Horner loop of expDet.
var expCoef = [...]float64{
	1.0 / 39916800, 1.0 / 3628800, 1.0 / 362880, 1.0 / 40320, 1.0 / 5040,
	1.0 / 720, 1.0 / 120, 1.0 / 24, 1.0 / 6, 1.0 / 2, 1, 1,
}

// normal is an approximately standard normal draw: the Irwin–Hall sum of four
// uniforms, scaled to unit variance. Its tails stop at ±3.46, which keeps amounts
// free of absurd outliers.
func normal(r *rand.Rand) float64 {
	s := r.Float64() + r.Float64() + r.Float64() + r.Float64()
	return float64((s - 2) * math.Sqrt(3))
}

// logNormal is median·e^(σ·N(0,1)).
func logNormal(r *rand.Rand, median, sigma float64) float64 {
	return float64(median * expDet(float64(sigma*normal(r))))
}

// uniform is a draw from [lo, hi).
func uniform(r *rand.Rand, lo, hi float64) float64 {
	return lo + float64((hi-lo)*r.Float64())
}

// geometric counts successes before the first failure, with the given mean, capped.
func geometric(r *rand.Rand, mean float64, limit int) int {
	q := mean / (1 + mean)
	n := 0
	for n < limit && r.Float64() < q {
		n++
	}
	return n
}

// roundInt rounds half up to an integer; x must already be a rounded float64.
func roundInt(x float64) int64 {
	return int64(math.Floor(x + 0.5))
}

// newRand is a PCG stream for one purpose (salt) of one seed.
func newRand(seed int64, salt uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), salt))
}
