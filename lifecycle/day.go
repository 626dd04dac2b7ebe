package lifecycle

import (
	"fmt"
	"time"

	"github.com/rfm9/rfm9/calendar"
)

// Day is a calendar date in the base's time zone, counted in days since 1970-01-01.
// Recency is a difference of calendar days, so dates are kept as civil days, not instants.
type Day int32

// DayOf is the calendar date of t in t's own location.
func DayOf(t time.Time) Day {
	y, m, d := t.Date()
	return DayFromCivil(y, m, d)
}

// DayFromCivil converts a year, month and day to a Day (proleptic Gregorian calendar).
func DayFromCivil(y int, m time.Month, d int) Day {
	return Day(calendar.Days(y, int(m), d))
}

// Civil returns the year, month and day of d.
func (d Day) Civil() (int, time.Month, int) {
	z := int(d) + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, time.Month(m), day
}

// Time is the midnight that starts d in loc.
func (d Day) Time(loc *time.Location) time.Time {
	y, m, day := d.Civil()
	return time.Date(y, m, day, 0, 0, 0, 0, loc)
}

// String formats d as 2006-01-02.
func (d Day) String() string {
	y, m, day := d.Civil()
	return fmt.Sprintf("%04d-%02d-%02d", y, int(m), day)
}

// ParseDay reads a date written as 2006-01-02.
func ParseDay(s string) (Day, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return DayOf(t), nil
}

// MonthEnds lists the last day of every month from the month of from to the month of to, inclusive.
func MonthEnds(from, to Day) []Day {
	var out []Day
	y, m, _ := from.Civil()
	for {
		if m == 12 {
			y, m = y+1, 1
		} else {
			m++
		}
		end := DayFromCivil(y, m, 1) - 1
		out = append(out, end)
		if end >= to {
			return out
		}
	}
}

// MarshalText writes d as 2006-01-02, so dates read the same in JSON as everywhere else.
func (d Day) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a date written as 2006-01-02.
func (d *Day) UnmarshalText(b []byte) error {
	v, err := ParseDay(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
