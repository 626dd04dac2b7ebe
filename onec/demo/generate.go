package demo

import (
	"github.com/rfm9/rfm9/onec"
)

// Document types as the 1C OData interface names them.
const (
	SaleDocument   = "Document_РеализацияТоваровУслуг"
	ReturnDocument = "Document_ВозвратТоваровОтКлиента"
)

// Generate calls fn with every register line of the demo history, ordered by period,
// then document GUID, then line number, and stops at the first error fn returns
// (passed through as it is). ClientName is left empty: Clients has the names.
// It allocates one string per document, for its two GUIDs.
func Generate(o Options, fn func(onec.Sale) error) error {
	g, err := newGenerator(o)
	if err != nil {
		return err
	}
	return g.run(func(d *day) error {
		for _, dc := range d.docs {
			s := g.sale(d.index, dc)
			for _, l := range d.lines[dc.first : dc.first+dc.n] {
				s.Amount, s.Quantity, s.Discount = l.amount, l.quantity, l.discount
				if err := fn(s); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// sale is the part of a Sale that all lines of document dc share.
func (g *generator) sale(d int, dc doc) onec.Sale {
	var b [72]byte
	g.ids.format((*[36]byte)(b[:36]), g.ids.client(int(dc.client)))
	g.ids.format((*[36]byte)(b[36:]), dc.key)
	ids := string(b[:])
	s := onec.Sale{ClientID: ids[:36], DocumentID: ids[36:], DocumentType: SaleDocument, Period: g.cal.at(d, dc.sec), Lines: 1}
	if dc.ret {
		s.DocumentType = ReturnDocument
	}
	return s
}
