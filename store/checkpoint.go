package store

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"
)

// walRestartFrames is the log's size (256 MiB of 4 KiB pages) past which Checkpoints
// makes way for it to start over under a write load that never pauses. A larger log
// restarts less often but crowds the database out of the system's file cache.
const walRestartFrames = 65536

// walHoldAnyway is how many times walRestartFrames the log may grow to while the disk
// cannot catch up with the writers, before they are held however long it takes.
const walHoldAnyway = 4

// walCatchUp is how quick a sync of the database file must have been for the writers
// to be held for the last checkpoint before the log starts over.
const walCatchUp = 40 * time.Millisecond

// Checkpoints copies SQLite's write-ahead log back into the database every interval
// until ctx ends (PostgreSQL needs nothing of the kind).
//
// The writer connection does not checkpoint meanwhile: a commit that does waits for the
// copy and the fsync of the database file, hundreds of milliseconds, and under a steady
// stream of pushes it did so on every commit once the log had passed the threshold
// (POST /sales's p99 was 250 ms). The log starts over when a write begins with all of
// it copied back, which a steady stream never allows: a passive checkpoint copies what
// was committed before it began while more is committed. So past walRestartFrames the
// checkpoints here catch up with the writers (see checkpoint), and the last copies what was
// committed meanwhile with the writers held: a stall of tens of milliseconds.
func (db *DB) Checkpoints(ctx context.Context, interval time.Duration) {
	if db.Dialect != SQLite {
		return
	}
	if err := db.writerCheckpoints(ctx, 0); err != nil {
		slog.Warn("wal checkpoint", "err", err)
		return
	}
	defer db.writerCheckpoints(context.WithoutCancel(ctx), walAutocheckpoint)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := db.checkpoint(ctx); err != nil && ctx.Err() == nil {
				slog.Warn("wal checkpoint", "err", err)
			}
		}
	}
}

// checkpoint runs one passive checkpoint and, when the log has grown past walRestart,
// catches up with the writers until the log can start over.
func (db *DB) checkpoint(ctx context.Context) error {
	frames, _, err := db.passive(ctx)
	if err != nil || frames < db.walRestart {
		return err
	}
	// A checkpoint syncs the database file only when it has copied the whole log, which
	// under a steady stream only the one holding the writers does: it would write to
	// disk every page the passes before it copied. So each pass here is followed by a
	// sync of the file, with the writers running; each copies what was committed during
	// the one before, and the passes get quicker as long as the disk outpaces the
	// writers. The held one is left the pages of the last.
	var took time.Duration
	for pass := 0; pass < 4; pass++ {
		start := time.Now()
		if err := db.syncFile(ctx); err != nil {
			return err
		}
		if took = time.Since(start); took < walCatchUp {
			break
		}
		if _, _, err := db.passive(ctx); err != nil {
			return err
		}
	}
	if took >= walCatchUp && frames < walHoldAnyway*db.walRestart {
		// The disk is behind the writers: holding them now would stall them for as long
		// as the last sync took. Try again at the next tick.
		slog.Debug("wal left to grow: the disk is behind the writers", "frames", frames, "last_sync", took.Round(time.Millisecond))
		return nil
	}
	db.writes.Lock()
	defer db.writes.Unlock()
	_, held, err := db.passive(ctx)
	if err != nil {
		return err
	}
	slog.Debug("wal copied back for a restart", "frames", frames, "last_sync", took.Round(time.Millisecond), "writers_held", held.Round(time.Millisecond))
	return nil
}

// passive runs a passive checkpoint and returns the log's size in frames and how long
// the checkpoint took.
func (db *DB) passive(ctx context.Context) (int64, time.Duration, error) {
	start := time.Now()
	var busy, frames, copied int64
	if err := db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &frames, &copied); err != nil {
		return 0, 0, fmt.Errorf("store: checkpoint: %w", err)
	}
	return frames, time.Since(start), nil
}

// writerCheckpoints sets the log size past which the writer's commits checkpoint (0:
// never), on the writer connection now and on any that replaces it.
func (db *DB) writerCheckpoints(ctx context.Context, pages int) error {
	db.writes.Lock()
	defer db.writes.Unlock()
	conn, err := db.writerConn(ctx)
	if err != nil {
		return err
	}
	db.writerMu.Lock()
	defer db.writerMu.Unlock()
	db.walPages = pages
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", pages)); err != nil {
		return fmt.Errorf("store: wal_autocheckpoint: %w", err)
	}
	return nil
}

// syncFile writes the database file's pages cached by the system to disk.
func (db *DB) syncFile(ctx context.Context) error {
	var path string
	if err := db.GetContext(ctx, &path, "SELECT file FROM pragma_database_list WHERE name = 'main'"); err != nil {
		return fmt.Errorf("store: database file: %w", err)
	}
	if path == "" {
		return nil // in memory
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("store: sync the database file: %w", err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("store: sync the database file: %w", err)
	}
	return nil
}
