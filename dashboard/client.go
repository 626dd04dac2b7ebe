package dashboard

import (
	"errors"
	"slices"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/mirror"
	"github.com/rfm9/rfm9/money"
)

// clientPage is one client's card.
type clientPage struct {
	ClientID, Name, INN, Email, Phone      string
	AsOf, Code, Cell, CellName             string
	Stage, Strategy, Explain               string
	FirstPurchase, LastPurchase, Purchases string
	Monetary, Average, Recency             string
	Moves                                  []clientMove
	Snapshots                              []clientSnap
	NotInSnapshots                         bool // snapshots exist, the client is in none yet
}

// clientMove is one change of the client's code, newest first.
type clientMove struct {
	Date, From, To, FromName, ToName string
}

// clientSnap is the client's code at one snapshot, for the table under the time line.
type clientSnap struct {
	AsOf, Code, Name string
}

// clientChart is the time line's data: the client's cell at each snapshot, as the rank
// of the cell (CellRank, 0 = 11 … 8 = 33) so better is higher; -1 is outside the matrix.
type clientChart struct {
	Dates []string `json:"dates"`
	Ranks []int    `json:"ranks"`
	Codes []string `json:"codes"`
	Cells []string `json:"cells"` // names of the ranks 0..8
	Out   string   `json:"out"`   // the name of "outside the matrix"
}

// client answers GET /clients/{id}.
func (h *handlers) client(c *fiber.Ctx) error {
	lang := langOf(c)
	s, err := h.Mirror.FindClient(c.UserContext(), c.Params("id"))
	if errors.Is(err, mirror.ErrNotFound) {
		return errNotFound
	}
	if err != nil {
		return err
	}
	m, _, err := h.Mirror.CurrentMatrix(c.UserContext())
	if err != nil {
		return err
	}
	code, _ := lifecycle.ParseCode(s.Code)
	n := h.Names.Of(code.Cell())
	p := &clientPage{ClientID: s.ClientID, Name: s.Name, INN: s.INN, Email: s.Email, Phone: s.Phone,
		AsOf: lifecycle.Day(s.AsOf).String(), Code: s.Code, Cell: code.Cell().String(), CellName: n.Name.In(lang),
		Stage: n.Stage.In(lang), Strategy: n.Strategy.In(lang), Explain: m.Explain(code, lang),
		FirstPurchase: lifecycle.Day(s.FirstDay).String(), LastPurchase: lifecycle.Day(s.LastDay).String(),
		Purchases: strconv.Itoa(s.Purchases), Monetary: money.Rubles(s.MonetaryKop, lang), Average: "—",
		Recency: strconv.Itoa(s.Recency)}
	if s.Purchases > 0 {
		p.Average = money.Rubles(s.MonetaryKop/int64(s.Purchases), lang)
	}
	moves, err := h.Mirror.History(c.UserContext(), s.ClientID)
	if err != nil {
		return err
	}
	for _, mv := range moves {
		p.Moves = append(p.Moves, clientMove{Date: lifecycle.Day(mv.Day).String(), From: mv.From, To: mv.To,
			FromName: h.codeName(c, mv.From), ToName: h.codeName(c, mv.To)})
	}
	chart, err := h.timeLine(c, s.ClientID, p)
	if err != nil {
		return err
	}
	if chart == nil {
		return h.render(c, "client", "clientTitle", p, nil) // a nil *clientChart is not a nil any
	}
	return h.render(c, "client", "clientTitle", p, chart)
}

// timeLine reads the client's code at every snapshot; nil (no chart) without snapshots.
func (h *handlers) timeLine(c *fiber.Ctx, id string, p *clientPage) (*clientChart, error) {
	if h.Snapshots == nil {
		return nil, nil
	}
	snaps, err := h.Snapshots.ClientSnapshots(c.UserContext(), id)
	if err != nil || len(snaps) == 0 {
		return nil, err
	}
	// The months before the first purchase say nothing: start one snapshot before it.
	first := slices.IndexFunc(snaps, func(s mirror.ClientSnapshot) bool { return s.Code != "" })
	if first < 0 {
		p.NotInSnapshots = true
		return nil, nil
	}
	snaps = snaps[max(0, first-1):]
	lang := langOf(c)
	ch := &clientChart{Out: h.text(c, "outside"), Cells: make([]string, 9)}
	for _, cell := range lifecycle.Cells() {
		ch.Cells[lifecycle.CellRank(cell)] = cell.String() + " " + h.Names.Of(cell).Name.In(lang)
	}
	for _, s := range snaps {
		rank := -1
		if code, err := lifecycle.ParseCode(s.Code); err == nil {
			rank = lifecycle.CellRank(code.Cell())
		}
		ch.Dates = append(ch.Dates, s.AsOf.String())
		ch.Ranks = append(ch.Ranks, rank)
		ch.Codes = append(ch.Codes, s.Code)
		p.Snapshots = append(p.Snapshots, clientSnap{AsOf: s.AsOf.String(), Code: s.Code, Name: h.codeName(c, s.Code)})
	}
	return ch, nil
}

// codeName names a code by its cell; "" is outside the matrix.
func (h *handlers) codeName(c *fiber.Ctx, s string) string {
	code, err := lifecycle.ParseCode(s)
	if err != nil {
		return h.text(c, "outside")
	}
	return h.Names.Of(code.Cell()).Name.In(langOf(c))
}

// findClient answers GET /clients/find?q=: the client with that GUID, INN, e-mail or
// phone; straight to the card when there is one, a list when there are several.
func (h *handlers) findClient(c *fiber.Ctx) error {
	q := c.Query("q")
	if s, err := h.Mirror.FindClient(c.UserContext(), q); err == nil {
		return c.Redirect("/clients/"+s.ClientID, fiber.StatusSeeOther)
	} else if !errors.Is(err, mirror.ErrNotFound) {
		return err
	}
	found, err := h.Mirror.FindClients(c.UserContext(), mirror.ClientLookup{INN: q, Email: q, Phone: q})
	if err != nil {
		return err
	}
	if len(found) == 1 {
		return c.Redirect("/clients/"+found[0].ClientID, fiber.StatusSeeOther)
	}
	p := &segmentPage{Title: h.text(c, "foundTitle") + " «" + q + "»", Query: q}
	for i := range found {
		p.Rows = append(p.Rows, rowOf(&found[i], langOf(c)))
	}
	return h.render(c, "found", "foundTitle", p, nil)
}
