package emulator

// The quirks are extra records, so that a reader that skips what 1C says to skip
// (inactive records, sales without a client) reads exactly the demo's sales.

// Salts of the hashes that pick the quirks, one per purpose.
const (
	saltKeys uint64 = iota + 0x71_0000
	saltFolder
	saltDocKey
	saltVersion
	saltInactive
	saltStorno
	saltArtefact
	saltAnonymous
	saltFail
	saltTruncate
)

// Odds of the quirks.
const (
	inactiveOdds  = 300  // one document in inactiveOdds gets an extra switched-off line
	artefactOdds  = 150  // one line in artefactOdds prints its amount as a float artefact
	stornoOdds    = 3    // one return in stornoOdds is written as storno records (УТ 11)
	anonymousEach = 1000 // one sale without a client per anonymousEach documents, at least one
	spareClients  = 2    // catalog items marked for deletion, with no sales
)

// addQuirks marks document i's lines: float artefacts, storno on some returns, and
// an extra switched-off line on a few documents. It runs on the last document read,
// while its lines still end the slice.
func (s *store) addQuirks(i int32, storno bool) {
	d := &s.docs[i]
	ls := s.docLines(d)
	for j := range ls {
		if ls[j].amount%100 != 0 && hash2(uint64(i), uint64(j), saltArtefact)%artefactOdds == 0 {
			ls[j].flags |= lineArtefact
		}
		if storno && d.kind == docReturn && hash2(uint64(i), 0, saltStorno)%stornoOdds == 0 {
			ls[j].flags |= lineStorno
		}
	}
	if i != 0 && hash2(uint64(i), 0, saltInactive)%inactiveOdds != 0 {
		return
	}
	extra := ls[0]
	extra.flags = lineInactive
	s.lines = append(s.lines, extra)
	d.n++
}

// addSpareClients adds catalog items marked for deletion: old duplicates a reader
// must leave out.
func (s *store) addSpareClients() {
	for i := range spareClients {
		id := s.ids.make(idSpareClient, uint64(i))
		s.clientBy[id] = int32(len(s.clients))
		s.clients = append(s.clients, client{
			id: id, name: "Дубль покупателя (не использовать)", kind: "ЮридическоеЛицо",
			phone: "+7 (495) 000-00-00", manager: -1, parent: 0, deleted: true,
		})
	}
}

// addAnonymousSales adds a few one-line sales with the empty client ref, as a cash
// sale to nobody in particular is written; they belong to no client.
func (s *store) addAnonymousSales() {
	n := max(1, len(s.docs)/anonymousEach)
	base := len(s.docs)
	for i := range n {
		h := hash2(uint64(i), 0, saltAnonymous)
		at := s.docs[h%uint64(base)].wall
		s.docs = append(s.docs, document{
			id: s.ids.make(idAnonymousDoc, uint64(i)), wall: at, first: int32(len(s.lines)), client: -1,
			n: 1, posted: true, version: 1,
		})
		s.lines = append(s.lines, line{amount: 10_000 + int64(h>>32%90_000), quantity: 1000})
	}
}
