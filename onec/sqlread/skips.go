package sqlread

// Skip reasons: the keys of Reader.Skipped, the same as the OData reader's.
const (
	ReasonInactive   = "inactive"           // the line is switched off by 1C (_Active false)
	ReasonNoClient   = "no_client"          // the client is the empty ref
	ReasonUnknownKey = "unknown_client_key" // client_via: the key is not in the via catalog
	ReasonNoDocument = "no_document"        // the document is the empty ref
	ReasonBadRef     = "bad_ref"            // a ref column does not hold 16 bytes
)

// reason is the fate of one grouped row; the first two are not skips.
type reason uint8

const (
	reasonSale    reason = iota
	reasonOutside        // dated outside the period asked for
	reasonInactive
	reasonNoClient
	reasonUnknownKey
	reasonNoDocument
	reasonBadRef
	numReasons
)

var reasonNames = [numReasons]string{"", "", ReasonInactive, ReasonNoClient, ReasonUnknownKey, ReasonNoDocument, ReasonBadRef}

// tally counts register lines by their fate.
type tally [numReasons]int64

// skipped returns the skipped lines by reason name, leaving out zeros.
func (t tally) skipped() map[string]int64 {
	m := make(map[string]int64)
	for r := reasonInactive; r < numReasons; r++ {
		if t[r] > 0 {
			m[reasonNames[r]] = t[r]
		}
	}
	return m
}

// lines is the lines read within the period: delivered or skipped.
func (t tally) lines() int64 {
	n := t[reasonSale]
	for r := reasonInactive; r < numReasons; r++ {
		n += t[r]
	}
	return n
}
