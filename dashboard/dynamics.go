package dashboard

import (
	"errors"
	"slices"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/mirror"
	"github.com/rfm9/rfm9/money"
	"github.com/rfm9/rfm9/server"
)

// dynamicsPage is the segment dynamics page: sizes over the snapshots, the shares of
// lost and repeat clients, and the moves between two snapshots, each chart with its
// table.
type dynamicsPage struct {
	Dates                []string // every snapshot, for the pickers
	From, To, TFrom, TTo string
	Level                string
	Groups               []string
	Sizes                []sizeRow
	Trans                *transView
	Empty                bool
}

// sizeRow is one snapshot's line in the sizes table.
type sizeRow struct {
	AsOf, Clients, Lost, Repeat string
	Groups                      []string
}

// transView is the transitions table: rows where clients were, columns where they are.
type transView struct {
	From, To                       string
	Cols                           []string
	Rows                           []transRow
	Better, Same, Worse, New, Gone string
}

type transRow struct {
	Name  string
	Cells []transCell
}

type transCell struct {
	Count, Heat string
	Stay        bool // the diagonal: clients who stayed
}

// dynamicsChart is what the page's charts draw.
type dynamicsChart struct {
	Dates  []string          `json:"dates"`
	Groups []string          `json:"groups"`
	Sizes  [][]int           `json:"sizes"` // [group][date]
	Lost   []float64         `json:"lost"`  // percent of the matrix
	Repeat []float64         `json:"repeat"`
	Trans  *transChart       `json:"transitions,omitempty"`
	Labels map[string]string `json:"labels"`
}

type transChart struct {
	From   string   `json:"from"`
	To     string   `json:"to"`
	Rows   []string `json:"rows"` // the groups, then "new"
	Cols   []string `json:"cols"` // the groups, then "gone"
	Counts [][]int  `json:"counts"`
}

// yearBack is how many snapshots before the last one the transitions start by default:
// a year of month-ends.
const yearBack = 12

// dynamics answers GET /dynamics?from=&to=&level=cell|stage&tfrom=&tto=.
func (h *handlers) dynamics(c *fiber.Ctx) error {
	p := &dynamicsPage{Level: c.Query("level", "cell")}
	level, err := lifecycle.ParseLevel(p.Level)
	if err != nil || level == lifecycle.LevelCode {
		return server.Invalid(map[string]server.Text{"level": {RU: "cell или stage", EN: "cell or stage"}})
	}
	var snaps []mirror.SnapshotInfo
	if h.Snapshots != nil {
		if snaps, err = h.Snapshots.ListSnapshots(c.UserContext()); err != nil {
			return err
		}
	}
	if len(snaps) == 0 {
		p.Empty = true
		return h.render(c, "dynamics", "navDynamics", p, nil)
	}
	for _, s := range snaps {
		p.Dates = append(p.Dates, s.AsOf.String())
	}
	last := len(p.Dates) - 1
	bad := map[string]server.Text{}
	p.From = pickDate(c, "from", p.Dates, p.Dates[0], bad)
	p.To = pickDate(c, "to", p.Dates, p.Dates[last], bad)
	p.TFrom = pickDate(c, "tfrom", p.Dates, p.Dates[max(0, last-yearBack)], bad)
	p.TTo = pickDate(c, "tto", p.Dates, p.Dates[last], bad)
	if p.From > p.To {
		bad["to"] = server.Text{RU: "не раньше начала периода", EN: "not before the start of the range"}
	}
	if len(bad) > 0 {
		return server.Invalid(bad)
	}
	g := lifecycle.NewGrouping(level, h.Names)
	chart := &dynamicsChart{Labels: h.chartLabels(c)}
	if err := h.sizes(c, p, chart, g); err != nil {
		return err
	}
	if err := h.transitions(c, p, chart, g); err != nil {
		return err
	}
	return h.render(c, "dynamics", "navDynamics", p, chart)
}

// pickDate reads a snapshot date parameter; a date that is not a snapshot's is named.
func pickDate(c *fiber.Ctx, key string, dates []string, def string, bad map[string]server.Text) string {
	v := c.Query(key, def)
	if !slices.Contains(dates, v) {
		bad[key] = server.Text{RU: "дата одного из снимков (ГГГГ-ММ-ДД)", EN: "the date of a snapshot (YYYY-MM-DD)"}
	}
	return v
}

