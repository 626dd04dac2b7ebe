package demo

import "math/rand/v2"

// An INN is a region (2 digits), a tax office (2), a serial number (5 for legal
// entities, 6 for people) and check digits. Serials come from an affine bijection of
// the client index, so INNs never repeat within the 5M clients Options allows.

// Check digit weights of the tax service's algorithm.
var (
	innWeights10 = []int{2, 4, 10, 3, 5, 9, 4, 6, 8}
	innWeights11 = []int{7, 2, 4, 10, 3, 5, 9, 4, 6, 8}
	innWeights12 = []int{3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8}
)

// taxOffices is how many tax offices (01–50) serials are spread over.
const taxOffices = 50

// innMaker numbers clients' INNs for one seed.
type innMaker struct {
	mul, add uint64 // the affine bijection; mul is prime to 10
}

// newINNMaker draws the bijection from r.
func newINNMaker(r *rand.Rand) innMaker {
	m := innMaker{mul: 1 + 2*r.Uint64N(1_000_000), add: r.Uint64N(1 << 40)}
	if m.mul%5 == 0 {
		m.mul += 2
	}
	return m
}

// make returns the INN of client i in region, 10 digits for a legal entity, else 12.
func (m innMaker) make(i int, region string, legal bool) string {
	serials := uint64(100_000)
	if !legal {
		serials *= 10
	}
	space := taxOffices * serials
	x := (m.mul*(uint64(i)%space) + m.add) % space
	b := make([]byte, 0, 12)
	b = append(b, region...)
	b = append2(b, int(1+x/serials))
	b = appendDigits(b, x%serials, len(b)+digitsOf(serials))
	if legal {
		return string(append(b, innCheck(b, innWeights10)))
	}
	b = append(b, innCheck(b, innWeights11))
	return string(append(b, innCheck(b, innWeights12)))
}

// innCheck is the check digit of digits d with the given weights.
func innCheck(d []byte, weights []int) byte {
	s := 0
	for k, w := range weights {
		s += int(d[k]-'0') * w
	}
	return byte('0' + s%11%10)
}

// digitsOf is the number of digits of serials minus one (a power of ten).
func digitsOf(serials uint64) int {
	n := 0
	for ; serials > 1; serials /= 10 {
		n++
	}
	return n
}

// appendDigits appends v zero-padded so that b reaches length end.
func appendDigits(b []byte, v uint64, end int) []byte {
	start := len(b)
	for len(b) < end {
		b = append(b, '0')
	}
	for i := end - 1; i >= start; i-- {
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return b
}
