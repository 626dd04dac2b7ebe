package odata

import (
	"context"
	"fmt"
	"github.com/rfm9/rfm9/calendar"
	"slices"
	"sync"

	"github.com/rfm9/rfm9/onec"
)

// Sales streams the register's sales dated in p, in period order, a page's worth
// at a time; see onec.Source. An open bound is found by asking 1C for the first
// or last Period. Skipped then tells what was left out and why.
func (r *Reader) Sales(ctx context.Context, p onec.Period, fn func([]onec.Sale) error) error {
	via, err := r.viaMap(ctx)
	if err != nil {
		return err
	}
	from, to, ok, err := r.bounds(ctx, p)
	if err != nil || !ok {
		r.setSkipped(tally{})
		return err
	}
	run := r.newSalesRun(p, via, from, to)
	err = run.loop(ctx, fn)
	r.setSkipped(run.tally)
	return err
}

// salesRun is one Sales call: a queue of windows in period order, the first few
// of them in flight, delivered from the head only.
type salesRun struct {
	r           *Reader
	period      onec.Period
	via         map[string]string
	reads       *readings
	pace        pacer
	cursor, end civil // where the next fresh window starts, and where the period ends
	queue       []*job
	results     chan *job
	inflight    int
	wg          sync.WaitGroup
	tally       tally
}

// job is the read of one window; the fields past w are set by its goroutine and
// read after it is received from results.
type job struct {
	w       window
	started bool
	done    bool
	records int // records in the answer, up to the page size plus one
	sales   []onec.Sale
	tally   tally
	err     error
}

func (r *Reader) newSalesRun(p onec.Period, via map[string]string, from, to civil) *salesRun {
	return &salesRun{
		r: r, period: p, via: via,
		reads:   newReadings(r.reg.set),
		pace:    newPacer(int64(r.cfg.Window.Seconds()), r.pageSize),
		cursor:  from,
		end:     to,
		results: make(chan *job, r.cfg.Parallel),
	}
}

// loop reads and delivers windows until the period is done. On return no
// goroutine of the run is left.
func (s *salesRun) loop(ctx context.Context, fn func([]onec.Sale) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer func() {
		cancel()
		s.wg.Wait()
	}()
	for {
		s.start(ctx)
		if len(s.queue) == 0 {
			return nil
		}
		if err := s.await(ctx, s.queue[0]); err != nil {
			return err
		}
		if err := s.settle(s.queue[0], fn); err != nil {
			return err
		}
	}
}

// ahead bounds the windows read but not yet delivered, and so the memory a slow
// head window can pin.
func (s *salesRun) ahead() int { return 2 * s.r.cfg.Parallel }

// start launches queued windows in order, then fresh ones, while slots are free.
func (s *salesRun) start(ctx context.Context) {
	limit, parallel := s.ahead(), s.r.cfg.Parallel
	for i := 0; i < len(s.queue) && i < limit && s.inflight < parallel; i++ {
		if !s.queue[i].started {
			s.launch(ctx, s.queue[i])
		}
	}
	for s.inflight < parallel && len(s.queue) < limit && s.cursor < s.end {
		j := &job{w: s.pace.next(s.cursor, s.end)}
		s.cursor = j.w.to
		s.queue = append(s.queue, j)
		s.launch(ctx, j)
	}
}

func (s *salesRun) launch(ctx context.Context, j *job) {
	j.started = true
	s.inflight++
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.read(ctx, j)
		s.results <- j // never blocks: the channel holds as many as can be in flight
	}()
}

// await waits for the head window, starting others as slots free up.
func (s *salesRun) await(ctx context.Context, head *job) error {
	for !head.done {
		select {
		case j := <-s.results:
			j.done = true
			s.inflight--
			s.start(ctx)
		case <-ctx.Done():
			return fmt.Errorf("odata: sales: %w", ctx.Err())
		}
	}
	return head.err
}

// read fetches one window and converts it, unless it overflowed and will be split.
func (s *salesRun) read(ctx context.Context, j *job) {
	r, reg, size := s.r, s.r.reg, s.r.pageSize
	rd := s.reads.get()
	defer s.reads.put(rd)
	q := list(reg.entityName, reg.sel, j.w.filter(reg.periodField), reg.orderBy(), size+1, j.w.skip)
	if j.err = r.readPage(ctx, r.jsonRequest("read sales "+j.w.String(), q), rd, size+1); j.err != nil {
		return
	}
	j.records = rd.page.n
	if j.records > size && !j.w.paged {
		return
	}
	conv := converter{reg: reg, zone: zoneCache{calendar.Zone{Loc: r.cfg.Location}}, via: s.via, period: s.period, from: j.w.from, to: j.w.to}
	n := min(j.records, size)
	j.sales = inPeriodOrder(conv.convert(&rd.page, n, make([]onec.Sale, 0, n), &j.tally))
}

