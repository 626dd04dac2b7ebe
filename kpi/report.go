package kpi

import "github.com/rfm9/rfm9/lifecycle"

// Report is the result of a KPI pass: totals per period and per source group, from
// which Rows builds any grouping without another pass.
type Report struct {
	Kind           PeriodKind
	Range          Range    // as asked; Periods[0] may start earlier, at its calendar start
	Periods        []Period // ascending
	DiscountsKnown bool     // some document up to Range.To has a discount: the source has them
	counts         [][groups]Counts
}

// Rows lays the report out as a table: for each period, one row per group of by, in
// the order of lifecycle.Cells (stages by their first cell), then the "new" group.
// Groups with no clients are kept, so the table always has the same shape. names gives
// the cell and stage names (configs.SegmentsYAML and the user's overrides); it is not
// used by ByNone.
func (r Report) Rows(by By, names *lifecycle.Names) []Row {
	l := layoutOf(by, names)
	rows := make([]Row, 0, len(r.Periods)*len(l.groups))
	sums := make([]Counts, len(l.groups))
	for p, period := range r.Periods {
		clear(sums)
		for g := range groups {
			sums[l.of[g]].add(&r.counts[p][g])
		}
		for i, grp := range l.groups {
			rows = append(rows, Row{Period: period, Group: grp, Counts: sums[i], DiscountsKnown: r.DiscountsKnown})
		}
	}
	return rows
}

// Row is one period of one group: its totals and the KPIs over them.
type Row struct {
	Period Period `json:"period"`
	Group  Group  `json:"group"`
	Counts
	DiscountsKnown bool `json:"discounts_known"`
}

// AverageCheck is PurchaseRevenue / Purchases, in kopecks.
func (r *Row) AverageCheck() Ratio { return Ratio{r.PurchaseRevenue, r.Purchases} }

// Depth is the check depth: Lines / Purchases, lines per purchase.
func (r *Row) Depth() Ratio { return Ratio{r.Lines, r.Purchases} }

// Frequency is the purchase frequency: Purchases / Buyers.
func (r *Row) Frequency() Ratio { return Ratio{r.Purchases, r.Buyers} }

// RepeatShare is the share of purchases that are repeat: RepeatPurchases / Purchases.
func (r *Row) RepeatShare() Ratio { return Ratio{r.RepeatPurchases, r.Purchases} }

// RepeatRevenueShare is the share of purchase revenue from repeat purchases:
// RepeatRevenue / PurchaseRevenue.
func (r *Row) RepeatRevenueShare() Ratio { return Ratio{r.RepeatRevenue, r.PurchaseRevenue} }

// Retention is Retained / PrevBuyers: of the previous period's buyers, the share who
// bought again in this one.
func (r *Row) Retention() Ratio { return Ratio{r.Retained, r.PrevBuyers} }

// Churn is 1 − Retention: (PrevBuyers − Retained) / PrevBuyers.
func (r *Row) Churn() Ratio { return Ratio{r.PrevBuyers - r.Retained, r.PrevBuyers} }

// LifecycleRetention is StillActive / ActiveAtStart: of the clients in R3 at the
// period's start, the share in R3 at its end.
func (r *Row) LifecycleRetention() Ratio { return Ratio{r.StillActive, r.ActiveAtStart} }

// DiscountShare is Discount / (Revenue + Discount): not available when the source has
// no discounts or when Revenue + Discount is not positive (a period of returns).
func (r *Row) DiscountShare() Ratio {
	gross := r.Revenue + r.Discount
	if !r.DiscountsKnown || gross <= 0 {
		return Ratio{}
	}
	return Ratio{r.Discount, gross}
}
