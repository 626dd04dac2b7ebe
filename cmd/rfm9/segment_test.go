package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite golden files")

// run executes the rfm9 command line and returns stdout, stderr and the error.
func run(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	root := rootCommand()
	var out, errOut bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetArgs(args)
	err := root.Execute()
	return out.String(), errOut.String(), err
}

// The small fixture, checked by hand as of 2024-06-30 with default bounds:
//
//	A: one purchase today, M 1 000 ₽                       → R3 F1
//	B: purchases on 01.02 and 31.03 (91 days ago), M 1 200 → R2 F2
//	C: four purchases, the last 182 days ago, M 1 000      → R1 F3
//	D: a return only → client_no_purchase; G: buys after the as-of date → client_after_as_of
//	a line without a client → no_client; "abc" as an amount → bad_amount
//
// M sorted: 1000, 1000, 1200 → cuts at ranks 1 and 2: 1 000 and 1 000 ₽, so A and C
// are M1 and B is M3: codes 311, 223, 131.
func TestSegmentGoldenJSON(t *testing.T) {
	out, _, err := run(t, "segment", "--file", "testdata/small.csv", "--as-of", "2024-06-30", "--format", "json", "--tz", "Europe/Moscow")
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "small.golden.json")
	if *update {
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("output differs from %s (run with -update after checking):\n%s", golden, out)
	}
	var r struct {
		Clients int              `json:"clients"`
		Skipped map[string]int64 `json:"skipped"`
		Codes   []struct {
			Code    string `json:"code"`
			Clients int    `json:"clients"`
		} `json:"codes"`
		Cells []json.RawMessage `json:"cells"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, c := range r.Codes {
		if c.Clients > 0 {
			got[c.Code] = c.Clients
		}
	}
	if len(r.Codes) != 27 || len(r.Cells) != 9 || r.Clients != 3 {
		t.Fatalf("%d codes, %d cells, %d clients; want 27, 9, 3", len(r.Codes), len(r.Cells), r.Clients)
	}
	if len(got) != 3 || got["311"] != 1 || got["223"] != 1 || got["131"] != 1 {
		t.Errorf("codes %v, want 311, 223, 131 once each", got)
	}
	for reason, n := range map[string]int64{"no_client": 1, "bad_amount": 1, "client_no_purchase": 1, "client_after_as_of": 1} {
		if r.Skipped[reason] != n {
			t.Errorf("skipped[%s] = %d, want %d", reason, r.Skipped[reason], n)
		}
	}
}

func TestSegmentTable(t *testing.T) {
	out, errOut, err := run(t, "segment", "--file", "testdata/small.csv", "--tz", "Europe/Moscow")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Матрица на 2024-07-05", "Новички", "Потерянные постоянные", "bad_amount 1", "no_client 1"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "--as-of not given: using 2024-07-05") {
		t.Errorf("stderr does not say which as-of date was used: %s", errOut)
	}
}

func TestSegmentStrict(t *testing.T) {
	_, _, err := run(t, "segment", "--file", "testdata/small.csv", "--strict")
	if err == nil || !strings.Contains(err.Error(), "line 10") || !strings.Contains(err.Error(), `"client_id"`) {
		t.Errorf("strict error %v, want one naming line 10 and the client_id column", err)
	}
}

func TestSegmentClientsOut(t *testing.T) {
	dir := t.TempDir()
	csvPath, xlsxPath := filepath.Join(dir, "c.csv"), filepath.Join(dir, "c.xlsx")
	for _, p := range []string{csvPath, xlsxPath} {
		if _, _, err := run(t, "segment", "--file", "testdata/small.csv", "--as-of", "2024-06-30", "--clients-out", p, "--format", "json"); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	want := "client_id,first_purchase,last_purchase,purchases,monetary_kop,recency_days,r,f,m,code\n" +
		"A,2024-06-30,2024-06-30,1,100000,0,3,1,1,311\n" +
		"B,2024-02-01,2024-03-31,2,120000,91,2,2,3,223\n" +
		"C,2023-09-01,2023-12-31,4,100000,182,1,3,1,131\n"
	if string(data) != want {
		t.Errorf("clients csv:\n%s\nwant:\n%s", data, want)
	}
	f, err := excelize.OpenFile(xlsxPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Клиенты")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || strings.Join(rows[2], ",") != "B,2024-02-01,2024-03-31,2,120000,91,2,2,3,223" {
		t.Errorf("clients xlsx rows: %v", rows)
	}
}

func TestSegmentSuggestAndModes(t *testing.T) {
	tests := []struct {
		args []string
		want []string // fragments of the JSON
	}{
		{[]string{"--suggest"}, []string{`"suggestion": {`, `"reasons": [`}},
		{[]string{"--suggest=quantiles"}, []string{`"suggestion": {`, `"reasons": [`}},
		{[]string{"--monetary", "per-cell"}, []string{`"monetary_mode": "per-cell"`, `"monetary_kop": null`, `"monetary_kop_per_cell": [`}},
		{[]string{"--monetary", "500,1000.50"}, []string{`"monetary_mode": "fixed"`, `100050`}},
		{[]string{"--count-bounds", "2,5", "--recency-days", "30,60", "--lang", "en"}, []string{`"name": "Newcomers"`, `3–5 purchases, the last 31–60 days ago`}},
	}
	for _, tt := range tests {
		args := append([]string{"segment", "--file", "testdata/small.csv", "--as-of", "2024-06-30", "--format", "json"}, tt.args...)
		out, _, err := run(t, args...)
		if err != nil {
			t.Errorf("%v: %v", tt.args, err)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: output lacks %q", tt.args, w)
			}
		}
	}
}

// With fixed money bounds of 500 ₽ and 1 000,50 ₽, A and C (1 000 ₽) are M2 and B
// (1 200 ₽) is M3: codes 312, 223, 132.
func TestSegmentFixedMoneyBounds(t *testing.T) {
	out, _, err := run(t, "segment", "--file", "testdata/small.csv", "--as-of", "2024-06-30", "--format", "json", "--monetary", "500,1000.50")
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Codes []struct {
			Code    string `json:"code"`
			Clients int    `json:"clients"`
		} `json:"codes"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, c := range r.Codes {
		if c.Clients > 0 {
			got[c.Code] = c.Clients
		}
	}
	if len(got) != 3 || got["312"] != 1 || got["223"] != 1 || got["132"] != 1 {
		t.Errorf("codes %v, want 312, 223, 132", got)
	}
}

func TestSegmentUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"segment"}, "--file, --odata-url or --sql-driver: required"},
		{[]string{"segment", "--sql-driver", "postgres", "--sql-dsn", "postgres://x", "--preset", "unf"}, "--structure: required"},
		{[]string{"segment", "--file", "x.csv", "--odata-url", "http://x/"}, "give one source, not several"},
		{[]string{"segment", "--odata-url", "http://x/", "--preset", "ut10"}, "ut10"},
		{[]string{"segment", "--file", "x.csv", "--count-bounds", "3,1"}, "count_bounds"},
		{[]string{"segment", "--file", "x.csv", "--recency-days", "90"}, "--recency-days"},
		{[]string{"segment", "--file", "x.csv", "--monetary", "thirds"}, "--monetary"},
		{[]string{"segment", "--file", "x.csv", "--format", "xml"}, "--format"},
		{[]string{"segment", "--file", "x.csv", "--tz", "Mars/Base"}, "--tz"},
		{[]string{"segment", "--file", "x.csv", "--col", "client"}, "ROLE=HEADER"},
		{[]string{"segment", "--file", "testdata/small.csv", "--as-of", "30.06.2024"}, "--as-of"},
		{[]string{"segment", "--file", "testdata/small.csv", "--col", "client=Контрагент"}, "Контрагент"},
	}
	for _, tt := range tests {
		_, _, err := run(t, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: error %v, want one mentioning %q", tt.args, err, tt.want)
		}
	}
}
