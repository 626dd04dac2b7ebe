package server

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"testing"

	"github.com/rfm9/rfm9/store/storetest"
)

const pushedClient = "af738206-2426-11f0-9d47-3c64cfca4840"

func TestPostSaleRecomputesAtOnce(t *testing.T) {
	app := testApp(t, storetest.SQLite(t), true)
	// The client was 322 (two purchases, the last 2 days ago); a third purchase of
	// 5 000 ₽ today makes F still 2 (2–3 purchases) and M the largest → 323.
	body := []byte(`{"client_id":"AF738206-2426-11F0-9D47-3C64CFCA4840","document_id":"0bd4cc24-2426-11f0-9d47-3c64cfca4840",
		"document_type":"Document_РеализацияТоваровУслуг","date":"2026-11-01T10:30:00","posted":true,"version":"1700000000001",
		"lines":[{"amount":3000.5,"quantity":2,"discount":100},{"amount":1999.50,"quantity":1.5}]}`)
	status, got := send(t, app, writeSecret, "POST", "/api/v1/sales", "", body)
	if status != 200 || got["code"] != "323" || got["previous_code"] != "322" || got["applied"] != true || got["cell_name"] != "Перспективные" {
		t.Fatalf("first delivery: %d %v", status, got)
	}
	// 1C retries: the same delivery, with its BOM, changes nothing.
	status, got = send(t, app, writeSecret, "POST", "/api/v1/sales", "", append([]byte{0xEF, 0xBB, 0xBF}, body...))
	if status != 200 || got["applied"] != false || got["code"] != "323" || got["previous_code"] != nil {
		t.Errorf("duplicate delivery: %d %v", status, got)
	}
	_, client := call(t, app, "GET", "/api/v1/clients/"+pushedClient, "")
	if client["purchases"] != 3.0 || client["monetary_kop"] != 700001.0 {
		t.Errorf("client after the push: %v", client)
	}
}

func TestPostSaleNamesEveryBadField(t *testing.T) {
	app := testApp(t, storetest.SQLite(t), true)
	tests := []struct {
		body   string
		fields []string
	}{
		{`{}`, []string{"client_id", "document_id", "date", "posted", "version"}},
		{`{"client_id":"42","document_id":"0bd4cc24-2426-11f0-9d47-3c64cfca4840","date":"05.01.2024","posted":true,"version":"x","total":1}`,
			[]string{"client_id"}},
		{`{"client_id":"` + pushedClient + `","document_id":"0bd4cc24-2426-11f0-9d47-3c64cfca4840","date":"05.01.2024","posted":true,"version":"x","lines":[{"amount":1},{"amount":"много"}]}`,
			[]string{"date", "version", "lines[1].amount"}},
		{`{"client_id":"` + pushedClient + `","document_id":"0bd4cc24-2426-11f0-9d47-3c64cfca4840","date":"2024-01-05T12:00:00","posted":true,"version":1}`,
			[]string{"total"}},
		{`{"client":"x"}`, []string{"client"}},
		{`{"posted":"yes"}`, []string{"posted"}},
		{`not json`, []string{"body"}},
	}
	for _, tt := range tests {
		status, got := send(t, app, writeSecret, "POST", "/api/v1/sales", "", []byte(tt.body))
		e, _ := got["error"].(map[string]any)
		fields, _ := e["fields"].(map[string]any)
		if status != 400 || e["code"] != "invalid" || len(fields) != len(tt.fields) {
			t.Errorf("%s: %d %v, want 400 naming %v", tt.body, status, got, tt.fields)
			continue
		}
		for _, f := range tt.fields {
			if fields[f] == nil {
				t.Errorf("%s: field %s not named in %v", tt.body, f, fields)
			}
		}
	}
}

func TestPostSaleAccessAndLimits(t *testing.T) {
	app := testApp(t, storetest.SQLite(t), true)
	if status, _ := send(t, app, readSecret, "POST", "/api/v1/sales", "", []byte(`{}`)); status != 403 {
		t.Errorf("a read token posted a sale: %d", status)
	}
	if status, _ := send(t, app, "", "POST", "/api/v1/sales", "", []byte(`{}`)); status != 401 {
		t.Errorf("no token: %d", status)
	}
	// Too large a body is refused by fasthttp before any handler: check it over a real
	// connection, as 1C would meet it.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go app.Listener(ln)
	defer app.Shutdown()
	// Announce a body over the limit and read the answer before sending it, as a client
	// with Expect: 100-continue would.
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/v1/sales HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", writeSecret, BodyLimit+1)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got map[string]map[string]any
	json.NewDecoder(resp.Body).Decode(&got)
	if resp.StatusCode != 413 || got["error"]["code"] != "too_large" {
		t.Errorf("a body over the limit: %d %v", resp.StatusCode, got)
	}
}

func TestPostSalesBatch(t *testing.T) {
	app := testApp(t, storetest.SQLite(t), true)
	doc := func(id, version string, posted bool) string {
		return `{"client_id":"` + pushedClient + `","document_id":"` + id + `","date":"2026-11-01T09:00:00","posted":` +
			strconv.FormatBool(posted) + `,"version":` + version + `,"total":"100.00"}`
	}
	a, b := "1bd4cc24-2426-11f0-9d47-3c64cfca4840", "2bd4cc24-2426-11f0-9d47-3c64cfca4840"
	body := `{"documents":[` + doc(a, "5", true) + `,` + doc(b, "5", true) + `,` + doc(a, "4", false) + `]}`
	status, got := send(t, app, writeSecret, "POST", "/api/v1/sales/batch", "", []byte(body))
	docs, _ := got["documents"].([]any)
	clients, _ := got["clients"].([]any)
	if status != 200 || len(docs) != 3 || len(clients) != 1 {
		t.Fatalf("batch: %d %v", status, got)
	}
	// a and b apply; the older version of a, arriving after, does not.
	for i, want := range []bool{true, true, false} {
		if docs[i].(map[string]any)["applied"] != want {
			t.Errorf("document %d: %v", i, docs[i])
		}
	}
	// Two more purchases: 4 in all → F3; the largest M → 333, from 322.
	if c := clients[0].(map[string]any); c["code"] != "333" || c["previous_code"] != "322" {
		t.Errorf("client: %v", c)
	}
	bad := `{"documents":[` + doc(a, "6", true) + `,{"client_id":"x"}]}`
	status, got = send(t, app, writeSecret, "POST", "/api/v1/sales/batch", "", []byte(bad))
	fields := got["error"].(map[string]any)["fields"].(map[string]any)
	if status != 400 || fields["documents[1].client_id"] == nil {
		t.Errorf("a bad document in a batch: %d %v", status, got)
	}
}
