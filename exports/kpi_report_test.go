package exports

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/rfm9/rfm9/kpi"
)

// raw is a cell's value as the file holds it, unformatted.
func raw(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// numFmt is the custom number format of a cell's style.
func numFmt(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt == nil {
		return ""
	}
	return *st.CustomNumFmt
}

func TestKPIReportSheets(t *testing.T) {
	for lang, want := range map[string][]string{
		"ru": {"Сводка", "KPI по месяцам", "Сегменты", "Динамика", "Переходы", "Когорты"},
		"en": {"Summary", "KPI by month", "Segments", "Dynamics", "Transitions", "Cohorts"},
	} {
		f, _ := writeAndOpen(t, fixtureReport(t, lang))
		if got := f.GetSheetList(); !slices.Equal(got, want) {
			t.Errorf("%s: sheets %q, want %q", lang, got, want)
		}
	}
	r := fixtureReport(t, "ru")
	r.Period = kpi.Quarter
	f, _ := writeAndOpen(t, r)
	if got := f.GetSheetList()[1]; got != "KPI по кварталам" {
		t.Errorf("quarters: sheet %q", got)
	}
}

// TestKPIReportPeriods checks the monthly sheet against the fixture's hand-computed
// values, their formats, and that "not available" is an empty cell, not a zero.
func TestKPIReportPeriods(t *testing.T) {
	f, _ := writeAndOpen(t, fixtureReport(t, "ru"))
	const s = "KPI по месяцам"
	for _, c := range []struct{ cell, want, format string }{
		{"A5", "2024-01", ""},
		{"B5", "3735.06", `#,##0.00" ₽"`}, // January revenue: 2500.50 + 1234.56
		{"D5", "2", "#,##0"},              // purchases
		{"F5", "1867.53", `#,##0.00" ₽"`}, // average check
		{"G5", "2.50", "0.00"},            // check depth: 5 lines / 2 purchases
		{"I5", "0.5000", "0.0%"},          // repeat share: c0 bought in December
		{"M5", "1.0000", "0.0%"},          // retention: December's only buyer came back
		{"B6", "0.00", `#,##0.00" ₽"`},    // February: no documents
		{"E6", "0", "#,##0"},
		{"F6", "", ""}, // no purchases: no average check
		{"H6", "", ""}, // nor a frequency
		{"I6", "", ""}, // nor a repeat share
		{"M6", "0.0000", "0.0%"},
		{"N6", "1.0000", "0.0%"}, // churn: both January buyers stayed away
		{"B7", "400.00", `#,##0.00" ₽"`},
		{"C7", "100.00", `#,##0.00" ₽"`}, // c2's return
		{"M7", "", ""},                   // nobody bought in February: no base for retention
		{"P5", "", ""},                   // the source has no discounts
	} {
		if got := raw(t, f, s, c.cell); got != c.want {
			t.Errorf("%s: %q, want %q", c.cell, got, c.want)
		}
		if c.format != "" {
			if got := numFmt(t, f, s, c.cell); got != c.format {
				t.Errorf("%s: format %q, want %q", c.cell, got, c.format)
			}
		}
	}
	if got := raw(t, f, s, "B4"); got != "Выручка (нетто)" {
		t.Errorf("header B4 %q", got)
	}
	if w, _ := f.GetColWidth(s, "B"); w != 16 {
		t.Errorf("column B width %v", w)
	}
}

func TestKPIReportSummary(t *testing.T) {
	f, _ := writeAndOpen(t, fixtureReport(t, "ru"))
	const s = "Сводка"
	if got := raw(t, f, s, "A2"); !strings.Contains(got, "01.01.2024 – 31.03.2024") || !strings.Contains(got, "версия 2") {
		t.Errorf("header line %q: want the period and the bounds version", got)
	}
	for _, c := range []struct{ cell, want, format string }{
		{"B4", "2024-03", ""},
		{"C4", "2024-02", ""},
		{"A5", "Выручка (нетто)", ""},
		{"B5", "400.00", `#,##0.00" ₽"`},
		{"C5", "0.00", `#,##0.00" ₽"`},
		{"D5", "400.00", `+#,##0.00" ₽";-#,##0.00" ₽";0.00" ₽"`},
		{"E5", "—", ""}, // no relative change from zero
		{"A9", "Средний чек", ""},
		{"B9", "500.00", `#,##0.00" ₽"`},
		{"C9", "—", ""}, // February had no purchases
		{"D9", "—", ""},
		{"A16", "Удержание", ""},
		{"B16", "—", ""},
		{"C16", "0.0000", "0.0%"},
		{"A18", "Удержание в активных (R3)", ""},
		{"D18", "0.00", `+0.0" п.п.";-0.0" п.п.";0.0" п.п."`},
	} {
		if got := raw(t, f, s, c.cell); got != c.want {
			t.Errorf("%s: %q, want %q", c.cell, got, c.want)
		}
		if c.format != "" {
			if got := numFmt(t, f, s, c.cell); got != c.format {
				t.Errorf("%s: format %q, want %q", c.cell, got, c.format)
			}
		}
	}
}

func TestKPIReportSegments(t *testing.T) {
	f, _ := writeAndOpen(t, fixtureReport(t, "ru"))
	const s = "Сегменты"
	for cell, want := range map[string]string{
		"D6":  "Постоянные", // names block: 33
		"D12": "1",          // clients block: 33
		"B13": "1",          // 21
		"C14": "1",          // 12
		"D18": "0.3333",     // share block: one client of three
		"D24": "5000.00",    // M block: 33
		"B32": "—",          // M per client block: cell 11 is empty
		"D36": "714.29",     // clients' average check block: 33, 5000.00 ₽ / 7 = 714.2857
		"C38": "150.00",     // 12: 300.00 ₽ / 2
		"B38": "—",          // 11: no purchases
		"B43": "—",          // range's average check block: nobody of cell 21 bought in the range
		"F5":  "333", "G5": "Постоянные", "I5": "1", "J5": "0.3333", "K5": "5000.00", "M5": "714.29",
		"F31": "111", "I31": "0", "L31": "—", "M31": "—", // an empty code has no M per client, no check
		"N5": "от 4 покупок, последняя 0–90 дней назад, сумма больше 300 ₽",
	} {
		if got := raw(t, f, s, cell); got != want {
			t.Errorf("%s: %q, want %q", cell, got, want)
		}
	}
	formats, err := f.GetConditionalFormats(s)
	if err != nil {
		t.Fatal(err)
	}
	scales := 0
	for _, opts := range formats {
		for _, o := range opts {
			if o.Type == "2_color_scale" {
				scales++
			}
		}
	}
	if scales < 5 {
		t.Errorf("%d colour scales on the matrix blocks and the codes, want 6", scales)
	}
}

func TestKPIReportSnapshotsAndCohorts(t *testing.T) {
	f, _ := writeAndOpen(t, fixtureReport(t, "ru"))
	for _, c := range []struct{ sheet, cell, want string }{
		{"Динамика", "A5", "45322"}, // 2024-01-31 as an Excel date
		{"Динамика", "C5", "3"},
		{"Динамика", "G5", "1"}, // cell 33
		{"Переходы", "D6", "0"}, // 33 → 31
		{"Переходы", "E7", "0"},
		{"Переходы", "G8", "1"},      // 33 → 23 (row 33, column 23)
		{"Переходы", "B9", "1"},      // 21 → 31
		{"Переходы", "I15", "1"},     // new → 12
		{"Переходы", "K12", "1"},     // 11 → gone
		{"Переходы", "L16", "4"},     // all
		{"Когорты", "B5", "1"},       // January: c1
		{"Когорты", "C5", "1234.56"}, // LTV after 1 month
		{"Когорты", "D5", "1734.56"}, // after 3
		{"Когорты", "E5", ""},        // 6 months not reached
		{"Когорты", "I5", "1.0000"},  // month 0
		{"Когорты", "J5", "0.0000"},  // February
		{"Когорты", "K5", "1.0000"},  // March
		{"Когорты", "I6", ""},        // February's cohort is empty: no share
	} {
		if got := raw(t, f, c.sheet, c.cell); got != c.want {
			t.Errorf("%s!%s: %q, want %q", c.sheet, c.cell, got, c.want)
		}
	}
	if got := numFmt(t, f, "Динамика", "A5"); got != "dd.mm.yyyy" {
		t.Errorf("snapshot date format %q", got)
	}
}

// TestKPIReportLayout checks frozen headers and autofilters on the table sheets.
func TestKPIReportLayout(t *testing.T) {
	f, _ := writeAndOpen(t, fixtureReport(t, "ru"))
	for sheet, want := range map[string]excelize.Panes{
		"Сводка":         {XSplit: 1, YSplit: 4},
		"KPI по месяцам": {XSplit: 1, YSplit: 4},
		"Динамика":       {XSplit: 1, YSplit: 4},
		"Переходы":       {XSplit: 1, YSplit: 5},
		"Когорты":        {XSplit: 2, YSplit: 4},
	} {
		p, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Freeze || p.XSplit != want.XSplit || p.YSplit != want.YSplit {
			t.Errorf("%s: panes %+v, want frozen at %d×%d", sheet, p, want.XSplit, want.YSplit)
		}
	}
	filters := map[string]string{}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm._FilterDatabase" {
			filters[d.Scope] = d.RefersTo
		}
	}
	for sheet, want := range map[string]string{
		"KPI по месяцам": "'KPI по месяцам'!$A$4:$R$7",
		"Сегменты":       "'Сегменты'!$F$4:$N$31",
		"Динамика":       "'Динамика'!$A$4:$Q$6",
		"Когорты":        "'Когорты'!$A$4:$K$7",
	} {
		if got := filters[sheet]; got != want {
			t.Errorf("%s: autofilter %q, want %q", sheet, got, want)
		}
	}
}

