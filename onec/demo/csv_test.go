package demo

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rfm9/rfm9/onec"
)

var amountPattern = regexp.MustCompile(`^-?(0|[1-9][0-9]*)\.[0-9]{2}$`)

// parseCSV splits the demo CSV into its header and rows of fields; the format has
// no quoting, so a split on commas is the whole parser.
func parseCSV(t *testing.T, data []byte) (string, [][]string) {
	t.Helper()
	text, ok := strings.CutSuffix(string(data), "\n")
	if !ok {
		t.Fatal("CSV does not end with a newline")
	}
	rows := strings.Split(text, "\n")
	out := make([][]string, 0, len(rows)-1)
	for _, r := range rows[1:] {
		out = append(out, strings.Split(r, ","))
	}
	return rows[0], out
}

func TestCSVFormat(t *testing.T) {
	header, rows := parseCSV(t, csvOf(t, Options{Clients: 300, Seed: 21}))
	if header != "client_id,document_id,date,amount" {
		t.Fatalf("header %q", header)
	}
	if len(rows) != 3000 {
		t.Fatalf("%d rows, want 3000", len(rows))
	}
	for i, r := range rows {
		if len(r) != 4 {
			t.Fatalf("row %d: %d fields", i, len(r))
		}
		if !refPattern.MatchString(r[0]) || !refPattern.MatchString(r[1]) {
			t.Fatalf("row %d: ids %q, %q", i, r[0], r[1])
		}
		if _, err := time.Parse("2006-01-02T15:04:05", r[2]); err != nil {
			t.Fatalf("row %d: date: %v", i, err)
		}
		if !amountPattern.MatchString(r[3]) {
			t.Fatalf("row %d: amount %q", i, r[3])
		}
	}
}

// formatSale is the CSV line of one sale, written independently of csv.go.
func formatSale(s onec.Sale) string {
	sign, a := "", s.Amount
	if a < 0 {
		sign, a = "-", -a
	}
	return fmt.Sprintf("%s,%s,%s,%s%d.%02d\n", s.ClientID, s.DocumentID,
		s.Period.Format("2006-01-02T15:04:05"), sign, a/100, a%100)
}

func TestCSVMatchesGenerate(t *testing.T) {
	for _, loc := range []*time.Location{nil, time.UTC} {
		o := Options{Clients: 700, Lines: 5000, Seed: 22, Location: loc}
		var want strings.Builder
		want.WriteString(CSVHeader)
		for _, s := range collect(t, o) {
			want.WriteString(formatSale(s))
		}
		if got := csvOf(t, o); string(got) != want.String() {
			t.Errorf("location %v: WriteCSV differs from Generate's lines", loc)
		}
	}
}

func TestAppendAmount(t *testing.T) {
	for _, c := range []struct {
		kop  int64
		want string
	}{{0, "0.00"}, {5, "0.05"}, {-5, "-0.05"}, {123450, "1234.50"}, {-30000, "-300.00"}, {100, "1.00"}} {
		if got := string(appendAmount(nil, c.kop)); got != c.want {
			t.Errorf("appendAmount(%d) = %q, want %q", c.kop, got, c.want)
		}
	}
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

func TestCSVWriteError(t *testing.T) {
	boom := errors.New("disk full")
	if err := WriteCSV(failingWriter{boom}, Options{Clients: 100}); !errors.Is(err, boom) {
		t.Errorf("error %v, want one wrapping %v", err, boom)
	}
}

// TestCSVAllocations checks that allocations do not grow with the number of lines.
func TestCSVAllocations(t *testing.T) {
	allocs := func(lines int) float64 {
		return testing.AllocsPerRun(2, func() {
			if err := WriteCSV(io.Discard, Options{Clients: 1000, Lines: lines}); err != nil {
				t.Fatal(err)
			}
		})
	}
	small, large := allocs(10_000), allocs(200_000)
	if large-small > 500 {
		t.Errorf("%.0f allocations for 10k lines, %.0f for 200k: they grow with the lines", small, large)
	}
}

func TestCSVBufferSmallWrites(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, Options{Clients: 1}); err != nil || !strings.HasPrefix(b.String(), CSVHeader) {
		t.Errorf("WriteCSV for one client: %v, %q", err, b.String())
	}
}
