package emulator

import (
	"slices"
	"sort"
)

// refRange is what $filter says about Ref_Key: an interval of refs, each end open
// (gt, lt) or closed (ge, le, eq).
type refRange struct {
	lo, hi         guid
	hasLo, hasHi   bool
	loOpen, hiOpen bool
}

// add narrows the range by one comparison of Ref_Key.
func (r *refRange) add(o op, g guid) {
	switch o {
	case opEq:
		r.raise(g, false)
		r.lower(g, false)
	case opGt, opGe:
		r.raise(g, o == opGt)
	case opLt, opLe:
		r.lower(g, o == opLt)
	}
}

// raise moves the lower end up to g.
func (r *refRange) raise(g guid, open bool) {
	if c := compareGUID(g, r.lo); !r.hasLo || c > 0 || c == 0 && open {
		r.lo, r.loOpen, r.hasLo = g, open, true
	}
}

// lower moves the upper end down to g.
func (r *refRange) lower(g guid, open bool) {
	if c := compareGUID(g, r.hi); !r.hasHi || c < 0 || c == 0 && open {
		r.hi, r.hiOpen, r.hasHi = g, open, true
	}
}

// exact is the one ref the range allows, if it is a single closed point.
func (r refRange) exact() (guid, bool) {
	return r.lo, r.hasLo && r.hasHi && r.lo == r.hi && !r.loOpen && !r.hiOpen
}

// bounds is the part [lo, hi) of a list sorted by ref that lies in the range.
func (r refRange) bounds(n int, refAt func(i int) guid) (int, int) {
	lo, hi := 0, n
	if r.hasLo {
		lo = sort.Search(n, func(i int) bool {
			c := compareGUID(refAt(i), r.lo)
			return c > 0 || c == 0 && !r.loOpen
		})
	}
	if r.hasHi {
		hi = sort.Search(n, func(i int) bool {
			c := compareGUID(refAt(i), r.hi)
			return c > 0 || c == 0 && r.hiOpen
		})
	}
	return lo, max(lo, hi)
}

// sortedByRef lists handles 0 … n-1 in the order of their refs.
func sortedByRef(n int, ref func(h int64) guid) []int64 {
	order := make([]int64, n)
	for i := range order {
		order[i] = int64(i)
	}
	slices.SortFunc(order, func(a, b int64) int { return compareGUID(ref(a), ref(b)) })
	return order
}

// scanSorted walks the handles of order, sorted by ref, that lie in the range.
func scanSorted(order []int64, ref func(h int64) guid, r refRange, reverse bool, fn func(int64) bool) {
	lo, hi := r.bounds(len(order), func(i int) guid { return ref(order[i]) })
	for k := lo; k < hi; k++ {
		i := k
		if reverse {
			i = hi - 1 - (k - lo)
		}
		if !fn(order[i]) {
			return
		}
	}
}