// charts reads the chart parts of a workbook and which drawings point at them.
func charts(t *testing.T, data []byte) (parts map[string]string, rels string) {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts = map[string]string{}
	for _, file := range z.File {
		isChart := strings.HasPrefix(file.Name, "xl/charts/chart")
		if !isChart && !strings.HasPrefix(file.Name, "xl/drawings/_rels/") && !strings.HasPrefix(file.Name, "xl/worksheets/_rels/") {
			continue
		}
		rc, err := file.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if isChart {
			parts[file.Name] = string(b)
		} else {
			rels += string(b)
		}
	}
	return parts, rels
}

// TestKPIReportCharts checks that the charts are native charts (chart parts a drawing
// of a sheet refers to), of the kinds the report promises.
func TestKPIReportCharts(t *testing.T) {
	_, data := writeAndOpen(t, fixtureReport(t, "ru"))
	parts, rels := charts(t, data)
	if len(parts) != 4 {
		t.Fatalf("%d charts, want 4 (revenue, average check, repeat and retention, dynamics)", len(parts))
	}
	kinds := map[string]int{}
	for name, xml := range parts {
		if !strings.Contains(rels, "../charts/"+strings.TrimPrefix(name, "xl/charts/")) {
			t.Errorf("%s: no drawing refers to it", name)
		}
		for _, k := range []string{"barChart", "lineChart", "areaChart"} {
			if strings.Contains(xml, "<"+k+">") || strings.Contains(xml, "<c:"+k+">") {
				kinds[k]++
			}
		}
		if strings.Contains(xml, "areaChart>") && !strings.Contains(xml, `grouping val="stacked"`) {
			t.Errorf("%s: the dynamics area chart is not stacked", name)
		}
	}
	if kinds["barChart"] != 1 || kinds["lineChart"] != 2 || kinds["areaChart"] != 1 {
		t.Errorf("chart kinds %v", kinds)
	}
	if strings.Count(rels, "drawings/drawing") != 2 {
		t.Errorf("want drawings on two sheets: %s", rels)
	}
}

