package demo

// Returns.
const (
	returnRing    = 64 // days ahead a return can be queued (it is 1–20 weighted days)
	maxAnomalies  = 5  // returns larger than their purchase, at most, in one run
	anomalyOdds   = 4000
	partialReturn = 3 // in 10 returned lines, those returned only in part
)

// pendingReturn is a return document queued for a later day.
type pendingReturn struct {
	key    uint64
	client int32
	sec    int32
	n      int32
	lines  [maxLinesPerReturn]line
}

// scheduleReturn plans the return of part of a purchase made by client c at second
// sec of day d, 1–20 weighted days later (the same day when the history ends first).
func (g *generator) scheduleReturn(c int32, d int, sec int32, buy []line) {
	ret := pendingReturn{key: g.nextKey(), client: c}
	ret.n = int32(g.budget.returnLines(g.r, len(buy)))
	g.fillReturn(&ret, buy, g.clients[c].once)
	rd := g.cal.dayOf(float64(g.clients[c].cur) + uniform(g.r, 1, 20))
	rd = min(rd, d+returnRing-1)
	if rd > d {
		ret.sec = businessSecond(g.r)
		g.pending[rd%returnRing] = append(g.pending[rd%returnRing], ret)
		return
	}
	ret.sec = sec + 1 + int32(g.r.IntN(max(1, closeSecond-int(sec))))
	g.addReturn(&ret)
}

// addReturn appends a return document to the day.
func (g *generator) addReturn(p *pendingReturn) {
	g.addDoc(doc{key: p.key, client: p.client, sec: p.sec, ret: true}, p.lines[:p.n])
}

// fillReturn sets the negative lines of a return: whole or partial purchase lines,
// or, for the rare anomaly, more than the purchase (goods bought before the history).
func (g *generator) fillReturn(ret *pendingReturn, buy []line, once bool) {
	switch {
	case once && g.anomalies > 0 && g.r.IntN(anomalyOdds) == 0:
		g.anomalies--
		splitReturn(ret, buy, uniform(g.r, 1.5, 3))
	case int(ret.n) > len(buy):
		splitReturn(ret, buy, uniform(g.r, 0.3, 1))
	default:
		g.returnLines(ret, buy)
	}
}

// returnLines returns ret.n distinct lines of the purchase, some only in part.
func (g *generator) returnLines(ret *pendingReturn, buy []line) {
	start := g.r.IntN(len(buy))
	for k := range ret.n {
		b := buy[(start+int(k))%len(buy)]
		l := line{amount: -b.amount, quantity: -b.quantity}
		if g.r.IntN(10) < partialReturn {
			f := uniform(g.r, 0.2, 0.9)
			l.amount = -max(1, roundInt(float64(float64(b.amount)*f)))
			l.quantity = -max(1, roundInt(float64(float64(b.quantity)*f)))
		}
		ret.lines[k] = l
	}
}

// splitReturn spreads share × the purchase's amount and quantity over ret.n lines.
func splitReturn(ret *pendingReturn, buy []line, share float64) {
	var amount, qty int64
	for _, b := range buy {
		amount += b.amount
		qty += b.quantity
	}
	amount = roundInt(float64(float64(amount) * share))
	qty = max(1, roundInt(float64(float64(qty)*share))/int64(ret.n))
	n := int64(ret.n)
	for k := range n {
		a := amount / n
		if k == n-1 {
			a = amount - a*(n-1)
		}
		ret.lines[k] = line{amount: -a, quantity: -qty}
	}
}
