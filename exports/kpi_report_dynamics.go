package exports

import (
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/rfm9/rfm9/kpi"
	"github.com/rfm9/rfm9/lifecycle"
)

// cellColors colour the 9 cells in lifecycle.Cells order: greens for the active,
// ambers for the sleeping, reds for the lost, darker with more purchases.
var cellColors = [9]string{"#C6EFCE", "#70AD47", "#375623", "#FFE699", "#FFC000", "#BF8F00", "#F8CBAD", "#E06666", "#990000"}

// groupLabel is a group's key and name: "33 Постоянные".
func (b *book) groupLabel(g lifecycle.Group) string {
	if name := b.text(g.Name); name != "" {
		return g.Key + " " + name
	}
	return g.Key
}

// dynamics writes Динамика: per snapshot the clients of each group, with the lost and
// repeat shares, and a stacked area chart of the groups.
func (b *book) dynamics(r *KPIReport) {
	s := b.tr("Динамика", "Dynamics")
	b.sheet(s, b.tr("Динамика сегментов по снимкам матрицы", "Segment sizes at each matrix snapshot"), r)
	d := &r.Dynamics
	if len(d.Points) == 0 {
		b.note(s, 1, 4, b.tr("Снимков матрицы в этом периоде нет: динамика появится, когда они будут сделаны.",
			"No matrix snapshots in this period: the dynamics come with the first snapshots."))
		return
	}
	const head = 4
	cols := []string{b.tr("Дата снимка", "Snapshot"), b.tr("Версия границ", "Bounds version"), b.tr("Клиентов", "Clients"), b.tr("Сумма покупок (M)", "Purchases (M)")}
	for _, g := range d.Groups {
		cols = append(cols, b.groupLabel(g))
	}
	cols = append(cols, b.tr("Ушедшие (R1)", "Lost (R1)"), b.tr("Доля ушедших", "Lost share"),
		b.tr("Повторные (F2–F3)", "Repeat (F2–F3)"), b.tr("Доля повторных", "Repeat share"))
	b.headRow(s, 1, head, cols...)
	b.check(b.f.SetRowHeight(s, head, 45))
	widths := []float64{12, 9, 11, 18}
	for range d.Groups {
		widths = append(widths, 13)
	}
	b.widths(s, append(widths, 11, 10, 11, 10)...)
	for i := range d.Points {
		b.dynamicsRow(s, head+1+i, &d.Points[i])
	}
	last := head + len(d.Points)
	b.freeze(s, 2, head+1)
	b.filter(s, 1, head, len(cols), last)
	b.dynamicsChart(s, cellName(1, last+3), d, head, last)
}

func (b *book) dynamicsRow(s string, row int, p *lifecycle.DynamicsPoint) {
	b.check(b.f.SetCellValue(s, cellName(1, row), p.AsOf.Time(time.UTC)))
	b.check(b.f.SetCellStyle(s, cellName(1, row), cellName(1, row), b.style.date))
	b.count(s, 2, row, int64(p.BoundsVersion))
	b.count(s, 3, row, int64(p.Clients))
	b.money(s, 4, row, p.Monetary)
	col := 5
	for _, g := range p.Groups {
		b.count(s, col, row, int64(g.Clients))
		col++
	}
	b.count(s, col, row, int64(p.Lost))
	b.ratio(s, col+1, row, kindShare, kpi.Ratio{Num: int64(p.Lost), Den: int64(p.Clients)}, "")
	b.count(s, col+2, row, int64(p.Repeat))
	b.ratio(s, col+3, row, kindShare, kpi.Ratio{Num: int64(p.Repeat), Den: int64(p.Clients)}, "")
}

// dynamicsChart stacks the groups' client counts over the snapshots.
func (b *book) dynamicsChart(s, at string, d *lifecycle.Dynamics, head, last int) {
	series := make([]excelize.ChartSeries, 0, len(d.Groups))
	for i := range d.Groups {
		col := 5 + i
		se := excelize.ChartSeries{Name: ref(s, col, head, col, head), Categories: ref(s, 1, head+1, 1, last), Values: ref(s, col, head+1, col, last)}
		if d.Level == lifecycle.LevelCell && i < len(cellColors) {
			se.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{cellColors[i]}}
		}
		series = append(series, se)
	}
	b.check(b.f.AddChart(s, at, &excelize.Chart{
		Type: excelize.AreaStacked, Series: series, VaryColors: ptr(false), Dimension: excelize.ChartDimension{Width: 900, Height: 460},
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: b.tr("Клиенты по сегментам", "Clients by segment")}}},
		Legend: excelize.ChartLegend{Position: "right"},
		XAxis:  excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: b.dateFormat()}},
		YAxis:  excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "#,##0"}},
	}))
}
