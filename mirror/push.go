package mirror

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/store"
)

// Pushed is a document 1C sends as soon as it is posted, re-posted or cancelled.
type Pushed struct {
	DocumentID   string
	DocumentType string
	ClientID     string
	Period       time.Time // in the base's time zone
	Posted       bool      // false: cancelled (un-posted or deleted), its records are gone
	Version      int64     // grows with every change of the document in 1C
	NetKop       int64
	DiscountKop  int64
	QuantityMill int64
	Lines        int
}

// Applied is what a push did to the client's segment.
type Applied struct {
	Applied  bool   // false: a duplicate or an older version, nothing changed
	ClientID string //
	Code     string // the client's code now; "" when the client has no purchase
	Previous string // the code before, when it changed
}

// Push applies one document to the mirror and recomputes the segments of the clients it
// touches, in one transaction. The same version twice changes nothing, and an older
// version never overwrites a newer one, so 1C's retried, duplicated and reordered
// deliveries are safe. On SQLite, pushes that arrive together commit together
// (pushgroup.go).
func (s *Store) Push(ctx context.Context, d Pushed, loc *time.Location, now time.Time) (Applied, error) {
	if s.db.Dialect == store.SQLite {
		return s.pushes.push(ctx, s, pushCall{d: d, loc: loc, now: now})
	}
	return s.pushAlone(ctx, pushCall{d: d, loc: loc, now: now})
}

// pushAlone applies one document in its own transaction.
func (s *Store) pushAlone(ctx context.Context, c pushCall) (Applied, error) {
	res, err := s.PushBatch(ctx, []Pushed{c.d}, c.loc, c.now)
	if err != nil {
		return Applied{}, err
	}
	return res.single(c.d), nil
}

// single is the result of a batch of one document, d.
func (res BatchResult) single(d Pushed) Applied {
	out := res.Clients[d.ClientID]
	out.ClientID, out.Applied = d.ClientID, res.Applied[0]
	return out
}

// BatchResult is what a batch of pushes did: per document whether it applied, per client
// its code now (and before, when it changed).
type BatchResult struct {
	Applied []bool
	Clients map[string]Applied
}

// PushBatch applies documents in order, in one transaction (a queue backlog from 1C),
// recomputing each touched client once at the end.
func (s *Store) PushBatch(ctx context.Context, docs []Pushed, loc *time.Location, now time.Time) (BatchResult, error) {
	var res BatchResult
	err := s.inPushTx(ctx, func(tx *sqlx.Tx, m *lifecycle.Matrix, haveMatrix bool) error {
		var err error
		res, err = s.pushUnder(ctx, tx, docs, loc, now, m, haveMatrix)
		return err
	})
	return res, err
}

// inPushTx runs fn in a write transaction that pushes may share with a recompute's
// journal (lockPushes), with the matrix in force read inside it.
func (s *Store) inPushTx(ctx context.Context, fn func(tx *sqlx.Tx, m *lifecycle.Matrix, haveMatrix bool) error) error {
	return s.db.InTx(ctx, func(tx *sqlx.Tx) error {
		if err := s.lockPushes(ctx, tx, false); err != nil {
			return err
		}
		m, haveMatrix, err := s.matrixIn(ctx, tx)
		if err != nil {
			return err
		}
		return fn(tx, &m, haveMatrix)
	})
}

