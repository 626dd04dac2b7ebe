package server

import (
	"errors"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/rfm9/rfm9/jobs"
	"github.com/rfm9/rfm9/mirror"
)

type syncRequest struct {
	Full bool `json:"full"`
}

// startSync answers POST /api/v1/sync: a sync starts in the background (202), or 409
// when one is already running.
func (h *handlers) startSync(c *fiber.Ctx) error {
	var req syncRequest
	if len(c.Body()) > 0 {
		if err := decode(c, &req); err != nil {
			return err
		}
	}
	err := h.Sync.Start(h.Background, req.Full)
	if errors.Is(err, mirror.ErrBusy) {
		return errSyncBusy
	}
	if err != nil {
		return err
	}
	return c.Status(http.StatusAccepted).JSON(h.Sync.State())
}

// syncState answers GET /api/v1/sync: the running sync's progress and the last result.
func (h *handlers) syncState(c *fiber.Ctx) error {
	return c.JSON(h.Sync.State())
}

// jobRuns answers GET /api/v1/jobs: the last 100 runs of the scheduled jobs.
func (h *handlers) jobRuns(c *fiber.Ctx) error {
	if h.Jobs == nil {
		return c.JSON(fiber.Map{"runs": []jobs.Run{}})
	}
	runs, err := h.Jobs.Recent(c.UserContext(), 100)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"runs": runs})
}
