package sqlread

import (
	"context"
	"crypto/sha256"
	"fmt"
	"time"

	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/onec/demo"
)

// testYearOffset is the offset 1C gives bases created for SQL Server's old date type.
const testYearOffset = 2000

// sink is a database the fixture is written into.
type sink interface {
	exec(ctx context.Context, sql string) error
	create(ctx context.Context, table string, cols []cell) error
	copy(ctx context.Context, table string, cols []cell, produce func(emit func([]cell) error) error) error
	yearOffset(ctx context.Context, offset int) error
	index(ctx context.Context, table string, cols ...string) error
}

// fixture fills a 1C-like database for one preset from the demo generator, adding the
// records a reader must leave out, and counts them.
type fixture struct {
	l      layout
	opts   demo.Options
	loc    *time.Location
	skips  map[string]int64 // the lines the reader must skip, by reason
	storno int              // storno lines written, which the reader must negate
}

func newFixture(preset string, opts demo.Options) *fixture {
	return &fixture{l: layouts[preset], opts: opts, loc: testLocation(), skips: map[string]int64{}}
}

// testLocation is the demo's zone: Europe/Moscow, or UTC+3 without tzdata (the same
// wall clock for the demo's years).
func testLocation() *time.Location {
	if loc, err := time.LoadLocation("Europe/Moscow"); err == nil {
		return loc
	}
	return time.FixedZone("MSK", 3*3600)
}

// fill creates and fills every table the preset's mapping reads.
func (fx *fixture) fill(ctx context.Context, s sink) error {
	if err := s.yearOffset(ctx, testYearOffset); err != nil {
		return err
	}
	steps := []struct {
		table   string
		cols    []cell
		produce func(emit func([]cell) error) error
	}{
		{fx.l.reg.table, fx.l.reg.cells(nil, &regLine{}), fx.register},
		{fx.l.cat.table, fx.l.cat.cells(nil, nil, false, true, nil, "", "", "", nil), fx.catalog},
		{fx.l.contacts.table, fx.l.contacts.cells(nil, nil, 0, nil, "", ""), fx.contactLines},
		{fx.l.enum.table, []cell{{fx.l.enum.ref, kRef, nil}, {fx.l.enum.order, kInt, nil}}, fx.enumValues},
	}
	if k := fx.l.keys; k != nil {
		steps = append(steps, struct {
			table   string
			cols    []cell
			produce func(emit func([]cell) error) error
		}{k.table, k.cells(nil, nil, nil), fx.keys})
	}
	for _, st := range steps {
		if err := s.create(ctx, st.table, st.cols); err != nil {
			return err
		}
		if err := s.copy(ctx, st.table, st.cols, st.produce); err != nil {
			return fmt.Errorf("fill %s: %w", st.table, err)
		}
	}
	// The indexes 1C keeps: the register by period, catalogs and sections by ref.
	if err := s.index(ctx, fx.l.reg.table, fx.l.reg.period, fx.l.reg.recR, fx.l.reg.line); err != nil {
		return err
	}
	if err := s.index(ctx, fx.l.cat.table, fx.l.cat.ref); err != nil {
		return err
	}
	if k := fx.l.keys; k != nil {
		if err := s.index(ctx, k.table, k.ref); err != nil {
			return err
		}
	}
	return s.index(ctx, fx.l.contacts.table, fx.l.contacts.owner, fx.l.contacts.keyField)
}

// ref derives a stable 16-byte ref from parts, for the records the demo has no ids for.
func fakeRef(parts ...any) []byte {
	h := sha256.Sum256(fmt.Append(nil, parts...))
	return h[:refSize]
}

func tref(code uint32) []byte {
	return []byte{byte(code >> 24), byte(code >> 16), byte(code >> 8), byte(code)}
}

func mustRef(guid string) []byte {
	r, err := GUIDToRef(guid)
	if err != nil {
		panic(err) // the demo's GUIDs are well formed
	}
	return r
}

// Quirks, per document index: an extra switched-off line, a sale to nobody, a sale
// through an unknown analytics key, a line without a document, storno returns.
const (
	inactiveEach  = 40
	anonymousEach = 300
	unknownEach   = 300
	noDocumentAt  = 11
	stornoEach    = 3
	splitKeysEach = 13
)

