package lifecycle

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestKMeans1D(t *testing.T) {
	tests := []struct {
		name   string
		sorted []int64
		k      int
		want   []int64
	}{
		{"three clear groups", []int64{1, 2, 3, 10, 11, 12, 100, 101, 102}, 3, []int64{3, 12}},
		{"two groups", []int64{1, 2, 3, 10, 11, 12, 100, 101, 102}, 2, []int64{12}},
		{"one group", []int64{1, 2, 3}, 1, []int64{}},
		{"k equals distinct values", []int64{1, 2, 3}, 3, []int64{1, 2}},
		// {1},{2,3} and {1,2},{3} both cost 0.5: the later group starts earliest.
		{"equal cost tie", []int64{1, 2, 3}, 2, []int64{1}},
		// Equal values stay together; weights pull the cut: {5×4, 6} vs {20, 20}.
		{"repeated values", []int64{5, 5, 5, 5, 6, 20, 20}, 2, []int64{6}},
		{"outlier at the bottom", []int64{0, 10, 10, 10, 10, 10, 10, 10, 10, 11}, 2, []int64{0}},
		{"negative values", []int64{-100, -99, 0, 1, 50, 51}, 3, []int64{-99, 1}},
		{"huge kopecks", []int64{1e15, 1e15 + 1, 1e15 + 2, 2e15, 2e15 + 1, 3e15}, 3, []int64{1e15 + 2, 2e15 + 1}},
		{"one outlier", []int64{1, 1, 1, 2, 2, 3, 3, 4, 1000}, 3, []int64{2, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := KMeans1D(tt.sorted, tt.k)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("KMeans1D(%v, %d) = %v, want %v", tt.sorted, tt.k, got, tt.want)
			}
		})
	}
}

func TestKMeans1DErrors(t *testing.T) {
	tests := []struct {
		name   string
		sorted []int64
		k      int
	}{
		{"empty", nil, 1},
		{"k above distinct values", []int64{1, 1, 2, 2}, 3},
		{"k zero", []int64{1, 2, 3}, 0},
		{"not sorted", []int64{1, 3, 2}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, err := KMeans1D(tt.sorted, tt.k); err == nil {
				t.Errorf("KMeans1D(%v, %d) = %v, want an error", tt.sorted, tt.k, got)
			}
		})
	}
}

// TestKMeans1DBruteForce checks the DP against trying every split on small random inputs.
func TestKMeans1DBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	gens := map[string]func() int64{
		"few values":  func() int64 { return r.Int64N(8) },
		"wide":        func() int64 { return r.Int64N(2_000_000) - 1_000_000 },
		"clustered":   func() int64 { return r.Int64N(4)*100_000 + r.Int64N(500) },
		"log-normal":  func() int64 { return int64(math.Exp(r.NormFloat64()*1.5 + 12)) },
		"tight, high": func() int64 { return 1e14 + r.Int64N(20) },
	}
	for name, gen := range gens {
		for range 150 {
			sorted := make([]int64, 1+r.IntN(40))
			for i := range sorted {
				sorted[i] = gen()
			}
			slices.Sort(sorted)
			k := 1 + r.IntN(min(4, len(slices.Compact(slices.Clone(sorted)))))
			checkAgainstBruteForce(t, name, sorted, k)
		}
	}
}

// checkAgainstBruteForce fails when KMeans1D's split costs more than the best one, or
// differs from it while the best one is clearly unique.
func checkAgainstBruteForce(t *testing.T, name string, sorted []int64, k int) {
	t.Helper()
	got, err := KMeans1D(sorted, k)
	if err != nil {
		t.Fatalf("%s: KMeans1D(%v, %d): %v", name, sorted, k, err)
	}
	want, best, second := bruteForce(sorted, k)
	cost := splitCost(sorted, got)
	tol := 1e-9 * max(1, best)
	if cost > best+tol {
		t.Fatalf("%s: KMeans1D(%v, %d) = %v costs %g, brute force %v costs %g", name, sorted, k, got, cost, want, best)
	}
	if second > best+tol && !slices.Equal(got, want) {
		t.Fatalf("%s: KMeans1D(%v, %d) = %v, want the unique best %v", name, sorted, k, got, want)
	}
}

// bruteForce tries every choice of k-1 cuts between distinct values and returns the best
// uppers, their cost and the second-best cost (+Inf when there is no other choice).
func bruteForce(sorted []int64, k int) (best []int64, bestCost, secondCost float64) {
	vals := slices.Compact(slices.Clone(sorted))
	bestCost, secondCost = math.Inf(1), math.Inf(1)
	var try func(from int, uppers []int64)
	try = func(from int, uppers []int64) {
		if len(uppers) == k-1 {
			c := splitCost(sorted, uppers)
			if c < bestCost {
				best, bestCost, secondCost = slices.Clone(uppers), c, bestCost
			} else if c < secondCost {
				secondCost = c
			}
			return
		}
		for i := from; i < len(vals)-1; i++ {
			try(i+1, append(uppers, vals[i]))
		}
	}
	try(0, []int64{})
	return best, bestCost, secondCost
}

// splitCost is the total within-group sum of squared deviations, two-pass for accuracy.
func splitCost(sorted []int64, uppers []int64) float64 {
	var total float64
	start := 0
	for g := 0; g <= len(uppers); g++ {
		end := len(sorted)
		if g < len(uppers) {
			end = countAtMost(sorted, uppers[g])
		}
		total += sse(sorted[start:end])
		start = end
	}
	return total
}

// sse is the sum of squared deviations of group from its mean, shifted by its first
// value so that large values keep their precision.
func sse(group []int64) float64 {
	if len(group) == 0 {
		return 0
	}
	var sum float64
	for _, v := range group {
		sum += float64(v - group[0])
	}
	mean := sum / float64(len(group))
	var s float64
	for _, v := range group {
		d := float64(v-group[0]) - mean
		s += d * d
	}
	return s
}

// logNormalKopecks makes n money sums around 5 000 ₽ with a long tail; a fifth are whole
// rubles, as in a real base, so there are fewer distinct values than sums.
func logNormalKopecks(n int) []int64 {
	r := rand.New(rand.NewPCG(1, 2))
	vals := make([]int64, n)
	for i := range vals {
		v := int64(math.Exp(r.NormFloat64()*1.5 + math.Log(500_000)))
		if i%5 == 0 {
			v -= v % 100
		}
		vals[i] = v
	}
	return vals
}

func BenchmarkKMeans1D(b *testing.B) {
	sorted := logNormalKopecks(1_500_000)
	slices.Sort(sorted)
	for b.Loop() {
		if _, err := KMeans1D(sorted, 3); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(slices.Compact(slices.Clone(sorted)))), "distinct")
}
