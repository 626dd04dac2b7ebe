package salesfile

import (
	"fmt"
	"time"

	"github.com/rfm9/rfm9/calendar"
)

// civil is a date and wall-clock time as written, before it is placed in a zone.
type civil struct {
	year, month, day     int
	hour, min, sec, nsec int
	off                  int  // seconds east of UTC, when the text names a zone
	zoned                bool // the text ends in Z or an offset
}

// ParseDate parses a date as 1C users export it and places it in loc (nil means
// time.Local): 02.01.2006 with an optional 15:04 or 15:04:05 (day, month and hour
// may have one digit), or ISO 2006-01-02 with an optional T15:04:05 or " 15:04:05"
// and fractional seconds. A trailing Z or ±hh:mm is honoured and converted to loc.
func ParseDate(b []byte, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.Local
	}
	z := zoneCache{calendar.Zone{Loc: loc}}
	c, err := parseCivil(b)
	if err != nil {
		return time.Time{}, fmt.Errorf("salesfile: parse date %q: %w", b, err)
	}
	return z.place(c), nil
}

// quickDay reads the fixed-width date at the start of b, 2006-01-02 or 02.01.2006,
// as days since 1970. It declines anything else, valid or not, for parseCivil.
func quickDay(b []byte) (int64, bool) {
	_ = b[9]
	var y, m, d int
	var ok bool
	switch {
	case b[4] == '-' && b[7] == '-':
		y, ok = quad(b[0], b[1], b[2], b[3])
		m, d = pair(b[5], b[6]), pair(b[8], b[9])
	case b[2] == '.' && b[5] == '.':
		y, ok = quad(b[6], b[7], b[8], b[9])
		d, m = pair(b[0], b[1]), pair(b[3], b[4])
	}
	// pair gives a negative or a too large number for a non-digit
	if !ok || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, false
	}
	return calendar.Days(y, m, d), true
}

// pair reads two digits; a non-digit makes the result out of 0..99.
func pair(a, b byte) int {
	hi, lo := int(a)-'0', int(b)-'0'
	if uint(hi) > 9 || uint(lo) > 9 {
		return -1
	}
	return hi*10 + lo
}

// quad reads a four-digit year from 1 on.
func quad(a, b, c, d byte) (int, bool) {
	hi, lo := pair(a, b), pair(c, d)
	y := hi*100 + lo
	return y, hi >= 0 && lo >= 0 && y > 0
}

// quickClock reads the 15:04:05 of a 19-byte date as seconds into the day; the
// dotted form takes no T.
func quickClock(b []byte) (int64, bool) {
	_ = b[18]
	if !(b[10] == ' ' || b[10] == 'T' && b[4] == '-') || b[13] != ':' || b[16] != ':' {
		return 0, false
	}
	h, m, s := pair(b[11], b[12]), pair(b[14], b[15]), pair(b[17], b[18])
	if uint(h) > 23 || uint(m) > 59 || uint(s) > 59 {
		return 0, false
	}
	return int64(h*3600 + m*60 + s), true
}

func parseCivil(b []byte) (c civil, err error) {
	b = trimSpace(b)
	var rest []byte
	var ok bool
	if len(b) >= 10 && b[4] == '-' {
		rest, ok = c.isoDate(b)
	} else {
		rest, ok = c.dottedDate(b)
	}
	if ok && len(rest) > 0 {
		ok = c.clock(rest)
	}
	if !ok {
		return c, ErrSyntax
	}
	if !c.valid() {
		return c, ErrRange
	}
	return c, nil
}

// isoDate reads 2006-01-02 and the T or space that may introduce a time.
func (c *civil) isoDate(b []byte) (rest []byte, ok bool) {
	y, ok1 := digits(b[0:4])
	m, ok2 := digits(b[5:7])
	d, ok3 := digits(b[8:10])
	if !ok1 || !ok2 || !ok3 || b[7] != '-' {
		return nil, false
	}
	c.year, c.month, c.day = y, m, d
	rest = b[10:]
	if len(rest) == 0 {
		return nil, true
	}
	if rest[0] != 'T' && rest[0] != ' ' || len(rest) == 1 {
		return nil, false
	}
	return rest[1:], true
}

