package mirror

import (
	"context"
	"fmt"

	"github.com/rfm9/rfm9/kpi"
	"github.com/rfm9/rfm9/lifecycle"
)

// KPIDocuments hands over the mirror's documents dated up to to, in date order, as the
// kpi package takes them: clients numbered densely in order of appearance. It tells how
// many clients there are first, through clients, since the KPI passes size their state.
// The documents are read in table order and sorted here by day (a counting sort over
// 24-byte records): an ORDER BY, or any use of the day index, makes the database visit
// the table in index order, one random read per document.
func (s *Store) KPIDocuments(ctx context.Context, to lifecycle.Day, clients func(int) error, fn func([]kpi.Document) error) error {
	rows, err := s.db.QueryxContext(ctx, s.q.DocumentsByDay, int32(to))
	if err != nil {
		return fmt.Errorf("mirror: read documents: %w", err)
	}
	defer rows.Close()
	number := map[string]uint32{}
	var all []kpi.Document
	for rows.Next() {
		var id string
		var d kpi.Document
		var day int32
		if err := rows.Scan(&id, &day, &d.Net, &d.Discount, &d.Lines); err != nil {
			return fmt.Errorf("mirror: read documents: %w", err)
		}
		c, ok := number[id]
		if !ok {
			c = uint32(len(number))
			number[id] = c
		}
		d.Client, d.Day = c, lifecycle.Day(day)
		all = append(all, d)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("mirror: read documents: %w", err)
	}
	if err := clients(len(number)); err != nil {
		return err
	}
	sorted := byDay(all)
	for i := 0; i < len(sorted); i += 4096 {
		if err := fn(sorted[i:min(i+4096, len(sorted))]); err != nil {
			return err
		}
	}
	return nil
}

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
