package kpi

import (
	"fmt"
	"time"

	"github.com/rfm9/rfm9/lifecycle"
)

// PeriodKind is the length of the periods a report is cut into.
type PeriodKind uint8

// Period kinds: calendar months, quarters and years.
const (
	Month PeriodKind = iota + 1
	Quarter
	Year
)

// MaxPeriods bounds a report: each period costs one pass over all clients at its start,
// so a request for a century of months is refused instead of running for minutes.
const MaxPeriods = 600

// ParsePeriodKind reads "month", "quarter" or "year", as the API spells them.
func ParsePeriodKind(s string) (PeriodKind, error) {
	switch s {
	case "month":
		return Month, nil
	case "quarter":
		return Quarter, nil
	case "year":
		return Year, nil
	}
	return 0, fmt.Errorf("period %q: want month, quarter or year", s)
}

// String is the kind as the API spells it.
func (k PeriodKind) String() string {
	switch k {
	case Month:
		return "month"
	case Quarter:
		return "quarter"
	case Year:
		return "year"
	}
	return fmt.Sprintf("PeriodKind(%d)", uint8(k))
}

// months is the length of a period of kind k in calendar months; 0 for an unknown kind.
func (k PeriodKind) months() int32 {
	switch k {
	case Month:
		return 1
	case Quarter:
		return 3
	case Year:
		return 12
	}
	return 0
}

// Range is an inclusive span of calendar days.
type Range struct {
	From lifecycle.Day `json:"from"`
	To   lifecycle.Day `json:"to"`
}

// Validate checks that the range is not reversed.
func (r Range) Validate() error {
	if r.To < r.From {
		return fmt.Errorf("range %s..%s: from is after to", r.From, r.To)
	}
	return nil
}

// Period is one row's span of days: a calendar month, quarter or year, cut at the
// report's To.
type Period struct {
	Key     string        `json:"key"` // "2024-01", "2024-Q1" or "2024"
	Start   lifecycle.Day `json:"start"`
	End     lifecycle.Day `json:"end"`
	Partial bool          `json:"partial"` // End is before the calendar period's last day
}

// Periods lists the calendar periods of kind k that meet r. The first starts on its
// calendar first day even when r.From is later, so that every period but the last is
// whole and each period's predecessor is the row before it; the last ends at r.To.
func (r Range) Periods(k PeriodKind) ([]Period, error) {
	n := k.months()
	if n == 0 {
		return nil, fmt.Errorf("period kind %d: want month, quarter or year", k)
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	first, last := floorDiv(monthOf(r.From), n), floorDiv(monthOf(r.To), n)
	if last-first+1 > MaxPeriods {
		return nil, fmt.Errorf("range %s..%s: %d %ss, at most %d", r.From, r.To, last-first+1, k, MaxPeriods)
	}
	out := make([]Period, 0, last-first+1)
	for i := first; i <= last; i++ {
		start, end := monthStart(i*n), monthStart((i+1)*n)-1
		out = append(out, Period{Key: periodKey(k, i*n), Start: start, End: min(end, r.To), Partial: r.To < end})
	}
	return out, nil
}

// periodKey names the period of kind k that starts in month m.
func periodKey(k PeriodKind, m int32) string {
	y, mon := floorDiv(m, 12), m-floorDiv(m, 12)*12+1
	switch k {
	case Quarter:
		return fmt.Sprintf("%04d-Q%d", y, (mon+2)/3)
	case Year:
		return fmt.Sprintf("%04d", y)
	}
	return fmt.Sprintf("%04d-%02d", y, mon)
}

// monthOf numbers the calendar month of d as year*12 + month - 1, so that consecutive
// months have consecutive numbers across years.
func monthOf(d lifecycle.Day) int32 {
	y, m, _ := d.Civil()
	return int32(y)*12 + int32(m) - 1
}

// monthStart is the first day of month number m.
func monthStart(m int32) lifecycle.Day {
	y := floorDiv(m, 12)
	return lifecycle.DayFromCivil(int(y), time.Month(m-y*12+1), 1)
}

func floorDiv(a, b int32) int32 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
