package lifecycle

import "slices"

// tertileCuts returns the values at ranks ⌈n/3⌉ and ⌈2n/3⌉ (1-based) of the ascending
// order of values, the methodology's money cut points. It reorders values.
func tertileCuts(values []int64) Cuts {
	n := len(values)
	if n == 0 {
		return Cuts{}
	}
	r1, r2 := (n+2)/3-1, (2*n+2)/3-1 // ⌈n/3⌉ and ⌈2n/3⌉ as 0-based indexes
	c2 := selectNth(values, r2)
	// selectNth leaves everything below index r2 no greater than it: select r1 there.
	c1 := selectNth(values[:r2+1], r1)
	return Cuts{c1, c2}
}

// selectNth returns the value that would be at index k if values were sorted, and
// partially orders values around it (Hoare's quickselect; linear on average, a full
// sort once the recursion is clearly unlucky so the worst case stays n·log n).
func selectNth(values []int64, k int) int64 {
	lo, hi := 0, len(values)-1
	budget := 64
	for hi-lo > 16 {
		if budget--; budget == 0 {
			slices.Sort(values[lo : hi+1])
			return values[k]
		}
		p := medianOfThree(values, lo, hi)
		i, j := lo, hi
		for i <= j {
			for values[i] < p {
				i++
			}
			for values[j] > p {
				j--
			}
			if i <= j {
				values[i], values[j] = values[j], values[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return values[k]
		}
	}
	slices.Sort(values[lo : hi+1])
	return values[k]
}

func medianOfThree(v []int64, lo, hi int) int64 {
	a, b, c := v[lo], v[lo+(hi-lo)/2], v[hi]
	if a > b {
		a, b = b, a
	}
	if b > c {
		b = c
	}
	return max(a, b)
}
