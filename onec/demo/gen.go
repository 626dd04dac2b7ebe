package demo

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
)

// doc is one document of the day being generated.
type doc struct {
	key    uint64 // GUID value; orders documents made in the same second
	client int32
	sec    int32 // second of the day
	first  int32 // the document's lines are day.lines[first : first+n]
	n      int32
	ret    bool
}

// day is the documents of one day in output order, with their lines.
type day struct {
	index int
	docs  []doc
	lines []line
}

// generator walks the history day by day. Each client sits in the list of the day of
// its next purchase, so only schedules and one day of documents are in memory.
type generator struct {
	cal       *calendar
	ids       guidMaker
	clients   []client
	heads     []int32 // first client due on each day, or -1
	r         *rand.Rand
	budget    budget
	anomalies int // returns larger than their purchase still allowed
	docSeq    uint64
	pending   [returnRing][]pendingReturn // returns by day, modulo returnRing
	day       day
}

// newGenerator plans every client's schedule for o.
func newGenerator(o Options) (*generator, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	cal := newCalendar(o.End, o.Location)
	t := planTotals(o.Clients, o.Lines)
	g := &generator{
		cal:       cal,
		ids:       newGuidMaker(o.Seed),
		clients:   make([]client, o.Clients),
		heads:     make([]int32, len(cal.days)),
		r:         newRand(o.Seed, saltDays),
		budget:    budget(t), // all of the plan is still to hand out
		anomalies: maxAnomalies,
	}
	plan := newRand(o.Seed, saltPlan)
	planCounts(g.clients, t.purchases, plan)
	planTiming(g.clients, cal, plan)
	g.enqueueAll()
	return g, nil
}

// enqueueAll puts every client in the list of its first purchase day.
func (g *generator) enqueueAll() {
	for i := range g.heads {
		g.heads[i] = -1
	}
	for i := len(g.clients) - 1; i >= 0; i-- {
		g.enqueue(int32(i), g.cal.dayOf(float64(g.clients[i].cur)))
	}
}

// enqueue adds client c to the list of day d.
func (g *generator) enqueue(c int32, d int) {
	g.clients[c].next = g.heads[d]
	g.heads[d] = c
}

// run calls fn with every day of the history in order; the day is reused after fn.
func (g *generator) run(fn func(*day) error) error {
	for d := range g.cal.days {
		g.build(d)
		if err := fn(&g.day); err != nil {
			return err
		}
	}
	if b := g.budget; b.lines != 0 || b.purchases != 0 || b.returns != 0 {
		return fmt.Errorf("demo: internal error: %+v left over", b)
	}
	return nil
}

// build makes the documents of day d: the returns due and the purchases due.
func (g *generator) build(d int) {
	g.day = day{index: d, docs: g.day.docs[:0], lines: g.day.lines[:0]}
	slot := &g.pending[d%returnRing]
	for i := range *slot {
		g.addReturn(&(*slot)[i])
	}
	*slot = (*slot)[:0]
	for c := g.heads[d]; c >= 0; {
		next := g.clients[c].next
		g.visit(c, d)
		c = next
	}
	slices.SortFunc(g.day.docs, compareDocs)
}

// compareDocs orders documents by time, then by GUID.
func compareDocs(a, b doc) int {
	if c := cmp.Compare(a.sec, b.sec); c != 0 {
		return c
	}
	return cmp.Compare(a.key, b.key)
}

// visit makes client c's purchases due on day d and queues its next one.
func (g *generator) visit(c int32, d int) {
	cl := &g.clients[c]
	for {
		g.purchase(c, d)
		cl.left--
		if cl.left == 0 {
			return
		}
		nextPosition(cl, g.r)
		if nd := g.cal.dayOf(float64(cl.cur)); nd > d {
			g.enqueue(c, nd)
			return
		}
	}
}

// purchase makes one purchase document of client c on day d, and maybe its return.
func (g *generator) purchase(c int32, d int) {
	withReturn := g.r.IntN(g.budget.purchases) < g.budget.returns
	n := g.budget.purchaseLines(g.r)
	sec := businessSecond(g.r)
	var buy [maxLinesPerPurchase]line
	for k := range n {
		buy[k] = makeLine(g.r, g.clients[c].mult)
	}
	g.addDoc(doc{key: g.nextKey(), client: c, sec: sec}, buy[:n])
	if withReturn {
		g.scheduleReturn(c, d, sec, buy[:n])
	}
}

// addDoc appends a document of the day with its lines.
func (g *generator) addDoc(dc doc, lines []line) {
	dc.first, dc.n = int32(len(g.day.lines)), int32(len(lines))
	g.day.lines = append(g.day.lines, lines...)
	g.day.docs = append(g.day.docs, dc)
}

// nextKey is the GUID value of the next document made.
func (g *generator) nextKey() uint64 {
	k := g.ids.document(g.docSeq)
	g.docSeq++
	return k
}
