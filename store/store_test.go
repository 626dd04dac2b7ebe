package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/rfm9/rfm9/store"
	"github.com/rfm9/rfm9/store/storetest"
)

func TestMigrations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := db.CheckCurrent(ctx); err != nil {
			t.Fatal(err)
		}
		again, err := db.Migrate(ctx)
		if err != nil || len(again) != 0 {
			t.Fatalf("second migrate applied %d, err %v", len(again), err)
		}
		var n int
		if err := db.GetContext(ctx, &n, "SELECT count(*) FROM sales_documents"); err != nil {
			t.Fatal(err)
		}
	})
}

func TestPendingRefusesToStart(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, "sqlite:"+t.TempDir()+"/fresh.db")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.CheckCurrent(ctx); err == nil || !strings.Contains(err.Error(), "rfm9 migrate") {
		t.Errorf("fresh store: %v, want a pending-migrations error naming rfm9 migrate", err)
	}
}

func TestOpenRejectsUnknownDSN(t *testing.T) {
	for _, dsn := range []string{"", "mysql://x", "sqlite:"} {
		if _, err := store.Open(context.Background(), dsn); err == nil {
			t.Errorf("Open(%q) succeeded", dsn)
		}
	}
}

func TestLoadQueries(t *testing.T) {
	db := storetest.SQLite(t)
	var q struct {
		A string `query:"a"`
	}
	if err := db.LoadQueries(&q, "-- name: a\nSELECT 1\n"); err != nil || q.A != "SELECT 1" {
		t.Errorf("got %q, %v", q.A, err)
	}
	if err := db.LoadQueries(&q, "-- name: b\nSELECT 1\n"); err == nil {
		t.Error("a missing query was accepted")
	}
	if err := db.LoadQueries(&q, "-- name: a\nSELECT 1\n-- name: c\nSELECT 2\n"); err == nil {
		t.Error("an unused query was accepted")
	}
}
