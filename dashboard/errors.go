package dashboard

import (
	"errors"
	"log/slog"
	"net/http"
	"sort"

	"github.com/gofiber/fiber/v2"

	"github.com/rfm9/rfm9/server"
)

// pageError is an error a page shows as it is: a status and a message from the texts.
type pageError struct {
	status int
	text   string // key in the texts
}

func (e *pageError) Error() string { return "dashboard: " + e.text }

var (
	errForbidden = &pageError{http.StatusForbidden, "forbidden"}
	errStaleForm = &pageError{http.StatusForbidden, "staleForm"}
	errNotFound  = &pageError{http.StatusNotFound, "notFound"}
)

// errorPage is what the error page shows.
type errorPage struct {
	Message string
	Fields  []string
}

// pageErrors turns whatever a page handler returns into an HTML page (the app's own
// handler answers JSON, for the API): known errors with their message, anything else
// logged and shown as an internal error without details.
func (h *handlers) pageErrors(c *fiber.Ctx) error {
	err := c.Next()
	if err == nil {
		return nil
	}
	var pe *pageError
	var apiErr *server.Error
	var fe *fiber.Error
	switch {
	case errors.As(err, &pe):
		return h.renderStatus(c, pe.status, "error", "errorTitle", errorPage{Message: h.text(c, pe.text)}, nil)
	case errors.As(err, &apiErr) && apiErr.Status < 500:
		p := errorPage{Message: pick(langOf(c), apiErr.RU, apiErr.EN)}
		for k, t := range apiErr.Fields {
			p.Fields = append(p.Fields, k+": "+pick(langOf(c), t.RU, t.EN))
		}
		sort.Strings(p.Fields)
		return h.renderStatus(c, apiErr.Status, "error", "errorTitle", p, nil)
	case errors.As(err, &fe) && fe.Code < 500:
		return h.renderStatus(c, fe.Code, "error", "errorTitle", errorPage{Message: fe.Message}, nil)
	}
	slog.Error("page failed", "method", c.Method(), "path", c.Path(), "err", err)
	return h.renderStatus(c, http.StatusInternalServerError, "error", "errorTitle", errorPage{Message: h.text(c, "internal")}, nil)
}
