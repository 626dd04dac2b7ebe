package kpi

import (
	"fmt"

	"github.com/rfm9/rfm9/lifecycle"
)

// A report keeps its totals per source group: the 9 cells in lifecycle.Cells order
// (index (3−R)·3 + F−1) and one group for clients with no purchase before the period.
// Every grouping a reader asks for is a union of these.
const (
	cellGroups = 9
	groupNew   = 9
	groups     = 10
)

func cellOf(g int) lifecycle.Cell { return lifecycle.Cell{R: uint8(3 - g/3), F: uint8(g%3 + 1)} }

// isActive says whether source group g is an R3 cell; isLost, an R1 cell.
func isActive(g uint8) bool { return g < 3 }

func isLost(g uint8) bool { return g >= 6 && g < cellGroups }

// By is how the rows of a period are split.
type By uint8

// Groupings: one row per period, one per cell, one per stage; the last two add a row
// for clients who had no purchase before the period.
const (
	ByNone By = iota
	BySegment
	ByStage
)

// ParseBy reads "none" (or ""), "segment" or "stage", as the API spells them.
func ParseBy(s string) (By, error) {
	switch s {
	case "", "none":
		return ByNone, nil
	case "segment":
		return BySegment, nil
	case "stage":
		return ByStage, nil
	}
	return 0, fmt.Errorf("by %q: want none, segment or stage", s)
}

// String is the grouping as the API spells it.
func (b By) String() string {
	switch b {
	case ByNone:
		return "none"
	case BySegment:
		return "segment"
	case ByStage:
		return "stage"
	}
	return fmt.Sprintf("By(%d)", uint8(b))
}

// Group names the clients a row covers. Key is stable whatever the language and the
// names: "all", "new", a cell "31", or a stage's cells "21,22,23".
type Group struct {
	Key  string         `json:"key"`
	Name lifecycle.Text `json:"name"`
}

// Names of the groups that lifecycle.Names does not cover.
var (
	allName = lifecycle.Text{RU: "Все клиенты", EN: "All clients"}
	newName = lifecycle.Text{RU: "Новые (без покупок до начала периода)", EN: "New (no purchase before the period)"}
)

// layout maps each source group to the index of its output group.
type layout struct {
	groups []Group
	of     [groups]int
}

// layoutOf builds the groups of a grouping; stages are the distinct Russian stage names
// of the cells, in the order the cells come, so that renamed stages regroup by themselves.
func layoutOf(by By, names *lifecycle.Names) layout {
	if names == nil {
		names = &lifecycle.Names{}
	}
	var l layout
	switch by {
	case BySegment:
		for g := range cellGroups {
			c := cellOf(g)
			l.of[g] = len(l.groups)
			l.groups = append(l.groups, Group{Key: c.String(), Name: names.Of(c).Name})
		}
	case ByStage:
		l.stages(names)
	default:
		return layout{groups: []Group{{Key: "all", Name: allName}}}
	}
	l.of[groupNew] = len(l.groups)
	l.groups = append(l.groups, Group{Key: "new", Name: newName})
	return l
}

func (l *layout) stages(names *lifecycle.Names) {
	for i, st := range names.Stages() {
		l.groups = append(l.groups, Group{Key: st.Key, Name: st.Name})
		for _, c := range st.Cells {
			l.of[3*int(3-c.R)+int(c.F-1)] = i
		}
	}
}
