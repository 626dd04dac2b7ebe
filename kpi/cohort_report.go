package kpi

// LTVMonths are the ages, in months, at which the cohort report shows LTV.
var LTVMonths = [...]int{1, 3, 6, 12, 24}

// CohortReport is the acquisition cohorts of a range, one per month, oldest first.
type CohortReport struct {
	Range   Range    `json:"range"`
	Cohorts []Cohort `json:"cohorts"`
}

// Cohort is the clients whose first purchase fell in one month, and what they did in
// each calendar month since, month 0 being the month of acquisition.
type Cohort struct {
	Month   Period        `json:"month"`   // the month of acquisition
	Clients int64         `json:"clients"` // clients acquired: Months[0].Buyers
	Months  []CohortMonth `json:"months"`  // k = 0 … the month of the report's To
}

// CohortMonth is month k of a cohort.
type CohortMonth struct {
	Buyers   int64 `json:"buyers"`   // clients of the cohort with a purchase in the month
	Net      int64 `json:"net_kop"`  // net of their documents in the month, from the first purchase on
	Complete bool  `json:"complete"` // the month ended on or before the report's To
}

// LTV is the cohort's cumulative net revenue per client after the given number of
// months: the Net of months 0 … months−1 over Clients, in kopecks. ok is false when
// the cohort has not reached that age by the report's To (month months−1 is not
// complete); the ratio is not available (Den 0) for a cohort with no clients.
func (c *Cohort) LTV(months int) (r Ratio, ok bool) {
	if months < 1 || months > len(c.Months) || !c.Months[months-1].Complete {
		return Ratio{}, false
	}
	var sum int64
	for _, m := range c.Months[:months] {
		sum += m.Net
	}
	return Ratio{sum, c.Clients}, true
}

// Retention is the share of the cohort that bought in month k: Months[k].Buyers /
// Clients; month 0 is 100% by definition. Not available past the report's To.
func (c *Cohort) Retention(k int) Ratio {
	if k < 0 || k >= len(c.Months) {
		return Ratio{}
	}
	return Ratio{c.Months[k].Buyers, c.Clients}
}
