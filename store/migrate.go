package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/jmoiron/sqlx"
)

//go:embed migrations
var migrations embed.FS

// Migration is one numbered schema change.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations lists the dialect's migrations in order.
func (db *DB) Migrations() ([]Migration, error) {
	dir := path.Join("migrations", string(db.Dialect))
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return nil, fmt.Errorf("store: migrations: %w", err)
	}
	var out []Migration
	for _, e := range entries {
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("store: migration file %s: want NNNN_name.sql", e.Name())
		}
		data, err := migrations.ReadFile(path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("store: migration %s: %w", e.Name(), err)
		}
		out = append(out, Migration{Version: v, Name: name, SQL: string(data)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}

// Pending lists the migrations not applied yet.
func (db *DB) Pending(ctx context.Context) ([]Migration, error) {
	all, err := db.Migrations()
	if err != nil {
		return nil, err
	}
	if err := db.ensureMigrationsTable(ctx); err != nil {
		return nil, err
	}
	var applied []int
	if err := db.SelectContext(ctx, &applied, "SELECT version FROM schema_migrations"); err != nil {
		return nil, fmt.Errorf("store: read applied migrations: %w", err)
	}
	done := map[int]bool{}
	for _, v := range applied {
		done[v] = true
	}
	var pending []Migration
	for _, m := range all {
		if !done[m.Version] {
			pending = append(pending, m)
		}
	}
	return pending, nil
}

// Migrate applies the pending migrations, each in its own transaction, and returns them.
func (db *DB) Migrate(ctx context.Context) ([]Migration, error) {
	pending, err := db.Pending(ctx)
	if err != nil {
		return nil, err
	}
	for _, m := range pending {
		err := db.InTx(ctx, func(tx *sqlx.Tx) error {
			if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, db.Rebind("INSERT INTO schema_migrations (version, name) VALUES (?, ?)"), m.Version, m.Name)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("store: migration %04d_%s: %w", m.Version, m.Name, err)
		}
	}
	return pending, nil
}

// CheckCurrent fails when migrations are pending: the service refuses to start on an
// old schema instead of failing later on a missing column.
func (db *DB) CheckCurrent(ctx context.Context) error {
	pending, err := db.Pending(ctx)
	if err != nil {
		return err
	}
	if len(pending) > 0 {
		return fmt.Errorf("store: %d migration(s) pending, from %04d_%s: run `rfm9 migrate`", len(pending), pending[0].Version, pending[0].Name)
	}
	return nil
}

func (db *DB) ensureMigrationsTable(ctx context.Context) error {
	_, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name TEXT NOT NULL,
		applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)`)
	if err != nil {
		return fmt.Errorf("store: create schema_migrations: %w", err)
	}
	return nil
}
