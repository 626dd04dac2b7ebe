// Package money formats kopeck amounts (int64, never float) for people: Russian by
// default ("12 000,50 ₽"), English on request ("12,000.50 ₽").
package money

import (
	"math/bits"
	"strconv"
)

// Rubles formats kop as rubles with thousands grouped and the ₽ sign; kopecks are shown
// only when there are some.
func Rubles(kop int64, lang string) string {
	return string(AppendRubles(nil, kop, lang))
}

// AppendRubles is Rubles appending to b.
func AppendRubles(b []byte, kop int64, lang string) []byte {
	u := magnitude(kop)
	if kop < 0 {
		b = append(b, "−"...)
	}
	b = appendGrouped(b, u/100, lang)
	if rest := u % 100; rest != 0 {
		b = append(b, decimalMark(lang))
		b = append(b, byte('0'+rest/10), byte('0'+rest%10))
	}
	return append(b, " ₽"...)
}

// Count formats a whole number with thousands grouped: "1 234 567" or "1,234,567".
func Count(n int64, lang string) string {
	if n < 0 {
		return "−" + string(appendGrouped(nil, magnitude(n), lang))
	}
	return string(appendGrouped(nil, uint64(n), lang))
}

// Percent formats part/whole as a percentage with one decimal: "12,5%" or "12.5%".
// It works in integers, rounding half up, so the shares of a table add up predictably.
func Percent(part, whole int64, lang string) string {
	if whole == 0 {
		return "—"
	}
	neg := (part < 0) != (whole < 0)
	p, w := magnitude(part), magnitude(whole)
	hi, lo := bits.Mul64(p, 1000) // 128-bit product: sums of kopecks times 1000 overflow int64
	lo, carry := bits.Add64(lo, w/2, 0)
	hi += carry
	if hi >= w {
		return "—" // more than 2⁶⁴ tenths of a percent: not a share
	}
	tenths, _ := bits.Div64(hi, lo, w)
	s := strconv.FormatUint(tenths/10, 10) + string(decimalMark(lang)) + strconv.FormatUint(tenths%10, 10) + "%"
	if neg && tenths != 0 {
		s = "−" + s
	}
	return s
}

func appendGrouped(b []byte, u uint64, lang string) []byte {
	digits := strconv.FormatUint(u, 10)
	sep := " " // a no-break space would be nicer in HTML, but terminals and CSV prefer a plain one
	if lang == "en" {
		sep = ","
	}
	for i := range len(digits) {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b = append(b, sep...)
		}
		b = append(b, digits[i])
	}
	return b
}

func magnitude(n int64) uint64 {
	if n < 0 {
		return -uint64(n)
	}
	return uint64(n)
}

func decimalMark(lang string) byte {
	if lang == "en" {
		return '.'
	}
	return ','
}
