package lifecycle

import (
	"encoding/hex"
	"hash/maphash"
	"math"
	"strings"
	"time"

	"github.com/rfm9/rfm9/onec"
)

// idKey is a compact map key for a 1C id: the 16 bytes of a GUID, or a 128-bit hash of
// any other id. Keys without pointers keep the maps cheap for the garbage collector;
// two 64-bit hashes collide with probability ~n²/2¹²⁹, far below any data error.
type idKey [16]byte

// docKey groups register lines the way the SQL readers do: by recorder and client.
type docKey struct {
	doc    idKey
	client uint32
}

// document is one sale document of one client, summed over its lines.
type document struct {
	client uint32
	first  int64 // unix seconds of the earliest line
	net    int64 // kopecks
	lines  int32
	day    Day // calendar date of first, filled by Close
}

// Client is a client the ledger has seen, with the id and name as the source gave them.
type Client struct {
	ID   string
	Name string
}

// Ledger turns a stream of sale lines into documents grouped by client: the input of
// every matrix. It is not safe for concurrent use.
type Ledger struct {
	loc     *time.Location
	seeds   [2]maphash.Seed
	clients []Client
	byID    map[idKey]uint32
	docs    []document
	byDoc   map[docKey]uint32
	last    docKey // the previous line's document: lines of a document usually come together
	lastIdx uint32
	hasLast bool
	closed  bool
}

// NewLedger starts an empty ledger whose dates are read in the base's time zone loc.
func NewLedger(loc *time.Location) *Ledger {
	return &Ledger{
		loc:   loc,
		seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()},
		byID:  make(map[idKey]uint32),
		byDoc: make(map[docKey]uint32),
	}
}

// Add takes a batch of sales; it matches onec.Source's callback. Sales without a
// client or a document are the source's to count as skipped and are ignored here.
func (l *Ledger) Add(batch []onec.Sale) error {
	for i := range batch {
		l.add(&batch[i])
	}
	return nil
}

func (l *Ledger) add(s *onec.Sale) {
	if s.ClientID == "" || s.ClientID == onec.EmptyRef || s.DocumentID == "" {
		return
	}
	c := l.client(s)
	k := docKey{doc: l.key(s.DocumentID), client: c}
	sec := s.Period.Unix()
	lines := int32(max(s.Lines, 1))
	if l.hasLast && k == l.last {
		l.docs[l.lastIdx].addLine(sec, s.Amount, lines)
		return
	}
	idx, ok := l.byDoc[k]
	if !ok {
		idx = uint32(len(l.docs))
		l.byDoc[k] = idx
		l.docs = append(l.docs, document{client: c, first: math.MaxInt64})
	}
	l.docs[idx].addLine(sec, s.Amount, lines)
	l.last, l.lastIdx, l.hasLast = k, idx, true
}

func (d *document) addLine(sec, amount int64, lines int32) {
	d.first = min(d.first, sec)
	d.net += amount
	d.lines += lines
}

func (l *Ledger) client(s *onec.Sale) uint32 {
	k := l.key(s.ClientID)
	if c, ok := l.byID[k]; ok {
		if s.ClientName != "" && l.clients[c].Name == "" {
			l.clients[c].Name = strings.Clone(s.ClientName)
		}
		return c
	}
	c := uint32(len(l.clients))
	l.byID[k] = c
	l.clients = append(l.clients, Client{ID: strings.Clone(s.ClientID), Name: strings.Clone(s.ClientName)})
	return c
}

func (l *Ledger) key(id string) idKey {
	if k, ok := parseGUID(id); ok {
		return k
	}
	var k idKey
	h1, h2 := maphash.String(l.seeds[0], id), maphash.String(l.seeds[1], id)
	for i := range 8 {
		k[i], k[8+i] = byte(h1>>(8*i)), byte(h2>>(8*i))
	}
	return k
}

// parseGUID reads a 36-character GUID in either case; different spellings of one GUID
// map to one key, as 1C treats them.
func parseGUID(s string) (idKey, bool) {
	var k idKey
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return k, false
	}
	var buf [32]byte
	n := copy(buf[:], s[0:8])
	n += copy(buf[n:], s[9:13])
	n += copy(buf[n:], s[14:18])
	n += copy(buf[n:], s[19:23])
	copy(buf[n:], s[24:36])
	if _, err := hex.Decode(k[:], buf[:]); err != nil {
		return idKey{}, false
	}
	return k, true
}

// Close ends the input and computes each document's calendar date. The ledger can
// only be read after Close.
func (l *Ledger) Close() {
	if l.closed {
		return
	}
	l.closed = true
	l.byDoc = nil // documents are never looked up again; free the largest map early
	var z zoneCache
	for i := range l.docs {
		l.docs[i].day = z.day(l.docs[i].first, l.loc)
	}
}

// zoneCache remembers the offset of the last zone period seen, so converting millions of
// instants to calendar days costs one zone lookup per offset change, not one per instant.
type zoneCache struct {
	start, end int64
	offset     int64
	valid      bool
}

func (z *zoneCache) day(sec int64, loc *time.Location) Day {
	if !z.valid || sec < z.start || sec >= z.end {
		t := time.Unix(sec, 0).In(loc)
		_, off := t.Zone()
		s, e := t.ZoneBounds()
		z.offset, z.valid = int64(off), true
		z.start, z.end = math.MinInt64, math.MaxInt64
		if !s.IsZero() {
			z.start = s.Unix()
		}
		if !e.IsZero() {
			z.end = e.Unix()
		}
	}
	return Day(floorDiv(sec+z.offset, 86400))
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// Clients lists the clients seen, indexed as in ClientStats.Client.
func (l *Ledger) Clients() []Client { return l.clients }

// Documents is the number of documents (per client) seen.
func (l *Ledger) Documents() int { return len(l.docs) }

// Location is the base's time zone the ledger reads dates in.
func (l *Ledger) Location() *time.Location { return l.loc }

// Span returns the first and last document dates; ok is false for an empty ledger.
func (l *Ledger) Span() (first, last Day, ok bool) {
	if len(l.docs) == 0 {
		return 0, 0, false
	}
	first, last = l.docs[0].day, l.docs[0].day
	for i := range l.docs {
		first, last = min(first, l.docs[i].day), max(last, l.docs[i].day)
	}
	return first, last, true
}
