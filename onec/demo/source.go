package demo

import (
	"context"
	"errors"
	"fmt"

	"github.com/rfm9/rfm9/onec"
)

// sourceBatch is how many sales Source hands over at a time.
const sourceBatch = 4096

// Source serves the demo sales as an onec.Source, for the 1C emulator and for tests
// of the readers' consumers.
type Source struct {
	Options Options
}

// Source must stay usable wherever the real readers are.
var _ onec.Source = Source{}

// errDone stops Generate once the sales pass the end of the period.
var errDone = errors.New("demo: period done")

// Sales calls fn with batches of the sales dated in p, in Generate's order.
func (s Source) Sales(ctx context.Context, p onec.Period, fn func([]onec.Sale) error) error {
	batch := make([]onec.Sale, 0, sourceBatch)
	send := func() error {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("demo: sales: %w", err)
		}
		err := fn(batch)
		batch = batch[:0]
		return err
	}
	err := Generate(s.Options, func(sale onec.Sale) error {
		if !p.To.IsZero() && !sale.Period.Before(p.To) {
			return errDone
		}
		if !p.Contains(sale.Period) {
			return nil
		}
		batch = append(batch, sale)
		if len(batch) < sourceBatch {
			return nil
		}
		return send()
	})
	if err != nil && !errors.Is(err, errDone) {
		return err
	}
	if len(batch) == 0 {
		return nil
	}
	return send()
}
