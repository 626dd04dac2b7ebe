package lifecycle

import "slices"

// SuggestInput gathers what Suggest looks at as of asOf: each buyer's purchases and M,
// and the gaps in days between consecutive purchase days of repeat buyers.
func (l *Ledger) SuggestInput(asOf Day) SuggestInput {
	stats, _ := l.Stats(asOf)
	in := SuggestInput{Purchases: make([]int, len(stats)), Monetary: make([]int64, len(stats))}
	for i := range stats {
		in.Purchases[i], in.Monetary[i] = stats[i].Purchases, stats[i].Monetary
	}
	in.Gaps = l.purchaseGaps(asOf)
	return in
}

// purchaseGaps lists, for every client, the days between consecutive distinct purchase
// days up to asOf. Purchase days are grouped by client with a counting sort (offsets per
// client), so the whole pass is linear in the documents.
func (l *Ledger) purchaseGaps(asOf Day) []int {
	start := make([]int, l.Clients()+1)
	for i := range l.docs {
		if d := &l.docs[i]; d.net > 0 && d.day <= asOf {
			start[d.client+1]++
		}
	}
	for c := 1; c < len(start); c++ {
		start[c] += start[c-1]
	}
	days := make([]Day, start[len(start)-1])
	fill := slices.Clone(start[:len(start)-1])
	for i := range l.docs {
		if d := &l.docs[i]; d.net > 0 && d.day <= asOf {
			days[fill[d.client]] = d.day
			fill[d.client]++
		}
	}
	var gaps []int
	for c := range l.Clients() {
		own := days[start[c]:start[c+1]]
		slices.Sort(own)
		for i := 1; i < len(own); i++ {
			if own[i] != own[i-1] {
				gaps = append(gaps, int(own[i]-own[i-1]))
			}
		}
	}
	return gaps
}
