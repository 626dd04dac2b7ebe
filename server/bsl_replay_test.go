package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/rfm9/rfm9/store/storetest"
	"github.com/rfm9/rfm9/tokens"
)

// The 1C module cannot run here, so its requests are pinned twice: testdata/bsl/*.http hold
// them byte for byte as the module builds them, and the tests below (1) replay each one
// through the app, (2) check each one against the module's text (headers, path literals,
// the JSON as ЗаписьJSON writes it, field order) and (3) check the JSON field names in the
// module against the API's structs, so a renamed field fails here and not in a 1C base.

const bslModulePath = "../onec/bsl/rfm9_module.bsl"

// bslReplay is what each fixture must do when replayed: the module function that builds
// it, the string literals of that function the path is made of (in order), and fields of
// the answer (dotted paths into the JSON).
var bslReplay = map[string]struct {
	function string
	path     []string
	want     map[string]any
}{
	"client_segment.http": {"СегментКлиента", []string{"/api/v1/clients/"}, map[string]any{
		"client_id": pushedClient, "name": "ООО Ромашка", "code": "322", "cell": "32", "cell_name": "Перспективные",
		"stage": "Перспективный", "purchases": 2.0, "monetary_kop": 200001.0, "average_check_kop": 100001.0,
		"last_purchase": "2026-10-30", "explain": "2–3 покупки, последняя 0–90 дней назад, сумма 100 – 2 000,01 ₽",
	}},
	"clients_by_inn.http": {"КлиентыПоИНН", []string{"/api/v1/clients?inn="}, map[string]any{
		"clients.0.client_id": pushedClient, "clients.0.inn": "7707083893", "clients.0.code": "322", "clients.1": nil,
	}},
	"segment_clients.http": {"КлиентыСегмента", []string{"/api/v1/segments/", "/clients?limit="}, map[string]any{
		"segment": "322", "clients.0.client_id": pushedClient, "clients.0.code": "322", "clients.0.monetary_kop": 200001.0,
		"clients.1": nil, "next": nil,
	}},
	// The cursor ends a page at 3 000 ₽; the client's 2 000,01 ₽ comes after it.
	"segment_clients_next.http": {"КлиентыСегмента", []string{"/api/v1/segments/", "/clients?limit=", "&after="}, map[string]any{
		"segment": "32", "clients.0.client_id": pushedClient, "clients.1": nil, "next": nil,
	}},
	// A third purchase of 5 000 ₽ today: still 2–3 purchases, the largest M → 323 (see
	// TestPostSaleRecomputesAtOnce).
	"sale_one.http": {"ОтправитьДокументы", []string{"/api/v1/sales"}, map[string]any{
		"client_id": pushedClient, "document_id": "0bd4cc24-2426-11f0-9d47-3c64cfca4840", "applied": true,
		"code": "323", "previous_code": "322", "cell_name": "Перспективные",
	}},
	// Two more purchases (1 000 ₽ and 2 500 ₽ of services), a return of 500 ₽ and an
	// un-posted draft: 4 purchases → F3, M 5 000,01 ₽ → 333.
	"sales_batch.http": {"ОтправитьДокументы", []string{"/api/v1/sales/batch"}, map[string]any{
		"documents.0.applied": true, "documents.1.applied": true, "documents.2.applied": true, "documents.3.applied": true,
		"documents.3.document_id": "4bd4cc24-2426-11f0-9d47-3c64cfca4840",
		"clients.0.client_id":     pushedClient, "clients.0.code": "333", "clients.0.previous_code": "322", "clients.1": nil,
	}},
}

// bslFixture is one request of the module as the .http file holds it.
type bslFixture struct {
	name    string
	method  string
	target  string      // path and query
	headers [][2]string // in the file's order
	body    []byte      // exactly the bytes after the blank line
}

