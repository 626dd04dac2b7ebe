package odata

import (
	"slices"
	"strings"
	"unicode"
)

// maxClosest is how many near names a report offers for a missing one.
const maxClosest = 3

// closest returns up to three candidates nearest to name by case-insensitive edit
// distance, nearest first; ones too far to be a typo or a variant are left out.
func closest(name string, candidates []string) []string {
	target := []rune(strings.ToLower(name))
	type scored struct {
		name string
		d    int
	}
	var near []scored
	for _, c := range candidates {
		cr := []rune(strings.ToLower(c))
		d := distance(target, cr)
		if d <= max(len(target), len(cr))/2+1 {
			near = append(near, scored{c, d})
		}
	}
	slices.SortStableFunc(near, func(a, b scored) int {
		if a.d != b.d {
			return a.d - b.d
		}
		return strings.Compare(a.name, b.name)
	})
	out := make([]string, 0, maxClosest)
	for _, s := range near[:min(len(near), maxClosest)] {
		out = append(out, s.name)
	}
	return out
}

// distance is the Levenshtein distance between two rune strings.
func distance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] || unicode.SimpleFold(a[i-1]) == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
