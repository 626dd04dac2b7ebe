package server

import (
	"bytes"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/rfm9/rfm9/store/storetest"
)

func TestKPIReportDownload(t *testing.T) {
	app := testApp(t, storetest.SQLite(t), true)
	req := httptest.NewRequest("GET", "/reports/kpi.xlsx?from=2026-06-01&to=2026-10-31&period=month", nil)
	req.Header.Set("Authorization", "Bearer "+readSecret)
	resp, err := app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, data)
	}
	if ct := resp.Header.Get("Content-Type"); ct != xlsxType {
		t.Errorf("content type %q", ct)
	}
	if cd := resp.Header.Get("Content-Disposition"); cd != `attachment; filename="kpi_2026-06-01_2026-10-31.xlsx"` {
		t.Errorf("content disposition %q", cd)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); len(sheets) != 6 || sheets[0] != "Сводка" {
		t.Errorf("sheets %q", sheets)
	}
	// June: d2, 500.01 ₽; October: d1, 1 500 ₽ (testApp's sales).
	for cell, want := range map[string]string{"A5": "2026-06", "B5": "500.01", "A9": "2026-10", "B9": "1500.00"} {
		if got, _ := f.GetCellValue("KPI по месяцам", cell, excelize.Options{RawCellValue: true}); got != want {
			t.Errorf("KPI по месяцам!%s: %q, want %q", cell, got, want)
		}
	}
}

func TestKPIReportDownloadErrors(t *testing.T) {
	app := testApp(t, storetest.SQLite(t), true)
	status, body := call(t, app, "GET", "/reports/kpi.xlsx?from=2026-13-01&to=2026-10-31", "")
	fields, _ := body["error"].(map[string]any)["fields"].(map[string]any)
	if status != 400 || fields["from"] == nil || len(fields) != 1 {
		t.Errorf("bad from: %d %v", status, body)
	}
	status, body = call(t, app, "GET", "/reports/kpi.xlsx?from=2026-01-01&to=2026-10-31&lang=de", "")
	fields, _ = body["error"].(map[string]any)["fields"].(map[string]any)
	if status != 400 || fields["lang"] == nil {
		t.Errorf("bad lang: %d %v", status, body)
	}
	if status, body := callAs(t, app, "", "GET", "/reports/kpi.xlsx?from=2026-01-01&to=2026-10-31", ""); status != 401 {
		t.Errorf("without a token: %d %v", status, body)
	}
	if status, _ := callAs(t, app, metricsSecret, "GET", "/reports/kpi.xlsx?from=2026-01-01&to=2026-10-31", ""); status != 403 {
		t.Errorf("without the read scope: %d", status)
	}
}

// TestKPIReportDownloadEnglish: ?lang=en wins over the default.
func TestKPIReportDownloadEnglish(t *testing.T) {
	app := testApp(t, storetest.SQLite(t), false)
	req := httptest.NewRequest("GET", "/reports/kpi.xlsx?from=2026-01-01&to=2026-03-31&lang=en", nil)
	req.Header.Set("Authorization", "Bearer "+readSecret)
	resp, err := app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	f, err := excelize.OpenReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "Summary,KPI by month,Segments,Dynamics,Transitions,Cohorts" {
		t.Errorf("sheets %s", got)
	}
	if got, _ := f.GetCellValue("Segments", "A4"); !strings.Contains(got, "No matrix yet") {
		t.Errorf("before a sync: Segments!A4 %q", got)
	}
}
