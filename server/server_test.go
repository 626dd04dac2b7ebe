package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/rfm9/rfm9/configs"
	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/mirror"
	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/store"
	"github.com/rfm9/rfm9/store/storetest"
	"github.com/rfm9/rfm9/tokens"
)

type sliceSource []onec.Sale

func (s sliceSource) Sales(ctx context.Context, p onec.Period, fn func([]onec.Sale) error) error {
	return fn(s)
}

type sliceCatalog []onec.Client

func (s sliceCatalog) Clients(ctx context.Context, fn func([]onec.Client) error) error { return fn(s) }

var moscow, _ = time.LoadLocation("Europe/Moscow")

func day(s string) time.Time {
	t, _ := time.ParseInLocation(time.DateOnly, s, moscow)
	return t.Add(12 * time.Hour)
}

// testApp builds the app over a store; synced says whether a first sync has run.
func testApp(t *testing.T, db *store.DB, synced bool) *fiber.App {
	t.Helper()
	return testAppRate(t, db, synced, 0)
}

func testAppRate(t *testing.T, db *store.DB, synced bool, rate int) *fiber.App {
	t.Helper()
	ms, err := mirror.NewStore(db)
	if err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return day("2026-11-01") }
	if synced {
		sales := sliceSource{
			{ClientID: "AF738206-2426-11F0-9D47-3C64CFCA4840", DocumentID: "d1", Period: day("2026-10-30"), Amount: 150_000, Lines: 2},
			{ClientID: "AF738206-2426-11F0-9D47-3C64CFCA4840", DocumentID: "d2", Period: day("2026-06-01"), Amount: 50_001, Lines: 1},
			{ClientID: "b", DocumentID: "d3", Period: day("2025-01-10"), Amount: 10_000, Lines: 1},
		}
		catalog := sliceCatalog{{ID: "AF738206-2426-11F0-9D47-3C64CFCA4840", Name: "ООО Ромашка", INN: "7707083893",
			Email: "Info@Romashka.ru", Phone: "+7 (495) 123-45-67"}}
		s := &mirror.Syncer{Store: ms, Sales: sales, Catalog: catalog, Location: moscow, Bounds: lifecycle.DefaultBounds(), Window: 45, Now: now}
		if _, err := s.Run(context.Background(), true); err != nil {
			t.Fatal(err)
		}
	}
	names, err := lifecycle.ParseNames(configs.SegmentsYAML)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := tokens.NewStore(db)
	if err != nil {
		t.Fatal(err)
	}
	for name, scope := range map[string]string{readSecret: tokens.ScopeRead, metricsSecret: tokens.ScopeMetrics, writeSecret: tokens.ScopeSalesWrite, adminSecret: tokens.ScopeAdmin} {
		if _, _, err := ts.CreateWithSecret(context.Background(), name, []string{scope}, name, now()); err != nil {
			t.Fatal(err)
		}
	}
	runner := &mirror.Runner{Syncer: &mirror.Syncer{Store: ms, Sales: sliceSource{}, Location: moscow, Bounds: lifecycle.DefaultBounds(), Window: 45, Now: now}}
	return New(Deps{Mirror: ms, Sync: runner, Background: context.Background(), Tokens: ts, Names: &names, Bounds: lifecycle.DefaultBounds(), Location: moscow,
		Ping: func(ctx context.Context) error { return db.PingContext(ctx) }, MaxAge: 48 * time.Hour, Now: now, Rate: rate})
}

// Secrets of the test tokens (each is also the token's name).
const (
	readSecret    = "reader-secret-0123456789"
	metricsSecret = "metrics-secret-0123456789"
	writeSecret   = "writer-secret-0123456789"
	adminSecret   = "admin-secret-0123456789"
)

// call sends a request with the read token through the app and decodes the JSON answer.
func call(t *testing.T, app *fiber.App, method, path, lang string) (int, map[string]any) {
	t.Helper()
	return callAs(t, app, readSecret, method, path, lang)
}

func callAs(t *testing.T, app *fiber.App, secret, method, path, lang string) (int, map[string]any) {
	t.Helper()
	return send(t, app, secret, method, path, lang, nil)
}

func send(t *testing.T, app *fiber.App, secret, method, path, lang string, body []byte) (int, map[string]any) {
	t.Helper()
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if lang != "" {
		req.Header.Set("Accept-Language", lang)
	}
	if secret != "" {
		req.Header.Set("Authorization", "Bearer "+secret)
	}
	resp, err := app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("%s %s: not JSON: %s", method, path, data)
	}
	return resp.StatusCode, out
}

