package mirror

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rfm9/rfm9/lifecycle"
)

// A sync replaces the mirror's documents with what it read from 1C: every document in
// the re-read window, and every document read again wherever it was dated before. Most
// of them are unchanged, so the staging is first compared with the mirror outside any
// write lock (diffStaging), and the swap's transaction then writes only the documents
// that differ: seconds of lock for a day's changes instead of minutes for the window.

// diffStaging stages in sync_changes the documents whose staged rows differ from the
// mirror's: new, changed, moved to another client, or gone from 1C (window is where
// the mirror is replaced: "" for all of it, from its day on). It returns how many
// documents differ and the months they were and are dated in.
func (s *Store) diffStaging(ctx context.Context, run int64, window string, day lifecycle.Day) (int, []month, error) {
	if _, err := s.db.ExecContext(ctx, s.q.ClearChanges, run); err != nil {
		return 0, nil, fmt.Errorf("mirror: clear changes: %w", err)
	}
	staged, err := s.db.QueryxContext(ctx, s.q.StagedByDocument, run)
	if err != nil {
		return 0, nil, fmt.Errorf("mirror: read staging: %w", err)
	}
	defer staged.Close()
	mirrored, err := s.mirrorPart(ctx, run, window, day)
	if err != nil {
		return 0, nil, err
	}
	defer mirrored.Close()
	w := &changeWriter{store: s, run: run}
	a, b := documentStream{rows: staged}, documentStream{rows: mirrored}
	var days []int32
	for {
		next, more, err := nextDocument(&a, &b)
		if err != nil {
			return 0, nil, fmt.Errorf("mirror: compare staging: %w", err)
		}
		if !more {
			break
		}
		sa, sb := a.take(next), b.take(next)
		if slices.Equal(sa, sb) {
			continue
		}
		for _, r := range slices.Concat(sa, sb) {
			days = append(days, r.Day)
		}
		if err := w.add(ctx, next, sa); err != nil {
			return 0, nil, err
		}
	}
	return w.documents, monthsOf(days), w.flush(ctx)
}

// mirrorPart reads the mirror's documents a swap replaces, in the staging's order.
func (s *Store) mirrorPart(ctx context.Context, run int64, window string, day lifecycle.Day) (*sqlx.Rows, error) {
	var rows *sqlx.Rows
	var err error
	if window == "" {
		rows, err = s.db.QueryxContext(ctx, s.q.MirrorByDocument)
	} else {
		rows, err = s.db.QueryxContext(ctx, s.q.MirrorWindowByDocument, int32(day), window, run)
	}
	if err != nil {
		return nil, fmt.Errorf("mirror: read documents: %w", err)
	}
	return rows, nil
}

// documentRow is one document's row for one client, as compared.
type documentRow struct {
	ClientID      string
	DocumentType  string
	Period        string
	Day           int32
	NetKop        int64
	DiscountKop   int64
	QuantityMilli int64
	Lines         int
}

// documentStream reads rows ordered by document and client, a document at a time.
type documentStream struct {
	rows    *sqlx.Rows
	peeked  bool   // id and row hold the next row
	done    bool   // no rows left
	id      string // the next row's document
	row     documentRow
	current []documentRow
}

// peek makes the next row available; false when there is none.
func (d *documentStream) peek() (bool, error) {
	if d.peeked || d.done {
		return !d.done, nil
	}
	if !d.rows.Next() {
		d.done = true
		return false, d.rows.Err()
	}
	r := &d.row
	if err := d.rows.Scan(&d.id, &r.ClientID, &r.DocumentType, &r.Period, &r.Day, &r.NetKop, &r.DiscountKop, &r.QuantityMilli, &r.Lines); err != nil {
		return false, err
	}
	d.peeked = true
	return true, nil
}

// take returns the rows of document id (none when the stream is past it or elsewhere).
func (d *documentStream) take(id string) []documentRow {
	d.current = d.current[:0]
	for d.peeked && d.id == id {
		d.current = append(d.current, d.row)
		d.peeked = false
		if ok, err := d.peek(); err != nil || !ok {
			break // an error shows at the next nextDocument
		}
	}
	return d.current
}