// pushUnder applies documents inside tx under matrix m.
func (s *Store) pushUnder(ctx context.Context, tx *sqlx.Tx, docs []Pushed, loc *time.Location, now time.Time, m *lifecycle.Matrix, haveMatrix bool) (BatchResult, error) {
	res := BatchResult{Applied: make([]bool, len(docs)), Clients: map[string]Applied{}}
	if s.pushFault != nil {
		if err := s.pushFault(docs); err != nil {
			return res, err
		}
	}
	touched := map[string]bool{}
	for i, d := range docs {
		applied, clients, err := s.pushOne(ctx, tx, d, now)
		if err != nil {
			return res, err
		}
		res.Applied[i] = applied
		touched[d.ClientID] = touched[d.ClientID] || applied
		for _, c := range clients {
			touched[c] = true
		}
	}
	asOf := lifecycle.DayOf(now.In(loc))
	// In one order, as resegment takes each client's lock (PostgreSQL).
	for _, c := range slices.Sorted(maps.Keys(touched)) {
		changed := touched[c]
		a := Applied{ClientID: c}
		if !changed {
			if err := s.currentCode(ctx, tx, &a); err != nil {
				return res, err
			}
			res.Clients[c] = a
			continue
		}
		code, prev, err := s.resegment(ctx, tx, c, asOf, m, haveMatrix)
		if err != nil {
			return res, err
		}
		a.Applied, a.Code = true, code
		if prev != code {
			a.Previous = prev
		}
		res.Clients[c] = a
	}
	return res, nil
}

// pushOne claims the document's version and, when it is newer, replaces the document;
// it returns whether it applied and the clients whose segment may change.
func (s *Store) pushOne(ctx context.Context, tx *sqlx.Tx, d Pushed, now time.Time) (bool, []string, error) {
	var claimed string
	err := s.txGet(ctx, tx, &claimed, s.q.ClaimVersion, d.DocumentID, d.Version, d.Posted, now.UTC())
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil, nil // not newer: a duplicate or a late older version
	}
	if err != nil {
		return false, nil, fmt.Errorf("mirror: push %s: %w", d.DocumentID, err)
	}
	touched, err := s.replaceDocument(ctx, tx, d)
	return true, touched, err
}

func (s *Store) currentCode(ctx context.Context, tx *sqlx.Tx, res *Applied) error {
	err := s.txGet(ctx, tx, &res.Code, s.q.CurrentCode, res.ClientID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	return err
}

// replaceDocument swaps the document's row for the new one and returns every client
// whose segment may change: the new client and any the document belonged to before.
func (s *Store) replaceDocument(ctx context.Context, tx *sqlx.Tx, d Pushed) ([]string, error) {
	var rows []struct {
		ClientID string `db:"client_id"`
		Day      int32  `db:"day"`
	}
	if err := s.txSelect(ctx, tx, &rows, s.q.DocumentClients, d.DocumentID); err != nil {
		return nil, fmt.Errorf("mirror: push %s: %w", d.DocumentID, err)
	}
	if err := s.txExec(ctx, tx, s.q.DeleteDocument, d.DocumentID); err != nil {
		return nil, fmt.Errorf("mirror: push %s: %w", d.DocumentID, err)
	}
	touched := make([]string, 0, len(rows)+1)
	days := make([]int32, 0, len(rows)+1)
	for _, r := range rows {
		touched, days = append(touched, r.ClientID), append(days, r.Day)
	}
	if d.Posted {
		row := stagedDocument{DocumentID: d.DocumentID, ClientID: d.ClientID, DocumentType: d.DocumentType,
			Period: d.Period.Format(PeriodLayout), Day: int32(lifecycle.DayOf(d.Period)), NetKop: d.NetKop,
			DiscountKop: d.DiscountKop, QuantityMilli: d.QuantityMill, Lines: max(d.Lines, 1)}
		if err := s.txNamedExec(ctx, tx, s.q.InsertDocument, row); err != nil {
			return nil, fmt.Errorf("mirror: push %s: %w", d.DocumentID, err)
		}
		days = append(days, row.Day)
	}
	months := monthsOf(days)
	if err := s.dropKPIMonths(ctx, tx, months); err != nil {
		return nil, err
	}
	touched = append(touched, d.ClientID)
	slices.Sort(touched)
	touched = slices.Compact(touched)
	return touched, s.journalPush(ctx, tx, touched, months)
}

// resegment recomputes one client from its documents under the current matrix's bounds
// and money limits, and returns the new and the previous code.
func (s *Store) resegment(ctx context.Context, tx *sqlx.Tx, client string, asOf lifecycle.Day, m *lifecycle.Matrix, haveMatrix bool) (string, string, error) {
	// In PostgreSQL two pushes of one client's documents run side by side: without the
	// turn both read the code before either wrote, and the history got the move twice.
	if err := s.db.TxLock(ctx, tx, "client:"+onec.NormalizeRef(client)); err != nil {
		return "", "", err
	}
	var prev segmentRow
	err := s.txGet(ctx, tx, &prev, s.q.CurrentSegment, client)
	had := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", "", fmt.Errorf("mirror: segment of %s: %w", client, err)
	}
	var docs []lifecycle.DocumentTotal
	if err := s.txSelect(ctx, tx, &docs, s.q.ClientDocuments, client); err != nil {
		return "", "", fmt.Errorf("mirror: documents of %s: %w", client, err)
	}
	st, ok := lifecycle.StatsOf(docs, asOf)
	if !ok || !haveMatrix {
		// No purchase left, or no matrix yet: the first sync will place the client.
		if err := s.txExec(ctx, tx, s.q.DeleteSegment, client); err != nil {
			return "", "", fmt.Errorf("mirror: segment of %s: %w", client, err)
		}
		return "", prev.Code, s.recordChange(ctx, tx, client, asOf, prev.Code, "")
	}
	code := m.CodeOf(st)
	row := segmentRow{ClientID: onec.NormalizeRef(client), Code: code.String(),
		R: int(code.R), F: int(code.F), M: int(code.M), Purchases: st.Purchases, MonetaryKop: st.Monetary,
		FirstDay: int32(st.First), LastDay: int32(st.Last)}
	was := &prev
	if !had {
		was = nil
	}
	if err := s.saveSegment(ctx, tx, was, &row); err != nil {
		return "", "", fmt.Errorf("mirror: segment of %s: %w", client, err)
	}
	return row.Code, prev.Code, s.recordChange(ctx, tx, client, asOf, prev.Code, row.Code)
}

