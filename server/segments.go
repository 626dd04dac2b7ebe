package server

import (
	"github.com/gofiber/fiber/v2"

	"github.com/rfm9/rfm9/lifecycle"
)

// segments answers GET /api/v1/segments: the 3×3 matrix and the 27 codes with counts,
// sums, names and sentences, and the bounds in force — the same schema as
// `rfm9 segment --format json`.
func (h *handlers) segments(c *fiber.Ctx) error {
	m, ok, err := h.Mirror.CurrentMatrix(c.UserContext())
	if err != nil {
		return err
	}
	if !ok {
		return NotFound("Сегменты ещё не рассчитаны: дождитесь первой синхронизации с 1С.",
			"Segments are not computed yet: wait for the first sync with 1C.")
	}
	return c.JSON(lifecycle.NewReport(&m, h.Names, lang(c), nil))
}

// lang is the language of names and sentences in a response: ru unless English is asked for.
func lang(c *fiber.Ctx) string {
	if wantsEnglish(c) {
		return "en"
	}
	return "ru"
}
