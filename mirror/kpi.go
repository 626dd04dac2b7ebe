package mirror

import (
	"github.com/rfm9/rfm9/kpi"
)

// byDay returns the documents in date order, stably (a counting sort over the days).
func byDay(docs []kpi.Document) []kpi.Document {
	if len(docs) == 0 {
		return docs
	}
	first, last := docs[0].Day, docs[0].Day
	for _, d := range docs {
		first, last = min(first, d.Day), max(last, d.Day)
	}
	starts := make([]int, int(last-first)+2)
	for _, d := range docs {
		starts[d.Day-first+1]++
	}
	for i := 1; i < len(starts); i++ {
		starts[i] += starts[i-1]
	}
	out := make([]kpi.Document, len(docs))
	for _, d := range docs {
		out[starts[d.Day-first]] = d
		starts[d.Day-first]++
	}
	return out
}
