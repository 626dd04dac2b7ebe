package dashboard

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/rfm9/rfm9/tokens"
)

//go:embed templates
var templateFS embed.FS

// viewNames are the pages; parseViews fails unless each has its template.
var viewNames = []string{"login", "error", "matrix", "segment", "found", "client", "dynamics"}

// views are the parsed pages, each the layout with its own content.
type views struct {
	pages map[string]*template.Template
}

// parseViews parses every page once at start; a template error stops the service there,
// not on the first request.
func parseViews(as *assets) (*views, error) {
	funcs := template.FuncMap{
		"asset": as.url,
		"heat": func(p *pageData, m *heatView) map[string]any {
			return map[string]any{"T": p.T, "M": m}
		},
		"clientRows": func(p *pageData, rows []clientRow, empty string) map[string]any {
			return map[string]any{"T": p.T, "Rows": rows, "Empty": empty}
		},
	}
	layout, err := template.New("layout.html").Funcs(funcs).Option("missingkey=error").ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("dashboard: templates: %w", err)
	}
	vs := &views{pages: map[string]*template.Template{}}
	files, _ := fs.Glob(templateFS, "templates/*.html")
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.Must(layout.Clone()).ParseFS(templateFS, f)
		if err != nil {
			return nil, fmt.Errorf("dashboard: template %s: %w", f, err)
		}
		vs.pages[name] = t
	}
	for _, name := range viewNames {
		if vs.pages[name] == nil {
			return nil, fmt.Errorf("dashboard: no template for the %s page", name)
		}
	}
	return vs, nil
}

// pageData is what the layout needs around every page's own fields (Page).
type pageData struct {
	Lang, OtherLang, LangURL string
	T                        map[string]string
	Title, Nav               string
	User                     string // the token's name; "" before login
	Admin                    bool
	CSRF                     string
	Charts                   bool        // the page draws charts
	ChartsOK                 bool        // this build carries ECharts
	Data                     template.JS // the charts' data as JSON
	Page                     any
}

// render writes a page with status 200; data, when not nil, is the JSON the page's
// charts read, so a page needs no second request.
func (h *handlers) render(c *fiber.Ctx, view, title string, page, data any) error {
	return h.renderStatus(c, fiber.StatusOK, view, title, page, data)
}

func (h *handlers) renderStatus(c *fiber.Ctx, status int, view, title string, page, data any) error {
	lang := langOf(c)
	p := &pageData{Lang: lang, T: table(lang), Title: h.text(c, title), Nav: title, Page: page,
		ChartsOK: h.assets.charts()}
	p.OtherLang, p.LangURL = otherLang(c)
	if tok, ok := c.Locals(tokenKey).(tokens.Token); ok {
		p.User, p.Admin = tok.Name, tok.Has(tokens.ScopeAdmin)
	}
	p.CSRF, _ = c.Locals(csrfKey).(string)
	if data != nil {
		js, err := json.Marshal(data) // escapes <, > and &: nothing can close the script element
		if err != nil {
			return fmt.Errorf("dashboard: %s data: %w", view, err)
		}
		p.Data, p.Charts = template.JS(js), true
	}
	var buf bytes.Buffer
	if err := h.views.pages[view].ExecuteTemplate(&buf, "layout", p); err != nil {
		return fmt.Errorf("dashboard: render %s: %w", view, err)
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(status).Send(buf.Bytes())
}

// otherLang is the language to switch to and the current URL asking for it.
func otherLang(c *fiber.Ctx) (string, string) {
	other := "en"
	if langOf(c) == "en" {
		other = "ru"
	}
	q, _ := url.ParseQuery(string(c.Request().URI().QueryString()))
	q.Set("lang", other)
	if c.Method() != fiber.MethodGet {
		return other, "/matrix?" + q.Encode() // a form's answer: switch on a page that can be reloaded
	}
	return other, c.Path() + "?" + q.Encode()
}
