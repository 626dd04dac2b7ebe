package mirror

import (
	"context"
	"fmt"

	"github.com/rfm9/rfm9/kpi"
	"github.com/rfm9/rfm9/lifecycle"
)

// KPIDocuments streams the mirror's documents dated up to to, in date order, as the kpi
// package takes them: clients numbered densely in order of appearance. It returns how
// many clients there are first, through clients, since the KPI passes size their state.
func (s *Store) KPIDocuments(ctx context.Context, to lifecycle.Day, clients func(int) error, fn func([]kpi.Document) error) error {
	var n int
	if err := s.db.GetContext(ctx, &n, s.q.CountDocClients, int32(to)); err != nil {
		return fmt.Errorf("mirror: count clients: %w", err)
	}
	if err := clients(n); err != nil {
		return err
	}
	rows, err := s.db.QueryxContext(ctx, s.q.DocumentsByDay, int32(to))
	if err != nil {
		return fmt.Errorf("mirror: read documents: %w", err)
	}
	defer rows.Close()
	number := make(map[string]uint32, n)
	batch := make([]kpi.Document, 0, 4096)
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
		if batch = append(batch, d); len(batch) == cap(batch) {
			if err := fn(batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("mirror: read documents: %w", err)
	}
	if len(batch) > 0 {
		return fn(batch)
	}
	return nil
}
