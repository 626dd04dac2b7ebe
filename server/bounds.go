package server

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/mirror"
	"github.com/rfm9/rfm9/tokens"
)

// boundsBody is the matrix bounds as the API reads and writes them.
type boundsBody struct {
	Count       []int   `json:"count" validate:"required,len=2"`
	RecencyDays []int   `json:"recency_days" validate:"required,len=2"`
	Monetary    string  `json:"monetary" validate:"required,oneof=tertiles per-cell fixed"`
	MonetaryKop []int64 `json:"monetary_kop,omitempty" validate:"required_if=Monetary fixed,omitempty,len=2"`
}

type boundsResponse struct {
	Version   int64      `json:"version"`
	ChangedBy string     `json:"changed_by,omitempty"`
	ChangedAt string     `json:"changed_at,omitempty"`
	Bounds    boundsBody `json:"bounds"`
}

func toBody(b lifecycle.Bounds) boundsBody {
	out := boundsBody{Count: b.Count[:], RecencyDays: b.RecencyDays[:], Monetary: string(b.Monetary.Mode)}
	if b.Monetary.Mode == lifecycle.MonetaryFixed {
		out.MonetaryKop = b.Monetary.Fixed[:]
	}
	return out
}

// bounds checks a body against the methodology's rules, naming the key at fault.
func (b boundsBody) bounds() (lifecycle.Bounds, error) {
	out := lifecycle.Bounds{Count: [2]int(b.Count), RecencyDays: [2]int(b.RecencyDays),
		Monetary: lifecycle.Monetary{Mode: lifecycle.MonetaryMode(b.Monetary)}}
	if out.Monetary.Mode == lifecycle.MonetaryFixed {
		out.Monetary.Fixed = [2]int64(b.MonetaryKop)
	}
	return out, CheckBounds(out)
}

// CheckBounds is the methodology's check of bounds as a 400 naming the key at fault:
// the API and the dashboard's bounds form show the same messages.
func CheckBounds(out lifecycle.Bounds) error {
	if err := out.Validate(); err != nil {
		key, _, _ := cutKey(err.Error())
		if key == "count_bounds" {
			key = "count" // the API's name of lifecycle's count_bounds
		}
		return Invalid(map[string]Text{key: {RU: "границы должны возрастать: " + err.Error(), EN: err.Error()}})
	}
	return nil
}

// cutKey takes the setting's name off the front of a lifecycle validation message.
func cutKey(msg string) (string, string, bool) {
	for i, r := range msg {
		if r == ' ' {
			return msg[:i], msg[i+1:], true
		}
	}
	return "bounds", msg, false
}

func versionResponse(v mirror.BoundsVersion) boundsResponse {
	out := boundsResponse{Version: v.Version, ChangedBy: v.ChangedBy, Bounds: toBody(v.Bounds)}
	if !v.ChangedAt.IsZero() {
		out.ChangedAt = v.ChangedAt.Format(time.RFC3339)
	}
	return out
}

// getBounds answers GET /api/v1/matrix/bounds: the version in force and the history.
func (h *handlers) getBounds(c *fiber.Ctx) error {
	cur, err := h.Mirror.CurrentBounds(c.UserContext(), h.Bounds)
	if err != nil {
		return err
	}
	history, err := h.Mirror.BoundsHistory(c.UserContext())
	if err != nil {
		return err
	}
	out := fiber.Map{"current": versionResponse(cur)}
	past := make([]boundsResponse, 0, len(history))
	for _, v := range history {
		past = append(past, versionResponse(v))
	}
	out["history"] = past
	return c.JSON(out)
}

// putBounds answers PUT /api/v1/matrix/bounds: saves a new version (who and when) and
// recomputes the segments under it before answering.
func (h *handlers) putBounds(c *fiber.Ctx) error {
	var body boundsBody
	if err := decode(c, &body); err != nil {
		return err
	}
	b, err := body.bounds()
	if err != nil {
		return err
	}
	who, _ := c.Locals(tokenKey).(tokens.Token)
	v, err := h.Mirror.SaveBounds(c.UserContext(), b, who.Name, h.Now())
	if err != nil {
		return err
	}
	if _, err := h.Sync.Syncer.Recompute(c.UserContext()); err != nil {
		return err
	}
	return c.JSON(boundsResponse{Version: v, ChangedBy: who.Name, ChangedAt: h.Now().UTC().Format(time.RFC3339), Bounds: toBody(b)})
}

// preview answers POST /api/v1/matrix/preview: the matrix under other bounds, as of
// today, nothing saved (what-if before PUT).
func (h *handlers) preview(c *fiber.Ctx) error {
	var body boundsBody
	if err := decode(c, &body); err != nil {
		return err
	}
	b, err := body.bounds()
	if err != nil {
		return err
	}
	m, err := h.Mirror.PreviewMatrix(c.UserContext(), b, lifecycle.DayOf(h.Now().In(h.Location)))
	if err != nil {
		return err
	}
	return c.JSON(lifecycle.NewReport(&m, h.Names, lang(c), nil))
}

// suggest answers GET /api/v1/matrix/suggest?method=kmeans|quantiles: bounds suggested
// from the mirror's sales, with the reasons, nothing saved.
func (h *handlers) suggest(c *fiber.Ctx) error {
	method := lifecycle.SuggestMethod(c.Query("method", string(lifecycle.SuggestKMeans)))
	if method != lifecycle.SuggestKMeans && method != lifecycle.SuggestQuantiles {
		return Invalid(map[string]Text{"method": {RU: "kmeans или quantiles", EN: "kmeans or quantiles"}})
	}
	ledger, err := h.Mirror.Ledger(c.UserContext(), h.Location)
	if err != nil {
		return err
	}
	s, err := lifecycle.Suggest(ledger.SuggestInput(lifecycle.DayOf(h.Now().In(h.Location))), method)
	if err != nil {
		return NotFound("Нет покупок, по которым можно предложить границы.", "No purchases to suggest bounds from.")
	}
	reasons := make([]string, 0, len(s.Reasons))
	for _, r := range s.Reasons {
		reasons = append(reasons, pickText(lang(c) == "en", r.RU, r.EN))
	}
	return c.JSON(fiber.Map{"bounds": toBody(s.Bounds), "reasons": reasons})
}
