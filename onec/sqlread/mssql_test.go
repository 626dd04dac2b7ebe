package sqlread

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/golang-sql/civil"

	"github.com/rfm9/rfm9/onec"
)

// TestSQLServer runs the PostgreSQL checks against a real SQL Server when
// RFM9_TEST_MSSQL_DSN is set (e.g. sqlserver://sa:…@127.0.0.1:1433, a login that may
// create databases): each preset in a database of its own, dropped afterwards.
func TestSQLServer(t *testing.T) {
	dsn := os.Getenv("RFM9_TEST_MSSQL_DSN")
	if dsn == "" {
		t.Skip("RFM9_TEST_MSSQL_DSN not set")
	}
	for _, preset := range []string{"ut11", "unf"} {
		t.Run(preset, func(t *testing.T) {
			fx, r := mssqlFixture(t, dsn, preset)
			want, err := fx.expectSales(onec.Period{})
			if err != nil {
				t.Fatal(err)
			}
			compareSales(t, readAll(t, r, onec.Period{}), want)
			if got := r.Skipped(); !maps.Equal(got, fx.skips) {
				t.Errorf("skipped %v, want %v", got, fx.skips)
			}
			wantClients, err := fx.expectClients()
			if err != nil {
				t.Fatal(err)
			}
			compareClients(t, readClients(t, r), wantClients)
			rep, err := r.Check(context.Background())
			if err != nil || !rep.OK() || rep.YearOffset != testYearOffset {
				t.Errorf("check: %+v, %v", rep, err)
			}
		})
	}
}

// mssqlFixture creates a database, fills it for preset and opens a reader on it.
func mssqlFixture(t *testing.T, dsn, preset string) (*fixture, *Reader) {
	t.Helper()
	ctx := context.Background()
	admin, err := sql.Open("sqlserver", dsn)
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("rfm9_sqlread_%d", rand.Uint32())
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.ExecContext(ctx, "ALTER DATABASE "+name+" SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE "+name)
		admin.Close()
	})
	withDB, err := withParams(dsn, [][2]string{{"database", name}})
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlserver", withDB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fx := newFixture(preset, testDemo)
	if err := fx.fill(ctx, mssqlSink{db}); err != nil {
		t.Fatal(err)
	}
	noPassword, password := splitPassword(t, withDB)
	r, err := Open(Config{Driver: DriverSQLServer, DSN: noPassword, Password: password, TrustServerCertificate: true,
		Location: fx.loc, Mapping: presetMapping(t, preset), Structure: loadTestStructure(t, preset), BatchSize: 100, Window: 30 * 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return fx, r
}

// splitPassword takes the password out of a test DSN, as the caller of Open does with
// the environment.
func splitPassword(t *testing.T, dsn string) (string, string) {
	t.Helper()
	if strings.HasPrefix(dsn, "sqlserver://") {
		u, err := url.Parse(dsn)
		if err != nil {
			t.Fatal(err)
		}
		pw, _ := u.User.Password()
		u.User = url.User(u.User.Username())
		return u.String(), pw
	}
	var kept []string
	pw := ""
	for _, kv := range strings.Split(dsn, ";") {
		k, v, _ := strings.Cut(kv, "=")
		if k = strings.ToLower(strings.TrimSpace(k)); k == "password" || k == "pwd" {
			pw = v
			continue
		}
		kept = append(kept, kv)
	}
	return strings.Join(kept, ";"), pw
}

// mssqlSink writes the fixture as 1C lays out its tables on SQL Server: binary refs
// and flags, datetime2 dates.
type mssqlSink struct{ db *sql.DB }

var mssqlTypes = [...]string{kRef: "binary(16)", kTRef: "binary(4)", kType: "binary(1)", kBool: "binary(1)", kTime: "datetime2(0)",
	kMoney: "numeric(15,2)", kQty: "numeric(15,3)", kStr: "nvarchar(250)", kInt: "numeric(10,0)"}

func (s mssqlSink) exec(ctx context.Context, q string) error {
	_, err := s.db.ExecContext(ctx, q)
	return err
}

func (s mssqlSink) create(ctx context.Context, table string, cols []cell) error {
	defs := make([]string, len(cols))
	for i, c := range cols {
		defs[i] = c.col + " " + mssqlTypes[c.kind] + " NOT NULL"
	}
	return s.exec(ctx, fmt.Sprintf("CREATE TABLE %s (%s)", table, strings.Join(defs, ", ")))
}

func (s mssqlSink) yearOffset(ctx context.Context, offset int) error {
	return s.exec(ctx, fmt.Sprintf("CREATE TABLE _YearOffset ([Offset] int NOT NULL); INSERT INTO _YearOffset VALUES (%d)", offset))
}

func (s mssqlSink) index(ctx context.Context, table string, cols ...string) error {
	return s.exec(ctx, fmt.Sprintf("CREATE INDEX %s_test ON %[1]s (%s)", table, strings.Join(cols, ", ")))
}

// copy inserts rows a hundred at a time, under SQL Server's 2100 parameters.
func (s mssqlSink) copy(ctx context.Context, table string, cols []cell, produce func(emit func([]cell) error) error) error {
	const rowsPerInsert = 100
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.col
	}
	var args []any
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		var b strings.Builder
		fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", table, strings.Join(names, ", "))
		for r := range len(args) / len(cols) {
			if r > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for c := range cols {
				if c > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "@p%d", r*len(cols)+c+1)
			}
			b.WriteByte(')')
		}
		_, err := s.db.ExecContext(ctx, b.String(), args...)
		args = args[:0]
		return err
	}
	err := produce(func(cells []cell) error {
		for _, c := range cells {
			args = append(args, mssqlValue(c.val))
		}
		if len(args) >= rowsPerInsert*len(cols) {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

// mssqlValue is a fixture value as go-mssqldb must get it for 1C's column types.
func mssqlValue(v any) any {
	switch v := v.(type) {
	case []byte:
		return append([]byte(nil), v...)
	case bool:
		return []byte{byte(boolInt(v))}
	case time.Time:
		return civil.DateTimeOf(v)
	case money:
		return string(appendMoney(nil, v))
	}
	return v
}
