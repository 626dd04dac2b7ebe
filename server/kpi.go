package server

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/rfm9/rfm9/kpi"
	"github.com/rfm9/rfm9/lifecycle"
)

// kpiRow is one period of one group with its totals and KPIs. Shares are in basis points
// (1/100 of a percent) and ratios as decimals with two places; null where a denominator
// is zero (no purchases, no buyers, no previous buyers…): not available, not zero.
type kpiRow struct {
	Period kpi.Period `json:"period"`
	Group  string     `json:"group"`
	Name   string     `json:"name"`
	kpi.Counts
	AverageCheckKop    *int64  `json:"average_check_kop"`
	CheckDepth         *string `json:"check_depth"`
	Frequency          *string `json:"frequency"`
	RepeatShareBP      *int64  `json:"repeat_share_bp"`
	RepeatRevenueBP    *int64  `json:"repeat_revenue_share_bp"`
	RetentionBP        *int64  `json:"retention_bp"`
	ChurnBP            *int64  `json:"churn_bp"`
	LifecycleRetention *int64  `json:"lifecycle_retention_bp"`
	DiscountShareBP    *int64  `json:"discount_share_bp"`
}

// kpis answers GET /api/v1/kpi?from=…&to=…&period=month|quarter|year&by=none|segment|stage.
func (h *handlers) kpis(c *fiber.Ctx) error {
	opts, by, err := kpiQuery(c)
	if err != nil {
		return err
	}
	bounds, err := h.Mirror.CurrentBounds(c.UserContext(), h.Bounds)
	if err != nil {
		return err
	}
	opts.Bounds = bounds.Bounds
	var p *kpi.Periodic
	err = h.Mirror.KPIDocuments(c.UserContext(), opts.Range.To, func(n int) error {
		opts.Clients = n
		var err error
		p, err = kpi.NewPeriodic(opts)
		return err
	}, func(batch []kpi.Document) error { return p.Add(batch) })
	if err != nil {
		return err
	}
	rows := p.Report().Rows(by, h.Names)
	out := make([]kpiRow, 0, len(rows))
	for i := range rows {
		out = append(out, toKPIRow(&rows[i], lang(c)))
	}
	return c.JSON(fiber.Map{"from": opts.Range.From, "to": opts.Range.To, "period": opts.Period.String(), "by": c.Query("by", "none"), "rows": out})
}

func kpiQuery(c *fiber.Ctx) (kpi.Options, kpi.By, error) {
	bad := map[string]Text{}
	var o kpi.Options
	var err error
	o.Range = kpiRange(c, bad)
	if o.Period, err = kpi.ParsePeriodKind(c.Query("period", "month")); err != nil {
		bad["period"] = Text{RU: "month, quarter или year", EN: "month, quarter or year"}
	}
	by, err := kpi.ParseBy(c.Query("by", "none"))
	if err != nil {
		bad["by"] = Text{RU: "none, segment или stage", EN: "none, segment or stage"}
	}
	if len(bad) == 0 {
		if _, err := o.Range.Periods(o.Period); err != nil {
			bad["period"] = Text{RU: "слишком много периодов: " + err.Error(), EN: err.Error()}
		}
	}
	if len(bad) > 0 {
		return o, by, Invalid(bad)
	}
	return o, by, nil
}

// kpiRange reads from and to, naming in bad each that is malformed, or to when the
// range itself is not valid.
func kpiRange(c *fiber.Ctx, bad map[string]Text) kpi.Range {
	var r kpi.Range
	var errFrom, errTo error
	if r.From, errFrom = lifecycle.ParseDay(c.Query("from")); errFrom != nil {
		bad["from"] = dateText
	}
	if r.To, errTo = lifecycle.ParseDay(c.Query("to")); errTo != nil {
		bad["to"] = dateText
	}
	if errFrom == nil && errTo == nil {
		if err := r.Validate(); err != nil {
			bad["to"] = Text{RU: "период задан неверно: " + err.Error(), EN: err.Error()}
		}
	}
	return r
}

func toKPIRow(r *kpi.Row, lang string) kpiRow {
	out := kpiRow{Period: r.Period, Group: r.Group.Key, Name: r.Group.Name.In(lang), Counts: r.Counts}
	out.AverageCheckKop = optional(r.AverageCheck().Kopecks())
	out.CheckDepth = decimal(r.Depth())
	out.Frequency = decimal(r.Frequency())
	out.RepeatShareBP = optional(r.RepeatShare().BasisPoints())
	out.RepeatRevenueBP = optional(r.RepeatRevenueShare().BasisPoints())
	out.RetentionBP = optional(r.Retention().BasisPoints())
	out.ChurnBP = optional(r.Churn().BasisPoints())
	out.LifecycleRetention = optional(r.LifecycleRetention().BasisPoints())
	out.DiscountShareBP = optional(r.DiscountShare().BasisPoints())
	return out
}

func optional(v int64, ok bool) *int64 {
	if !ok {
		return nil
	}
	return &v
}

func decimal(r kpi.Ratio) *string {
	if !r.Valid() {
		return nil
	}
	s := r.Decimal(2, "en")
	return &s
}

// cohortRow is one acquisition month: its clients, LTV after 1, 3, 6, 12 and 24 months
// (kopecks per client; null before the cohort reaches that age), and month by month the
// share of the cohort buying (basis points) with its net.
type cohortRow struct {
	Month   kpi.Period        `json:"month"`
	Clients int64             `json:"clients"`
	LTVKop  map[string]*int64 `json:"ltv_kop"`
	Months  []cohortMonth     `json:"months"`
}

type cohortMonth struct {
	kpi.CohortMonth
	RetentionBP *int64 `json:"retention_bp"`
}

// cohorts answers GET /api/v1/kpi/cohorts?from=…&to=…: acquisition cohorts by month.
func (h *handlers) cohorts(c *fiber.Ctx) error {
	bad := map[string]Text{}
	r := kpiRange(c, bad)
	if len(bad) > 0 {
		return Invalid(bad)
	}
	var co *kpi.Cohorts
	err := h.Mirror.KPIDocuments(c.UserContext(), r.To, func(n int) error {
		var err error
		co, err = kpi.NewCohorts(r, n)
		return err
	}, func(batch []kpi.Document) error { return co.Add(batch) })
	if err != nil {
		return err
	}
	rep := co.Report()
	out := make([]cohortRow, 0, len(rep.Cohorts))
	for i := range rep.Cohorts {
		out = append(out, toCohortRow(&rep.Cohorts[i]))
	}
	return c.JSON(fiber.Map{"from": r.From, "to": r.To, "cohorts": out})
}

func toCohortRow(ch *kpi.Cohort) cohortRow {
	row := cohortRow{Month: ch.Month, Clients: ch.Clients, LTVKop: map[string]*int64{}}
	for _, n := range kpi.LTVMonths {
		key := strconv.Itoa(n)
		row.LTVKop[key] = nil
		if ltv, ok := ch.LTV(n); ok {
			row.LTVKop[key] = optional(ltv.Kopecks())
		}
	}
	for k, m := range ch.Months {
		row.Months = append(row.Months, cohortMonth{CohortMonth: m, RetentionBP: optional(ch.Retention(k).BasisPoints())})
	}
	return row
}
