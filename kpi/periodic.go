package kpi

import (
	"errors"
	"fmt"
	"math"

	"github.com/rfm9/rfm9/lifecycle"
)

// Options say what a KPI report covers.
type Options struct {
	Range   Range
	Period  PeriodKind
	Clients int              // documents name clients 0..Clients-1
	Bounds  lifecycle.Bounds // R and F limits of the cells; the money mode is not used
}

// Validate checks the options; each error names the option at fault.
func (o Options) Validate() error {
	if o.Clients < 0 || int64(o.Clients) > math.MaxUint32+1 {
		return fmt.Errorf("kpi: clients %d: want 0..2³²", o.Clients)
	}
	if err := o.Bounds.Validate(); err != nil {
		return fmt.Errorf("kpi: %w", err)
	}
	if _, err := o.Range.Periods(o.Period); err != nil {
		return fmt.Errorf("kpi: %w", err)
	}
	return nil
}

// Periodic computes the KPIs of every period in one pass over the documents in date
// order, with all of the history before the range (it decides who is new, who was in
// which cell at the first period's start and who bought in the period before it).
// Memory is 16 bytes per client plus the totals; documents are not kept.
// Add every batch, then call Report once. It is not safe for concurrent use.
type Periodic struct {
	opts    Options
	periods []Period
	counts  [][groups]Counts
	state   []client
	order   order

	// cur is the period being counted: −1 while the history before the range is read,
	// len(periods) once past its end. Period −1 is the calendar period before the first.
	cur              int
	prevStart, start lifecycle.Day // first days of the previous and the current period
	end              lifecycle.Day // last day of the current period
	row              *[groups]Counts
	scratch          [2][groups]Counts // see boundary

	discounts bool // some document up to To has a discount
	done      bool
	sink      int32 // see chunk
}

// NewPeriodic starts a KPI pass.
func NewPeriodic(o Options) (*Periodic, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	periods, _ := o.Range.Periods(o.Period)
	p := &Periodic{
		opts: o, periods: periods, counts: make([][groups]Counts, len(periods)),
		state: make([]client, o.Clients), order: order{clients: o.Clients}, cur: -1,
	}
	for i := range p.state {
		p.state[i].group = groupNew
	}
	n := o.Period.months()
	p.start = monthStart(monthOf(periods[0].Start) - n)
	p.end = periods[0].Start - 1
	return p, nil
}

// Add applies a batch of documents; dates must not go back, across batches too.
// Documents after the range's end are read and ignored. After an error the pass is
// unusable.
func (p *Periodic) Add(batch []Document) error {
	if p.done {
		return errors.New("kpi: Add after Report")
	}
	for len(batch) > 0 {
		n := min(len(batch), chunk)
		if err := p.addChunk(batch[:n]); err != nil {
			return err
		}
		batch = batch[n:]
	}
	return nil
}

func (p *Periodic) addChunk(docs []Document) error {
	for i := range docs {
		if err := p.order.check(&docs[i]); err != nil {
			return err
		}
	}
	var sink int32
	for i := range docs {
		sink += p.state[docs[i].Client].purchases
	}
	p.sink += sink
	for i := range docs {
		d := &docs[i]
		if d.Day > p.end {
			p.advance(d.Day)
		}
		switch {
		case p.cur < 0:
			p.state[d.Client].apply(d)
		case p.cur < len(p.periods):
			p.count(d)
		default:
			continue
		}
		p.discounts = p.discounts || d.Discount != 0
	}
	return nil
}

// count adds a document of the current period to its client's group at the period's start.
func (p *Periodic) count(d *Document) {
	s := &p.state[d.Client]
	c := &p.row[s.group]
	c.Documents++
	c.Revenue += d.Net
	c.Discount += d.Discount
	if d.Net <= 0 {
		c.Returns -= d.Net
		return
	}
	c.Purchases++
	c.PurchaseRevenue += d.Net
	c.Lines += int64(d.Lines)
	if s.purchases > 0 && s.first < d.Day {
		c.RepeatPurchases++
		c.RepeatRevenue += d.Net
	}
	if s.purchases == 0 || s.last < p.start { // the client's first purchase in the period
		c.Buyers++
		switch {
		case s.purchases == 0:
			c.NewBuyers++
		case s.last >= p.prevStart:
			c.Retained++
		}
		if isLost(s.group) {
			c.ReturnedBuyers++
		}
	}
	s.apply(d)
}

// advance closes every period that ends before day.
func (p *Periodic) advance(day lifecycle.Day) {
	for p.end < day && p.cur < len(p.periods) {
		p.boundary()
	}
}

// boundary closes the current period and opens the next in one pass over the clients,
// as of the closing period's last day: who of the active at its start is still active,
// and for the next period each client's cell, the R3 clients and the buyers of the
// period just closed.
func (p *Periodic) boundary() {
	cls := classesAsOf(p.opts.Bounds, p.end)
	// A closing or opening period that does not exist counts into scratch, so that the
	// loop over the clients has no branch to mispredict.
	p.scratch = [2][groups]Counts{}
	closing, opening := &p.scratch[0], &p.scratch[1]
	if p.cur >= 0 {
		closing = &p.counts[p.cur]
	}
	next := p.cur + 1
	if next < len(p.periods) {
		opening = &p.counts[next]
	}
	for i := range p.state {
		s := &p.state[i]
		if s.purchases == 0 {
			continue // stays in groupNew
		}
		g := cls.group(s)
		closing[s.group].StillActive += int64(b2u(isActive(s.group)) & b2u(isActive(g)))
		o := &opening[g]
		o.ClientsAtStart++
		o.ActiveAtStart += int64(b2u(isActive(g)))
		o.PrevBuyers += int64(b2u(s.last >= p.start))
		s.group = g
	}
	p.cur = next
	if next == len(p.periods) {
		p.end, p.row = math.MaxInt32, nil
		return
	}
	p.prevStart, p.start, p.end, p.row = p.start, p.periods[next].Start, p.periods[next].End, opening
}

// Report ends the input and returns the totals; periods with no documents are closed
// here, so each one still has its clients at the start and its retention.
func (p *Periodic) Report() Report {
	if !p.done {
		p.advance(math.MaxInt32)
		p.done = true
	}
	return Report{Kind: p.opts.Period, Range: p.opts.Range, Periods: p.periods, DiscountsKnown: p.discounts, counts: p.counts}
}