// readBSLFixture parses "# comments", the request line, headers, a blank line and the
// body to the end of the file (no newline is added or removed).
func readBSLFixture(t *testing.T, path string) bslFixture {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f := bslFixture{name: filepath.Base(path)}
	r := bufio.NewReader(bytes.NewReader(data))
	consumed := 0
	readLine := func() (string, bool) {
		line, err := r.ReadString('\n')
		consumed += len(line)
		if err != nil {
			return line, false
		}
		return strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"), true
	}
	for {
		line, ok := readLine()
		if !ok {
			t.Fatalf("%s: no request line", f.name)
		}
		if strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Fields(line)
		if len(parts) != 3 || parts[2] != "HTTP/1.1" {
			t.Fatalf("%s: request line %q, want METHOD TARGET HTTP/1.1", f.name, line)
		}
		f.method, f.target = parts[0], parts[1]
		break
	}
	for {
		line, ok := readLine()
		if !ok {
			t.Fatalf("%s: no blank line after the headers", f.name)
		}
		if line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ": ")
		if !ok {
			t.Fatalf("%s: header line %q", f.name, line)
		}
		f.headers = append(f.headers, [2]string{name, value})
	}
	f.body = data[consumed:]
	return f
}

func bslFixtures(t *testing.T) []bslFixture {
	t.Helper()
	paths, err := filepath.Glob("testdata/bsl/*.http")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures in testdata/bsl: %v", err)
	}
	var out []bslFixture
	for _, p := range paths {
		f := readBSLFixture(t, p)
		if _, ok := bslReplay[f.name]; !ok {
			t.Errorf("%s: no expectations in bslReplay", f.name)
			continue
		}
		out = append(out, f)
	}
	if len(out) != len(bslReplay) {
		t.Errorf("%d fixtures for %d expectations in bslReplay", len(out), len(bslReplay))
	}
	return out
}

// oneCToken is the token the guide tells the 1C administrator to create: one token with
// both scopes the module needs.
const oneCToken = "1c-trade-secret-0123456789"

func replay(t *testing.T, app *fiber.App, f bslFixture, body []byte) (int, map[string]any) {
	t.Helper()
	req := httptest.NewRequest(f.method, f.target, bytes.NewReader(body))
	for _, h := range f.headers {
		req.Header.Set(h[0], strings.ReplaceAll(h[1], "{{TOKEN}}", oneCToken))
	}
	resp, err := app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("%s: not JSON: %s", f.name, data)
	}
	return resp.StatusCode, out
}

func bslApp(t *testing.T) *fiber.App {
	t.Helper()
	db := storetest.SQLite(t)
	app := testApp(t, db, true)
	ts, err := tokens.NewStore(db)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := ts.CreateWithSecret(context.Background(), "1c-trade", []string{tokens.ScopeRead, tokens.ScopeSalesWrite}, oneCToken, day("2026-11-01")); err != nil {
		t.Fatal(err)
	}
	return app
}

// TestBSLRequestsReplay sends every request of the 1C module, as it builds it, to the app
// over the synced test store with the token the guide prescribes.
func TestBSLRequestsReplay(t *testing.T) {
	for _, f := range bslFixtures(t) {
		t.Run(f.name, func(t *testing.T) {
			want := bslReplay[f.name].want
			app := bslApp(t)
			status, got := replay(t, app, f, f.body)
			if status != 200 {
				t.Fatalf("status %d: %v", status, got)
			}
			checkFields(t, got, want)
			if f.method != "POST" {
				return
			}
			// The queue retries a delivery whose answer it did not see: nothing changes.
			status, again := replay(t, app, f, f.body)
			if status != 200 {
				t.Fatalf("retry: status %d: %v", status, again)
			}
			for path := range want {
				if strings.HasSuffix(path, "applied") && lookup(again, path) != false {
					t.Errorf("retry: %s = %v, want false", path, lookup(again, path))
				}
			}
			// A module that drops ИспользованиеByteOrderMark.НеИспользовать may send a BOM.
			app = bslApp(t)
			status, bom := replay(t, app, f, append([]byte{0xEF, 0xBB, 0xBF}, f.body...))
			if status != 200 {
				t.Fatalf("with a BOM: status %d: %v", status, bom)
			}
			checkFields(t, bom, want)
		})
	}
}

func checkFields(t *testing.T, got map[string]any, want map[string]any) {
	t.Helper()
	for path, v := range want {
		if g := lookup(got, path); g != v {
			t.Errorf("%s = %v, want %v (answer %v)", path, g, v, got)
		}
	}
}

