package sqlread

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// maxYearOffset bounds a sane offset: 1C uses 0 or 2000.
const maxYearOffset = 5000

// yearOffset reads the base's year offset once: with SQL Server's old datetime type,
// which starts in 1753, 1C stores dates 2000 years ahead and says so in _YearOffset.
func (r *Reader) yearOffset(ctx context.Context) (int, error) {
	r.mu.Lock()
	off, ok := r.offset, r.hasOff
	r.mu.Unlock()
	if ok {
		return off, nil
	}
	err := r.inTx(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		err := tx.QueryRowContext(ctx, r.q.YearOffset).Scan(&off)
		if errors.Is(err, sql.ErrNoRows) {
			off, err = 0, nil
		}
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("sqlread: read the year offset (_YearOffset): %w", err)
	}
	if off < 0 || off > maxYearOffset {
		return 0, fmt.Errorf("sqlread: _YearOffset holds %d: not a year offset", off)
	}
	r.mu.Lock()
	r.offset, r.hasOff = off, true
	r.mu.Unlock()
	return off, nil
}

// toDB turns a moment into the wall clock 1C stores for it: the base's local time,
// offset years ahead, in a UTC-labelled time.Time as both drivers send and return.
func toDB(t time.Time, loc *time.Location, offset int) time.Time {
	w := t.In(loc)
	return time.Date(w.Year()+offset, w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), time.UTC)
}

// fromDB turns a wall clock read from 1C back into a moment in the base's zone.
func fromDB(t time.Time, loc *time.Location, offset int) time.Time {
	return time.Date(t.Year()-offset, t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
}