// nextDocument returns the smaller of the two streams' next documents, in bytes order,
// the order both queries sort in.
func nextDocument(a, b *documentStream) (string, bool, error) {
	okA, err := a.peek()
	if err != nil {
		return "", false, err
	}
	okB, err := b.peek()
	if err != nil {
		return "", false, err
	}
	switch {
	case okA && okB:
		return min(a.id, b.id), true, nil
	case okA:
		return a.id, true, nil
	case okB:
		return b.id, true, nil
	}
	return "", false, nil
}

// changeWriter appends differing documents to sync_changes in short transactions, so
// that pushes interleave with them.
type changeWriter struct {
	store     *Store
	run       int64
	batch     []stagedDocument
	documents int
}

func (w *changeWriter) add(ctx context.Context, id string, rows []documentRow) error {
	w.documents++
	if len(rows) == 0 { // gone from 1C: a row with no client marks it
		w.batch = append(w.batch, stagedDocument{RunID: w.run, DocumentID: id})
	}
	for _, r := range rows {
		w.batch = append(w.batch, stagedDocument{RunID: w.run, DocumentID: id, ClientID: r.ClientID, DocumentType: r.DocumentType,
			Period: r.Period, Day: r.Day, NetKop: r.NetKop, DiscountKop: r.DiscountKop, QuantityMilli: r.QuantityMilli, Lines: r.Lines})
	}
	if len(w.batch) >= insertBatch {
		return w.flush(ctx)
	}
	return nil
}

func (w *changeWriter) flush(ctx context.Context) error {
	if len(w.batch) == 0 {
		return nil
	}
	err := w.store.db.InTx(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.NamedExecContext(ctx, w.store.q.StageChanges, w.batch)
		return err
	})
	if err != nil {
		return fmt.Errorf("mirror: stage changes: %w", err)
	}
	w.batch = w.batch[:0]
	return nil
}

// swapDocuments writes the documents diffStaging found different, except those pushed
// since the sync began (a push is newer than what the sync read), and drops the KPI
// blobs of their months. The first sync into an empty mirror inserts the staging as it is.
func (s *Store) swapDocuments(ctx context.Context, tx *sqlx.Tx, run int64, empty bool, began time.Time, months []month) error {
	if err := s.lockPushes(ctx, tx, true); err != nil {
		return err
	}
	steps := []struct {
		what, query string
		args        []any
	}{
		{"delete changed documents", s.q.DeleteChanged, []any{run, began.UTC()}},
		{"insert changed documents", s.q.InsertChanged, []any{run, began.UTC()}},
	}
	if empty {
		steps = steps[1:]
		steps[0].what, steps[0].query, steps[0].args = "insert documents", s.q.InsertStaged, []any{run}
	}
	for _, st := range steps {
		if _, err := tx.ExecContext(ctx, st.query, st.args...); err != nil {
			return fmt.Errorf("mirror: %s: %w", st.what, err)
		}
	}
	return s.dropKPIMonths(ctx, tx, months)
}

// swapClients replaces the client catalog with the staged one and returns its size.
func (s *Store) swapClients(ctx context.Context, tx *sqlx.Tx, run int64, now time.Time) (int64, error) {
	if _, err := tx.ExecContext(ctx, s.q.ReplaceClients, now.UTC(), run); err != nil {
		return 0, fmt.Errorf("mirror: update clients: %w", err)
	}
	if _, err := tx.ExecContext(ctx, s.q.DeleteGoneClients, run); err != nil {
		return 0, fmt.Errorf("mirror: delete clients gone from 1C: %w", err)
	}
	var n int64
	if err := tx.GetContext(ctx, &n, s.q.CountStagedClients, run); err != nil {
		return 0, fmt.Errorf("mirror: count clients: %w", err)
	}
	return n, nil
}
