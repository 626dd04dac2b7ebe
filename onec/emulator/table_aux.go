package emulator

import "slices"

// keysTable serves УТ 11's Catalog_КлючиАналитикиУчетаПоПартнерам: each partner has
// one to three keys (partner × counterparty × organisation), and the register names
// the key, not the partner. A row's handle is client*4 + key.
type keysTable struct {
	et    *entityType
	s     *store
	order []int64 // handles by Ref_Key
}

// newKeysTable shapes the analytics keys; partner is the mapped field (Партнер_Key).
func newKeysTable(s *store, name, partner string) *keysTable {
	props := []property{
		ref("Ref_Key", fRef), plain("DataVersion", edmString, fDataVersion), plain("DeletionMark", edmBool, fDeletionMark),
		plain("Description", edmString, fDescription), ref(partner, fPartner), ref("Контрагент_Key", fCounterparty),
		ref("Организация_Key", fOrganization),
	}
	props = append(props, catalogTail()...)
	t := &keysTable{s: s, et: newEntityType(name, []string{"Ref_Key"}, props...)}
	t.et.natural = [][]string{{"Ref_Key"}}
	for c := range s.clients {
		for k := range s.clients[c].keys {
			t.order = append(t.order, int64(c)*4+int64(k))
		}
	}
	slices.SortFunc(t.order, func(a, b int64) int { return compareGUID(t.ref(a), t.ref(b)) })
	return t
}

func (t *keysTable) entity() *entityType { return t.et }

func (t *keysTable) find(id guid) (int64, bool) {
	k, ok := t.s.keyBy[id]
	return int64(k), ok
}

func (t *keysTable) scan(h hint, reverse bool, fn func(int64) bool) {
	scanSorted(t.order, t.ref, h.refs, reverse, fn)
}

// ref is the Ref_Key of key h.
func (t *keysTable) ref(h int64) guid { return t.s.keyID(int32(h/4), uint8(h%4)) }

func (t *keysTable) value(h int64, p *property) value {
	c, k := int32(h/4), uint8(h%4)
	id := t.s.keyID(c, k)
	switch p.field {
	case fRef:
		return vGuid(id)
	case fDataVersion:
		return dataVersion(id, 1)
	case fDeletionMark, fPredefined:
		return vBool(false)
	case fDescription:
		return vString(t.s.clients[c].name)
	case fPartner:
		return vGuid(t.s.clients[c].id)
	case fCounterparty:
		return vGuid(t.s.counterpartyID(c, k))
	case fOrganization:
		return vGuid(t.s.orgs[k%2])
	}
	return vString("")
}

func (t *keysTable) link(b []byte, h int64) []byte {
	return appendRefLink(b, t.et.name, t.s.keyID(int32(h/4), uint8(h%4)))
}

// usersTable serves Catalog_Пользователи, the managers the catalog and the register
// refer to. A row's handle is the user's index.
type usersTable struct {
	et    *entityType
	s     *store
	order []int64 // handles by Ref_Key
}

// usersSet is the catalog of 1C users.
const usersSet = "Catalog_Пользователи"

// newUsersTable shapes the users catalog.
func newUsersTable(s *store) *usersTable {
	props := []property{
		ref("Ref_Key", fRef), plain("DataVersion", edmString, fDataVersion), plain("DeletionMark", edmBool, fDeletionMark),
		plain("Description", edmString, fDescription),
	}
	props = append(props, catalogTail()...)
	t := &usersTable{s: s, et: newEntityType(usersSet, []string{"Ref_Key"}, props...)}
	t.et.natural = [][]string{{"Ref_Key"}}
	t.order = sortedByRef(len(s.users), func(h int64) guid { return s.users[h].id })
	return t
}

func (t *usersTable) entity() *entityType { return t.et }

func (t *usersTable) find(id guid) (int64, bool) {
	for i, u := range t.s.users {
		if u.id == id {
			return int64(i), true
		}
	}
	return 0, false
}

func (t *usersTable) scan(h hint, reverse bool, fn func(int64) bool) {
	scanSorted(t.order, func(h int64) guid { return t.s.users[h].id }, h.refs, reverse, fn)
}

func (t *usersTable) value(h int64, p *property) value {
	u := &t.s.users[h]
	switch p.field {
	case fRef:
		return vGuid(u.id)
	case fDataVersion:
		return dataVersion(u.id, 1)
	case fDeletionMark, fPredefined:
		return vBool(false)
	case fDescription:
		return vString(u.name)
	}
	return vString("")
}

func (t *usersTable) link(b []byte, h int64) []byte {
	return appendRefLink(b, t.et.name, t.s.users[h].id)
}
