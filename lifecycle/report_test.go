package lifecycle

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestReportAverageCheck(t *testing.T) {
	m := Matrix{AsOf: day("2024-06-30"), Bounds: DefaultBounds(), Clients: 4}
	m.Cells[2][0] = Totals{Clients: 3, Monetary: 1000, Purchases: 3}    // 31: 333.33 → 333
	m.Codes[2][0][0] = Totals{Clients: 2, Monetary: 1001, Purchases: 2} // 311: 500.5 → 501
	m.Cells[0][2] = Totals{Clients: 1, Monetary: 5000}                  // 13 stored without purchases
	var names Names
	r := NewReport(&m, &names, "ru", nil)
	cells := map[string]ReportCell{}
	for _, c := range r.Cells {
		cells[Cell{c.R, c.F}.String()] = c
	}
	codes := map[string]ReportCode{}
	for _, c := range r.Codes {
		codes[c.Code] = c
	}
	tests := []struct {
		name      string
		purchases int
		avg       *int64
		wantP     int
		wantAvg   int64 // -1: null
	}{
		{"cell 31", cells["31"].Purchases, cells["31"].AverageKop, 3, 333},
		{"code 311", codes["311"].Purchases, codes["311"].AverageKop, 2, 501},
		{"cell 13", cells["13"].Purchases, cells["13"].AverageKop, 0, -1},
		{"cell 22 (empty)", cells["22"].Purchases, cells["22"].AverageKop, 0, -1},
	}
	for _, tt := range tests {
		switch {
		case tt.purchases != tt.wantP:
			t.Errorf("%s: purchases %d, want %d", tt.name, tt.purchases, tt.wantP)
		case tt.wantAvg < 0 && tt.avg != nil:
			t.Errorf("%s: average check %d, want null", tt.name, *tt.avg)
		case tt.wantAvg >= 0 && (tt.avg == nil || *tt.avg != tt.wantAvg):
			t.Errorf("%s: average check %v, want %d", tt.name, tt.avg, tt.wantAvg)
		}
	}
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, frag := range []string{`"purchases":3,"average_check_kop":333`, `"purchases":0,"average_check_kop":null`} {
		if !strings.Contains(string(data), frag) {
			t.Errorf("JSON lacks %s", frag)
		}
	}
}

func TestMatrixWithoutPurchasesDecodes(t *testing.T) {
	// A matrix stored before Totals counted purchases: they read as 0, "not available".
	var m Matrix
	if err := json.Unmarshal([]byte(`{"Cells":[[{"Clients":2,"Monetary":500}]]}`), &m); err != nil {
		t.Fatal(err)
	}
	if got := m.Cell(Cell{1, 1}); got != (Totals{Clients: 2, Monetary: 500}) {
		t.Fatalf("cell 11 = %+v", got)
	}
	if _, ok := m.Cell(Cell{1, 1}).AverageCheck(); ok {
		t.Error("an average check from a matrix without purchases")
	}
}
