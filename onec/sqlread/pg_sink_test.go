package sqlread

import (
	"bufio"
	"context"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// pgDSN is the test database, or a skip when RFM9_TEST_PG_DSN is unset.
func pgDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("RFM9_TEST_PG_DSN")
	if dsn == "" {
		t.Skip("RFM9_TEST_PG_DSN not set (e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable)")
	}
	return dsn
}

// pgSchema creates a fresh schema, drops it when the test ends, and returns a DSN
// whose search_path points into it, with a connection for filling it.
func pgSchema(t testing.TB, dsn string) (string, *pgx.Conn) {
	t.Helper()
	ctx := context.Background()
	schema := fmt.Sprintf("rfm9_sqlread_%d", rand.Uint64())
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	conn, err := pgx.Connect(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		conn.Close(context.Background())
	})
	return u.String(), conn
}

// pgSink writes the fixture as 1C lays out its tables on PostgreSQL: lower-case names,
// bytea refs, boolean flags, timestamps without a zone.
type pgSink struct{ conn *pgx.Conn }

var pgTypes = [...]string{kRef: "bytea", kTRef: "bytea", kType: "bytea", kBool: "boolean", kTime: "timestamp(0) without time zone",
	kMoney: "numeric(15,2)", kQty: "numeric(15,3)", kStr: "varchar(250)", kInt: "numeric(10,0)"}

func (s pgSink) exec(ctx context.Context, sql string) error {
	_, err := s.conn.Exec(ctx, sql)
	return err
}

func (s pgSink) create(ctx context.Context, table string, cols []cell) error {
	defs := make([]string, len(cols))
	for i, c := range cols {
		defs[i] = strings.ToLower(c.col) + " " + pgTypes[c.kind] + " NOT NULL"
	}
	return s.exec(ctx, fmt.Sprintf("CREATE TABLE %s (%s)", strings.ToLower(table), strings.Join(defs, ", ")))
}

func (s pgSink) yearOffset(ctx context.Context, offset int) error {
	return s.exec(ctx, fmt.Sprintf("CREATE TABLE _yearoffset (ofset numeric(4,0) NOT NULL); INSERT INTO _yearoffset VALUES (%d)", offset))
}

func (s pgSink) index(ctx context.Context, table string, cols ...string) error {
	return s.exec(ctx, strings.ToLower(fmt.Sprintf("CREATE INDEX ON %s (%s); ANALYZE %[1]s", table, strings.Join(cols, ", "))))
}

// copy streams the rows through COPY … FROM STDIN in text format: the fastest way in,
// and it keeps the fill of ten million lines in constant memory.
func (s pgSink) copy(ctx context.Context, table string, cols []cell, produce func(emit func([]cell) error) error) error {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = strings.ToLower(c.col)
	}
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		w := bufio.NewWriterSize(pw, 1<<16)
		var line []byte
		err := produce(func(cells []cell) error {
			line = appendCopyLine(line[:0], cells)
			_, err := w.Write(line)
			return err
		})
		if err == nil {
			err = w.Flush()
		}
		pw.CloseWithError(err)
		done <- err
	}()
	_, err := s.conn.PgConn().CopyFrom(ctx, pr, fmt.Sprintf("COPY %s (%s) FROM STDIN", strings.ToLower(table), strings.Join(names, ", ")))
	pr.CloseWithError(io.ErrClosedPipe) // unblocks the producer if COPY stopped early
	if perr := <-done; err == nil && perr != nil && perr != io.ErrClosedPipe {
		err = perr
	}
	return err
}

// appendCopyLine writes one row in COPY's text format.
func appendCopyLine(b []byte, cells []cell) []byte {
	for i, c := range cells {
		if i > 0 {
			b = append(b, '\t')
		}
		switch v := c.val.(type) {
		case []byte:
			b = append(b, `\\x`...)
			b = hex.AppendEncode(b, v)
		case bool:
			b = append(b, "ft"[boolInt(v)])
		case time.Time:
			b = v.AppendFormat(b, "2006-01-02 15:04:05")
		case money:
			b = appendMoney(b, v)
		case int64:
			b = strconv.AppendInt(b, v, 10)
		case string:
			b = append(b, copyEscaper.Replace(v)...)
		default:
			panic(fmt.Sprintf("fixture value %T", v)) // a bug in the fixture, not input
		}
	}
	return append(b, '\n')
}

var copyEscaper = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)

// appendMoney writes a fixed-point value as a decimal: -12345 at scale 2 is -123.45.
func appendMoney(b []byte, m money) []byte {
	v := m.v
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	s := strconv.FormatInt(v, 10)
	if len(s) <= m.scale {
		s = strings.Repeat("0", m.scale-len(s)+1) + s
	}
	b = append(b, s[:len(s)-m.scale]...)
	b = append(b, '.')
	return append(b, s[len(s)-m.scale:]...)
}

func boolInt(v bool) int {
	if v {
		return 1
	}
	return 0
}
