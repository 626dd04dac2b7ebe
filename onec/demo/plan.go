package demo

import "math/rand/v2"

// Document mix: lines per document and the share of returns, which together turn
// Options.Lines into numbers of documents.
const (
	meanPurchaseLines = 3.6
	meanReturnLines   = 1.35
	returnShare       = 0.03
	oneTimeShare      = 0.57      // clients who buy once, when the numbers allow it
	maxDrawn          = 400       // purchases one client gets from the random draw
	maxPurchases      = 1<<16 - 1 // purchases one client can have, so counts fit a uint16
)

// totals is how many documents of each kind the lines are spread over.
type totals struct {
	lines     int
	purchases int
	returns   int
}

// planTotals splits lines into purchase and return documents with the planned
// means, keeping at least one purchase per client and at least one line per document.
func planTotals(clients, lines int) totals {
	perDoc := (1-returnShare)*meanPurchaseLines + returnShare*meanReturnLines
	docs := int(float64(lines)/perDoc + 0.5)
	t := totals{lines: lines, returns: int(float64(docs)*returnShare + 0.5)}
	t.purchases = docs - t.returns
	if t.purchases < clients {
		t.purchases = clients
		t.returns = int(float64(clients)*returnShare/(1-returnShare) + 0.5)
	}
	t.returns = max(0, min(t.returns, lines-t.purchases, t.purchases))
	for lines > maxLinesPerPurchase*t.purchases+maxLinesPerReturn*t.returns {
		t.purchases++ // only for tiny inputs where rounding left too few documents
	}
	return t
}

// planCounts sets every client's number of purchases so that they add up to
// purchases: a fixed share buys once, the rest 2 or more from a geometric mix.
func planCounts(cs []client, purchases int, r *rand.Rand) {
	n := len(cs)
	ones := oneTimers(n, purchases)
	mean := 0.0 // mean extra purchases of a repeat buyer beyond 2
	if n > ones {
		mean = float64(purchases-ones)/float64(n-ones) - 2
	}
	sum := 0
	for i := range cs {
		k := 1
		if r.IntN(n-i) >= ones {
			k = 2 + extraPurchases(r, mean)
		} else {
			ones--
		}
		cs[i].left = uint16(k)
		sum += k
	}
	adjustCounts(cs, purchases-sum, r)
}

// oneTimers is how many of n clients buy once: the planned share, or more when the
// purchases are too few for the others to buy twice, or fewer when they are too many
// for anyone to buy once.
func oneTimers(n, purchases int) int {
	ones := int(float64(n)*oneTimeShare + 0.5)
	ones = max(ones, 2*n-purchases)
	if purchases > n {
		ones = min(ones, n-1)
	}
	return min(ones, n)
}

// extraPurchases draws a repeat buyer's purchases beyond 2: occasional, regular and
// frequent buyers are geometric with means 0.4, 1.2 and 5.2 times mean, which keeps
// the overall mean and gives the tail of clients with dozens of purchases.
func extraPurchases(r *rand.Rand, mean float64) int {
	const limit = maxDrawn - 2
	switch u := r.IntN(100); {
	case u < 60:
		return geometric(r, float64(0.4*mean), limit)
	case u < 93:
		return geometric(r, float64(1.2*mean), limit)
	default:
		return geometric(r, float64(5.2*mean), limit)
	}
}

// adjustCounts adds diff purchases (or removes −diff) to random repeat buyers, so
// the one-time share stays as planned; a one-time buyer changes only when no
// repeat buyer can take the change.
func adjustCounts(cs []client, diff int, r *rand.Rand) {
	for ; diff > 0; diff-- {
		cs[pickClient(cs, r, func(k uint16) bool { return k >= 2 && k < maxPurchases }, func(k uint16) bool { return k < maxPurchases })].left++
	}
	for ; diff < 0; diff++ {
		cs[pickClient(cs, r, func(k uint16) bool { return k >= 3 }, func(k uint16) bool { return k >= 2 })].left--
	}
}

// pickClient returns a random client whose count satisfies want, trying a few random
// ones and then scanning; failing that, the first that satisfies fallback.
func pickClient(cs []client, r *rand.Rand, want, fallback func(uint16) bool) int {
	start := r.IntN(len(cs))
	for range 16 {
		if i := r.IntN(len(cs)); want(cs[i].left) {
			return i
		}
	}
	for _, ok := range []func(uint16) bool{want, fallback} {
		for j := range cs {
			if i := (start + j) % len(cs); ok(cs[i].left) {
				return i
			}
		}
	}
	panic("demo: no client can take the purchase count change") // planTotals rules this out
}
