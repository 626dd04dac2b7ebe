package money

// Divide divides kopecks a by a count b > 0, rounding half away from zero: an average
// stays in whole kopecks, never a float. Callers check for an empty count first.
func Divide(a, b int64) int64 {
	q, r := a/b, a%b
	switch {
	case r >= 0 && 2*r >= b:
		q++
	case r < 0 && -2*r >= b:
		q--
	}
	return q
}
