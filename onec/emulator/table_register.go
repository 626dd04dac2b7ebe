package emulator

import (
	"strconv"
	"strings"

	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/onec/demo"
)

// registerTable serves AccumulationRegister_X_RecordType: one row per posted line.
// A row's handle is doc<<16 | line.
type registerTable struct {
	et      *entityType
	s       *store
	types   [2]string // Recorder_Type by document kind
	keyName string    // Recorder_Key or Recorder, for links
	via     bool      // the client field holds the partner's analytics key (УТ 11)
}

// Document types as the composite fields name them.
var docTypes = [2]string{"StandardODATA." + demo.SaleDocument, "StandardODATA." + demo.ReturnDocument}

// newRegisterTable shapes the register after the mapping.
func newRegisterTable(s *store, m onec.RegisterMapping) *registerTable {
	t := &registerTable{s: s, types: docTypes, via: m.ClientVia != nil, keyName: "Recorder"}
	var props []property
	if m.Document == "Recorder_Key" {
		t.keyName = "Recorder_Key"
		props = append(props, ref("Recorder_Key", fRecorder))
	} else {
		props = append(props, text("Recorder", fRecorder), plain("Recorder_Type", edmString, fRecorderType))
	}
	docNames := []string{t.keyName}
	props = append(props, plain(m.Period, edmDate, fPeriod), plain("LineNumber", edmInt64, fLineNumber),
		plain(orDefault(m.Active, "Active"), edmBool, fActive))
	if m.Document != "Recorder" && m.Document != "Recorder_Key" {
		props = append(props, documentDimension(m)...)
		docNames = append(docNames, m.Document)
	}
	props = append(props, refOrText(m.Client, fClient))
	if m.Manager != "" {
		props = append(props, ref(m.Manager, fManager))
	}
	props = append(props, resources(m)...)
	t.et = newEntityType(m.Entity, []string{t.keyName, "LineNumber"}, props...)
	t.et.natural = [][]string{{m.Period}, docNames, {"LineNumber"}}
	return t
}

// documentDimension is a dimension holding the recorder: a composite (Документ +
// Документ_Type) or, named with _Key, a ref to one document type.
func documentDimension(m onec.RegisterMapping) []property {
	if strings.HasSuffix(m.Document, "_Key") {
		return []property{ref(m.Document, fRecorder)}
	}
	return []property{text(m.Document, fRecorder), plain(orDefault(m.DocumentType, m.Document+"_Type"), edmString, fRecorderType)}
}

// resources are the register's numbers and the storno flag.
func resources(m onec.RegisterMapping) []property {
	var props []property
	if m.Quantity != "" {
		props = append(props, plain(m.Quantity, edmDouble, fQuantity))
	}
	props = append(props, plain(m.Amount, edmDouble, fAmount))
	if m.AmountFull != "" {
		props = append(props, plain(m.AmountFull, edmDouble, fAmountFull))
	}
	for i, d := range m.Discounts {
		p := plain(d, edmDouble, fDiscount)
		p.arg, p.shares = i, len(m.Discounts)
		props = append(props, p)
	}
	if m.Storno != "" {
		props = append(props, plain(m.Storno, edmBool, fStorno))
	}
	return props
}

// refOrText is a ref when the name says so (…_Key), else a ref held as text.
func refOrText(name string, f field) property {
	if strings.HasSuffix(name, "_Key") {
		return ref(name, f)
	}
	return text(name, f)
}

// orDefault is s, or def when s is empty.
func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (t *registerTable) entity() *entityType { return t.et }

func (t *registerTable) find(guid) (int64, bool) { return 0, false }

func (t *registerTable) scan(h hint, reverse bool, fn func(int64) bool) {
	lo, hi := t.s.window(h.from, h.to)
	for k := lo; k < hi; k++ {
		i := t.s.order[k]
		if reverse {
			i = t.s.order[hi-1-(k-lo)]
		}
		d := &t.s.docs[i]
		if !d.posted || d.deleted {
			continue
		}
		if !scanRange(int64(i)<<16, int64(d.n), reverse, fn) {
			return
		}
	}
}

func (t *registerTable) value(h int64, p *property) value {
	d := &t.s.docs[h>>16]
	j := int32(h & 0xffff)
	l := &t.s.lines[d.first+j]
	switch p.field {
	case fRecorder:
		if p.guidText {
			return vText(d.id)
		}
		return vGuid(d.id)
	case fRecorderType:
		return vString(t.types[d.kind])
	case fPeriod:
		return vDate(d.wall)
	case fLineNumber:
		return vInt(int64(j) + 1)
	case fActive:
		return vBool(l.flags&lineInactive == 0)
	case fClient:
		return t.client(d, p)
	case fManager:
		return vGuid(t.s.managerOf(d.client))
	case fStorno:
		return vBool(l.flags&lineStorno != 0)
	}
	return lineNumber(l, p)
}

// client is the register's client field: the client, the partner's analytics key,
// or the empty ref for a sale to nobody.
func (t *registerTable) client(d *document, p *property) value {
	id := emptyGUID
	switch {
	case d.client < 0:
	case t.via:
		id = t.s.keyID(d.client, d.key)
	default:
		id = t.s.clients[d.client].id
	}
	if p.guidText {
		return vText(id)
	}
	return vGuid(id)
}

// lineNumber is a numeric resource of a line. The discount is split over the mapped
// discount fields, the first taking the remainder, so that their sum is exact.
func lineNumber(l *line, p *property) value {
	switch p.field {
	case fAmount:
		return vMoney(l.amount, l.flags&lineArtefact != 0)
	case fAmountFull:
		return vMoney(l.amount+l.discount, false)
	case fQuantity:
		return vDecimal(l.quantity, 1000)
	case fDiscount:
		return vMoney(discountShare(l.discount, p.arg, p.shares), false)
	}
	return vNull()
}

// discountShare is share i of a discount split evenly over n fields.
func discountShare(d int64, i, shares int) int64 {
	n := int64(shares)
	if n <= 1 {
		return d
	}
	share := d / n
	if i == 0 {
		return d - share*(n-1)
	}
	return share
}

func (t *registerTable) link(b []byte, h int64) []byte {
	d := &t.s.docs[h>>16]
	if t.keyName == "Recorder_Key" {
		return appendLineLink(b, t.et.name, "Recorder_Key", d.id, int(h&0xffff)+1)
	}
	// A composite key has no guid'…' literal; 1C writes the type beside the value.
	b = append(b, t.et.name...)
	b = append(b, "(Recorder='"...)
	b = onec.AppendGUID(b, d.id)
	b = append(b, "',Recorder_Type='"...)
	b = append(b, t.types[d.kind]...)
	b = append(b, "',LineNumber="...)
	b = strconv.AppendInt(b, h&0xffff+1, 10)
	return append(b, ')')
}
