package emulator

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/rfm9/rfm9/onec"
)

// ErrNotFound is returned by the document methods for a ref the base does not have.
var ErrNotFound = errors.New("1c emulator: no such document")

// NewDocument is a document CreateDocument posts, as a sync test needs one.
type NewDocument struct {
	ClientID string    // the client's Ref_Key, or onec.EmptyRef
	Date     time.Time // shown in the base's time zone, to the second
	Amounts  []int64   // line amounts in kopecks (negative on a return); one unit each
	Return   bool      // Document_ВозвратТоваровОтКлиента instead of a sale
}

// maxLines bounds the lines of one document (a handle keeps 16 bits for the line).
const maxLines = math.MaxUint16 - 1

// CreateDocument posts a new document and returns its Ref_Key. Its lines carry the
// client's first analytics key.
func (e *Emulator) CreateDocument(d NewDocument) (string, error) {
	if len(d.Amounts) == 0 || len(d.Amounts) > maxLines {
		return "", fmt.Errorf("1c emulator: create document: %d lines", len(d.Amounts))
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	c, err := e.clientIndex(d.ClientID)
	if err != nil {
		return "", err
	}
	s := e.s
	e.created++
	doc := document{
		id: s.ids.make(idNewDoc, e.created), wall: wallSeconds(d.Date.In(e.opts.Location)),
		client: c, posted: true, version: 1, kind: pick(d.Return, docReturn, docSale),
	}
	s.numbers[doc.kind]++
	doc.number = s.numbers[doc.kind]
	doc.first, doc.n = appendLines(s, d.Amounts)
	i := int32(len(s.docs))
	s.docs = append(s.docs, doc)
	s.docBy[doc.id] = i
	at, _ := slices.BinarySearchFunc(s.order, i, s.less)
	s.order = slices.Insert(s.order, at, i)
	return doc.id.String(), nil
}

// clientIndex finds a client by ref; the empty ref is a sale to nobody.
func (e *Emulator) clientIndex(id string) (int32, error) {
	if id == onec.EmptyRef {
		return -1, nil
	}
	g, ok := onec.ParseGUID(id)
	c, found := e.s.clientBy[g]
	if !ok || !found {
		return 0, fmt.Errorf("1c emulator: create document: no client %q", id)
	}
	return c, nil
}

// wallSeconds is t's wall clock as seconds of a UTC clock.
func wallSeconds(t time.Time) int64 {
	_, off := t.Zone()
	return t.Unix() + int64(off)
}

// appendLines adds one line per amount, a unit each, and returns their place.
func appendLines(s *store, amounts []int64) (int32, uint16) {
	first := int32(len(s.lines))
	for _, a := range amounts {
		s.lines = append(s.lines, line{amount: a, quantity: 1000})
	}
	return first, uint16(len(amounts))
}

// RepostDocument rewrites a document's register lines with new amounts (kopecks, a
// unit each) and posts it: a new DataVersion, all lines active.
func (e *Emulator) RepostDocument(id string, amounts []int64) error {
	if len(amounts) == 0 || len(amounts) > maxLines {
		return fmt.Errorf("1c emulator: repost %s: %d lines", id, len(amounts))
	}
	return e.update(id, func(s *store, d *document) {
		if len(amounts) <= int(d.n) {
			for j, a := range amounts {
				s.lines[d.first+int32(j)] = line{amount: a, quantity: 1000}
			}
			d.n = uint16(len(amounts))
		} else {
			d.first, d.n = appendLines(s, amounts)
		}
		d.posted = true
	})
}

// UnpostDocument cancels a document's posting: its register lines disappear and it
// shows Posted false.
func (e *Emulator) UnpostDocument(id string) error {
	return e.update(id, func(_ *store, d *document) { d.posted = false })
}

// DeleteDocument deletes a document outright: it and its lines disappear.
func (e *Emulator) DeleteDocument(id string) error {
	return e.update(id, func(s *store, d *document) {
		d.deleted = true
		delete(s.docBy, d.id)
	})
}

// update changes a document under the write lock and bumps its version.
func (e *Emulator) update(id string, fn func(*store, *document)) error {
	g, ok := onec.ParseGUID(id)
	if !ok {
		return fmt.Errorf("%w: %q", ErrNotFound, id)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	i, ok := e.s.docBy[g]
	if !ok {
		return fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	d := &e.s.docs[i]
	fn(e.s, d)
	d.version++
	return nil
}
