package salesfile

import (
	"bytes"
	"fmt"
	"math"
	"math/bits"
)

// maxDigits is how many significant digits a uint64 coefficient always holds.
const maxDigits = 19

// maxExponent clamps exponents: past it every non-zero value overflows or rounds to zero.
const maxExponent = 100000

var pow10 = func() (p [maxDigits + 1]uint64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// number is a parsed decimal: coef × 10^exp, sign apart. Digits past the 19 that
// fit in coef are dropped, but rounding half away from zero only ever looks at the
// first digit past the rounding place, and that is either in coef or first.
type number struct {
	coef    uint64
	exp     int
	nd      int // significant digits in coef
	neg     bool
	dropped bool // digits were dropped; first is the first of them
	first   byte
	inexact bool // a dropped digit was not zero, so products need exact arithmetic
	frac    int  // digits after the decimal separator, for the exact fallback
	e10     int  // the exponent part, for the exact fallback
}

// ParseDecimal parses a number as 1C users export it and returns it in units of
// 10^-scale, rounded half away from zero. It accepts a leading sign, a decimal comma
// or point, thousands separated by spaces, no-break spaces or the other of , and .
// (when both appear, the last is the decimal separator), and exponents (1.5E-2).
func ParseDecimal(b []byte, scale int) (int64, error) {
	if scale < 0 || scale > 18 {
		return 0, fmt.Errorf("salesfile: scale %d out of 0..18", scale)
	}
	v, err := parseScaled(b, scale)
	if err != nil {
		return 0, fmt.Errorf("salesfile: parse %q: %w", b, err)
	}
	return v, nil
}

// ParseKopecks parses a money amount into kopecks, rounding half away from zero.
func ParseKopecks(b []byte) (int64, error) { return ParseDecimal(b, 2) }

// parseScaled is ParseDecimal without wrapping, so that bad lines cost no allocation.
func parseScaled(b []byte, scale int) (int64, error) {
	if v, ok := plainScaled(b, scale); ok {
		return v, nil
	}
	n, err := scanNumber(b, nil)
	if err != nil {
		return 0, err
	}
	return n.scaled(scale)
}

// scanNumber parses b; when digits is not nil it also collects every digit for the
// exact fallback.
func scanNumber(b []byte, digits *[]byte) (n number, err error) {
	b = trimSpace(b)
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		n.neg = b[0] == '-'
		b = b[1:]
	}
	mant, e10, err := splitExponent(b)
	if err != nil {
		return n, err
	}
	whole, frac, group := splitMantissa(mant)
	seen, err := n.scanWhole(whole, group, digits)
	if err != nil {
		return n, err
	}
	if !n.scanFrac(frac, digits) || seen+len(frac) == 0 {
		return n, ErrSyntax
	}
	n.e10 = e10
	n.exp += e10
	return n, nil
}

// splitExponent cuts an exponent part off: Excel writes raw values like 1.5E-2.
func splitExponent(b []byte) (mant []byte, e10 int, err error) {
	i := 0
	for i < len(b) && b[i]|0x20 != 'e' {
		i++
	}
	if i == len(b) {
		return b, 0, nil
	}
	e := b[i+1:]
	neg := len(e) > 0 && e[0] == '-'
	if len(e) > 0 && (e[0] == '-' || e[0] == '+') {
		e = e[1:]
	}
	if len(e) == 0 {
		return nil, 0, ErrSyntax
	}
	for _, c := range e {
		if c-'0' > 9 {
			return nil, 0, ErrSyntax
		}
		e10 = min(e10*10+int(c-'0'), maxExponent)
	}
	if neg {
		e10 = -e10
	}
	return b[:i], e10, nil
}

// splitMantissa finds the decimal separator. With both , and . the last one is it and
// the other groups thousands; a lone , or . is decimal; one repeated groups thousands.
func splitMantissa(m []byte) (whole, frac []byte, group byte) {
	dot, comma := bytes.LastIndexByte(m, '.'), bytes.LastIndexByte(m, ',')
	switch {
	case dot < 0 && comma < 0:
		return m, nil, 0
	case dot >= 0 && comma >= 0:
		if dot > comma {
			return m[:dot], m[dot+1:], ','
		}
		return m[:comma], m[comma+1:], '.'
	}
	sep, at := byte('.'), dot
	if comma >= 0 {
		sep, at = ',', comma
	}
	if bytes.IndexByte(m, sep) == at {
		return m[:at], m[at+1:], 0
	}
	return m, nil, sep
}

// scanWhole reads the integer part, checking that groups have three digits.
func (n *number) scanWhole(p []byte, group byte, digits *[]byte) (seen int, err error) {
	run, groups := 0, 0
	for i := 0; i < len(p); i++ {
		if d := p[i] - '0'; d <= 9 {
			n.push(d, false, digits)
			run++
			continue
		}
		w := separatorWidth(p[i:], group)
		if w == 0 || run == 0 || run > 3 || groups > 0 && run != 3 {
			return 0, ErrSyntax
		}
		seen += run
		run, groups, i = 0, groups+1, i+w-1
	}
	if groups > 0 && run != 3 {
		return 0, ErrSyntax
	}
	return seen + run, nil
}

