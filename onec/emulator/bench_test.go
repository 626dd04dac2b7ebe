package emulator

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/rfm9/rfm9/configs"
	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/onec/demo"
)

// benchDemo is the size `make run` serves: 1M register lines.
var benchDemo = demo.Options{Clients: 100_000, Lines: 1_000_000, Seed: 1}

// benchEmulator is one emulator of benchDemo shared by the serving benchmarks.
var benchEmulator = sync.OnceValues(func() (*Emulator, error) {
	data, err := configs.Preset("ut11")
	if err != nil {
		return nil, err
	}
	m, err := onec.ParseMapping(data)
	if err != nil {
		return nil, err
	}
	return New(Options{Mapping: m, Demo: benchDemo, SkipCost: -1})
})

func BenchmarkNew(b *testing.B) {
	m := mapping(b, "ut11")
	b.ReportAllocs()
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		e, err := New(Options{Mapping: m, Demo: benchDemo})
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MB-live")
		runtime.KeepAlive(e)
	}
}

func BenchmarkRegisterPage(b *testing.B) {
	s := benchStart(b)
	const page = 5000
	b.ReportAllocs()
	var n, bytes int64
	for b.Loop() {
		// Pages of 2025 in turn, so that $skip is exercised as a reader pages.
		skip := n % 40 * page
		bytes += s.fetch(b, "Period ge datetime'2025-01-01T00:00:00' and Period lt datetime'2026-01-01T00:00:00'", page, skip)
		n++
	}
	b.ReportMetric(float64(bytes)/(1<<20)/b.Elapsed().Seconds(), "MB/s")
	b.ReportMetric(float64(page)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

func BenchmarkReadWholeRegister(b *testing.B) {
	s := benchStart(b)
	const page = 5000
	for b.Loop() {
		// Month windows, each paged: what a full sync of the OData reader does.
		from := time.Date(2023, 11, 1, 0, 0, 0, 0, moscow())
		for ; from.Year() < 2027; from = from.AddDate(0, 1, 0) {
			filter := fmt.Sprintf("Period ge datetime'%s' and Period lt datetime'%s'", from.Format(dateLayout), from.AddDate(0, 1, 0).Format(dateLayout))
			for skip := int64(0); s.fetch(b, filter, page, skip) > 0 && s.last == page; skip += page {
			}
		}
	}
	b.ReportMetric(float64(benchDemo.Lines)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// dateLayout is the form of datetime literals.
const dateLayout = "2006-01-02T15:04:05"

// benchServer is an emulator of benchDemo behind httptest.
type benchServer struct {
	*server
	last int // records in the last page
}

// benchStart serves the shared 1M-line emulator.
func benchStart(b *testing.B) *benchServer {
	e, err := benchEmulator()
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(e.Handler())
	b.Cleanup(srv.Close)
	return &benchServer{server: &server{e: e, srv: srv, base: e.BaseURL(srv.URL)}}
}

// fetch reads one page of the register window and returns its size in bytes.
func (s *benchServer) fetch(b *testing.B, filter string, page, skip int64) int64 {
	u := s.url("AccumulationRegister_ВыручкаИСебестоимостьПродаж_RecordType", "$format", "json", "$filter", filter,
		"$orderby", "Period,Recorder,LineNumber", "$top", strconv.FormatInt(page, 10), "$skip", strconv.FormatInt(skip, 10))
	resp, err := s.srv.Client().Get(u)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		b.Fatalf("%d %v", resp.StatusCode, err)
	}
	s.last = bytes.Count(data, []byte(`"LineNumber": `))
	return int64(len(data))
}
