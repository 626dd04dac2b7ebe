package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"
)

func TestFailRate(t *testing.T) {
	const n = 400
	run := func() []int {
		s := start(t, "unf", func(o *Options) { o.FailRate, o.Seed = 0.25, 3 })
		var failed []int
		for i := range n {
			resp, body := s.do(t, "Catalog_Контрагенты", "application/json", "$top", "1")
			if resp.StatusCode == 200 {
				continue
			}
			failed = append(failed, i)
			if resp.StatusCode != 500 && resp.StatusCode != 503 {
				t.Fatalf("status %d", resp.StatusCode)
			}
			checkError(t, resp, body, resp.StatusCode, "-1", "")
		}
		if got := s.e.Requests(); got != n {
			t.Errorf("Requests() = %d, want %d", got, n)
		}
		return failed
	}
	first, second := run(), run()
	if rate := float64(len(first)) / n; rate < 0.18 || rate > 0.32 {
		t.Errorf("fail rate %.2f, want about 0.25", rate)
	}
	if len(first) != len(second) || first[0] != second[0] || first[len(first)-1] != second[len(second)-1] {
		t.Errorf("same seed, different failures: %v vs %v", first, second)
	}
}

func TestTruncateRate(t *testing.T) {
	const n = 200
	s := start(t, "ut11", func(o *Options) { o.TruncateRate = 0.3 })
	cut := 0
	for range n {
		resp, err := http.Get(s.url("Catalog_Партнеры", "$format", "json", "$top", "20"))
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err == nil {
			if !json.Valid(data) {
				t.Fatal("a whole body that is not JSON")
			}
			continue
		}
		cut++
		if json.Valid(data) {
			t.Errorf("a truncated body is valid JSON: %q", data)
		}
	}
	if rate := float64(cut) / n; rate < 0.2 || rate > 0.4 {
		t.Errorf("truncate rate %.2f, want about 0.3", rate)
	}
}

func TestLatencyAndFirstCall(t *testing.T) {
	s := start(t, "unf", func(o *Options) {
		o.Latency, o.FirstCallDelay, o.IdleAfter = 20*time.Millisecond, 400*time.Millisecond, 600*time.Millisecond
	})
	timed := func() time.Duration {
		begin := time.Now()
		s.get(t, "Catalog_Контрагенты", "$top", "1")
		return time.Since(begin)
	}
	if d := timed(); d < 420*time.Millisecond {
		t.Errorf("first call took %v, want the first-call delay", d)
	}
	if d := timed(); d < 20*time.Millisecond || d > 400*time.Millisecond {
		t.Errorf("warm call took %v, want about the latency", d)
	}
	time.Sleep(650 * time.Millisecond)
	if d := timed(); d < 420*time.Millisecond {
		t.Errorf("call after idle took %v, want the first-call delay again", d)
	}
}

func TestDeepSkipIsSlower(t *testing.T) {
	s := start(t, "unf", func(o *Options) { o.SkipCost = 50 * time.Microsecond })
	timed := func(skip string) time.Duration {
		begin := time.Now()
		s.get(t, "AccumulationRegister_Продажи_RecordType", "$top", "10", "$skip", skip)
		return time.Since(begin)
	}
	shallow, deep := timed("0"), timed("3000")
	if deep < 150*time.Millisecond || deep <= shallow {
		t.Errorf("skip 0 took %v, skip 3000 took %v", shallow, deep)
	}
}
