package mirror

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/store"
	"github.com/rfm9/rfm9/store/storetest"
)

// blockingSource stops in the middle of a read until released, so a test can see a
// sync running.
type blockingSource struct {
	inner   onec.Source
	started chan struct{}
	release chan struct{}
}

func (b *blockingSource) Sales(ctx context.Context, p onec.Period, fn func([]onec.Sale) error) error {
	close(b.started)
	<-b.release
	return b.inner.Sales(ctx, p, fn)
}

func TestOneSyncAtATime(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		src := &blockingSource{inner: &memSource{sales: history(), batch: 5}, started: make(chan struct{}), release: make(chan struct{})}
		first := &Runner{Syncer: newSyncer(t, db, src, "2026-11-01")}
		// A second replica: its own runner and store handle on the same database.
		second := &Runner{Syncer: newSyncer(t, db, &memSource{sales: history(), batch: 5}, "2026-11-01")}
		if err := first.Start(context.Background(), true); err != nil {
			t.Fatal(err)
		}
		<-src.started
		if !first.State().Running {
			t.Error("the state does not say a sync is running")
		}
		if err := first.Start(context.Background(), false); !errors.Is(err, ErrBusy) {
			t.Errorf("a second sync in the same process: %v, want ErrBusy", err)
		}
		if db.Dialect == store.Postgres {
			if _, err := second.Run(context.Background(), false); !errors.Is(err, ErrBusy) {
				t.Errorf("a sync on another replica: %v, want ErrBusy", err)
			}
			if _, err := second.Syncer.Reage(context.Background()); !errors.Is(err, ErrBusy) {
				t.Errorf("re-aging on another replica during a sync: %v, want ErrBusy", err)
			}
		}
		close(src.release)
		for first.State().Running {
			time.Sleep(time.Millisecond)
		}
		if st := first.State(); st.Last == nil || st.LastError != "" || st.Last.Documents != 23 {
			t.Errorf("after the sync: %+v", st)
		}
		if _, err := second.Run(context.Background(), false); err != nil {
			t.Errorf("the other replica after the first finished: %v", err)
		}
	})
}
