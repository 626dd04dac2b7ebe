package sqlread

import (
	"database/sql"

	"github.com/rfm9/rfm9/onec"
)

// saleRow is one row of the grouped sales query: a document's lines for one client.
type saleRow struct {
	period    sql.NullTime
	docType   sql.RawBytes
	docRef    sql.RawBytes
	clientKey sql.RawBytes // the register's client column
	client    sql.RawBytes // the client; with client_via NULL when the key is unknown
	active    int64
	amount    int64
	quantity  int64
	discount  int64
	lines     int64
}

// scan reads the current row; the raw bytes stay valid until the next call to Next.
func (row *saleRow) scan(rows *sql.Rows) error {
	return rows.Scan(&row.period, &row.docType, &row.docRef, &row.clientKey, &row.client, &row.active,
		&row.amount, &row.quantity, &row.discount, &row.lines)
}

// convert fills sale from row and says what became of it, checking in the order the
// OData reader does so that both skip the same lines for the same reasons.
func (s *salesRun) convert(row *saleRow, sale *onec.Sale) reason {
	switch {
	case !row.period.Valid:
		return reasonOutside
	case row.active == 0:
		return reasonInactive
	case isEmptyRef(row.clientKey):
		return reasonNoClient
	case row.client == nil:
		return reasonUnknownKey
	case isEmptyRef(row.client):
		return reasonNoClient
	case isEmptyRef(row.docRef):
		return reasonNoDocument
	case len(row.client) != refSize || len(row.docRef) != refSize:
		return reasonBadRef
	}
	t := fromDB(row.period.Time, s.r.cfg.Location, s.offset)
	if !s.period.Contains(t) {
		return reasonOutside
	}
	var ids [72]byte
	formatRef((*[36]byte)(ids[:36]), row.client)
	formatRef((*[36]byte)(ids[36:]), row.docRef)
	both := string(ids[:]) // one allocation for the two GUIDs
	*sale = onec.Sale{
		ClientID:     both[:36],
		DocumentID:   both[36:],
		DocumentType: s.r.documentType(row.docType),
		Period:       t,
		Amount:       row.amount,
		Quantity:     row.quantity,
		Discount:     row.discount,
		Lines:        int(row.lines),
	}
	return reasonSale
}

// documentType names the recorder's type from its type column, or the register's
// only recorder type.
func (r *Reader) documentType(tref []byte) string {
	if code, ok := typeCode(tref); ok {
		return r.m.Documents[code]
	}
	return r.m.Document
}
