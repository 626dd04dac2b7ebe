package emulator

import (
	"fmt"
	"slices"

	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/onec/demo"
)

// Folders of the client catalog: legal entities go to the wholesale group, people to
// the retail one, and a few stay at the top level.
var folderNames = [...]string{"Покупатели", "Оптовые покупатели", "Розничные покупатели"}

// load builds the base for o: the demo's clients and sales, then the quirks.
func load(o Options) (*store, error) {
	s := &store{ids: newIDMaker(o.Demo.Seed)}
	s.orgs = [2]guid{s.ids.make(idOrganization, 0), s.ids.make(idOrganization, 1)}
	s.kinds = [2]guid{s.ids.make(idContactKind, 0), s.ids.make(idContactKind, 1)}
	for i, name := range folderNames {
		s.folders = append(s.folders, folder{id: s.ids.make(idFolder, uint64(i)), name: name, parent: int8(min(i, 1) - 1)})
	}
	if err := s.loadClients(o.Demo); err != nil {
		return nil, err
	}
	if err := s.loadSales(o.Demo, o.Mapping.Register.Storno != ""); err != nil {
		return nil, err
	}
	s.addSpareClients()
	s.addAnonymousSales()
	s.index()
	return s, nil
}

// loadClients reads the demo's catalog and gives each manager a user.
func (s *store) loadClients(o demo.Options) error {
	s.clientBy = make(map[guid]int32, o.Clients)
	managers := map[string]int16{}
	return demo.Clients(o, func(c demo.Client) error {
		id, ok := onec.ParseGUID(c.ID)
		if !ok {
			return fmt.Errorf("1c emulator: demo client id %q", c.ID)
		}
		m, ok := managers[c.Manager]
		if !ok {
			m = int16(len(s.users))
			managers[c.Manager] = m
			s.users = append(s.users, user{id: s.ids.make(idUser, uint64(m)), name: c.Manager})
		}
		i := int32(len(s.clients))
		s.clientBy[id] = i
		s.clients = append(s.clients, client{
			id: id, name: c.Name, inn: c.INN, kpp: c.KPP, kind: string(c.Kind), email: c.Email, phone: c.Phone,
			manager: m, parent: clientFolder(i, c.Kind), keys: uint8(1 + hash2(uint64(i), 0, saltKeys)%3),
		})
		return nil
	})
}

// clientFolder puts one client in ten at the top level and the rest by legal status.
func clientFolder(i int32, kind demo.ClientKind) int8 {
	switch {
	case hash2(uint64(i), 0, saltFolder)%10 == 0:
		return -1
	case kind == demo.LegalEntity:
		return 1
	}
	return 2
}

// loadSales reads the demo's register lines, one document at a time.
func (s *store) loadSales(o demo.Options, storno bool) error {
	s.lines = make([]line, 0, o.Lines+o.Lines/256+64)
	s.docs = make([]document, 0, o.Lines/3+64)
	last := ""
	err := demo.Generate(o, func(sale onec.Sale) error {
		if sale.DocumentID != last {
			if len(s.docs) > 0 {
				s.addQuirks(int32(len(s.docs)-1), storno)
			}
			if err := s.startDocument(sale); err != nil {
				return err
			}
			last = sale.DocumentID
		}
		d := &s.docs[len(s.docs)-1]
		s.lines = append(s.lines, line{amount: sale.Amount, quantity: sale.Quantity, discount: sale.Discount})
		d.n++
		return nil
	})
	if err != nil {
		return fmt.Errorf("1c emulator: generate: %w", err)
	}
	if len(s.docs) > 0 {
		s.addQuirks(int32(len(s.docs)-1), storno)
	}
	return nil
}

// startDocument appends the document a sale line opens.
func (s *store) startDocument(sale onec.Sale) error {
	id, ok := onec.ParseGUID(sale.DocumentID)
	if !ok {
		return fmt.Errorf("1c emulator: demo document id %q", sale.DocumentID)
	}
	cid, _ := onec.ParseGUID(sale.ClientID)
	c, ok := s.clientBy[cid]
	if !ok {
		return fmt.Errorf("1c emulator: demo sale of unknown client %s", sale.ClientID)
	}
	_, off := sale.Period.Zone()
	d := document{id: id, wall: sale.Period.Unix() + int64(off), first: int32(len(s.lines)), client: c, posted: true}
	if sale.DocumentType == demo.ReturnDocument {
		d.kind = docReturn
	}
	n := uint64(len(s.docs))
	d.key = uint8(hash2(n, 0, saltDocKey) % uint64(s.clients[c].keys))
	d.version = uint32(hash2(n, 0, saltVersion)%1000) + 1
	s.docs = append(s.docs, d)
	return nil
}

// index sorts the documents into the register's order, numbers them per kind in that
// order, and maps their refs.
func (s *store) index() {
	s.order = make([]int32, len(s.docs))
	for i := range s.order {
		s.order[i] = int32(i)
	}
	slices.SortFunc(s.order, s.less)
	for _, i := range s.order {
		d := &s.docs[i]
		s.numbers[d.kind]++
		d.number = s.numbers[d.kind]
	}
	s.docBy = make(map[guid]int32, len(s.docs))
	for i := range s.docs {
		s.docBy[s.docs[i].id] = int32(i)
	}
	s.keyBy = make(map[guid]int32, len(s.clients)*2)
	for c := range s.clients {
		for k := range s.clients[c].keys {
			s.keyBy[s.keyID(int32(c), k)] = int32(c)*4 + int32(k)
		}
	}
}
