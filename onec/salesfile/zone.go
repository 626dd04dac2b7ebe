package salesfile

import (
	"time"

	"github.com/rfm9/rfm9/calendar"
)

// zoneCache places parsed dates in the base's zone (see calendar.Zone for why it caches).
type zoneCache struct {
	calendar.Zone
}

// place returns the instant a parsed date stands for: a date with a zone is converted,
// one without is read as the base's wall clock.
func (z *zoneCache) place(c civil) time.Time {
	if c.zoned {
		return time.Unix(c.wall()-int64(c.off), int64(c.nsec)).In(z.Loc)
	}
	return z.At(c.wall(), c.nsec)
}
