package odata

// Skip reasons: the keys of Reader.Skipped.
const (
	ReasonInactive   = "inactive"           // the record is switched off by 1C (Active = false)
	ReasonNoClient   = "no_client"          // the client is missing or the empty ref
	ReasonUnknownKey = "unknown_client_key" // client_via: the key is not in the via catalog
	ReasonNoDocument = "no_document"        // the document is missing or the empty ref
	ReasonBadDate    = "bad_date"           // Period does not parse
	ReasonBadAmount  = "bad_amount"         // the amount or the full amount does not parse or fit
	ReasonBadQty     = "bad_quantity"       // the quantity does not parse
	ReasonBadDisc    = "bad_discount"       // a discount field does not parse
)

// reason is the fate of one record; the first two are not skips.
type reason uint8

const (
	reasonSale    reason = iota
	reasonOutside        // dated outside the window or period: another window's record
	reasonInactive
	reasonNoClient
	reasonUnknownKey
	reasonNoDocument
	reasonBadDate
	reasonBadAmount
	reasonBadQty
	reasonBadDisc
	numReasons
)

var reasonNames = [numReasons]string{
	"", "", ReasonInactive, ReasonNoClient, ReasonUnknownKey, ReasonNoDocument,
	ReasonBadDate, ReasonBadAmount, ReasonBadQty, ReasonBadDisc,
}

// tally counts the fates of the records of a read.
type tally [numReasons]int64

func (t *tally) add(o tally) {
	for i, n := range o {
		t[i] += n
	}
}

// skipped returns the skip counts by reason name, leaving out zeros.
func (t tally) skipped() map[string]int64 {
	m := make(map[string]int64)
	for r := reasonInactive; r < numReasons; r++ {
		if t[r] > 0 {
			m[reasonNames[r]] = t[r]
		}
	}
	return m
}
