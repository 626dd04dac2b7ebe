package kpi_test

import (
	"fmt"

	"github.com/rfm9/rfm9/configs"
	"github.com/rfm9/rfm9/kpi"
	"github.com/rfm9/rfm9/lifecycle"
)

// A monthly report by stage: feed every document from the start of history in date
// order, then lay the totals out and render the KPIs.
func ExamplePeriodic() {
	day := func(s string) lifecycle.Day { d, _ := lifecycle.ParseDay(s); return d }
	docs := []kpi.Document{
		{Client: 0, Day: day("2024-01-10"), Net: 150_000, Lines: 3},
		{Client: 1, Day: day("2024-02-02"), Net: 80_000, Discount: 8_000, Lines: 1},
		{Client: 0, Day: day("2024-02-20"), Net: 120_000, Lines: 2},
		{Client: 1, Day: day("2024-02-25"), Net: -30_000, Lines: 1},
	}
	p, err := kpi.NewPeriodic(kpi.Options{
		Range:   kpi.Range{From: day("2024-02-01"), To: day("2024-02-29")},
		Period:  kpi.Month,
		Clients: 2,
		Bounds:  lifecycle.DefaultBounds(),
	})
	if err != nil {
		panic(err)
	}
	if err := p.Add(docs); err != nil {
		panic(err)
	}
	names, _ := lifecycle.ParseNames(configs.SegmentsYAML)
	for _, r := range p.Report().Rows(kpi.ByStage, &names) {
		if r.Documents == 0 {
			continue
		}
		fmt.Printf("%s %s: revenue %d, check %s, repeat %s, retention %s, discounts %s\n",
			r.Period.Key, r.Group.Name.RU, r.Revenue, r.AverageCheck().Rubles("ru"),
			r.RepeatShare().Percent("ru"), r.Retention().Percent("ru"), r.DiscountShare().Percent("ru"))
	}
	// Output:
	// 2024-02 Первая покупка: revenue 120000, check 1 200 ₽, repeat 100,0%, retention 100,0%, discounts 0,0%
	// 2024-02 Новые (без покупок до начала периода): revenue 50000, check 800 ₽, repeat 0,0%, retention —, discounts 13,8%
}