// lookup follows a dotted path ("clients.0.code") into decoded JSON; nil when absent.
func lookup(v any, path string) any {
	for _, part := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[part]
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// bslModule is the module's text without comments, and its procedures and functions.
type bslModule struct {
	code  string
	funcs map[string]string
}

var (
	bslFuncRE   = regexp.MustCompile(`(?ms)^(?:Функция|Процедура)\s+([\p{L}\p{N}_]+)\((.*?)^(?:КонецФункции|КонецПроцедуры)`)
	bslWriteRE  = regexp.MustCompile(`ЗаписатьИмяСвойства\("([^"]*)"\)`)
	bslReadRE   = regexp.MustCompile(`ПолеJSON\(\s*[^,()"]+,\s*"([^"]*)"`)
	bslHeaderRE = regexp.MustCompile(`Заголовки\.Вставить\("([^"]+)",\s*"([^"]*)"(\s*\+)?`)
	bslStringRE = regexp.MustCompile(`"([^"]*)"`)
)

func loadBSLModule(t *testing.T) bslModule {
	t.Helper()
	data, err := os.ReadFile(bslModulePath)
	if err != nil {
		t.Fatal(err)
	}
	m := bslModule{code: stripBSLComments(string(bytes.TrimPrefix(data, utf8BOM))), funcs: map[string]string{}}
	for _, sm := range bslFuncRE.FindAllStringSubmatch(m.code, -1) {
		m.funcs[sm[1]] = sm[2]
	}
	if len(m.funcs) < 10 {
		t.Fatalf("found only %d procedures and functions in %s", len(m.funcs), bslModulePath)
	}
	return m
}

// stripBSLComments drops // comments outside string literals ("http://" stays).
func stripBSLComments(src string) string {
	var b strings.Builder
	inString := false
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '"' {
			inString = !inString
		}
		if !inString && c == '/' && i+1 < len(src) && src[i+1] == '/' {
			for i < len(src) && src[i] != '\n' {
				i++
			}
			if i < len(src) {
				b.WriteByte('\n')
			}
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func (m bslModule) matches(re *regexp.Regexp, function string) []string {
	var out []string
	for _, sm := range re.FindAllStringSubmatch(m.funcs[function], -1) {
		out = append(out, sm[1])
	}
	return out
}

// TestBSLFixturesAreWhatTheModuleBuilds holds each fixture to the module's text: the
// headers НовыйЗапросRFM9 sets and nothing else, a path made of the building function's
// literals, and a body exactly as ЗаписьJSON with ПереносСтрокJSON.Нет writes it, its
// fields in the order the module writes them.
func TestBSLFixturesAreWhatTheModuleBuilds(t *testing.T) {
	m := loadBSLModule(t)
	headers := map[string][2]string{} // name → literal value, "+" when concatenated
	for _, sm := range bslHeaderRE.FindAllStringSubmatch(m.funcs["НовыйЗапросRFM9"], -1) {
		headers[sm[1]] = [2]string{sm[2], strings.TrimSpace(sm[3])}
	}
	if len(headers) != 4 || strings.Count(m.code, "Заголовки.Вставить(") != 4 {
		t.Fatalf("НовыйЗапросRFM9 should set the 4 headers of every request, found %v", headers)
	}
	writers := map[string][]string{}
	for name := range m.funcs {
		if keys := m.matches(bslWriteRE, name); len(keys) > 0 {
			writers[name] = keys
		}
	}
	for _, f := range bslFixtures(t) {
		t.Run(f.name, func(t *testing.T) {
			exp := bslReplay[f.name]
			fn, ok := m.funcs[exp.function]
			if !ok {
				t.Fatalf("no %s in the module", exp.function)
			}
			literals := m.matches(bslStringRE, exp.function)
			rest := f.target
			for i, lit := range exp.path {
				if !slices.Contains(literals, lit) {
					t.Errorf("%q is not a string literal of %s", lit, exp.function)
				}
				at := strings.Index(rest, lit)
				if at < 0 || (i == 0 && at != 0) {
					t.Fatalf("path %s is not built from %q", f.target, exp.path)
				}
				rest = rest[at+len(lit):]
			}
			if !strings.Contains(fn, `"`+f.method+`"`) {
				t.Errorf("%s does not use the method %s", exp.function, f.method)
			}

			seen := map[string]bool{}
			for _, h := range f.headers {
				lit, ok := headers[h[0]]
				switch {
				case !ok:
					t.Errorf("header %s is not set by НовыйЗапросRFM9", h[0])
				case lit[1] == "" && h[1] != lit[0]:
					t.Errorf("header %s: %q, the module sets %q", h[0], h[1], lit[0])
				case lit[1] == "+" && !strings.HasPrefix(h[1], lit[0]):
					t.Errorf("header %s: %q, the module sets %q + …", h[0], h[1], lit[0])
				}
				seen[h[0]] = true
			}
			for name := range headers {
				if !seen[name] && (name != "Content-Type" || f.method == "POST") {
					t.Errorf("header %s is missing", name)
				}
			}

			if f.method != "POST" {
				if len(f.body) != 0 {
					t.Errorf("a %s with a body", f.method)
				}
				return
			}
			if bytes.HasPrefix(f.body, utf8BOM) {
				t.Error("the module sends no BOM (ИспользованиеByteOrderMark.НеИспользовать)")
			}
			compact, objects, err := oneCCompact(f.body)
			if err != nil {
				t.Fatal(err)
			}
			if compact != string(f.body) {
				t.Errorf("the body is not what ЗаписьJSON(ПереносСтрокJSON.Нет) writes:\n%s\nwant\n%s", f.body, compact)
			}
			for _, keys := range objects {
				if !writtenBySomeFunction(keys, writers) {
					t.Errorf("an object with fields %v: no function of the module writes them in this order", keys)
				}
			}
		})
	}
}

func writtenBySomeFunction(keys []string, writers map[string][]string) bool {
	for _, seq := range writers {
		i := 0
		for _, k := range seq {
			if i < len(keys) && keys[i] == k {
				i++
			}
		}
		if i == len(keys) {
			return true
		}
	}
	return false
}

// oneCNumber is how 1C writes a number: no exponent, no plus, no trailing zeros.
var oneCNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$`)

// oneCCompact re-writes JSON as 1C's ЗаписьJSON does with ПереносСтрокJSON.Нет and default
// escaping: no whitespace at all (not even after ':'), '"' '\' LF CR escaped, other control
// characters as \u00XX, U+2028/U+2029 escaped, everything else (Cyrillic, '/') as it is. It
// also returns every object's field names in order.
func oneCCompact(data []byte) (string, [][]string, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	type level struct {
		object bool
		n      int
		keys   []string
	}
	var (
		b       strings.Builder
		stack   []*level
		objects [][]string
	)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", nil, err
		}
		end := tok == json.Delim('}') || tok == json.Delim(']')
		isKey := false
		if len(stack) > 0 && !end {
			top := stack[len(stack)-1]
			switch {
			case top.object && top.n%2 == 1:
				b.WriteByte(':')
			case top.n > 0:
				b.WriteByte(',')
			}
			isKey = top.object && top.n%2 == 0
			top.n++
		}
		switch v := tok.(type) {
		case json.Delim:
			b.WriteRune(rune(v))
			switch v {
			case '{', '[':
				stack = append(stack, &level{object: v == '{'})
			default:
				if top := stack[len(stack)-1]; top.object {
					objects = append(objects, top.keys)
				}
				stack = stack[:len(stack)-1]
			}
		case string:
			if isKey {
				stack[len(stack)-1].keys = append(stack[len(stack)-1].keys, v)
			}
			b.WriteString(quote1C(v))
		case json.Number:
			if !oneCNumber.MatchString(v.String()) {
				return "", nil, fmt.Errorf("1C does not write the number %s so", v)
			}
			b.WriteString(v.String())
		case bool:
			b.WriteString(strconv.FormatBool(v))
		case nil:
			b.WriteString("null")
		}
	}
	return b.String(), objects, nil
}

func quote1C(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x2028 || r == 0x2029:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// bslWrites are the module's functions that write JSON and the request each one builds:
// the names they write must be exactly the ones the struct declares (nested ones included
// for a document, its lines; the top level for the batch wrapper).
var bslWrites = map[string]struct {
	of     any
	nested bool
}{
	"ЗаписатьДокументJSON": {saleRequest{}, true},
	"ТелоПакета":           {batchRequest{}, false},
}

// bslReads are the module's functions that read answers and what they read: the names
// must be declared there; with all, the function reads every field the struct declares.
var bslReads = map[string]struct {
	of  []any
	all bool
}{
	"КарточкаКлиента":      {[]any{clientResponse{}}, true},
	"СтрокаСпискаКлиентов": {[]any{clientListItem{}}, true},
	"КлиентыСегмента":      {[]any{listResponse{}}, false},
	"ИтогОтправки":         {[]any{saleResponse{}, batchResponse{}}, false},
	"ТекстОшибкиОтвета":    {[]any{errorBody{}}, false},
	// findClients answers fiber.Map{"clients": cards}: no struct to reflect on, so the
	// replay of clients_by_inn.http reads clients.0.* from the live answer instead.
	"КлиентыПоИНН": {[]any{struct {
		Clients []clientResponse `json:"clients"`
	}{}}, false},
}

// TestBSLFieldNamesMatchTheAPI fails when a JSON field is renamed on one side only.
func TestBSLFieldNamesMatchTheAPI(t *testing.T) {
	m := loadBSLModule(t)
	// Every name must be a literal, or the checks below would miss it.
	if all, lit := strings.Count(m.code, "ЗаписатьИмяСвойства("), len(bslWriteRE.FindAllString(m.code, -1)); all != lit {
		t.Errorf("%d ЗаписатьИмяСвойства calls, %d with a literal name", all, lit)
	}
	if all, lit := strings.Count(m.code, "ПолеJSON("), len(bslReadRE.FindAllString(m.code, -1)); all != lit+1 {
		t.Errorf("%d ПолеJSON calls, %d with a literal name", all-1, lit)
	}
	for name := range m.funcs {
		written, read := m.matches(bslWriteRE, name), m.matches(bslReadRE, name)
		if w, ok := bslWrites[name]; ok {
			want := jsonNames(reflect.TypeOf(w.of), w.nested)
			if got := setOf(written); !reflect.DeepEqual(got, want) {
				t.Errorf("%s writes %v; %T declares %v", name, sortedKeys(got), w.of, sortedKeys(want))
			}
		} else if len(written) > 0 {
			t.Errorf("%s writes JSON fields %v: add it to bslWrites", name, written)
		}
		r, ok := bslReads[name]
		if !ok {
			if len(read) > 0 {
				t.Errorf("%s reads JSON fields %v: add it to bslReads", name, read)
			}
			continue
		}
		declared, types := map[string]bool{}, []string{}
		for _, v := range r.of {
			for k := range jsonNames(reflect.TypeOf(v), true) {
				declared[k] = true
			}
			types = append(types, fmt.Sprintf("%T", v))
		}
		got := setOf(read)
		for k := range got {
			if !declared[k] {
				t.Errorf("%s reads %q, which %s does not declare", name, k, strings.Join(types, ", "))
			}
		}
		if r.all && !reflect.DeepEqual(got, declared) {
			t.Errorf("%s reads %v; %s declares %v", name, sortedKeys(got), strings.Join(types, ", "), sortedKeys(declared))
		}
	}
	for name := range bslWrites {
		if _, ok := m.funcs[name]; !ok {
			t.Errorf("no %s in the module", name)
		}
	}
	for name := range bslReads {
		if _, ok := m.funcs[name]; !ok {
			t.Errorf("no %s in the module", name)
		}
	}
}

// jsonNames lists the JSON field names a type declares; nested follows fields into the
// structs they hold (a document's lines, an error's body).
func jsonNames(typ reflect.Type, nested bool) map[string]bool {
	out := map[string]bool{}
	var walk func(reflect.Type)
	walk = func(typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice || typ.Kind() == reflect.Map {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct {
			return
		}
		for i := range typ.NumField() {
			f := typ.Field(i)
			if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name != "" && name != "-" {
				out[name] = true
			}
			if nested {
				walk(f.Type)
			}
		}
	}
	walk(typ)
	return out
}

func setOf(names []string) map[string]bool {
	out := map[string]bool{}
	for _, n := range names {
		out[n] = true
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
