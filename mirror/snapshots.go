package mirror

import (
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/onec"
)

// Snapshot kinds: how a snapshot came to be.
const (
	SnapshotBackfill = "backfill"  // computed from history by the first sync
	SnapshotMonthEnd = "month-end" // taken by the month-end job
	SnapshotManual   = "manual"    // asked for through the API or the CLI
)

// BackfillMonths is how far back month-end snapshots reach: the first sync computes them
// from history, so the dynamics show three years on day one.
const BackfillMonths = 36

// maxChain bounds how many bases a decode follows: a longer chain starts afresh,
// trading some space for a bounded read.
const maxChain = 12

//go:embed snapshots.sql
var snapshotsSQL string

// snapQueries are the snapshot store's named queries from snapshots.sql.
type snapQueries struct {
	List       string `query:"list-snapshots"`
	Chain      string `query:"snapshot-chain"`
	Matrix     string `query:"snapshot-matrix"`
	Matrices   string `query:"snapshot-matrices"`
	Codes      string `query:"snapshot-codes"`
	Insert     string `query:"insert-snapshot"`
	Delete     string `query:"delete-snapshot"`
	Rebase     string `query:"rebase-snapshot"`
	Keys       string `query:"snapshot-keys"`
	InsertKeys string `query:"insert-snapshot-keys"`
	CountAll   string `query:"count-snapshots"`
}

// SnapshotInfo describes one stored snapshot.
type SnapshotInfo struct {
	AsOf          lifecycle.Day `db:"as_of" json:"as_of"`
	Kind          string        `db:"kind" json:"kind"`
	BoundsVersion int           `db:"bounds_version" json:"bounds_version"`
	Clients       int           `db:"clients" json:"clients"`
	Monetary      int64         `db:"monetary_kop" json:"monetary_kop"`
	TakenAt       time.Time     `db:"taken_at" json:"taken_at"`
}

// ClientSnapshot is a client's code in one snapshot; "" is outside the matrix.
type ClientSnapshot struct {
	AsOf lifecycle.Day `json:"as_of"`
	Code string        `json:"code"`
}

// ListSnapshots returns every snapshot, oldest first.
func (s *Store) ListSnapshots(ctx context.Context) ([]SnapshotInfo, error) {
	out := []SnapshotInfo{}
	if err := s.db.SelectContext(ctx, &out, s.sq.List); err != nil {
		return nil, fmt.Errorf("mirror: list snapshots: %w", err)
	}
	return out, nil
}

// SnapshotMatrix returns a snapshot with its matrix; ErrNotFound when none is at day.
func (s *Store) SnapshotMatrix(ctx context.Context, day lifecycle.Day) (SnapshotInfo, lifecycle.Matrix, error) {
	var row struct {
		SnapshotInfo
		Matrix string `db:"matrix"`
	}
	var m lifecycle.Matrix
	err := s.db.GetContext(ctx, &row, s.sq.Matrix, int32(day))
	if errors.Is(err, sql.ErrNoRows) {
		return row.SnapshotInfo, m, ErrNotFound
	}
	if err != nil {
		return row.SnapshotInfo, m, fmt.Errorf("mirror: snapshot %s: %w", day, err)
	}
	if err := json.Unmarshal([]byte(row.Matrix), &m); err != nil {
		return row.SnapshotInfo, m, fmt.Errorf("mirror: snapshot %s matrix: %w", day, err)
	}
	return row.SnapshotInfo, m, nil
}

