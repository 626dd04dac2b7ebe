package server

import (
	"time"

	"github.com/gofiber/fiber/v2"
)

// health is liveness: the process answers.
func (h *handlers) health(c *fiber.Ctx) error {
	return c.JSON(fiber.Map{"status": "ok"})
}

// ready says whether the service can answer with fresh data: the store is reachable and
// the last sync is recent enough.
func (h *handlers) ready(c *fiber.Ctx) error {
	if err := h.Ping(c.UserContext()); err != nil {
		return c.Status(fiber.StatusServiceUnavailable).JSON(fiber.Map{"status": "store unreachable"})
	}
	last, ok, err := h.Mirror.LastSync(c.UserContext())
	if err != nil {
		return err
	}
	if !ok {
		return c.Status(fiber.StatusServiceUnavailable).JSON(fiber.Map{"status": "no sync yet"})
	}
	age := h.Now().Sub(last.FinishedAt)
	body := fiber.Map{"status": "ok", "last_sync": last.FinishedAt.Format(time.RFC3339), "last_sync_age_s": int(age.Seconds())}
	if h.MaxAge > 0 && age > h.MaxAge {
		body["status"] = "last sync too old"
		return c.Status(fiber.StatusServiceUnavailable).JSON(body)
	}
	return c.JSON(body)
}
