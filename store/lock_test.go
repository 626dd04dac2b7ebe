package store_test

import (
	"context"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rfm9/rfm9/store"
	"github.com/rfm9/rfm9/store/storetest"
)

// A held lock keeps the next holder waiting until it is released.
func TestLockWaitsForTheHolder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		unlock, err := db.Lock(ctx, "recompute")
		if err != nil {
			t.Fatal(err)
		}
		var released, second atomic.Bool
		done := make(chan error)
		go func() {
			unlock2, err := db.Lock(ctx, "recompute")
			if err == nil {
				second.Store(released.Load())
				unlock2()
			}
			done <- err
		}()
		time.Sleep(100 * time.Millisecond)
		released.Store(true)
		unlock()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if !second.Load() {
			t.Error("the second holder got the lock while the first held it")
		}
	})
}

// Advisory locks belong to the whole PostgreSQL database: a store in another schema
// (another installation, or a test running beside) must not wait for this one's.
func TestLocksAreTheSchemas(t *testing.T) {
	dsn := os.Getenv("RFM9_TEST_PG_DSN")
	if dsn == "" {
		t.Skip("RFM9_TEST_PG_DSN not set")
	}
	ctx := context.Background()
	one, other := storetest.Postgres(t, dsn), storetest.Postgres(t, dsn)
	unlock, ok, err := one.TryLock(ctx, "sync")
	if err != nil || !ok {
		t.Fatalf("first lock: %v %v", ok, err)
	}
	defer unlock()
	if _, ok, err := one.TryLock(ctx, "sync"); err != nil || ok {
		t.Errorf("the same schema's lock taken twice: %v %v", ok, err)
	}
	unlock2, ok, err := other.TryLock(ctx, "sync")
	if err != nil || !ok {
		t.Fatalf("another schema's lock: %v %v; want it free", ok, err)
	}
	unlock2()
}
