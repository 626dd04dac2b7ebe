package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestExportKPI syncs the small fixture and exports its first half of 2024: February
// is B's 700 ₽, June A's 1 000 ₽.
func TestExportKPI(t *testing.T) {
	dir := t.TempDir()
	if _, errOut, err := run(t, "sync", "--file", "testdata/small.csv", "--data", dir, "--tz", "Europe/Moscow", "--full", "--migrate"); err != nil {
		t.Fatalf("sync: %v\n%s", err, errOut)
	}
	path := filepath.Join(dir, "kpi.xlsx")
	out, errOut, err := run(t, "export", "kpi", "--data", dir, "--from", "2024-01-01", "--to", "2024-06-30", "--out", path)
	if err != nil || !strings.Contains(out, "6 periods") {
		t.Fatalf("export: %q %v\n%s", out, err, errOut)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for cell, want := range map[string]string{"A6": "2024-02", "B6": "700.00", "A10": "2024-06", "B10": "1000.00"} {
		if got, _ := f.GetCellValue("KPI по месяцам", cell, excelize.Options{RawCellValue: true}); got != want {
			t.Errorf("KPI по месяцам!%s: %q, want %q", cell, got, want)
		}
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("the workbook's mode: %v %v", st.Mode(), err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".rfm9-") {
			t.Errorf("a temporary file was left behind: %s", e.Name())
		}
	}
}

func TestExportKPIFlags(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--from", "01.01.2024", "--to", "2024-06-30", "--out", "x.xlsx"}, "--from"},
		{[]string{"--from", "2024-07-01", "--to", "2024-06-30", "--out", "x.xlsx"}, "--from, --to"},
		{[]string{"--from", "2024-01-01", "--to", "2024-06-30", "--out", "x.xlsx", "--period", "week"}, "--period"},
		{[]string{"--from", "2024-01-01", "--to", "2024-06-30", "--out", "x.xlsx", "--lang", "de"}, "--lang"},
		{[]string{"--from", "2024-01-01", "--to", "2024-06-30"}, "--out"},
	} {
		_, _, err := run(t, append([]string{"export", "kpi", "--data", dir}, c.args...)...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want an error naming %s", c.args, err, c.want)
		}
	}
}
