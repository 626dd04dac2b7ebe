package lifecycle

import (
	"fmt"
	"slices"
)

// SnapshotFunc receives the matrix as of one date with its clients' stats and codes
// (codes[i] belongs to stats[i]). Both slices are reused after it returns.
type SnapshotFunc func(m Matrix, stats []ClientStats, codes []Code) error

// Snapshots computes the matrix as of every date in one pass over the documents in date
// order: each document is applied once, however many dates there are. Dates are taken
// in ascending order, duplicates once.
func (l *Ledger) Snapshots(dates []Day, c *Classifier, fn SnapshotFunc) error {
	l.Close()
	dates = slices.Clone(dates)
	slices.Sort(dates)
	dates = slices.Compact(dates)
	order := l.byDay()
	state := make([]running, l.Clients())
	var stats []ClientStats
	var codes []Code
	next := 0
	for _, asOf := range dates {
		for ; next < len(order) && l.docs[order[next]].day <= asOf; next++ {
			d := &l.docs[order[next]]
			state[d.client].apply(d)
		}
		var skipped Skipped
		stats, skipped = collect(state, asOf, stats)
		var m Matrix
		m, codes = c.Classify(asOf, stats, skipped, codes)
		if err := fn(m, stats, codes); err != nil {
			return fmt.Errorf("snapshot %s: %w", asOf, err)
		}
	}
	return nil
}

// byDay returns document indexes ordered by date: a counting sort, since a sales
// history spans a few thousand days and holds millions of documents.
func (l *Ledger) byDay() []uint32 {
	first, last, ok := l.Span()
	if !ok {
		return nil
	}
	counts := make([]int, int(last-first)+2)
	for i := range l.docs {
		counts[l.docs[i].day-first+1]++
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	order := make([]uint32, len(l.docs))
	for i := range l.docs {
		slot := &counts[l.docs[i].day-first]
		order[*slot] = uint32(i)
		*slot++
	}
	return order
}
