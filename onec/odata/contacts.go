package odata

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// contact is what campaigns need of a client's contact information.
type contact struct {
	email, phone string
}

// Contact kinds (the Тип column) and the columns that hold each; Представление is
// the presentation every version has, the others come with newer БСП.
const (
	kindEmail   = "АдресЭлектроннойПочты"
	kindPhone   = "Телефон"
	colKind     = "Тип"
	colEmail    = "АдресЭП"
	colPhone    = "НомерТелефона"
	colPresents = "Представление"
)

// take keeps the first e-mail and the first phone among the rows.
func (c *contact) take(kind, email, phone, presentation string) {
	switch strings.TrimSpace(kind) {
	case kindEmail:
		if c.email == "" {
			c.email = firstOf(email, presentation)
		}
	case kindPhone:
		if c.phone == "" {
			c.phone = firstOf(phone, presentation)
		}
	}
}

// firstOf copies what it keeps: a kept contact must not pin a page of text.
func firstOf(a, b string) string {
	if a = strings.TrimSpace(a); a != "" {
		return strings.Clone(a)
	}
	return strings.Clone(strings.TrimSpace(b))
}

// inlineContacts reads the contact section as it comes inside an element. A
// section that does not parse gives no contacts rather than failing the catalog.
func inlineContacts(raw []byte) contact {
	var rows []map[string]any
	var c contact
	if json.Unmarshal(raw, &rows) != nil {
		return c
	}
	for _, row := range rows {
		c.take(str(row[colKind]), str(row[colEmail]), str(row[colPhone]), str(row[colPresents]))
	}
	return c
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// loadContacts reads the contact section's own entity set, keyed by the owner's
// Ref_Key. Several rows share a Ref_Key, so it pages with $skip in
// Ref_Key, LineNumber order; it is read once per Clients call.
func (r *Reader) loadContacts(ctx context.Context, set string) (map[string]contact, error) {
	f := newFieldSet()
	ref, kind, email, phone, pres := f.add("Ref_Key"), f.add(colKind), f.add(colEmail), f.add(colPhone), f.add(colPresents)
	rd := &reading{dec: newDecoder(f)}
	m := make(map[string]contact)
	what := fmt.Sprintf("read the contacts in %s", set)
	for skip := 0; ; skip += r.pageSize {
		q := list(set, nil, "", "Ref_Key,LineNumber", r.pageSize, skip)
		if err := r.readPage(ctx, r.jsonRequest(what, q), rd, r.pageSize); err != nil {
			return nil, err
		}
		p := &rd.page
		for i := range p.n {
			rec := p.rec(i)
			id := text(p, rec[ref])
			c := m[id]
			c.take(text(p, rec[kind]), text(p, rec[email]), text(p, rec[phone]), text(p, rec[pres]))
			m[id] = c
		}
		if p.n < r.pageSize {
			return m, nil
		}
	}
}
