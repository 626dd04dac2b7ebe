package kpi

import (
	"math"

	"github.com/rfm9/rfm9/lifecycle"
)

// client is one client's running state while documents are applied in date order: just
// what places the client in a cell (M is not needed for the 9 cells) and tells a first
// or repeat purchase; 16 bytes, no pointers, in one flat slice indexed by the client.
type client struct {
	first, last lifecycle.Day // first and last purchase days
	purchases   int32
	group       uint8 // source group at the current period's start
}

func (s *client) apply(d *Document) {
	if d.Net <= 0 {
		return
	}
	if s.purchases == 0 {
		s.first = d.Day
	}
	s.last = d.Day
	s.purchases++
}

// classes are lifecycle.Bounds turned into the comparisons that place a client as of one
// day, by the same inclusive rules as lifecycle's classifier: R3 if the recency asOf−last
// is at most RecencyDays[0], R2 if at most RecencyDays[1], else R1; F1 if purchases are
// at most Count[0], F2 if at most Count[1], else F3.
type classes struct {
	active, sleeping lifecycle.Day // R3 if last >= active, R2 if last >= sleeping
	few, many        int32         // F1 if purchases <= few, F2 if <= many
}

func classesAsOf(b lifecycle.Bounds, asOf lifecycle.Day) classes {
	return classes{
		active:   lifecycle.Day(clamp32(int64(asOf) - int64(b.RecencyDays[0]))),
		sleeping: lifecycle.Day(clamp32(int64(asOf) - int64(b.RecencyDays[1]))),
		few:      clamp32(int64(b.Count[0])),
		many:     clamp32(int64(b.Count[1])),
	}
}

// group is the source group of s: its cell, or groupNew before its first purchase.
// It runs for every client at every period boundary, on data that makes branches
// unpredictable, so the classes are summed from comparisons instead of chosen by ifs.
// active > sleeping and few < many, so each pair of comparisons counts 0, 1 or 2.
func (c *classes) group(s *client) uint8 {
	if s.purchases == 0 {
		return groupNew
	}
	rLoss := 2 - b2u(s.last >= c.sleeping) - b2u(s.last >= c.active)    // 3 − R
	fGain := 2 - b2u(s.purchases <= c.many) - b2u(s.purchases <= c.few) // F − 1
	return rLoss*3 + fGain
}

func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

func clamp32(v int64) int32 { return int32(max(math.MinInt32, min(v, math.MaxInt32))) }
