package exports

import (
	"fmt"

	"github.com/rfm9/rfm9/kpi"
)

// summarySheet is the first sheet's name.
func (b *book) summarySheet() string { return b.tr("Сводка", "Summary") }

// summary writes Сводка: the last period's headline KPIs beside the previous period's,
// with the change in units and in percent (shares change in percentage points).
func (b *book) summary(r *KPIReport) {
	s := b.summarySheet()
	b.sheet(s, b.tr("Повторные продажи: сводка", "Repeat sales: summary"), r)
	b.widths(s, 36, 18, 18, 16, 12)
	if len(r.Rows) == 0 {
		b.note(s, 1, 4, b.tr("В периоде нет данных.", "No data in the period."))
		return
	}
	last := &r.Rows[len(r.Rows)-1]
	var prev *kpi.Row
	if len(r.Rows) > 1 {
		prev = &r.Rows[len(r.Rows)-2]
	}
	const head = 4
	prevLabel := "—"
	if prev != nil {
		prevLabel = b.periodLabel(prev.Period)
	}
	b.headRow(s, 1, head, b.tr("Показатель", "KPI"), b.periodLabel(last.Period), prevLabel,
		b.tr("Изменение", "Change"), b.tr("Изменение, %", "Change, %"))
	row := head + 1
	for _, m := range metrics {
		if !m.summary {
			continue
		}
		b.summaryLine(s, row, m, last, prev)
		row++
	}
	b.freeze(s, 2, head+1)
	b.summaryNotes(s, row+1, r, last)
}

// summaryLine writes one KPI: its value in the last and the previous period and the
// change, from the rounded values the cells show, so the columns agree.
func (b *book) summaryLine(s string, row int, m metric, last, prev *kpi.Row) {
	b.str(s, 1, row, b.text(m.name), b.style.bold)
	b.ratio(s, 2, row, m.kind, m.of(last), "—")
	cur, okCur := m.kind.scaled(m.of(last))
	if prev == nil {
		return
	}
	b.ratio(s, 3, row, m.kind, m.of(prev), "—")
	old, okOld := m.kind.scaled(m.of(prev))
	if !okCur || !okOld {
		b.str(s, 4, row, "—", b.style.missing)
		b.str(s, 5, row, "—", b.style.missing)
		return
	}
	d := cur - old
	if m.kind == kindShare {
		b.num(s, 4, row, d, 2, b.style.delta[kindShare]) // basis points are hundredths of a point
		return
	}
	b.num(s, 4, row, d, m.kind.places(), b.style.delta[m.kind])
	if rel, ok := (kpi.Ratio{Num: d, Den: int64(magnitude(old))}).BasisPoints(); ok {
		b.num(s, 5, row, rel, 4, b.style.relative)
	} else {
		b.str(s, 5, row, "—", b.style.missing)
	}
}

// summaryNotes says what the reader may misread: a partial last period, a source
// without discounts, "—" for what cannot be computed.
func (b *book) summaryNotes(s string, row int, r *KPIReport, last *kpi.Row) {
	notes := []string{b.tr("«—»: показатель не определён (нет покупок, покупателей или базы для сравнения).",
		"“—”: not available (no purchases, no buyers or nothing to compare with).")}
	if last.Period.Partial {
		notes = append(notes, fmt.Sprintf(b.tr("Период %s неполный: отчёт заканчивается %s.", "Period %s is partial: the report ends on %s."),
			last.Period.Key, b.day(r.Range.To)))
	}
	if !last.DiscountsKnown {
		notes = append(notes, b.tr("В источнике нет скидок: доля скидок не считается.", "The source has no discounts: no discount share."))
	}
	notes = append(notes, b.tr("Определения показателей — в README rfm9, раздел KPIs.", "The definitions are in rfm9's README, section KPIs."))
	for i, n := range notes {
		b.note(s, 1, row+i, n)
	}
}
