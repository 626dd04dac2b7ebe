package dashboard

import (
	"errors"
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/mirror"
	"github.com/rfm9/rfm9/money"
	"github.com/rfm9/rfm9/server"
)

// segmentPage is one segment's (a code's or a cell's) client list.
type segmentPage struct {
	Segment, Title, Explain, Stage, Strategy string
	Clients, Monetary, AverageCheck          string
	Query, Sort, Order, After                string
	Columns                                  []sortColumn
	Rows                                     []clientRow
	FirstURL, NextURL                        string
}

type sortColumn struct {
	Label, URL, Arrow string
	Active            bool
}

// clientRow is one client in a list.
type clientRow struct {
	ClientID, Name, INN, Email, Phone, Code    string
	Monetary, Purchases, Recency, LastPurchase string
}

// segment answers GET /segments/{code-or-cell}: a page of the list by keyset (as the
// API's), sortable, searched (?q=, paged like the list), or the whole list as
// ?format=csv|xlsx.
func (h *handlers) segment(c *fiber.Ctx) error {
	f, format, err := server.ListFilter(c)
	if err != nil {
		return err
	}
	if format != "" {
		return server.DownloadList(c, h.Mirror, f, format)
	}
	lang := langOf(c)
	p := &segmentPage{Segment: f.Code, Query: f.Search, Sort: f.Sort, Order: "asc", After: f.After}
	if f.Desc {
		p.Order = "desc"
	}
	if err := h.describeSegment(c, p); err != nil {
		return err
	}
	p.Columns = h.sortColumns(c, p)
	rows, next, err := h.Mirror.ListClients(c.UserContext(), f)
	if next != "" {
		p.NextURL = p.url(map[string]string{"after": next})
	}
	p.FirstURL = p.url(nil)
	if errors.Is(err, mirror.ErrBadCursor) {
		return server.Invalid(map[string]server.Text{"after": {RU: "курсор не от этого сервиса", EN: "not a cursor this service gave"}})
	}
	if err != nil {
		return err
	}
	for i := range rows {
		p.Rows = append(p.Rows, rowOf(&rows[i], lang))
	}
	return h.render(c, "segment", "segmentTitle", p, nil)
}

func rowOf(s *mirror.ClientSegment, lang string) clientRow {
	return clientRow{ClientID: s.ClientID, Name: s.Name, INN: s.INN, Email: s.Email, Phone: s.Phone, Code: s.Code,
		Monetary: money.Rubles(s.MonetaryKop, lang), Purchases: strconv.Itoa(s.Purchases),
		Recency: strconv.Itoa(s.Recency), LastPurchase: lifecycle.Day(s.LastDay).String()}
}

// describeSegment fills the segment's names and totals from the current matrix.
func (h *handlers) describeSegment(c *fiber.Ctx, p *segmentPage) error {
	lang := langOf(c)
	m, ok, err := h.Mirror.CurrentMatrix(c.UserContext())
	if err != nil {
		return err
	}
	cell := lifecycle.Cell{R: p.Segment[0] - '0', F: p.Segment[1] - '0'}
	n := h.Names.Of(cell)
	p.Title, p.Stage, p.Strategy = p.Segment+" — "+n.Name.In(lang), n.Stage.In(lang), n.Strategy.In(lang)
	if !ok {
		return nil
	}
	t := m.Cell(cell)
	if code, err := lifecycle.ParseCode(p.Segment); err == nil {
		t = m.Code(code)
		p.Explain = m.Explain(code, lang)
	}
	p.Clients, p.Monetary = money.Count(int64(t.Clients), lang), money.Rubles(t.Monetary, lang)
	p.AverageCheck = checkText(t, lang)
	return nil
}

// sortColumns are the sortable headers; the active one flips its order when clicked.
func (h *handlers) sortColumns(c *fiber.Ctx, p *segmentPage) []sortColumn {
	var out []sortColumn
	for _, col := range []struct{ key, label string }{
		{"monetary", "colMonetary"}, {"purchases", "colPurchases"}, {"recency", "colRecency"}, {"last_purchase", "colLastPurchase"},
	} {
		sc := sortColumn{Label: h.text(c, col.label), Active: p.Sort == col.key}
		order := "desc"
		if sc.Active {
			sc.Arrow = " ↓"
			if p.Order == "asc" {
				sc.Arrow = " ↑"
			} else {
				order = "asc"
			}
		}
		sc.URL = p.url(map[string]string{"sort": col.key, "order": order})
		out = append(out, sc)
	}
	return out
}

// url is the list's own URL with some parameters changed; paging restarts unless
// "after" is among them.
func (p *segmentPage) url(set map[string]string) string {
	q := url.Values{}
	q.Set("sort", p.Sort)
	q.Set("order", p.Order)
	if p.Query != "" {
		q.Set("q", p.Query)
	}
	for k, v := range set {
		q.Set(k, v)
	}
	return "/segments/" + p.Segment + "?" + q.Encode()
}
