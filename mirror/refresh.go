package mirror

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/onec"
)

// A recompute runs in two steps so that pushes do not queue behind it. It computes the
// new results from a read snapshot of the store (a WAL reader in SQLite, repeatable
// read in PostgreSQL: no write lock for the tens of seconds of reading and
// classifying), then writes only what differs from the current results, a chunk of
// results a transaction (writeRefresh), and last the matrix, the KPI months and the
// journal in one short transaction (applyRefresh). Pushes that commit while it computes
// or writes are in pushed_changes: the recompute leaves their clients' results as the
// pushes wrote them and their months' KPI blobs dropped, and the clients are then
// re-segmented under the new matrix a few hundred a transaction (settlePushes).
//
// While the chunks are written, readers see some results already recomputed and the
// rest not yet, under the matrix before: for the seconds the chunks take (3-4 s after a
// day's sync, 9 s after a bounds change that moved 105k of 1M clients), the way a result
// that a push changed would look. A recompute that fails half way leaves the
// chunks it wrote, each correct for its client's documents, and the next one's
// comparison writes the rest. One recompute writes at a time (the "recompute" lock,
// across replicas too), and each chunk checks that no other finished since its
// snapshot, so two never interleave their chunks.

// refreshTries bounds how often a recompute starts over because another one (or a
// snapshot numbering new clients) wrote between its snapshot and its transaction.
const refreshTries = 3

// errRefreshRaced means the store's results changed under a recompute's snapshot.
var errRefreshRaced = errors.New("mirror: the results changed while they were recomputed")

// refresh is a recompute's results, computed from one snapshot of the store.
type refresh struct {
	asOf       lifecycle.Day
	version    int64 // the bounds version classified with
	classifier *lifecycle.Classifier
	matrix     lifecycle.Matrix
	ledger     *lifecycle.Ledger // every document, read only to backfill the snapshots
	ids        []string          // the clients tallied, by ClientStats.Client
	numbers    *clientNumbers
	months     *kpiMonths
	documents  int64
	segmented  int
	writes     []resultWrite // results new, changed or gone since the snapshot's
	fresh      bool          // no results before: the mirror's first recompute
	seen       journalMark
	pushes     pushes   // the journal's rows since the snapshot, as the writes found them
	pushed     []string // clients pushed since the snapshot, re-segmented after the write
	gen        generation
}

// resultWrite is a result to write (or, gone, to delete) and, when the client had one,
// what it was.
type resultWrite struct {
	segmentRow
	was  *segmentRow
	gone bool
}

// move is the client's code before and after the write ("" for none).
func (w *resultWrite) move() (from, to string) {
	if w.was != nil {
		from = w.was.Code
	}
	if !w.gone {
		to = w.Code
	}
	return from, to
}

// generation identifies the state a recompute started from: the matrix it replaces (its
// computed_at) and the size of the client numbering it extends. Both change only by a
// recompute or a snapshot.
type generation struct {
	matrix  string
	numbers int
}

func (s *Store) generationOf(ctx context.Context, tx *sqlx.Tx) (generation, error) {
	var g generation
	err := tx.GetContext(ctx, &g.matrix, s.q.MatrixStamp)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return g, fmt.Errorf("mirror: recompute: %w", err)
	}
	g.numbers, err = s.countNumbers(ctx, tx)
	return g, err
}

// recompute classifies every client as of asOf under the saved bounds (b until some are
// saved) and replaces the lifecycle results, then runs then (may be nil) in the same
// transaction, told the clients segmented and the documents read; the first time, it
// also backfills the month-end snapshots. It returns the clients segmented and the
// documents read.
func (s *Store) recompute(ctx context.Context, loc *time.Location, b lifecycle.Bounds, asOf lifecycle.Day, then func(tx *sqlx.Tx, segmented int, documents int64) error) (int, int64, error) {
	s.refreshMu.Lock()
	defer s.refreshMu.Unlock()
	for try := 1; ; try++ {
		start := time.Now()
		r, err := s.computeRefresh(ctx, loc, b, asOf)
		if err != nil {
			return 0, 0, err
		}
		if s.beforeApply != nil {
			s.beforeApply()
		}
		computed := time.Now()
		err = s.writeRefresh(ctx, r, then)
		s.dropCachedMatrix()
		if err == nil {
			written := time.Now()
			s.settlePushes(ctx, r)
			n, moved, left := r.tally()
			slog.Info("results recomputed", "as_of", asOf, "clients", r.segmented, "documents", r.documents,
				"written", n, "moved", moved, "left", left, "pushed_meanwhile", len(r.pushed),
				"read", computed.Sub(start).Round(time.Millisecond), "write", written.Sub(computed).Round(time.Millisecond),
				"settle", time.Since(written).Round(time.Millisecond))
		}
		if errors.Is(err, errRefreshRaced) && try < refreshTries {
			slog.Info("recomputing again: the results changed meanwhile", "try", try)
			continue
		}
		return r.segmented, r.documents, err
	}
}

