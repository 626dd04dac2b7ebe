package lifecycle

import "fmt"

// Level is how finely transitions and dynamics group clients.
type Level uint8

// Levels: the 9 cells, the 27 codes, or the stages of the names in force.
const (
	LevelCell Level = iota
	LevelCode
	LevelStage
)

// ParseLevel reads "cell", "code" or "stage".
func ParseLevel(s string) (Level, error) {
	switch s {
	case "cell", "":
		return LevelCell, nil
	case "code":
		return LevelCode, nil
	case "stage":
		return LevelStage, nil
	}
	return 0, fmt.Errorf("level %q: want cell, code or stage", s)
}

// String is the level as ParseLevel reads it.
func (l Level) String() string {
	switch l {
	case LevelCode:
		return "code"
	case LevelStage:
		return "stage"
	}
	return "cell"
}

// Group is one row or column of transitions or dynamics: a cell "31", a code "311" or a
// stage "21,22,23", with its name.
type Group struct {
	Key  string `json:"key"`
	Name Text   `json:"name"`
}

// Grouping maps packed codes to the groups of a level.
type Grouping struct {
	Level  Level
	Groups []Group
	of     [PackedCodes]int // group index per packed code; -1 for NoCode
}

// NewGrouping builds the groups of a level in display order: cells as Cells(), codes
// from 333 down, stages as Names.Stages(). Cells and codes are named by their cell.
func NewGrouping(level Level, names *Names) *Grouping {
	if names == nil {
		names = &Names{}
	}
	g := &Grouping{Level: level}
	g.of[NoCode] = -1
	switch level {
	case LevelCode:
		for _, c := range Codes() {
			g.of[Pack(c)] = len(g.Groups)
			g.Groups = append(g.Groups, Group{Key: c.String(), Name: names.Of(c.Cell()).Name})
		}
	case LevelStage:
		for i, st := range names.Stages() {
			g.Groups = append(g.Groups, Group{Key: st.Key, Name: st.Name})
			for _, c := range st.Cells {
				g.eachCode(c, i)
			}
		}
	default:
		for _, c := range Cells() {
			g.eachCode(c, len(g.Groups))
			g.Groups = append(g.Groups, Group{Key: c.String(), Name: names.Of(c).Name})
		}
	}
	return g
}

func (g *Grouping) eachCode(c Cell, group int) {
	for m := uint8(1); m <= 3; m++ {
		g.of[Pack(Code{R: c.R, F: c.F, M: m})] = group
	}
}

// Of returns the group of a packed code; ok is false outside the matrix.
func (g *Grouping) Of(p Packed) (int, bool) {
	if p >= PackedCodes || g.of[p] < 0 {
		return 0, false
	}
	return g.of[p], true
}

// Transitions counts clients by where they were at one snapshot and where they are at a
// later one.
type Transitions struct {
	From, To Day
	Level    Level
	Groups   []Group
	// Counts[i][j] is the clients in group i at From and in group j at To. The extra last
	// row is "new" (not in the matrix at From: no purchase before it); the extra last
	// column is "gone" (out of the matrix at To: every purchase returned since).
	Counts [][]int
	// Better, Same and Worse compare the cells by the order CellRank states; a change of
	// money class alone is Same. New and Gone are the totals of the extra row and column.
	Better, Same, Worse, New, Gone int
}

// CellRank orders the cells for better and worse: recency first (keeping clients active
// is the methodology's aim), then purchase count. 33 is best (8), 11 worst (0).
func CellRank(c Cell) int { return 3*int(c.R-1) + int(c.F-1) }

// CountTransitions counts the moves between two snapshots' packed codes, indexed by the
// same client numbers; a client missing from the shorter slice is outside the matrix.
func CountTransitions(from, to []Packed, g *Grouping) Transitions {
	var pairs [PackedCodes][PackedCodes]int
	n := max(len(from), len(to))
	for i := range n {
		var a, b Packed
		if i < len(from) {
			a = from[i]
		}
		if i < len(to) {
			b = to[i]
		}
		if a < PackedCodes && b < PackedCodes {
			pairs[a][b]++
		}
	}
	t := Transitions{Level: g.Level, Groups: g.Groups, Counts: make([][]int, len(g.Groups)+1)}
	for i := range t.Counts {
		t.Counts[i] = make([]int, len(g.Groups)+1)
	}
	last := len(g.Groups)
	for a := range Packed(PackedCodes) {
		for b := range Packed(PackedCodes) {
			k := pairs[a][b]
			if k == 0 || (a == NoCode && b == NoCode) {
				continue
			}
			row, inFrom := g.Of(a)
			col, inTo := g.Of(b)
			if !inFrom {
				row = last
			}
			if !inTo {
				col = last
			}
			t.Counts[row][col] += k
			t.tally(a, b, k)
		}
	}
	return t
}

func (t *Transitions) tally(a, b Packed, k int) {
	ca, okA := a.Code()
	cb, okB := b.Code()
	switch {
	case !okA:
		t.New += k
	case !okB:
		t.Gone += k
	case CellRank(cb.Cell()) > CellRank(ca.Cell()):
		t.Better += k
	case CellRank(cb.Cell()) < CellRank(ca.Cell()):
		t.Worse += k
	default:
		t.Same += k
	}
}
