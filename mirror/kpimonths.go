package mirror

import (
	"context"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rfm9/rfm9/kpi"
	"github.com/rfm9/rfm9/lifecycle"
)

// The KPI passes read every document up to the report's end. Row by row that costs the
// database a step per document (tens of seconds for ten million in SQLite), so the
// recompute also keeps the documents by month as compact blobs in kpi_months: per
// document uvarint(client number) uvarint(day − month start) varint(net)
// varint(discount) uvarint(lines), about 10 bytes. A pushed document, or a sync's swap,
// drops the blobs of the months it touches; those months are read from their rows until
// the next recompute builds them again. A blob that is there is current.

// month numbers a calendar month: year·12 + month − 1.
type month int32

func monthOfDay(d lifecycle.Day) month {
	y, m, _ := d.Civil()
	return month(y*12 + int(m) - 1)
}

func (m month) start() lifecycle.Day {
	return lifecycle.DayFromCivil(int(m)/12, time.Month(int(m)%12+1), 1)
}

func (m month) end() lifecycle.Day { return (m + 1).start() - 1 }

// kpiMonths collects the documents of a recompute by month.
type kpiMonths struct {
	numbers *clientNumbers
	blobs   map[month][]byte
	counts  map[month]int
	first   month // the documents' span
	last    month
	spanned bool    // false: the mirror has no documents
	built   []month // the months built: the span's, or those without a blob
}

func newKPIMonths(numbers *clientNumbers) *kpiMonths {
	return &kpiMonths{numbers: numbers, blobs: map[month][]byte{}, counts: map[month]int{}}
}

// add encodes one document of a pass over all of them (the first recompute's).
func (k *kpiMonths) add(clientID string, day lifecycle.Day, net, discount int64, lines int) {
	m := monthOfDay(day)
	if !k.spanned {
		k.first, k.last, k.spanned = m, m, true
	}
	k.first, k.last = min(k.first, m), max(k.last, m)
	k.encode(m, k.numbers.of(lifecycle.KeyOf(clientID)), day, net, discount, lines)
}

func (k *kpiMonths) encode(m month, client uint32, day lifecycle.Day, net, discount int64, lines int) {
	b := k.blobs[m]
	b = binary.AppendUvarint(b, uint64(client))
	b = binary.AppendUvarint(b, uint64(day-m.start()))
	b = binary.AppendVarint(b, net)
	b = binary.AppendVarint(b, discount)
	b = binary.AppendUvarint(b, uint64(max(lines, 0)))
	k.blobs[m] = b
	k.counts[m]++
}

// allBuilt marks every month of the span built, after a pass over all documents.
func (k *kpiMonths) allBuilt() {
	for m := k.first; k.spanned && m <= k.last; m++ {
		k.built = append(k.built, m)
	}
}

// buildKPIMonths builds the blobs of the months in the documents' span that have none
// (dropped by pushes or swaps since the last recompute), from their rows, in q's snapshot.
func (s *Store) buildKPIMonths(ctx context.Context, q sqlx.QueryerContext, k *kpiMonths) error {
	var span struct {
		First *int32 `db:"first_day"`
		Last  *int32 `db:"last_day"`
	}
	if err := sqlx.GetContext(ctx, q, &span, s.kq.Span); err != nil {
		return fmt.Errorf("mirror: document span: %w", err)
	}
	if span.First == nil {
		return nil
	}
	var stored []int32
	if err := sqlx.SelectContext(ctx, q, &stored, s.kq.Months, math.MaxInt32); err != nil {
		return fmt.Errorf("mirror: kpi months: %w", err)
	}
	k.first, k.last, k.spanned = monthOfDay(lifecycle.Day(*span.First)), monthOfDay(lifecycle.Day(*span.Last)), true
	var docs []kpi.Document
	for m := k.first; m <= k.last; m++ {
		if slices.Contains(stored, int32(m)) {
			continue
		}
		var err error
		if docs, err = s.readKPIRows(ctx, q, docs[:0], m.start(), m.end(), k.numbers); err != nil {
			return err
		}
		for _, d := range docs {
			k.encode(m, d.Client, d.Day, d.Net, d.Discount, int(d.Lines))
		}
		k.built = append(k.built, m)
	}
	return nil
}

