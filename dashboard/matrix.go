package dashboard

import (
	"fmt"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/mirror"
	"github.com/rfm9/rfm9/money"
)

// matrixPage is the matrix page: the current heat table, the bounds in force with their
// form, and a what-if preview when one was asked for.
type matrixPage struct {
	AsOf     string
	Clients  string
	Monetary string
	Empty    bool
	Current  *heatView
	Bounds   boundsView
	Form     boundsForm
	Errors   map[string]string // form field → why
	Preview  *heatView
	Saved    string
}

// heatView is a matrix laid out as the heat table: rows R3..R1, columns F1..F3.
type heatView struct {
	AsOf    string
	Clients string
	Cols    [3]string
	Rows    [3]heatRow
}

type heatRow struct {
	Label string
	Cells [3]heatCell
}

type heatCell struct {
	Key, Name, Stage, Strategy string
	Clients, Share, Delta      string
	Monetary, PerClient        string
	AverageCheck               string // M over purchases; "—" without them (an old matrix)
	Heat                       string // 0..1, the cell's share against the largest cell's
	Codes                      []heatCode
}

type heatCode struct {
	Code, Clients, Monetary, AverageCheck, Explain string
}

// boundsView is the bounds in force as the page states them.
type boundsView struct {
	Version                  int64
	ChangedBy, ChangedAt     string
	Count, Recency, Monetary string
}

// matrix answers GET / and /matrix.
func (h *handlers) matrix(c *fiber.Ctx) error {
	p, err := h.matrixState(c)
	if err != nil {
		return err
	}
	if c.Query("saved") != "" {
		p.Saved = h.text(c, "boundsSaved")
	}
	return h.render(c, "matrix", "navMatrix", p, nil)
}

// matrixState reads what every variant of the matrix page shows.
func (h *handlers) matrixState(c *fiber.Ctx) (*matrixPage, error) {
	lang := langOf(c)
	m, ok, err := h.Mirror.CurrentMatrix(c.UserContext())
	if err != nil {
		return nil, err
	}
	cur, err := h.Mirror.CurrentBounds(c.UserContext(), h.Bounds)
	if err != nil {
		return nil, err
	}
	p := &matrixPage{Empty: !ok, Bounds: h.boundsView(c, cur, &m, ok), Form: formOf(cur.Bounds)}
	if ok {
		p.AsOf, p.Clients = m.AsOf.String(), money.Count(int64(m.Clients), lang)
		p.Monetary = money.Rubles(total(&m), lang)
		p.Current = h.heat(c, &m, nil)
	}
	return p, nil
}

func total(m *lifecycle.Matrix) int64 {
	var sum int64
	for _, c := range lifecycle.Cells() {
		sum += m.Cell(c).Monetary
	}
	return sum
}

// heat lays a matrix out for the table; with base, each cell also shows its change
// against base (the preview against the current results).
func (h *handlers) heat(c *fiber.Ctx, m *lifecycle.Matrix, base *lifecycle.Matrix) *heatView {
	lang := langOf(c)
	v := &heatView{AsOf: m.AsOf.String(), Clients: money.Count(int64(m.Clients), lang)}
	b := m.Bounds
	v.Cols = [3]string{
		"F1 · " + rangeText(1, b.Count[0]), "F2 · " + rangeText(b.Count[0]+1, b.Count[1]), "F3 · " + rangeText(b.Count[1]+1, 0)}
	days := h.text(c, "daysShort")
	labels := [3]string{ // R1..R3
		"R1 · " + rangeText(b.RecencyDays[1]+1, 0) + " " + days,
		"R2 · " + rangeText(b.RecencyDays[0]+1, b.RecencyDays[1]) + " " + days,
		"R3 · " + rangeText(0, b.RecencyDays[0]) + " " + days,
	}
	largest := 1
	for _, cell := range lifecycle.Cells() {
		largest = max(largest, m.Cell(cell).Clients)
	}
	for i, cell := range lifecycle.Cells() {
		row := &v.Rows[i/3]
		row.Label = labels[cell.R-1]
		t, n := m.Cell(cell), h.Names.Of(cell)
		hc := heatCell{Key: cell.String(), Name: n.Name.In(lang), Stage: n.Stage.In(lang), Strategy: n.Strategy.In(lang),
			Clients: money.Count(int64(t.Clients), lang), Share: money.Percent(int64(t.Clients), int64(m.Clients), lang),
			Monetary: money.Rubles(t.Monetary, lang), PerClient: "—", AverageCheck: checkText(t, lang),
			Heat: strconv.FormatFloat(float64(t.Clients)/float64(largest), 'f', 3, 64)}
		if t.Clients > 0 {
			hc.PerClient = money.Rubles(money.Divide(t.Monetary, int64(t.Clients)), lang)
		}
		if base != nil {
			hc.Delta = signed(int64(t.Clients-base.Cell(cell).Clients), lang)
		}
		for mc := uint8(3); mc >= 1; mc-- {
			code := lifecycle.Code{R: cell.R, F: cell.F, M: mc}
			ct := m.Code(code)
			hc.Codes = append(hc.Codes, heatCode{Code: code.String(), Clients: money.Count(int64(ct.Clients), lang),
				Monetary: money.Rubles(ct.Monetary, lang), AverageCheck: checkText(ct, lang), Explain: m.Explain(code, lang)})
		}
		row.Cells[i%3] = hc
	}
	return v
}

// checkText writes a cell's or code's average check, "—" where it is not available.
func checkText(t lifecycle.Totals, lang string) string {
	if kop, ok := t.AverageCheck(); ok {
		return money.Rubles(kop, lang)
	}
	return "—"
}

// rangeText writes an inclusive range; hi 0 means open-ended ("4+").
func rangeText(lo, hi int) string {
	switch {
	case hi == 0:
		return strconv.Itoa(lo) + "+"
	case lo == hi:
		return strconv.Itoa(lo)
	}
	return strconv.Itoa(lo) + "–" + strconv.Itoa(hi)
}

// signed writes a change with its sign: "+12", "−3", "±0".
func signed(n int64, lang string) string {
	switch {
	case n > 0:
		return "+" + money.Count(n, lang)
	case n < 0:
		return money.Count(n, lang)
	}
	return "±0"
}

func (h *handlers) boundsView(c *fiber.Ctx, v mirror.BoundsVersion, m *lifecycle.Matrix, haveMatrix bool) boundsView {
	lang, b := langOf(c), v.Bounds
	out := boundsView{Version: v.Version, ChangedBy: v.ChangedBy,
		Count:   fmt.Sprintf("%d, %d", b.Count[0], b.Count[1]),
		Recency: fmt.Sprintf("%d, %d %s", b.RecencyDays[0], b.RecencyDays[1], h.text(c, "daysShort"))}
	if !v.ChangedAt.IsZero() {
		out.ChangedAt = v.ChangedAt.In(h.Location).Format(time.DateTime)
	}
	switch b.Monetary.Mode {
	case lifecycle.MonetaryFixed:
		out.Monetary = h.text(c, "modeFixed") + ": " + money.Rubles(b.Monetary.Fixed[0], lang) + ", " + money.Rubles(b.Monetary.Fixed[1], lang)
	case lifecycle.MonetaryPerCell:
		out.Monetary = h.text(c, "modePerCell")
	default:
		out.Monetary = h.text(c, "modeTertiles")
		if haveMatrix && m.Bounds.Monetary.Mode == lifecycle.MonetaryTertiles {
			cuts := m.CellCuts[0][0]
			out.Monetary += ": " + money.Rubles(cuts[0], lang) + ", " + money.Rubles(cuts[1], lang)
		}
	}
	return out
}
