package dashboard

import (
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/rfm9/rfm9/tokens"
)

// sessionCookie holds a session's random secret; the store keeps only its hash, and
// the token the user typed is never kept anywhere on the browser.
const sessionCookie = "rfm9_session"

// tokenKey is where the session's token waits for the handlers in fiber's locals.
const tokenKey = "token"

// loginPage is the login form, with where to go afterwards.
type loginPage struct {
	Next, Error string
}

// loginForm answers GET /login.
func (h *handlers) loginForm(c *fiber.Ctx) error {
	return h.render(c, "login", "loginTitle", loginPage{Next: safeNext(c.Query("next"))}, nil)
}

// login answers POST /login: a live token with the read scope opens a session.
func (h *handlers) login(c *fiber.Ctx) error {
	next := safeNext(c.FormValue("next"))
	secret := strings.TrimSpace(c.FormValue("token"))
	tok, err := h.Tokens.Authenticate(c.UserContext(), secret)
	if errors.Is(err, tokens.ErrUnknown) || (err == nil && !tok.Has(tokens.ScopeRead)) {
		why := "loginUnknown"
		if err == nil {
			why = "loginNoRead"
		}
		return h.renderStatus(c, fiber.StatusUnauthorized, "login", "loginTitle", loginPage{Next: next, Error: h.text(c, why)}, nil)
	}
	if err != nil {
		return err
	}
	sess, err := h.Tokens.CreateSession(c.UserContext(), tok, h.Now(), h.SessionTTL)
	if err != nil {
		return err
	}
	c.Cookie(&fiber.Cookie{Name: sessionCookie, Value: sess, Path: "/", HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode,
		Secure: c.Protocol() == "https", Expires: h.Now().Add(h.SessionTTL)})
	return c.Redirect(next, fiber.StatusSeeOther)
}

// logout answers POST /logout: the session ends in the store, not only in this browser.
func (h *handlers) logout(c *fiber.Ctx) error {
	if sess := c.Cookies(sessionCookie); sess != "" {
		if err := h.Tokens.DeleteSession(c.UserContext(), sess); err != nil {
			return err
		}
	}
	c.Cookie(&fiber.Cookie{Name: sessionCookie, Path: "/", HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode,
		Secure: c.Protocol() == "https", Expires: time.Unix(0, 0)})
	return c.Redirect("/login", fiber.StatusSeeOther)
}

// require lets a request through when its session is live and its token has scope; a
// browser without one is sent to the login and brought back afterwards.
func (h *handlers) require(scope string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		sess := c.Cookies(sessionCookie)
		var tok tokens.Token
		err := tokens.ErrUnknown
		if sess != "" {
			tok, err = h.Tokens.AuthenticateSession(c.UserContext(), sess, h.Now())
		}
		if errors.Is(err, tokens.ErrUnknown) {
			if c.Method() != fiber.MethodGet {
				return errForbidden // a form posted after the session ended: nothing to come back to
			}
			return c.Redirect("/login?next="+url.QueryEscape(c.OriginalURL()), fiber.StatusSeeOther)
		}
		if err != nil {
			return err
		}
		c.Locals(tokenKey, tok)
		if !tok.Has(scope) {
			return errForbidden
		}
		return c.Next()
	}
}

// safeNext keeps a redirect after login on this site: a path, never another host.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return "/"
	}
	return next
}