// saveKPIMonths writes the months built whose blob changed (an empty blob for a month
// without documents inside the span, so that only dropped months are read row by row)
// and deletes months outside the span. The months in stale, changed by pushes after k
// was read, are left as the pushes left them: dropped.
func (s *Store) saveKPIMonths(ctx context.Context, tx *sqlx.Tx, k *kpiMonths, stale map[month]bool) error {
	var stored []struct {
		Month    int32 `db:"month"`
		Checksum int64 `db:"checksum"`
	}
	if err := tx.SelectContext(ctx, &stored, s.kq.Checksums); err != nil {
		return fmt.Errorf("mirror: kpi months: %w", err)
	}
	have := map[month]int64{}
	for _, r := range stored {
		have[month(r.Month)] = r.Checksum
	}
	for _, m := range k.built {
		blob := k.blobs[m]
		sum := checksum(blob)
		if old, ok := have[m]; stale[m] || ok && old == sum {
			continue
		}
		if _, err := tx.ExecContext(ctx, s.kq.Drop, int32(m)); err != nil {
			return fmt.Errorf("mirror: kpi month: %w", err)
		}
		// Never nil: a month without documents is an empty blob, not NULL.
		if _, err := tx.ExecContext(ctx, s.kq.Save, int32(m), k.counts[m], sum, append([]byte{}, blob...)); err != nil {
			return fmt.Errorf("mirror: kpi month: %w", err)
		}
	}
	for m := range have {
		if stale[m] || k.spanned && m >= k.first && m <= k.last {
			continue
		}
		if _, err := tx.ExecContext(ctx, s.kq.Drop, int32(m)); err != nil {
			return fmt.Errorf("mirror: kpi month: %w", err)
		}
	}
	return s.saveNumbers(ctx, tx, k.numbers)
}

func checksum(b []byte) int64 {
	h := fnv.New64a()
	h.Write(b)
	return int64(h.Sum64())
}

