package server

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/rfm9/rfm9/exports"
)

// xlsxType is the media type of an Excel workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// kpiReport answers GET /reports/kpi.xlsx?from=…&to=…&period=month|quarter|year&lang=ru|en:
// the Excel KPI report as a download. The language defaults to Accept-Language's.
func (h *handlers) kpiReport(c *fiber.Ctx) error {
	opts, _, err := kpiQuery(c)
	if err != nil {
		return err
	}
	lng := c.Query("lang", lang(c))
	if lng != "ru" && lng != "en" {
		return Invalid(map[string]Text{"lang": {RU: "ru или en", EN: "ru or en"}})
	}
	r, err := exports.AssembleKPIReport(c.UserContext(), h.Mirror, exports.KPIReportRequest{
		Range: opts.Range, Period: opts.Period, Lang: lng, Names: h.Names, Bounds: h.Bounds, Now: h.Now().In(h.Location),
	})
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, xlsxType)
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="kpi_%s_%s.xlsx"`, opts.Range.From, opts.Range.To))
	return exports.WriteKPIReport(c.Response().BodyWriter(), r)
}
