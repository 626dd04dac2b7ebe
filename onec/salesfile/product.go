package salesfile

import (
	"math/big"
	"math/bits"
)

// mulScaled returns q × p in units of 10^-scale, rounded half away from zero once,
// on the exact product: a line's amount is quantity × price rounded to kopecks.
// qb and pb are the texts q and p came from, reread exactly when digits were dropped.
func mulScaled(q, p number, qb, pb []byte, scale int) (int64, error) {
	if q.inexact || p.inexact {
		return bigMulScaled(qb, pb, scale)
	}
	if q.coef == 0 || p.coef == 0 {
		return 0, nil
	}
	hi, lo := bits.Mul64(q.coef, p.coef)
	m, err := scale128(hi, lo, q.exp+p.exp+scale)
	if err != nil {
		return 0, err
	}
	return signed(m, q.neg != p.neg)
}

// scale128 returns (hi, lo) × 10^k as a uint64, rounding half away from zero when k < 0.
func scale128(hi, lo uint64, k int) (uint64, error) {
	switch {
	case k >= 0:
		if hi != 0 || k > maxDigits {
			return 0, ErrRange
		}
		h, l := bits.Mul64(lo, pow10[k])
		if h != 0 {
			return 0, ErrRange
		}
		return l, nil
	case k >= -maxDigits:
		return divRound(hi, lo, pow10[-k])
	case k >= -2*maxDigits:
		// Divide by 10^19 first; the rounding then depends on the second remainder
		// alone, because the first is below 10^19 and 10^-k/2 is a multiple of it.
		qh, r := hi/pow10[maxDigits], hi%pow10[maxDigits]
		ql, _ := bits.Div64(r, lo, pow10[maxDigits])
		return divRound(qh, ql, pow10[-k-maxDigits])
	}
	return 0, nil // the product is below 2^128 < 10^39/2
}

// divRound divides (hi, lo) by d, a power of ten from 10 up, rounding half away from zero.
func divRound(hi, lo, d uint64) (uint64, error) {
	if hi >= d {
		return 0, ErrRange
	}
	q, r := bits.Div64(hi, lo, d)
	if r >= d/2 {
		q++
		if q == 0 {
			return 0, ErrRange
		}
	}
	return q, nil
}

// bigMulScaled is mulScaled for operands with more than 19 significant digits.
func bigMulScaled(qb, pb []byte, scale int) (int64, error) {
	q, qe, err := bigNumber(qb)
	if err != nil {
		return 0, err
	}
	p, pe, err := bigNumber(pb)
	if err != nil {
		return 0, err
	}
	return bigScaled(q.Mul(q, p), qe+pe+scale)
}

// bigNumber returns b as v × 10^exp with every digit kept.
func bigNumber(b []byte) (v *big.Int, exp int, err error) {
	var digits []byte
	n, err := scanNumber(b, &digits)
	if err != nil {
		return nil, 0, err
	}
	v, _ = new(big.Int).SetString(string(digits), 10)
	if n.neg {
		v.Neg(v)
	}
	return v, n.e10 - n.frac, nil
}

// bigScaled returns v × 10^k rounded half away from zero.
func bigScaled(v *big.Int, k int) (int64, error) {
	neg := v.Sign() < 0
	v.Abs(v)
	switch {
	case v.Sign() == 0:
		return 0, nil
	case k > 0:
		if k > 2*maxDigits {
			return 0, ErrRange
		}
		v.Mul(v, bigPow10(k))
	case k < 0:
		if -k > v.BitLen()/3+2 { // v < 2^BitLen < 10^(BitLen/3) × 100 ≤ 10^-k / 100
			return 0, nil
		}
		d := bigPow10(-k)
		r := new(big.Int)
		v.QuoRem(v, d, r)
		if r.Lsh(r, 1).Cmp(d) >= 0 {
			v.Add(v, big.NewInt(1))
		}
	}
	if !v.IsUint64() {
		return 0, ErrRange
	}
	return signed(v.Uint64(), neg)
}

func bigPow10(k int) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil)
}
