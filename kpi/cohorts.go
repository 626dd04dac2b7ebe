package kpi

import (
	"errors"
	"fmt"
	"math"

	"github.com/rfm9/rfm9/lifecycle"
)

// noMonth marks a client with no purchase yet.
const noMonth = math.MinInt32

// cohortClient is one client's state for cohorts, in one flat slice.
type cohortClient struct {
	cohort  int32 // month number of the first purchase, noMonth before it
	lastBuy int32 // month number of the last purchase
	// Before the first purchase: the net of the client's documents on the latest day
	// seen, which joins the cohort if the first purchase comes later that same day, so
	// that the order of documents within a day does not matter.
	pendingDay lifecycle.Day
	pending    int64
}

// Cohorts computes the acquisition cohorts of every month of a range in one pass over
// the documents in date order, with all of the history before the range (a client
// whose first purchase is before it belongs to no cohort). Memory is 24 bytes per
// client plus a triangle of months; documents are not kept. Add every batch, then call
// Report once. It is not safe for concurrent use.
type Cohorts struct {
	rng      Range
	first    int32 // month number of the first cohort
	months   [][]CohortMonth
	state    []cohortClient
	order    order
	month    int32         // month number of the documents being read
	monthEnd lifecycle.Day // its last day
	done     bool
	sink     int32 // see chunk
}

// NewCohorts starts a cohort pass over the months from r.From's to r.To's; documents
// name clients 0..clients-1.
func NewCohorts(r Range, clients int) (*Cohorts, error) {
	if clients < 0 || int64(clients) > math.MaxUint32+1 {
		return nil, fmt.Errorf("kpi: clients %d: want 0..2³²", clients)
	}
	periods, err := r.Periods(Month)
	if err != nil {
		return nil, fmt.Errorf("kpi: cohorts: %w", err)
	}
	c := &Cohorts{
		rng: r, first: monthOf(r.From), months: make([][]CohortMonth, len(periods)),
		state: make([]cohortClient, clients), order: order{clients: clients}, month: noMonth,
		monthEnd: math.MinInt32,
	}
	for i := range c.months {
		c.months[i] = make([]CohortMonth, len(periods)-i)
	}
	for i := range c.state {
		c.state[i] = cohortClient{cohort: noMonth, lastBuy: noMonth, pendingDay: math.MinInt32}
	}
	return c, nil
}

// Add applies a batch of documents; dates must not go back, across batches too.
// Documents after the range's end are read and ignored. After an error the pass is
// unusable.
func (c *Cohorts) Add(batch []Document) error {
	if c.done {
		return errors.New("kpi: Add after Report")
	}
	for len(batch) > 0 {
		n := min(len(batch), chunk)
		if err := c.addChunk(batch[:n]); err != nil {
			return err
		}
		batch = batch[n:]
	}
	return nil
}

func (c *Cohorts) addChunk(docs []Document) error {
	for i := range docs {
		if err := c.order.check(&docs[i]); err != nil {
			return err
		}
	}
	var sink int32
	for i := range docs {
		sink += c.state[docs[i].Client].cohort
	}
	c.sink += sink
	for i := range docs {
		d := &docs[i]
		if d.Day > c.rng.To {
			continue
		}
		if d.Day > c.monthEnd {
			c.month = monthOf(d.Day)
			c.monthEnd = monthStart(c.month+1) - 1
		}
		c.count(d)
	}
	return nil
}

// count adds a document to its client's cohort at the client's age in months; the
// documents of days before the client's first purchase day belong to no cohort.
func (c *Cohorts) count(d *Document) {
	s := &c.state[d.Client]
	net := d.Net
	if s.cohort == noMonth {
		if d.Net <= 0 {
			s.hold(d)
			return
		}
		s.cohort = c.month
		if s.pendingDay == d.Day {
			net += s.pending
		}
	}
	i := s.cohort - c.first
	if i < 0 {
		return
	}
	m := &c.months[i][c.month-s.cohort]
	m.Net += net
	if d.Net > 0 && s.lastBuy != c.month {
		m.Buyers++
		s.lastBuy = c.month
	}
}

// hold keeps the net of a day's documents before the client's first purchase.
func (s *cohortClient) hold(d *Document) {
	if s.pendingDay != d.Day {
		s.pendingDay, s.pending = d.Day, 0
	}
	s.pending += d.Net
}

// Report ends the input and returns the cohorts.
func (c *Cohorts) Report() CohortReport {
	c.done = true
	r := CohortReport{Range: c.rng, Cohorts: make([]Cohort, len(c.months))}
	for i, months := range c.months {
		m := c.first + int32(i)
		for k := range months {
			months[k].Complete = monthStart(m+int32(k)+1)-1 <= c.rng.To
		}
		r.Cohorts[i] = Cohort{Month: monthPeriod(m, c.rng.To), Clients: months[0].Buyers, Months: months}
	}
	return r
}

// monthPeriod is month number m as a period, cut at to.
func monthPeriod(m int32, to lifecycle.Day) Period {
	start, end := monthStart(m), monthStart(m+1)-1
	return Period{Key: periodKey(Month, m), Start: start, End: min(end, to), Partial: to < end}
}
