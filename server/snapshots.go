package server

import (
	"errors"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/mirror"
)

var errSyncBusy = &Error{Status: http.StatusConflict, Code: "busy",
	RU: "Синхронизация уже идёт, дождитесь её окончания.", EN: "A sync is already running; wait for it to finish."}

// listSnapshots answers GET /api/v1/snapshots: every snapshot, oldest first.
func (h *handlers) listSnapshots(c *fiber.Ctx) error {
	list, err := h.Mirror.ListSnapshots(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"snapshots": list})
}

// snapshot answers GET /api/v1/snapshots/{date}: the snapshot's matrix in the schema of
// GET /segments, with the bounds it was taken under.
func (h *handlers) snapshot(c *fiber.Ctx) error {
	day, err := lifecycle.ParseDay(c.Params("date"))
	if err != nil {
		return Invalid(map[string]Text{"date": dateText})
	}
	info, m, err := h.Mirror.SnapshotMatrix(c.UserContext(), day)
	if errors.Is(err, mirror.ErrNotFound) {
		return noSnapshot(day)
	}
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"snapshot": info, "matrix": lifecycle.NewReport(&m, h.Names, lang(c), nil)})
}

type snapshotRequest struct {
	Date string `json:"date" validate:"required,datetime=2006-01-02"`
}

// takeSnapshot answers POST /api/v1/snapshots {"date": "2026-03-15"}: the matrix as of
// that day is computed now and stored (replacing one of that day), 201 with its summary.
func (h *handlers) takeSnapshot(c *fiber.Ctx) error {
	var req snapshotRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	day, err := lifecycle.ParseDay(req.Date)
	if err != nil {
		return Invalid(map[string]Text{"date": dateText})
	}
	err = h.Sync.Syncer.TakeSnapshot(c.UserContext(), day)
	switch {
	case errors.Is(err, mirror.ErrBusy):
		return errSyncBusy
	case errors.Is(err, mirror.ErrFutureSnapshot):
		return Invalid(map[string]Text{"date": {RU: "снимок делается на прошедший день: день ещё не закончился", EN: "a snapshot is taken as of a past day: this one has not ended"}})
	case err != nil:
		return err
	}
	info, _, err := h.Mirror.SnapshotMatrix(c.UserContext(), day)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(fiber.Map{"snapshot": info})
}

var dateText = Text{RU: "ожидается дата ГГГГ-ММ-ДД", EN: "want a date YYYY-MM-DD"}

func noSnapshot(day lifecycle.Day) *Error {
	return NotFound("Нет снимка на "+day.String()+": список снимков — GET /api/v1/snapshots.",
		"No snapshot as of "+day.String()+": see GET /api/v1/snapshots for the list.")
}
