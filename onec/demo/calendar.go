package demo

import "time"

// civil is a calendar date of the history.
type civil struct {
	year  int
	month time.Month
	day   int
}

// calendar is the days of the history with their cumulative sales weight. Schedules
// are drawn on the weight axis and mapped back to days, which puts the seasons into
// every client's purchases at once.
type calendar struct {
	days []civil
	cum  []float64 // cum[i] is the weight of the days before day i; cum[len(days)] = total
	loc  *time.Location
}

// monthWeight is the sales level of each month, January first: the December rush,
// the November pre-season and March (the 8 March holiday), a slow summer.
var monthWeight = [12]float64{0.85, 0.95, 1.25, 1.0, 0.9, 0.75, 0.7, 0.75, 1.0, 1.05, 1.3, 1.5}

// weekdayWeight is the sales level of each weekday, Sunday first: Sunday is almost
// closed, Saturday is a short day.
var weekdayWeight = [7]float64{0.03, 1, 1, 1, 1, 1, 0.55}

// growthPerYear is the yearly growth of the business, so later years have more sales
// and more new clients.
const growthPerYear = 0.28

// newCalendar lays out the historyYears up to and including end's date in loc.
func newCalendar(end time.Time, loc *time.Location) *calendar {
	y, m, d := end.In(loc).Date()
	first := time.Date(y-historyYears, m, d+1, 12, 0, 0, 0, time.UTC)
	last := time.Date(y, m, d, 12, 0, 0, 0, time.UTC)
	n := int(last.Sub(first).Hours()/24) + 1
	c := &calendar{days: make([]civil, n), cum: make([]float64, n+1), loc: loc}
	for i := range n {
		t := first.AddDate(0, 0, i)
		c.days[i] = civil{t.Year(), t.Month(), t.Day()}
		w := dayWeight(t, float64(i)/365)
		c.cum[i+1] = c.cum[i] + w
	}
	return c
}

// dayWeight is the sales level of date t, years after the start of the history.
func dayWeight(t time.Time, years float64) float64 {
	w := float64(monthWeight[t.Month()-1] * weekdayWeight[t.Weekday()])
	if t.Month() == time.January && t.Day() <= 8 {
		w = float64(w * 0.1) // New Year holidays
	}
	return float64(w * (1 + float64(growthPerYear*years)))
}

// total is the weight of the whole history.
func (c *calendar) total() float64 { return c.cum[len(c.days)] }

// dayOf is the day whose weight interval holds w, clamped to the history.
func (c *calendar) dayOf(w float64) int {
	lo, hi := 0, len(c.days)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if c.cum[mid] <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// at is the instant of second sec of day i in the base's time zone.
func (c *calendar) at(i int, sec int32) time.Time {
	d := c.days[i]
	return time.Date(d.year, d.month, d.day, int(sec/3600), int(sec/60%60), int(sec%60), 0, c.loc)
}
