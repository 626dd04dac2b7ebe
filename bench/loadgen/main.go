// Command loadgen drives rfm9's API on loopback for the issue-4 load benchmark:
// POST /api/v1/sales with new documents for random clients, or GET /api/v1/clients/{id},
// from C connections for D seconds; it prints requests/s and latency percentiles.
//
//	go run ./bench/loadgen -url http://127.0.0.1:18090 -token T -clients ids.txt -mode sales
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
	flag.Parse()
	if *dur > 2*time.Minute {
		*dur = 2 * time.Minute
	}
	ids, err := readLines(*clientsFile)
	if err != nil || len(ids) == 0 {
		fmt.Fprintln(os.Stderr, "loadgen: -clients:", err)
		os.Exit(2)
	}
	var ok, failed atomic.Int64
	lat := make([][]time.Duration, *conns)
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	var seq atomic.Int64
	for w := range *conns {
		wg.Go(func() {
			client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			for time.Now().Before(deadline) {
				req := request(*mode, *url, *token, ids[rng.IntN(len(ids))], seq.Add(1))
				start := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					failed.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				lat[w] = append(lat[w], time.Since(start))
				if resp.StatusCode == 200 {
					ok.Add(1)
				} else {
					failed.Add(1)
				}
			}
		})
	}
	wg.Wait()
	all := slices.Concat(lat...)
	slices.Sort(all)
	pct := func(p float64) time.Duration {
		if len(all) == 0 {
			return 0
		}
		return all[min(len(all)-1, int(p*float64(len(all))))]
	}
	fmt.Printf("%s: %d ok, %d failed in %s: %.0f req/s; latency p50 %s p95 %s p99 %s max %s\n", *mode, ok.Load(), failed.Load(), *dur,
		float64(ok.Load())/dur.Seconds(), pct(.50).Round(10*time.Microsecond), pct(.95).Round(10*time.Microsecond),
		pct(.99).Round(10*time.Microsecond), pct(1).Round(10*time.Microsecond))
}

func request(mode, url, token, client string, n int64) *http.Request {
	var req *http.Request
	if mode == "clients" {
		req, _ = http.NewRequest("GET", url+"/api/v1/clients/"+client, nil)
	} else {
		doc := fmt.Sprintf("%08x-0000-11f1-8000-00000000beef", n)
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
