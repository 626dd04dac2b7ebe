package mirror

import (
	"context"
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

// recompute reads the mirror inside tx, classifies every client as of asOf and replaces
// the lifecycle results. It returns the clients segmented and the documents read.
func (s *Store) recompute(ctx context.Context, tx *sqlx.Tx, loc *time.Location, b lifecycle.Bounds, asOf lifecycle.Day) (int, int64, error) {
	ledger, docs, err := s.readLedger(ctx, tx, loc)
	if err != nil {
		return 0, 0, err
	}
	c, err := lifecycle.NewClassifier(b)
	if err != nil {
		return 0, 0, fmt.Errorf("mirror: bounds: %w", err)
	}
	stats, skipped := ledger.Stats(asOf)
	_, codes := c.Classify(asOf, stats, skipped, nil)
	if _, err := tx.ExecContext(ctx, s.q.ClearSegments); err != nil {
		return 0, 0, fmt.Errorf("mirror: clear segments: %w", err)
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
			if _, err := tx.NamedExecContext(ctx, s.q.InsertSegments, rows); err != nil {
				return 0, 0, fmt.Errorf("mirror: write segments: %w", err)
			}
			rows = rows[:0]
		}
	}
	return len(stats), docs, nil
}

// readLedger streams the mirror's documents into a ledger.
func (s *Store) readLedger(ctx context.Context, tx *sqlx.Tx, loc *time.Location) (*lifecycle.Ledger, int64, error) {
	rows, err := tx.QueryxContext(ctx, s.q.AllDocuments)
	if err != nil {
		return nil, 0, fmt.Errorf("mirror: read documents: %w", err)
	}
	defer rows.Close()
	ledger := lifecycle.NewLedger(loc)
	batch := make([]onec.Sale, 0, 4096)
	var n int64
	for rows.Next() {
		var d stagedDocument
		if err := rows.StructScan(&d); err != nil {
			return nil, 0, fmt.Errorf("mirror: read documents: %w", err)
		}
		period, err := time.ParseInLocation(PeriodLayout, d.Period, loc)
		if err != nil {
			return nil, 0, fmt.Errorf("mirror: document %s period %q: %w", d.DocumentID, d.Period, err)
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
