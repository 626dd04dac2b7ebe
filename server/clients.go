package server

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/mirror"
	"github.com/rfm9/rfm9/money"
)

// clientResponse is a client's card for 1C: code, segment, what to do, and why.
type clientResponse struct {
	ClientID      string `json:"client_id"`
	Name          string `json:"name,omitempty"`
	INN           string `json:"inn,omitempty"`
	Email         string `json:"email,omitempty"`
	Phone         string `json:"phone,omitempty"`
	AsOf          string `json:"as_of"`
	Code          string `json:"code"`
	Cell          string `json:"cell"`
	CellName      string `json:"cell_name"`
	Stage         string `json:"stage"`
	Strategy      string `json:"strategy"`
	Explain       string `json:"explain"`
	FirstPurchase string `json:"first_purchase"`
	LastPurchase  string `json:"last_purchase"`
	Purchases     int    `json:"purchases"`
	MonetaryKop   int64  `json:"monetary_kop"`
	AverageKop    int64  `json:"average_check_kop"`
	RecencyDays   int    `json:"recency_days"`
	History       []move `json:"history,omitempty"` // newest first, on GET /clients/{id}
}

// move is one change of the client's code; "" is outside the matrix.
type move struct {
	Date string `json:"date"`
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
}

// client answers GET /api/v1/clients/{id}.
func (h *handlers) client(c *fiber.Ctx) error {
	id := c.Params("id")
	seg, err := h.Mirror.FindClient(c.UserContext(), id)
	if errors.Is(err, mirror.ErrNotFound) {
		return NotFound("Клиент "+id+" не найден среди покупателей.", "Client "+id+" is not among the buyers.")
	}
	if err != nil {
		return err
	}
	m, _, err := h.Mirror.CurrentMatrix(c.UserContext())
	if err != nil {
		return err
	}
	history, err := h.Mirror.History(c.UserContext(), seg.ClientID)
	if err != nil {
		return err
	}
	card := h.card(&seg, &m, lang(c))
	for _, ch := range history {
		card.History = append(card.History, move{Date: lifecycle.Day(ch.Day).String(), From: ch.From, To: ch.To})
	}
	return c.JSON(card)
}

func (h *handlers) card(s *mirror.ClientSegment, m *lifecycle.Matrix, lang string) clientResponse {
	code, _ := lifecycle.ParseCode(s.Code)
	names := h.Names.Of(code.Cell())
	avg := int64(0)
	if s.Purchases > 0 {
		avg = money.Divide(s.MonetaryKop, int64(s.Purchases))
	}
	return clientResponse{
		ClientID: s.ClientID, Name: s.Name, INN: s.INN, Email: s.Email, Phone: s.Phone,
		AsOf: lifecycle.Day(s.AsOf).String(), Code: s.Code, Cell: code.Cell().String(),
		CellName: names.Name.In(lang), Stage: names.Stage.In(lang), Strategy: names.Strategy.In(lang),
		Explain:       m.Explain(code, lang),
		FirstPurchase: lifecycle.Day(s.FirstDay).String(), LastPurchase: lifecycle.Day(s.LastDay).String(),
		Purchases: s.Purchases, MonetaryKop: s.MonetaryKop, AverageKop: avg, RecencyDays: s.Recency,
	}
}

// findClients answers GET /api/v1/clients?inn=…|email=…|phone=…: the cards of the
// clients matching any of them, for an operator who has only that at hand.
func (h *handlers) findClients(c *fiber.Ctx) error {
	l := mirror.ClientLookup{INN: c.Query("inn"), Email: c.Query("email"), Phone: c.Query("phone")}
	if l.INN == "" && l.Email == "" && mirror.PhoneDigits(l.Phone) == "" {
		return Invalid(map[string]Text{"inn": {RU: "укажите inn, email или phone", EN: "give inn, email or phone"}})
	}
	found, err := h.Mirror.FindClients(c.UserContext(), l)
	if err != nil {
		return err
	}
	m, _, err := h.Mirror.CurrentMatrix(c.UserContext())
	if err != nil {
		return err
	}
	cards := make([]clientResponse, 0, len(found))
	for i := range found {
		cards = append(cards, h.card(&found[i], &m, lang(c)))
	}
	return c.JSON(fiber.Map{"clients": cards})
}