func mustDay(s string) lifecycle.Day {
	d, _ := lifecycle.ParseDay(s) // checked against the snapshot dates already
	return d
}

// sizes fills the stacked areas and the share lines, and their table.
func (h *handlers) sizes(c *fiber.Ctx, p *dynamicsPage, chart *dynamicsChart, g *lifecycle.Grouping) error {
	lang := langOf(c)
	d, err := h.Snapshots.Dynamics(c.UserContext(), mustDay(p.From), mustDay(p.To), g)
	if err != nil {
		return err
	}
	for _, gr := range d.Groups {
		name := groupName(gr, g.Level, lang)
		p.Groups = append(p.Groups, name)
		chart.Groups = append(chart.Groups, name)
	}
	chart.Sizes = make([][]int, len(d.Groups))
	for _, pt := range d.Points {
		chart.Dates = append(chart.Dates, pt.AsOf.String())
		chart.Lost = append(chart.Lost, percent(pt.Lost, pt.Clients))
		chart.Repeat = append(chart.Repeat, percent(pt.Repeat, pt.Clients))
		row := sizeRow{AsOf: pt.AsOf.String(), Clients: money.Count(int64(pt.Clients), lang),
			Lost: money.Percent(int64(pt.Lost), int64(pt.Clients), lang), Repeat: money.Percent(int64(pt.Repeat), int64(pt.Clients), lang)}
		for i, t := range pt.Groups {
			chart.Sizes[i] = append(chart.Sizes[i], t.Clients)
			row.Groups = append(row.Groups, money.Count(int64(t.Clients), lang))
		}
		p.Sizes = append(p.Sizes, row)
	}
	return nil
}

// groupName is a cell's "31 Новички" or a stage's name.
func groupName(g lifecycle.Group, level lifecycle.Level, lang string) string {
	if level == lifecycle.LevelStage {
		return g.Name.In(lang)
	}
	return g.Key + " " + g.Name.In(lang)
}

// percent is part/whole in percent with two decimals, for the chart's axis.
func percent(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return float64(part*10000/whole) / 100
}

// transitions fills the heat matrix and the Sankey of moves between TFrom and TTo.
func (h *handlers) transitions(c *fiber.Ctx, p *dynamicsPage, chart *dynamicsChart, g *lifecycle.Grouping) error {
	lang := langOf(c)
	t, err := h.Snapshots.Transitions(c.UserContext(), mustDay(p.TFrom), mustDay(p.TTo), g)
	if errors.Is(err, mirror.ErrNotFound) {
		return errNotFound // a snapshot went away between the list and now
	}
	if err != nil {
		return err
	}
	tc := &transChart{From: p.TFrom, To: p.TTo, Counts: t.Counts}
	for _, gr := range t.Groups {
		name := groupName(gr, g.Level, lang)
		tc.Rows, tc.Cols = append(tc.Rows, name), append(tc.Cols, name)
	}
	tc.Rows, tc.Cols = append(tc.Rows, h.text(c, "newClients")), append(tc.Cols, h.text(c, "goneClients"))
	chart.Trans = tc
	largest := 1
	for _, row := range t.Counts {
		for _, n := range row {
			largest = max(largest, n)
		}
	}
	v := &transView{From: p.TFrom, To: p.TTo, Cols: tc.Cols,
		Better: money.Count(int64(t.Better), lang), Same: money.Count(int64(t.Same), lang), Worse: money.Count(int64(t.Worse), lang),
		New: money.Count(int64(t.New), lang), Gone: money.Count(int64(t.Gone), lang)}
	for i, row := range t.Counts {
		tr := transRow{Name: tc.Rows[i]}
		for j, n := range row {
			tr.Cells = append(tr.Cells, transCell{Count: money.Count(int64(n), lang), Stay: i == j && i < len(t.Groups),
				Heat: strconv.FormatFloat(float64(n)/float64(largest), 'f', 3, 64)})
		}
		v.Rows = append(v.Rows, tr)
	}
	p.Trans = v
	return nil
}

// chartLabels are the words the chart script puts on axes and tooltips.
func (h *handlers) chartLabels(c *fiber.Ctx) map[string]string {
	out := map[string]string{}
	for _, k := range []string{"clients", "lostShare", "repeatShare", "moved", "newClients", "goneClients"} {
		out[k] = h.text(c, k)
	}
	return out
}
