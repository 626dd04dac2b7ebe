package odata

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// param is one query option, kept in order so that URLs are stable in logs and tests.
type param struct{ key, value string }

// query is a request for one entity set.
type query struct {
	entity string
	params []param
}

func (q *query) set(key, value string) *query {
	q.params = append(q.params, param{key, value})
	return q
}

// list asks for JSON with the usual options; empty ones are left out.
func list(entity string, sel []string, filter, orderby string, top, skip int) *query {
	q := &query{entity: entity}
	q.set("$format", "json")
	if len(sel) > 0 {
		q.set("$select", strings.Join(sel, ","))
	}
	if filter != "" {
		q.set("$filter", filter)
	}
	if orderby != "" {
		q.set("$orderby", orderby)
	}
	if top > 0 {
		q.set("$top", strconv.Itoa(top))
	}
	if skip > 0 {
		q.set("$skip", strconv.Itoa(skip))
	}
	return q
}

// url renders the query under the publication address.
func (q *query) url(base string) string {
	var b strings.Builder
	b.WriteString(base)
	b.WriteString(escape(q.entity))
	for i, p := range q.params {
		b.WriteByte("?&"[min(i, 1)])
		b.WriteString(escape(p.key))
		b.WriteByte('=')
		b.WriteString(escape(p.value))
	}
	return b.String()
}

// escape percent-encodes UTF-8 for a URL path or query value. Spaces become %20:
// 1C does not read + as a space. The characters OData's syntax uses are kept, the
// ones that would cut the query (& = + # ? %) are encoded.
func escape(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s) * 3)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if keep(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func keep(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~'(),:$*@/", c) >= 0
}

// guidPattern is 1C's textual ref; anything else must not reach a guid'…' literal.
var guidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// guidLiteral renders a ref for $filter, refusing text that is not a GUID.
func guidLiteral(ref string) (string, error) {
	if !guidPattern.MatchString(ref) {
		return "", fmt.Errorf("%q is not a 1C ref", ref)
	}
	return "guid'" + ref + "'", nil
}

// and joins filter terms, leaving out empty ones.
func and(terms ...string) string {
	out := terms[:0:0]
	for _, t := range terms {
		if t != "" {
			out = append(out, t)
		}
	}
	return strings.Join(out, " and ")
}
