package server

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/rfm9/rfm9/tokens"
)

// tokenKey is where the authenticated token waits for the handlers in fiber's locals.
const tokenKey = "token"

// require lets a request through when its bearer token is live and has scope.
func (h *handlers) require(scope string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		secret, ok := strings.CutPrefix(c.Get(fiber.HeaderAuthorization), "Bearer ")
		if !ok || secret == "" {
			return ErrUnauthorized
		}
		tok, err := h.Tokens.Authenticate(c.UserContext(), strings.TrimSpace(secret))
		if errors.Is(err, tokens.ErrUnknown) {
			return ErrUnauthorized
		}
		if err != nil {
			return err
		}
		if !tok.Has(scope) {
			return ErrForbidden
		}
		c.Locals(tokenKey, tok)
		return c.Next()
	}
}
