package emulator

import (
	"github.com/rfm9/rfm9/onec"
	"strconv"
	"unicode/utf8"
)

// jsonEnc writes OData v3 JSON as 1C does: one property a line, Int64 as strings,
// dates without a zone, navigation links after the fields.
type jsonEnc struct {
	service string // the service root, for odata.metadata
	meta    bool   // false for odata=nometadata: no odata.metadata, no links
	links   []*property
}

func (e *jsonEnc) contentType() string { return contentJSON }

func (e *jsonEnc) start(b []byte, set string, count int64, withCount bool) []byte {
	b = append(b, "{\n"...)
	if e.meta {
		b = e.metadata(b, set, "")
	}
	if withCount {
		b = append(b, `"odata.count": "`...)
		b = strconv.AppendInt(b, count, 10)
		b = append(b, "\",\n"...)
	}
	return append(b, `"value": [`...)
}

// metadata appends the odata.metadata line.
func (e *jsonEnc) metadata(b []byte, set, suffix string) []byte {
	b = append(b, `"odata.metadata": "`...)
	b = append(b, e.service...)
	b = append(b, "$metadata#"...)
	b = append(b, set...)
	b = append(b, suffix...)
	return append(b, "\",\n"...)
}

func (e *jsonEnc) entity(b []byte, t table, h int64, sel []bool, first bool) []byte {
	if !first {
		b = append(b, ',')
	}
	b = append(b, "{\n"...)
	b = e.fields(b, t, h, sel)
	return append(b, "\n}"...)
}

func (e *jsonEnc) end(b []byte) []byte { return append(b, "]\n}"...) }

func (e *jsonEnc) single(b []byte, t table, h int64, sel []bool) []byte {
	b = append(b, "{\n"...)
	if e.meta {
		b = e.metadata(b, t.entity().name, "/@Element")
	}
	b = e.fields(b, t, h, sel)
	return append(b, "\n}"...)
}

// fields appends the selected properties of row h, then their navigation links.
func (e *jsonEnc) fields(b []byte, t table, h int64, sel []bool) []byte {
	et := t.entity()
	first := true
	for i := range et.props {
		if sel != nil && !sel[i] {
			continue
		}
		if !first {
			b = append(b, ",\n"...)
		}
		first = false
		p := &et.props[i]
		b = append(b, p.jsonKey...)
		b = e.value(b, p, t.value(h, p))
	}
	if !e.meta {
		return b
	}
	e.links = navLinks(t, h, sel, e.links[:0])
	for _, p := range e.links {
		b = append(b, ",\n\""...)
		b = append(b, p.nav...)
		b = append(b, `@navigationLinkUrl": "`...)
		b = t.link(b, h)
		b = append(b, '/')
		b = append(b, p.nav...)
		b = append(b, '"')
	}
	return b
}

// value appends one value.
func (e *jsonEnc) value(b []byte, p *property, v value) []byte {
	switch v.k {
	case kGuid, kGuidText:
		b = append(b, '"')
		b = onec.AppendGUID(b, v.g)
		return append(b, '"')
	case kString:
		return appendJSONString(b, v.s)
	case kInt:
		b = append(b, '"')
		b = strconv.AppendInt(b, v.i, 10)
		return append(b, '"')
	case kDouble:
		return strconv.AppendFloat(b, v.f, 'f', -1, 64)
	case kBool:
		return strconv.AppendBool(b, v.b)
	case kDate:
		b = append(b, '"')
		b = appendDate(b, v.i)
		return append(b, '"')
	case kVersion:
		b = append(b, '"')
		b = appendVersion(b, v.i)
		return append(b, '"')
	case kRows:
		return e.rows(b, p, v)
	}
	return append(b, "null"...)
}

// rows appends a tabular section inline: an array of its rows with all fields.
func (e *jsonEnc) rows(b []byte, p *property, v value) []byte {
	// fields reuses e.links; the owner's links are collected after its values.
	b = append(b, '[')
	for k := range int64(v.n) {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, "{\n"...)
		b = e.fields(b, p.child, v.i+k, nil)
		b = append(b, "\n}"...)
	}
	return append(b, ']')
}

// appendJSONString appends s quoted, escaping what JSON requires and leaving other
// UTF-8 (Cyrillic) as it is, as 1C does.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c == '\t':
			b = append(b, '\\', 't')
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		case c < utf8.RuneSelf:
			b = append(b, c)
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			b = utf8.AppendRune(b, r) // invalid bytes become U+FFFD
			i += size
			continue
		}
		i++
	}
	return append(b, '"')
}
