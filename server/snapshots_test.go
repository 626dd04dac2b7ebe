package server

import (
	"testing"

	"github.com/rfm9/rfm9/store/storetest"
)

func TestSnapshotsAPI(t *testing.T) {
	app := testApp(t, storetest.SQLite(t), true)
	// The sync on 2026-11-01 backfilled every month-end from the first purchase's month
	// (January 2025) to October 2026: 22 snapshots.
	status, body := call(t, app, "GET", "/api/v1/snapshots", "")
	list, _ := body["snapshots"].([]any)
	if status != 200 || len(list) != 22 {
		t.Fatalf("snapshots: %d, %d of them", status, len(list))
	}
	first := list[0].(map[string]any)
	if first["as_of"] != "2025-01-31" || first["kind"] != "backfill" || first["clients"] != 1.0 {
		t.Fatalf("first snapshot %v", first)
	}
	status, body = call(t, app, "GET", "/api/v1/snapshots/2026-10-31", "")
	if m, _ := body["matrix"].(map[string]any); status != 200 || m["clients"] != 2.0 {
		t.Fatalf("snapshot: %d %v", status, body)
	}
	if status, _ := call(t, app, "GET", "/api/v1/snapshots/2026-10-30", ""); status != 404 {
		t.Fatalf("a day without a snapshot: %d", status)
	}
	if status, body := call(t, app, "GET", "/api/v1/snapshots/junk", "en"); status != 400 || fieldsOf(body)["date"] == nil {
		t.Fatalf("a bad date: %d %v", status, body)
	}
}

func fieldsOf(body map[string]any) map[string]any {
	e, _ := body["error"].(map[string]any)
	f, _ := e["fields"].(map[string]any)
	return f
}

func TestTransitionsAPI(t *testing.T) {
	app := testApp(t, storetest.SQLite(t), true)
	// The GUID client bought once on 2026-06-01 (not yet in the matrix on 2026-05-31) and
	// again on 2026-10-30: new → 32. b bought once in January 2025: 11 → 11.
	status, body := call(t, app, "GET", "/api/v1/transitions?from=2026-05-31&to=2026-10-31", "")
	if status != 200 || body["new"] != 1.0 || body["same"] != 1.0 || body["better"] != 0.0 {
		t.Fatalf("transitions: %d %v", status, body)
	}
	rows, cols := keys(body["rows"]), keys(body["cols"])
	counts := body["counts"].([]any)
	if rows[len(rows)-1] != "new" || cols[len(cols)-1] != "gone" || len(rows) != 10 {
		t.Fatalf("rows %v cols %v", rows, cols)
	}
	if at(counts, index(rows, "new"), index(cols, "32")) != 1 || at(counts, index(rows, "11"), index(cols, "11")) != 1 {
		t.Fatalf("counts %v", counts)
	}
	// Without dates, the last two snapshots: 21 on 2026-09-30 (one purchase, 121 days
	// ago) → 32 on 2026-10-31: better.
	status, body = call(t, app, "GET", "/api/v1/transitions?level=stage", "en")
	if status != 200 || body["from"] != "2026-09-30" || body["to"] != "2026-10-31" || body["better"] != 1.0 || len(keys(body["rows"])) != 6 {
		t.Fatalf("default transitions: %d %v", status, body)
	}
	status, body = call(t, app, "GET", "/api/v1/transitions?level=region&from=2026-13-01", "")
	if f := fieldsOf(body); status != 400 || f["level"] == nil || f["from"] == nil {
		t.Fatalf("bad parameters: %d %v", status, body)
	}
	status, body = call(t, app, "GET", "/api/v1/transitions?from=2026-01-15&to=2026-10-31", "")
	if status != 400 || fieldsOf(body)["from"] == nil {
		t.Fatalf("a date without a snapshot: %d %v", status, body)
	}
}

func TestDynamicsAPI(t *testing.T) {
	app := testApp(t, storetest.SQLite(t), true)
	status, body := call(t, app, "GET", "/api/v1/dynamics?from=2026-09-01&to=2026-10-31&level=code", "")
	points, _ := body["points"].([]any)
	if status != 200 || len(points) != 2 || len(keys(body["groups"])) != 27 {
		t.Fatalf("dynamics: %d %v", status, body)
	}
	oct := points[1].(map[string]any)
	// On 2026-10-31: b lost (R1), the other client repeat (F2): half each.
	if oct["lost"] != 1.0 || oct["repeat"] != 1.0 || oct["lost_share_bp"] != 5000.0 || oct["monetary_kop"] != 210_001.0 {
		t.Fatalf("October point %v", oct)
	}
	if status, body := call(t, app, "GET", "/api/v1/dynamics", ""); status != 200 || len(body["points"].([]any)) != 22 {
		t.Fatalf("all dynamics: %d", status)
	}
	if status, _ := call(t, app, "GET", "/api/v1/dynamics?from=2026-10-31&to=2026-01-01", ""); status != 400 {
		t.Fatalf("a reversed range: %d", status)
	}
}

func TestDynamicsBeforeFirstSync(t *testing.T) {
	app := testApp(t, storetest.SQLite(t), false)
	if status, _ := call(t, app, "GET", "/api/v1/transitions", ""); status != 404 {
		t.Fatalf("transitions without snapshots: %d", status)
	}
}

func TestTakeSnapshotAPI(t *testing.T) {
	app := testApp(t, storetest.SQLite(t), true)
	status, body := send(t, app, adminSecret, "POST", "/api/v1/snapshots", "", []byte(`{"date": "2026-10-15"}`))
	if snap, _ := body["snapshot"].(map[string]any); status != 201 || snap["kind"] != "manual" || snap["as_of"] != "2026-10-15" {
		t.Fatalf("take: %d %v", status, body)
	}
	for body, field := range map[string]string{`{"date": "2026-11-01"}`: "date", `{"date": "15.10.2026"}`: "date", `{}`: "date", `{"day": "2026-10-01"}`: "day"} {
		status, resp := send(t, app, adminSecret, "POST", "/api/v1/snapshots", "", []byte(body))
		if status != 400 || fieldsOf(resp)[field] == nil {
			t.Errorf("%s: %d %v", body, status, resp)
		}
	}
	if status, _ := send(t, app, readSecret, "POST", "/api/v1/snapshots", "", []byte(`{"date": "2026-10-15"}`)); status != 403 {
		t.Fatalf("a read token took a snapshot: %d", status)
	}
	if status, _ := send(t, app, "", "GET", "/api/v1/snapshots", "", nil); status != 401 {
		t.Fatalf("no token: %d", status)
	}
}

func keys(v any) []string {
	var out []string
	for _, g := range v.([]any) {
		out = append(out, g.(map[string]any)["key"].(string))
	}
	return out
}

func index(list []string, key string) int {
	for i, k := range list {
		if k == key {
			return i
		}
	}
	return -1
}

func at(counts []any, i, j int) float64 {
	if i < 0 || j < 0 {
		return -1
	}
	return counts[i].([]any)[j].(float64)
}
