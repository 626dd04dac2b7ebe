package odata

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
)

// referenceDecode decodes a page the slow, obvious way, through maps, for the
// fuzz and capture tests to compare the streaming decoder with.
func referenceDecode(body []byte, fields *fieldSet) (*page, error) {
	top, err := decodeTop(trimBOM(body))
	if err != nil {
		return nil, err
	}
	if _, ok := top["odata.error"]; ok {
		return nil, errors.New("odata.error")
	}
	raw, ok := top["value"]
	if !ok || !bytes.HasPrefix(bytes.TrimSpace(raw), []byte("[")) {
		return nil, errors.New("no value list")
	}
	var recs []json.RawMessage
	if err := json.Unmarshal(raw, &recs); err != nil {
		return nil, err
	}
	p := &page{}
	p.reset(fields.len())
	for _, rec := range recs {
		if err := referenceRecord(rec, fields, p); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func decodeTop(body []byte) (map[string]json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	var top map[string]json.RawMessage
	if err := dec.Decode(&top); err != nil {
		return nil, err
	}
	if top == nil {
		return nil, errors.New("not an object")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("trailing data")
	}
	return top, nil
}

func referenceRecord(rec json.RawMessage, fields *fieldSet, p *page) error {
	if !bytes.HasPrefix(bytes.TrimSpace(rec), []byte("{")) {
		return errors.New("record is not an object")
	}
	dec := json.NewDecoder(bytes.NewReader(rec))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return err
	}
	spans := p.add()
	for name, v := range m {
		if i, ok := fields.index[name]; ok {
			spans[i] = p.putAny(v)
		}
	}
	return nil
}

func (p *page) putAny(v any) span {
	s := span{off: uint32(len(p.text))}
	switch v := v.(type) {
	case nil:
		s.kind = kindNull
	case bool:
		s.kind = kindFalse
		if v {
			s.kind = kindTrue
		}
	case json.Number:
		s.kind = kindNumber
		p.text = append(p.text, v...)
	case string:
		s.kind = kindString
		p.text = append(p.text, strings.TrimRight(v, " ")...)
	default:
		s.kind = kindRaw
		b, _ := json.Marshal(v)
		p.text = append(p.text, b...)
	}
	s.end = uint32(len(p.text))
	return s
}

// samePages compares two pages field by field; raw JSON is compared by kind only,
// since the reference re-encodes it.
func samePages(a, b *page) (string, bool) {
	if a.n != b.n || a.nf != b.nf {
		return "record counts differ", false
	}
	for i := range a.n {
		ra, rb := a.rec(i), b.rec(i)
		for j := range ra {
			if ra[j].kind != rb[j].kind {
				return "kinds differ", false
			}
			if ra[j].kind != kindRaw && !bytes.Equal(a.bytes(ra[j]), b.bytes(rb[j])) {
				return "values differ: " + string(a.bytes(ra[j])) + " vs " + string(b.bytes(rb[j])), false
			}
		}
	}
	return "", true
}
