package odata

import (
	"bytes"

	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/onec/salesfile"
)

// converter turns decoded register records into sales. One converter serves one
// goroutine: it caches a zone period.
type converter struct {
	reg      *register
	zone     zoneCache
	via      map[string]string // client_via: key → client; nil when the register names the client
	period   onec.Period
	from, to civil // the window asked for
	strs     saleStrings
}

// convert appends the sales among the first n records of p to out.
func (c *converter) convert(p *page, n int, out []onec.Sale, t *tally) []onec.Sale {
	for i := range n {
		var s onec.Sale
		r := c.sale(p, p.rec(i), &s)
		t[r]++
		if r == reasonSale {
			out = append(out, s)
		}
	}
	return out
}

// sale fills s from one record and says what became of it.
func (c *converter) sale(p *page, rec []span, s *onec.Sale) reason {
	if r := c.when(p, rec, s); r != reasonSale {
		return r
	}
	if isFalse(p, get(rec, c.reg.active)) {
		return reasonInactive
	}
	if r := c.who(p, rec, s); r != reasonSale {
		return r
	}
	if r := c.document(p, rec, s); r != reasonSale {
		return r
	}
	if r := c.sums(p, rec, s); r != reasonSale {
		return r
	}
	s.Lines = 1
	return reasonSale
}

// when parses Period and checks it falls in the window and the period asked for.
func (c *converter) when(p *page, rec []span, s *onec.Sale) reason {
	v := get(rec, c.reg.period)
	if v.kind != kindString {
		return reasonBadDate
	}
	wall, nsec, zone, zoned, ok := parseCivil(p.bytes(v))
	if !ok || wall == emptyDate {
		return reasonBadDate
	}
	t, wall := c.zone.place(wall, nsec, zone, zoned)
	if wall < c.from || wall >= c.to || !c.period.Contains(t) {
		return reasonOutside
	}
	s.Period = t
	return reasonSale
}

// who resolves the client, through the via catalog when the mapping says so.
func (c *converter) who(p *page, rec []span, s *onec.Sale) reason {
	key := textBytes(p, get(rec, c.reg.client))
	if len(key) == 0 || string(key) == onec.EmptyRef {
		return reasonNoClient
	}
	if c.via == nil {
		s.ClientID = c.strs.intern(key)
		return reasonSale
	}
	client, ok := c.via[string(key)]
	switch {
	case !ok:
		return reasonUnknownKey
	case client == "" || client == onec.EmptyRef:
		return reasonNoClient
	}
	s.ClientID = client
	return reasonSale
}

// document takes the recorder or document field, in either spelling, and its type.
func (c *converter) document(p *page, rec []span, s *onec.Sale) reason {
	doc := textBytes(p, get(rec, c.reg.doc))
	if len(doc) == 0 {
		doc = textBytes(p, get(rec, c.reg.docAlt))
	}
	if len(doc) == 0 || string(doc) == onec.EmptyRef {
		return reasonNoDocument
	}
	s.DocumentID = c.strs.document(doc)
	s.DocumentType = c.strs.intern(bytes.TrimPrefix(textBytes(p, get(rec, c.reg.docType)), []byte("StandardODATA.")))
	return reasonSale
}

// sums reads amount, quantity and discounts, and negates a storno record that 1C
// wrote with positive sums.
func (c *converter) sums(p *page, rec []span, s *onec.Sale) reason {
	var ok bool
	reg := c.reg
	if s.Amount, ok = number(p, get(rec, reg.amount), 2, false); !ok {
		return reasonBadAmount
	}
	if s.Quantity, ok = number(p, get(rec, reg.quantity), 3, true); !ok {
		return reasonBadQty
	}
	if reg.full >= 0 {
		full, ok := number(p, rec[reg.full], 2, false)
		if !ok {
			return reasonBadAmount
		}
		s.Discount = full - s.Amount
	}
	for _, d := range reg.discounts {
		v, ok := number(p, rec[d], 2, true)
		if !ok {
			return reasonBadDisc
		}
		s.Discount += v
	}
	if isTrue(p, get(rec, reg.storno)) && s.Amount > 0 {
		s.Amount, s.Quantity, s.Discount = -s.Amount, -s.Quantity, -s.Discount
	}
	return reasonSale
}

// text is a string or number value's text; other kinds read as empty.
func text(p *page, v span) string {
	if v.kind != kindString && v.kind != kindNumber {
		return ""
	}
	return p.string(v)
}

// textBytes is text without making a string.
func textBytes(p *page, v span) []byte {
	if v.kind != kindString && v.kind != kindNumber {
		return nil
	}
	return p.bytes(v)
}

// number parses a number written as a JSON number or string, in 10^-scale units.
// null reads as zero; an absent field too when optional.
func number(p *page, v span, scale int, optional bool) (int64, bool) {
	switch v.kind {
	case kindNull:
		return 0, true
	case kindAbsent:
		return 0, optional
	case kindNumber, kindString:
		n, err := salesfile.ParseDecimal(p.bytes(v), scale)
		return n, err == nil
	}
	return 0, false
}

// isTrue accepts true and the string forms 1C-like sources write.
func isTrue(p *page, v span) bool {
	switch v.kind {
	case kindTrue:
		return true
	case kindString:
		b := p.bytes(v)
		return bytes.EqualFold(b, []byte("true")) || bytes.Equal(b, []byte("1"))
	}
	return false
}

// isFalse is true only for an explicit false: an absent or null Active counts as on.
func isFalse(p *page, v span) bool {
	switch v.kind {
	case kindFalse:
		return true
	case kindString:
		b := p.bytes(v)
		return bytes.EqualFold(b, []byte("false")) || bytes.Equal(b, []byte("0"))
	}
	return false
}