// Dynamics returns the group sizes of every snapshot from from to to, inclusive.
func (s *Store) Dynamics(ctx context.Context, from, to lifecycle.Day, g *lifecycle.Grouping) (lifecycle.Dynamics, error) {
	d := lifecycle.Dynamics{Level: g.Level, Groups: g.Groups, Points: []lifecycle.DynamicsPoint{}}
	rows, err := s.db.QueryContext(ctx, s.sq.Matrices, int32(from), int32(to))
	if err != nil {
		return d, fmt.Errorf("mirror: dynamics: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var asOf int32
		var version int
		var data []byte
		if err := rows.Scan(&asOf, &version, &data); err != nil {
			return d, fmt.Errorf("mirror: dynamics: %w", err)
		}
		var m lifecycle.Matrix
		if err := json.Unmarshal(data, &m); err != nil {
			return d, fmt.Errorf("mirror: snapshot %s matrix: %w", lifecycle.Day(asOf), err)
		}
		d.AddPoint(&m, version, g)
	}
	if err := rows.Err(); err != nil {
		return d, fmt.Errorf("mirror: dynamics: %w", err)
	}
	return d, nil
}

// Transitions counts the clients' moves between two snapshots; ErrNotFound when either
// date has none.
func (s *Store) Transitions(ctx context.Context, from, to lifecycle.Day, g *lifecycle.Grouping) (lifecycle.Transitions, error) {
	chain, err := s.loadChain(ctx, s.db)
	if err != nil {
		return lifecycle.Transitions{}, err
	}
	a, err := s.codesAt(ctx, s.db, chain, from)
	if err != nil {
		return lifecycle.Transitions{}, err
	}
	b, err := s.codesAt(ctx, s.db, chain, to)
	if err != nil {
		return lifecycle.Transitions{}, err
	}
	t := lifecycle.CountTransitions(a, b, g)
	t.From, t.To = from, to
	return t, nil
}

// ClientSnapshots returns a client's code in every snapshot, oldest first; empty when
// the client is in none.
func (s *Store) ClientSnapshots(ctx context.Context, id string) ([]ClientSnapshot, error) {
	out := []ClientSnapshot{}
	number, err := s.numberOf(ctx, lifecycle.KeyOf(onec.NormalizeRef(id)))
	if err != nil {
		return nil, err
	}
	if number < 0 {
		return out, nil
	}
	list, err := s.ListSnapshots(ctx)
	if err != nil {
		return nil, err
	}
	chain, err := s.loadChain(ctx, s.db)
	if err != nil {
		return nil, err
	}
	for _, info := range list {
		codes, err := s.codesAt(ctx, s.db, chain, info.AsOf)
		if err != nil {
			return nil, err
		}
		cs := ClientSnapshot{AsOf: info.AsOf}
		if c, ok := codeAt(codes, number).Code(); ok {
			cs.Code = c.String()
		}
		out = append(out, cs)
	}
	return out, nil
}

// link is where a snapshot's codes come from: changes against base, when hasBase.
type link struct {
	base    lifecycle.Day
	hasBase bool
	takenAt time.Time
}

func (s *Store) loadChain(ctx context.Context, q sqlx.QueryerContext) (map[lifecycle.Day]link, error) {
	rows, err := q.QueryxContext(ctx, s.sq.Chain)
	if err != nil {
		return nil, fmt.Errorf("mirror: snapshot chain: %w", err)
	}
	defer rows.Close()
	chain := map[lifecycle.Day]link{}
	for rows.Next() {
		var asOf int32
		var base sql.NullInt32
		var l link
		if err := rows.Scan(&asOf, &base, &l.takenAt); err != nil {
			return nil, fmt.Errorf("mirror: snapshot chain: %w", err)
		}
		l.base, l.hasBase = lifecycle.Day(base.Int32), base.Valid
		chain[lifecycle.Day(asOf)] = l
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("mirror: snapshot chain: %w", err)
	}
	return chain, nil
}

// depth is the number of bases a decode of day follows.
func depth(chain map[lifecycle.Day]link, day lifecycle.Day) int {
	n := 0
	for l := chain[day]; l.hasBase && n <= len(chain); l = chain[l.base] {
		n++
	}
	return n
}

// codesAt returns the full code array of the snapshot at day, decoding its chain of
// bases from the first; decoded arrays are cached and must not be modified.
func (s *Store) codesAt(ctx context.Context, q sqlx.QueryerContext, chain map[lifecycle.Day]link, day lifecycle.Day) ([]lifecycle.Packed, error) {
	var path []lifecycle.Day
	for d := day; ; {
		l, ok := chain[d]
		if !ok && d == day {
			return nil, ErrNotFound
		}
		if !ok || len(path) > len(chain) {
			return nil, fmt.Errorf("%w: snapshot %s: broken chain of bases", errCodes, day)
		}
		path = append(path, d)
		if !l.hasBase {
			break
		}
		d = l.base
	}
	var codes []lifecycle.Packed
	for i := len(path) - 1; i >= 0; i-- {
		key := codesKey{path[i], chain[path[i]].takenAt.UnixMicro()}
		if c, ok := s.snaps.get(key); ok {
			codes = c
			continue
		}
		var blob []byte
		if err := sqlx.GetContext(ctx, q, &blob, s.sq.Codes, int32(path[i])); err != nil {
			return nil, fmt.Errorf("mirror: snapshot %s codes: %w", path[i], err)
		}
		next, err := decodeCodes(blob, codes)
		if err != nil {
			return nil, fmt.Errorf("snapshot %s: %w", path[i], err)
		}
		codes = next
		s.snaps.put(key, codes)
	}
	return codes, nil
}

// loadKeys returns the client keys of the snapshot numbering, by number.
func (s *Store) loadKeys(ctx context.Context, q sqlx.QueryerContext) ([]lifecycle.ClientKey, error) {
	rows, err := q.QueryxContext(ctx, s.sq.Keys)
	if err != nil {
		return nil, fmt.Errorf("mirror: snapshot clients: %w", err)
	}
	defer rows.Close()
	var keys []lifecycle.ClientKey
	for rows.Next() {
		var first int
		var blob []byte
		if err := rows.Scan(&first, &blob); err != nil {
			return nil, fmt.Errorf("mirror: snapshot clients: %w", err)
		}
		if first != len(keys) {
			return nil, fmt.Errorf("mirror: snapshot clients: chunk at %d after %d keys", first, len(keys))
		}
		chunk, err := splitKeys(blob)
		if err != nil {
			return nil, err
		}
		keys = append(keys, chunk...)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("mirror: snapshot clients: %w", err)
	}
	return keys, nil
}
