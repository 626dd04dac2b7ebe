package mirror

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/onec"
)

// segmentRow is one client's lifecycle result, as written to client_segments.
type segmentRow struct {
	ClientID    string `db:"client_id"`
	AsOf        int32  `db:"as_of"`
	Code        string `db:"code"`
	R           int    `db:"r"`
	F           int    `db:"f"`
	M           int    `db:"m"`
	Purchases   int    `db:"purchases"`
	MonetaryKop int64  `db:"monetary_kop"`
	FirstDay    int32  `db:"first_day"`
	LastDay     int32  `db:"last_day"`
	Recency     int    `db:"recency_days"`
}

// recompute reads the mirror inside tx, classifies every client as of asOf under the
// saved bounds (b until some are saved) and replaces the lifecycle results; the first
// time, it also backfills the month-end snapshots. It returns the clients segmented and
// the documents read.
func (s *Store) recompute(ctx context.Context, tx *sqlx.Tx, loc *time.Location, b lifecycle.Bounds, asOf lifecycle.Day) (int, int64, error) {
	nums, err := s.loadNumbers(ctx, tx)
	if err != nil {
		return 0, 0, err
	}
	months := newKPIMonths(nums)
	ledger, docs, err := s.readLedger(ctx, tx, loc, months)
	if err != nil {
		return 0, 0, err
	}
	if err := s.saveKPIMonths(ctx, tx, months); err != nil {
		return 0, 0, err
	}
	saved, err := s.CurrentBounds(ctx, b)
	if err != nil {
		return 0, 0, err
	}
	c, err := lifecycle.NewClassifier(saved.Bounds)
	if err != nil {
		return 0, 0, fmt.Errorf("mirror: bounds: %w", err)
	}
	stats, skipped := ledger.Stats(asOf)
	m, codes := c.Classify(asOf, stats, skipped, nil)
	if err := s.saveMatrix(ctx, tx, &m); err != nil {
		return 0, 0, err
	}
	if _, err := tx.ExecContext(ctx, s.q.ClearNextSegments); err != nil {
		return 0, 0, fmt.Errorf("mirror: clear next segments: %w", err)
	}
	rows := make([]segmentRow, 0, insertBatch)
	for i := range stats {
		st, code := &stats[i], codes[i]
		rows = append(rows, segmentRow{
			ClientID: ledger.Client(st.Client).ID, AsOf: int32(asOf), Code: code.String(),
			R: int(code.R), F: int(code.F), M: int(code.M), Purchases: st.Purchases, MonetaryKop: st.Monetary,
			FirstDay: int32(st.First), LastDay: int32(st.Last), Recency: st.Recency,
		})
		if len(rows) == insertBatch || i == len(stats)-1 {
			if _, err := tx.NamedExecContext(ctx, s.q.InsertNextSegments, rows); err != nil {
				return 0, 0, fmt.Errorf("mirror: write segments: %w", err)
			}
			rows = rows[:0]
		}
	}
	if err := s.promoteSegments(ctx, tx, asOf); err != nil {
		return 0, 0, err
	}
	if err := s.backfillSnapshots(ctx, tx, ledger, nums, c, saved.Version, asOf); err != nil {
		return 0, 0, err
	}
	return len(stats), docs, nil
}

func (s *Store) saveMatrix(ctx context.Context, tx *sqlx.Tx, m *lifecycle.Matrix) error {
	data, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("mirror: encode matrix: %w", err)
	}
	if _, err := tx.ExecContext(ctx, s.q.ClearMatrix); err != nil {
		return fmt.Errorf("mirror: clear matrix: %w", err)
	}
	if _, err := tx.ExecContext(ctx, s.q.InsertMatrix, int32(m.AsOf), string(data), time.Now().UTC()); err != nil {
		return fmt.Errorf("mirror: save matrix: %w", err)
	}
	s.matrixMu.Lock()
	s.matrix = nil
	s.matrixMu.Unlock()
	return nil
}

