package odata

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
)

// reading is a decoder with the page it fills, pooled per field set so that
// steady reading allocates little more than each page's text.
type reading struct {
	dec  *decoder
	page page
}

// readings pools readings of one field set.
type readings struct {
	fields *fieldSet
	pool   sync.Pool
}

func newReadings(f *fieldSet) *readings {
	rs := &readings{fields: f}
	rs.pool.New = func() any { return &reading{dec: newDecoder(f)} }
	return rs
}

func (rs *readings) get() *reading  { return rs.pool.Get().(*reading) }
func (rs *readings) put(r *reading) { rs.pool.Put(r) }

// readPage fetches a list into rd.page, with retries. limit is the $top asked
// for: more records than that mean the server ignores $top, which would make
// every window look full and $skip useless.
func (r *Reader) readPage(ctx context.Context, req request, rd *reading, limit int) error {
	return r.fetch(ctx, req, func(body io.Reader) error {
		err := rd.dec.decode(body, &rd.page, limit)
		if errors.Is(err, errTooMany) {
			return permanent{fmt.Errorf("1C returned more than the %d records asked for with $top", limit)}
		}
		return err
	})
}
