package exports

import (
	"github.com/rfm9/rfm9/kpi"
	"github.com/rfm9/rfm9/lifecycle"
)

// metric is one KPI column of the monthly sheet and one line of the summary.
type metric struct {
	name    lifecycle.Text
	kind    kind
	of      func(r *kpi.Row) kpi.Ratio // totals are ratios over 1
	summary bool                       // shown on Сводка too
	width   float64
}

func total(n int64) kpi.Ratio { return kpi.Ratio{Num: n, Den: 1} }

// metrics are the KPIs in the order the report shows them; the definitions are the
// kpi package's (README, "KPIs").
var metrics = []metric{
	{lifecycle.Text{RU: "Выручка (нетто)", EN: "Revenue (net)"}, kindMoney, func(r *kpi.Row) kpi.Ratio { return total(r.Revenue) }, true, 16},
	{lifecycle.Text{RU: "Возвраты", EN: "Returns"}, kindMoney, func(r *kpi.Row) kpi.Ratio { return total(r.Returns) }, true, 16},
	{lifecycle.Text{RU: "Покупки", EN: "Purchases"}, kindCount, func(r *kpi.Row) kpi.Ratio { return total(r.Purchases) }, true, 13},
	{lifecycle.Text{RU: "Покупатели", EN: "Buyers"}, kindCount, func(r *kpi.Row) kpi.Ratio { return total(r.Buyers) }, true, 13},
	{lifecycle.Text{RU: "Средний чек", EN: "Average check"}, kindMoney, (*kpi.Row).AverageCheck, true, 16},
	{lifecycle.Text{RU: "Глубина чека, строк", EN: "Check depth, lines"}, kindDecimal, (*kpi.Row).Depth, true, 11},
	{lifecycle.Text{RU: "Частота покупок", EN: "Purchase frequency"}, kindDecimal, (*kpi.Row).Frequency, true, 11},
	{lifecycle.Text{RU: "Доля повторных покупок", EN: "Repeat purchase share"}, kindShare, (*kpi.Row).RepeatShare, true, 12},
	{lifecycle.Text{RU: "Доля выручки повторных покупок", EN: "Repeat revenue share"}, kindShare, (*kpi.Row).RepeatRevenueShare, true, 12},
	{lifecycle.Text{RU: "Новые покупатели", EN: "New buyers"}, kindCount, func(r *kpi.Row) kpi.Ratio { return total(r.NewBuyers) }, true, 13},
	{lifecycle.Text{RU: "Вернувшиеся покупатели", EN: "Returned buyers"}, kindCount, func(r *kpi.Row) kpi.Ratio { return total(r.ReturnedBuyers) }, true, 13},
	{lifecycle.Text{RU: "Удержание", EN: "Retention"}, kindShare, (*kpi.Row).Retention, true, 12},
	{lifecycle.Text{RU: "Отток", EN: "Churn"}, kindShare, (*kpi.Row).Churn, true, 12},
	{lifecycle.Text{RU: "Удержание в активных (R3)", EN: "Lifecycle retention (R3)"}, kindShare, (*kpi.Row).LifecycleRetention, true, 12},
	{lifecycle.Text{RU: "Доля скидок", EN: "Discount share"}, kindShare, (*kpi.Row).DiscountShare, true, 12},
	{lifecycle.Text{RU: "Клиентов на начало", EN: "Clients at start"}, kindCount, func(r *kpi.Row) kpi.Ratio { return total(r.ClientsAtStart) }, false, 13},
	{lifecycle.Text{RU: "Документов", EN: "Documents"}, kindCount, func(r *kpi.Row) kpi.Ratio { return total(r.Documents) }, false, 13},
}

// metricColumn is the column of a metric on the periods sheet (the period is column 1).
func metricColumn(name string) int {
	for i, m := range metrics {
		if m.name.EN == name {
			return i + 2
		}
	}
	panic("exports: no metric " + name) // a typo in this package, caught by any test
}