// computeRefresh reads the store in one snapshot and computes the results and what
// differs from the current ones. Clients are tallied from the documents read in client
// order (memory grows with clients, not documents); KPI month blobs are built for the
// months that have none. Only the first recompute, which backfills the month-end
// snapshots from history, reads every document into a ledger.
func (s *Store) computeRefresh(ctx context.Context, loc *time.Location, b lifecycle.Bounds, asOf lifecycle.Day) (*refresh, error) {
	tx, err := s.db.BeginTxx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return nil, fmt.Errorf("mirror: recompute: %w", err)
	}
	defer tx.Rollback() // read only: nothing to commit
	r := &refresh{asOf: asOf}
	if r.gen, err = s.generationOf(ctx, tx); err != nil {
		return nil, err
	}
	if r.seen, err = s.seenPushes(ctx, tx); err != nil {
		return nil, err
	}
	if r.numbers, err = s.loadNumbers(ctx, tx); err != nil {
		return nil, err
	}
	r.months = newKPIMonths(r.numbers)
	var snapshots int
	if err := tx.GetContext(ctx, &snapshots, s.sq.CountAll); err != nil {
		return nil, fmt.Errorf("mirror: count snapshots: %w", err)
	}
	if snapshots == 0 {
		if r.ledger, r.documents, err = s.readLedger(ctx, tx, loc, r.months); err != nil {
			return nil, err
		}
	} else if err := s.buildKPIMonths(ctx, tx, r.months); err != nil {
		return nil, err
	}
	saved, err := s.CurrentBounds(ctx, b)
	if err != nil {
		return nil, err
	}
	r.version = saved.Version
	if r.classifier, err = lifecycle.NewClassifier(saved.Bounds); err != nil {
		return nil, fmt.Errorf("mirror: bounds: %w", err)
	}
	stats, skipped, err := s.clientStats(ctx, tx, asOf, r)
	if err != nil {
		return nil, err
	}
	var codes []lifecycle.Code
	r.matrix, codes = r.classifier.Classify(asOf, stats, skipped, nil)
	r.segmented = len(stats)
	current, err := s.currentResults(ctx, tx)
	if err != nil {
		return nil, err
	}
	r.diff(stats, codes, current)
	return r, nil
}

// clientStats is every client's stats as of asOf: from the ledger when the first
// recompute has read one, otherwise tallied from the covering index.
func (s *Store) clientStats(ctx context.Context, tx *sqlx.Tx, asOf lifecycle.Day, r *refresh) ([]lifecycle.ClientStats, lifecycle.Skipped, error) {
	if r.ledger == nil {
		tally, err := s.tallyClients(ctx, tx, asOf, r)
		if err != nil {
			return nil, lifecycle.Skipped{}, err
		}
		return tally.Stats, tally.Skipped, nil
	}
	r.ids = make([]string, r.ledger.Clients())
	for i := range r.ids {
		r.ids[i] = r.ledger.Client(uint32(i)).ID
	}
	stats, skipped := r.ledger.Stats(asOf)
	return stats, skipped, nil
}

// tallyClients reads every document in client order (the covering index of pushes) and
// tallies each client's stats; r.ids gets every client's id, by Client.
func (s *Store) tallyClients(ctx context.Context, tx *sqlx.Tx, asOf lifecycle.Day, r *refresh) (*lifecycle.Tally, error) {
	rows, err := tx.QueryContext(ctx, s.q.DocumentsByClient)
	if err != nil {
		return nil, fmt.Errorf("mirror: read documents: %w", err)
	}
	defer rows.Close()
	tally := &lifecycle.Tally{AsOf: asOf}
	var id sql.RawBytes // a string per client, not per document
	var day int32
	var net int64
	docs := make([]lifecycle.DocumentTotal, 0, 64)
	current := ""
	flush := func() {
		if len(docs) > 0 && current != "" && current != onec.EmptyRef {
			tally.Add(docs)
			r.ids = append(r.ids, current)
		}
		docs = docs[:0]
	}
	for rows.Next() {
		if err := rows.Scan(&id, &day, &net); err != nil {
			return nil, fmt.Errorf("mirror: read documents: %w", err)
		}
		if string(id) != current {
			flush()
			current = string(id)
		}
		docs = append(docs, lifecycle.DocumentTotal{Day: lifecycle.Day(day), Net: net})
		r.documents++
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("mirror: read documents: %w", err)
	}
	flush()
	return tally, nil
}

