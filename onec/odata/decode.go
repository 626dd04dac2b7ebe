package odata

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/go-json-experiment/json/jsontext"
)

// errTooMany stops a page that holds more records than asked for.
var errTooMany = errors.New("more records than asked for")

// decodeOptions trade checks 1C never needs for speed: 1C does not repeat names,
// and a stray byte in a client's name must not fail a whole sync.
var decodeOptions = []jsontext.Options{jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true)}

// decoder reads the records of 1C list responses, {"odata.metadata": …,
// "value": [{…}, …]}, token by token into a page. It is reused across requests.
type decoder struct {
	dec     *jsontext.Decoder
	fields  *fieldSet
	slots   []slot // the names met at each position of the last record
	scratch []byte
}

// slot remembers which field a name at one position of a record was: 1C writes
// the fields of every record in the same order, so a byte comparison usually
// replaces the map lookup.
type slot struct {
	name []byte // quoted, as read
	idx  int
}

func newDecoder(fields *fieldSet) *decoder {
	return &decoder{dec: jsontext.NewDecoder(bytes.NewReader(nil), decodeOptions...), fields: fields}
}

// decode reads a whole response into p. It stops with errTooMany after limit
// records, leaving limit records in p; limit ≤ 0 means no limit. An odata.error
// body comes back as *Error.
func (d *decoder) decode(r io.Reader, p *page, limit int) error {
	d.dec.Reset(bomless(r), decodeOptions...)
	p.reset(d.fields.len())
	if err := d.expect('{'); err != nil {
		return err
	}
	seen := false
	for d.dec.PeekKind() == '"' {
		name, err := d.name()
		if err != nil {
			return err
		}
		switch name {
		case "value":
			seen = true
			p.reset(d.fields.len()) // a repeated value replaces the first, as in a map
			if err := d.records(p, limit); err != nil {
				return err
			}
		case "odata.error":
			return d.odataError()
		default:
			if err := d.dec.SkipValue(); err != nil {
				return err
			}
		}
	}
	return d.end(seen)
}

// end reads the closing brace and checks nothing follows.
func (d *decoder) end(seen bool) error {
	if err := d.expect('}'); err != nil {
		return err
	}
	if _, err := d.dec.ReadToken(); err != io.EOF {
		return fmt.Errorf("data after the response object: %v", err)
	}
	if !seen {
		return errors.New("the response has no value list")
	}
	return nil
}

func (d *decoder) expect(k jsontext.Kind) error {
	tok, err := d.dec.ReadToken()
	if err != nil {
		return err
	}
	if tok.Kind() != k {
		return fmt.Errorf("expected %v, found %v at offset %d", k, tok.Kind(), d.dec.InputOffset())
	}
	return nil
}

// name reads an object name; it allocates only for names outside the fields.
func (d *decoder) name() (string, error) {
	raw, err := d.dec.ReadValue()
	if err != nil {
		return "", err
	}
	return string(d.unquote(raw)), nil
}

// unquote returns a string's content, in scratch when it has escapes.
func (d *decoder) unquote(raw []byte) []byte {
	in := raw[1 : len(raw)-1]
	if bytes.IndexByte(in, '\\') < 0 {
		return in
	}
	d.scratch, _ = jsontext.AppendUnquote(d.scratch[:0], raw)
	return d.scratch
}

func (d *decoder) records(p *page, limit int) error {
	if err := d.expect('['); err != nil {
		return err
	}
	for d.dec.PeekKind() == '{' {
		if limit > 0 && p.n == limit {
			return errTooMany
		}
		if err := d.record(p); err != nil {
			return err
		}
	}
	return d.expect(']')
}

func (d *decoder) record(p *page) error {
	if _, err := d.dec.ReadToken(); err != nil {
		return err
	}
	rec := p.add()
	for pos := 0; d.dec.PeekKind() == '"'; pos++ {
		raw, err := d.dec.ReadValue()
		if err != nil {
			return err
		}
		idx := d.field(pos, raw)
		if idx < 0 {
			if err := d.dec.SkipValue(); err != nil {
				return err
			}
			continue
		}
		v, err := d.dec.ReadValue()
		if err != nil {
			return err
		}
		rec[idx] = p.put(v)
	}
	return d.expect('}')
}

// field returns the index of the field named by raw at position pos, or -1.
func (d *decoder) field(pos int, raw []byte) int {
	if pos < len(d.slots) && bytes.Equal(d.slots[pos].name, raw) {
		return d.slots[pos].idx
	}
	idx, ok := d.fields.index[string(d.unquote(raw))]
	if !ok {
		idx = -1
	}
	if pos == len(d.slots) {
		d.slots = append(d.slots, slot{})
	}
	d.slots[pos] = slot{name: append(d.slots[pos].name[:0], raw...), idx: idx}
	return idx
}

// put stores a raw value in the page's text: strings unquoted and trimmed of 1C's
// right padding, numbers and nested JSON as written.
func (p *page) put(v jsontext.Value) span {
	s := span{off: uint32(len(p.text))}
	switch v[0] {
	case 'n':
		s.kind = kindNull
	case 't':
		s.kind = kindTrue
	case 'f':
		s.kind = kindFalse
	case '"':
		s.kind = kindString
		if in := v[1 : len(v)-1]; bytes.IndexByte(in, '\\') < 0 {
			p.text = append(p.text, in...)
		} else {
			p.text, _ = jsontext.AppendUnquote(p.text, v)
		}
		p.text = p.text[:int(s.off)+len(bytes.TrimRight(p.text[s.off:], " "))]
	case '{', '[':
		s.kind = kindRaw
		p.text = append(p.text, v...)
	default:
		s.kind = kindNumber
		p.text = append(p.text, v...)
	}
	s.end = uint32(len(p.text))
	return s
}

// odataError reads the error object of a body whose status said success.
func (d *decoder) odataError() error {
	raw, err := d.dec.ReadValue()
	if err != nil {
		return err
	}
	var e odataError
	if err := json.Unmarshal(raw, &e); err != nil {
		return fmt.Errorf("an unreadable odata.error: %w", err)
	}
	code, msg := e.fields()
	return &Error{Status: 200, Code: code, Message: msg}
}

// bomless drops the UTF-8 byte order mark 1C may put before JSON.
func bomless(r io.Reader) io.Reader {
	return &bomReader{r: r}
}

type bomReader struct {
	r    io.Reader
	done bool
	head []byte
}

func (b *bomReader) Read(p []byte) (int, error) {
	if !b.done {
		if err := b.peek(); err != nil && len(b.head) == 0 {
			return 0, err
		}
	}
	if len(b.head) > 0 {
		n := copy(p, b.head)
		b.head = b.head[n:]
		return n, nil
	}
	return b.r.Read(p)
}

// peek reads the first three bytes and keeps them unless they are a BOM.
func (b *bomReader) peek() error {
	b.done = true
	buf := make([]byte, 3)
	n, err := io.ReadFull(b.r, buf)
	if n == 3 && bytes.Equal(buf, bom) {
		return nil
	}
	b.head = buf[:n]
	if err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	return err
}

var bom = []byte{0xEF, 0xBB, 0xBF}

func trimBOM(b []byte) []byte { return bytes.TrimPrefix(b, bom) }
