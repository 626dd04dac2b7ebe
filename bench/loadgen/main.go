// Command loadgen drives rfm9's API on loopback for the issue-4 load benchmark:
// POST /api/v1/sales with new documents for random clients, or GET /api/v1/clients/{id},
// from C connections for D seconds; it prints requests/s and latency percentiles, for
// the whole run and, with -every, for each interval of it. With -rate it sends at most
// that many requests a second (spread over the connections: a steady load, as 1C's
// queue is), otherwise as fast as the answers come.
//
//	go run ./bench/loadgen -url http://127.0.0.1:18090 -token T -clients ids.txt -mode sales
//	go run ./bench/loadgen ... -rate 2000 -every 10s
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	url := flag.String("url", "http://127.0.0.1:18090", "rfm9's address (loopback only)")
	token := flag.String("token", "", "bearer token")
	clientsFile := flag.String("clients", "", "file with one client GUID a line")
	mode := flag.String("mode", "sales", "sales or clients")
	conns := flag.Int("c", 8, "concurrent connections")
	dur := flag.Duration("d", 20*time.Second, "duration (bounded: at most 2m)")
	rate := flag.Int("rate", 0, "requests a second in all; 0 = as fast as answered")
	every := flag.Duration("every", 0, "also print each interval this long; 0 = only the whole run")
	flag.Parse()
	if *dur > 2*time.Minute {
		*dur = 2 * time.Minute
	}
	ids, err := readLines(*clientsFile)
	if err != nil || len(ids) == 0 {
		fmt.Fprintln(os.Stderr, "loadgen: -clients:", err)
		os.Exit(2)
	}
	began := time.Now()
	deadline := began.Add(*dur)
	// Documents are new in every run: a document id and version seen before is a
	// duplicate delivery, which the service answers without writing anything.
	run := began.UnixMilli()
	runs := make([][]sample, *conns)
	var wg sync.WaitGroup
	var seq atomic.Int64
	for w := range *conns {
		wg.Go(func() {
			client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			var gap time.Duration
			if *rate > 0 {
				gap = time.Duration(float64(time.Second) * float64(*conns) / float64(*rate))
			}
			next := time.Now()
			for time.Now().Before(deadline) {
				if gap > 0 {
					// Paced from the schedule, not from the last answer: a slow answer is
					// followed by the requests that queued behind it, as in 1C's queue.
					time.Sleep(time.Until(next))
					next = next.Add(gap)
				}
				req := request(*mode, *url, *token, ids[rng.IntN(len(ids))], run, seq.Add(1))
				start := time.Now()
				resp, err := client.Do(req)
				s := sample{at: start.Sub(began), took: time.Since(start), ok: err == nil}
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					s.ok = resp.StatusCode == 200
				}
				runs[w] = append(runs[w], s)
			}
		})
	}
	wg.Wait()
	all := slices.Concat(runs...)
	if *every > 0 {
		for from := time.Duration(0); from < *dur; from += *every {
			var part []sample
			for _, s := range all {
				if s.at >= from && s.at < from+*every {
					part = append(part, s)
				}
			}
			report(fmt.Sprintf("%s %3ds", *mode, int(from.Seconds())), part, *every)
		}
	}
	report(*mode, all, *dur)
}

// sample is one request: when it started (since the run began), how long it took,
// and whether it got a 200.
type sample struct {
	at, took time.Duration
	ok       bool
}

// report prints the requests and latency percentiles of samples over dur. A request
// that failed (a timeout at 10 s, or not 200) counts in the latencies with what it took.
func report(what string, samples []sample, dur time.Duration) {
	lat := make([]time.Duration, len(samples))
	var ok int
	for i, s := range samples {
		lat[i] = s.took
		if s.ok {
			ok++
		}
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))].Round(10 * time.Microsecond)
	}
	fmt.Printf("%s: %d ok, %d failed in %s: %.0f req/s; latency p50 %s p95 %s p99 %s max %s\n", what, ok, len(samples)-ok, dur,
		float64(ok)/dur.Seconds(), pct(.50), pct(.95), pct(.99), pct(1))
}

func request(mode, url, token, client string, run, n int64) *http.Request {
	var req *http.Request
	if mode == "clients" {
		req, _ = http.NewRequest("GET", url+"/api/v1/clients/"+client, nil)
	} else {
		doc := fmt.Sprintf("%08x-0000-11f1-8000-%012x", n, run)
		body := fmt.Sprintf(`{"client_id":%q,"document_id":%q,"document_type":"Document_РеализацияТоваровУслуг","date":%q,"posted":true,"version":%d,"lines":[{"amount":"1234.50","quantity":1},{"amount":"99.90","quantity":2}]}`,
			client, doc, time.Now().Format("2006-01-02T15:04:05"), n)
		req, _ = http.NewRequest("POST", url+"/api/v1/sales", bytes.NewBufferString(body))
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+token)
	return req
}

func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if t := sc.Text(); t != "" {
			out = append(out, t)
		}
	}
	return out, sc.Err()
}