func errorMessage(body map[string]any) string {
	e, _ := body["error"].(map[string]any)
	msg, _ := e["message"].(string)
	return msg
}

func TestHealthAndReady(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		fresh := testApp(t, db, false)
		if code, _ := call(t, fresh, "GET", "/healthz", ""); code != 200 {
			t.Errorf("healthz %d", code)
		}
		if code, body := call(t, fresh, "GET", "/readyz", ""); code != 503 || body["status"] != "no sync yet" {
			t.Errorf("readyz before a sync: %d %v", code, body)
		}
		if code, body := call(t, testApp(t, db, true), "GET", "/readyz", ""); code != 200 || body["status"] != "ok" {
			t.Errorf("readyz after a sync: %d %v", code, body)
		}
	})
}

func TestSegments(t *testing.T) {
	app := testApp(t, storetest.SQLite(t), true)
	code, body := call(t, app, "GET", "/api/v1/segments", "")
	if code != 200 {
		t.Fatalf("status %d: %v", code, body)
	}
	codes, _ := body["codes"].([]any)
	cells, _ := body["cells"].([]any)
	if len(codes) != 27 || len(cells) != 9 || body["clients"] != 2.0 || body["as_of"] != "2026-11-01" {
		t.Errorf("got %d codes, %d cells, clients %v, as_of %v", len(codes), len(cells), body["clients"], body["as_of"])
	}
	if first := cells[0].(map[string]any); first["name"] != "Новички" {
		t.Errorf("first cell %v", first)
	}
	_, en := call(t, app, "GET", "/api/v1/segments", "en-US,en;q=0.9")
	if first := en["cells"].([]any)[0].(map[string]any); first["name"] != "Newcomers" {
		t.Errorf("English first cell %v", first)
	}
}

func TestSegmentsBeforeFirstSync(t *testing.T) {
	code, body := call(t, testApp(t, storetest.SQLite(t), false), "GET", "/api/v1/segments", "")
	if code != 404 || errorMessage(body) == "" {
		t.Errorf("segments before a sync: %d %v", code, body)
	}
}

func TestClient(t *testing.T) {
	app := testApp(t, storetest.SQLite(t), true)
	// Two purchases, the last 2 days ago, M = 2 000,01 ₽: R3 F2; M sorted 100, 2000.01 → cuts
	// 100 and 2000.01 (ranks 1, 2), so M2 → 322.
	code, body := call(t, app, "GET", "/api/v1/clients/af738206-2426-11f0-9d47-3c64cfca4840", "")
	if code != 200 {
		t.Fatalf("status %d: %v", code, body)
	}
	want := map[string]any{"code": "322", "cell": "32", "cell_name": "Перспективные", "purchases": 2.0,
		"monetary_kop": 200001.0, "average_check_kop": 100001.0, "recency_days": 2.0,
		"first_purchase": "2026-06-01", "last_purchase": "2026-10-30",
		"explain": "2–3 покупки, последняя 0–90 дней назад, сумма 100 – 2 000,01 ₽"}
	for k, v := range want {
		if body[k] != v {
			t.Errorf("%s = %v, want %v", k, body[k], v)
		}
	}
	if h, _ := body["history"].([]any); len(h) != 1 || h[0].(map[string]any)["to"] != "322" {
		t.Errorf("history %v, want the first placement in 322", body["history"])
	}
}

func TestErrorsAreJSONInBothLanguages(t *testing.T) {
	app := testApp(t, storetest.SQLite(t), true)
	tests := []struct {
		path, lang, code, message string
		status                    int
	}{
		{"/api/v1/clients/nobody", "", "not_found", "Клиент nobody не найден среди покупателей.", 404},
		{"/api/v1/clients/nobody", "en", "not_found", "Client nobody is not among the buyers.", 404},
		{"/api/v1/nothing-here", "", "not_found", "Не найдено.", 404},
	}
	for _, tt := range tests {
		status, body := call(t, app, "GET", tt.path, tt.lang)
		e, _ := body["error"].(map[string]any)
		if status != tt.status || e["code"] != tt.code || e["message"] != tt.message {
			t.Errorf("%s (%s): %d %v", tt.path, tt.lang, status, body)
		}
	}
}

