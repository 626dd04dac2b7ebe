package exports

import (
	"github.com/xuri/excelize/v2"

	"github.com/rfm9/rfm9/kpi"
)

// periodsSheet names the sheet of one row per period after the periods' length.
func (b *book) periodsSheet(k kpi.PeriodKind) string {
	switch k {
	case kpi.Quarter:
		return b.tr("KPI по кварталам", "KPI by quarter")
	case kpi.Year:
		return b.tr("KPI по годам", "KPI by year")
	}
	return b.tr("KPI по месяцам", "KPI by month")
}

// periods writes one row per period with every KPI, an autofilter, and line charts of
// the KPIs a manager follows month to month.
func (b *book) periods(r *KPIReport) {
	s := b.periodsSheet(r.Period)
	b.sheet(s, b.tr("Показатели повторных продаж ", "Repeat sales KPIs ")+b.periodWord(r.Period), r)
	const head = 4
	b.str(s, 1, head, b.tr("Период", "Period"), b.style.head)
	widths := []float64{16}
	for i, m := range metrics {
		b.str(s, i+2, head, b.text(m.name), b.style.head)
		widths = append(widths, m.width)
	}
	b.widths(s, widths...)
	b.check(b.f.SetRowHeight(s, head, 45))
	for i := range r.Rows {
		b.periodRow(s, head+1+i, &r.Rows[i])
	}
	last := head + max(len(r.Rows), 1)
	b.freeze(s, 2, head+1)
	b.filter(s, 1, head, len(metrics)+1, last)
	if len(r.Rows) == 0 {
		b.note(s, 1, head+1, b.tr("В периоде нет данных.", "No data in the period."))
		return
	}
	b.periodCharts(s, head, last)
}

// periodRow writes a period's KPIs; what is not available stays empty, so that the
// charts show a gap instead of a fall to zero.
func (b *book) periodRow(s string, row int, r *kpi.Row) {
	b.str(s, 1, row, b.periodLabel(r.Period), 0)
	for i, m := range metrics {
		b.ratio(s, i+2, row, m.kind, m.of(r), "")
	}
}

// periodCharts puts three charts under the table: revenue, the average check, and the
// repeat share with retention.
func (b *book) periodCharts(s string, head, last int) {
	top := last + 3
	b.periodChart(s, cellName(1, top), excelize.Col, b.tr("Выручка, ₽", "Revenue, ₽"), `#,##0" ₽"`, head, last, "Revenue (net)")
	b.periodChart(s, cellName(8, top), excelize.Line, b.tr("Средний чек, ₽", "Average check, ₽"), `#,##0" ₽"`, head, last, "Average check")
	b.periodChart(s, cellName(1, top+22), excelize.Line, b.tr("Повторные покупки и удержание", "Repeat purchases and retention"), "0%",
		head, last, "Repeat purchase share", "Retention", "Lifecycle retention (R3)")
}

// periodChart charts metrics (by their English names) against the periods.
func (b *book) periodChart(s, at string, t excelize.ChartType, title, numFmt string, head, last int, names ...string) {
	var series []excelize.ChartSeries
	for _, n := range names {
		col := metricColumn(n)
		se := excelize.ChartSeries{Name: ref(s, col, head, col, head), Categories: ref(s, 1, head+1, 1, last), Values: ref(s, col, head+1, col, last)}
		if t == excelize.Line {
			se.Marker = excelize.ChartMarker{Symbol: "circle", Size: 5}
		}
		series = append(series, se)
	}
	b.check(b.f.AddChart(s, at, &excelize.Chart{
		Type: t, Series: series, VaryColors: ptr(false), Dimension: excelize.ChartDimension{Width: 620, Height: 420},
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title}}},
		Legend: excelize.ChartLegend{Position: "bottom"}, ShowBlanksAs: "gap",
		YAxis: excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: numFmt}},
	}))
}
