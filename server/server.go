// Package server is rfm9's HTTP side: the JSON API under /api/v1 that 1C and the
// dashboard call, and the health endpoints. One file per noun; handlers decode, call the
// domain packages and encode, and every error goes through one handler.
package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/limiter"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"github.com/rfm9/rfm9/jobs"
	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/metrics"
	"github.com/rfm9/rfm9/mirror"
	"github.com/rfm9/rfm9/tokens"
)

// Deps are what the handlers need, wired by cmd.
type Deps struct {
	Mirror *mirror.Store
	Sync   *mirror.Runner
	Jobs   *jobs.Store // nil when the process runs no scheduler
	// Background is the service's context: syncs started by a request outlive it.
	Background context.Context
	Tokens     *tokens.Store
	Metrics    *metrics.Metrics
	Names      *lifecycle.Names
	Bounds     lifecycle.Bounds
	Location   *time.Location
	Ping       func(context.Context) error // the store is reachable
	MaxAge     time.Duration               // /readyz fails when the last sync is older
	Rate       int                         // requests per minute per token; 0 means DefaultRate
	Now        func() time.Time
}

// DefaultRate is the per-token request limit: high enough for 1C's queue pushing
// thousands of documents a second, low enough that a runaway script gets 429s.
const DefaultRate = 120_000

// BodyLimit caps request bodies: a batch of 10 000 documents fits, a runaway does not.
const BodyLimit = 16 << 20

// New builds the fiber app with every route.
func New(d Deps) *fiber.App {
	app := fiber.New(fiber.Config{
		ErrorHandler:          handleError,
		BodyLimit:             BodyLimit,
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          60 * time.Second,
		DisableStartupMessage: true,
		JSONEncoder:           marshalJSON,
	})
	app.Use(recover.New())
	if d.Metrics == nil {
		d.Metrics = metrics.New()
	}
	h := &handlers{Deps: d}
	app.Use(h.measure)
	app.Get("/healthz", h.health)
	app.Get("/readyz", h.ready)
	app.Get("/api/openapi.json", h.openapi)
	app.Get("/metrics", h.require(tokens.ScopeMetrics), h.metricsHandler())
	if d.Rate == 0 {
		d.Rate = DefaultRate
	}
	// One budget per token for the API and the reports: a report is the costliest request.
	limit := limiter.New(limiter.Config{
		Max: d.Rate, Expiration: time.Minute, KeyGenerator: rateKey,
		LimitReached: func(*fiber.Ctx) error { return ErrTooMany },
	})
	app.Get("/reports/kpi.xlsx", limit, h.require(tokens.ScopeRead), h.kpiReport)
	api := app.Group("/api/v1", limit)
	read := h.require(tokens.ScopeRead)
	api.Get("/segments", read, h.segments)
	api.Get("/segments/:code/clients", read, h.segmentClients)
	api.Get("/clients", read, h.findClients)
	api.Get("/clients/:id", read, h.client)
	write := h.require(tokens.ScopeSalesWrite)
	api.Post("/sales", write, h.postSale)
	api.Post("/sales/batch", write, h.postSalesBatch)
	admin := h.require(tokens.ScopeAdmin)
	api.Post("/sync", admin, h.startSync)
	api.Get("/matrix/bounds", read, h.getBounds)
	api.Put("/matrix/bounds", admin, h.putBounds)
	api.Post("/matrix/preview", read, h.preview)
	api.Get("/matrix/suggest", read, h.suggest)
	api.Get("/kpi", read, h.kpis)
	api.Get("/kpi/cohorts", read, h.cohorts)
	api.Get("/snapshots", read, h.listSnapshots)
	api.Get("/snapshots/:date", read, h.snapshot)
	api.Post("/snapshots", admin, h.takeSnapshot)
	api.Get("/transitions", read, h.transitions)
	api.Get("/dynamics", read, h.dynamics)
	api.Get("/sync", read, h.syncState)
	api.Get("/jobs", read, h.jobRuns)
	return app
}

// marshalJSON is encoding/json without HTML escaping: 1C shows the messages as they
// are, and "<токен>" must not arrive as "\u003cтокен\u003e".
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// rateKey counts requests per token (its hash: secrets stay out of memory maps), or per
// address for requests without one.
func rateKey(c *fiber.Ctx) string {
	if auth := c.Get(fiber.HeaderAuthorization); auth != "" {
		sum := sha256.Sum256([]byte(auth))
		return hex.EncodeToString(sum[:8])
	}
	return c.IP()
}

type handlers struct {
	Deps
}
