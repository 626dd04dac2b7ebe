package lifecycle

// Packed is a client's code in one byte, as snapshots store it: 0 is outside the matrix
// (no purchase yet as of the date), 1..27 are the codes, 1 + 9(R-1) + 3(F-1) + (M-1).
type Packed uint8

// NoCode is the packed value of a client outside the matrix.
const NoCode Packed = 0

// PackedCodes is the number of packed values, NoCode included.
const PackedCodes = 28

// Pack packs a code.
func Pack(c Code) Packed { return Packed(1 + 9*(c.R-1) + 3*(c.F-1) + (c.M - 1)) }

// Code unpacks; ok is false for NoCode and for values out of range.
func (p Packed) Code() (c Code, ok bool) {
	if p == NoCode || p >= PackedCodes {
		return Code{}, false
	}
	v := uint8(p - 1)
	return Code{R: v/9 + 1, F: v/3%3 + 1, M: v%3 + 1}, true
}
