package store

import (
	"context"
	"log/slog"
	"time"
)

// Checkpoints copies SQLite's write-ahead log back into the database every interval
// until ctx ends (PostgreSQL needs nothing of the kind). Left to itself, SQLite
// checkpoints inside the commit that fills the log past a threshold, and that commit —
// one of 1C's pushes — waits for it: the slowest percentile of POST /sales. A passive
// checkpoint here never blocks the writer or the readers, so the threshold is rarely
// reached on the request path; a process without this (a CLI sync) still has it.
func (db *DB) Checkpoints(ctx context.Context, interval time.Duration) {
	if db.Dialect != SQLite {
		return
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := db.ExecContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)"); err != nil && ctx.Err() == nil {
				slog.Warn("wal checkpoint", "err", err)
			}
		}
	}
}