// promoteSegments records every client whose code changed (or who left the matrix) and
// makes the next results the current ones.
func (s *Store) promoteSegments(ctx context.Context, tx *sqlx.Tx, asOf lifecycle.Day) error {
	now := time.Now().UTC()
	steps := []struct {
		what, query string
		args        []any
	}{
		{"record changed codes", s.q.RecordChanged, []any{now}},
		{"record dropped codes", s.q.RecordDropped, []any{int32(asOf), now}},
		{"clear segments", s.q.ClearSegments, nil},
		{"promote segments", s.q.PromoteNext, nil},
		{"clear next segments", s.q.ClearNextSegments, nil},
	}
	for _, st := range steps {
		if _, err := tx.ExecContext(ctx, st.query, st.args...); err != nil {
			return fmt.Errorf("mirror: %s: %w", st.what, err)
		}
	}
	return nil
}

// CurrentMatrix returns the matrix of the current results; ok is false before the first sync.
func (s *Store) CurrentMatrix(ctx context.Context) (lifecycle.Matrix, bool, error) {
	s.matrixMu.Lock()
	if s.matrix != nil && time.Since(s.matrixAt) < matrixTTL {
		m := *s.matrix
		s.matrixMu.Unlock()
		return m, true, nil
	}
	s.matrixMu.Unlock()
	m, ok, err := s.readMatrix(ctx)
	if ok {
		s.matrixMu.Lock()
		s.matrix, s.matrixAt = &m, time.Now()
		s.matrixMu.Unlock()
	}
	return m, ok, err
}

func (s *Store) readMatrix(ctx context.Context) (lifecycle.Matrix, bool, error) {
	var data string
	var m lifecycle.Matrix
	err := s.db.GetContext(ctx, &data, s.q.CurrentMatrix)
	if errors.Is(err, sql.ErrNoRows) {
		return m, false, nil
	}
	if err != nil {
		return m, false, fmt.Errorf("mirror: read matrix: %w", err)
	}
	if err := json.Unmarshal([]byte(data), &m); err != nil {
		return m, false, fmt.Errorf("mirror: decode matrix: %w", err)
	}
	return m, true, nil
}

// readLedger streams the mirror's documents into a ledger, and into months when given.
func (s *Store) readLedger(ctx context.Context, q sqlx.QueryerContext, loc *time.Location, months *kpiMonths) (*lifecycle.Ledger, int64, error) {
	rows, err := q.QueryxContext(ctx, s.q.AllDocuments)
	if err != nil {
		return nil, 0, fmt.Errorf("mirror: read documents: %w", err)
	}
	defer rows.Close()
	ledger := lifecycle.NewLedger(loc)
	batch := make([]onec.Sale, 0, 4096)
	var n int64
	var d stagedDocument
	for rows.Next() {
		// Scan, not StructScan: this reads every document of the mirror, and reflection
		// per row is a measurable share of a recompute.
		err := rows.Scan(&d.ClientID, &d.DocumentID, &d.DocumentType, &d.Period, &d.Day, &d.NetKop, &d.DiscountKop, &d.QuantityMilli, &d.Lines)
		if err != nil {
			return nil, 0, fmt.Errorf("mirror: read documents: %w", err)
		}
		period, err := time.ParseInLocation(PeriodLayout, d.Period, loc)
		if err != nil {
			return nil, 0, fmt.Errorf("mirror: document %s period %q: %w", d.DocumentID, d.Period, err)
		}
		if months != nil {
			months.add(d.ClientID, lifecycle.Day(d.Day), d.NetKop, d.DiscountKop, d.Lines)
		}
		batch = append(batch, onec.Sale{ClientID: d.ClientID, DocumentID: d.DocumentID, DocumentType: d.DocumentType,
			Period: period, Amount: d.NetKop, Quantity: d.QuantityMilli, Discount: d.DiscountKop, Lines: d.Lines})
		if len(batch) == cap(batch) {
			ledger.Add(batch)
			batch = batch[:0]
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("mirror: read documents: %w", err)
	}
	ledger.Add(batch)
	ledger.Close()
	return ledger, n, nil
}
