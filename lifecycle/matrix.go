package lifecycle

import "github.com/rfm9/rfm9/money"

// Totals are the clients, their net sum and their purchases in one cell or code.
type Totals struct {
	Clients  int
	Monetary int64 // kopecks
	// Purchases is 0 in matrices stored before it was counted (their JSON lacks it):
	// AverageCheck then says "not available" rather than dividing by it.
	Purchases int
}

func (t *Totals) add(m int64, purchases int) {
	t.Clients++
	t.Monetary += m
	t.Purchases += purchases
}

// AverageCheck is M over the purchases, in kopecks rounded half away from zero; ok is
// false without purchases (an empty cell, or a matrix stored before they were counted).
func (t Totals) AverageCheck() (kop int64, ok bool) {
	if t.Purchases <= 0 {
		return 0, false
	}
	return money.Divide(t.Monetary, int64(t.Purchases)), true
}

// Cuts are resolved money limits in kopecks: M1 if m <= Cuts[0], M2 if m <= Cuts[1], else M3.
type Cuts [2]int64

func (c Cuts) class(m int64) uint8 {
	switch {
	case m <= c[0]:
		return 1
	case m <= c[1]:
		return 2
	}
	return 3
}

// Matrix is the 3×3 matrix and its 27 codes as of one date.
type Matrix struct {
	AsOf     Day
	Bounds   Bounds
	CellCuts [3][3]Cuts // money limits in force in each cell, [R-1][F-1]; all equal unless per-cell
	Clients  int
	Skipped  Skipped
	Cells    [3][3]Totals    // [R-1][F-1]
	Codes    [3][3][3]Totals // [R-1][F-1][M-1]
}

// Cell returns the totals of a cell.
func (m *Matrix) Cell(c Cell) Totals { return m.Cells[c.R-1][c.F-1] }

// Code returns the totals of a code.
func (m *Matrix) Code(c Code) Totals { return m.Codes[c.R-1][c.F-1][c.M-1] }

// Cuts returns the money limits in force in a cell; ok is false for a per-cell matrix
// whose cell is empty, where no limits exist.
func (m *Matrix) Cuts(c Cell) (Cuts, bool) {
	if m.Bounds.Monetary.Mode == MonetaryPerCell && m.Cell(c).Clients == 0 {
		return Cuts{}, false
	}
	return m.CellCuts[c.R-1][c.F-1], true
}

// Classifier places clients into codes under one set of bounds. It keeps scratch space
// between calls, so classifying many dates allocates once.
type Classifier struct {
	bounds  Bounds
	scratch []int64
	cells   []Cell
}

// NewClassifier validates b and returns a classifier for it.
func NewClassifier(b Bounds) (*Classifier, error) {
	if err := b.Validate(); err != nil {
		return nil, err
	}
	return &Classifier{bounds: b}, nil
}

// Classify builds the matrix of stats as of asOf; codes[i] is the code of stats[i].
// codes is reused when it has the capacity.
func (c *Classifier) Classify(asOf Day, stats []ClientStats, skipped Skipped, codes []Code) (Matrix, []Code) {
	m := Matrix{AsOf: asOf, Bounds: c.bounds, Clients: len(stats), Skipped: skipped}
	c.cells = c.cells[:0]
	for i := range stats {
		s := &stats[i]
		c.cells = append(c.cells, Cell{R: c.bounds.recencyClass(s.Recency), F: c.bounds.countClass(s.Purchases)})
	}
	c.resolveCuts(&m, stats)
	codes = codes[:0]
	for i := range stats {
		cell := c.cells[i]
		mc := m.CellCuts[cell.R-1][cell.F-1].class(stats[i].Monetary)
		code := Code{R: cell.R, F: cell.F, M: mc}
		codes = append(codes, code)
		m.Cells[cell.R-1][cell.F-1].add(stats[i].Monetary, stats[i].Purchases)
		m.Codes[cell.R-1][cell.F-1][mc-1].add(stats[i].Monetary, stats[i].Purchases)
	}
	return m, codes
}

func (c *Classifier) resolveCuts(m *Matrix, stats []ClientStats) {
	switch c.bounds.Monetary.Mode {
	case MonetaryFixed:
		m.fillCuts(Cuts(c.bounds.Monetary.Fixed))
	case MonetaryPerCell:
		for _, cell := range Cells() {
			c.scratch = c.scratch[:0]
			for i := range stats {
				if c.cells[i] == cell {
					c.scratch = append(c.scratch, stats[i].Monetary)
				}
			}
			m.CellCuts[cell.R-1][cell.F-1] = tertileCuts(c.scratch)
		}
	default:
		c.scratch = c.scratch[:0]
		for i := range stats {
			c.scratch = append(c.scratch, stats[i].Monetary)
		}
		m.fillCuts(tertileCuts(c.scratch))
	}
}

func (m *Matrix) fillCuts(cuts Cuts) {
	for r := range 3 {
		for f := range 3 {
			m.CellCuts[r][f] = cuts
		}
	}
}

// CodeOf places one client under the matrix's bounds and money limits, as Classify
// would have: for a client whose documents changed after the matrix was computed.
func (m *Matrix) CodeOf(s ClientStats) Code {
	r, f := m.Bounds.recencyClass(s.Recency), m.Bounds.countClass(s.Purchases)
	return Code{R: r, F: f, M: m.CellCuts[r-1][f-1].class(s.Monetary)}
}
