// Package salesfile reads sales that 1C users export to CSV or XLSX files and serves
// them as an onec.Source.
//
// A CSV file is cut into large blocks that worker goroutines parse in parallel, yet
// sales reach the consumer in file order. Sale strings point into those blocks
// instead of being copied: they stay valid and unchanged, but a consumer that keeps
// them should clone them so that the blocks can be freed.
//
// A line that cannot be a sale is skipped and counted under a reason (the Reason
// constants, reported by File.Skipped), or, in strict mode, ends the read with a
// *LineError naming its line and column. Lines dated outside the period asked for
// are not sales of that period and are not counted as skipped; blank lines are not
// counted at all.
package salesfile

import (
	"context"
	"github.com/rfm9/rfm9/calendar"
	"time"

	"github.com/rfm9/rfm9/onec"
)

var _ onec.Source = (*File)(nil)

// File is an opened sales export. Sales may be called again to reread the file,
// but calls must not overlap.
type File struct {
	src    source
	cols   columns
	loc    *time.Location
	layout string
	strict bool
	last   tally
}

// source is the half of a File that knows the format.
type source interface {
	sales(ctx context.Context, rd reading, fn func([]onec.Sale) error) (tally, error)
	close() error
}

// reading is what one Sales call hands its source.
type reading struct {
	conv   converter // copied per goroutine: each copy caches its own zone period
	strict bool
}

// Open checks the options, opens the file and reads its header, so that a missing
// column is reported before any data is read.
func Open(o Options) (*File, error) {
	if err := o.validate(); err != nil {
		return nil, err
	}
	format, _ := o.format()
	src, headers, err := openSource(format, o)
	if err != nil {
		return nil, err
	}
	cols, err := resolveColumns(headers, o.Columns)
	if err != nil {
		src.close()
		return nil, wrapPath(o.Path, err)
	}
	return &File{src: src, cols: cols, loc: o.location(), layout: o.DateLayout, strict: o.Strict}, nil
}

func openSource(f format, o Options) (source, []string, error) {
	if f == formatXLSX {
		return openXLSX(o)
	}
	return openCSV(o)
}

// Sales streams the sales dated in p to fn, in file order. Batches and their
// strings follow the onec.Source contract. In Strict mode the first line that
// would be skipped ends the read with an error wrapping a *LineError.
func (f *File) Sales(ctx context.Context, p onec.Period, fn func([]onec.Sale) error) error {
	rd := reading{
		conv:   newConverter(&f.cols, p, dateParser{layout: f.layout, zone: zoneCache{calendar.Zone{Loc: f.loc}}}),
		strict: f.strict,
	}
	t, err := f.src.sales(ctx, rd, fn)
	f.last = t
	return err
}

// Skipped returns how many lines the last Sales call skipped, by reason
// (the Reason constants); reasons with no lines are left out.
func (f *File) Skipped() map[string]int64 { return f.last.skipped() }

// Lines returns how many data lines the last Sales call read, blank lines aside:
// sales, lines dated outside the period and skipped lines together. A CSV record
// whose quoted field holds line breaks counts once.
func (f *File) Lines() int64 { return f.last.lines }

// Close releases the file.
func (f *File) Close() error { return f.src.close() }
