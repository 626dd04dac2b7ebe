package lifecycle

// Report is the matrix in the stable shape that `rfm9 segment --format json` prints and
// the README documents: all 9 cells and all 27 codes are always present, zeros included.
type Report struct {
	AsOf    string           `json:"as_of"`
	Clients int              `json:"clients"`
	Skipped map[string]int64 `json:"skipped"`
	Bounds  ReportBounds     `json:"bounds"`
	Cells   []ReportCell     `json:"cells"`
	Codes   []ReportCode     `json:"codes"`
}

// ReportBounds are the bounds in force, with the money limits resolved from the data.
type ReportBounds struct {
	Count              [2]int          `json:"count"`
	RecencyDays        [2]int          `json:"recency_days"`
	MonetaryMode       MonetaryMode    `json:"monetary_mode"`
	MonetaryKop        *Cuts           `json:"monetary_kop"`                    // null in per-cell mode
	MonetaryKopPerCell []ReportCellCut `json:"monetary_kop_per_cell,omitempty"` // per-cell mode only
}

// ReportCellCut are the money limits of one cell in per-cell mode; null for an empty cell.
type ReportCellCut struct {
	R    uint8 `json:"r"`
	F    uint8 `json:"f"`
	Cuts *Cuts `json:"cuts"`
}

// ReportCell is one of the 9 cells.
type ReportCell struct {
	R           uint8  `json:"r"`
	F           uint8  `json:"f"`
	Name        string `json:"name"`
	Stage       string `json:"stage"`
	Strategy    string `json:"strategy"`
	Clients     int    `json:"clients"`
	MonetaryKop int64  `json:"monetary_kop"`
	Purchases   int    `json:"purchases"`
	AverageKop  *int64 `json:"average_check_kop"` // null without purchases
}

// ReportCode is one of the 27 codes.
type ReportCode struct {
	Code        string `json:"code"`
	R           uint8  `json:"r"`
	F           uint8  `json:"f"`
	M           uint8  `json:"m"`
	Clients     int    `json:"clients"`
	MonetaryKop int64  `json:"monetary_kop"`
	Purchases   int    `json:"purchases"`
	AverageKop  *int64 `json:"average_check_kop"` // null without purchases
	Explain     string `json:"explain"`
}

// Skip reasons that count clients rather than lines in Report.Skipped.
const (
	SkipClientNoPurchase = "client_no_purchase" // documents up to the as-of date, none a purchase
	SkipClientAfterAsOf  = "client_after_as_of" // all documents after the as-of date
)

// NewReport lays out m with the cell names in lang; lineSkips are the source's skipped
// lines by reason, merged into Skipped beside the clients the matrix left out.
func NewReport(m *Matrix, names *Names, lang string, lineSkips map[string]int64) Report {
	r := Report{AsOf: m.AsOf.String(), Clients: m.Clients, Skipped: SkipCounts(m, lineSkips)}
	r.Bounds = reportBounds(m)
	for _, c := range Cells() {
		n, t := names.Of(c), m.Cell(c)
		r.Cells = append(r.Cells, ReportCell{
			R: c.R, F: c.F, Name: n.Name.In(lang), Stage: n.Stage.In(lang), Strategy: n.Strategy.In(lang),
			Clients: t.Clients, MonetaryKop: t.Monetary, Purchases: t.Purchases, AverageKop: averageCheck(t),
		})
	}
	for _, c := range Codes() {
		t := m.Code(c)
		r.Codes = append(r.Codes, ReportCode{
			Code: c.String(), R: c.R, F: c.F, M: c.M,
			Clients: t.Clients, MonetaryKop: t.Monetary, Purchases: t.Purchases, AverageKop: averageCheck(t),
			Explain: m.Explain(c, lang),
		})
	}
	return r
}

// averageCheck is the report's average check: null where it is not available, so a
// matrix stored before purchases were counted does not read as a zero check.
func averageCheck(t Totals) *int64 {
	if kop, ok := t.AverageCheck(); ok {
		return &kop
	}
	return nil
}

// SkipCounts merges the source's skipped lines by reason with the clients the matrix
// left out (SkipClientNoPurchase, SkipClientAfterAsOf).
func SkipCounts(m *Matrix, lineSkips map[string]int64) map[string]int64 {
	out := make(map[string]int64, len(lineSkips)+2)
	for k, v := range lineSkips {
		out[k] = v
	}
	out[SkipClientNoPurchase] = int64(m.Skipped.NoPurchase)
	out[SkipClientAfterAsOf] = int64(m.Skipped.NotYet)
	return out
}

func reportBounds(m *Matrix) ReportBounds {
	b := ReportBounds{Count: m.Bounds.Count, RecencyDays: m.Bounds.RecencyDays, MonetaryMode: m.Bounds.Monetary.Mode}
	if b.MonetaryMode != MonetaryPerCell {
		cuts := m.CellCuts[0][0]
		b.MonetaryKop = &cuts
		return b
	}
	for _, c := range Cells() {
		cc := ReportCellCut{R: c.R, F: c.F}
		if cuts, ok := m.Cuts(c); ok {
			cc.Cuts = &cuts
		}
		b.MonetaryKopPerCell = append(b.MonetaryKopPerCell, cc)
	}
	return b
}