// saveSegment writes a client's result: row whole when the client had none (old nil),
// else the columns of row that differ from old. Every list index starts with the code
// and one of the numbers: a column set, even to its own value, rewrites the entries of
// every index it is in, and a push (or a recompute after new documents) usually leaves
// the code as it was, so writing only what changed spares a page or more per result.
func (s *Store) saveSegment(ctx context.Context, tx *sqlx.Tx, old, row *segmentRow) error {
	if old == nil {
		return s.txNamedExec(ctx, tx, s.q.UpsertSegment, row)
	}
	var set []string
	var args []any
	if old.Code != row.Code {
		set = append(set, "code = ?", "r = ?", "f = ?", "m = ?")
		args = append(args, row.Code, row.R, row.F, row.M)
	}
	for _, c := range []struct {
		name     string
		old, new int64
	}{
		{"purchases", int64(old.Purchases), int64(row.Purchases)},
		{"monetary_kop", old.MonetaryKop, row.MonetaryKop},
		{"first_day", int64(old.FirstDay), int64(row.FirstDay)},
		{"last_day", int64(old.LastDay), int64(row.LastDay)},
	} {
		if c.old != c.new {
			set = append(set, c.name+" = ?")
			args = append(args, c.new)
		}
	}
	if len(set) == 0 {
		return nil
	}
	query := s.db.Rebind("UPDATE client_segments SET " + strings.Join(set, ", ") + " WHERE client_id = ?")
	return s.txExec(ctx, tx, query, append(args, old.ClientID)...)
}

func (s *Store) recordChange(ctx context.Context, tx *sqlx.Tx, client string, asOf lifecycle.Day, from, to string) error {
	if from == to {
		return nil
	}
	if err := s.txExec(ctx, tx, s.q.RecordChange, client, int32(asOf), from, to, time.Now().UTC()); err != nil {
		return fmt.Errorf("mirror: history of %s: %w", client, err)
	}
	return nil
}
