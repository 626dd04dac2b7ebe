package sqlread

import (
	"cmp"
	"context"
	"fmt"
	"net/url"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/onec/demo"
)

// BenchmarkPostgresFullRead fills 1C-like tables (УТ 11, or RFM9_BENCH_PG_PRESET) with
// RFM9_BENCH_PG_LINES demo lines (a tenth as many clients) through COPY, then reads
// them all through the pushed-down query: lines/s, documents/s, wall time, the Go
// heap's peak and the peak RSS of the read. Run it once:
//
//	RFM9_TEST_PG_DSN=postgres://postgres@127.0.0.1:5432/test?sslmode=disable \
//	RFM9_BENCH_PG_LINES=10000000 go test -run '^$' -bench PostgresFullRead -benchtime 1x ./onec/sqlread/
//
// RFM9_BENCH_PG_SCHEMA names a schema to fill once and keep, so later runs only read.
// RFM9_BENCH_PG_WINDOW sets the window (a Go duration; default 31 days).
func BenchmarkPostgresFullRead(b *testing.B) {
	lines, _ := strconv.Atoi(os.Getenv("RFM9_BENCH_PG_LINES"))
	if lines <= 0 {
		b.Skip("RFM9_BENCH_PG_LINES not set")
	}
	preset := cmp.Or(os.Getenv("RFM9_BENCH_PG_PRESET"), "ut11")
	opts := demo.Options{Clients: max(1, lines/10), Lines: lines, Seed: 1}
	dsn, fx := benchFixture(b, pgDSN(b), preset, opts)
	window, _ := time.ParseDuration(os.Getenv("RFM9_BENCH_PG_WINDOW"))
	r, err := Open(Config{Driver: DriverPostgres, DSN: dsn, Location: fx.loc, Mapping: presetMapping(b, preset),
		Structure: loadTestStructure(b, preset), Window: window})
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	b.ResetTimer()
	for range b.N {
		benchRead(b, r)
	}
}

// benchRead reads everything once and reports.
func benchRead(b *testing.B, r *Reader) {
	resetPeakRSS()
	runtime.GC()
	heap := watchHeap()
	start := time.Now()
	var docs, lines int64
	err := r.Sales(context.Background(), onec.Period{}, func(batch []onec.Sale) error {
		docs += int64(len(batch))
		for i := range batch {
			lines += int64(batch[i].Lines)
		}
		return nil
	})
	took := time.Since(start)
	peakHeap := heap()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(lines)/took.Seconds(), "lines/s")
	b.ReportMetric(float64(docs)/took.Seconds(), "docs/s")
	b.ReportMetric(took.Seconds(), "s/read")
	b.ReportMetric(float64(peakHeap)/(1<<20), "MB-heap-peak")
	if rss := peakRSS(); rss > 0 {
		b.ReportMetric(float64(rss)/(1<<20), "MB-rss-peak")
	}
	b.Logf("read %d lines as %d documents in %s (skipped %v)", lines, docs, took.Round(time.Millisecond), r.Skipped())
}

// benchFixture fills a schema for the benchmark, or reuses the one named by
// RFM9_BENCH_PG_SCHEMA when it is already filled.
func benchFixture(b *testing.B, dsn, preset string, opts demo.Options) (string, *fixture) {
	fx := newFixture(preset, opts)
	keep := os.Getenv("RFM9_BENCH_PG_SCHEMA")
	if keep == "" {
		withSchema, conn := pgSchema(b, dsn)
		benchFill(b, fx, conn)
		return withSchema, fx
	}
	u, err := url.Parse(dsn)
	if err != nil {
		b.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", keep)
	u.RawQuery = q.Encode()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, u.String())
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int64
	if conn.QueryRow(ctx, "SELECT count(*) FROM "+strings.ToLower(fx.l.reg.table)).Scan(&n) == nil && n >= int64(opts.Lines) {
		b.Logf("reusing schema %s: %d register lines", keep, n)
		return u.String(), fx
	}
	if _, err := conn.Exec(ctx, fmt.Sprintf("DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %[1]s", keep)); err != nil {
		b.Fatal(err)
	}
	benchFill(b, fx, conn)
	return u.String(), fx
}

func benchFill(b *testing.B, fx *fixture, conn *pgx.Conn) {
	start := time.Now()
	if err := fx.fill(context.Background(), pgSink{conn}); err != nil {
		b.Fatal(err)
	}
	var size string
	conn.QueryRow(context.Background(), "SELECT pg_size_pretty(pg_total_relation_size($1))", strings.ToLower(fx.l.reg.table)).Scan(&size)
	b.Logf("filled %d lines for %d clients in %s; the register takes %s", fx.opts.Lines, fx.opts.Clients, time.Since(start).Round(time.Second), size)
}

// watchHeap samples the live heap every 10 ms until the returned function is called,
// which returns the peak.
func watchHeap() func() uint64 {
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	go func() {
		defer close(done)
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		return peak.Load()
	}
}

// resetPeakRSS restarts the kernel's peak RSS count (Linux), so that the fill does not
// count in the read's peak.
func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS is the process's peak resident set since the last reset, in bytes (Linux).
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
