package salesfile

import (
	"time"
	"unsafe"

	"github.com/rfm9/rfm9/onec"
)

// converter turns the fields of one record into a Sale. Each worker owns one,
// because its date parser caches the zone period of the last date it saw.
type converter struct {
	cols           *columns
	period         onec.Period
	hasFrom, hasTo bool // the period's bounds are set
	dates          dateParser
}

func newConverter(cols *columns, p onec.Period, d dateParser) converter {
	return converter{cols: cols, period: p, hasFrom: !p.From.IsZero(), hasTo: !p.To.IsZero(), dates: d}
}

// fault says why a record is not a sale of the period: the reason, the column at
// fault and the parse error, if any.
type fault struct {
	reason reason
	role   role
	err    error
}

// take converts one record, appending the sale to out or counting why there is none.
// In strict mode a skipped record ends the read with a *LineError.
func (c *converter) take(f [][]byte, line int64, out []onec.Sale, t *tally, strict bool) ([]onec.Sale, *LineError) {
	t.lines++
	n := len(out)
	out = append(out, onec.Sale{})
	ft := c.convert(f, &out[n])
	t.counts[ft.reason]++
	if ft.reason == reasonNone {
		return out, nil
	}
	out = out[:n]
	if strict && ft.reason != reasonOutside {
		return out, c.lineError(ft, f, line)
	}
	return out, nil
}

func (c *converter) lineError(ft fault, f [][]byte, line int64) *LineError {
	return &LineError{
		Line:   line,
		Column: c.cols.header[ft.role],
		Value:  string(c.field(f, ft.role)),
		Reason: reasonNames[ft.reason],
		Err:    ft.err,
	}
}

// convert fills s from the fields. The date comes first so that records outside the
// period are dropped before anything else is parsed, and their defects not counted.
func (c *converter) convert(f [][]byte, s *onec.Sale) fault {
	if len(f) < c.cols.need {
		return fault{reason: reasonShortRow, role: c.cols.beyond(len(f))}
	}
	t, err := c.dates.parse(c.field(f, roleDate))
	if err != nil {
		return fault{reasonBadDate, roleDate, err}
	}
	if !c.within(t) {
		return fault{reason: reasonOutside}
	}
	s.Period = t
	if ft := c.refs(f, s); ft.reason != reasonNone {
		return ft
	}
	return c.values(f, s)
}

// within is onec.Period.Contains without its IsZero tests on every line.
func (c *converter) within(t time.Time) bool {
	return (!c.hasFrom || !t.Before(c.period.From)) && (!c.hasTo || t.Before(c.period.To))
}

// refs fills the references and names. convert has checked that the row is long
// enough, so the required fields are there.
func (c *converter) refs(f [][]byte, s *onec.Sale) fault {
	client := trimSpace(f[c.cols.index[roleClient]])
	if len(client) == 0 || string(client) == onec.EmptyRef {
		return fault{reason: reasonNoClient, role: roleClient}
	}
	doc := trimSpace(f[c.cols.index[roleDocument]])
	if len(doc) == 0 || string(doc) == onec.EmptyRef {
		return fault{reason: reasonNoDocument, role: roleDocument}
	}
	s.ClientID, s.DocumentID, s.Lines = bytesString(client), bytesString(doc), 1
	if i := c.cols.index[roleClientName]; i >= 0 {
		s.ClientName = bytesString(trimSpace(f[i]))
	}
	if i := c.cols.index[roleDocumentType]; i >= 0 {
		s.DocumentType = bytesString(trimSpace(f[i]))
	}
	return fault{}
}

// values fills the amount, quantity and discount; blank optional numbers are zero.
func (c *converter) values(f [][]byte, s *onec.Sale) fault {
	if !c.cols.useAmount {
		if ft := c.product(f, s); ft.reason != reasonNone {
			return ft
		}
	} else if ft := c.amount(f, s); ft.reason != reasonNone {
		return ft
	}
	var err error
	if s.Discount, err = optionalScaled(c.field(f, roleDiscount), 2); err != nil {
		return fault{reasonBadDiscount, roleDiscount, err}
	}
	return fault{}
}

// amount reads the amount column and the optional quantity.
func (c *converter) amount(f [][]byte, s *onec.Sale) fault {
	var err error
	if s.Amount, err = parseScaled(c.field(f, roleAmount), 2); err != nil {
		return fault{reasonBadAmount, roleAmount, err}
	}
	if s.Quantity, err = optionalScaled(c.field(f, roleQuantity), 3); err != nil {
		return fault{reasonBadQuantity, roleQuantity, err}
	}
	return fault{}
}

// product reads quantity and price and sets the amount to their product.
func (c *converter) product(f [][]byte, s *onec.Sale) fault {
	qb, pb := c.field(f, roleQuantity), c.field(f, rolePrice)
	q, err := scanNumber(qb, nil)
	if err == nil {
		s.Quantity, err = q.scaled(3)
	}
	if err != nil {
		return fault{reasonBadQuantity, roleQuantity, err}
	}
	p, err := scanNumber(pb, nil)
	if err != nil {
		return fault{reasonBadPrice, rolePrice, err}
	}
	if s.Amount, err = mulScaled(q, p, qb, pb, 2); err != nil {
		return fault{reasonBadAmount, rolePrice, err}
	}
	return fault{}
}

// field returns the role's field, or nil when the role is not read.
func (c *converter) field(f [][]byte, r role) []byte {
	if i := c.cols.index[r]; i >= 0 && i < len(f) {
		return f[i]
	}
	return nil
}

// bytesString makes a string over b without copying. Callers pass bytes that are
// never written again: whole blocks are fresh allocations that nobody reuses.
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
