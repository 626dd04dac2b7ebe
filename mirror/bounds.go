package mirror

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/rfm9/rfm9/lifecycle"
)

// BoundsVersion is one saved set of bounds with who saved it and when.
type BoundsVersion struct {
	Version   int64
	Bounds    lifecycle.Bounds
	ChangedBy string
	ChangedAt time.Time
}

type boundsRow struct {
	Version   int64     `db:"version"`
	Bounds    string    `db:"bounds"`
	ChangedBy string    `db:"changed_by"`
	ChangedAt time.Time `db:"changed_at"`
}

func (r boundsRow) decode() (BoundsVersion, error) {
	v := BoundsVersion{Version: r.Version, ChangedBy: r.ChangedBy, ChangedAt: r.ChangedAt}
	if err := json.Unmarshal([]byte(r.Bounds), &v.Bounds); err != nil {
		return v, fmt.Errorf("mirror: bounds version %d: %w", r.Version, err)
	}
	return v, nil
}

// CurrentBounds returns the bounds in force: the last saved version, or def (version 0)
// before anyone saved any.
func (s *Store) CurrentBounds(ctx context.Context, def lifecycle.Bounds) (BoundsVersion, error) {
	var r boundsRow
	err := s.db.GetContext(ctx, &r, s.q.CurrentBounds)
	if errors.Is(err, sql.ErrNoRows) {
		return BoundsVersion{Bounds: def}, nil
	}
	if err != nil {
		return BoundsVersion{}, fmt.Errorf("mirror: current bounds: %w", err)
	}
	return r.decode()
}

// SaveBounds keeps a new version of the bounds; the next recompute uses it.
func (s *Store) SaveBounds(ctx context.Context, b lifecycle.Bounds, who string, now time.Time) (int64, error) {
	if err := b.Validate(); err != nil {
		return 0, err
	}
	data, err := json.Marshal(b)
	if err != nil {
		return 0, fmt.Errorf("mirror: save bounds: %w", err)
	}
	var v int64
	if err := s.db.GetContext(ctx, &v, s.q.SaveBounds, string(data), who, now.UTC()); err != nil {
		return 0, fmt.Errorf("mirror: save bounds: %w", err)
	}
	return v, nil
}

// BoundsHistory lists the saved versions, newest first (the last 100).
func (s *Store) BoundsHistory(ctx context.Context) ([]BoundsVersion, error) {
	var rows []boundsRow
	if err := s.db.SelectContext(ctx, &rows, s.q.BoundsHistory); err != nil {
		return nil, fmt.Errorf("mirror: bounds history: %w", err)
	}
	out := make([]BoundsVersion, 0, len(rows))
	for _, r := range rows {
		v, err := r.decode()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// Ledger reads the whole mirror into a ledger, for suggestions (which need every
// purchase; previews classify the results instead, see PreviewMatrix). It reads
// outside a transaction: SQLite's would hold off every writer until it ends.
func (s *Store) Ledger(ctx context.Context, loc *time.Location) (*lifecycle.Ledger, error) {
	l, _, err := s.readLedger(ctx, s.db, loc, nil)
	return l, err
}
