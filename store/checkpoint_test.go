package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rfm9/rfm9/store"
)

// walSize writes 50 batches of 100 rows of 4 KiB (20 MiB in all, under the 40 MiB at
// which a commit would checkpoint by itself) with pauses, and returns the log's size.
func walSize(t *testing.T, checkpoints bool) int64 {
	path := filepath.Join(t.TempDir(), "rfm9.db")
	db, err := store.Open(context.Background(), "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		if checkpoints {
			db.Checkpoints(ctx, 5*time.Millisecond)
		}
		close(done)
	}()
	if _, err := db.Exec("CREATE TABLE t (v BLOB)"); err != nil {
		t.Fatal(err)
	}
	for range 50 {
		tx := db.MustBegin()
		for range 100 {
			tx.MustExec("INSERT INTO t VALUES (randomblob(4096))")
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(15 * time.Millisecond)
	}
	cancel()
	<-done
	st, err := os.Stat(path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	return st.Size()
}

// The background checkpoint keeps the log from growing with what is written: the next
// write after a complete checkpoint starts the log over.
func TestCheckpointsBoundTheLog(t *testing.T) {
	without, with := walSize(t, false), walSize(t, true)
	if without < 16<<20 {
		t.Fatalf("without checkpoints the log is %d bytes: the test writes too little to tell", without)
	}
	if with > 4<<20 {
		t.Fatalf("with checkpoints the log is %d bytes, without %d", with, without)
	}
}

// A stream of writes without pauses never lets a passive checkpoint finish before the
// next commit, so the log would grow with everything written: past its bound it is
// restarted between two writes, and nothing written is lost.
func TestCheckpointsRestartAStreamOfWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rfm9.db")
	db, err := store.Open(context.Background(), "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetWALRestart(1000) // 4 MiB
	if _, err := db.Exec("CREATE TABLE t (v BLOB)"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		db.Checkpoints(ctx, 5*time.Millisecond)
		close(done)
	}()
	var largest int64
	for range 100 { // 100 × 50 rows of 4 KiB: 20 MiB
		err := db.InTx(ctx, func(tx *sqlx.Tx) error {
			for range 50 {
				if _, err := tx.Exec("INSERT INTO t VALUES (randomblob(4096))"); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if st, err := os.Stat(path + "-wal"); err == nil {
			largest = max(largest, st.Size())
		}
	}
	cancel()
	<-done
	if largest > 12<<20 {
		t.Fatalf("the log grew to %d bytes with a bound of 4 MiB", largest)
	}
	var n int
	if err := db.Get(&n, "SELECT count(*) FROM t"); err != nil || n != 5000 {
		t.Fatalf("%d rows (%v), want 5000", n, err)
	}
}
