package sqlread

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// window is the grouped query of one period window, opened: the database reads and
// sorts a window before it sends the first row, so a window opened while the one
// before is still being read has much of its work done by the time it is read.
type window struct {
	from, to time.Time // DB wall clocks
	tx       *sqlx.Tx
	rows     *sql.Rows
	cancel   context.CancelFunc
	err      error
}

// windows reads [lo, to) window by window, in order, with the next window's query
// opened ahead on a second connection. Only the query runs ahead: its rows wait in
// the database until they are read, so memory stays bounded by the batch size. With
// one connection allowed the opener simply waits for it.
func (s *salesRun) windows(ctx context.Context, lo, to time.Time) error {
	ctx, cancel := context.WithCancel(ctx)
	opened := make(chan *window) // unbuffered: one window open ahead of the one being read
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(opened)
		s.openAll(ctx, lo, to, opened)
	}()
	defer func() {
		cancel()
		for w := range opened {
			w.close()
		}
		<-done
	}()
	for w := range opened {
		err := s.consume(ctx, w)
		w.close()
		if err != nil {
			return err
		}
	}
	return nil
}

// openAll opens each window in turn and hands it over, stopping at the first failure
// (handed over too) or when ctx is done.
func (s *salesRun) openAll(ctx context.Context, lo, to time.Time, out chan<- *window) {
	step := s.r.cfg.Window
	for from := lo; from.Before(to); from = from.Add(step) {
		w := s.open(ctx, from, minTime(from.Add(step), to))
		select {
		case out <- w:
		case <-ctx.Done():
			w.close()
			return
		}
		if w.err != nil {
			return
		}
	}
}

// open starts the window's query in a transaction of its own, under the query timeout.
func (s *salesRun) open(ctx context.Context, from, to time.Time) *window {
	w := &window{from: from, to: to}
	ctx, w.cancel = context.WithTimeout(ctx, s.r.cfg.QueryTimeout)
	if w.tx, w.err = s.r.db.BeginTxx(ctx, s.r.d.tx); w.err != nil {
		return w
	}
	w.rows, w.err = w.tx.QueryContext(ctx, s.r.q.Sales, s.r.d.wall(from), s.r.d.wall(to))
	return w
}

// close ends the window's query and transaction; nothing to commit, it only read.
func (w *window) close() {
	if w.rows != nil {
		w.rows.Close()
	}
	if w.tx != nil {
		w.tx.Rollback()
	}
	w.cancel()
}

// consume reads the window's rows into the batches.
func (s *salesRun) consume(ctx context.Context, w *window) error {
	err := w.err
	if err == nil {
		err = s.rows(ctx, w.rows)
	}
	switch {
	case err == nil:
		return nil
	case isDelivery(err):
		return unwrapDelivery(err)
	case ctx.Err() != nil:
		return fmt.Errorf("sqlread: sales: %w", ctx.Err())
	}
	return fmt.Errorf("sqlread: read sales %s – %s: %w", s.show(w.from), s.show(w.to), err)
}

func (s *salesRun) rows(ctx context.Context, rows *sql.Rows) error {
	var row saleRow
	for rows.Next() {
		if err := row.scan(rows); err != nil {
			return err
		}
		if err := s.add(ctx, &row); err != nil {
			return err
		}
	}
	return rows.Err()
}
