package odata

import (
	"context"
	"errors"
	"fmt"
	"net/http"
)

// catalogPager reads a catalog in Ref_Key order, a page at a time. It pages by
// key (Ref_Key gt guid'…'), which costs 1C the same on every page, and falls back
// to $skip for the rest of the read if 1C refuses to compare refs.
type catalogPager struct {
	r       *Reader
	entity  string
	what    string
	sel     []string
	filter  string
	rd      *reading
	ref     int    // index of Ref_Key in the field set
	last    string // the last Ref_Key read
	read    int    // records read, for $skip
	useSkip bool
	done    bool
}

func (r *Reader) newPager(entity, what string, fields *fieldSet, sel []string, filter string) *catalogPager {
	return &catalogPager{
		r: r, entity: entity, what: what, sel: sel, filter: filter,
		rd: &reading{dec: newDecoder(fields)}, ref: fields.add("Ref_Key"),
	}
}

// next returns the next page, valid until the following call, or nil at the end.
func (pg *catalogPager) next(ctx context.Context) (*page, error) {
	if pg.done {
		return nil, nil
	}
	size := pg.r.pageSize
	for {
		q, err := pg.query(size)
		if err != nil {
			return nil, err
		}
		err = pg.r.readPage(ctx, pg.r.jsonRequest(pg.what, q), pg.rd, size)
		if err != nil && pg.keysetRejected(err) {
			pg.r.log.Warn("odata: 1C refused to compare refs, paging with $skip", "entity", pg.entity, "err", err.Error())
			pg.useSkip = true
			continue
		}
		if err != nil {
			return nil, err
		}
		break
	}
	return pg.advance(size)
}

// advance notes where the page ends.
func (pg *catalogPager) advance(size int) (*page, error) {
	p := &pg.rd.page
	pg.read += p.n
	pg.done = p.n < size
	if p.n == 0 {
		return nil, nil
	}
	pg.last = text(p, get(p.rec(p.n-1), pg.ref))
	if pg.last == "" && !pg.useSkip && !pg.done {
		return nil, fmt.Errorf("odata: %s: a record without Ref_Key", pg.what)
	}
	return p, nil
}

func (pg *catalogPager) query(size int) (*query, error) {
	if pg.useSkip || pg.last == "" {
		return list(pg.entity, pg.sel, pg.filter, "Ref_Key", size, pg.read*boolInt(pg.useSkip)), nil
	}
	lit, err := guidLiteral(pg.last)
	if err != nil {
		return nil, fmt.Errorf("odata: %s: %w", pg.what, err)
	}
	return list(pg.entity, pg.sel, and(pg.filter, "Ref_Key gt "+lit), "Ref_Key", size, 0), nil
}

// keysetRejected tells whether 1C refused the keyset condition itself: a 400
// answer to the first request that carried it.
func (pg *catalogPager) keysetRejected(err error) bool {
	var e *Error
	return !pg.useSkip && pg.last != "" && errors.As(err, &e) &&
		(e.Status == http.StatusBadRequest || e.Code == "14" || e.Code == "21")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
