package lifecycle

import (
	"encoding/binary"
	"github.com/rfm9/rfm9/calendar"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync"
)

// Close ends the input: it merges the runs of each document, numbers the clients in the
// order the source first named them, and computes each document's calendar date.
func (l *Ledger) Close() {
	if l.closed {
		return
	}
	l.closed = true
	l.cur = nil
	l.mergeParts()
	l.buildDocuments(l.numberClients())
}

// mergeParts sorts each bucket by client and document, on all cores, and folds the runs
// of one document into one fragment, in place.
func (l *Ledger) mergeParts() {
	var wg sync.WaitGroup
	next := make(chan int, buckets)
	for p := range buckets {
		next <- p
	}
	close(next)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var m merger
			for p := range next {
				m.merge(&l.parts[p])
			}
		})
	}
	wg.Wait()
}

// merger holds one worker's scratch space, reused from bucket to bucket.
type merger struct {
	in, out []fragment
}

// merge sorts a bucket with one radix pass on a second key byte (so the comparison
// sorts run on a few dozen fragments each) and writes the merged documents back.
func (m *merger) merge(list *fragList) {
	m.in = list.appendTo(m.in[:0])
	m.out = slices.Grow(m.out[:0], len(m.in))[:len(m.in)]
	var starts [257]int
	for i := range m.in {
		starts[subOf(m.in[i].client)+1]++
	}
	for i := 1; i < len(starts); i++ {
		starts[i] += starts[i-1]
	}
	next := starts
	for i := range m.in {
		b := subOf(m.in[i].client)
		m.out[next[b]] = m.in[i]
		next[b]++
	}
	n := 0
	for b := range 256 {
		sub := m.out[starts[b]:starts[b+1]]
		slices.SortFunc(sub, compareFragments)
		for i := range sub {
			n = appendMerged(list, n, &sub[i])
		}
	}
	list.truncate(n)
}

// appendMerged writes f at position n of list, or folds it into position n-1 when both
// are runs of one document; it returns the new length.
func appendMerged(list *fragList, n int, f *fragment) int {
	if n > 0 {
		o := list.at(n - 1)
		if o.client == f.client && o.doc == f.doc {
			o.first, o.net, o.lines, o.seq = min(o.first, f.first), o.net+f.net, o.lines+f.lines, min(o.seq, f.seq)
			return n
		}
	}
	*list.at(n) = *f
	return n + 1
}

func compareFragments(a, b fragment) int {
	if c := compareKeys(&a.client, &b.client); c != 0 {
		return c
	}
	return compareKeys(&a.doc, &b.doc)
}

func compareKeys(x, y *idKey) int {
	a, b := binary.BigEndian.Uint64(x[:8]), binary.BigEndian.Uint64(y[:8])
	if a == b {
		a, b = binary.BigEndian.Uint64(x[8:]), binary.BigEndian.Uint64(y[8:])
	}
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// clientNumbers numbers clients by the rank of their first fragment among all first
// fragments, i.e. in the order of first appearance, with a bitmap instead of a sort.
type clientNumbers struct {
	marks []uint64 // bit seq is set when fragment seq is some client's first
	rank  []uint32 // set bits before each word
}

func (l *Ledger) numberClients() clientNumbers {
	n := clientNumbers{marks: make([]uint64, (int(l.seq)+63)/64)}
	for p := range l.parts {
		l.parts[p].forEachClient(func(_, _ int, first uint32) {
			n.marks[first/64] |= 1 << (first % 64)
		})
	}
	n.rank = make([]uint32, len(n.marks)+1)
	for w, m := range n.marks {
		n.rank[w+1] = n.rank[w] + uint32(bits.OnesCount64(m))
	}
	return n
}

func (n clientNumbers) of(first uint32) uint32 {
	w := first / 64
	return n.rank[w] + uint32(bits.OnesCount64(n.marks[w]&(1<<(first%64)-1)))
}

func (n clientNumbers) count() int { return int(n.rank[len(n.rank)-1]) }

// buildDocuments lays the documents out grouped by client and dates them, releasing
// each bucket once it is read.
func (l *Ledger) buildDocuments(numbers clientNumbers) {
	total := 0
	for p := range l.parts {
		total += l.parts[p].n
	}
	l.keys = make([]idKey, numbers.count())
	l.docs = make([]document, 0, total)
	l.first, l.last = math.MaxInt32, math.MinInt32
	z := calendar.Zone{Loc: l.loc}
	for p := range l.parts {
		list := &l.parts[p]
		list.forEachClient(func(from, to int, first uint32) {
			c := numbers.of(first)
			l.keys[c] = list.at(from).client
			for i := from; i < to; i++ {
				f := list.at(i)
				d := Day(floorDiv(z.Wall(f.first), 86400))
				l.first, l.last = min(l.first, d), max(l.last, d)
				l.docs = append(l.docs, document{client: c, day: d, net: f.net, lines: f.lines})
			}
		})
		*list = fragList{}
	}
}
