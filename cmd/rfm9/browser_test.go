package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// chromiumPath is Debian's chromium, which .ci/run installs.
const chromiumPath = "/usr/bin/chromium"

// screenshotsEnv names the folder for the browser test's screenshots (default: a
// temporary one, removed after the test).
const screenshotsEnv = "RFM9_SCREENSHOTS"

// TestDashboardInBrowser runs `rfm9 serve --demo` as a user would and walks the
// dashboard in headless Chromium: it logs in, opens every page, waits for the charts,
// checks that each chart holds the series the page's data asks for, fails on any console
// error or failed request, and saves a screenshot of each page.
func TestDashboardInBrowser(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("no " + chromiumPath + ": .ci/run installs it, and CI must run this test")
		}
		t.Skip("no " + chromiumPath + ": apt-get install chromium to run the browser test")
	}
	shots := os.Getenv(screenshotsEnv)
	if shots == "" {
		shots = t.TempDir()
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	base := startDemo(t)

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1400, 1000))
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	problems := watch(bctx)

	if err := chromedp.Do(bctx,
		chromedp.Navigate(base+"/matrix"), // no session yet: the login page
		chromedp.WaitVisible(chromedp.CSS(`input[name=token]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=token]`), demoAdmin),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`table.heat`)),
	); err != nil {
		t.Fatalf("login: %v", err)
	}
	shoot(t, bctx, shots, "matrix")

	client, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.querySelector('a[href^="/segments/31"]') && '31'`))
	if err != nil || client != "31" {
		t.Fatalf("the matrix links no cell list: %q %v", client, err)
	}
	open(t, bctx, base+"/segments/13", `table.list tbody a[href^="/clients/"]`) // lost regulars: a long history
	shoot(t, bctx, shots, "segment")
	href, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.querySelector('table.list tbody a[href^="/clients/"]').getAttribute('href')`))
	if err != nil {
		t.Fatal(err)
	}

	open(t, bctx, base+href, `body[data-charts-ready]`)
	line := chartSeries(t, bctx, "chart-timeline")
	snaps := evaluate[int](t, bctx, `JSON.parse(document.getElementById('page-data').textContent).dates.length`)
	if len(line) != 1 || line[0].Points != snaps || snaps < 4 {
		t.Errorf("client time line: %+v for %d snapshots", line, snaps)
	}
	shoot(t, bctx, shots, "client")

	open(t, bctx, base+"/dynamics", `body[data-charts-ready="3"]`)
	dates := evaluate[int](t, bctx, `JSON.parse(document.getElementById('page-data').textContent).dates.length`)
	sizes := chartSeries(t, bctx, "chart-sizes")
	if len(sizes) != 9 || sizes[0].Name != "31 Новички" || sizes[0].Points != dates || dates < 12 {
		t.Errorf("sizes: %d series (%+v) over %d snapshots, want the 9 cells", len(sizes), sizes, dates)
	}
	if shares := chartSeries(t, bctx, "chart-shares"); len(shares) != 2 || shares[0].Points != dates {
		t.Errorf("shares: %+v", shares)
	}
	links := evaluate[int](t, bctx, `echarts.getInstanceByDom(document.getElementById('chart-sankey')).getOption().series[0].links.length`)
	if links < 10 {
		t.Errorf("the Sankey has %d links", links)
	}
	shoot(t, bctx, shots, "dynamics")

	open(t, bctx, base+"/dynamics?level=stage&lang=en", `body[data-charts-ready="3"]`)
	if stages := chartSeries(t, bctx, "chart-sizes"); len(stages) < 4 || len(stages) > 6 || !slices.ContainsFunc(stages, func(s series) bool { return s.Name == "Retain" }) {
		t.Errorf("stages in English: %+v", stages)
	}
	shoot(t, bctx, shots, "dynamics-stages-en")

	cancelBrowser()
	for _, p := range problems() {
		t.Error(p)
	}
	t.Logf("screenshots in %s", shots)
}

// demoAdmin is the admin token the demo service is started with.
const demoAdmin = "browser-test-admin-0123456789"

// startDemo runs `rfm9 serve --demo` on a free port with a store in a temporary folder
// and returns its URL once it answers; the service stops with the test.
func startDemo(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	t.Setenv(adminTokenEnv, demoAdmin)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	root := rootCommand()
	// A tenth of the default demo: the first sync takes 50 s under the race detector at
	// full size, and 36 month-ends of 2 000 clients fill every chart as well.
	root.SetArgs([]string{"serve", "--demo", "--demo-clients", "2000", "--demo-lines", "15000", "--listen", addr, "--data", t.TempDir()})
	root.SetErr(&testWriter{t: t})
	go func() { done <- root.ExecuteContext(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	base := "http://" + addr
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v", err)
		default:
		}
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			return base
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatal("the demo service did not answer in 2 minutes")
	return ""
}

// testWriter sends the service's log lines to the test's log, shown on failure.
type testWriter struct{ t *testing.T }

func (w *testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// watch collects, until ctx ends, what a page must never do: log an error to the
// console, throw, or fail a request (a network error or an HTTP error status).
func watch(ctx context.Context) func() []string {
	var mu sync.Mutex
	var out []string
	add := func(s string) {
		mu.Lock()
		out = append(out, s)
		mu.Unlock()
	}
	console := chromedp.Console(ctx)
	failed := chromedp.Events(ctx, network.LoadingFailed)
	responses := chromedp.Events(ctx, network.ResponseReceived)
	var wg sync.WaitGroup
	wg.Add(3)
	go func() {
		defer wg.Done()
		for m, err := range console {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				add(fmt.Sprintf("console %s at %s:%d: %s", m.Type, m.URL, m.Line+1, m))
			}
		}
	}()
	go func() {
		defer wg.Done()
		for ev, err := range failed {
			if err != nil {
				return
			}
			add(fmt.Sprintf("request %s failed: %s", ev.RequestID, ev.ErrorText))
		}
	}()
	go func() {
		defer wg.Done()
		for ev, err := range responses {
			if err != nil {
				return
			}
			if ev.Response.Status >= 400 {
				add(fmt.Sprintf("%s answered %d", ev.Response.URL, ev.Response.Status))
			}
		}
	}()
	return func() []string {
		wg.Wait()
		mu.Lock()
		defer mu.Unlock()
		return out
	}
}

// open loads a page and waits for what shows it is drawn.
func open(t *testing.T, ctx context.Context, url, ready string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(ready))); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
}

// series is what a chart draws, as ECharts holds it.
type series struct {
	Name, Type string
	Points     int
}

// chartSeries reads the series of the ECharts instance in the element with id.
func chartSeries(t *testing.T, ctx context.Context, id string) []series {
	t.Helper()
	return evaluate[[]series](t, ctx, `echarts.getInstanceByDom(document.getElementById('`+id+`')).getOption().series
		.map(s => ({Name: s.name || '', Type: s.type, Points: (s.data || []).length}))`)
}

func evaluate[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// shoot saves a screenshot of the whole page as NAME.png.
func shoot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100: PNG, not JPEG
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
