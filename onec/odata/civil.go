package odata

import (
	"github.com/rfm9/rfm9/calendar"
	"time"
)

// civil is a wall-clock reading in the base's time zone, as seconds since
// 1970-01-01T00:00:00 read as if it were UTC. 1C compares and stores dates as wall
// clock, so windows are cut in civil seconds: no DST hour is ever lost or doubled.
type civil int64

// civilFloor is the wall clock of t in loc, rounded down to the second.
func civilFloor(t time.Time, loc *time.Location) civil {
	w := t.In(loc)
	y, m, d := w.Date()
	h, mi, s := w.Clock()
	return civil(time.Date(y, m, d, h, mi, s, 0, time.UTC).Unix())
}

// civilCeil is civilFloor rounded up: a bound of 10:00:00.5 must take 10:00:00.
func civilCeil(t time.Time, loc *time.Location) civil {
	c := civilFloor(t, loc)
	if t.Nanosecond() != 0 {
		c++
	}
	return c
}

// literal renders c for $filter.
func (c civil) literal() string {
	return "datetime'" + time.Unix(int64(c), 0).UTC().Format("2006-01-02T15:04:05") + "'"
}

// String shows c as 1C would.
func (c civil) String() string {
	return time.Unix(int64(c), 0).UTC().Format("2006-01-02T15:04:05")
}

// parseCivil reads 1C's date, 2006-01-02T15:04:05 with optional fractional seconds.
// ok is false for anything else; a trailing Z or offset is reported in zone.
func parseCivil(b []byte) (c civil, nsec int, zone int, zoned, ok bool) {
	if len(b) < 19 || b[4] != '-' || b[7] != '-' || b[10] != 'T' && b[10] != ' ' || b[13] != ':' || b[16] != ':' {
		return 0, 0, 0, false, false
	}
	y := digits(b[0:4])
	mo, d, h, mi, s := digits(b[5:7]), digits(b[8:10]), digits(b[11:13]), digits(b[14:16]), digits(b[17:19])
	if y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59 {
		return 0, 0, 0, false, false
	}
	rest := b[19:]
	nsec, rest, ok = fraction(rest)
	if !ok {
		return 0, 0, 0, false, false
	}
	zone, zoned, ok = offset(rest)
	if !ok {
		return 0, 0, 0, false, false
	}
	days := calendar.Days(y, mo, d)
	return civil(days*86400 + int64(h*3600+mi*60+s)), nsec, zone, zoned, true
}

// fraction reads .123456789; more digits than nanoseconds are dropped.
func fraction(b []byte) (nsec int, rest []byte, ok bool) {
	if len(b) == 0 || b[0] != '.' {
		return 0, b, true
	}
	i, scale := 1, 100000000
	for ; i < len(b) && b[i]-'0' <= 9; i++ {
		nsec += int(b[i]-'0') * scale
		scale /= 10
	}
	return nsec, b[i:], i > 1
}

// offset reads a trailing Z, +hh:mm or -hh:mm as seconds east of UTC.
func offset(b []byte) (sec int, zoned, ok bool) {
	switch {
	case len(b) == 0:
		return 0, false, true
	case len(b) == 1 && b[0] == 'Z':
		return 0, true, true
	case len(b) == 6 && (b[0] == '+' || b[0] == '-') && b[3] == ':':
		h, m := digits(b[1:3]), digits(b[4:6])
		if h < 0 || h > 23 || m < 0 || m > 59 {
			return 0, false, false
		}
		sec = h*3600 + m*60
		if b[0] == '-' {
			sec = -sec
		}
		return sec, true, true
	}
	return 0, false, false
}

// digits reads a run of ASCII digits; any other byte makes it -1.
func digits(b []byte) int {
	n := 0
	for _, c := range b {
		if c-'0' > 9 {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

func daysIn(y, m int) int {
	if m == 2 {
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 30 + (m+m/8)%2
}

// emptyDate is 0001-01-01T00:00:00, 1C's empty date.
var emptyDate = civil(calendar.Days(1, 1, 1) * 86400)

// zoneCache places civil readings in the base's zone (see calendar.Zone for why it caches).
type zoneCache struct {
	calendar.Zone
}

// at returns the instant whose wall clock in the base's zone reads c plus nsec.
func (z *zoneCache) at(c civil, nsec int) time.Time { return z.At(int64(c), nsec) }

// place turns a parsed date into the instant it stands for: a reading with a zone
// is converted, one without is taken in the base's zone.
func (z *zoneCache) place(c civil, nsec, zone int, zoned bool) (time.Time, civil) {
	if zoned {
		t := time.Unix(int64(c)-int64(zone), int64(nsec)).In(z.Loc)
		return t, civilFloor(t, z.Loc)
	}
	return z.at(c, nsec), c
}