// monthsOf lists the months of days, each once, in order.
func monthsOf(days []int32) []month {
	out := make([]month, 0, len(days))
	for _, d := range days {
		out = append(out, monthOfDay(lifecycle.Day(d)))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// dropKPIMonths marks months stale: a pushed or swapped document changed them.
func (s *Store) dropKPIMonths(ctx context.Context, tx *sqlx.Tx, months []month) error {
	for _, m := range months {
		if err := s.txExec(ctx, tx, s.kq.Drop, int32(m)); err != nil {
			return fmt.Errorf("mirror: kpi month: %w", err)
		}
	}
	return nil
}

//go:embed kpimonths.sql
var kpiMonthsSQL string

// kpiQueries are the KPI month store's named queries from kpimonths.sql.
type kpiQueries struct {
	Checksums    string `query:"kpi-month-checksums"`
	Drop         string `query:"drop-kpi-month"`
	Save         string `query:"save-kpi-month"`
	Months       string `query:"kpi-months"`
	Month        string `query:"kpi-month"`
	Span         string `query:"document-span"`
	InDays       string `query:"documents-in-days"`
	CountNumbers string `query:"count-numbers"`
}

var errKPIBlob = errors.New("mirror: damaged kpi month")

// decodeKPIMonth appends a month's documents dated up to to.
func decodeKPIMonth(dst []kpi.Document, m month, blob []byte, to lifecycle.Day, clients int) ([]kpi.Document, error) {
	start := m.start()
	for len(blob) > 0 {
		var d kpi.Document
		var fields [5]int64
		for i := range fields {
			var v int64
			var n int
			if i == 2 || i == 3 {
				v, n = binary.Varint(blob)
			} else {
				var u uint64
				u, n = binary.Uvarint(blob)
				v = int64(u)
				if u > 1<<40 {
					n = -1
				}
			}
			if n <= 0 {
				return dst, fmt.Errorf("%w %d", errKPIBlob, m)
			}
			fields[i], blob = v, blob[n:]
		}
		if fields[0] >= int64(clients) || fields[1] > 31 {
			return dst, fmt.Errorf("%w %d: client %d of %d, day %d", errKPIBlob, m, fields[0], clients, fields[1])
		}
		d.Client, d.Day = uint32(fields[0]), start+lifecycle.Day(fields[1])
		d.Net, d.Discount, d.Lines = fields[2], fields[3], int32(min(fields[4], 1<<30))
		if d.Day <= to {
			dst = append(dst, d)
		}
	}
	return dst, nil
}

// KPIDocuments hands over the mirror's documents dated up to to, in date order, as the
// kpi package takes them: clients by their number, the count told first through
// clients, since the KPI passes size their state by it. It streams month by month: a
// month with a blob is decoded, one dropped by a push since the last recompute is read
// from its rows, so memory holds one month (and the dropped ones), not the history.
func (s *Store) KPIDocuments(ctx context.Context, to lifecycle.Day, clients func(int) error, fn func([]kpi.Document) error) error {
	var span struct {
		First *int32 `db:"first_day"`
		Last  *int32 `db:"last_day"`
	}
	if err := s.db.GetContext(ctx, &span, s.kq.Span); err != nil {
		return fmt.Errorf("mirror: document span: %w", err)
	}
	if span.First == nil {
		return clients(0)
	}
	var stored []int32
	if err := s.db.SelectContext(ctx, &stored, s.kq.Months, int32(monthOfDay(to))); err != nil {
		return fmt.Errorf("mirror: kpi months: %w", err)
	}
	size, err := s.countNumbers(ctx, s.db)
	if err != nil {
		return err
	}
	// Months without a blob are read first: their rows may name clients newer than the
	// saved numbering, and the count must be known before the first document.
	first, last := monthOfDay(lifecycle.Day(*span.First)), monthOfDay(min(lifecycle.Day(*span.Last), to))
	fromRows := map[month][]kpi.Document{}
	var numbers *clientNumbers // a million keys cost a map: loaded only when needed
	for m := first; m <= last; m++ {
		if slices.Contains(stored, int32(m)) {
			continue
		}
		if numbers == nil {
			if numbers, err = s.loadNumbers(ctx, s.db); err != nil {
				return err
			}
		}
		if fromRows[m], err = s.readKPIRows(ctx, s.db, nil, m.start(), min(m.end(), to), numbers); err != nil {
			return err
		}
	}
	if numbers != nil {
		size = numbers.size()
	}
	if err := clients(size); err != nil {
		return err
	}
	var buf []kpi.Document
	for m := first; m <= last; m++ {
		docs, read := fromRows[m]
		if !read {
			if buf, err = s.kpiMonth(ctx, buf[:0], m, to, size); err != nil {
				return err
			}
			docs = buf
		}
		sorted := byDay(docs)
		for i := 0; i < len(sorted); i += 4096 {
			if err := fn(sorted[i:min(i+4096, len(sorted))]); err != nil {
				return err
			}
		}
	}
	return nil
}

// kpiMonth decodes one month's blob into dst.
func (s *Store) kpiMonth(ctx context.Context, dst []kpi.Document, m month, to lifecycle.Day, clients int) ([]kpi.Document, error) {
	var row struct {
		Documents int    `db:"documents"`
		Docs      []byte `db:"docs"`
	}
	st, err := s.db.Stmt(ctx, s.kq.Month)
	if err != nil {
		return dst, err
	}
	if err := st.GetContext(ctx, &row, int32(m)); err != nil {
		return dst, fmt.Errorf("mirror: kpi month %d: %w", m, err)
	}
	return decodeKPIMonth(slices.Grow(dst, row.Documents), m, row.Docs, to, clients)
}

// countNumbers returns how many client numbers are in use.
func (s *Store) countNumbers(ctx context.Context, q sqlx.QueryerContext) (int, error) {
	var bytes int64
	if err := sqlx.GetContext(ctx, q, &bytes, s.kq.CountNumbers); err != nil {
		return 0, fmt.Errorf("mirror: count client numbers: %w", err)
	}
	return int(bytes / 16), nil
}

// readKPIRows appends the documents dated from..to read from their rows; clients new
// since the numbering was saved get numbers after it, for this read only.
func (s *Store) readKPIRows(ctx context.Context, q sqlx.QueryerContext, dst []kpi.Document, from, to lifecycle.Day, numbers *clientNumbers) ([]kpi.Document, error) {
	rows, err := q.QueryxContext(ctx, s.kq.InDays, int32(from), int32(to))
	if err != nil {
		return dst, fmt.Errorf("mirror: read documents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var d kpi.Document
		var day int32
		if err := rows.Scan(&id, &day, &d.Net, &d.Discount, &d.Lines); err != nil {
			return dst, fmt.Errorf("mirror: read documents: %w", err)
		}
		d.Client, d.Day = numbers.of(lifecycle.KeyOf(id)), lifecycle.Day(day)
		dst = append(dst, d)
	}
	if err := rows.Err(); err != nil {
		return dst, fmt.Errorf("mirror: read documents: %w", err)
	}
	return dst, nil
}
