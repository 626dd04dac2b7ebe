package dashboard

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/server"
	"github.com/rfm9/rfm9/tokens"
)

// boundsForm is the bounds form as typed: strings, so a bad value is shown back as it was.
type boundsForm struct {
	C1, C2, R1, R2 string
	Mode           string
	B1, B2         string // rubles
}

func formOf(b lifecycle.Bounds) boundsForm {
	f := boundsForm{C1: strconv.Itoa(b.Count[0]), C2: strconv.Itoa(b.Count[1]),
		R1: strconv.Itoa(b.RecencyDays[0]), R2: strconv.Itoa(b.RecencyDays[1]), Mode: string(b.Monetary.Mode)}
	if b.Monetary.Mode == lifecycle.MonetaryFixed {
		f.B1, f.B2 = rublesText(b.Monetary.Fixed[0]), rublesText(b.Monetary.Fixed[1])
	}
	return f
}

// rublesText writes kopecks as the form takes them back: "1500" or "1500.50".
func rublesText(kop int64) string {
	s := strconv.FormatInt(kop/100, 10)
	if r := kop % 100; r != 0 {
		s += "." + strconv.FormatInt(r/10, 10) + strconv.FormatInt(r%10, 10)
	}
	return s
}

// bounds reads the form into bounds; errs names the fields at fault by the API's keys
// (count, recency_days, monetary), so the methodology's messages land beside them.
func (f boundsForm) bounds() (lifecycle.Bounds, map[string]string) {
	errs := map[string]string{}
	num := func(key string, ss ...string) [2]int {
		var out [2]int
		for i, s := range ss {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil {
				errs[key] = "whole"
			}
			out[i] = n
		}
		return out
	}
	b := lifecycle.Bounds{Count: num("count", f.C1, f.C2), RecencyDays: num("recency_days", f.R1, f.R2),
		Monetary: lifecycle.Monetary{Mode: lifecycle.MonetaryMode(f.Mode)}}
	if b.Monetary.Mode == lifecycle.MonetaryFixed {
		for i, s := range []string{f.B1, f.B2} {
			kop, ok := parseRubles(s)
			if !ok {
				errs["monetary"] = "rubles"
			}
			b.Monetary.Fixed[i] = kop
		}
	}
	return b, errs
}

// parseRubles reads "1 500", "1500,50" or "1500.5" as kopecks.
func parseRubles(s string) (int64, bool) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", ",", ".").Replace(strings.TrimSpace(s))
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || len(frac) > 2 {
		return 0, false
	}
	rub, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || rub < 0 || rub > 1e15 {
		return 0, false
	}
	kop := int64(0)
	if frac != "" {
		k, err := strconv.Atoi((frac + "0")[:2])
		if err != nil {
			return 0, false
		}
		kop = int64(k)
	}
	return rub*100 + kop, true
}

// checked reads and validates the posted form; p carries the messages when it fails.
func (h *handlers) checked(c *fiber.Ctx, p *matrixPage) (lifecycle.Bounds, bool) {
	p.Form = boundsForm{C1: c.FormValue("c1"), C2: c.FormValue("c2"), R1: c.FormValue("r1"), R2: c.FormValue("r2"),
		Mode: c.FormValue("mode"), B1: c.FormValue("b1"), B2: c.FormValue("b2")}
	b, errs := p.Form.bounds()
	p.Errors = map[string]string{}
	for k, why := range errs {
		p.Errors[k] = h.text(c, "form_"+why)
	}
	if len(errs) > 0 {
		return b, false
	}
	var apiErr *server.Error
	if err := server.CheckBounds(b); errors.As(err, &apiErr) {
		for k, t := range apiErr.Fields {
			p.Errors[k] = pick(langOf(c), t.RU, t.EN)
		}
		return b, false
	}
	return b, true
}

// preview answers POST /matrix/preview: the matrix under the form's bounds as of today,
// beside the current one, nothing saved.
func (h *handlers) preview(c *fiber.Ctx) error {
	p, err := h.matrixState(c)
	if err != nil {
		return err
	}
	b, ok := h.checked(c, p)
	if !ok {
		return h.renderStatus(c, fiber.StatusBadRequest, "matrix", "navMatrix", p, nil)
	}
	m, err := h.Mirror.PreviewMatrix(c.UserContext(), b, lifecycle.DayOf(h.Now().In(h.Location)))
	if err != nil {
		return err
	}
	var base *lifecycle.Matrix
	if cur, ok, err := h.Mirror.CurrentMatrix(c.UserContext()); err == nil && ok {
		base = &cur
	}
	p.Preview = h.heat(c, &m, base)
	return h.render(c, "matrix", "navMatrix", p, nil)
}

// saveBounds answers POST /matrix/bounds (admin): a new version of the bounds with the
// token's name, the results recomputed under it, then back to the matrix.
func (h *handlers) saveBounds(c *fiber.Ctx) error {
	p, err := h.matrixState(c)
	if err != nil {
		return err
	}
	b, ok := h.checked(c, p)
	if !ok {
		return h.renderStatus(c, fiber.StatusBadRequest, "matrix", "navMatrix", p, nil)
	}
	who, _ := c.Locals(tokenKey).(tokens.Token)
	if _, err := h.Mirror.SaveBounds(c.UserContext(), b, who.Name, h.Now()); err != nil {
		return err
	}
	if h.Recompute != nil {
		if _, err := h.Recompute(c.UserContext()); err != nil {
			return err
		}
	}
	return c.Redirect("/matrix?saved=1#bounds", fiber.StatusSeeOther)
}
