package exports

import "github.com/xuri/excelize/v2"

// styles are the report's cell styles, created once per workbook.
type styles struct {
	title, note, head, bold, missing, date int
	value                                  [kinds]int // a value of each kind
	delta                                  [kinds]int // a signed change; shares change in percentage points
	relative                               int        // a relative change, signed percent
	totalCount                             int        // a count in a totals row or column
}

// Number formats. Money keeps its kopecks: the file holds exact amounts and the format
// only groups the thousands. They are custom formats, so Excel and LibreOffice show
// the same thing whatever the reader's locale; the separators follow the locale.
var (
	formats = [kinds]string{
		kindCount:   "#,##0",
		kindMoney:   `#,##0.00" ₽"`,
		kindShare:   "0.0%",
		kindDecimal: "0.00",
	}
	deltaFormats = [kinds]string{
		kindCount:   "+#,##0;-#,##0;0",
		kindMoney:   `+#,##0.00" ₽";-#,##0.00" ₽";0.00" ₽"`,
		kindDecimal: "+0.00;-0.00;0.00",
	}
	relativeFormat = "+0.0%;-0.0%;0.0%"
)

// ppFormat is a change of a share in percentage points (п.п.).
func (b *book) ppFormat() string {
	pp := b.tr(` п.п."`, ` pp"`)
	return `+0.0"` + pp + `;-0.0"` + pp + `;0.0"` + pp
}

func (b *book) dateFormat() string { return b.tr("dd.mm.yyyy", "yyyy-mm-dd") }

func (b *book) newStyles() styles {
	thin := []excelize.Border{{Type: "bottom", Color: "#808080", Style: 1}}
	s := styles{
		title:   b.newStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}),
		note:    b.newStyle(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "#595959"}}),
		bold:    b.newStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}),
		missing: b.newStyle(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right"}, Font: &excelize.Font{Color: "#808080"}}),
		date:    b.newStyle(&excelize.Style{CustomNumFmt: ptr(b.dateFormat())}),
		head: b.newStyle(&excelize.Style{
			Font: &excelize.Font{Bold: true}, Border: thin,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#DDEBF7"}},
			Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "center", WrapText: true},
		}),
		relative:   b.newStyle(&excelize.Style{CustomNumFmt: ptr(relativeFormat)}),
		totalCount: b.newStyle(&excelize.Style{CustomNumFmt: ptr(formats[kindCount]), Font: &excelize.Font{Bold: true}}),
	}
	for k := range kinds {
		s.value[k] = b.newStyle(&excelize.Style{CustomNumFmt: ptr(formats[k])})
		delta := deltaFormats[k]
		if k == kindShare {
			delta = b.ppFormat()
		}
		s.delta[k] = b.newStyle(&excelize.Style{CustomNumFmt: ptr(delta)})
	}
	return s
}

func (b *book) newStyle(s *excelize.Style) int {
	id, err := b.f.NewStyle(s)
	b.check(err)
	return id
}
