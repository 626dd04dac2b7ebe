package sqlread

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rfm9/rfm9/onec"
)

// The widest span of dates 1C stores, as DB wall clocks before the offset.
var (
	minWall = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	maxWall = time.Date(3999, 12, 31, 23, 59, 59, 0, time.UTC)
)

// dateLayout is how errors and logs show a 1C date.
const dateLayout = "2006-01-02T15:04:05"

// Sales streams the sales dated in p, one per document and client, in period order;
// see onec.Source. The database groups the register lines (one query per window of
// Config.Window), so what crosses the network is documents, not lines. Skipped then
// tells what was left out and why.
func (r *Reader) Sales(ctx context.Context, p onec.Period, fn func([]onec.Sale) error) error {
	off, err := r.yearOffset(ctx)
	if err != nil {
		return err
	}
	run := &salesRun{r: r, period: p, offset: off, fn: fn, batch: make([]onec.Sale, 0, r.cfg.BatchSize)}
	err = run.read(ctx)
	r.setSkipped(run.tally)
	return err
}

// salesRun is one Sales call.
type salesRun struct {
	r      *Reader
	period onec.Period
	offset int
	fn     func([]onec.Sale) error
	batch  []onec.Sale
	tally  tally
}

// read walks the windows between the register's first and last line in the period.
func (s *salesRun) read(ctx context.Context) error {
	from, to := s.dbSpan()
	lo, hi, ok, err := s.bounds(ctx, from, to)
	if err != nil || !ok {
		return err
	}
	if err := s.windows(ctx, lo, minTime(to, hi.Add(time.Second))); err != nil {
		return err
	}
	return unwrapDelivery(s.flush(ctx))
}

// dbSpan is the period as DB wall clocks, open ends widened to what 1C can store.
func (s *salesRun) dbSpan() (from, to time.Time) {
	loc := s.r.cfg.Location
	from, to = minWall.AddDate(s.offset, 0, 0), maxWall.AddDate(s.offset, 0, 0)
	if !s.period.From.IsZero() {
		from = toDB(s.period.From, loc, s.offset)
	}
	if !s.period.To.IsZero() {
		to = toDB(s.period.To, loc, s.offset)
	}
	return from, to
}

// bounds asks for the first and last Period in [from, to): two index seeks, which
// spare the windows before the first sale and after the last.
func (s *salesRun) bounds(ctx context.Context, from, to time.Time) (lo, hi time.Time, ok bool, err error) {
	var first, last sql.NullTime
	err = s.r.inTx(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		return tx.QueryRowContext(ctx, s.r.q.Bounds, s.r.d.wall(from), s.r.d.wall(to)).Scan(&first, &last)
	})
	if err != nil {
		return lo, hi, false, fmt.Errorf("sqlread: find the first and last sale in %s: %w", s.r.m.Register.Meta, err)
	}
	return first.Time, last.Time, first.Valid && last.Valid, nil
}

// show formats a DB wall clock as the date 1C shows.
func (s *salesRun) show(t time.Time) string { return t.AddDate(-s.offset, 0, 0).Format(dateLayout) }

// add converts one grouped row into the batch. A row of the document, client and
// period just added is merged into it: with client_via, keys of one partner group
// apart. The batch is handed over only when a different sale arrives, so the last
// sale can still grow.
func (s *salesRun) add(ctx context.Context, row *saleRow) error {
	var sale onec.Sale
	why := s.convert(row, &sale)
	s.tally[why] += row.lines
	if why != reasonSale {
		return nil
	}
	if n := len(s.batch); n > 0 && sameSale(&s.batch[n-1], &sale) {
		merge(&s.batch[n-1], &sale)
		return nil
	}
	if len(s.batch) == cap(s.batch) {
		if err := s.flush(ctx); err != nil {
			return err
		}
	}
	s.batch = append(s.batch, sale)
	return nil
}

func sameSale(a, b *onec.Sale) bool {
	return a.DocumentID == b.DocumentID && a.ClientID == b.ClientID && a.Period.Equal(b.Period)
}

func merge(into, s *onec.Sale) {
	into.Amount += s.Amount
	into.Quantity += s.Quantity
	into.Discount += s.Discount
	into.Lines += s.Lines
}

// flush hands the batch over. Errors of fn pass through as they are, marked so that
// consume does not dress them up as database errors.
func (s *salesRun) flush(ctx context.Context) error {
	if len(s.batch) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("sqlread: sales: %w", err)
	}
	err := s.fn(s.batch)
	s.batch = s.batch[:0]
	if err != nil {
		return deliveryError{err}
	}
	return nil
}

// deliveryError carries an error of the consumer's fn through the database code.
type deliveryError struct{ err error }

func (e deliveryError) Error() string { return e.err.Error() }
func (e deliveryError) Unwrap() error { return e.err }

func isDelivery(err error) bool {
	var d deliveryError
	return errors.As(err, &d)
}

func unwrapDelivery(err error) error {
	var d deliveryError
	if errors.As(err, &d) {
		return d.err
	}
	return err
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
