package salesfile

import (
	"errors"
	"fmt"
)

// ErrSyntax reports a value that is not a number or a date in any accepted form.
var ErrSyntax = errors.New("invalid syntax")

// ErrRange reports a number that does not fit in int64 or a date field out of range.
var ErrRange = errors.New("value out of range")

// Skip reasons: the keys of File.Skipped and the values of LineError.Reason.
const (
	ReasonNoClient    = "no_client"    // the client is empty or the empty reference
	ReasonNoDocument  = "no_document"  // the document is empty or the empty reference
	ReasonBadDate     = "bad_date"     // the date does not parse
	ReasonBadAmount   = "bad_amount"   // the amount, or quantity × price, does not parse or fit
	ReasonBadQuantity = "bad_quantity" // the quantity does not parse
	ReasonBadPrice    = "bad_price"    // the price does not parse
	ReasonBadDiscount = "bad_discount" // the discount does not parse
	ReasonShortRow    = "short_row"    // the row has fewer fields than the columns in use need
)

// reason is the fate of one record. The first two are not skips: a sale, and a
// sale dated outside the period asked for.
type reason uint8

const (
	reasonNone reason = iota
	reasonOutside
	reasonNoClient
	reasonNoDocument
	reasonBadDate
	reasonBadAmount
	reasonBadQuantity
	reasonBadPrice
	reasonBadDiscount
	reasonShortRow
	numReasons
)

var reasonNames = [numReasons]string{
	"", "", ReasonNoClient, ReasonNoDocument, ReasonBadDate, ReasonBadAmount,
	ReasonBadQuantity, ReasonBadPrice, ReasonBadDiscount, ReasonShortRow,
}

// nouns name the value each parse reason is about, for error messages.
var nouns = map[string]string{
	ReasonBadDate: "a date", ReasonBadAmount: "an amount", ReasonBadQuantity: "a quantity",
	ReasonBadPrice: "a price", ReasonBadDiscount: "a discount",
}

// LineError is the error Strict mode returns for the first line that would be skipped.
type LineError struct {
	Line   int64  // physical line number in the file, 1-based; the row number in XLSX
	Column string // the header of the column at fault
	Value  string // the value as read
	Reason string // one of the Reason constants
	Err    error  // ErrSyntax or ErrRange when a value did not parse, else nil
}

// Error reads like `line 17, column "amount": cannot parse "12,3,4" as an amount`.
func (e *LineError) Error() string {
	at := fmt.Sprintf("line %d, column %q", e.Line, e.Column)
	switch e.Reason {
	case ReasonNoClient:
		return fmt.Sprintf("%s: no client (%q)", at, e.Value)
	case ReasonNoDocument:
		return fmt.Sprintf("%s: no document (%q)", at, e.Value)
	case ReasonShortRow:
		return at + ": missing, the row has too few fields"
	}
	noun, ok := nouns[e.Reason]
	if !ok {
		noun = "a value"
	}
	msg := fmt.Sprintf("%s: cannot parse %q as %s", at, e.Value, noun)
	if errors.Is(e.Err, ErrRange) {
		msg += ": " + ErrRange.Error()
	}
	return msg
}

// Unwrap returns the parse error, so errors.Is(err, ErrRange) works.
func (e *LineError) Unwrap() error { return e.Err }

// tally counts what became of the records of a read.
type tally struct {
	counts [numReasons]int64 // records per fate; counts[reasonNone] are sales
	lines  int64             // non-blank data records seen
}

func (t *tally) add(o tally) {
	for i, n := range o.counts {
		t.counts[i] += n
	}
	t.lines += o.lines
}

// skipped returns the skip counts by reason name, leaving out zeros.
func (t *tally) skipped() map[string]int64 {
	m := make(map[string]int64)
	for r := reasonNoClient; r < numReasons; r++ {
		if n := t.counts[r]; n > 0 {
			m[reasonNames[r]] = n
		}
	}
	return m
}