// register writes the demo's lines, one document at a time, with the quirks.
func (fx *fixture) register(emit func([]cell) error) error {
	var (
		cells []cell
		last  string
		doc   = -1
		line  int64
		l     regLine
	)
	put := func(l *regLine) error {
		cells = fx.l.reg.cells(cells[:0], l)
		return emit(cells)
	}
	return demo.Generate(fx.opts, func(s onec.Sale) error {
		if s.DocumentID != last {
			last, line = s.DocumentID, 0
			doc++
			l = fx.docLine(s, doc)
		}
		line++
		l.line, l.active, l.storno = line, true, false
		l.amount, l.qty, l.discount, l.full = s.Amount, s.Quantity, s.Discount, s.Amount+s.Discount
		l.extraRefs = fakeRef("product", line)
		if fx.l.keys != nil && doc%splitKeysEach == 4 {
			// Lines of one document under both keys of the partner: two grouped rows
			// the reader must merge back into one sale.
			l.client = keyRef(mustRef(s.ClientID), int(line%2))
		}
		if fx.l.reg.storno != "" && s.DocumentType == demo.ReturnDocument && doc%stornoEach == 0 {
			// 1C writes a storno record with the signs of the original and the flag.
			l.amount, l.qty, l.discount, l.full, l.storno = -l.amount, -l.qty, -l.discount, -l.full, true
			fx.storno++
		}
		if err := put(&l); err != nil {
			return err
		}
		if line == 1 {
			return fx.quirks(l, doc, put)
		}
		return nil
	})
}

// docLine starts the line of a document: its date, refs and client.
func (fx *fixture) docLine(s onec.Sale, doc int) regLine {
	code := fx.l.saleDoc
	if s.DocumentType == demo.ReturnDocument {
		code = fx.l.retDoc
	}
	docRef := mustRef(s.DocumentID)
	client := mustRef(s.ClientID)
	if fx.l.keys != nil {
		client = keyRef(client, int(docRef[15]&1))
	}
	return regLine{period: toDB(s.Period, fx.loc, testYearOffset), docT: tref(code), docR: docRef, client: client}
}

// keyRef is analytics key k of a partner: each partner has two.
func keyRef(partner []byte, k int) []byte { return fakeRef("key", partner, k) }

// quirks adds the records a reader must skip beside the first line of document doc.
func (fx *fixture) quirks(first regLine, doc int, put func(*regLine) error) error {
	add := func(reason string, l regLine) error {
		fx.skips[reason]++
		return put(&l)
	}
	if doc%inactiveEach == 7 {
		l := first
		l.line, l.active = 99, false
		if err := add(ReasonInactive, l); err != nil {
			return err
		}
	}
	if doc%anonymousEach == 3 {
		l := first
		l.docR, l.client = fakeRef("anonymous", doc), make([]byte, refSize)
		if err := add(ReasonNoClient, l); err != nil {
			return err
		}
	}
	if fx.l.keys != nil && doc%unknownEach == 5 {
		l := first
		l.docR, l.client = fakeRef("unknown key doc", doc), fakeRef("unknown key", doc)
		if err := add(ReasonUnknownKey, l); err != nil {
			return err
		}
	}
	if doc == noDocumentAt {
		l := first
		l.docR = make([]byte, refSize)
		return add(ReasonNoDocument, l)
	}
	return nil
}

// keys writes two analytics keys per partner (УТ 11).
func (fx *fixture) keys(emit func([]cell) error) error {
	var cells []cell
	return demo.Clients(fx.opts, func(c demo.Client) error {
		partner := mustRef(c.ID)
		for k := range 2 {
			cells = fx.l.keys.cells(cells[:0], keyRef(partner, k), partner)
			if err := emit(cells); err != nil {
				return err
			}
		}
		return nil
	})
}

func (k keyCols) cells(dst []cell, ref, partner []byte) []cell {
	return append(dst, cell{k.ref, kRef, ref}, cell{k.marked, kBool, false}, cell{k.name, kStr, "Ключ аналитики"}, cell{k.partner, kRef, partner})
}
