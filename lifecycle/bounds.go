package lifecycle

import "fmt"

// Bounds are the class limits of the matrix; every limit is inclusive.
type Bounds struct {
	Count       [2]int   // F1 if purchases <= Count[0], F2 if <= Count[1], else F3
	RecencyDays [2]int   // R3 if recency <= RecencyDays[0], R2 if <= RecencyDays[1], else R1
	Monetary    Monetary // how M is split into three classes
}

// MonetaryMode names the way M classes are cut.
type MonetaryMode string

// Monetary modes.
const (
	MonetaryTertiles MonetaryMode = "tertiles" // cut points at ranks ⌈n/3⌉ and ⌈2n/3⌉ over all clients
	MonetaryPerCell  MonetaryMode = "per-cell" // the same tertiles inside each of the 9 cells
	MonetaryFixed    MonetaryMode = "fixed"    // fixed limits in kopecks
)

// Monetary says how M is split into three classes.
type Monetary struct {
	Mode  MonetaryMode
	Fixed [2]int64 // kopecks, used when Mode is MonetaryFixed: M1 if m <= Fixed[0], M2 if <= Fixed[1]
}

// DefaultBounds are the methodology's defaults: 1 | 2–3 | 4+ purchases, 90 and 180 days, tertiles.
func DefaultBounds() Bounds {
	return Bounds{Count: [2]int{1, 3}, RecencyDays: [2]int{90, 180}, Monetary: Monetary{Mode: MonetaryTertiles}}
}

// Validate checks that each pair of limits is ordered; the error names the setting at fault.
func (b Bounds) Validate() error {
	switch {
	case b.Count[0] < 1 || b.Count[1] <= b.Count[0]:
		return fmt.Errorf("count_bounds %d,%d: want 1 <= C1 < C2", b.Count[0], b.Count[1])
	case b.RecencyDays[0] < 0 || b.RecencyDays[1] <= b.RecencyDays[0]:
		return fmt.Errorf("recency_days %d,%d: want 0 <= R1 < R2", b.RecencyDays[0], b.RecencyDays[1])
	}
	switch b.Monetary.Mode {
	case MonetaryTertiles, MonetaryPerCell:
		return nil
	case MonetaryFixed:
		if b.Monetary.Fixed[1] <= b.Monetary.Fixed[0] {
			return fmt.Errorf("monetary %d,%d kopecks: want B1 < B2", b.Monetary.Fixed[0], b.Monetary.Fixed[1])
		}
		return nil
	default:
		return fmt.Errorf("monetary %q: want tertiles, per-cell or two ruble limits B1,B2", b.Monetary.Mode)
	}
}

// recencyClass is R: 3 for the most recent buyers.
func (b Bounds) recencyClass(days int) uint8 {
	switch {
	case days <= b.RecencyDays[0]:
		return 3
	case days <= b.RecencyDays[1]:
		return 2
	}
	return 1
}

// countClass is F: 3 for the most frequent buyers.
func (b Bounds) countClass(purchases int) uint8 {
	switch {
	case purchases <= b.Count[0]:
		return 1
	case purchases <= b.Count[1]:
		return 2
	}
	return 3
}