// dottedDate reads 2.1.2006 or 02.01.2006 and the spaces that may introduce a time.
func (c *civil) dottedDate(b []byte) (rest []byte, ok bool) {
	var n int
	if c.day, n = leadingDigits(b, 2); n == 0 || n >= len(b) || b[n] != '.' {
		return nil, false
	}
	b = b[n+1:]
	if c.month, n = leadingDigits(b, 2); n == 0 || n >= len(b) || b[n] != '.' {
		return nil, false
	}
	b = b[n+1:]
	if c.year, n = leadingDigits(b, 4); n != 4 {
		return nil, false
	}
	rest = b[4:]
	if len(rest) == 0 {
		return nil, true
	}
	if rest[0] != ' ' && rest[0] != '\t' {
		return nil, false // a fifth year digit, or some other trailing text
	}
	rest = trimSpace(rest)
	return rest, len(rest) > 0
}

// clock reads 15:04, 15:04:05 or 15:04:05.999999999 (hour of one or two digits),
// then an optional zone.
func (c *civil) clock(b []byte) bool {
	var n int
	if c.hour, n = leadingDigits(b, 2); n == 0 || n+3 > len(b) || b[n] != ':' {
		return false
	}
	b = b[n+1:]
	var ok bool
	if c.min, ok = digits(b[:2]); !ok {
		return false
	}
	b = b[2:]
	if len(b) >= 3 && b[0] == ':' {
		if c.sec, ok = digits(b[1:3]); !ok {
			return false
		}
		b = c.fraction(b[3:])
	}
	return c.zone(b)
}

// fraction reads fractional seconds, keeping nanoseconds and ignoring finer digits.
func (c *civil) fraction(b []byte) []byte {
	if len(b) < 2 || b[0] != '.' && b[0] != ',' || b[1]-'0' > 9 {
		return b
	}
	i, scale := 1, 100_000_000
	for ; i < len(b) && b[i]-'0' <= 9; i++ {
		c.nsec += int(b[i]-'0') * scale
		scale /= 10
	}
	return b[i:]
}

// zone reads Z, ±hh, ±hhmm or ±hh:mm; nothing else may follow a time.
func (c *civil) zone(b []byte) bool {
	switch {
	case len(b) == 0:
		return true
	case len(b) == 1 && b[0] == 'Z':
		c.zoned = true
		return true
	case b[0] != '+' && b[0] != '-' || len(b) < 3:
		return false
	}
	h, ok := digits(b[1:3])
	rest := b[3:]
	if len(rest) > 0 && rest[0] == ':' {
		rest = rest[1:]
	}
	m, ok2 := digits(rest)
	if !ok || len(rest) != 0 && (len(rest) != 2 || !ok2) || h > 23 || m > 59 {
		return false
	}
	c.off, c.zoned = (h*60+m)*60, true
	if b[0] == '-' {
		c.off = -c.off
	}
	return true
}

func (c *civil) valid() bool {
	return c.year >= 1 && c.month >= 1 && c.month <= 12 && c.day >= 1 &&
		c.day <= daysIn(c.year, c.month) && c.hour <= 23 && c.min <= 59 && c.sec <= 59
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// wall returns the wall-clock reading as seconds since 1970 as if it were UTC.
func (c civil) wall() int64 {
	return calendar.Days(c.year, c.month, c.day)*86400 + int64(c.hour*3600+c.min*60+c.sec)
}

// digits parses b, all of it ASCII digits.
func digits(b []byte) (int, bool) {
	v := 0
	for _, c := range b {
		d := c - '0'
		if d > 9 {
			return 0, false
		}
		v = v*10 + int(d)
	}
	return v, true
}

// leadingDigits parses up to max leading digits of b and says how many it read.
func leadingDigits(b []byte, max int) (v, n int) {
	for n < len(b) && n < max && b[n]-'0' <= 9 {
		v = v*10 + int(b[n]-'0')
		n++
	}
	return v, n
}
