package sqlread

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/golang-sql/civil"
)

var update = flag.Bool("update", false, "rewrite the golden query files in testdata")

// TestGoldenQueries pins the exact SQL text per preset and dialect: a change to a
// template shows in review as a change to these files (go test -update rewrites them).
func TestGoldenQueries(t *testing.T) {
	for _, driver := range []string{DriverSQLServer, DriverPostgres} {
		d, err := dialectFor(driver)
		if err != nil {
			t.Fatal(err)
		}
		for _, preset := range presets {
			q, err := d.render(resolvePreset(t, preset))
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, fmt.Sprintf("testdata/%s.%s.golden.sql", preset, driver), goldenText(q))
		}
	}
}

// goldenText lays the queries out as a named-query file.
func goldenText(q queries) string {
	var b strings.Builder
	for _, nq := range []struct{ name, text string }{
		{"year-offset", q.YearOffset}, {"bounds", q.Bounds}, {"sales", q.Sales}, {"clients", q.Clients},
		{"contacts", q.Contacts}, {"contact-types", q.ContactTypes}, {"columns", q.Columns},
	} {
		if nq.text != "" {
			fmt.Fprintf(&b, "-- name: %s\n%s;\n\n", nq.name, nq.text)
		}
	}
	return b.String()
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it):\n%s", path, got)
	}
}

// TestParamTypes pins what each driver is handed: go-mssqldb sends civil.DateTime as
// datetime2 (a time.Time would go as datetimeoffset and convert the column) and []byte
// as varbinary, which compares with binary(16) without a conversion.
func TestParamTypes(t *testing.T) {
	wall := time.Date(4024, 1, 5, 10, 30, 0, 0, time.UTC)
	ms, _ := dialectFor(DriverSQLServer)
	if got, ok := ms.wall(wall).(civil.DateTime); !ok || got.String() != "4024-01-05T10:30:00" {
		t.Errorf("sqlserver wall param %#v", ms.wall(wall))
	}
	pg, _ := dialectFor(DriverPostgres)
	if got, ok := pg.wall(wall).(time.Time); !ok || !got.Equal(wall) || got.Location() != time.UTC {
		t.Errorf("postgres wall param %#v", pg.wall(wall))
	}
	if ms.tx.ReadOnly || ms.tx.Isolation.String() != "Read Uncommitted" || !pg.tx.ReadOnly {
		t.Errorf("tx options: sqlserver %+v, postgres %+v", ms.tx, pg.tx)
	}
	ref, _ := GUIDToRef("af738206-2426-11f0-9d47-3c64cfca4840")
	var _ []byte = ref // the client pager's keyset parameter
}

// TestYearOffsetBothWays: with 1C's offset of 2000, 4024-01-05 in the database is
// 2024-01-05 in the base, and back; leap days survive because 2000 is a multiple of 400.
func TestYearOffsetBothWays(t *testing.T) {
	msk := time.FixedZone("MSK", 3*3600)
	pairs := []struct{ db, base time.Time }{
		{time.Date(4024, 1, 5, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 5, 0, 0, 0, 0, msk)},
		{time.Date(4024, 2, 29, 23, 59, 59, 0, time.UTC), time.Date(2024, 2, 29, 23, 59, 59, 0, msk)},
		{time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1, 1, 1, 0, 0, 0, 0, msk)},
	}
	for _, p := range pairs {
		if got := fromDB(p.db, msk, 2000); !got.Equal(p.base) {
			t.Errorf("fromDB(%s) = %s, want %s", p.db, got, p.base)
		}
		if got := toDB(p.base, msk, 2000); !got.Equal(p.db) {
			t.Errorf("toDB(%s) = %s, want %s", p.base, got, p.db)
		}
	}
	// A moment given in another zone is placed on the base's wall clock.
	if got := toDB(time.Date(2024, 1, 5, 7, 0, 0, 0, time.UTC), msk, 2000); !got.Equal(time.Date(4024, 1, 5, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("toDB from UTC = %s", got)
	}
}
