package odata

import (
	"strings"

	"github.com/rfm9/rfm9/onec"
)

// register is the sales register's fields as indexes into the decoded records.
// Unmapped fields are -1 and read as absent.
type register struct {
	set                               *fieldSet
	sel                               []string // $select: the mapped names only
	period, active, doc, docAlt       int
	docType, client, amount, full     int
	quantity, storno                  int
	discounts                         []int
	docField, periodField, entityName string
}

func newRegister(m onec.RegisterMapping) *register {
	f := newFieldSet()
	r := &register{set: f, entityName: m.Entity, docField: m.Document, periodField: m.Period}
	r.period = f.add(m.Period)
	r.active = f.add(m.Active)
	r.doc = f.add(m.Document)
	r.docType = f.add(m.DocumentType)
	r.client = f.add(m.Client)
	r.amount = f.add(m.Amount)
	r.full = f.add(m.AmountFull)
	r.quantity = f.add(m.Quantity)
	r.storno = f.add(m.Storno)
	for _, d := range m.Discounts {
		r.discounts = append(r.discounts, f.add(d))
	}
	r.sel = append([]string(nil), f.names...)
	r.docAlt = f.add(altDocument(m.Document))
	return r
}

// altDocument is the other spelling of the document field: a register with one
// recorder type has Recorder_Key where a mapping may say Recorder, and back.
func altDocument(name string) string {
	if base, ok := strings.CutSuffix(name, "_Key"); ok {
		return base
	}
	return name + "_Key"
}

// orderBy gives windows a total order, so that $skip inside a crowded second is
// stable: the register's key is the recorder and the line number.
func (r *register) orderBy() string {
	return r.periodField + "," + r.docField + ",LineNumber"
}
