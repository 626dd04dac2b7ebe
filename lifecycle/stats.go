package lifecycle

// ClientStats are one client's F, R and M as of a date.
type ClientStats struct {
	Client    uint32 // index into Ledger.Clients
	First     Day    // first purchase
	Last      Day    // last purchase
	Purchases int    // F: documents with a positive net amount
	Monetary  int64  // M: net sum of all documents, kopecks
	Recency   int    // R: days from Last to the as-of date
}

// running is a client's state while documents are applied in date order.
type running struct {
	first, last Day
	purchases   int32
	documents   int32
	monetary    int64
}

// Skipped counts the known clients left out of a matrix, by reason.
type Skipped struct {
	NoPurchase int // documents up to the as-of date, but none with a positive net amount
	NotYet     int // every document is dated after the as-of date
}

func (r *running) apply(d *document) {
	r.monetary += d.net
	r.documents++
	if d.net <= 0 {
		return
	}
	if r.purchases == 0 || d.day < r.first {
		r.first = d.day
	}
	r.last = max(r.last, d.day)
	r.purchases++
}

// Stats computes every client's stats as of asOf. Clients with no purchase up to asOf
// are not in the result; skipped counts them.
func (l *Ledger) Stats(asOf Day) ([]ClientStats, Skipped) {
	l.Close()
	state := make([]running, l.Clients())
	for i := range l.docs {
		if d := &l.docs[i]; d.day <= asOf {
			state[d.client].apply(d)
		}
	}
	return collect(state, asOf, nil)
}

// collect lists the clients with purchases, reusing buf.
func collect(state []running, asOf Day, buf []ClientStats) ([]ClientStats, Skipped) {
	stats := buf[:0]
	var skipped Skipped
	for c := range state {
		s := &state[c]
		switch {
		case s.documents == 0:
			skipped.NotYet++
			continue
		case s.purchases == 0:
			skipped.NoPurchase++
			continue
		}
		stats = append(stats, ClientStats{
			Client: uint32(c), First: s.first, Last: s.last,
			Purchases: int(s.purchases), Monetary: s.monetary, Recency: int(asOf - s.last),
		})
	}
	return stats, skipped
}

// runningOf applies one client's documents dated up to asOf.
func runningOf(docs []DocumentTotal, asOf Day) running {
	var r running
	for _, d := range docs {
		if d.Day <= asOf {
			r.apply(&document{day: d.Day, net: d.Net})
		}
	}
	return r
}

// DocumentTotal is one document of one client as a store keeps it: its date and net.
type DocumentTotal struct {
	Day Day   `db:"day"`
	Net int64 `db:"net_kop"`
}

// StatsOf computes one client's stats as of asOf from its documents, in any order, by
// the ledger's rules: recomputing one client on a push needs no ledger. ok is false
// when the client has no purchase up to asOf; Client is left 0.
func StatsOf(docs []DocumentTotal, asOf Day) (s ClientStats, ok bool) {
	r := runningOf(docs, asOf)
	if r.purchases == 0 {
		return s, false
	}
	return ClientStats{First: r.first, Last: r.last, Purchases: int(r.purchases), Monetary: r.monetary, Recency: int(asOf - r.last)}, true
}

// Tally computes clients' stats one client at a time, by the ledger's rules, for a
// store that reads its documents ordered by client instead of building a ledger:
// memory grows with the clients, not with the documents.
type Tally struct {
	AsOf    Day
	Stats   []ClientStats // the clients with a purchase; Client numbers clients in the order added
	Skipped Skipped
	added   uint32
}

// Add tallies one client's documents, in any order, and reports whether the client has a
// purchase up to AsOf (and so is the last of Stats).
func (t *Tally) Add(docs []DocumentTotal) bool {
	r := runningOf(docs, t.AsOf)
	n := t.added
	t.added++
	switch {
	case r.documents == 0:
		t.Skipped.NotYet++
		return false
	case r.purchases == 0:
		t.Skipped.NoPurchase++
		return false
	}
	t.Stats = append(t.Stats, ClientStats{Client: n, First: r.first, Last: r.last,
		Purchases: int(r.purchases), Monetary: r.monetary, Recency: int(t.AsOf - r.last)})
	return true
}
