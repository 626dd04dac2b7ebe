package dashboard

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/rfm9/rfm9/configs"
	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/mirror"
	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/server"
	"github.com/rfm9/rfm9/store"
	"github.com/rfm9/rfm9/store/storetest"
	"github.com/rfm9/rfm9/tokens"
)

var moscow = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Moscow")
	if err != nil {
		panic(err)
	}
	return loc
}()

func day(s string) time.Time {
	t, _ := time.ParseInLocation(time.DateOnly, s, moscow)
	return t.Add(12 * time.Hour)
}

type sliceSource []onec.Sale

func (s sliceSource) Sales(ctx context.Context, p onec.Period, fn func([]onec.Sale) error) error {
	return fn(s)
}

type sliceCatalog []onec.Client

func (s sliceCatalog) Clients(ctx context.Context, fn func([]onec.Client) error) error { return fn(s) }

// Secrets of the test tokens (each is also the token's name).
const (
	readSecret  = "reader-secret-0123456789"
	adminSecret = "admin-secret-0123456789"
	writeSecret = "writer-secret-0123456789"
)

const romashka = "af738206-2426-11f0-9d47-3c64cfca4840"

// testApp is the API and the dashboard over a synced store with three clients:
// ООО Ромашка (two purchases, the last two days ago: 32x), "b" (one, long ago: 11x).
func testApp(t *testing.T, snaps Snapshots) (*fiber.App, *store.DB) {
	t.Helper()
	app, db, _ := testHandlers(t, snaps)
	return app, db
}

