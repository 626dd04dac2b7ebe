package server

import (
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/mirror"
	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/onec/salesfile"
)

// saleRequest is a document 1C pushes after posting it, re-posting or cancelling it.
// Amounts are rubles as 1C's ЗаписьJSON writes numbers; the date is in the base's time zone.
type saleRequest struct {
	ClientID     string     `json:"client_id" validate:"required,uuid"`
	DocumentID   string     `json:"document_id" validate:"required,uuid"`
	DocumentType string     `json:"document_type"`
	Date         string     `json:"date" validate:"required"`
	Posted       *bool      `json:"posted" validate:"required"`
	Version      number     `json:"version" validate:"required"`
	Total        number     `json:"total"`
	Lines        []saleLine `json:"lines" validate:"max=10000,dive"`
}

type saleLine struct {
	Amount   number `json:"amount" validate:"required"`
	Quantity number `json:"quantity"`
	Discount number `json:"discount"`
}

// number is a JSON number that 1C may also send as a string ("1234.56"); its text is
// parsed later, so a bad value is named by its field instead of failing the whole body.
type number string

// UnmarshalJSON takes a JSON number or string as it is.
func (n *number) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*n = number(s)
		return nil
	}
	if string(b) == "null" {
		*n = ""
		return nil
	}
	*n = number(b)
	return nil
}

// saleResponse is the client's segment after the document, in the same call.
type saleResponse struct {
	ClientID     string `json:"client_id"`
	DocumentID   string `json:"document_id"`
	Applied      bool   `json:"applied"`
	Code         string `json:"code,omitempty"`
	PreviousCode string `json:"previous_code,omitempty"`
	CellName     string `json:"cell_name,omitempty"`
	Stage        string `json:"stage,omitempty"`
	Strategy     string `json:"strategy,omitempty"`
}

// postSale answers POST /api/v1/sales.
func (h *handlers) postSale(c *fiber.Ctx) error {
	var req saleRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	doc, err := req.document(h.Location)
	if err != nil {
		return err
	}
	res, err := h.Mirror.Push(c.UserContext(), doc, h.Location, h.Now())
	if err != nil {
		return err
	}
	out := saleResponse{ClientID: doc.ClientID, DocumentID: doc.DocumentID, Applied: res.Applied, Code: res.Code, PreviousCode: res.Previous}
	if code, err := lifecycle.ParseCode(res.Code); err == nil {
		n := h.Names.Of(code.Cell())
		out.CellName, out.Stage, out.Strategy = n.Name.In(lang(c)), n.Stage.In(lang(c)), n.Strategy.In(lang(c))
	}
	return c.JSON(out)
}

// document checks what the validator cannot (dates, numbers) and converts to kopecks;
// every field at fault is named in one 400.
func (r *saleRequest) document(loc *time.Location) (mirror.Pushed, error) {
	bad := map[string]Text{}
	d := mirror.Pushed{DocumentID: onec.NormalizeRef(r.DocumentID), ClientID: onec.NormalizeRef(r.ClientID),
		DocumentType: r.DocumentType, Posted: *r.Posted}
	var err error
	if d.Period, err = time.ParseInLocation("2006-01-02T15:04:05", r.Date, loc); err != nil {
		bad["date"] = Text{RU: "ожидается дата вида 2024-01-05T12:00:00", EN: "want a date such as 2024-01-05T12:00:00"}
	}
	if d.Version, err = strconv.ParseInt(string(r.Version), 10, 64); err != nil {
		bad["version"] = Text{RU: "ожидается целое число, растущее с каждым изменением документа", EN: "want an integer that grows with every change of the document"}
	}
	switch {
	case len(r.Lines) > 0:
		r.sumLines(&d, bad)
	case r.Total != "":
		if d.NetKop, err = salesfile.ParseKopecks([]byte(r.Total)); err != nil {
			bad["total"] = badAmount
		}
		d.Lines = 1
	case d.Posted:
		bad["total"] = Text{RU: "нужна сумма документа (total) или его строки (lines)", EN: "give the document's total or its lines"}
	}
	if len(bad) > 0 {
		return d, Invalid(bad)
	}
	return d, nil
}

var badAmount = Text{RU: "ожидается сумма в рублях, например 1234.56", EN: "want an amount in rubles such as 1234.56"}

func (r *saleRequest) sumLines(d *mirror.Pushed, bad map[string]Text) {
	for i, l := range r.Lines {
		at := "lines[" + strconv.Itoa(i) + "]."
		amount, err := salesfile.ParseKopecks([]byte(l.Amount))
		if err != nil {
			bad[at+"amount"] = badAmount
		}
		if l.Quantity != "" {
			q, err := salesfile.ParseDecimal([]byte(l.Quantity), 3)
			if err != nil {
				bad[at+"quantity"] = Text{RU: "ожидается число", EN: "want a number"}
			}
			d.QuantityMill += q
		}
		if l.Discount != "" {
			disc, err := salesfile.ParseKopecks([]byte(l.Discount))
			if err != nil {
				bad[at+"discount"] = badAmount
			}
			d.DiscountKop += disc
		}
		d.NetKop += amount
	}
	d.Lines = len(r.Lines)
}

// batchRequest is a queue backlog 1C sends at once.
type batchRequest struct {
	Documents []saleRequest `json:"documents" validate:"required,min=1,max=10000,dive"`
}

type batchResponse struct {
	Documents []batchDocument  `json:"documents"`
	Clients   []batchClientOut `json:"clients"`
}

type batchDocument struct {
	DocumentID string `json:"document_id"`
	Applied    bool   `json:"applied"`
}

type batchClientOut struct {
	ClientID     string `json:"client_id"`
	Code         string `json:"code,omitempty"`
	PreviousCode string `json:"previous_code,omitempty"`
}

// postSalesBatch answers POST /api/v1/sales/batch: up to 10 000 documents in one
// transaction, all or none; the answer says which applied and each client's code.
func (h *handlers) postSalesBatch(c *fiber.Ctx) error {
	var req batchRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	docs := make([]mirror.Pushed, 0, len(req.Documents))
	bad := map[string]Text{}
	for i := range req.Documents {
		d, err := req.Documents[i].document(h.Location)
		var apiErr *Error
		if errors.As(err, &apiErr) {
			for f, why := range apiErr.Fields {
				bad["documents["+strconv.Itoa(i)+"]."+f] = why
			}
			continue
		}
		docs = append(docs, d)
	}
	if len(bad) > 0 {
		return Invalid(bad)
	}
	res, err := h.Mirror.PushBatch(c.UserContext(), docs, h.Location, h.Now())
	if err != nil {
		return err
	}
	out := batchResponse{Documents: make([]batchDocument, len(docs))}
	for i, d := range docs {
		out.Documents[i] = batchDocument{DocumentID: d.DocumentID, Applied: res.Applied[i]}
	}
	for _, id := range slices.Sorted(maps.Keys(res.Clients)) {
		a := res.Clients[id]
		out.Clients = append(out.Clients, batchClientOut{ClientID: id, Code: a.Code, PreviousCode: a.Previous})
	}
	return c.JSON(out)
}
