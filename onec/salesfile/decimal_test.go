package salesfile

import (
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

func TestParseKopecks(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  error
	}{
		{"1234.50", 123450, nil},
		{"1234,5", 123450, nil},
		{"1 234,56", 123456, nil},
		{"1\u00a0234,56", 123456, nil},
		{"1\u202f234,56", 123456, nil},
		{"12 345 678,9", 1234567890, nil},
		{"-1 234,56", -123456, nil},
		{"+5", 500, nil},
		{" 12,30\u00a0", 1230, nil},
		{"1,234.56", 123456, nil},
		{"1.234,56", 123456, nil},
		{"1.234.567,89", 123456789, nil},
		{"1,234,567", 123456700, nil}, // one separator repeated groups thousands
		{"1,234", 123, nil},           // a lone comma is decimal, as in Russia: 1.234 roubles
		{"12.", 1200, nil},
		{",5", 50, nil},
		{"0", 0, nil},
		{"-0", 0, nil},
		{"007", 700, nil},
		{"1.5E-2", 2, nil}, // 0.015, half away from zero
		{"-1.5E-2", -2, nil},
		{"1.5e2", 15000, nil},
		{"7.3194E2", 73194, nil},
		{"731.9399999999999", 73194, nil},
		{"0.30000000000000004", 30, nil},
		{"2.675", 268, nil}, // exact decimal: a float64 would give 267
		{"0.005", 1, nil},
		{"0.004999", 0, nil},
		{"-0.005", -1, nil},
		{"-0.0049", 0, nil},
		{"0.015", 2, nil},
		{"1E-400", 0, nil},
		{"0.00000000000000000000000000001", 0, nil},
		{"12345678901234567.894", 1234567890123456789, nil}, // 20 digits, the 20th rounds down
		{"12345678901234567.895", 1234567890123456790, nil}, // and up
		{"92233720368547758.07", math.MaxInt64, nil},
		{"-92233720368547758.08", math.MinInt64, nil},
		{"92233720368547758.08", 0, ErrRange},
		{"92233720368547758.075", 0, ErrRange}, // rounds up past the top
		{"1e20", 0, ErrRange},
		{"1e100000000000", 0, ErrRange},
		{"99999999999999999999999", 0, ErrRange},
		{"", 0, ErrSyntax},
		{" ", 0, ErrSyntax},
		{"-", 0, ErrSyntax},
		{".", 0, ErrSyntax},
		{"abc", 0, ErrSyntax},
		{"12,3,4", 0, ErrSyntax},
		{"1 23", 0, ErrSyntax},
		{"12 3456", 0, ErrSyntax},
		{"1234 567", 0, ErrSyntax},
		{"1  234", 0, ErrSyntax},
		{"1.2.3", 0, ErrSyntax},
		{"1,2.3", 0, ErrSyntax},
		{"1.234,5.6", 0, ErrSyntax},
		{"1 234,5 6", 0, ErrSyntax},
		{"1e", 0, ErrSyntax},
		{"1e+", 0, ErrSyntax},
		{"e5", 0, ErrSyntax},
		{"1.5E2.5", 0, ErrSyntax},
		{"--1", 0, ErrSyntax},
		{"- 1", 0, ErrSyntax},
		{"1-", 0, ErrSyntax},
		{"0x10", 0, ErrSyntax},
		{"1_000", 0, ErrSyntax},
		{"NaN", 0, ErrSyntax},
		{"Inf", 0, ErrSyntax},
		{"12р.", 0, ErrSyntax},
	}
	for _, tt := range tests {
		got, err := ParseKopecks([]byte(tt.in))
		if !errors.Is(err, tt.err) || got != tt.want {
			t.Errorf("ParseKopecks(%q) = %d, %v; want %d, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestParseDecimalScales(t *testing.T) {
	tests := []struct {
		in    string
		scale int
		want  int64
	}{
		{"1,5", 3, 1500},
		{"0.0005", 3, 1},
		{"2,0004", 3, 2000},
		{"-2,0005", 3, -2001},
		{"2.5", 0, 3},
		{"-2.5", 0, -3},
		{"2.4999", 0, 2},
		{"1", 18, 1e18},
		{"9.223372036854775807", 18, math.MaxInt64},
	}
	for _, tt := range tests {
		got, err := ParseDecimal([]byte(tt.in), tt.scale)
		if err != nil || got != tt.want {
			t.Errorf("ParseDecimal(%q, %d) = %d, %v; want %d", tt.in, tt.scale, got, err, tt.want)
		}
	}
	if _, err := ParseDecimal([]byte("1"), 19); err == nil {
		t.Error("scale 19 accepted")
	}
}

func TestMulScaled(t *testing.T) {
	tests := []struct {
		q, p string
		want int64
		err  error
	}{
		{"3", "33.333", 10000, nil}, // 99.999
		{"0.5", "0.01", 1, nil},     // 0.005 rounds away from zero
		{"-0.5", "0.01", -1, nil},
		{"0.5", "-0.01", -1, nil},
		{"-0.5", "-0.01", 1, nil},
		{"1,5", "1,5", 225, nil},
		{"0.333", "0.015", 0, nil}, // 0.004995
		{"731.9399999999999", "1", 73194, nil},
		{"2", "1.005", 201, nil},
		{"1E-20", "1E20", 100, nil},
		{"0", "123", 0, nil},
		{"1 000", "99,99", 9999000, nil},
		{"123456789.123456789", "987654321.987654321", 0, ErrRange},
		{"12345678901234567", "100", 0, ErrRange},
		{"0.000000001", "0.000000001", 0, nil},
		{"9999999999.99999999", "0.0000000001", 100, nil}, // k between -38 and -20
		{"1.0000000000000000000000001", "0.005", 1, nil},  // beyond 19 digits: exact fallback
		{"0.00499999999999999999999999", "1", 0, nil},
		{"-1.0000000000000000000000001", "0.005", -1, nil},
	}
	for _, tt := range tests {
		got, err := mulText(tt.q, tt.p)
		if !errors.Is(err, tt.err) || got != tt.want {
			t.Errorf("%s × %s = %d, %v; want %d, %v", tt.q, tt.p, got, err, tt.want, tt.err)
		}
	}
}

func mulText(q, p string) (int64, error) {
	qn, err := scanNumber([]byte(q), nil)
	if err != nil {
		return 0, err
	}
	pn, err := scanNumber([]byte(p), nil)
	if err != nil {
		return 0, err
	}
	return mulScaled(qn, pn, []byte(q), []byte(p), 2)
}

// TestMulScaledAgainstBig checks the 128-bit path against math/big on random operands.
func TestMulScaledAgainstBig(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		q := randomDecimal(r)
		p := randomDecimal(r)
		got, gerr := mulText(q, p)
		qb, pb := []byte(q), []byte(p)
		want, werr := bigMulScaled(qb, pb, 2)
		if got != want || (gerr == nil) != (werr == nil) {
			t.Fatalf("%s × %s = %d, %v; big says %d, %v", q, p, got, gerr, want, werr)
		}
	}
}

func randomDecimal(r *rand.Rand) string {
	digits := 1 + r.IntN(19)
	var b []byte
	if r.IntN(4) == 0 {
		b = append(b, '-')
	}
	for i := range digits {
		b = append(b, byte('0'+r.IntN(10)))
		if i == r.IntN(digits) && i < digits-1 && r.IntN(2) == 0 {
			b = append(b, '.')
		}
	}
	if r.IntN(5) == 0 {
		b = append(b, 'E')
		b = strconv.AppendInt(b, int64(r.IntN(40)-20), 10)
	}
	return string(b)
}

// TestScaledAgainstBig checks single values against an exact computation.
func TestScaledAgainstBig(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		s := randomDecimal(r)
		got, gerr := parseScaled([]byte(s), 2)
		want, werr := bigMulScaled([]byte(s), []byte("1"), 2)
		if got != want || (gerr == nil) != (werr == nil) {
			t.Fatalf("%s = %d, %v; big says %d, %v", s, got, gerr, want, werr)
		}
	}
}
