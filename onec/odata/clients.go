package odata

import (
	"context"
	"strings"

	"github.com/rfm9/rfm9/onec"
)

// Clients streams the mapped client catalog, a page at a time; see onec.Catalog.
// Folders and elements marked for deletion are left out. The catalog is read
// without $select: a catalog that is not hierarchical has no IsFolder, and 1C
// would refuse the whole query for naming it, so folders are dropped here.
// Contact information comes inline with each element, or, when the elements
// carry no such tabular section, from its own entity set.
func (r *Reader) Clients(ctx context.Context, fn func([]onec.Client) error) error {
	cm := r.cfg.Mapping.Clients
	cf := newClientFields(cm)
	pg := r.newPager(cm.Entity, "read clients", cf.set, nil, "DeletionMark eq false")
	var contacts map[string]contact
	batch := make([]onec.Client, 0, r.pageSize)
	for first := true; ; first = false {
		p, err := pg.next(ctx)
		if err != nil || p == nil {
			return err
		}
		if first && cm.ContactInfo != "" && !cf.inline(p) {
			if contacts, err = r.loadContacts(ctx, cm.ContactInfo); err != nil {
				return err
			}
		}
		batch = cf.convert(p, contacts, batch[:0])
		if len(batch) == 0 {
			continue
		}
		if err := fn(batch); err != nil {
			return err
		}
	}
}

// clientFields is the catalog's fields as indexes into the decoded elements.
type clientFields struct {
	set                                 *fieldSet
	folder, deleted, name, inn, manager int
	section                             int // the inline contact section, or -1
	extra                               map[string]int
}

func newClientFields(cm onec.CatalogMapping) *clientFields {
	f := newFieldSet()
	cf := &clientFields{set: f, extra: make(map[string]int, len(cm.Fields))}
	f.add("Ref_Key")
	cf.folder, cf.deleted = f.add("IsFolder"), f.add("DeletionMark")
	cf.name, cf.inn, cf.manager = f.add(cm.Name), f.add(cm.INN), f.add(cm.Manager)
	cf.section = f.add(sectionName(cm.Entity, cm.ContactInfo))
	for key, field := range cm.Fields {
		cf.extra[key] = f.add(field)
	}
	return cf
}

// sectionName is the tabular section's name within the element:
// Catalog_Контрагенты_КонтактнаяИнформация → КонтактнаяИнформация.
func sectionName(entity, set string) string {
	name, ok := strings.CutPrefix(set, entity+"_")
	if !ok {
		return ""
	}
	return name
}

// inline tells whether the page's elements carry the contact section themselves.
func (cf *clientFields) inline(p *page) bool {
	if cf.section < 0 {
		return false
	}
	for i := range p.n {
		if p.rec(i)[cf.section].kind != kindAbsent {
			return true
		}
	}
	return false
}

// convert appends the page's clients to out. Client strings are copied: a kept
// client must not pin a whole page of catalog text.
func (cf *clientFields) convert(p *page, contacts map[string]contact, out []onec.Client) []onec.Client {
	for i := range p.n {
		rec := p.rec(i)
		id := text(p, rec[0])
		if id == "" || id == onec.EmptyRef || isTrue(p, rec[cf.folder]) || isTrue(p, rec[cf.deleted]) {
			continue
		}
		c := onec.Client{
			ID:      strings.Clone(id),
			Name:    strings.Clone(text(p, get(rec, cf.name))),
			INN:     strings.Clone(text(p, get(rec, cf.inn))),
			Manager: strings.Clone(value(p, get(rec, cf.manager))),
		}
		ct := contacts[id]
		if cf.section >= 0 && rec[cf.section].kind == kindRaw {
			ct = inlineContacts(p.bytes(rec[cf.section]))
		}
		c.Email, c.Phone = ct.email, ct.phone
		c.Fields = cf.fields(p, rec)
		out = append(out, c)
	}
	return out
}

// fields renders the mapped extra fields; every key is present, empty when 1C
// has no value.
func (cf *clientFields) fields(p *page, rec []span) map[string]string {
	if len(cf.extra) == 0 {
		return nil
	}
	m := make(map[string]string, len(cf.extra))
	for key, i := range cf.extra {
		m[key] = strings.Clone(value(p, get(rec, i)))
	}
	return m
}

// value renders a field for people: the empty ref and the empty date read as
// nothing, booleans as true or false.
func value(p *page, v span) string {
	switch v.kind {
	case kindTrue:
		return "true"
	case kindFalse:
		return "false"
	case kindString, kindNumber:
		s := p.string(v)
		if s == onec.EmptyRef || s == "0001-01-01T00:00:00" {
			return ""
		}
		return s
	}
	return ""
}
