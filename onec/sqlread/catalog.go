package sqlread

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/rfm9/rfm9/onec"
)

// maxClientPage bounds a catalog page: the contacts of a page are read with one range
// query, and a page is one short transaction.
const maxClientPage = 5000

// Clients streams the client catalog in ref order, leaving out groups and items marked
// for deletion; see onec.Catalog. Each page is read by key (ref > the last one), which
// costs the same on every page, with its contact information in one range query.
func (r *Reader) Clients(ctx context.Context, fn func([]onec.Client) error) error {
	off, err := r.yearOffset(ctx)
	if err != nil {
		return err
	}
	kinds, err := r.contactKinds(ctx)
	if err != nil {
		return err
	}
	pg := &clientPager{r: r, offset: off, kinds: kinds, after: make([]byte, refSize), size: min(r.cfg.BatchSize, maxClientPage)}
	for {
		batch, err := pg.next(ctx)
		if err != nil {
			return err
		}
		if len(batch) > 0 {
			if err := fn(batch); err != nil {
				return err
			}
		}
		if len(batch) < pg.size {
			return nil
		}
	}
}

// clientPager reads the catalog a page at a time.
type clientPager struct {
	r      *Reader
	offset int
	kinds  map[string]contactKind // contact type ref (as a string of bytes) → kind
	after  []byte                 // the last ref read; zeros before the first page
	size   int
	batch  []onec.Client
	index  map[string]int // ref bytes → position in batch
}

// next reads the page after the last ref read, with its contacts.
func (pg *clientPager) next(ctx context.Context) ([]onec.Client, error) {
	pg.batch = pg.batch[:0]
	clear(pg.index)
	if pg.index == nil {
		pg.index = make(map[string]int, pg.size)
	}
	last := pg.after
	err := pg.r.inTx(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		var err error
		if last, err = pg.readClients(ctx, tx); err != nil || len(pg.batch) == 0 {
			return err
		}
		return pg.readContacts(ctx, tx, last)
	})
	if err != nil {
		return nil, fmt.Errorf("sqlread: read clients from %s: %w", pg.r.m.Clients.Meta, err)
	}
	pg.after = last
	return pg.batch, nil
}

// readClients reads one page of the catalog and returns its last ref.
func (pg *clientPager) readClients(ctx context.Context, tx *sqlx.Tx) ([]byte, error) {
	rows, err := tx.QueryContext(ctx, pg.r.q.Clients, pg.after, pg.size)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	fields := pg.r.m.Clients.Fields
	var ref, manager sql.RawBytes
	var name, inn string
	dest := []any{&ref, &name, &inn, &manager}
	values := make([]any, len(fields))
	for i := range values {
		dest = append(dest, &values[i])
	}
	last := pg.after
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		if len(ref) != refSize {
			return nil, fmt.Errorf("a ref of %d bytes in %s", len(ref), pg.r.m.Clients.Ref)
		}
		c := onec.Client{ID: guid(ref), Name: trim(name), INN: trim(inn), Manager: refText(manager)}
		if len(fields) > 0 {
			c.Fields = make(map[string]string, len(fields))
			for i, f := range fields {
				c.Fields[f.Key] = fieldText(values[i], f.Ref, pg.offset)
			}
		}
		pg.index[string(ref)] = len(pg.batch)
		pg.batch = append(pg.batch, c)
		last = append([]byte(nil), ref...)
	}
	return last, rows.Err()
}

// guid is the GUID of a ref, or "" for a missing or malformed one.
func guid(ref []byte) string {
	if len(ref) != refSize {
		return ""
	}
	var b [36]byte
	formatRef(&b, ref)
	return string(b[:])
}

// refText is the GUID of a ref, or "" for the empty ref.
func refText(ref []byte) string {
	if isEmptyRef(ref) {
		return ""
	}
	return guid(ref)
}

// trim drops the padding of 1C's fixed-length strings (mchar, nchar).
func trim(s string) string { return strings.TrimRight(s, " ") }
