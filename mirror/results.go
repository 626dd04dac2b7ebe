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
	Code        string `db:"code"`
	R           int    `db:"r"`
	F           int    `db:"f"`
	M           int    `db:"m"`
	Purchases   int    `db:"purchases"`
	MonetaryKop int64  `db:"monetary_kop"`
	FirstDay    int32  `db:"first_day"`
	LastDay     int32  `db:"last_day"`
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
	return nil
}

// dropCachedMatrix makes the next CurrentMatrix read the store: called after a
// recompute's transaction ends, so that no push caches the matrix it replaced.
func (s *Store) dropCachedMatrix() {
	s.matrixMu.Lock()
	s.matrix = nil
	s.matrixMu.Unlock()
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
	return s.loadMatrix(ctx, s.db)
}

// matrixIn returns the matrix in force inside a push's transaction: the cached one
// only while it is still the store's. A matrix taken before the transaction could
// have been replaced by a recompute that committed while the push waited to write.
func (s *Store) matrixIn(ctx context.Context, tx *sqlx.Tx) (lifecycle.Matrix, bool, error) {
	var stamp string
	err := s.txGet(ctx, tx, &stamp, s.q.MatrixStamp)
	if errors.Is(err, sql.ErrNoRows) {
		return lifecycle.Matrix{}, false, nil
	}
	if err != nil {
		return lifecycle.Matrix{}, false, fmt.Errorf("mirror: read matrix: %w", err)
	}
	s.matrixMu.Lock()
	if s.matrix != nil && s.matrixStamp == stamp {
		m := *s.matrix
		s.matrixMu.Unlock()
		return m, true, nil
	}
	s.matrixMu.Unlock()
	return s.loadMatrix(ctx, tx)
}

// loadMatrix reads the matrix and caches it.
func (s *Store) loadMatrix(ctx context.Context, q sqlx.QueryerContext) (lifecycle.Matrix, bool, error) {
	var row struct {
		Data  string `db:"matrix"`
		Stamp string `db:"computed_at"`
	}
	var m lifecycle.Matrix
	err := sqlx.GetContext(ctx, q, &row, s.q.CurrentMatrix)
	if errors.Is(err, sql.ErrNoRows) {
		return m, false, nil
	}
	if err != nil {
		return m, false, fmt.Errorf("mirror: read matrix: %w", err)
	}
	if err := json.Unmarshal([]byte(row.Data), &m); err != nil {
		return m, false, fmt.Errorf("mirror: decode matrix: %w", err)
	}
	s.matrixMu.Lock()
	s.matrix, s.matrixAt, s.matrixStamp = &m, time.Now(), row.Stamp
	s.matrixMu.Unlock()
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
	if months != nil {
		months.allBuilt()
	}
	return ledger, n, nil
}
