// Package dashboard is rfm9's browser side: server-rendered pages for the marketing
// manager and the sales director (the matrix, segment client lists, one client's card,
// the segment dynamics), in Russian by default. A browser logs in once with an API token
// and keeps a cookie session; every form carries a CSRF token. Page data is rendered
// into the page, so a page costs one request; charts are ECharts, embedded in the binary.
package dashboard

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/mirror"
	"github.com/rfm9/rfm9/tokens"
)

// Deps are what the pages need, wired by cmd.
type Deps struct {
	Mirror *mirror.Store
	// Snapshots serves the dynamics page and the client's time line; nil shows them empty.
	Snapshots Snapshots
	Tokens    *tokens.Store
	// Recompute recomputes the current results after new bounds are saved.
	Recompute func(context.Context) (int, error)
	Names     *lifecycle.Names
	Bounds    lifecycle.Bounds // in force until someone saves a version
	Location  *time.Location
	Now       func() time.Time
	// SessionTTL is how long a login lasts; 0 means DefaultSessionTTL.
	SessionTTL time.Duration
}

// DefaultSessionTTL is a working day with margin: a manager logs in once a day.
const DefaultSessionTTL = 12 * time.Hour

type handlers struct {
	Deps
	views  *views
	assets *assets
}

// Mount adds the dashboard's routes to app: pages at /, /matrix, /segments/…,
// /clients/…, /dynamics, the login at /login, and the embedded assets under /static.
func Mount(ctx context.Context, app *fiber.App, d Deps) error {
	_, err := mount(ctx, app, d)
	return err
}

func mount(ctx context.Context, app *fiber.App, d Deps) (*handlers, error) {
	if d.SessionTTL == 0 {
		d.SessionTTL = DefaultSessionTTL
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	as, err := loadAssets()
	if err != nil {
		return nil, err
	}
	vs, err := parseViews(as)
	if err != nil {
		return nil, err
	}
	key, err := d.Tokens.SigningKey(ctx, "dashboard-csrf", d.Now())
	if err != nil {
		return nil, fmt.Errorf("dashboard: %w", err)
	}
	h := &handlers{Deps: d, views: vs, assets: as}
	app.Get("/static/:sum/:name", as.serve)
	guard := h.csrf(key)
	app.Get("/login", h.pageErrors, h.lang, guard, h.loginForm)
	app.Post("/login", h.pageErrors, h.lang, guard, h.login)
	app.Post("/logout", h.pageErrors, h.lang, guard, h.logout)
	read := chain(h.pageErrors, h.lang, h.require(tokens.ScopeRead), guard)
	admin := chain(h.pageErrors, h.lang, h.require(tokens.ScopeAdmin), guard)
	app.Get("/", read(h.matrix)...)
	app.Get("/matrix", read(h.matrix)...)
	app.Post("/matrix/preview", read(h.preview)...)
	app.Post("/matrix/bounds", admin(h.saveBounds)...)
	app.Get("/segments/:code", read(h.segment)...)
	app.Get("/clients/find", read(h.findClient)...)
	app.Get("/clients/:id", read(h.client)...)
	app.Get("/dynamics", read(h.dynamics)...)
	return h, nil
}

// chain puts middleware in front of a page handler.
func chain(mw ...fiber.Handler) func(fiber.Handler) []fiber.Handler {
	return func(page fiber.Handler) []fiber.Handler {
		return append(slices.Clip(mw), page)
	}
}
