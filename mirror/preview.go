package mirror

import (
	"context"
	"database/sql"
	"fmt"
	"math"

	"github.com/jmoiron/sqlx"

	"github.com/rfm9/rfm9/lifecycle"
)

// PreviewMatrix is the matrix under bounds b as of asOf, nothing saved: the what-if
// before new bounds are saved. It gives what classifying every document would, but
// reads the current results instead: client_segments holds each buying client's
// purchases, M and last purchase as of its as_of, and recency is re-aged to asOf from
// the last purchase. Only the clients with a document dated after the oldest results
// (future-dated at the last recompute) are read from their documents, and the clients
// left out are counted from the documents, so pushes since the recompute are in the
// answer.
func (s *Store) PreviewMatrix(ctx context.Context, b lifecycle.Bounds, asOf lifecycle.Day) (lifecycle.Matrix, error) {
	c, err := lifecycle.NewClassifier(b)
	if err != nil {
		return lifecycle.Matrix{}, err
	}
	// Counting the clients with documents costs about what reading the results does,
	// so it runs beside it, on another connection. Like the documents read before,
	// the two may straddle a push; on a quiet store they agree exactly.
	counted := make(chan clientCount, 1)
	go func() { counted <- s.countClients(ctx, asOf) }()
	stats, err := s.previewStats(ctx, asOf)
	n := <-counted
	if err == nil {
		err = n.err
	}
	if err != nil {
		return lifecycle.Matrix{}, err
	}
	// The ledger counts every client with a document: those without a purchase up to
	// asOf are the ones the results lack, split by whether any document is that old.
	skipped := lifecycle.Skipped{NotYet: n.notYet, NoPurchase: max(0, n.all-n.notYet-len(stats))}
	m, _ := c.Classify(asOf, stats, skipped, nil)
	return m, nil
}

// clientCount is how many clients have documents, and how many have them all after
// the preview's day.
type clientCount struct {
	all, notYet int
	err         error
}

func (s *Store) countClients(ctx context.Context, asOf lifecycle.Day) clientCount {
	var n clientCount
	if err := s.db.GetContext(ctx, &n.all, s.q.PreviewClientCount); err != nil {
		n.err = fmt.Errorf("mirror: preview: count clients: %w", err)
		return n
	}
	if err := s.db.GetContext(ctx, &n.notYet, s.q.PreviewNotYet, int32(asOf), int32(asOf)); err != nil {
		n.err = fmt.Errorf("mirror: preview: count clients: %w", err)
	}
	return n
}

// previewStats lists every client's stats as of asOf, in one snapshot of the store.
func (s *Store) previewStats(ctx context.Context, asOf lifecycle.Day) ([]lifecycle.ClientStats, error) {
	// Read only: SQLite begins it deferred (no write lock; WAL lets writers on), and
	// repeatable read gives PostgreSQL's statements one snapshot too.
	tx, err := s.db.BeginTxx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return nil, fmt.Errorf("mirror: preview: %w", err)
	}
	defer tx.Rollback() // read only: nothing to commit
	var oldest sql.NullInt32
	if err := tx.GetContext(ctx, &oldest, s.q.PreviewOldestResult); err != nil {
		return nil, fmt.Errorf("mirror: preview: %w", err)
	}
	// A result reflects its client's documents up to its as_of; documents dated in
	// (from, to] may be missing from some, so their clients are read from documents.
	from, to := int32(math.MinInt32), int32(asOf)
	if oldest.Valid {
		from, to = min(oldest.Int32, int32(asOf)), max(oldest.Int32, int32(asOf))
	}
	stats, err := s.changedClients(ctx, tx, asOf, from, to)
	if err != nil {
		return nil, err
	}
	return s.resultStats(ctx, tx, stats, asOf, from, to, len(stats) > 0)
}

// changedClients computes, from their documents and by the ledger's rules, the stats
// as of asOf of the clients with a document dated in (from, to]: usually none, as the
// results are recomputed daily.
func (s *Store) changedClients(ctx context.Context, tx *sqlx.Tx, asOf lifecycle.Day, from, to int32) ([]lifecycle.ClientStats, error) {
	var docs []struct {
		Client string `db:"client_id"`
		lifecycle.DocumentTotal
	}
	if err := tx.SelectContext(ctx, &docs, s.q.PreviewChangedDocuments, from, to); err != nil {
		return nil, fmt.Errorf("mirror: preview: documents: %w", err)
	}
	var stats []lifecycle.ClientStats
	one := make([]lifecycle.DocumentTotal, 0, 16)
	for i := range docs { // ordered by client
		one = append(one, docs[i].DocumentTotal)
		if i+1 < len(docs) && docs[i+1].Client == docs[i].Client {
			continue
		}
		if st, ok := lifecycle.StatsOf(one, asOf); ok {
			stats = append(stats, st)
		}
		one = one[:0]
	}
	return stats, nil
}

// resultStats appends the stats of every other client from its current result,
// recency re-aged to asOf. Classifying needs F, R and M only: First is not read, and
// Client is left 0, as no ledger numbers these clients.
func (s *Store) resultStats(ctx context.Context, tx *sqlx.Tx, stats []lifecycle.ClientStats, asOf lifecycle.Day, from, to int32, except bool) ([]lifecycle.ClientStats, error) {
	query, args := s.q.PreviewResults, []any(nil)
	if except {
		query, args = s.q.PreviewResultsExcept, []any{from, to}
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("mirror: preview: results: %w", err)
	}
	defer rows.Close()
	var purchases, last int32
	var monetary int64
	for rows.Next() {
		// Scan into integers, not structs: this reads every client.
		if err := rows.Scan(&purchases, &monetary, &last); err != nil {
			return nil, fmt.Errorf("mirror: preview: results: %w", err)
		}
		stats = append(stats, lifecycle.ClientStats{Last: lifecycle.Day(last),
			Purchases: int(purchases), Monetary: monetary, Recency: int(asOf) - int(last)})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("mirror: preview: results: %w", err)
	}
	return stats, nil
}
