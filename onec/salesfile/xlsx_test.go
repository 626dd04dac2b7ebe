package salesfile

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rfm9/rfm9/onec"
	"github.com/xuri/excelize/v2"
)

// buildWorkbook writes a workbook whose first sheet is a notice and whose "Продажи"
// sheet holds the rows, cell values typed as Go values.
func buildWorkbook(t *testing.T, date1904 bool, rows [][]any) string {
	t.Helper()
	book := excelize.NewFile()
	defer book.Close()
	if date1904 {
		if err := book.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &date1904}); err != nil {
			t.Fatal(err)
		}
	}
	must(t, book.SetCellStr("Sheet1", "A1", "see the next sheet"))
	if _, err := book.NewSheet("Продажи"); err != nil {
		t.Fatal(err)
	}
	style, err := book.NewStyle(&excelize.Style{NumFmt: 22}) // m/d/yy h:mm
	must(t, err)
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+2) // row 1 stays empty
			must(t, setCell(book, cell, v, style))
		}
	}
	path := filepath.Join(t.TempDir(), "sales.xlsx")
	must(t, book.SaveAs(path))
	return path
}

// serial marks a raw number to be stored with a date format, as Excel keeps dates.
type serial float64

func setCell(book *excelize.File, cell string, v any, dateStyle int) error {
	switch v := v.(type) {
	case nil:
		return nil
	case float64:
		return book.SetCellFloat("Продажи", cell, v, -1, 64)
	case serial:
		if err := book.SetCellFloat("Продажи", cell, float64(v), -1, 64); err != nil {
			return err
		}
		return book.SetCellStyle("Продажи", cell, cell, dateStyle)
	}
	return book.SetCellValue("Продажи", cell, v)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestXLSX(t *testing.T) {
	msk := mustZone(t, "Europe/Moscow")
	wall := func(d, h, m int) time.Time { return time.Date(2024, 1, d, h, m, 0, 0, time.UTC) }
	rows := [][]any{
		{"Клиент", "Документ", "Дата", "Сумма", "Количество", "Скидка", "Покупатель"},
		{"c1", "d1", wall(5, 12, 30), 731.9399999999999, 1.5, 10.0, "ООО «Ромашка»"},
		{"c2", "d2", "06.01.2024 10:00", "1 234,56", 2, nil, nil}, // trailing cells left out
		{},
		{"c3", "d3", serial(45298.75), 0.1 + 0.2, nil, nil, "Иванов"},
		{"c4", "d4", "not a date", 1.0},
		{"", "d5", wall(5, 1, 0), 1.0},
		{"c6", "d6", wall(5, 1, 0), "x"},
		{"c7", "d7", time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC), 1.0},
	}
	cols := map[string]string{
		RoleClient: "клиент", RoleDocument: "Документ", RoleDate: "Дата", RoleAmount: "Сумма",
		RoleQuantity: "Количество", RoleDiscount: "Скидка", RoleClientName: "Покупатель",
	}
	for _, date1904 := range []bool{false, true} {
		path := buildWorkbook(t, date1904, rows)
		f := open(t, Options{Path: path, Sheet: "продажи", Columns: cols, Location: msk})
		got := mustCollect(t, f, year2024)
		c3 := time.Date(2024, 1, 7, 18, 0, 0, 0, msk)
		if date1904 { // the raw serial means a date four years later in a 1904 workbook
			c3 = time.Date(2028, 1, 8, 18, 0, 0, 0, msk)
		}
		want := []onec.Sale{
			{ClientID: "c1", DocumentID: "d1", ClientName: "ООО «Ромашка»", Period: time.Date(2024, 1, 5, 12, 30, 0, 0, msk), Amount: 73194, Quantity: 1500, Discount: 1000, Lines: 1},
			{ClientID: "c2", DocumentID: "d2", Period: time.Date(2024, 1, 6, 10, 0, 0, 0, msk), Amount: 123456, Quantity: 2000, Lines: 1},
		}
		if !date1904 {
			want = append(want, onec.Sale{ClientID: "c3", DocumentID: "d3", ClientName: "Иванов", Period: c3, Amount: 30, Lines: 1})
		}
		checkSales(t, got, want)
		wantSkipped := map[string]int64{ReasonBadDate: 1, ReasonNoClient: 1, ReasonBadAmount: 1}
		if !equalCounts(f.Skipped(), wantSkipped) || f.Lines() != 7 {
			t.Errorf("1904=%v: skipped %v, lines %d", date1904, f.Skipped(), f.Lines())
		}
	}
}

func TestXLSXStrict(t *testing.T) {
	rows := [][]any{
		{"client_id", "document_id", "date", "amount"},
		{"c1", "d1", "05.01.2024", 1.0},
		{"c2", "d2", "05.01.2024", "12,3,4"},
	}
	path := buildWorkbook(t, false, rows)
	f := open(t, Options{Path: path, Sheet: "Продажи", Strict: true})
	got, err := collect(t, f, onec.Period{})
	var le *LineError
	want := `line 4, column "amount": cannot parse "12,3,4" as an amount`
	if !errors.As(err, &le) || le.Error() != want || le.Line != 4 {
		t.Fatalf("err = %v, want %q", err, want)
	}
	if len(got) != 1 {
		t.Errorf("%d sales before the error, want 1", len(got))
	}
}

func TestXLSXSheets(t *testing.T) {
	path := buildWorkbook(t, false, [][]any{{"client_id", "document_id", "date", "amount"}})
	_, err := Open(Options{Path: path, Sheet: "Лист2"})
	if err == nil || !strings.Contains(err.Error(), `no sheet "Лист2"; the workbook has "Sheet1", "Продажи"`) {
		t.Errorf("missing sheet: %v", err)
	}
	_, err = Open(Options{Path: path}) // the first sheet has no such columns
	if err == nil || !strings.Contains(err.Error(), `the header has "see the next sheet"`) {
		t.Errorf("first sheet: %v", err)
	}
}