// separatorWidth returns the byte length of a thousands separator at the start of p, or 0.
func separatorWidth(p []byte, group byte) int {
	switch {
	case p[0] == ' ' || group != 0 && p[0] == group:
		return 1
	case len(p) >= 2 && p[0] == 0xC2 && p[1] == 0xA0: // U+00A0 no-break space
		return 2
	case len(p) >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0xAF: // U+202F narrow no-break space
		return 3
	}
	return 0
}

func (n *number) scanFrac(p []byte, digits *[]byte) bool {
	for _, c := range p {
		d := c - '0'
		if d > 9 {
			return false
		}
		n.push(d, true, digits)
	}
	return true
}

func (n *number) push(d byte, frac bool, digits *[]byte) {
	if digits != nil {
		*digits = append(*digits, '0'+d)
	}
	if frac {
		n.frac++
	}
	switch {
	case n.nd == 0 && d == 0: // a leading zero is not significant
		if frac {
			n.exp--
		}
	case n.nd < maxDigits:
		n.coef = n.coef*10 + uint64(d)
		n.nd++
		if frac {
			n.exp--
		}
	default:
		if !n.dropped {
			n.dropped, n.first = true, d
		}
		n.inexact = n.inexact || d != 0
		if !frac {
			n.exp++
		}
	}
}

// scaled returns the number in units of 10^-scale, rounded half away from zero.
func (n number) scaled(scale int) (int64, error) {
	if n.coef == 0 {
		return 0, nil
	}
	k := n.exp + scale
	var m uint64
	switch {
	case k > 0:
		// With digits dropped coef ≥ 10^18, so any k > 0 overflows here too.
		hi, lo := bits.Mul64(n.coef, pow10[min(k, maxDigits)])
		if k > maxDigits || hi != 0 {
			return 0, ErrRange
		}
		m = lo
	case k == 0:
		m = n.coef
		if n.dropped && n.first >= 5 {
			m++
		}
	case k >= -maxDigits:
		p := pow10[-k]
		m = n.coef / p
		if n.coef%p >= p/2 {
			m++
		}
	}
	return signed(m, n.neg)
}

// signed applies the sign to a magnitude, refusing what int64 cannot hold.
func signed(m uint64, neg bool) (int64, error) {
	if neg {
		if m > 1<<63 {
			return 0, ErrRange
		}
		return -int64(m), nil
	}
	if m > math.MaxInt64 {
		return 0, ErrRange
	}
	return int64(m), nil
}

// plainScaled is the fast path of parseScaled for what most files hold: an optional
// minus, digits, and no more decimals than scale after a point or comma. It declines
// anything else, leaving it to scanNumber.
func plainScaled(b []byte, scale int) (int64, bool) {
	i, neg := 0, len(b) > 0 && b[0] == '-'
	if neg {
		i = 1
	}
	var v int64
	start := i
	for ; i < len(b) && b[i]-'0' <= 9; i++ {
		v = v*10 + int64(b[i]-'0')
	}
	if i == start || i-start+scale > 18 { // 18 digits always fit in an int64
		return 0, false
	}
	decimals := 0
	if i < len(b) && (b[i] == '.' || b[i] == ',') {
		for i++; i < len(b) && b[i]-'0' <= 9 && decimals < scale; i++ {
			v = v*10 + int64(b[i]-'0')
			decimals++
		}
	}
	if i != len(b) {
		return 0, false
	}
	v *= int64(pow10[scale-decimals])
	if neg {
		v = -v
	}
	return v, true
}

// optionalScaled reads an optional numeric field: blank means zero.
func optionalScaled(b []byte, scale int) (int64, error) {
	if len(b) == 0 || len(trimSpace(b)) == 0 {
		return 0, nil
	}
	return parseScaled(b, scale)
}

// trimSpace trims ASCII spaces and tabs and the no-break spaces of Russian exports.
// The first test, small enough to inline, lets untouched values through at once.
func trimSpace(b []byte) []byte {
	if n := len(b); n == 0 || b[0] > ' ' && b[0] != 0xC2 && b[n-1] > ' ' && b[n-1] != 0xA0 {
		return b
	}
	return trimSpaceSlow(b)
}

func trimSpaceSlow(b []byte) []byte {
	for len(b) > 0 {
		switch {
		case b[0] == ' ' || b[0] == '\t':
			b = b[1:]
		case len(b) >= 2 && b[0] == 0xC2 && b[1] == 0xA0:
			b = b[2:]
		default:
			return trimSpaceRight(b)
		}
	}
	return b
}

func trimSpaceRight(b []byte) []byte {
	for len(b) > 0 {
		n := len(b)
		switch {
		case b[n-1] == ' ' || b[n-1] == '\t':
			b = b[:n-1]
		case n >= 2 && b[n-2] == 0xC2 && b[n-1] == 0xA0:
			b = b[:n-2]
		default:
			return b
		}
	}
	return b
}
