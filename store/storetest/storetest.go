// Package storetest gives tests migrated stores: SQLite always, and PostgreSQL when
// RFM9_TEST_PG_DSN is set, each test in a schema of its own.
package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/rfm9/rfm9/store"
)

// Each runs fn against every available store, as subtests named by dialect.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	dsn := os.Getenv("RFM9_TEST_PG_DSN")
	if dsn == "" {
		t.Run("postgres", func(t *testing.T) { t.Skip("RFM9_TEST_PG_DSN not set") })
		return
	}
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t, dsn)) })
}

// SQLite opens a migrated store in a temporary file.
func SQLite(t testing.TB) *store.DB {
	t.Helper()
	return open(t, "sqlite:"+filepath.Join(t.TempDir(), "rfm9.db"))
}

// Postgres opens a migrated store in a fresh schema of the database at dsn and drops
// the schema when the test ends.
func Postgres(t testing.TB, dsn string) *store.DB {
	t.Helper()
	ctx := context.Background()
	admin, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	schema := fmt.Sprintf("rfm9_test_%d", rand.Uint64())
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return open(t, u.String())
}

func open(t testing.TB, dsn string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}
