package dashboard

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/csrf"
)

// csrfKey is where the CSRF token waits for the templates in fiber's locals.
const csrfKey = "csrf"

// csrfCookie is the CSRF middleware's cookie; every form also sends the token as _csrf.
const csrfCookie = "rfm9_csrf"

// csrfTTL is how long a CSRF token is good for; any page load after that hands a new one.
const csrfTTL = 12 * time.Hour

// csrf is fiber's CSRF middleware (a cookie plus the same token in the form, and on
// HTTPS a Referer from this host) with tokens signed by a key all replicas share: a form
// rendered by one replica posts to another, and across a restart, with no write to the
// store on every page.
func (h *handlers) csrf(key []byte) fiber.Handler {
	signed := &signedTokens{key: key, now: h.Now}
	cfg := csrf.Config{
		KeyLookup:      "form:_csrf",
		CookieName:     csrfCookie,
		CookieHTTPOnly: true,
		CookieSameSite: fiber.CookieSameSiteLaxMode,
		Expiration:     csrfTTL,
		KeyGenerator:   signed.generate,
		Storage:        signed,
		ContextKey:     csrfKey,
		ErrorHandler:   func(*fiber.Ctx, error) error { return errStaleForm },
	}
	plain := csrf.New(cfg)
	cfg.CookieSecure = true
	secure := csrf.New(cfg)
	return func(c *fiber.Ctx) error {
		if c.Protocol() == "https" {
			return secure(c)
		}
		return plain(c)
	}
}

// signedTokens makes CSRF tokens that carry their expiry and an HMAC, and is the
// middleware's fiber.Storage: a token is "stored" when its signature checks and it has
// not expired, so nothing is kept.
type signedTokens struct {
	key []byte
	now func() time.Time
}

func (s *signedTokens) generate() string {
	payload := make([]byte, 24)
	rand.Read(payload[:16])
	binary.BigEndian.PutUint64(payload[16:], uint64(s.now().Add(csrfTTL).Unix()))
	return base64.RawURLEncoding.EncodeToString(payload) + "." + base64.RawURLEncoding.EncodeToString(s.sign(payload))
}

func (s *signedTokens) sign(payload []byte) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write(payload)
	return m.Sum(nil)[:16]
}

func (s *signedTokens) valid(token string) bool {
	p, sig, ok := strings.Cut(token, ".")
	payload, err1 := base64.RawURLEncoding.DecodeString(p)
	mac, err2 := base64.RawURLEncoding.DecodeString(sig)
	if !ok || err1 != nil || err2 != nil || len(payload) != 24 || !hmac.Equal(mac, s.sign(payload)) {
		return false
	}
	return s.now().Unix() < int64(binary.BigEndian.Uint64(payload[16:]))
}

// Get answers the middleware's lookup: a marker for a good token, nil otherwise.
func (s *signedTokens) Get(token string) ([]byte, error) {
	if s.valid(token) {
		return []byte{1}, nil
	}
	return nil, nil
}

// Set keeps nothing: the token carries what Get checks.
func (s *signedTokens) Set(string, []byte, time.Duration) error { return nil }

// Delete keeps nothing either; tokens are not single-use.
func (s *signedTokens) Delete(string) error { return nil }

// Reset has nothing to clear.
func (s *signedTokens) Reset() error { return nil }

// Close has nothing to release.
func (s *signedTokens) Close() error { return nil }
