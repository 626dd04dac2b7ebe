package demo

import "math/rand/v2"

// client is the compact schedule of one client: 20 bytes, so 1.5M clients take 30 MB.
// Positions are on the calendar's weight axis.
type client struct {
	cur  float32 // position of the next purchase
	end  float32 // position of the last purchase
	mult float32 // spend multiplier of the client's lines
	next int32   // next client due on the same day, or -1
	left uint16  // purchases still to make, counting the next one
	once bool    // buys once in all
}

// Timing of repeat purchases, in weighted days (a weekday of an average month).
const (
	medianInterval = 60.0 // median of the clients' intervals between purchases
	intervalSigma  = 0.8
	spendSigma     = 0.7 // spread of the clients' spend multipliers
)

// planTiming places each client's first and last purchase on the weight axis and
// draws its spend multiplier; the counts must be planned already.
func planTiming(cs []client, cal *calendar, r *rand.Rand) {
	total := cal.total()
	for i := range cs {
		c := &cs[i]
		c.mult = float32(logNormal(r, 1, spendSigma))
		c.once = c.left == 1
		first, span := float64(total*r.Float64()), 0.0
		if !c.once {
			first, span = repeatSpan(c.left, total, r)
		}
		c.cur = float32(first)
		c.end = float32(first + span)
	}
}

// repeatSpan places the purchases of a repeat buyer with k purchases: a window of
// its interval times k−1 (at most most of the history), placed uniformly so that it
// may stick out of either end of the history by half, which makes clients still
// buying at the end as common as at any time. A window cut by an end of the history
// starts (or stops) within an interval of that end, so the ends get no pile-up.
func repeatSpan(k uint16, total float64, r *rand.Rand) (first, span float64) {
	interval := logNormal(r, medianInterval, intervalSigma)
	span = min(float64(float64(k-1)*interval), float64(total*uniform(r, 0.6, 0.98)))
	first = uniform(r, -span/2, total-span/2)
	last := first + span
	switch {
	case first < 0:
		first = float64(min(interval, last) * r.Float64())
	case last > total:
		last = total - float64(min(interval, total-first)*r.Float64())
	}
	return first, last - first
}

// nextPosition moves c to its next purchase: a random share (0.5–1.5 of an even
// split) of the way left to its last purchase, or the last purchase itself.
func nextPosition(c *client, r *rand.Rand) {
	if c.left == 1 {
		c.cur = c.end
		return
	}
	step := float64(float64(c.end-c.cur) / float64(c.left))
	c.cur = float32(float64(c.cur) + float64(step*uniform(r, 0.5, 1.5)))
	c.cur = min(c.cur, c.end)
}
