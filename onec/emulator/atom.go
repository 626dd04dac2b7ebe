package emulator

import (
	"github.com/rfm9/rfm9/onec"
	"strconv"
	"time"
	"unicode/utf8"
)

// XML namespaces of OData v3.
const (
	xmlHeader  = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"
	nsAtom     = "http://www.w3.org/2005/Atom"
	nsData     = "http://schemas.microsoft.com/ado/2007/08/dataservices"
	nsMetadata = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"
	nsScheme   = "http://schemas.microsoft.com/ado/2007/08/dataservices/scheme"
	nsEdmx     = "http://schemas.microsoft.com/ado/2007/06/edmx"
	nsEdm      = "http://schemas.microsoft.com/ado/2009/11/edm"
)

// atomEnc writes the Atom feed 1C answers with when no JSON is asked for. It is
// minimal but valid: id, title, updated and one entry per entity with its properties
// in m:properties; no edit links or author details beyond what Atom requires.
type atomEnc struct {
	service string
	updated string // one timestamp for the whole response
}

// newAtomEnc stamps the feed with the current time.
func newAtomEnc(service string) *atomEnc {
	return &atomEnc{service: service, updated: time.Now().UTC().Format("2006-01-02T15:04:05Z")}
}

func (e *atomEnc) contentType() string { return contentAtom }

func (e *atomEnc) start(b []byte, set string, count int64, withCount bool) []byte {
	b = append(b, xmlHeader...)
	b = append(b, `<feed xmlns="`+nsAtom+`" xmlns:d="`+nsData+`" xmlns:m="`+nsMetadata+`" xml:base="`...)
	b = appendXMLText(b, e.service)
	b = append(b, `"><id>`...)
	b = appendXMLText(b, e.service+set)
	b = append(b, `</id><title type="text">`...)
	b = appendXMLText(b, set)
	b = append(b, `</title><updated>`+e.updated+`</updated>`...)
	if withCount {
		b = append(b, "<m:count>"...)
		b = strconv.AppendInt(b, count, 10)
		b = append(b, "</m:count>"...)
	}
	return b
}

func (e *atomEnc) entity(b []byte, t table, h int64, sel []bool, _ bool) []byte {
	b = append(b, "\n<entry>"...)
	return e.body(b, t, h, sel)
}

func (e *atomEnc) end(b []byte) []byte { return append(b, "\n</feed>"...) }

func (e *atomEnc) single(b []byte, t table, h int64, sel []bool) []byte {
	b = append(b, xmlHeader...)
	b = append(b, `<entry xmlns="`+nsAtom+`" xmlns:d="`+nsData+`" xmlns:m="`+nsMetadata+`" xml:base="`...)
	b = appendXMLText(b, e.service)
	b = append(b, `">`...)
	return e.body(b, t, h, sel)
}

// body appends an entry's content after its opening tag, and closes it.
func (e *atomEnc) body(b []byte, t table, h int64, sel []bool) []byte {
	b = append(b, "<id>"...)
	b = appendXMLText(b, string(t.link([]byte(e.service), h)))
	b = append(b, `</id><category term="StandardODATA.`...)
	b = appendXMLText(b, t.entity().name)
	b = append(b, `" scheme="`+nsScheme+`"/><title type="text"/><updated>`+e.updated+`</updated>`...)
	b = append(b, `<author><name/></author><content type="application/xml"><m:properties>`...)
	b = e.properties(b, t, h, sel)
	return append(b, "</m:properties></content></entry>"...)
}

// properties appends the selected properties of row h as d: elements.
func (e *atomEnc) properties(b []byte, t table, h int64, sel []bool) []byte {
	et := t.entity()
	for i := range et.props {
		if sel == nil || sel[i] {
			p := &et.props[i]
			b = e.property(b, p, t.value(h, p))
		}
	}
	return b
}

// property appends one d: element with its m:type (none for Edm.String).
func (e *atomEnc) property(b []byte, p *property, v value) []byte {
	b = append(b, "<d:"...)
	b = append(b, p.name...)
	switch {
	case v.k == kNull:
		return append(b, ` m:null="true"/>`...)
	case v.k == kRows:
		b = append(b, ` m:type="Collection(StandardODATA.`...)
		b = append(b, p.rows.name...)
		b = append(b, `_RowType)">`...)
		b = e.rows(b, p, v)
	case p.typ != edmString:
		b = append(b, ` m:type="`...)
		b = append(b, edmNames[p.typ]...)
		b = append(b, `">`...)
		b = appendXMLValue(b, v)
	default:
		b = append(b, '>')
		b = appendXMLValue(b, v)
	}
	b = append(b, "</d:"...)
	b = append(b, p.name...)
	return append(b, '>')
}

// rows appends the rows of a tabular section as d:element items.
func (e *atomEnc) rows(b []byte, p *property, v value) []byte {
	for k := range int64(v.n) {
		b = append(b, "<d:element>"...)
		b = e.properties(b, p.child, v.i+k, nil)
		b = append(b, "</d:element>"...)
	}
	return b
}

// appendXMLValue appends a scalar value's text.
func appendXMLValue(b []byte, v value) []byte {
	switch v.k {
	case kGuid, kGuidText:
		return onec.AppendGUID(b, v.g)
	case kString:
		return appendXMLText(b, v.s)
	case kInt:
		return strconv.AppendInt(b, v.i, 10)
	case kDouble:
		return strconv.AppendFloat(b, v.f, 'f', -1, 64)
	case kBool:
		return strconv.AppendBool(b, v.b)
	case kDate:
		return appendDate(b, v.i)
	case kVersion:
		return appendVersion(b, v.i)
	}
	return b
}

// appendXMLText appends s escaped for XML text and attributes; characters XML
// cannot hold become U+FFFD.
func appendXMLText(b []byte, s string) []byte {
	for _, r := range s {
		switch {
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '"':
			b = append(b, "&quot;"...)
		case r == '\'':
			b = append(b, "&apos;"...)
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r':
			b = utf8.AppendRune(b, utf8.RuneError)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}
