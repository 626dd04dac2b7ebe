package server

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/rfm9/rfm9/exports"
	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/mirror"
)

// listResponse is one page of a segment's clients.
type listResponse struct {
	Segment string           `json:"segment"`
	Clients []clientListItem `json:"clients"`
	Next    string           `json:"next,omitempty"` // pass as after= for the next page
}

type clientListItem struct {
	ClientID     string `json:"client_id"`
	Name         string `json:"name,omitempty"`
	Email        string `json:"email,omitempty"`
	Phone        string `json:"phone,omitempty"`
	Code         string `json:"code"`
	Purchases    int    `json:"purchases"`
	MonetaryKop  int64  `json:"monetary_kop"`
	LastPurchase string `json:"last_purchase"`
	RecencyDays  int    `json:"recency_days"`
}

// segmentClients answers GET /api/v1/segments/{code-or-cell}/clients: a page by keyset
// (?after= the previous page's next), sortable (?sort=monetary|purchases|recency|
// last_purchase|client_id&order=asc|desc), searched (?q= a name, INN, e-mail, phone or
// GUID), or the whole list as ?format=csv|xlsx.
func (h *handlers) segmentClients(c *fiber.Ctx) error {
	f, format, err := ListFilter(c)
	if err != nil {
		return err
	}
	if format != "" {
		return h.downloadList(c, f, format)
	}
	rows, next, err := h.Mirror.ListClients(c.UserContext(), f)
	if errors.Is(err, mirror.ErrBadCursor) {
		return Invalid(map[string]Text{"after": {RU: "курсор не от этого сервиса", EN: "not a cursor this service gave"}})
	}
	if err != nil {
		return err
	}
	out := listResponse{Segment: f.Code, Clients: make([]clientListItem, 0, len(rows)), Next: next}
	for _, r := range rows {
		out.Clients = append(out.Clients, clientListItem{ClientID: r.ClientID, Name: r.Name, Email: r.Email, Phone: r.Phone,
			Code: r.Code, Purchases: r.Purchases, MonetaryKop: r.MonetaryKop,
			LastPurchase: lifecycle.Day(r.LastDay).String(), RecencyDays: r.Recency})
	}
	return c.JSON(out)
}

// ListFilter reads a client list's query (?sort, ?order, ?limit, ?after, ?q, ?format and
// the :code parameter) as the API and the dashboard's list page take it; the error is an
// Invalid naming every parameter at fault.
func ListFilter(c *fiber.Ctx) (mirror.ClientFilter, string, error) {
	bad := map[string]Text{}
	f := mirror.ClientFilter{Code: c.Params("code"), Sort: c.Query("sort", "monetary"), After: c.Query("after"),
		Search: strings.TrimSpace(c.Query("q")), Limit: 100}
	if !validSegment(f.Code) {
		bad["code"] = Text{RU: "ожидается код из трёх цифр 1–3 (311) или ячейка из двух (31)", EN: "want a code of three digits 1–3 (311) or a cell of two (31)"}
	}
	if _, ok := mirror.SortColumns[f.Sort]; !ok {
		bad["sort"] = Text{RU: "сортировка: monetary, purchases, recency, last_purchase или client_id", EN: "sort by monetary, purchases, recency, last_purchase or client_id"}
	}
	switch order := c.Query("order", "desc"); order {
	case "asc", "desc":
		f.Desc = order == "desc"
	default:
		bad["order"] = Text{RU: "asc или desc", EN: "asc or desc"}
	}
	if s := c.Query("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1000 {
			bad["limit"] = Text{RU: "от 1 до 1000", EN: "from 1 to 1000"}
		}
		f.Limit = n
	}
	format := c.Query("format")
	if format != "" && format != "csv" && format != "xlsx" {
		bad["format"] = Text{RU: "csv или xlsx", EN: "csv or xlsx"}
	}
	if len(bad) > 0 {
		return f, "", Invalid(bad)
	}
	return f, format, nil
}

func validSegment(s string) bool {
	if len(s) != 2 && len(s) != 3 {
		return false
	}
	return strings.Trim(s, "123") == ""
}

// downloadList streams the whole list as CSV or an Excel workbook.
func (h *handlers) downloadList(c *fiber.Ctx, f mirror.ClientFilter, format string) error {
	return DownloadList(c, h.Mirror, f, format)
}

// DownloadList answers with a segment's whole client list as CSV or an Excel workbook
// (format "csv" or "xlsx"), streamed from the mirror: for the API and the dashboard.
func DownloadList(c *fiber.Ctx, m *mirror.Store, f mirror.ClientFilter, format string) error {
	name := "segment-" + f.Code + "." + format
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	var enc interface {
		Write(*exports.ClientRow) error
		Close() error
	}
	var err error
	w := c.Response().BodyWriter()
	if format == "xlsx" {
		c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		enc, err = exports.NewClientXLSX(w, "Сегмент "+f.Code)
	} else {
		c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
		enc, err = exports.NewClientCSV(w)
	}
	if err != nil {
		return err
	}
	err = m.EachClient(c.UserContext(), f, func(s *mirror.ClientSegment) error {
		code, _ := lifecycle.ParseCode(s.Code)
		return enc.Write(&exports.ClientRow{ClientID: s.ClientID, FirstPurchase: lifecycle.Day(s.FirstDay).String(),
			LastPurchase: lifecycle.Day(s.LastDay).String(), Purchases: s.Purchases, MonetaryKop: s.MonetaryKop,
			RecencyDays: s.Recency, R: code.R, F: code.F, M: code.M, Code: s.Code})
	})
	if err != nil {
		return err
	}
	return enc.Close()
}
