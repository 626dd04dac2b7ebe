package mirror

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rfm9/rfm9/lifecycle"
)

// keysPerChunk bounds one row of snapshot_clients (1 MiB of keys).
const keysPerChunk = 1 << 16

// ErrFutureSnapshot means a snapshot was asked for a date that has not ended yet.
var ErrFutureSnapshot = errors.New("mirror: a snapshot must be as of a day before today")

// TakeMonthEnds snapshots every month-end that is due: each of the last BackfillMonths
// complete months, from the first purchase's on, that has no snapshot yet. Idempotent:
// the month-end job runs it, and months missed while the service was down catch up.
func (s *Syncer) TakeMonthEnds(ctx context.Context) (int, error) {
	return s.takeSnapshots(ctx, nil, SnapshotMonthEnd)
}

// TakeSnapshot snapshots the matrix as of day, a day before today, replacing any taken
// as of that day before.
func (s *Syncer) TakeSnapshot(ctx context.Context, day lifecycle.Day) error {
	if day >= lifecycle.DayOf(s.Now().In(s.Location)) {
		return ErrFutureSnapshot
	}
	_, err := s.takeSnapshots(ctx, []lifecycle.Day{day}, SnapshotManual)
	return err
}

// takeSnapshots computes snapshots from the mirror (the month-ends due when dates is
// nil) under the sync lock, so that it never runs beside a sync or on two replicas.
func (s *Syncer) takeSnapshots(ctx context.Context, dates []lifecycle.Day, kind string) (int, error) {
	unlock, err := s.Store.syncLock(ctx)
	if err != nil {
		return 0, err
	}
	defer unlock()
	// The documents are read outside the write transaction: on SQLite that holds every
	// writer, and 1C's pushes must not wait for a read of the whole mirror.
	ledger, _, err := s.Store.readLedger(ctx, s.Store.db, s.Location, nil)
	if err != nil {
		return 0, err
	}
	saved, err := s.Store.CurrentBounds(ctx, s.Bounds)
	if err != nil {
		return 0, err
	}
	c, err := lifecycle.NewClassifier(saved.Bounds)
	if err != nil {
		return 0, fmt.Errorf("mirror: bounds: %w", err)
	}
	today := lifecycle.DayOf(s.Now().In(s.Location))
	var n int
	err = s.Store.db.InTx(ctx, func(tx *sqlx.Tx) error {
		if dates == nil {
			chain, err := s.Store.loadChain(ctx, tx)
			if err != nil {
				return err
			}
			dates = dueMonthEnds(ledger, today, chain)
			if len(chain) == 0 {
				kind = SnapshotBackfill
			}
		}
		n, err = s.Store.writeSnapshots(ctx, tx, ledger, nil, c, saved.Version, dates, kind, s.Now())
		return err
	})
	return n, err
}

// backfillSnapshots computes the month-end snapshots from history when there are none:
// on the first sync, inside its transaction, from the ledger it has read anyway.
func (s *Store) backfillSnapshots(ctx context.Context, tx *sqlx.Tx, ledger *lifecycle.Ledger, nums *clientNumbers, c *lifecycle.Classifier, version int64, today lifecycle.Day) error {
	var n int
	if err := tx.GetContext(ctx, &n, s.sq.CountAll); err != nil {
		return fmt.Errorf("mirror: count snapshots: %w", err)
	}
	if n > 0 {
		return nil
	}
	_, err := s.writeSnapshots(ctx, tx, ledger, nums, c, version, dueMonthEnds(ledger, today, nil), SnapshotBackfill, time.Now())
	return err
}

// dueMonthEnds lists the month-ends of the last BackfillMonths complete months before
// today, from the first purchase's month on, that have no snapshot in chain.
func dueMonthEnds(ledger *lifecycle.Ledger, today lifecycle.Day, chain map[lifecycle.Day]link) []lifecycle.Day {
	first, _, ok := ledger.Span()
	if !ok || first >= today {
		return nil
	}
	var ends []lifecycle.Day
	for _, end := range lifecycle.MonthEnds(first, today-1) {
		if end < today {
			ends = append(ends, end)
		}
	}
	ends = ends[max(0, len(ends)-BackfillMonths):]
	due := ends[:0]
	for _, end := range ends {
		if _, ok := chain[end]; !ok {
			due = append(due, end)
		}
	}
	return due
}