// TestKPIReportEmpty: no snapshots, no matrix, no documents: every sheet says so
// instead of showing an empty table.
func TestKPIReportEmpty(t *testing.T) {
	r := fixtureReport(t, "ru")
	r.Dynamics.Points, r.Transitions, r.Snapshots, r.Matrix = nil, nil, 1, nil
	r.Rows, r.Segments, r.Cohorts = nil, nil, kpi.CohortReport{}
	f, data := writeAndOpen(t, r)
	for sheet, want := range map[string]string{
		"Сводка":         "нет данных",
		"KPI по месяцам": "нет данных",
		"Сегменты":       "Матрицы ещё нет",
		"Динамика":       "Снимков матрицы в этом периоде нет",
		"Переходы":       "а их 1",
		"Когорты":        "нет когорт",
	} {
		cell := "A4"
		if sheet == "KPI по месяцам" {
			cell = "A5"
		}
		if got := raw(t, f, sheet, cell); !strings.Contains(got, want) {
			t.Errorf("%s!%s: %q, want it to say %q", sheet, cell, got, want)
		}
	}
	if parts, _ := charts(t, data); len(parts) != 0 {
		t.Errorf("%d charts over no data", len(parts))
	}
}

func TestFixed(t *testing.T) {
	for _, c := range []struct {
		v      int64
		places int
		want   string
	}{
		{0, 2, "0.00"}, {5, 2, "0.05"}, {-5, 2, "-0.05"}, {123456, 2, "1234.56"}, {-7, 0, "-7"},
		{5000, 4, "0.5000"}, {-9223372036854775808, 2, "-92233720368547758.08"},
	} {
		if got := fixed(c.v, c.places); got != c.want {
			t.Errorf("fixed(%d, %d) = %q, want %q", c.v, c.places, got, c.want)
		}
	}
}
