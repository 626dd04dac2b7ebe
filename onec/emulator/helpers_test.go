package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/rfm9/rfm9/configs"
	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/onec/demo"
)

// presets are the shipped mappings every behaviour is checked under.
var presets = []string{"unf", "ut11", "bp3", "retail"}

// smallDemo is enough data for every quirk to show up and fast enough for -race.
var smallDemo = demo.Options{Clients: 400, Lines: 4000, Seed: 7}

// mapping loads a shipped preset.
func mapping(t testing.TB, name string) onec.Mapping {
	t.Helper()
	data, err := configs.Preset(name)
	if err != nil {
		t.Fatal(err)
	}
	m, err := onec.ParseMapping(data)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// server is an emulator behind httptest with its service root.
type server struct {
	e    *Emulator
	srv  *httptest.Server
	base string
	user string
	pass string
}

// start runs an emulator of a preset; edit adjusts the options.
func start(t testing.TB, preset string, edit func(*Options)) *server {
	t.Helper()
	o := Options{Mapping: mapping(t, preset), Demo: smallDemo}
	if edit != nil {
		edit(&o)
	}
	e, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(e.Handler())
	t.Cleanup(srv.Close)
	return &server{e: e, srv: srv, base: e.BaseURL(srv.URL), user: o.User, pass: o.Password}
}

// get fetches path (below the service root, already escaped) with query options,
// asking for JSON; it returns the status and the body.
func (s *server) get(t testing.TB, path string, opts ...string) (int, string) {
	t.Helper()
	resp, body := s.do(t, path, "application/json", opts...)
	return resp.StatusCode, body
}

// do fetches path with an Accept header and returns the response and its body.
func (s *server) do(t testing.TB, path, accept string, opts ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.url(path, opts...), nil)
	if err != nil {
		t.Fatal(err)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	if s.user != "" {
		req.SetBasicAuth(s.user, s.pass)
	}
	resp, err := s.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s: read body: %v", path, err)
	}
	return resp, string(data)
}

// url builds the address of path with options given as name, value pairs; values
// are escaped with %20 for spaces, as OData clients must.
func (s *server) url(path string, opts ...string) string {
	u := s.base + escapePath(path)
	for i := 0; i+1 < len(opts); i += 2 {
		sep := "&"
		if i == 0 {
			sep = "?"
		}
		u += sep + opts[i] + "=" + url.PathEscape(opts[i+1])
	}
	return u
}

// escapePath escapes the Cyrillic of a path but keeps its brackets and quotes.
func escapePath(p string) string {
	return strings.NewReplacer("%28", "(", "%29", ")", "%27", "'", "%24", "$").Replace((&url.URL{Path: p}).EscapedPath())
}

// list decodes a JSON list, keeping numbers as their text.
func list(t testing.TB, body string) []map[string]any {
	t.Helper()
	var v struct {
		Value []map[string]any `json:"value"`
	}
	dec := json.NewDecoder(strings.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decode %.300s: %v", body, err)
	}
	return v.Value
}