// writeSnapshots computes the snapshots as of dates in one pass over the ledger and
// saves them, each as changes against the latest earlier snapshot; a snapshot already
// at one of the dates is replaced.
// nums is the client numbering when the caller has it loaded, or nil.
func (s *Store) writeSnapshots(ctx context.Context, tx *sqlx.Tx, ledger *lifecycle.Ledger, nums *clientNumbers, c *lifecycle.Classifier, version int64, dates []lifecycle.Day, kind string, now time.Time) (int, error) {
	if len(dates) == 0 {
		return 0, nil
	}
	if nums == nil {
		var err error
		if nums, err = s.loadNumbers(ctx, tx); err != nil {
			return 0, err
		}
	}
	numbers, err := s.numberClients(ctx, tx, ledger, nums)
	if err != nil {
		return 0, err
	}
	size := nums.size()
	chain, err := s.loadChain(ctx, tx)
	if err != nil {
		return 0, err
	}
	for _, d := range dates {
		if _, ok := chain[d]; ok {
			if err := s.dropSnapshot(ctx, tx, chain, d); err != nil {
				return 0, err
			}
		}
	}
	now = now.UTC().Truncate(time.Microsecond)
	w := snapshotWriter{s: s, tx: tx, chain: chain, numbers: numbers, size: size, version: version, kind: kind, now: now}
	if err := ledger.Snapshots(dates, c, func(m lifecycle.Matrix, stats []lifecycle.ClientStats, codes []lifecycle.Code) error {
		return w.write(ctx, &m, stats, codes)
	}); err != nil {
		return 0, fmt.Errorf("mirror: %w", err)
	}
	return w.written, nil
}

// snapshotWriter saves the snapshots of one pass, keeping the last one's codes: it is
// the next one's base.
type snapshotWriter struct {
	s       *Store
	tx      *sqlx.Tx
	chain   map[lifecycle.Day]link
	numbers []uint32 // client number per ledger client
	size    int      // client numbers in use
	version int64
	kind    string
	now     time.Time

	last      lifecycle.Day
	lastCodes []lifecycle.Packed
	written   int
}

func (w *snapshotWriter) write(ctx context.Context, m *lifecycle.Matrix, stats []lifecycle.ClientStats, codes []lifecycle.Code) error {
	arr := make([]lifecycle.Packed, w.size)
	for j := range stats {
		arr[w.numbers[stats[j].Client]] = lifecycle.Pack(codes[j])
	}
	base, hasBase := baseFor(w.chain, m.AsOf)
	var baseCodes []lifecycle.Packed
	if hasBase {
		if w.written > 0 && base == w.last {
			baseCodes = w.lastCodes
		} else {
			var err error
			if baseCodes, err = w.s.codesAt(ctx, w.tx, w.chain, base); err != nil {
				return err
			}
		}
	}
	blob, err := encodeCodes(arr, baseCodes)
	if err != nil {
		return err
	}
	data, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("encode matrix: %w", err)
	}
	var monetary int64
	for _, c := range lifecycle.Cells() {
		monetary += m.Cell(c).Monetary
	}
	var baseArg any
	if hasBase {
		baseArg = int32(base)
	}
	if _, err := w.tx.ExecContext(ctx, w.s.sq.Insert, int32(m.AsOf), w.kind, w.version, m.Clients, monetary,
		string(data), baseArg, blob, w.now); err != nil {
		return fmt.Errorf("save snapshot: %w", err)
	}
	w.chain[m.AsOf] = link{base: base, hasBase: hasBase, takenAt: w.now}
	w.last, w.lastCodes = m.AsOf, arr
	w.written++
	return nil
}

// baseFor picks the base of a new snapshot at day: the latest earlier one, unless its
// chain is already as long as a decode should follow.
func baseFor(chain map[lifecycle.Day]link, day lifecycle.Day) (lifecycle.Day, bool) {
	var best lifecycle.Day
	found := false
	for d := range chain {
		if d < day && (!found || d > best) {
			best, found = d, true
		}
	}
	if !found || depth(chain, best)+1 >= maxChain {
		return 0, false
	}
	return best, true
}

// dropSnapshot deletes the snapshot at day, first rewriting the snapshots based on it
// as full arrays so that they stay readable.
func (s *Store) dropSnapshot(ctx context.Context, tx *sqlx.Tx, chain map[lifecycle.Day]link, day lifecycle.Day) error {
	for d, l := range chain {
		if !l.hasBase || l.base != day {
			continue
		}
		codes, err := s.codesAt(ctx, tx, chain, d)
		if err != nil {
			return err
		}
		blob, err := encodeCodes(codes, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.sq.Rebase, blob, int32(d)); err != nil {
			return fmt.Errorf("mirror: rebase snapshot %s: %w", d, err)
		}
		chain[d] = link{takenAt: l.takenAt}
	}
	if _, err := tx.ExecContext(ctx, s.sq.Delete, int32(day)); err != nil {
		return fmt.Errorf("mirror: replace snapshot %s: %w", day, err)
	}
	delete(chain, day)
	return nil
}

// numberClients gives every ledger client its number, saving the new ones.
func (s *Store) numberClients(ctx context.Context, tx *sqlx.Tx, ledger *lifecycle.Ledger, n *clientNumbers) ([]uint32, error) {
	numbers := make([]uint32, ledger.Clients())
	for i := range numbers {
		numbers[i] = n.of(ledger.Key(uint32(i)))
	}
	return numbers, s.saveNumbers(ctx, tx, n)
}
