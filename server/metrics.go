package server

import (
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// measure counts every request and its latency under its route pattern (not the raw
// path: a client id in the path would make a time series per client).
func (h *handlers) measure(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	route := c.Route().Path
	status := c.Response().StatusCode()
	if err != nil {
		if e, ok := err.(*Error); ok {
			status = e.Status
		} else if fe, ok := err.(*fiber.Error); ok {
			status = fe.Code
		} else {
			status = fiber.StatusInternalServerError
		}
	}
	h.Metrics.Requests.WithLabelValues(route, c.Method(), strconv.Itoa(status)).Inc()
	h.Metrics.Latency.WithLabelValues(route, c.Method()).Observe(time.Since(start).Seconds())
	return err
}

func (h *handlers) metricsHandler() fiber.Handler {
	return adaptor.HTTPHandler(promhttp.HandlerFor(h.Metrics.Registry, promhttp.HandlerOpts{}))
}
