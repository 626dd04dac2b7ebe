package salesfile

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/rfm9/rfm9/onec"
)

// messyCSV mixes every kind of record: quoted fields with delimiters, doubled quotes
// and line breaks, CRLF and LF, blank lines, bare quotes and bad values.
func messyCSV(n int, seed uint64) string {
	r := rand.New(rand.NewPCG(seed, 1))
	var b strings.Builder
	b.WriteString("client_id;document_id;date;amount;client_name\n")
	for i := range n {
		eol := "\n"
		if r.IntN(3) == 0 {
			eol = "\r\n"
		}
		name := []string{
			"plain", `"a;b"`, `"он сказал ""да"""`, "\"two\nlines\"", "\"crlf\r\ninside\"",
			`ООО "Ромашка"`, `""`, `"unfinished`, "",
		}[r.IntN(9)]
		amount := []string{"1 234,56", "7", "-0,005", "12,3,4", `"1,5"`}[r.IntN(5)]
		switch r.IntN(12) {
		case 0:
			b.WriteString(eol)
		case 1:
			b.WriteString(";;;;" + eol)
		case 2:
			fmt.Fprintf(&b, "c%d;d%d%s", i, i, eol)
		default:
			fmt.Fprintf(&b, "c%d;d%d;%02d.01.2024 %d:00;%s;%s%s", i, i, 1+i%31, i%24, amount, name, eol)
		}
		if name == `"unfinished` {
			b.WriteString("\"\n") // close it again on the next line
		}
	}
	return b.String()
}

type readOutcome struct {
	sales   []onec.Sale
	skipped map[string]int64
	lines   int64
	err     string
}

func readWithBlockSize(t *testing.T, path string, size int, strict bool) readOutcome {
	t.Helper()
	f := open(t, Options{Path: path, Location: time.UTC, Strict: strict})
	if size > 0 {
		setBlockSize(f, size)
	}
	sales, err := collect(t, f, onec.Period{})
	o := readOutcome{sales: sales, skipped: f.Skipped(), lines: f.Lines()}
	if err != nil {
		o.err = err.Error()
	}
	return o
}

func TestBlockBoundaries(t *testing.T) {
	path := writeFile(t, "messy.csv", []byte(messyCSV(3000, 1)))
	for _, strict := range []bool{false, true} {
		want := readWithBlockSize(t, path, 0, strict)
		if !strict && (len(want.sales) < 1000 || len(want.skipped) < 3) {
			t.Fatalf("the fixture is too tame: %d sales, skipped %v", len(want.sales), want.skipped)
		}
		if strict && !strings.Contains(want.err, "line ") {
			t.Fatalf("strict read found nothing: %q", want.err)
		}
		for _, size := range []int{1, 2, 3, 5, 8, 13, 64, 1000, 1 << 14} {
			got := readWithBlockSize(t, path, size, strict)
			if got.err != want.err || got.lines != want.lines || !equalCounts(got.skipped, want.skipped) {
				t.Fatalf("block %d strict %v: err %q lines %d skipped %v; want %q %d %v",
					size, strict, got.err, got.lines, got.skipped, want.err, want.lines, want.skipped)
			}
			checkSales(t, got.sales, want.sales)
		}
	}
}

func TestLineNumbersAcrossBlocks(t *testing.T) {
	data := "client_id,document_id,date,amount\n" +
		"c,d,2024-01-05,1\n" +
		"c,d,2024-01-05,1,\"multi\nline\nfield\"\n" +
		"\n" +
		"c,d,2024-01-05,1\r\n" +
		"c,d,2024-01-05,bad\n"
	path := writeFile(t, "s.csv", []byte(data))
	for _, size := range []int{1, 7, 0} {
		got := readWithBlockSize(t, path, size, true)
		if !strings.HasSuffix(got.err, `line 8, column "amount": cannot parse "bad" as an amount`) {
			t.Errorf("block %d: %q", size, got.err)
		}
	}
}

func TestLongRecordGrowsTheBlock(t *testing.T) {
	long := strings.Repeat("x", 10000)
	data := "client_id,document_id,date,amount,client_name\nc,d,2024-01-05,1,\"" + long + "\"\nc,d,2024-01-05,2,y\n"
	got := readWithBlockSize(t, writeFile(t, "s.csv", []byte(data)), 16, false)
	if len(got.sales) != 2 || got.sales[0].ClientName != long {
		t.Errorf("got %d sales", len(got.sales))
	}
}

func bulkCSV(n int) []byte {
	var b strings.Builder
	b.WriteString("client_id,document_id,date,amount\n")
	for i := range n {
		fmt.Fprintf(&b, "c%d,d%d,2024-01-05T12:00:00,%d.50\n", i, i, i)
	}
	return []byte(b.String())
}

func TestCancellation(t *testing.T) {
	path := writeFile(t, "bulk.csv", bulkCSV(20000))
	f := open(t, Options{Path: path})
	setBlockSize(f, 4096)
	before := runtime.NumGoroutine()

	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	err := f.Sales(ctx, onec.Period{}, func([]onec.Sale) error { calls++; cancel(); return nil })
	if !errors.Is(err, context.Canceled) || calls > 2*runtime.GOMAXPROCS(0)+2 {
		t.Errorf("cancel: err %v after %d calls", err, calls)
	}

	stop := errors.New("stop")
	calls = 0
	err = f.Sales(context.Background(), onec.Period{}, func([]onec.Sale) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("fn error: err %v after %d calls", err, calls)
	}

	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	if err := f.Sales(ctx, onec.Period{}, func([]onec.Sale) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled before: %v", err)
	}
	waitGoroutines(t, before)
}

func waitGoroutines(t *testing.T, want int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > want {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines, want %d:\n%s", runtime.NumGoroutine(), want, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestBulkOrder(t *testing.T) {
	const n = 50000
	f := open(t, Options{Path: writeFile(t, "bulk.csv", bulkCSV(n))})
	setBlockSize(f, 1<<12)
	got := mustCollect(t, f, onec.Period{})
	if len(got) != n {
		t.Fatalf("%d sales, want %d", len(got), n)
	}
	for i, s := range got {
		if s.ClientID != fmt.Sprintf("c%d", i) || s.Amount != int64(i)*100+50 {
			t.Fatalf("sale %d is %+v", i, s)
		}
	}
}