func testHandlers(t *testing.T, snaps Snapshots) (*fiber.App, *store.DB, *handlers) {
	t.Helper()
	db := storetest.SQLite(t)
	ctx := context.Background()
	ms, err := mirror.NewStore(db)
	if err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return day("2026-11-01") }
	sales := sliceSource{
		{ClientID: strings.ToUpper(romashka), DocumentID: "d1", Period: day("2026-10-30"), Amount: 150_000, Lines: 2},
		{ClientID: strings.ToUpper(romashka), DocumentID: "d2", Period: day("2026-06-01"), Amount: 50_001, Lines: 1},
		{ClientID: "b", DocumentID: "d3", Period: day("2025-01-10"), Amount: 10_000, Lines: 1},
		{ClientID: "c", DocumentID: "d4", Period: day("2026-09-01"), Amount: 20_000, Lines: 1},
	}
	catalog := sliceCatalog{{ID: strings.ToUpper(romashka), Name: "ООО Ромашка", INN: "7707083893",
		Email: "Info@Romashka.ru", Phone: "+7 (495) 123-45-67"}, {ID: "c", Name: "ИП Васильков <script>"}}
	syncer := &mirror.Syncer{Store: ms, Sales: sales, Catalog: catalog, Location: moscow, Bounds: lifecycle.DefaultBounds(), Window: 45, Now: now}
	if _, err := syncer.Run(ctx, true); err != nil {
		t.Fatal(err)
	}
	names, err := lifecycle.ParseNames(configs.SegmentsYAML)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := tokens.NewStore(db)
	if err != nil {
		t.Fatal(err)
	}
	for name, scope := range map[string]string{readSecret: tokens.ScopeRead, adminSecret: tokens.ScopeAdmin, writeSecret: tokens.ScopeSalesWrite} {
		if _, _, err := ts.CreateWithSecret(ctx, name, []string{scope}, name, now()); err != nil {
			t.Fatal(err)
		}
	}
	app := server.New(server.Deps{Mirror: ms, Sync: &mirror.Runner{Syncer: syncer}, Background: ctx, Tokens: ts, Names: &names,
		Bounds: lifecycle.DefaultBounds(), Location: moscow, Ping: db.PingContext, MaxAge: 48 * time.Hour, Now: now})
	h, err := mount(ctx, app, Deps{Mirror: ms, Snapshots: snaps, Tokens: ts, Recompute: syncer.Recompute, Names: &names,
		Bounds: lifecycle.DefaultBounds(), Location: moscow, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return app, db, h
}

// browser keeps cookies between requests to the app, as a browser would.
type browser struct {
	t       *testing.T
	app     *fiber.App
	cookies map[string]*http.Cookie
	csrf    string // the last form token a page carried
}

func newBrowser(t *testing.T, app *fiber.App) *browser {
	return &browser{t: t, app: app, cookies: map[string]*http.Cookie{}}
}

// page is an answer: its status, headers and body.
type page struct {
	status int
	header http.Header
	body   string
}

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

func (b *browser) do(method, path string, form url.Values) page {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for _, c := range b.cookies {
		req.AddCookie(c)
	}
	resp, err := b.app.Test(req, -1)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	for _, c := range resp.Cookies() {
		if c.MaxAge < 0 || c.Value == "" { // expiry is by the test's clock, not this one

			delete(b.cookies, c.Name)
			continue
		}
		b.cookies[c.Name] = c
	}
	if m := csrfField.FindStringSubmatch(string(data)); m != nil {
		b.csrf = m[1]
	}
	return page{status: resp.StatusCode, header: resp.Header, body: string(data)}
}

func (b *browser) get(path string) page { return b.do("GET", path, nil) }

// post sends a form with the CSRF token of the last page.
func (b *browser) post(path string, form url.Values) page {
	if form == nil {
		form = url.Values{}
	}
	form.Set("_csrf", b.csrf)
	return b.do("POST", path, form)
}

// login opens a session with secret.
func (b *browser) login(secret string) {
	b.t.Helper()
	b.get("/login")
	if p := b.post("/login", url.Values{"token": {secret}}); p.status != http.StatusSeeOther {
		b.t.Fatalf("login: %d %s", p.status, p.body)
	}
}

// fakeSnapshots is a hand-made history of three month-ends.
type fakeSnapshots struct {
	dates []lifecycle.Day
	codes map[lifecycle.Day][]lifecycle.Packed // by client number
}

func newFakeSnapshots() *fakeSnapshots {
	p := func(s string) lifecycle.Packed {
		c, _ := lifecycle.ParseCode(s)
		return lifecycle.Pack(c)
	}
	f := &fakeSnapshots{codes: map[lifecycle.Day][]lifecycle.Packed{}}
	for i, s := range []string{"2026-08-31", "2026-09-30", "2026-10-31"} {
		d, _ := lifecycle.ParseDay(s)
		f.dates = append(f.dates, d)
		f.codes[d] = [][]lifecycle.Packed{
			{p("333"), p("111"), lifecycle.NoCode},
			{p("233"), p("111"), p("311")},
			{p("133"), lifecycle.NoCode, p("321")},
		}[i]
	}
	return f
}

func (f *fakeSnapshots) ListSnapshots(context.Context) ([]mirror.SnapshotInfo, error) {
	var out []mirror.SnapshotInfo
	for _, d := range f.dates {
		out = append(out, mirror.SnapshotInfo{AsOf: d, Kind: "backfill", Clients: 2})
	}
	return out, nil
}

func (f *fakeSnapshots) Dynamics(_ context.Context, from, to lifecycle.Day, g *lifecycle.Grouping) (lifecycle.Dynamics, error) {
	d := lifecycle.Dynamics{Level: g.Level, Groups: g.Groups}
	for _, day := range f.dates {
		if day < from || day > to {
			continue
		}
		m := lifecycle.Matrix{AsOf: day}
		for _, p := range f.codes[day] {
			if c, ok := p.Code(); ok {
				m.Clients++
				m.Codes[c.R-1][c.F-1][c.M-1].Clients++
			}
		}
		d.AddPoint(&m, 1, g)
	}
	return d, nil
}

func (f *fakeSnapshots) Transitions(_ context.Context, from, to lifecycle.Day, g *lifecycle.Grouping) (lifecycle.Transitions, error) {
	a, okA := f.codes[from]
	b, okB := f.codes[to]
	if !okA || !okB {
		return lifecycle.Transitions{}, mirror.ErrNotFound
	}
	t := lifecycle.CountTransitions(a, b, g)
	t.From, t.To = from, to
	return t, nil
}

func (f *fakeSnapshots) ClientSnapshots(_ context.Context, id string) ([]mirror.ClientSnapshot, error) {
	if id != romashka {
		return nil, nil
	}
	var out []mirror.ClientSnapshot
	for _, d := range f.dates {
		s := ""
		if c, ok := f.codes[d][0].Code(); ok {
			s = c.String()
		}
		out = append(out, mirror.ClientSnapshot{AsOf: d, Code: s})
	}
	return out, nil
}
