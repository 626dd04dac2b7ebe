package demo

import (
	"fmt"
	"math/rand/v2"
)

// ClientKind is the legal status of a counterparty, named like the 1C enumeration.
type ClientKind string

// Kinds of clients.
const (
	LegalEntity   ClientKind = "ЮридическоеЛицо"
	SoleTrader    ClientKind = "ИндивидуальныйПредприниматель"
	NaturalPerson ClientKind = "ФизическоеЛицо"
)

// Client is one entry of the counterparty catalog of the demo base.
type Client struct {
	ID      string     // 1C GUID, the ClientID of the client's sales
	Name    string     // as 1C shows it: ООО "Ромашка", ИП Иванов Сергей Петрович
	Kind    ClientKind // legal status
	INN     string     // 10 digits for legal entities, 12 for people, check digits valid
	KPP     string     // legal entities only
	Email   string
	Phone   string // +7 (495) 123-45-67
	Manager string // the sales manager in charge of the client
}

// Clients calls fn with the client catalog for o, in the order of the clients'
// indexes, and stops at the first error fn returns. The IDs are those Generate uses.
func Clients(o Options, fn func(Client) error) error {
	o, err := o.withDefaults()
	if err != nil {
		return err
	}
	cat := newCatalog(o)
	for i := range o.Clients {
		if err := fn(cat.client(i)); err != nil {
			return err
		}
	}
	return nil
}

// catalog makes clients one at a time; each client has its own PCG stream, so a
// client's data does not depend on the ones before it.
type catalog struct {
	seed     uint64
	ids      guidMaker
	inns     innMaker
	managers []string
	pcg      *rand.PCG
	r        *rand.Rand
}

// newCatalog draws the base's managers and INN numbering for o.
func newCatalog(o Options) *catalog {
	r := newRand(o.Seed, saltCatalog)
	c := &catalog{seed: r.Uint64(), ids: newGuidMaker(o.Seed), inns: newINNMaker(r)}
	for range min(40, max(5, o.Clients/3000)) {
		c.managers = append(c.managers, randomPerson(r).String())
	}
	c.pcg = rand.NewPCG(0, 0)
	c.r = rand.New(c.pcg)
	return c
}

// client makes client i.
func (c *catalog) client(i int) Client {
	c.pcg.Seed(c.seed, uint64(i))
	var id [36]byte
	c.ids.format(&id, c.ids.client(i))
	cl := Client{ID: string(id[:]), Manager: c.managers[c.r.IntN(len(c.managers))]}
	reg := pickRegion(c.r)
	switch u := c.r.IntN(100); {
	case u < 60:
		c.company(&cl, i, reg, u < 55)
	default:
		c.person(&cl, i, reg, u < 85)
	}
	return cl
}

// company fills in a legal entity: an ООО, or an АО.
func (c *catalog) company(cl *Client, i int, reg region, llc bool) {
	name, core := randomCompany(c.r)
	form := "АО"
	if llc {
		form = "ООО"
	}
	cl.Name = fmt.Sprintf("%s \"%s\"", form, name)
	cl.Kind = LegalEntity
	cl.INN = c.inns.make(i, reg.code, true)
	cl.KPP = cl.INN[:4] + "01001"
	mailbox := [...]string{"info", "sales", "office", "zakaz", "buh"}[c.r.IntN(5)]
	tld := [...]string{".ru", ".ru", ".ru", ".com", ".su"}[c.r.IntN(5)]
	cl.Email = mailbox + "@" + translit(core) + tld
	cl.Phone = phone(c.r, reg.phoneCodes[c.r.IntN(len(reg.phoneCodes))])
}

// person fills in a sole trader (ИП) or a private person.
func (c *catalog) person(cl *Client, i int, reg region, trader bool) {
	p := randomPerson(c.r)
	cl.Name, cl.Kind = p.String(), NaturalPerson
	if trader {
		cl.Name, cl.Kind = "ИП "+p.String(), SoleTrader
	}
	cl.INN = c.inns.make(i, reg.code, false)
	initials := translit(p.name)[:1] + translit(p.patronymic)[:1]
	domain := [...]string{"mail.ru", "yandex.ru", "gmail.com", "bk.ru", "list.ru", "inbox.ru", "rambler.ru"}[c.r.IntN(7)]
	cl.Email = fmt.Sprintf("%s.%s%d@%s", translit(p.surname), initials, 10+c.r.IntN(90), domain)
	cl.Phone = phone(c.r, fmt.Sprintf("9%02d", c.r.IntN(100)))
}

// phone formats a random number with the given area code: +7 (495) 123-45-67.
func phone(r *rand.Rand, code string) string {
	n := r.IntN(10_000_000)
	return fmt.Sprintf("+7 (%s) %03d-%02d-%02d", code, n/10000, n/100%100, n%100)
}
