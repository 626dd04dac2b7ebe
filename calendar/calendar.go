// Package calendar turns civil dates and wall-clock readings into instants and back,
// fast: 1C writes dates without a time zone, in the base's local time, and readers
// place millions of them in that zone.
package calendar

import (
	"math"
	"time"
)

// Days counts days from 1970-01-01 to the given date of the proleptic Gregorian
// calendar (Howard Hinnant's days_from_civil: exact for every date, no tables).
func Days(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

// Zone places wall-clock readings in a location and reads instants back as wall clock.
// time.Date looks the zone up on every call, which dominates parsing; the dates of a
// base fall in very few zone periods (one, for Moscow since 2014), so the period of the
// last lookup answers almost every other with plain arithmetic. A Zone is not safe for
// concurrent use: give each goroutine its own.
type Zone struct {
	Loc        *time.Location
	off        int64 // seconds east of UTC within [start, end)
	start, end int64 // the cached zone period, in Unix seconds
	ok         bool
}

// At returns the instant whose wall clock in z.Loc reads wall (seconds since 1970 as if
// UTC) plus nsec — the instant time.Date returns: when both the reading and the instant
// lie in the cached period, time.Date would find that period's offset.
func (z *Zone) At(wall int64, nsec int) time.Time {
	if z.ok && z.start <= wall && wall < z.end {
		if u := wall - z.off; z.start <= u && u < z.end {
			return time.Unix(u, int64(nsec)).In(z.Loc)
		}
	}
	w := time.Unix(wall, 0).UTC()
	y, m, d := w.Date()
	h, mi, s := w.Clock()
	t := time.Date(y, m, d, h, mi, s, nsec, z.Loc)
	z.learn(t)
	return t
}

// Wall reads the instant unix (seconds) as wall-clock seconds in z.Loc.
func (z *Zone) Wall(unix int64) int64 {
	if !z.ok || unix < z.start || unix >= z.end {
		z.learn(time.Unix(unix, 0).In(z.Loc))
	}
	return unix + z.off
}

func (z *Zone) learn(t time.Time) {
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
