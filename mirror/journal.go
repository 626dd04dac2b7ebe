package mirror

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/rfm9/rfm9/store"
)

// pushed_changes is the journal of what pushes touched since the last recompute: each
// push adds a row per client and month it changed, and a recompute deletes the rows it
// accounted for (see refresh.go).

// journalPush records the clients and months a pushed document touched.
func (s *Store) journalPush(ctx context.Context, tx *sqlx.Tx, clients []string, months []month) error {
	for _, c := range clients {
		for _, m := range months {
			if err := s.txExec(ctx, tx, s.q.JournalPush, c, int32(m)); err != nil {
				return fmt.Errorf("mirror: journal a push for %s: %w", c, err)
			}
		}
	}
	return nil
}

// lockPushes orders pushes against a recompute's or a swap's writes in PostgreSQL, where
// writers do not wait for each other as in SQLite: a push takes the journal's lock
// shared before its first write (exclusive false), a recompute or a swap takes it
// exclusive. So a recompute sees every push that committed before it, no push commits
// while it writes, and the two never deadlock on the rows both touch.
func (s *Store) lockPushes(ctx context.Context, tx *sqlx.Tx, exclusive bool) error {
	if s.db.Dialect != store.Postgres {
		return nil // SQLite: one writer at a time already
	}
	mode := "ROW EXCLUSIVE"
	if exclusive {
		mode = "EXCLUSIVE"
	}
	if _, err := tx.ExecContext(ctx, "LOCK TABLE pushed_changes IN "+mode+" MODE"); err != nil {
		return fmt.Errorf("mirror: lock pushes: %w", err)
	}
	return nil
}

// journalMark is how far into the journal a snapshot saw.
type journalMark struct {
	last int64          // the last row seen
	ids  map[int64]bool // PostgreSQL: every row seen
}

// seenPushes marks the journal rows a snapshot sees: the pushes in its documents. In
// SQLite rows commit in the order of their ids (one writer, ids taken under its lock),
// so the last id seen says it all. In PostgreSQL a push with a lower id can commit
// after one with a higher id, so the ids themselves are kept.
func (s *Store) seenPushes(ctx context.Context, tx *sqlx.Tx) (journalMark, error) {
	var mark journalMark
	if s.db.Dialect != store.Postgres {
		if err := tx.GetContext(ctx, &mark.last, s.q.JournalLast); err != nil {
			return mark, fmt.Errorf("mirror: read pushes: %w", err)
		}
		return mark, nil
	}
	var ids []int64
	if err := tx.SelectContext(ctx, &ids, s.q.JournalIDs); err != nil {
		return mark, fmt.Errorf("mirror: read pushes: %w", err)
	}
	mark.ids = make(map[int64]bool, len(ids))
	for _, id := range ids {
		mark.ids[id], mark.last = true, max(mark.last, id)
	}
	return mark, nil
}

func (m journalMark) saw(id int64) bool {
	if m.ids != nil {
		return m.ids[id]
	}
	return id <= m.last
}

// pushes are the journal's rows a snapshot did not see.
type pushes struct {
	clients map[string]bool
	months  map[month]bool
	last    int64 // the journal's last row, seen or not
	// whole: the journal was read whole once (PostgreSQL). Rows added after that read
	// have higher ids than it saw: it held lockPushes exclusive, so every push that had
	// taken an id had committed, and ids taken later come later from the sequence.
	whole bool
}

// pushedSince adds to p the journal's rows a snapshot did not see, under lockPushes;
// p.last starts at the mark's and moves to the journal's last row. Only the rows after
// p.last are read, except PostgreSQL's first read, which reads all: there a push with a
// lower id than the snapshot saw may have committed after it. So a recompute writing in
// chunks reads each row about once.
func (s *Store) pushedSince(ctx context.Context, tx *sqlx.Tx, mark journalMark, p *pushes) error {
	var rows []struct {
		ID     int64  `db:"id"`
		Client string `db:"client_id"`
		Month  int32  `db:"month"`
	}
	after := p.last
	if mark.ids != nil && !p.whole {
		after, p.whole = 0, true
	}
	if err := tx.SelectContext(ctx, &rows, s.q.JournalAfter, after); err != nil {
		return fmt.Errorf("mirror: read pushes: %w", err)
	}
	for _, r := range rows {
		p.last = max(p.last, r.ID)
		if !mark.saw(r.ID) {
			p.clients[r.Client], p.months[month(r.Month)] = true, true
		}
	}
	return nil
}

// forgetPushes deletes the journal's rows up to last: a recompute has accounted for them.
func (s *Store) forgetPushes(ctx context.Context, tx *sqlx.Tx, last int64) error {
	if _, err := tx.ExecContext(ctx, s.q.ForgetPushes, last); err != nil {
		return fmt.Errorf("mirror: forget pushes: %w", err)
	}
	return nil
}
