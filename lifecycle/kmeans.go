package lifecycle

import (
	"errors"
	"fmt"
	"math"
)

// KMeans1D splits sorted values into k groups with the least total within-group sum of
// squared deviations, exactly, and returns the inclusive upper bound (the largest value)
// of each of the first k-1 groups. Equal values always land in one group. Among equally
// good splits the one with the earliest start of each later group wins.
func KMeans1D(sorted []int64, k int) ([]int64, error) {
	if k < 1 {
		return nil, fmt.Errorf("kmeans: k = %d, want at least 1", k)
	}
	vals, weights, err := distinct(sorted)
	if err != nil {
		return nil, err
	}
	if len(vals) < k {
		return nil, fmt.Errorf("kmeans: %d distinct values, fewer than k = %d groups", len(vals), k)
	}
	km := newKMeans(vals, weights)
	return km.uppers(km.starts(k)), nil
}

// distinct returns the distinct values of sorted with how often each occurs: the data has
// far fewer distinct values than clients, and the DP only needs values with weights.
func distinct(sorted []int64) (vals, weights []int64, err error) {
	n := 0
	for i, v := range sorted {
		if i > 0 && v < sorted[i-1] {
			return nil, nil, errors.New("kmeans: values are not sorted")
		}
		if i == 0 || v != sorted[i-1] {
			n++
		}
	}
	vals, weights = make([]int64, 0, n), make([]int64, 0, n)
	for i, v := range sorted {
		if i > 0 && v == sorted[i-1] {
			weights[len(weights)-1]++
			continue
		}
		vals, weights = append(vals, v), append(weights, 1)
	}
	return vals, weights, nil
}

// kmeans holds prefix sums over distinct values so that any range's cost is O(1).
type kmeans struct {
	vals       []int64
	w, s1, s2  []float64 // prefix sums of weight, weight·x and weight·x², x centered on the mean
	prev, cost []float64 // best cost of the previous and of the current number of groups
	split      []int32   // start of the last group for the current row, filled by fill
}

// newKMeans builds the prefix sums. Values are centered on the mean first because the cost
// S2 − S1²/W subtracts two large numbers: kopeck sums squared reach 1e20 and more, where
// float64 keeps about 16 digits, so raw values would lose the small costs of tight groups.
func newKMeans(vals, weights []int64) *kmeans {
	n := len(vals)
	km := &kmeans{vals: vals, w: make([]float64, n+1), s1: make([]float64, n+1), s2: make([]float64, n+1)}
	mean := weightedMean(vals, weights)
	for i, v := range vals {
		w, x := float64(weights[i]), float64(v)-mean
		km.w[i+1] = km.w[i] + w
		km.s1[i+1] = km.s1[i] + w*x
		km.s2[i+1] = km.s2[i] + w*x*x
	}
	return km
}

// weightedMean needs to be only roughly right: it is a center, not a result.
func weightedMean(vals, weights []int64) float64 {
	var sum, total float64
	for i, v := range vals {
		sum += float64(v) * float64(weights[i])
		total += float64(weights[i])
	}
	return sum / total
}

// rangeCost is the sum of squared deviations from their mean of distinct values l..r.
func (km *kmeans) rangeCost(l, r int) float64 {
	w := km.w[r+1] - km.w[l]
	s1 := km.s1[r+1] - km.s1[l]
	return max(0, km.s2[r+1]-km.s2[l]-s1*s1/w)
}

// starts returns, for each group but the first, the index of its first distinct value.
func (km *kmeans) starts(k int) []int {
	n := len(km.vals)
	km.cost = make([]float64, n)
	for i := range n {
		km.cost[i] = km.rangeCost(0, i)
	}
	km.prev = make([]float64, n)
	splits := make([][]int32, k)
	for g := 1; g < k-1; g++ {
		km.prev, km.cost = km.cost, km.prev
		km.split = make([]int32, n)
		km.fill(g, g, n-1, g, n-1)
		splits[g] = km.split
	}
	starts := make([]int, k)
	end := n - 1
	if k > 1 {
		starts[k-1] = km.lastStart(k-1, end)
		end = starts[k-1] - 1
	}
	for g := k - 2; g >= 1; g-- {
		starts[g] = int(splits[g][end])
		end = starts[g] - 1
	}
	return starts[1:]
}

// fill computes row g (g+1 groups) for ends lo..hi, knowing the best start of the last
// group lies in optLo..optHi. The best start never moves left as the end moves right
// (the cost is Monge, as used by Ckmeans.1d.dp), so divide and conquer needs O(n log n).
func (km *kmeans) fill(g, lo, hi, optLo, optHi int) {
	for lo <= hi {
		mid := (lo + hi) / 2
		best, bestCost := km.bestStart(g, mid, optLo, min(optHi, mid))
		km.cost[mid], km.split[mid] = bestCost, int32(best)
		// Recurse on the left half and loop on the right one: halving keeps the depth O(log n).
		km.fill(g, lo, mid-1, optLo, best)
		lo, optLo = mid+1, best
	}
}

// bestStart finds the start in from..to of the last group ending at end that gives the
// least total cost with g groups before it; the earliest start wins ties.
func (km *kmeans) bestStart(g, end, from, to int) (int, float64) {
	best, bestCost := -1, math.Inf(1)
	for s := max(from, g); s <= to; s++ {
		if c := km.prev[s-1] + km.rangeCost(s, end); c < bestCost {
			best, bestCost = s, c
		}
	}
	return best, bestCost
}

// lastStart is the last row, where only the end at the last value matters.
func (km *kmeans) lastStart(g, end int) int {
	km.prev, km.cost = km.cost, km.prev
	best, _ := km.bestStart(g, end, g, end)
	return best
}

// uppers turns group starts into the largest value of each group before them.
func (km *kmeans) uppers(starts []int) []int64 {
	up := make([]int64, len(starts))
	for i, s := range starts {
		up[i] = km.vals[s-1]
	}
	return up
}