// resultKey is what a recompute compares of a client's result: a row changes only when
// one of these does.
type resultKey struct {
	code        string
	purchases   int
	monetary    int64
	first, last int32
}

// currentResult is a client's current result as a recompute compares it.
type currentResult struct {
	resultKey
	id string
}

// currentResults reads the current results by client key.
func (s *Store) currentResults(ctx context.Context, tx *sqlx.Tx) (map[lifecycle.ClientKey]currentResult, error) {
	rows, err := tx.QueryContext(ctx, s.q.AllResults)
	if err != nil {
		return nil, fmt.Errorf("mirror: read results: %w", err)
	}
	defer rows.Close()
	out := map[lifecycle.ClientKey]currentResult{}
	var c currentResult
	for rows.Next() {
		if err := rows.Scan(&c.id, &c.code, &c.purchases, &c.monetary, &c.first, &c.last); err != nil {
			return nil, fmt.Errorf("mirror: read results: %w", err)
		}
		out[lifecycle.KeyOf(c.id)] = c
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("mirror: read results: %w", err)
	}
	return out, nil
}

// diff lists the rows to write and the codes that moved; current is consumed.
func (r *refresh) diff(stats []lifecycle.ClientStats, codes []lifecycle.Code, current map[lifecycle.ClientKey]currentResult) {
	r.fresh = len(current) == 0
	for i := range stats {
		st, code := &stats[i], codes[i]
		id := r.ids[st.Client]
		key := lifecycle.KeyOf(id)
		next := resultKey{code: code.String(), purchases: st.Purchases, monetary: st.Monetary, first: int32(st.First), last: int32(st.Last)}
		was, had := current[key]
		delete(current, key)
		if had && was.resultKey == next {
			continue
		}
		w := resultWrite{segmentRow: segmentRow{ClientID: id, Code: next.code, R: int(code.R), F: int(code.F), M: int(code.M),
			Purchases: st.Purchases, MonetaryKop: st.Monetary, FirstDay: next.first, LastDay: next.last}}
		if had {
			w.was = &segmentRow{ClientID: was.id, Code: was.code, Purchases: was.purchases, MonetaryKop: was.monetary, FirstDay: was.first, LastDay: was.last}
		}
		r.writes = append(r.writes, w)
	}
	for _, was := range current {
		r.writes = append(r.writes, resultWrite{segmentRow: segmentRow{ClientID: was.id},
			was: &segmentRow{ClientID: was.id, Code: was.code}, gone: true})
	}
}

// tally counts the writes for the log: results written, codes moved (a client that
// left included), results deleted.
func (r *refresh) tally() (written, moved, left int) {
	for i := range r.writes {
		if from, to := r.writes[i].move(); from != to {
			moved++
		}
		if r.writes[i].gone {
			left++
		}
	}
	return len(r.writes) - left, moved, left
}

// resultChunk is how many results one transaction of a recompute writes: pushes wait
// for one chunk, not for all of a day's changes (10-20 thousand results took 3-5 s in
// one transaction on the 1M-client store). The mirror's first recompute writes all in
// one: nobody reads results that do not exist yet, and on 1M clients chunks took 70 s
// against 37 s, each commit writing again the table pages the chunk before wrote.
const resultChunk = 500

