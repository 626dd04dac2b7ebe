package odata

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the tests place dates in Europe/Moscow on any machine

	"github.com/rfm9/rfm9/onec"
)

// fake1C is a small standard OData interface over in-memory entity sets: enough
// $filter (and-ed comparisons), $orderby, $top, $skip and $select for the reader.
type fake1C struct {
	t      *testing.T
	mu     sync.Mutex
	sets   map[string][]map[string]any
	maxTop int                                               // fail the test if $top asks for more
	hook   func(w http.ResponseWriter, r *http.Request) bool // true: the hook answered
	urls   []string                                          // raw request URIs, in arrival order
	noGt   bool                                              // refuse gt on refs, as some 1C releases might
}

func newFake(t *testing.T) (*fake1C, *httptest.Server) {
	f := &fake1C{t: t, sets: make(map[string][]map[string]any)}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

func (f *fake1C) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.urls = append(f.urls, r.URL.RequestURI())
	hook := f.hook
	f.mu.Unlock()
	if hook != nil && hook(w, r) {
		return
	}
	entity := strings.TrimPrefix(r.URL.Path, "/base/odata/standard.odata/")
	recs, ok := f.sets[entity]
	if !ok {
		writeError(w, 400, "6", "Сегмент пути '"+entity+"' не найден!")
		return
	}
	out, status, msg := f.query(recs, r.URL.Query())
	if status != 0 {
		writeError(w, status, "14", msg)
		return
	}
	w.Header().Set("Content-Type", "application/json;odata=nometadata")
	json.NewEncoder(w).Encode(map[string]any{"odata.metadata": "http://fake/$metadata#" + entity, "value": out})
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"odata.error":{"code":%q,"message":{"lang":"ru","value":%q}}}`, code, msg)
}

func (f *fake1C) query(recs []map[string]any, q url.Values) ([]map[string]any, int, string) {
	var out []map[string]any
	for _, rec := range recs {
		ok, err := f.match(rec, q.Get("$filter"))
		if err != nil {
			return nil, 400, err.Error()
		}
		if ok {
			out = append(out, rec)
		}
	}
	sortRecords(out, q.Get("$orderby"))
	skip, _ := strconv.Atoi(q.Get("$skip"))
	out = out[min(skip, len(out)):]
	if top := q.Get("$top"); top != "" {
		n, _ := strconv.Atoi(top)
		if f.maxTop > 0 && n > f.maxTop {
			f.t.Errorf("$top=%d asks for more than %d", n, f.maxTop)
		}
		out = out[:min(n, len(out))]
	}
	return project(out, q.Get("$select")), 0, ""
}

// match evaluates "a op lit and b op lit …".
func (f *fake1C) match(rec map[string]any, filter string) (bool, error) {
	if filter == "" {
		return true, nil
	}
	for _, term := range strings.Split(filter, " and ") {
		parts := strings.SplitN(term, " ", 3)
		if len(parts) != 3 {
			return false, fmt.Errorf("bad term %q", term)
		}
		field, op, lit := parts[0], parts[1], parts[2]
		if f.noGt && op == "gt" && strings.HasPrefix(lit, "guid'") {
			return false, fmt.Errorf("operator gt is not allowed for refs")
		}
		if !compare(fmt.Sprint(rec[field]), op, literal(lit)) {
			return false, nil
		}
	}
	return true, nil
}

func literal(s string) string {
	for _, p := range []string{"datetime'", "guid'", "'"} {
		if v, ok := strings.CutPrefix(s, p); ok {
			return strings.TrimSuffix(v, "'")
		}
	}
	return s
}

func compare(a, op, b string) bool {
	c := strings.Compare(a, b)
	switch op {
	case "eq":
		return c == 0
	case "ne":
		return c != 0
	case "gt":
		return c > 0
	case "ge":
		return c >= 0
	case "lt":
		return c < 0
	case "le":
		return c <= 0
	}
	return false
}

func sortRecords(recs []map[string]any, orderby string) {
	if orderby == "" {
		return
	}
	keys := strings.Split(orderby, ",")
	slices.SortStableFunc(recs, func(a, b map[string]any) int {
		for _, k := range keys {
			name, desc := strings.CutSuffix(k, " desc")
			c := compareValues(a[name], b[name])
			if desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return 0
	})
}

func compareValues(a, b any) int {
	as, bs := fmt.Sprint(a), fmt.Sprint(b)
	ai, aerr := strconv.Atoi(as)
	bi, berr := strconv.Atoi(bs)
	if aerr == nil && berr == nil {
		return ai - bi
	}
	return strings.Compare(as, bs)
}

func project(recs []map[string]any, sel string) []map[string]any {
	if sel == "" {
		return recs
	}
	out := make([]map[string]any, len(recs))
	for i, rec := range recs {
		m := make(map[string]any)
		for _, k := range strings.Split(sel, ",") {
			if v, ok := rec[k]; ok {
				m[k] = v
			}
		}
		out[i] = m
	}
	return out
}

func (f *fake1C) requests() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.urls)
}

// testMapping is a preset parsed as the lead's code will.
func testMapping(t testing.TB, yaml string) onec.Mapping {
	t.Helper()
	m, err := onec.ParseMapping([]byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// newTestReader builds a reader on srv that never sleeps between retries.
func newTestReader(t testing.TB, srv *httptest.Server, m onec.Mapping, tweak func(*Config)) *Reader {
	t.Helper()
	cfg := Config{
		BaseURL:  srv.URL + "/base/odata/standard.odata/",
		User:     "Администратор",
		Password: "секрет-42",
		Location: moscow(t),
		Mapping:  m,
		Timeout:  5 * time.Second,
		Retries:  3,
		Logger:   slog.New(slog.DiscardHandler),
	}
	if tweak != nil {
		tweak(&cfg)
	}
	r, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	r.sleep = func(ctx context.Context, d time.Duration) error { return ctx.Err() }
	return r
}

func moscow(t testing.TB) *time.Location {
	loc, err := time.LoadLocation("Europe/Moscow")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	return loc
}
