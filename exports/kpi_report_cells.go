package exports

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/rfm9/rfm9/kpi"
)

// kind is how a value is rounded and shown.
type kind uint8

const (
	kindCount   kind = iota // a whole number
	kindMoney               // kopecks, shown as rubles
	kindShare               // a fraction, shown as a percent
	kindDecimal             // a ratio with two decimals: lines per purchase, purchases per buyer
	kinds
)

// scaled rounds a ratio, half away from zero, to the integer the cell holds: a count,
// kopecks, basis points or hundredths. ok is false when the ratio is not available.
func (k kind) scaled(r kpi.Ratio) (int64, bool) {
	switch k {
	case kindShare:
		return r.BasisPoints()
	case kindDecimal:
		return r.Round(100)
	}
	return r.Round(1)
}

// places is the number of decimals of the scaled integer: kopecks are hundredths of a
// ruble, basis points ten-thousandths of one.
func (k kind) places() int {
	switch k {
	case kindMoney, kindDecimal:
		return 2
	case kindShare:
		return 4
	}
	return 0
}

// fixed writes v·10^-places as exact decimal text ("-1234.56"), so that money reaches
// the file without passing through a float.
func fixed(v int64, places int) string {
	digits := strconv.FormatUint(magnitude(v), 10)
	if places == 0 {
		if v < 0 {
			return "-" + digits
		}
		return digits
	}
	if len(digits) <= places {
		digits = strings.Repeat("0", places-len(digits)+1) + digits
	}
	s := digits[:len(digits)-places] + "." + digits[len(digits)-places:]
	if v < 0 {
		return "-" + s
	}
	return s
}

func magnitude(n int64) uint64 {
	if n < 0 {
		return -uint64(n)
	}
	return uint64(n)
}

// cellName is the A1 name of a cell; col and row start at 1.
func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row) // only fails below 1 or past the sheet's end
	return name
}

// ref is an absolute range on a sheet, as charts name their data.
func ref(sheet string, c1, r1, c2, r2 int) string {
	a, _ := excelize.CoordinatesToCellName(c1, r1, true)
	z, _ := excelize.CoordinatesToCellName(c2, r2, true)
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'!" + a + ":" + z
}

// str writes a text cell; style 0 keeps the default.
func (b *book) str(sheet string, col, row int, s string, style int) {
	c := cellName(col, row)
	b.check(b.f.SetCellStr(sheet, c, s))
	if style != 0 {
		b.check(b.f.SetCellStyle(sheet, c, c, style))
	}
}

// num writes v·10^-places as a number cell. The value goes into the file as decimal
// text (SetCellDefault), exactly, never as a float.
func (b *book) num(sheet string, col, row int, v int64, places, style int) {
	c := cellName(col, row)
	b.check(b.f.SetCellDefault(sheet, c, fixed(v, places)))
	b.check(b.f.SetCellStyle(sheet, c, c, style))
}

// ratio writes a KPI in its kind's format; a ratio that is not available is written as
// missing ("" leaves the cell empty, so charts show a gap rather than a zero).
func (b *book) ratio(sheet string, col, row int, k kind, r kpi.Ratio, missing string) {
	v, ok := k.scaled(r)
	if !ok {
		b.str(sheet, col, row, missing, b.style.missing)
		return
	}
	b.num(sheet, col, row, v, k.places(), b.style.value[k])
}

// count writes a whole number.
func (b *book) count(sheet string, col, row int, n int64) {
	b.num(sheet, col, row, n, 0, b.style.value[kindCount])
}

// money writes kopecks as rubles.
func (b *book) money(sheet string, col, row int, kop int64) {
	b.num(sheet, col, row, kop, 2, b.style.value[kindMoney])
}

// headRow writes a row of column headers from col on.
func (b *book) headRow(sheet string, col, row int, names ...string) {
	for i, n := range names {
		b.str(sheet, col+i, row, n, b.style.head)
	}
}

// widths sets the widths of the columns from A on, in characters.
func (b *book) widths(sheet string, widths ...float64) {
	for i, w := range widths {
		c, _ := excelize.ColumnNumberToName(i + 1)
		b.check(b.f.SetColWidth(sheet, c, c, w))
	}
}

// freeze keeps the rows above and the columns left of cell (col, row) in view.
func (b *book) freeze(sheet string, col, row int) {
	b.check(b.f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, XSplit: col - 1, YSplit: row - 1, TopLeftCell: cellName(col, row), ActivePane: "bottomRight",
	}))
}

// filter puts an autofilter on a table: its header row and its rows.
func (b *book) filter(sheet string, c1, r1, c2, r2 int) {
	b.check(b.f.AutoFilter(sheet, cellName(c1, r1)+":"+cellName(c2, r2), nil))
}

// colorScale colours a range from white (lowest) to green (highest), as a heat map.
func (b *book) colorScale(sheet string, c1, r1, c2, r2 int) {
	b.check(b.f.SetConditionalFormat(sheet, cellName(c1, r1)+":"+cellName(c2, r2), []excelize.ConditionalFormatOptions{{
		Type: "2_color_scale", Criteria: "=", MinType: "min", MaxType: "max", MinColor: "#FFFFFF", MaxColor: "#63BE7B",
	}}))
}

// note writes an explanation in the report's note style.
func (b *book) note(sheet string, col, row int, s string) {
	b.str(sheet, col, row, s, b.style.note)
}