func TestAccess(t *testing.T) {
	app := testApp(t, storetest.SQLite(t), true)
	tests := []struct {
		secret string
		status int
		code   string
	}{
		{"", 401, "unauthorized"},
		{"no-such-token-0123456789", 401, "unauthorized"},
		{metricsSecret, 403, "forbidden"},
		{readSecret, 200, ""},
	}
	for _, tt := range tests {
		status, body := callAs(t, app, tt.secret, "GET", "/api/v1/segments", "")
		e, _ := body["error"].(map[string]any)
		if status != tt.status || (tt.code != "" && e["code"] != tt.code) {
			t.Errorf("token %q: %d %v", tt.secret, status, body)
		}
	}
	if status, _ := callAs(t, app, "", "GET", "/healthz", ""); status != 200 {
		t.Errorf("healthz needs no token, got %d", status)
	}
}

func TestMetrics(t *testing.T) {
	app := testApp(t, storetest.SQLite(t), true)
	call(t, app, "GET", "/api/v1/clients/nobody", "")
	req := httptest.NewRequest("GET", "/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+metricsSecret)
	resp, err := app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	want := `rfm9_http_requests_total{method="GET",route="/api/v1/clients/:id",status="404"} 1`
	if resp.StatusCode != 200 || !bytes.Contains(data, []byte(want)) {
		t.Errorf("metrics %d lack %s:\n%.2000s", resp.StatusCode, want, data)
	}
	if status, _ := call(t, app, "GET", "/metrics", ""); status != 403 {
		t.Errorf("a read token got the metrics: %d", status)
	}
}

func TestSegmentClients(t *testing.T) {
	app := testApp(t, storetest.SQLite(t), true)
	status, body := call(t, app, "GET", "/api/v1/segments/32/clients?limit=1", "")
	list, _ := body["clients"].([]any)
	if status != 200 || len(list) != 1 || list[0].(map[string]any)["code"] != "322" {
		t.Fatalf("cell 32: %d %v", status, body)
	}
	for q, want := range map[string]int{"%D1%80%D0%BE%D0%BC%D0%B0%D1%88": 1, "7707083893": 1, "nobody": 0} { // "ромаш"
		status, body = call(t, app, "GET", "/api/v1/segments/32/clients?q="+q, "")
		if list, _ := body["clients"].([]any); status != 200 || len(list) != want {
			t.Errorf("search %s in 32: %d %v", q, status, body)
		}
	}
	status, body = call(t, app, "GET", "/api/v1/segments/4/clients?sort=age&order=up&limit=0&format=pdf", "")
	fields := body["error"].(map[string]any)["fields"].(map[string]any)
	if status != 400 || len(fields) != 5 {
		t.Errorf("bad list query: %d %v", status, body)
	}
	head := "client_id,first_purchase,last_purchase,purchases,monetary_kop,recency_days,r,f,m,code\n"
	for query, want := range map[string]string{
		"format=csv":          head + "af738206-2426-11f0-9d47-3c64cfca4840,2026-06-01,2026-10-30,2,200001,2,3,2,2,322\n",
		"format=csv&q=nobody": head, // a download is what the search found
	} {
		req := httptest.NewRequest("GET", "/api/v1/segments/322/clients?"+query, nil)
		req.Header.Set("Authorization", "Bearer "+readSecret)
		resp, err := app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(resp.Body)
		if string(data) != want {
			t.Errorf("%s:\n%s\nwant:\n%s", query, data, want)
		}
	}
}

func TestFindClients(t *testing.T) {
	app := testApp(t, storetest.SQLite(t), true)
	for _, q := range []string{"inn=7707083893", "email=info@romashka.ru", "phone=8%20495%20123-45-67"} {
		status, body := call(t, app, "GET", "/api/v1/clients?"+q, "")
		list, _ := body["clients"].([]any)
		if status != 200 || len(list) != 1 || list[0].(map[string]any)["name"] != "ООО Ромашка" {
			t.Errorf("%s: %d %v", q, status, body)
		}
	}
	if status, body := call(t, app, "GET", "/api/v1/clients?inn=0000000000", ""); status != 200 || len(body["clients"].([]any)) != 0 {
		t.Errorf("no match: %d %v", status, body)
	}
	if status, _ := call(t, app, "GET", "/api/v1/clients", ""); status != 400 {
		t.Errorf("no query: %d", status)
	}
}

func TestRateLimitPerToken(t *testing.T) {
	app := testAppRate(t, storetest.SQLite(t), true, 3)
	for i := range 3 {
		if status, _ := call(t, app, "GET", "/api/v1/segments", ""); status != 200 {
			t.Fatalf("request %d: %d", i, status)
		}
	}
	status, body := call(t, app, "GET", "/api/v1/segments", "")
	if e, _ := body["error"].(map[string]any); status != 429 || e["code"] != "rate_limited" {
		t.Errorf("4th request: %d %v", status, body)
	}
	if status, _ := call(t, app, "GET", "/reports/kpi.xlsx?from=2026-01-01&to=2026-10-31", ""); status != 429 {
		t.Errorf("the report shares the token's budget: got %d, want 429", status)
	}
	if status, _ := callAs(t, app, writeSecret, "GET", "/api/v1/segments", ""); status != 403 {
		t.Errorf("another token has its own budget: got %d, want 403 (a write token cannot read)", status)
	}
}

func TestSyncEndpoints(t *testing.T) {
	app := testApp(t, storetest.SQLite(t), true)
	if status, _ := send(t, app, readSecret, "POST", "/api/v1/sync", "", nil); status != 403 {
		t.Errorf("a read token started a sync: %d", status)
	}
	status, body := send(t, app, adminSecret, "POST", "/api/v1/sync", "", []byte(`{"full": true}`))
	if status != 202 || body["running"] != true || body["full"] != true {
		t.Fatalf("start: %d %v", status, body)
	}
	for range 1000 {
		if _, body = call(t, app, "GET", "/api/v1/sync", ""); body["running"] == false {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if body["running"] != false || body["last"] == nil {
		t.Errorf("after the sync: %v", body)
	}
	if status, body := send(t, app, adminSecret, "POST", "/api/v1/sync", "", []byte(`{"ful": true}`)); status != 400 {
		t.Errorf("a typo in the body: %d %v", status, body)
	}
}

func TestBounds(t *testing.T) {
	app := testApp(t, storetest.SQLite(t), true)
	_, got := call(t, app, "GET", "/api/v1/matrix/bounds", "")
	if cur := got["current"].(map[string]any); cur["version"] != 0.0 {
		t.Fatalf("before any change: %v", got)
	}
	// What-if: with one purchase counted as "a few" (count bounds 0 is invalid, so 1,2 →
	// 2 purchases is F2 still); recency 1,2 days makes the 2-days-ago client R2.
	body := []byte(`{"count":[1,2],"recency_days":[1,2],"monetary":"tertiles"}`)
	status, prev := send(t, app, readSecret, "POST", "/api/v1/matrix/preview", "", body)
	if status != 200 || prev["bounds"].(map[string]any)["recency_days"].([]any)[1] != 2.0 {
		t.Fatalf("preview: %d %v", status, prev)
	}
	if _, c := call(t, app, "GET", "/api/v1/clients/"+pushedClient, ""); c["code"] != "322" {
		t.Errorf("a preview changed the results: %v", c["code"])
	}
	if status, _ := send(t, app, readSecret, "PUT", "/api/v1/matrix/bounds", "", body); status != 403 {
		t.Errorf("a read token changed the bounds: %d", status)
	}
	status, put := send(t, app, adminSecret, "PUT", "/api/v1/matrix/bounds", "", body)
	if status != 200 || put["version"] != 1.0 || put["changed_by"] != adminSecret {
		t.Fatalf("put: %d %v", status, put)
	}
	if _, c := call(t, app, "GET", "/api/v1/clients/"+pushedClient, ""); c["code"] != "222" {
		t.Errorf("after the new bounds the client is %v, want 222 (2 days ago is now R2)", c["code"])
	}
	_, got = call(t, app, "GET", "/api/v1/matrix/bounds", "")
	if h := got["history"].([]any); len(h) != 1 || got["current"].(map[string]any)["version"] != 1.0 {
		t.Errorf("history: %v", got)
	}
	status, bad := send(t, app, adminSecret, "PUT", "/api/v1/matrix/bounds", "", []byte(`{"count":[3,1],"recency_days":[90,180],"monetary":"fixed"}`))
	fields, _ := bad["error"].(map[string]any)["fields"].(map[string]any)
	if status != 400 || fields["monetary_kop"] == nil {
		t.Errorf("fixed without limits: %d %v", status, bad)
	}
	status, bad = send(t, app, adminSecret, "PUT", "/api/v1/matrix/bounds", "", []byte(`{"count":[3,1],"recency_days":[90,180],"monetary":"tertiles"}`))
	fields, _ = bad["error"].(map[string]any)["fields"].(map[string]any)
	if status != 400 || fields["count"] == nil {
		t.Errorf("decreasing count bounds: %d %v", status, bad)
	}
	if status, s := call(t, app, "GET", "/api/v1/matrix/suggest?method=quantiles", ""); status != 200 || s["reasons"] == nil {
		t.Errorf("suggest: %d %v", status, s)
	}
}

// TestOpenAPICoversEveryRoute keeps the document honest: every route the app serves is
// described, with its method, and the document describes no route the app lacks.
func TestOpenAPICoversEveryRoute(t *testing.T) {
	app := testApp(t, storetest.SQLite(t), false)
	req := httptest.NewRequest("GET", "/api/openapi.json", nil)
	resp, err := app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths map[string]map[string]any `json:"paths"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	served := map[string]bool{}
	for _, r := range app.GetRoutes(true) {
		if r.Method == "HEAD" || r.Path == "/" || strings.HasSuffix(r.Path, "*") {
			continue
		}
		path := openapiPath(r.Path)
		served[r.Method+" "+path] = true
		if _, ok := doc.Paths[path][strings.ToLower(r.Method)]; !ok {
			t.Errorf("%s %s is not in openapi.yaml", r.Method, path)
		}
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			if !served[strings.ToUpper(method)+" "+path] {
				t.Errorf("openapi.yaml describes %s %s, which the app does not serve", method, path)
			}
		}
	}
}

// openapiPath writes fiber's :param as OpenAPI's {param}.
func openapiPath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if strings.HasPrefix(s, ":") {
			parts[i] = "{" + s[1:] + "}"
		}
	}
	return strings.Join(parts, "/")
}

func TestKPI(t *testing.T) {
	app := testApp(t, storetest.SQLite(t), true)
	status, body := call(t, app, "GET", "/api/v1/kpi?from=2026-06-01&to=2026-10-31&period=month", "")
	rows, _ := body["rows"].([]any)
	if status != 200 || len(rows) != 5 {
		t.Fatalf("kpi: %d %v", status, body)
	}
	// October: one purchase of 1 500 ₽ (2 lines) by a client who bought in June: a repeat
	// purchase; nobody bought in September, so retention has no base.
	oct := rows[4].(map[string]any)
	want := map[string]any{"revenue_kop": 150000.0, "purchases": 1.0, "buyers": 1.0, "average_check_kop": 150000.0,
		"check_depth": "2.00", "repeat_share_bp": 10000.0, "retention_bp": nil, "new_buyers": 0.0}
	for k, v := range want {
		if oct[k] != v {
			t.Errorf("October %s = %v, want %v", k, oct[k], v)
		}
	}
	if p := oct["period"].(map[string]any); p["key"] != "2026-10" || p["start"] != "2026-10-01" {
		t.Errorf("period %v", p)
	}
	status, body = call(t, app, "GET", "/api/v1/kpi?from=junk&period=week&by=region", "")
	fields := body["error"].(map[string]any)["fields"].(map[string]any)
	if status != 400 || len(fields) != 4 {
		t.Errorf("bad query: %d %v", status, body)
	}
	if status, body := call(t, app, "GET", "/api/v1/kpi?from=2026-01-01&to=2026-10-31&period=quarter&by=segment", ""); status != 200 || len(body["rows"].([]any)) != 4*10 {
		t.Errorf("by segment: %d, %d rows", status, len(body["rows"].([]any)))
	}
}

func TestCohorts(t *testing.T) {
	app := testApp(t, storetest.SQLite(t), true)
	status, body := call(t, app, "GET", "/api/v1/kpi/cohorts?from=2026-06-01&to=2026-10-31", "")
	list, _ := body["cohorts"].([]any)
	if status != 200 || len(list) != 5 {
		t.Fatalf("cohorts: %d %v", status, body)
	}
	// June: one client (first purchase 500,01 ₽ on 2026-06-01, then 1 500 ₽ on 2026-10-30).
	june := list[0].(map[string]any)
	ltv := june["ltv_kop"].(map[string]any)
	if june["clients"] != 1.0 || ltv["1"] != 50001.0 || ltv["3"] != 50001.0 || ltv["12"] != nil {
		t.Errorf("June cohort: %v", june)
	}
	months := june["months"].([]any)
	if last := months[4].(map[string]any); last["retention_bp"] != 10000.0 || last["net_kop"] != 150000.0 {
		t.Errorf("June cohort in October: %v", last)
	}
	if status, _ := call(t, app, "GET", "/api/v1/kpi/cohorts?from=2026-06-01", ""); status != 400 {
		t.Errorf("no to: %d", status)
	}
}
