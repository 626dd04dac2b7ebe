// Package kpi computes the repeat-sales KPIs of the 9-segment methodology per period
// (month, quarter, year) and per segment, stage or overall, and the acquisition cohorts
// (LTV and cohort retention), each in one streaming pass over the sale documents.
//
// # Input
//
// One Document per sale document and client (the mirror's sales_documents rows), with
// clients numbered 0..n−1 by the caller, in date order (the caller sorts; the order
// within a day does not matter, every definition below is by calendar day). Feed all of
// the history, not only the range: documents before the range decide who is new, which
// cell a client is in at the first period's start, and who bought in the period before
// it. Documents after the range's end are ignored. Money is int64 kopecks throughout.
//
// # Periods
//
// Calendar months, quarters or years. The first period starts on its calendar first
// day even when From is later (so every period but the last is whole and each period's
// predecessor is the row before it); the last ends at To (Period.Partial).
// The "previous period" of the first one is the calendar period before it.
//
// # Definitions, per period P = [start, end] and group
//
// A purchase is a document with Net > 0; a return one with Net < 0 (as in lifecycle).
//
//	revenue           = Σ Net over all documents in P (sales minus returns)
//	purchase revenue  = Σ Net over purchases in P
//	purchases         = number of purchases in P
//	buyers            = clients with ≥ 1 purchase in P
//	average check     = purchase revenue / purchases, kopecks, rounded half away from zero
//	check depth       = Σ Lines over purchases / purchases
//	frequency         = purchases / buyers
//	repeat share      = repeat purchases / purchases, where a purchase is repeat when its
//	                    client made a purchase on an earlier day (every purchase on the
//	                    client's first purchase day is a first purchase)
//	repeat rev. share = Σ Net of repeat purchases / purchase revenue
//	new buyers        = buyers with no purchase before start
//	returned buyers   = buyers who were in R1 at the period's start
//	retention         = retained / previous buyers, where previous buyers are the clients
//	                    with a purchase in the previous period and retained those of them
//	                    with a purchase in P
//	churn             = 1 − retention = (previous buyers − retained) / previous buyers
//	lifecycle retent. = clients in R3 at the period's start and in R3 at end
//	                    / clients in R3 at the period's start
//	discount share    = Σ Discount / (revenue + Σ Discount), over all documents in P;
//	                    not available when no document up to To has a discount (the
//	                    source has none) or when revenue + discounts ≤ 0
//
// A client whose only documents in P are returns adds to revenue (negatively) and to
// the documents, not to purchases or buyers. Every ratio is a Ratio, an exact fraction:
// a zero denominator (no purchases, no buyers, no previous buyers…) means "not
// available", never a division by zero. Rendering rounds once, half away from zero:
// money to kopecks, shares to basis points (1/100 of a percent) or Percent's tenths.
//
// # Segments and stages
//
// A client's cell "at the period's start" is its lifecycle cell (R and F under
// lifecycle.Bounds; M is not used) as of the day before start — the matrix of the
// previous period's last day, the same as lifecycle's month-end snapshots — computed from
// the running state of the same pass. With by=segment every document of P, and so every
// KPI, is attributed to its client's cell at the start of P: "what did the clients who
// were Засыпающие on the 1st do this month". Clients with no purchase before start are
// the group "new"; all new buyers are there. by=stage unites the cells with the same
// stage name (lifecycle.Names). Everything per client — buyers, previous buyers,
// retained, returned, R3 at the start and still R3 at the end — is counted in the cell
// at the start of P too, so each client is in one group per period, the totals are
// additive, and the groups of a period sum to its by=none row. "R3 at end" is as of
// the period's last day (To for a cut last period).
//
// # Cohorts
//
// A cohort is the clients whose first purchase fell in a calendar month c of the range;
// month k of the cohort is calendar month c+k (k = 0 is the acquisition month).
//
//	clients            = clients whose first purchase is in month c
//	net in month k     = Σ Net of the cohort's documents in month c+k dated on or
//	                     after each client's first purchase day (a return on an
//	                     earlier day is not the cohort's)
//	LTV after n months = Σ net of months 0 … n−1 / clients, kopecks, for n in
//	                     1, 3, 6, 12, 24; available only when month c+n−1 ended by To
//	retention, month k = cohort clients with a purchase in month c+k / clients
//
// # Cost
//
// Documents are applied once each, into per-client state in flat slices (16 bytes per
// client for the KPIs, 24 for cohorts); each period boundary makes one pass over the
// clients. Memory does not depend on the number of documents.
package kpi