// inPeriodOrder sorts a page by Period should the server not have: the promise
// to consumers is period order, and checking costs one pass.
func inPeriodOrder(sales []onec.Sale) []onec.Sale {
	byPeriod := func(a, b onec.Sale) int { return a.Period.Compare(b.Period) }
	if !slices.IsSortedFunc(sales, byPeriod) {
		slices.SortStableFunc(sales, byPeriod)
	}
	return sales
}

// settle delivers the head window, or replaces it by what must be read instead:
// its halves, or its first $skip page when it is one crowded second.
func (s *salesRun) settle(j *job, fn func([]onec.Sale) error) error {
	size := s.r.pageSize
	full := j.records > size
	s.pace.learn(j.w.seconds(), j.records)
	switch {
	case full && j.w.paged:
		next := j.w
		next.skip += size
		s.queue[0] = &job{w: next}
		return s.deliver(j, fn)
	case full && j.w.seconds() > 1:
		a, b := j.w.halves()
		s.queue = append([]*job{{w: a}, {w: b}}, s.queue[1:]...)
		return nil
	case full:
		s.r.log.Info("odata: more records in one second than a page holds, paging with $skip", "second", j.w.from.String())
		s.queue[0] = &job{w: window{from: j.w.from, to: j.w.to, paged: true}}
		return nil
	}
	s.queue = s.queue[1:]
	return s.deliver(j, fn)
}

func (s *salesRun) deliver(j *job, fn func([]onec.Sale) error) error {
	s.tally.add(j.tally)
	if len(j.sales) == 0 {
		return nil
	}
	return fn(j.sales)
}

// bounds turns p into civil seconds, asking 1C for the first or last Period when
// p is open. ok is false when there is nothing to read.
func (r *Reader) bounds(ctx context.Context, p onec.Period) (from, to civil, ok bool, err error) {
	loc := r.cfg.Location
	if !p.From.IsZero() {
		from = civilFloor(p.From, loc)
	}
	if !p.To.IsZero() {
		to = civilCeil(p.To, loc)
	}
	if p.From.IsZero() {
		if from, ok, err = r.edge(ctx, false, p, to); err != nil || !ok {
			return 0, 0, false, err
		}
	}
	if p.To.IsZero() {
		last, ok, err := r.edge(ctx, true, p, from)
		if err != nil || !ok {
			return 0, 0, false, err
		}
		to = last + 1
	}
	return from, to, from < to, nil
}

// edge finds the first (or, with last, the last) Period of the register within
// the known bound, with one $top=1 request.
func (r *Reader) edge(ctx context.Context, last bool, p onec.Period, bound civil) (civil, bool, error) {
	reg := r.reg
	order, filter, what := reg.periodField, "", "find the first sale"
	if last {
		order, what = order+" desc", "find the last sale"
	}
	switch {
	case last && !p.From.IsZero():
		filter = reg.periodField + " ge " + bound.literal()
	case !last && !p.To.IsZero():
		filter = reg.periodField + " lt " + bound.literal()
	}
	fields := newFieldSet()
	fields.add(reg.periodField)
	rd := &reading{dec: newDecoder(fields)}
	q := list(reg.entityName, []string{reg.periodField}, filter, order, 1, 0)
	if err := r.readPage(ctx, r.jsonRequest(what, q), rd, 1); err != nil || rd.page.n == 0 {
		return 0, false, err
	}
	return r.periodOf(&rd.page, rd.page.rec(0)[0])
}

// periodOf reads a Period value as civil seconds in the base's zone.
func (r *Reader) periodOf(p *page, v span) (civil, bool, error) {
	c, nsec, zone, zoned, ok := parseCivil(p.bytes(v))
	if v.kind != kindString || !ok || c == emptyDate {
		return 0, false, fmt.Errorf("odata: %s: cannot read Period %q", r.reg.entityName, p.bytes(v))
	}
	z := zoneCache{calendar.Zone{Loc: r.cfg.Location}}
	_, c = z.place(c, nsec, zone, zoned)
	return c, true, nil
}
