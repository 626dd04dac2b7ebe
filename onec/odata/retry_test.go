package odata

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rfm9/rfm9/onec"
)

// faultFirst makes the first n requests to the register fail with fault.
func faultFirst(f *fake1C, n int32, fault func(w http.ResponseWriter, r *http.Request)) *atomic.Int32 {
	var count atomic.Int32
	f.hook = func(w http.ResponseWriter, r *http.Request) bool {
		if !strings.Contains(r.URL.Path, "AccumulationRegister") || count.Add(1) > n {
			return false
		}
		fault(w, r)
		return true
	}
	return &count
}

// hijackClose drops the connection without an answer: a reset, to the client.
func hijackClose(w http.ResponseWriter, _ *http.Request) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		conn.Close()
	}
}

// truncated sends the start of a valid answer and drops the connection.
func truncated(w http.ResponseWriter, _ *http.Request) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
	buf.WriteString(`{"odata.metadata":"x","value":[{"Period":"2024-01-05T10:00:00","Recorder":"0000`)
	buf.Flush()
	conn.Close()
}

// cutShort ends a chunked answer cleanly in the middle of the JSON.
func cutShort(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write([]byte(`{"odata.metadata":"x","value":[{"Period":"2024-01-05T10:00:00"},`))
}

func TestSalesRetries(t *testing.T) {
	faults := map[string]func(w http.ResponseWriter, r *http.Request){
		"503":              func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) },
		"500 internal":     func(w http.ResponseWriter, _ *http.Request) { writeError(w, 500, "-1", "Ошибка СУБД") },
		"connection reset": hijackClose,
		"truncated body":   truncated,
		"cut short":        cutShort,
	}
	for name, fault := range faults {
		t.Run(name, func(t *testing.T) {
			f, srv := newFake(t)
			recs := unfRecords(crowdedTimes()[:300])
			f.sets["AccumulationRegister_Продажи_RecordType"] = recs
			faultFirst(f, 2, fault)
			r := newTestReader(t, srv, testMapping(t, presetYAML(t, "unf")), nil)
			var waits []time.Duration
			var mu sync.Mutex // requests run in parallel, and two of them may retry at once
			r.sleep = func(_ context.Context, d time.Duration) error {
				mu.Lock()
				defer mu.Unlock()
				waits = append(waits, d)
				return nil
			}
			got, err := collect(t, r, onec.Period{From: at(t, "2024-01-01T00:00:00"), To: at(t, "2024-02-01T00:00:00")})
			if err != nil {
				t.Fatal(err)
			}
			checkDeliveredOnce(t, got, len(recs))
			// net/http itself may resend a GET whose reused connection dropped,
			// so two faults can cost one retry of ours
			if len(waits) < 1 || len(waits) > 2 {
				t.Errorf("waited %d times, want 1 or 2", len(waits))
			}
		})
	}
}

func TestSalesSlowFirstCall(t *testing.T) {
	f, srv := newFake(t)
	recs := unfRecords([]string{"2024-01-05T10:00:00", "2024-01-06T10:00:00"})
	f.sets["AccumulationRegister_Продажи_RecordType"] = recs
	faultFirst(f, 1, func(w http.ResponseWriter, r *http.Request) {
		select { // 1C waking up after idle
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	r := newTestReader(t, srv, testMapping(t, presetYAML(t, "unf")), func(c *Config) { c.Timeout = time.Second })
	got, err := collect(t, r, onec.Period{From: at(t, "2024-01-01T00:00:00"), To: at(t, "2024-01-08T00:00:00")})
	if err != nil {
		t.Fatal(err)
	}
	checkDeliveredOnce(t, got, len(recs))
}

func TestSalesGivesUp(t *testing.T) {
	f, srv := newFake(t)
	f.sets["AccumulationRegister_Продажи_RecordType"] = unfRecords([]string{"2024-01-05T10:00:00"})
	count := faultFirst(f, 1000, func(w http.ResponseWriter, _ *http.Request) {
		writeError(w, http.StatusBadGateway, "", "")
	})
	r := newTestReader(t, srv, testMapping(t, presetYAML(t, "unf")), nil)
	var waits []time.Duration
	var mu sync.Mutex
	r.sleep = func(_ context.Context, d time.Duration) error {
		mu.Lock()
		defer mu.Unlock()
		waits = append(waits, d)
		return nil
	}
	r.jitter = func(n int64) int64 { return n - 1 }
	_, err := collect(t, r, onec.Period{From: at(t, "2024-01-01T00:00:00"), To: at(t, "2024-01-08T00:00:00")})
	var e *Error
	if !errors.As(err, &e) || e.Status != http.StatusBadGateway || !strings.Contains(err.Error(), "gave up after 4 attempts") {
		t.Fatalf("err = %v, want a 502 *Error after 4 attempts", err)
	}
	if count.Load() != 4 {
		t.Errorf("%d requests, want 1 + 3 retries", count.Load())
	}
	want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}
	for i, w := range want {
		if waits[i] != w {
			t.Errorf("wait %d = %v, want %v (doubling, full jitter)", i, waits[i], w)
		}
	}
}

func TestBackoffJitter(t *testing.T) {
	r := &Reader{cfg: Config{}.withDefaults(), jitter: func(int64) int64 { return 0 }}
	for attempt, want := range []time.Duration{250 * time.Millisecond, 500 * time.Millisecond, time.Second} {
		if got := r.backoff(attempt); got != want {
			t.Errorf("backoff(%d) = %v, want %v", attempt, got, want)
		}
	}
	if got := r.backoff(40); got != backoffMax/2 {
		t.Errorf("backoff(40) = %v, want the cap", got)
	}
}

func TestSalesCancelled(t *testing.T) {
	f, srv := newFake(t)
	f.sets["AccumulationRegister_Продажи_RecordType"] = unfRecords([]string{"2024-01-05T10:00:00"})
	faultFirst(f, 1000, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) })
	r := newTestReader(t, srv, testMapping(t, presetYAML(t, "unf")), nil)
	ctx, cancel := context.WithCancel(context.Background())
	r.sleep = func(ctx context.Context, _ time.Duration) error { cancel(); return ctx.Err() }
	err := r.Sales(ctx, onec.Period{From: at(t, "2024-01-01T00:00:00"), To: at(t, "2024-01-08T00:00:00")},
		func([]onec.Sale) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}
