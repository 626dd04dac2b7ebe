package emulator

import (
	"github.com/rfm9/rfm9/onec"
	"math"
	"strconv"
)

// table serves one entity set from the store. Its methods run under the emulator's
// read lock.
type table interface {
	entity() *entityType
	// scan calls fn with the handles of the rows that may match the hint, in the
	// set's natural order (or reversed), until fn returns false.
	scan(h hint, reverse bool, fn func(int64) bool)
	// value reads one property of row h.
	value(h int64, p *property) value
	// find is the row of an entity by its Ref_Key.
	find(id guid) (int64, bool)
	// link appends the entity's address relative to the service root: Set(guid'…').
	link(b []byte, h int64) []byte
}

// hint is what the filter says about the rows a table indexes: its date window and
// its Ref_Key. Rows outside it cannot match; rows inside are still filtered.
type hint struct {
	from, to int64 // wall seconds, [from, to)
	refs     refRange
}

// anyRow is the hint of no filter.
var anyRow = hint{from: math.MinInt64, to: math.MaxInt64}

// appendRefLink appends Set(guid'…'), the address of a catalog item or a document.
func appendRefLink(b []byte, set string, id guid) []byte {
	b = append(b, set...)
	b = append(b, "(guid'"...)
	b = onec.AppendGUID(b, id)
	return append(b, "')"...)
}

// appendLineLink appends Set(Ref_Key=guid'…',LineNumber=n), the address of a row
// keyed by its owner and line.
func appendLineLink(b []byte, set, keyName string, id guid, n int) []byte {
	b = append(b, set...)
	b = append(b, '(')
	b = append(b, keyName...)
	b = append(b, "=guid'"...)
	b = onec.AppendGUID(b, id)
	b = append(b, "',LineNumber="...)
	b = strconv.AppendInt(b, int64(n), 10)
	return append(b, ')')
}

// scanRange calls fn with handles first … first+n-1, forwards or backwards.
func scanRange(first, n int64, reverse bool, fn func(int64) bool) bool {
	for k := range n {
		h := first + k
		if reverse {
			h = first + n - 1 - k
		}
		if !fn(h) {
			return false
		}
	}
	return true
}
