package emulator

import (
	"fmt"

	"github.com/rfm9/rfm9/onec"
)

// docTable serves one document journal (sales or returns); a row's handle is the
// document's index.
type docTable struct {
	et   *entityType
	s    *store
	kind uint8
}

// Document numbers: 1C pads a number shorter than its length with spaces.
const (
	numberLength = 11
	numberPrefix = "ТД-"
)

// newDocTable shapes a document type: standard fields, the client, the organisation
// and the total.
func newDocTable(s *store, name string, kind uint8, m onec.Mapping) *docTable {
	clientField := m.Register.Client
	if v := m.Register.ClientVia; v != nil {
		clientField = v.Field // the document names the partner; the register its key
	}
	props := []property{
		ref("Ref_Key", fRef), plain("DataVersion", edmString, fDataVersion), plain("DeletionMark", edmBool, fDeletionMark),
		plain("Number", edmString, fNumber), plain("Date", edmDate, fDate), plain("Posted", edmBool, fPosted),
		refOrText(clientField, fClient), ref("Организация_Key", fOrganization), plain("СуммаДокумента", edmDouble, fDocSum),
		plain("ДатаВходящегоДокумента", edmDate, fIncomingDate),
	}
	t := &docTable{s: s, kind: kind, et: newEntityType(name, []string{"Ref_Key"}, props...)}
	t.et.natural = [][]string{{"Date"}, {"Ref_Key"}}
	return t
}

func (t *docTable) entity() *entityType { return t.et }

func (t *docTable) find(id guid) (int64, bool) {
	i, ok := t.s.docBy[id]
	if !ok || t.s.docs[i].kind != t.kind || t.s.docs[i].deleted {
		return 0, false
	}
	return int64(i), true
}

func (t *docTable) scan(h hint, reverse bool, fn func(int64) bool) {
	if id, ok := h.refs.exact(); ok {
		if i, ok := t.find(id); ok && t.s.docs[i].wall >= h.from && t.s.docs[i].wall < h.to {
			fn(i)
		}
		return
	}
	lo, hi := t.s.window(h.from, h.to)
	for k := lo; k < hi; k++ {
		i := t.s.order[k]
		if reverse {
			i = t.s.order[hi-1-(k-lo)]
		}
		if d := &t.s.docs[i]; d.kind == t.kind && !d.deleted && !fn(int64(i)) {
			return
		}
	}
}

func (t *docTable) value(h int64, p *property) value {
	d := &t.s.docs[h]
	switch p.field {
	case fRef:
		return vGuid(d.id)
	case fDataVersion:
		return dataVersion(d.id, d.version)
	case fDeletionMark:
		return vBool(false)
	case fNumber:
		return vString(padRight(fmt.Sprintf("%s%06d", numberPrefix, d.number), numberLength))
	case fDate:
		return vDate(d.wall)
	case fPosted:
		return vBool(d.posted)
	case fClient:
		return t.client(d, p)
	case fOrganization:
		return vGuid(t.s.orgs[0])
	case fDocSum:
		return vMoney(docSum(t.s.docLines(d)), false)
	case fIncomingDate:
		// The client's own paper: a return names its date, a sale has none, and
		// 1C sends the empty date.
		return vDate(pick(d.kind == docReturn, d.wall, emptyDate))
	}
	return vNull()
}

// client is the document's client, or the empty ref.
func (t *docTable) client(d *document, p *property) value {
	id := emptyGUID
	if d.client >= 0 {
		id = t.s.clients[d.client].id
	}
	if p.guidText {
		return vText(id)
	}
	return vGuid(id)
}

// docSum is the total of the active lines.
func docSum(ls []line) int64 {
	var sum int64
	for _, l := range ls {
		if l.flags&lineInactive == 0 {
			sum += l.amount
		}
	}
	return sum
}

func (t *docTable) link(b []byte, h int64) []byte {
	return appendRefLink(b, t.et.name, t.s.docs[h].id)
}

// padRight pads s with spaces to n characters, as 1C sends fixed-length strings.
func padRight(s string, n int) string {
	for k := len([]rune(s)); k < n; k++ {
		s += " "
	}
	return s
}
