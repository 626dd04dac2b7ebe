package emulator

import (
	"bytes"
	"sort"
)

// client is one item of the client catalog.
type client struct {
	id      guid
	name    string
	inn     string
	kpp     string
	kind    string
	email   string
	phone   string
	manager int16 // index in users, -1 for none
	parent  int8  // index in folders, -1 at the top level
	keys    uint8 // analytics keys of the partner (УТ 11), 1–3; 0 for spares
	deleted bool  // a spare marked for deletion, with no sales
}

// folder is a group of the client catalog (IsFolder true).
type folder struct {
	id     guid
	name   string
	parent int8
}

// document is a sale or a return with its register lines.
type document struct {
	id      guid
	wall    int64 // date and time in the base's local time, as seconds of a UTC clock
	first   int32 // its lines are lines[first : first+n]
	client  int32 // index in clients, -1 for the empty ref
	number  int32
	version uint32 // bumped on every change: DataVersion
	n       uint16
	kind    uint8 // docSale or docReturn
	key     uint8 // which of the client's analytics keys the lines carry
	posted  bool
	deleted bool
}

// Document kinds.
const (
	docSale uint8 = iota
	docReturn
)

// line is one register record: money in kopecks, quantity in thousandths.
type line struct {
	amount   int64
	quantity int64
	discount int64
	flags    uint8
}

// Line flags: the quirks a reader must survive.
const (
	lineInactive uint8 = 1 << iota // Active = false: switched off, counts nowhere
	lineStorno                     // Сторно = true on a return (the sums are already negative)
	lineArtefact                   // the amount prints as a float artefact: 731.9399999999999
)

// user is an item of Catalog_Пользователи: the managers.
type user struct {
	id   guid
	name string
}

// store is the base's data, kept compactly and ordered by period for the register.
// The emulator's RWMutex guards it.
type store struct {
	ids      idMaker
	clients  []client
	folders  []folder
	users    []user
	docs     []document
	order    []int32 // docs by (wall, id): the register's and the journals' order
	lines    []line
	clientBy map[guid]int32
	docBy    map[guid]int32
	keyBy    map[guid]int32 // analytics key → client*4 + key index
	numbers  [2]int32       // last number given per document kind
	orgs     [2]guid
	kinds    [2]guid // contact information kinds: e-mail, phone
}

// window is the range of order whose documents are dated in [from, to).
func (s *store) window(from, to int64) (lo, hi int) {
	lo = sort.Search(len(s.order), func(i int) bool { return s.docs[s.order[i]].wall >= from })
	hi = sort.Search(len(s.order), func(i int) bool { return s.docs[s.order[i]].wall >= to })
	return lo, max(lo, hi)
}

// docLines is the lines of document d.
func (s *store) docLines(d *document) []line {
	return s.lines[d.first : d.first+int32(d.n)]
}

// keyID is the ref of analytics key k of client c.
func (s *store) keyID(c int32, k uint8) guid {
	return s.ids.make(idKey, uint64(c)*4+uint64(k))
}

// counterpartyID is the counterparty of analytics key k of client c: keys 0 and 1
// share one, key 2 has another, as partners with two legal entities do.
func (s *store) counterpartyID(c int32, k uint8) guid {
	return s.ids.make(idCounterparty, uint64(c)*2+uint64(k/2))
}

// userID is the ref of the manager of client c, or the empty ref.
func (s *store) managerOf(c int32) guid {
	if c < 0 || s.clients[c].manager < 0 {
		return emptyGUID
	}
	return s.users[s.clients[c].manager].id
}

// less orders documents i and j as the register does: by time, then by ref.
func (s *store) less(i, j int32) int {
	a, b := &s.docs[i], &s.docs[j]
	switch {
	case a.wall < b.wall:
		return -1
	case a.wall > b.wall:
		return 1
	}
	return compareGUID(a.id, b.id)
}

// compareGUID orders refs as their text does.
func compareGUID(a, b guid) int { return bytes.Compare(a[:], b[:]) }
