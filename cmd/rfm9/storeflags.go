package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/mirror"
	"github.com/rfm9/rfm9/store"
)

// storeFlags say where rfm9 keeps its own data.
type storeFlags struct {
	dsn, data string
	migrate   bool
}

func (f *storeFlags) register(fl *pflag.FlagSet, withMigrate bool) {
	fl.StringVar(&f.data, "data", "data", "folder of the embedded SQLite store")
	fl.StringVar(&f.dsn, "store", "", "store DSN: sqlite:PATH or postgres://… (default: sqlite:DATA/rfm9.db)")
	if withMigrate {
		fl.BoolVar(&f.migrate, "migrate", false, "apply pending store migrations first")
	}
}

// open connects to the store, migrating when asked (or always, when asked to by the
// caller), and refuses an old schema otherwise.
func (f *storeFlags) open(ctx context.Context, migrate bool) (*store.DB, error) {
	dsn := f.dsn
	if dsn == "" {
		if err := os.MkdirAll(f.data, 0o755); err != nil {
			return nil, fmt.Errorf("--data: %w", err)
		}
		dsn = "sqlite:" + filepath.Join(f.data, "rfm9.db")
	}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if migrate || f.migrate {
		applied, err := db.Migrate(ctx)
		if err != nil {
			db.Close()
			return nil, err
		}
		for _, m := range applied {
			slog.Info("migration applied", "version", m.Version, "name", m.Name)
		}
	}
	if err := db.CheckCurrent(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// mirrorSyncer opens the store and a Syncer that works from the mirror alone, without
// 1C (snapshots, re-aging); closeStore closes the store.
func (f *storeFlags) mirrorSyncer(ctx context.Context, loc *time.Location) (s *mirror.Syncer, closeStore func() error, err error) {
	db, err := f.open(ctx, false)
	if err != nil {
		return nil, nil, err
	}
	ms, err := mirror.NewStore(db)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return &mirror.Syncer{Store: ms, Location: loc, Bounds: lifecycle.DefaultBounds(), Now: time.Now}, db.Close, nil
}

func migrateCommand() *cobra.Command {
	var f storeFlags
	cmd := &cobra.Command{
		Use:   "migrate [--store DSN]",
		Short: "Bring the store's schema up to date",
		Long: `migrate applies the store's pending migrations, each in its own transaction, and
records them in schema_migrations. The service and sync refuse to run on an old schema.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := f.open(cmd.Context(), true)
			if err != nil {
				return err
			}
			defer db.Close()
			fmt.Fprintf(cmd.OutOrStdout(), "store %s is up to date\n", db.Dialect)
			return nil
		},
	}
	f.register(cmd.Flags(), false)
	return cmd
}
