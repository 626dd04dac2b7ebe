package kpi

// Counts are the additive totals of one period and one group: every KPI is a ratio of
// two of them, so rows of groups sum to the row of their union and nothing is rounded
// before it is shown. Money is in kopecks.
type Counts struct {
	Documents       int64 `json:"documents"`        // all documents: purchases, returns, zero sums
	Revenue         int64 `json:"revenue_kop"`      // net: sum of Net over all documents
	PurchaseRevenue int64 `json:"purchase_kop"`     // sum of Net over purchases (Net > 0)
	Returns         int64 `json:"returns_kop"`      // −sum of Net over returns (Net < 0), ≥ 0
	Discount        int64 `json:"discount_kop"`     // sum of Discount over all documents
	Purchases       int64 `json:"purchases"`        // documents with Net > 0
	Lines           int64 `json:"lines"`            // lines of the purchases
	Buyers          int64 `json:"buyers"`           // clients with ≥ 1 purchase in the period
	RepeatPurchases int64 `json:"repeat_purchases"` // purchases by clients who bought on an earlier day
	RepeatRevenue   int64 `json:"repeat_kop"`       // their Net
	NewBuyers       int64 `json:"new_buyers"`       // buyers with no purchase before the period
	ReturnedBuyers  int64 `json:"returned_buyers"`  // buyers who were in R1 at the period's start
	PrevBuyers      int64 `json:"prev_buyers"`      // clients who bought in the previous period
	Retained        int64 `json:"retained"`         // … and bought again in this one
	ClientsAtStart  int64 `json:"clients_at_start"` // clients with ≥ 1 purchase before the period
	ActiveAtStart   int64 `json:"active_at_start"`  // … of them in R3 at the start
	StillActive     int64 `json:"still_active"`     // … of those in R3 at the period's end too
}

// add sums o into c.
func (c *Counts) add(o *Counts) {
	c.Documents += o.Documents
	c.Revenue += o.Revenue
	c.PurchaseRevenue += o.PurchaseRevenue
	c.Returns += o.Returns
	c.Discount += o.Discount
	c.Purchases += o.Purchases
	c.Lines += o.Lines
	c.Buyers += o.Buyers
	c.RepeatPurchases += o.RepeatPurchases
	c.RepeatRevenue += o.RepeatRevenue
	c.NewBuyers += o.NewBuyers
	c.ReturnedBuyers += o.ReturnedBuyers
	c.PrevBuyers += o.PrevBuyers
	c.Retained += o.Retained
	c.ClientsAtStart += o.ClientsAtStart
	c.ActiveAtStart += o.ActiveAtStart
	c.StillActive += o.StillActive
}
