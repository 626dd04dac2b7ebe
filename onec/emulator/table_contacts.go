package emulator

import (
	"fmt"
	"strings"
)

// contactsTable serves the contact information section of the client catalog, as
// its own entity set and inline in each item. A row's handle is client*4 + line.
type contactsTable struct {
	et     *entityType
	s      *store
	owners []int64 // clients by Ref_Key: rows go by owner, then line
}

// Contact information types as the ТипыКонтактнойИнформации enumeration names them.
const (
	contactEmail = "АдресЭлектроннойПочты"
	contactPhone = "Телефон"
)

// newContactsTable shapes the section: the owner's ref and line, then the fields of
// БСП's contact information.
func newContactsTable(s *store, name string) *contactsTable {
	props := []property{
		ref("Ref_Key", fRef), plain("LineNumber", edmInt64, fLineNumber), plain("Тип", edmString, fContactType),
		ref("Вид_Key", fContactKind), plain("Представление", edmString, fPresentation),
		plain("АдресЭП", edmString, fEmail), plain("НомерТелефона", edmString, fPhone),
		plain("Значение", edmString, fContactValue),
	}
	t := &contactsTable{s: s, et: newEntityType(name, []string{"Ref_Key", "LineNumber"}, props...)}
	t.et.natural = [][]string{{"Ref_Key"}, {"LineNumber"}}
	t.owners = sortedByRef(len(s.clients), t.owner)
	return t
}

// contactRows is how many contact lines client c has: an e-mail, then a phone.
func contactRows(c *client) int {
	n := 0
	if c.email != "" {
		n++
	}
	if c.phone != "" {
		n++
	}
	return n
}

// isPhone tells whether line j of client c is its phone.
func isPhone(c *client, j int) bool { return c.email == "" || j == 1 }

func (t *contactsTable) entity() *entityType { return t.et }

func (t *contactsTable) find(guid) (int64, bool) { return 0, false }

func (t *contactsTable) scan(h hint, reverse bool, fn func(int64) bool) {
	scanSorted(t.owners, t.owner, h.refs, reverse, func(c int64) bool {
		return scanRange(c*4, int64(contactRows(&t.s.clients[c])), reverse, fn)
	})
}

// owner is the Ref_Key of client c.
func (t *contactsTable) owner(c int64) guid { return t.s.clients[c].id }

func (t *contactsTable) value(h int64, p *property) value {
	c, j := &t.s.clients[h/4], int(h%4)
	phone := isPhone(c, j)
	switch p.field {
	case fRef:
		return vGuid(c.id)
	case fLineNumber:
		return vInt(int64(j) + 1)
	case fContactType:
		return vString(pick(phone, contactPhone, contactEmail))
	case fContactKind:
		return vGuid(t.s.kinds[pick(phone, 1, 0)])
	case fPresentation:
		return vString(pick(phone, c.phone, c.email))
	case fEmail:
		return vString(pick(phone, "", c.email))
	case fPhone:
		return vString(pick(phone, phoneDigits(c.phone), ""))
	case fContactValue:
		return vString(contactJSON(c, phone))
	}
	return vNull()
}

// pick is a if cond, else b.
func pick[T any](cond bool, a, b T) T {
	if cond {
		return a
	}
	return b
}

// phoneDigits keeps the digits of a phone: +7 (495) 123-45-67 → 74951234567.
func phoneDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// contactJSON is the Значение field: БСП keeps contact information as JSON.
func contactJSON(c *client, phone bool) string {
	if !phone {
		return fmt.Sprintf(`{"value":%q,"type":%q}`, c.email, contactEmail)
	}
	d := phoneDigits(c.phone)
	if len(d) < 4 {
		return fmt.Sprintf(`{"value":%q,"type":%q}`, c.phone, contactPhone)
	}
	return fmt.Sprintf(`{"value":%q,"type":%q,"countryCode":"7","areaCode":%q,"number":%q}`, c.phone, contactPhone, d[1:4], d[4:])
}

func (t *contactsTable) link(b []byte, h int64) []byte {
	return appendLineLink(b, t.et.name, "Ref_Key", t.s.clients[h/4].id, int(h%4)+1)
}
