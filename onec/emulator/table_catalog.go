package emulator

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/rfm9/rfm9/onec"
)

// catalogTable serves the client catalog: the folders, then the clients. A row's
// handle is the folder's index, or len(folders) + the client's index.
type catalogTable struct {
	et    *entityType
	s     *store
	order []int64 // handles by Ref_Key: the natural order, for keyset paging
}

// Catalog codes: 1C pads a code shorter than its length with spaces.
const (
	codeLength = 11
	codePrefix = "00-"
)

// newCatalogTable shapes the client catalog after the mapping; contacts serves its
// contact information section, or is nil.
func newCatalogTable(s *store, m onec.CatalogMapping, contacts *contactsTable) *catalogTable {
	props := catalogHead("Description")
	props = append(props, plain(m.Name, edmString, fDescription))
	if m.INN != "" {
		props = append(props, nullable(plain(m.INN, edmString, fINN)))
	}
	if m.Manager != "" {
		props = append(props, nullable(ref(m.Manager, fManager)))
	}
	props = append(props, extraFields(m.Fields)...)
	if contacts != nil {
		section := strings.TrimPrefix(m.ContactInfo, m.Entity+"_")
		props = append(props, property{name: section, typ: edmRows, field: fContacts, rows: contacts.et, child: contacts})
	}
	props = append(props, catalogTail()...)
	t := &catalogTable{s: s, et: newEntityType(m.Entity, []string{"Ref_Key"}, props...)}
	t.et.natural = [][]string{{"Ref_Key"}}
	t.order = sortedByRef(len(s.folders)+len(s.clients), t.ref)
	return t
}

// extraFields are the catalog fields a mapping names for message templates: the ones
// the demo knows get values, the others are empty.
func extraFields(fields map[string]string) []property {
	var props []property
	for _, key := range slices.Sorted(maps.Keys(fields)) {
		name := fields[key]
		switch {
		case name == "КПП":
			props = append(props, nullable(plain(name, edmString, fKPP)))
		case name == "ЮрФизЛицо" || name == "ЮридическоеФизическоеЛицо":
			props = append(props, nullable(plain(name, edmString, fKind)))
		case strings.HasSuffix(name, "_Key"):
			props = append(props, nullable(ref(name, fExtra)))
		default:
			props = append(props, nullable(plain(name, edmString, fExtra)))
		}
	}
	return props
}

func (t *catalogTable) entity() *entityType { return t.et }

func (t *catalogTable) find(id guid) (int64, bool) {
	for i, f := range t.s.folders {
		if f.id == id {
			return int64(i), true
		}
	}
	c, ok := t.s.clientBy[id]
	return int64(len(t.s.folders)) + int64(c), ok
}

func (t *catalogTable) scan(h hint, reverse bool, fn func(int64) bool) {
	scanSorted(t.order, t.ref, h.refs, reverse, fn)
}

// ref is the Ref_Key of row h.
func (t *catalogTable) ref(h int64) guid {
	if nf := int64(len(t.s.folders)); h >= nf {
		return t.s.clients[h-nf].id
	}
	return t.s.folders[h].id
}

func (t *catalogTable) value(h int64, p *property) value {
	nf := int64(len(t.s.folders))
	if h < nf {
		return t.folderValue(int(h), p)
	}
	c := &t.s.clients[h-nf]
	switch p.field {
	case fRef:
		return vGuid(c.id)
	case fDataVersion:
		return dataVersion(c.id, 1)
	case fDeletionMark:
		return vBool(c.deleted)
	case fParent:
		return vGuid(t.folderID(c.parent))
	case fIsFolder:
		return vBool(false)
	case fCode:
		return vString(code(h))
	case fManager:
		return vGuid(t.s.managerOf(int32(h - nf)))
	case fContacts:
		return vRows(int(h-nf)*4, contactRows(c))
	}
	return clientText(c, p)
}

// clientText is a string field of a client.
func clientText(c *client, p *property) value {
	switch p.field {
	case fDescription:
		return vString(c.name)
	case fINN:
		return vString(c.inn)
	case fKPP:
		return vString(c.kpp)
	case fKind:
		return vString(c.kind)
	case fPredefined:
		return vBool(false)
	case fExtra:
		return emptyOf(p)
	}
	return vString("")
}

// folderValue is a field of folder i; fields only items have are null.
func (t *catalogTable) folderValue(i int, p *property) value {
	f := &t.s.folders[i]
	switch p.field {
	case fRef:
		return vGuid(f.id)
	case fDataVersion:
		return dataVersion(f.id, 1)
	case fDeletionMark, fPredefined:
		return vBool(false)
	case fParent:
		return vGuid(t.folderID(f.parent))
	case fIsFolder:
		return vBool(true)
	case fCode:
		return vString(code(int64(i)))
	case fDescription:
		return vString(f.name)
	case fContacts:
		return vRows(0, 0)
	case fPredefinedName:
		return vString("")
	}
	return vNull()
}

// folderID is the ref of folder i, or the empty ref for the top level.
func (t *catalogTable) folderID(i int8) guid {
	if i < 0 {
		return emptyGUID
	}
	return t.s.folders[i].id
}

// emptyOf is the empty value of a property's type.
func emptyOf(p *property) value {
	if p.typ == edmGuid {
		return vGuid(emptyGUID)
	}
	return vString("")
}

// code is the padded code of catalog row h.
func code(h int64) string {
	return padRight(fmt.Sprintf("%s%06d", codePrefix, h+1), codeLength)
}

func (t *catalogTable) link(b []byte, h int64) []byte {
	return appendRefLink(b, t.et.name, t.ref(h))
}
