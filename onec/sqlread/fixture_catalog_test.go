package sqlread

import (
	"fmt"
	"strings"

	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/onec/demo"
)

// Contact information types in the order of the structure samples' enumeration.
var testContactTypes = []string{"Адрес", "АдресЭлектроннойПочты", "ВебСтраница", "Телефон", "Факс", "Другое", "Skype"}

func contactTypeRef(name string) []byte { return fakeRef("contact type", name) }

func (fx *fixture) enumValues(emit func([]cell) error) error {
	for i, name := range testContactTypes {
		if err := emit([]cell{{fx.l.enum.ref, kRef, contactTypeRef(name)}, {fx.l.enum.order, kInt, int64(i)}}); err != nil {
			return err
		}
	}
	return nil
}

// folder refs: groups of the catalog, which the reader leaves out.
var testFolders = [][]byte{fakeRef("folder", 0), fakeRef("folder", 1)}

func managerRef(name string) []byte { return fakeRef("manager", name) }

// deletedClient is an item marked for deletion, which the reader leaves out.
var deletedClient = fakeRef("deleted client")

func (c catCols) cells(dst []cell, id []byte, marked, item bool, parent []byte, code, name, inn string, manager []byte) []cell {
	add := func(col string, kind colKind, val any) {
		if col != "" {
			dst = append(dst, cell{col, kind, val})
		}
	}
	add(c.ref, kRef, id)
	add(c.marked, kBool, marked)
	add(c.folder, kBool, item) // 1C stores IsFolder inverted: true for an item
	add(c.parent, kRef, parent)
	add(c.code, kStr, code)
	add(c.name, kStr, name)
	add(c.inn, kStr, inn)
	add(c.manager, kRef, manager)
	return dst
}

// catalog writes the groups, the demo's clients and one deleted item. Codes are
// fixed-length strings, padded as 1C pads them.
func (fx *fixture) catalog(emit func([]cell) error) error {
	var cells []cell
	empty := make([]byte, refSize)
	if fx.l.cat.folder != "" {
		for i, f := range testFolders {
			if err := emit(fx.l.cat.cells(cells[:0], f, false, false, empty, fmt.Sprintf("%-11d", i+1), "Покупатели "+fmt.Sprint(i), "", empty)); err != nil {
				return err
			}
		}
	}
	if err := emit(fx.l.cat.cells(cells[:0], deletedClient, true, true, empty, "00000000000", "Дубль (не использовать)", "", empty)); err != nil {
		return err
	}
	i := 0
	return demo.Clients(fx.opts, func(c demo.Client) error {
		i++
		inn := c.INN + strings.Repeat(" ", 12-len(c.INN)) // ИНН is string(12) fixed
		cells = fx.l.cat.cells(cells[:0], mustRef(c.ID), false, true, testFolders[i%2], fmt.Sprintf("%011d", i), c.Name, inn, managerRef(c.Manager))
		return emit(cells)
	})
}

func (c contactCols) cells(dst []cell, owner []byte, line int64, typ []byte, presentation, value string) []cell {
	add := func(col string, kind colKind, val any) {
		if col != "" {
			dst = append(dst, cell{col, kind, val})
		}
	}
	add(c.owner, kRef, owner)
	add(c.keyField, kTRef, tref(uint32(line)))
	add(c.lineNo, kInt, line)
	add(c.typ, kRef, typ)
	add(c.kind, kRef, fakeRef("contact kind", typ))
	add(c.presentation, kStr, presentation)
	add(c.email, kStr, value)
	add(c.phone, kStr, value)
	return dst
}

// contactLines writes each client's contact information: sometimes an address first,
// an e-mail (not for every client, twice for some) and a phone.
func (fx *fixture) contactLines(emit func([]cell) error) error {
	var cells []cell
	i := 0
	if err := emit(fx.l.contacts.cells(cells, deletedClient, 1, contactTypeRef("Телефон"), "+7 (495) 000-00-00", "")); err != nil {
		return err
	}
	return demo.Clients(fx.opts, func(c demo.Client) error {
		i++
		owner := mustRef(c.ID)
		var lines [][3]string // type, presentation, value
		if i%5 == 0 {
			lines = append(lines, [3]string{"Адрес", "г. Москва, ул. Тверская, д. 1", ""})
		}
		if i%7 != 0 {
			lines = append(lines, [3]string{"АдресЭлектроннойПочты", c.Email, c.Email})
		}
		if i%11 == 0 {
			lines = append(lines, [3]string{"АдресЭлектроннойПочты", "second@example.ru", "second@example.ru"})
		}
		lines = append(lines, [3]string{"Телефон", c.Phone, ""})
		for n, l := range lines {
			cells = fx.l.contacts.cells(cells[:0], owner, int64(n+1), contactTypeRef(l[0]), l[1], l[2])
			if err := emit(cells); err != nil {
				return err
			}
		}
		return nil
	})
}

// expectClients is the catalog the reader must return, by ID.
func (fx *fixture) expectClients() (map[string]onec.Client, error) {
	want := map[string]onec.Client{}
	i := 0
	err := demo.Clients(fx.opts, func(c demo.Client) error {
		i++
		e := onec.Client{ID: c.ID, Name: c.Name, Phone: c.Phone}
		switch {
		case i%7 != 0:
			e.Email = c.Email
		case i%11 == 0:
			e.Email = "second@example.ru" // the first e-mail line wins, and this is the only one
		}
		if fx.l.inn {
			e.INN = c.INN
		}
		if fx.l.manager {
			e.Manager, _ = RefToGUID(managerRef(c.Manager))
		}
		want[c.ID] = e
		return nil
	})
	return want, err
}

// expectSales sums the demo's lines per document: what the reader must deliver.
func (fx *fixture) expectSales(p onec.Period) (map[string]onec.Sale, error) {
	want := map[string]onec.Sale{}
	err := demo.Generate(fx.opts, func(s onec.Sale) error {
		if !p.Contains(s.Period) {
			return nil
		}
		e, ok := want[s.DocumentID]
		if !ok {
			e = onec.Sale{ClientID: s.ClientID, DocumentID: s.DocumentID, DocumentType: fx.l.saleType, Period: s.Period}
			if s.DocumentType == demo.ReturnDocument {
				e.DocumentType = fx.l.retType
			}
		}
		e.Amount += s.Amount
		e.Quantity += s.Quantity
		if fx.l.discount {
			e.Discount += s.Discount
		}
		e.Lines++
		want[s.DocumentID] = e
		return nil
	})
	return want, err
}
