package demo

import "math/rand/v2"

// region is a subject of the Russian Federation: its INN code and phone area codes.
type region struct {
	code       string
	phoneCodes []string
	weight     int // percent of clients
}

// regions are where clients come from, Moscow and its oblast first.
var regions = []region{
	{"77", []string{"495", "499"}, 30},
	{"50", []string{"495", "496", "498"}, 12},
	{"78", []string{"812"}, 12},
	{"16", []string{"843"}, 5},
	{"66", []string{"343"}, 5},
	{"23", []string{"861"}, 5},
	{"54", []string{"383"}, 4},
	{"52", []string{"831"}, 4},
	{"61", []string{"863"}, 4},
	{"63", []string{"846"}, 4},
	{"02", []string{"347"}, 3},
	{"74", []string{"351"}, 3},
	{"24", []string{"391"}, 3},
	{"59", []string{"342"}, 3},
	{"36", []string{"473"}, 3},
}

// pickRegion draws a region by weight; the weights add up to 100.
func pickRegion(r *rand.Rand) region {
	u := r.IntN(100)
	for _, reg := range regions {
		if u < reg.weight {
			return reg
		}
		u -= reg.weight
	}
	return regions[0]
}
