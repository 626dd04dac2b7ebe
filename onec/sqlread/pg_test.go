package sqlread

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jmoiron/sqlx"

	"github.com/rfm9/rfm9/onec"
)

// pgFixture fills a fresh schema for preset and opens a reader on it.
func pgFixture(t *testing.T, preset string) (*fixture, *Reader, *pgx.Conn) {
	t.Helper()
	return pgFixtureWith(t, newFixture(preset, testDemo), loadTestStructure(t, preset))
}

// pgFixtureWith fills a fresh schema with fx and opens a reader with structure s.
func pgFixtureWith(t *testing.T, fx *fixture, s *Structure) (*fixture, *Reader, *pgx.Conn) {
	t.Helper()
	dsn, conn := pgSchema(t, pgDSN(t))
	if err := fx.fill(context.Background(), pgSink{conn}); err != nil {
		t.Fatal(err)
	}
	r, err := Open(Config{Driver: DriverPostgres, DSN: dsn, Location: fx.loc, Mapping: presetMapping(t, fx.l.preset),
		Structure: s, BatchSize: 100, Window: 30 * 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return fx, r, conn
}

// TestPostgresSales reads every preset's 1C-like tables, filled from the demo with a
// year offset of 2000, and compares document for document and client for client with
// the demo's lines summed, to the kopeck.
func TestPostgresSales(t *testing.T) {
	for _, preset := range presets {
		t.Run(preset, func(t *testing.T) {
			fx, r, _ := pgFixture(t, preset)
			want, err := fx.expectSales(onec.Period{})
			if err != nil {
				t.Fatal(err)
			}
			compareSales(t, readAll(t, r, onec.Period{}), want)
			if len(fx.skips) < 3 || fx.l.reg.storno != "" && fx.storno == 0 {
				t.Fatalf("the fixture wrote too few quirks: %v, %d storno lines", fx.skips, fx.storno)
			}
			if got := r.Skipped(); !maps.Equal(got, fx.skips) {
				t.Errorf("skipped %v, want %v", got, fx.skips)
			}
			var skipped int64
			for _, n := range fx.skips {
				skipped += n
			}
			if got, w := r.Lines(), sumLines(want)+skipped; got != w {
				t.Errorf("lines %d, want %d", got, w)
			}
			t.Logf("%d documents, %d lines, skipped %v", len(want), r.Lines(), r.Skipped())
		})
	}
}

// TestPostgresSingleRecorderType: a register with one recorder type has no
// _RecorderTRef; every sale gets that type.
func TestPostgresSingleRecorderType(t *testing.T) {
	fx := newFixture("retail", testDemo)
	fx.l.reg.recT, fx.l.retType = "", fx.l.saleType
	s := editStructure(t, loadTestStructure(t, "retail"), func(s *Structure) {
		s.Tables[0].Fields = slicesDelete(s.Tables[0].Fields, "_RecorderTRef")
		s.Tables = slices.DeleteFunc(s.Tables, func(t Table) bool { return t.Table == "_Document371" || t.Table == "_Document360" })
	})
	fx, r, _ := pgFixtureWith(t, fx, s)
	want, err := fx.expectSales(onec.Period{})
	if err != nil {
		t.Fatal(err)
	}
	compareSales(t, readAll(t, r, onec.Period{}), want)
}

// TestPostgresPeriod reads part of the history: only documents dated inside it.
func TestPostgresPeriod(t *testing.T) {
	fx, r, _ := pgFixture(t, "ut11")
	p := onec.Period{From: time.Date(2025, 3, 1, 0, 0, 0, 0, fx.loc), To: time.Date(2025, 6, 15, 14, 0, 0, 0, fx.loc)}
	want, err := fx.expectSales(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 100 {
		t.Fatalf("only %d documents in %v", len(want), p)
	}
	compareSales(t, readAll(t, r, p), want)
	from := onec.Period{From: p.To}
	want, _ = fx.expectSales(from)
	compareSales(t, readAll(t, r, from), want)
}

// TestPostgresErrors: the consumer's error comes back as it is, and a cancelled
// context stops the read.
func TestPostgresErrors(t *testing.T) {
	_, r, _ := pgFixture(t, "unf")
	stop := errors.New("stop")
	if err := r.Sales(context.Background(), onec.Period{}, func([]onec.Sale) error { return stop }); err != stop {
		t.Errorf("Sales returned %v, want the consumer's error itself", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	batches := 0
	err := r.Sales(ctx, onec.Period{}, func([]onec.Sale) error {
		batches++
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) || batches != 1 {
		t.Errorf("after a cancel: %v, %d batches", err, batches)
	}
	if err := r.Clients(context.Background(), func([]onec.Client) error { return stop }); err != stop {
		t.Errorf("Clients returned %v, want the consumer's error itself", err)
	}
}

// TestPostgresClients reads the catalog: no groups, no deleted items, e-mail and phone
// from the contact information, the first line of each kind.
func TestPostgresClients(t *testing.T) {
	for _, preset := range []string{"ut11", "unf", "retail"} {
		t.Run(preset, func(t *testing.T) {
			fx, r, _ := pgFixture(t, preset)
			want, err := fx.expectClients()
			if err != nil {
				t.Fatal(err)
			}
			compareClients(t, readClients(t, r), want)
		})
	}
}

// TestPostgresCheck: a complete base passes; a dropped column and a dropped table are
// named with their 1C names.
func TestPostgresCheck(t *testing.T) {
	_, r, conn := pgFixture(t, "ut11")
	ctx := context.Background()
	rep, err := r.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.YearOffset != testYearOffset || len(rep.Tables) != 5 {
		t.Fatalf("check of a complete base: %+v", rep)
	}
	for _, q := range []string{"ALTER TABLE _accumrg24981 DROP COLUMN _fld24990", "DROP TABLE _enum1033"} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	rep, err = r.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(rep.Missing, "\n")
	for _, want := range []string{"_AccumRg24981._Fld24990 (РегистрНакопления.ВыручкаИСебестоимостьПродаж.СуммаВыручки)",
		"table _Enum1033 (Перечисление.ТипыКонтактнойИнформации)"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing:\n%s\nwant a line with %q", text, want)
		}
	}
	if rep.OK() || len(rep.Missing) != 2 {
		t.Errorf("%d missing, want 2", len(rep.Missing))
	}
}

// TestPostgresReadOnly: the reader's sessions and transactions refuse to write.
func TestPostgresReadOnly(t *testing.T) {
	_, r, _ := pgFixture(t, "unf")
	ctx := context.Background()
	err := r.inTx(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM _accumrg17214")
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("a delete in the reader's transaction: %v", err)
	}
	if _, err := r.db.ExecContext(ctx, "CREATE TABLE rfm9_was_here (a int)"); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("a create on the reader's session: %v", err)
	}
}
