package lifecycle

import (
	"hash/fnv"
	"strings"
	"time"

	"github.com/rfm9/rfm9/onec"
)

// idKey is a compact key for a 1C id: the 16 bytes of a GUID, or a 128-bit FNV hash of
// any other id (two such hashes collide with probability ~n²/2¹²⁹, far below any data
// error). Keys without pointers cost the garbage collector nothing.
type idKey [16]byte

// fragment is a run of consecutive lines of one document of one client. Most documents
// arrive as one run; Close merges the runs of documents whose lines were scattered.
type fragment struct {
	client idKey
	doc    idKey
	first  int64 // unix seconds of the earliest line
	net    int64 // kopecks
	lines  int32
	seq    uint32 // order of arrival: clients are numbered in the order the source first names them
}

// document is one sale document of one client, summed over its lines.
type document struct {
	client uint32
	day    Day // calendar date of the earliest line
	net    int64
	lines  int32
}

// Client is a client the ledger has seen, with the id and name as the source gave them
// (GUIDs are written in 1C's lower-case form).
type Client struct {
	ID   string
	Name string
}

// Ledger turns a stream of sale lines into documents grouped by client: the input of
// every matrix. Add it all, then Close; it is not safe for concurrent use.
type Ledger struct {
	loc   *time.Location
	parts [buckets]fragList // fragments by client bucket; sorted and merged by Close
	seq   uint32
	// The run being extended: lines of a document usually come together, and comparing
	// two strings is much cheaper than parsing them.
	lastDocID, lastClientID string
	cur                     *fragment
	other                   map[idKey]string // client ids that are not GUIDs, by hash key
	names                   map[idKey]string // client names, when the source gives them

	closed bool
	keys   []idKey    // per client index
	docs   []document // grouped by client
	first  Day
	last   Day
}

// NewLedger starts an empty ledger whose dates are read in the base's time zone loc.
func NewLedger(loc *time.Location) *Ledger {
	return &Ledger{loc: loc, other: map[idKey]string{}, names: map[idKey]string{}}
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
	sec := s.Period.Unix()
	lines := int32(max(s.Lines, 1))
	if l.cur != nil && s.DocumentID == l.lastDocID && s.ClientID == l.lastClientID {
		f := l.cur
		f.first = min(f.first, sec)
		f.net += s.Amount
		f.lines += lines
		return
	}
	ck := l.clientKey(s.ClientID)
	if s.ClientName != "" {
		if _, ok := l.names[ck]; !ok {
			l.names[ck] = strings.Clone(s.ClientName)
		}
	}
	f := fragment{client: ck, doc: keyOf(s.DocumentID), first: sec, net: s.Amount, lines: lines, seq: l.seq}
	l.cur = l.parts[partOf(ck)].push(f)
	l.seq++
	l.lastDocID, l.lastClientID = s.DocumentID, s.ClientID
}

func (l *Ledger) clientKey(id string) idKey {
	if k, ok := parseGUID(id); ok {
		return k
	}
	k := hashKey(id)
	if _, ok := l.other[k]; !ok {
		l.other[k] = strings.Clone(id)
	}
	return k
}

func keyOf(id string) idKey {
	if k, ok := parseGUID(id); ok {
		return k
	}
	return hashKey(id)
}

func hashKey(id string) idKey {
	h := fnv.New128a()
	h.Write([]byte(id))
	var k idKey
	h.Sum(k[:0])
	return k
}

// parseGUID reads a GUID into a key; spellings that differ only in case are one key.
func parseGUID(s string) (idKey, bool) {
	g, ok := onec.ParseGUID(s)
	return idKey(g), ok
}

// Clients is the number of clients seen.
func (l *Ledger) Clients() int { return len(l.keys) }

// Client returns the client numbered i, as in ClientStats.Client.
func (l *Ledger) Client(i uint32) Client {
	k := l.keys[i]
	id, ok := l.other[k]
	if !ok {
		id = onec.GUID(k).String()
	}
	return Client{ID: id, Name: l.names[k]}
}

// Documents is the number of documents (per client) seen.
func (l *Ledger) Documents() int { return len(l.docs) }

// Location is the base's time zone the ledger reads dates in.
func (l *Ledger) Location() *time.Location { return l.loc }

// Span returns the first and last document dates; ok is false for an empty ledger.
func (l *Ledger) Span() (first, last Day, ok bool) {
	l.Close()
	return l.first, l.last, len(l.docs) > 0
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// ClientKey is a client's compact, stable key: the 16 bytes of a GUID, or a 128-bit
// hash of any other id. Snapshots number clients by it.
type ClientKey [16]byte

// KeyOf returns the key of a client id as the ledger computes it.
func KeyOf(id string) ClientKey { return ClientKey(keyOf(id)) }

// Key returns the key of client i.
func (l *Ledger) Key(i uint32) ClientKey { return ClientKey(l.keys[i]) }
