package exports

import (
	"fmt"

	"github.com/rfm9/rfm9/kpi"
)

// cohorts writes Когорты: one row per month of acquisition with its clients, the LTV
// per client after 1, 3, 6, 12 and 24 months, and the share of the cohort buying in
// each month since. Ages a cohort has not reached by the report's end stay empty.
func (b *book) cohorts(r *KPIReport) {
	s := b.tr("Когорты", "Cohorts")
	b.sheet(s, b.tr("Когорты по месяцу первой покупки", "Cohorts by month of first purchase"), r)
	co := r.Cohorts.Cohorts
	if len(co) == 0 {
		b.note(s, 1, 4, b.tr("В периоде нет когорт.", "No cohorts in the period."))
		return
	}
	const head = 4
	ltv0 := 3
	ret0 := ltv0 + len(kpi.LTVMonths) + 1 // one empty column between the two tables
	months := len(co[0].Months)
	b.cohortHeads(s, head, ltv0, ret0, months)
	for i := range co {
		b.cohortRow(s, head+1+i, ltv0, ret0, &co[i])
	}
	last := head + len(co)
	b.widths(s, append(append([]float64{16, 10}, repeat(14, ret0-ltv0)...), repeat(8, months)...)...)
	b.freeze(s, 3, head+1)
	b.filter(s, 1, head, ret0+months-1, last)
	if months > 1 {
		b.colorScale(s, ret0+1, head+1, ret0+months-1, last) // month 0 is 100% by definition
	}
	b.note(s, 1, last+2, b.tr("LTV — накопленная чистая выручка когорты на одного клиента; пусто, пока когорта не достигла этого возраста к концу периода.",
		"LTV: the cohort's cumulative net revenue per client; empty until the cohort reaches that age by the report's end."))
	b.note(s, 1, last+3, b.tr("Доля — клиенты когорты с покупкой в k-м месяце после первого; незаконченные месяцы не показаны.",
		"Share: the cohort's clients with a purchase in month k after the first; unfinished months are not shown."))
}

// cohortHeads writes the two header rows: what each table is, then its columns.
func (b *book) cohortHeads(s string, head, ltv0, ret0, months int) {
	b.str(s, ltv0, head-1, b.tr("LTV на клиента после N месяцев", "LTV per client after N months"), b.style.bold)
	b.str(s, ret0, head-1, b.tr("Доля когорты, купившей в месяце k", "Share of the cohort buying in month k"), b.style.bold)
	b.headRow(s, 1, head, b.tr("Когорта", "Cohort"), b.tr("Клиентов", "Clients"))
	for i, n := range kpi.LTVMonths {
		b.str(s, ltv0+i, head, fmt.Sprintf(b.tr("%d мес.", "%d mo."), n), b.style.head)
	}
	b.str(s, ret0-1, head, "", b.style.head)
	for k := range months {
		b.str(s, ret0+k, head, fmt.Sprintf(b.tr("Мес. %d", "Month %d"), k), b.style.head)
	}
}

func (b *book) cohortRow(s string, row, ltv0, ret0 int, c *kpi.Cohort) {
	b.str(s, 1, row, b.periodLabel(c.Month), 0)
	b.count(s, 2, row, c.Clients)
	for i, n := range kpi.LTVMonths {
		if ltv, ok := c.LTV(n); ok {
			b.ratio(s, ltv0+i, row, kindMoney, ltv, "")
		}
	}
	for k, m := range c.Months {
		if m.Complete {
			b.ratio(s, ret0+k, row, kindShare, c.Retention(k), "")
		}
	}
}
