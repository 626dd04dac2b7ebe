// Package onec is the 1C side of rfm9: the sale record every reader produces and the
// Source interface they implement. Readers live in subpackages (salesfile, and later
// the OData and direct SQL readers) so that consumers of the record stay light.
package onec

import (
	"context"
	"strings"
	"time"
)

// Sale is one line of a 1C sales register, or several lines of one document that a
// reader has already summed (Lines says how many).
type Sale struct {
	ClientID     string    // 1C GUID of the client (counterparty, partner or loyalty card)
	ClientName   string    // the client's name as the source gives it, may be empty
	DocumentID   string    // 1C GUID of the recorder document
	DocumentType string    // e.g. "Document_РеализацияТоваровУслуг", may be empty
	Period       time.Time // when the line was recorded, in the base's time zone
	Amount       int64     // net amount in kopecks; negative on returns
	Quantity     int64     // quantity in thousandths of a unit (1C keeps 3 decimals)
	Discount     int64     // discount in kopecks
	Lines        int       // register lines this record stands for, at least 1
}

// EmptyRef is the GUID 1C writes for an empty reference.
const EmptyRef = "00000000-0000-0000-0000-000000000000"

// Period is a half-open interval of time [From, To); a zero bound is open.
type Period struct {
	From time.Time
	To   time.Time
}

// Contains reports whether t falls inside the period.
func (p Period) Contains(t time.Time) bool {
	if !p.From.IsZero() && t.Before(p.From) {
		return false
	}
	return p.To.IsZero() || t.Before(p.To)
}

// Source streams sales dated in a period. Every reader of 1C data implements it.
//
// Sales calls fn with consecutive batches, from one goroutine at a time and in the
// source's order, and stops at the first error fn returns. The batch slice is reused
// after fn returns; its strings are immutable but may share memory with the source's
// buffers, so a consumer clones the strings it keeps.
type Source interface {
	Sales(ctx context.Context, p Period, fn func([]Sale) error) error
}

// NormalizeRef writes a 1C GUID the way 1C does, in lower case, so that one reference
// spelled two ways is one key in the mirror; other ids are left as they are.
func NormalizeRef(id string) string {
	if len(id) != len(EmptyRef) || id[8] != '-' || id[13] != '-' || id[18] != '-' || id[23] != '-' {
		return id
	}
	return strings.ToLower(id)
}