// writeRefresh writes a computed refresh under the recompute lock: the results a chunk a
// transaction (all in one the first time), then the rest and then (may be nil) in one.
func (s *Store) writeRefresh(ctx context.Context, r *refresh, then func(tx *sqlx.Tx, segmented int, documents int64) error) error {
	unlock, err := s.db.Lock(ctx, "recompute")
	if err != nil {
		return err
	}
	defer unlock()
	// In code order, as the list indexes start with the code: their pages are then
	// written a few at a time rather than at random.
	slices.SortFunc(r.writes, func(a, b resultWrite) int {
		return cmp.Or(strings.Compare(a.Code, b.Code), strings.Compare(a.ClientID, b.ClientID))
	})
	r.pushes = pushes{clients: map[string]bool{}, months: map[month]bool{}, last: r.seen.last}
	size := cmp.Or(s.resultChunk, resultChunk)
	if r.fresh {
		size = max(len(r.writes), 1)
	}
	for from := 0; from < len(r.writes); from += size {
		chunk := r.writes[from:min(from+size, len(r.writes))]
		start := time.Now()
		err := s.db.InTx(ctx, func(tx *sqlx.Tx) error {
			if err := s.sinceSnapshot(ctx, tx, r); err != nil {
				return err
			}
			return s.writeResults(ctx, tx, chunk, r.asOf, r.pushes.clients)
		})
		if err != nil {
			return err
		}
		if s.afterChunk != nil {
			s.afterChunk(r.writes[:from+len(chunk)], r.writes[from+len(chunk):])
		}
		// Pushes first, but for no longer than the chunk took: the recompute gets at
		// least half of the writer.
		s.pushes.yield(time.Since(start))
	}
	return s.db.InTx(ctx, func(tx *sqlx.Tx) error {
		if err := s.applyRefresh(ctx, tx, r); err != nil {
			return err
		}
		if then != nil {
			return then(tx, r.segmented, r.documents)
		}
		return nil
	})
}

// sinceSnapshot starts a write of the recompute: it holds the pushes off (lockPushes),
// checks that no other recompute or snapshot wrote since the snapshot, and adds the
// pushes since to r.pushes.
func (s *Store) sinceSnapshot(ctx context.Context, tx *sqlx.Tx, r *refresh) error {
	if err := s.lockPushes(ctx, tx, true); err != nil {
		return err
	}
	gen, err := s.generationOf(ctx, tx)
	if err != nil {
		return err
	}
	if gen != r.gen {
		return errRefreshRaced
	}
	return s.pushedSince(ctx, tx, r.seen, &r.pushes)
}

// applyRefresh ends a recompute's writes: the KPI months and the numbering, the matrix;
// the clients pushed since the snapshot are listed for settlePushes.
func (s *Store) applyRefresh(ctx context.Context, tx *sqlx.Tx, r *refresh) error {
	if err := s.sinceSnapshot(ctx, tx, r); err != nil {
		return err
	}
	if err := s.saveKPIMonths(ctx, tx, r.months, r.pushes.months); err != nil {
		return err
	}
	if err := s.saveMatrix(ctx, tx, &r.matrix); err != nil {
		return err
	}
	r.pushed = slices.Sorted(maps.Keys(r.pushes.clients))
	if err := s.backfillSnapshots(ctx, tx, r.ledger, r.numbers, r.classifier, r.version, r.asOf); err != nil {
		return err
	}
	return s.forgetPushes(ctx, tx, r.pushes.last)
}

// settleBatch is how many pushed clients one transaction re-segments after a recompute:
// small, so that pushes interleave with them.
const settleBatch = 200

// settlePushes re-segments the clients pushed while a recompute read, under the matrix
// it saved: their pushes placed them under the matrix before. It runs after the
// recompute's transaction, a few hundred clients a transaction, so that the write lock
// is never held for all of them at once. Their results meanwhile are their documents'
// under the previous cuts; if this stops half way (the process ends), the next
// recompute's comparison rewrites them.
func (s *Store) settlePushes(ctx context.Context, r *refresh) {
	for from := 0; from < len(r.pushed); from += settleBatch {
		batch := r.pushed[from:min(from+settleBatch, len(r.pushed))]
		err := s.inPushTx(ctx, func(tx *sqlx.Tx, m *lifecycle.Matrix, ok bool) error {
			for _, c := range batch {
				if _, _, err := s.resegment(ctx, tx, c, r.asOf, m, ok); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			slog.Warn("clients pushed during a recompute keep their codes until the next", "clients", len(r.pushed)-from, "err", err)
			return
		}
	}
}

// writeResults writes the changed results and records the moves, leaving out the
// clients pushed since the snapshot (re-segmented after).
func (s *Store) writeResults(ctx context.Context, tx *sqlx.Tx, writes []resultWrite, asOf lifecycle.Day, skip map[string]bool) error {
	for i := range writes {
		w := &writes[i]
		if skip[w.ClientID] {
			continue
		}
		var err error
		if w.gone {
			err = s.txExec(ctx, tx, s.q.DeleteSegment, w.ClientID)
		} else {
			err = s.saveSegment(ctx, tx, w.was, &w.segmentRow)
		}
		if err != nil {
			return fmt.Errorf("mirror: result of %s: %w", w.ClientID, err)
		}
		if from, to := w.move(); from != to {
			if err := s.recordChange(ctx, tx, w.ClientID, asOf, from, to); err != nil {
				return err
			}
		}
	}
	return nil
}
