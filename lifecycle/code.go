package lifecycle

import "fmt"

// Code is a client's place in the matrix: the R, F and M classes, each 1..3, 3 best.
type Code struct{ R, F, M uint8 }

// String writes the code as its three digits R F M, e.g. "311".
func (c Code) String() string { return string([]byte{'0' + c.R, '0' + c.F, '0' + c.M}) }

// Cell is the 3×3 matrix cell of the code.
func (c Code) Cell() Cell { return Cell{R: c.R, F: c.F} }

// ParseCode reads a code written as three digits 1..3.
func ParseCode(s string) (Code, error) {
	if len(s) != 3 {
		return Code{}, fmt.Errorf("code %q: want three digits 1..3, e.g. 311", s)
	}
	var d [3]uint8
	for i := range 3 {
		if s[i] < '1' || s[i] > '3' {
			return Code{}, fmt.Errorf("code %q: want three digits 1..3, e.g. 311", s)
		}
		d[i] = s[i] - '0'
	}
	return Code{R: d[0], F: d[1], M: d[2]}, nil
}

// Cell is one of the 9 cells of the matrix: recency class × purchase-count class.
type Cell struct{ R, F uint8 }

// String writes the cell as its two digits R F, e.g. "31".
func (c Cell) String() string { return string([]byte{'0' + c.R, '0' + c.F}) }

// Cells lists the 9 cells in display order: active first, then sleeping, then lost.
func Cells() []Cell {
	out := make([]Cell, 0, 9)
	for r := uint8(3); r >= 1; r-- {
		for f := uint8(1); f <= 3; f++ {
			out = append(out, Cell{R: r, F: f})
		}
	}
	return out
}

// Codes lists the 27 codes from the best, 333, down to 111.
func Codes() []Code {
	out := make([]Code, 0, 27)
	for r := uint8(3); r >= 1; r-- {
		for f := uint8(3); f >= 1; f-- {
			for m := uint8(3); m >= 1; m-- {
				out = append(out, Code{R: r, F: f, M: m})
			}
		}
	}
	return out
}
