package kpi

import (
	"math"
	"math/bits"
	"strconv"
	"strings"

	"github.com/rfm9/rfm9/money"
)

// Ratio is an exact fraction Num/Den. A zero Den means "not available" (no buyers, no
// previous buyers, no discounts in the source…): a ratio is never divided by zero.
// Rounding is done once, at rendering, half away from zero.
type Ratio struct {
	Num int64 `json:"num"`
	Den int64 `json:"den"`
}

// Valid says whether the ratio has a value.
func (r Ratio) Valid() bool { return r.Den != 0 }

// Round returns Num·scale/Den rounded half away from zero; ok is false when the ratio
// is not available or the result does not fit in int64. scale must be positive.
func (r Ratio) Round(scale int64) (v int64, ok bool) {
	if r.Den == 0 || scale <= 0 {
		return 0, false
	}
	n, d := magnitude(r.Num), magnitude(r.Den)
	hi, lo := bits.Mul64(n, uint64(scale)) // 128 bits: a kopeck sum times 10 000 may pass 2⁶³
	lo, carry := bits.Add64(lo, d/2, 0)    // + ⌊d/2⌋ then ⌊·/d⌋ rounds halves up in magnitude
	hi += carry
	if hi >= d {
		return 0, false
	}
	q, _ := bits.Div64(hi, lo, d)
	if q > math.MaxInt64 {
		return 0, false
	}
	if (r.Num < 0) != (r.Den < 0) {
		return -int64(q), true
	}
	return int64(q), true
}

// Kopecks is the ratio as a whole number (an average check in kopecks), rounded half
// away from zero.
func (r Ratio) Kopecks() (int64, bool) { return r.Round(1) }

// BasisPoints is a share in hundredths of a percent (10 000 = 100%), rounded half away
// from zero.
func (r Ratio) BasisPoints() (int64, bool) { return r.Round(10_000) }

// Float is the ratio as a float64 for charts and spreadsheet cells only; the exact
// value stays Num/Den. ok is false when the ratio is not available.
func (r Ratio) Float() (float64, bool) {
	if r.Den == 0 {
		return 0, false
	}
	return float64(r.Num) / float64(r.Den), true
}

// Percent formats a share with one decimal ("12,5%", "12.5%" in English), or "—".
func (r Ratio) Percent(lang string) string { return money.Percent(r.Num, r.Den, lang) }

// Rubles formats a money ratio (an average check, an LTV) as rubles, or "—".
func (r Ratio) Rubles(lang string) string {
	kop, ok := r.Kopecks()
	if !ok {
		return "—"
	}
	return money.Rubles(kop, lang)
}

// Decimal formats the ratio with the given number of decimals (0..6), "2,50" in
// Russian or "2.50" in English, or "—"; for check depth and purchase frequency.
func (r Ratio) Decimal(places int, lang string) string {
	places = max(0, min(places, 6))
	scale := int64(1)
	for range places {
		scale *= 10
	}
	v, ok := r.Round(scale)
	if !ok {
		return "—"
	}
	digits := strconv.FormatUint(magnitude(v), 10)
	if len(digits) <= places {
		digits = strings.Repeat("0", places-len(digits)+1) + digits
	}
	var b strings.Builder
	if v < 0 {
		b.WriteString("−")
	}
	b.WriteString(digits[:len(digits)-places])
	if places > 0 {
		if lang == "en" {
			b.WriteByte('.')
		} else {
			b.WriteByte(',')
		}
		b.WriteString(digits[len(digits)-places:])
	}
	return b.String()
}

func magnitude(n int64) uint64 {
	if n < 0 {
		return -uint64(n)
	}
	return uint64(n)
}
