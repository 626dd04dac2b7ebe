package salesfile

import (
	"math"
	"time"
)

// zoneCache places wall-clock readings in a location. time.Date looks the zone up
// on every call, which dominates parsing; the dates of an export fall in very few
// zone periods (one, for Moscow since 2014), so the period of the last date
// answers almost every lookup with plain arithmetic.
type zoneCache struct {
	loc        *time.Location
	off        int64 // seconds east of UTC within [start, end)
	start, end int64 // the cached zone period, in Unix seconds
	ok         bool
}

// place returns the instant a parsed date stands for.
func (z *zoneCache) place(c civil) time.Time {
	if c.zoned {
		return time.Unix(c.wall()-int64(c.off), int64(c.nsec)).In(z.loc)
	}
	return z.at(c.wall(), c.nsec)
}

// at returns the instant whose wall clock in z.loc reads wall (seconds since 1970 as
// if UTC) plus nsec, the same instant time.Date returns: when both the reading and
// the instant lie in the cached period, time.Date would find that period's offset.
func (z *zoneCache) at(wall int64, nsec int) time.Time {
	if z.ok && z.start <= wall && wall < z.end {
		if u := wall - z.off; z.start <= u && u < z.end {
			return time.Unix(u, int64(nsec)).In(z.loc)
		}
	}
	w := time.Unix(wall, 0).UTC()
	y, m, d := w.Date()
	h, mi, s := w.Clock()
	t := time.Date(y, m, d, h, mi, s, nsec, z.loc)
	z.learn(t)
	return t
}

func (z *zoneCache) learn(t time.Time) {
	_, off := t.Zone()
	start, end := t.ZoneBounds()
	z.off, z.start, z.end, z.ok = int64(off), math.MinInt64, math.MaxInt64, true
	if !start.IsZero() {
		z.start = start.Unix()
	}
	if !end.IsZero() {
		z.end = end.Unix()
	}
}
