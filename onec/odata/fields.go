package odata

// fieldSet is the fields a read wants from each record, by index. A name may be
// added twice; it keeps its first index.
type fieldSet struct {
	names []string
	index map[string]int
}

func newFieldSet() *fieldSet {
	return &fieldSet{index: make(map[string]int)}
}

// add returns the index of name, adding it when new; an empty name gives -1, so
// that unmapped fields read as absent.
func (f *fieldSet) add(name string) int {
	if name == "" {
		return -1
	}
	if i, ok := f.index[name]; ok {
		return i
	}
	f.names = append(f.names, name)
	f.index[name] = len(f.names) - 1
	return len(f.names) - 1
}

func (f *fieldSet) len() int { return len(f.names) }

// kind is the JSON kind of a field in a record; kindAbsent when the record lacks it.
type kind uint8

const (
	kindAbsent kind = iota
	kindNull
	kindFalse
	kindTrue
	kindNumber
	kindString
	kindRaw // an object or array, kept as JSON text
)

// span locates one field's value in a page's text.
type span struct {
	off, end uint32
	kind     kind
}

// page is one decoded response: for each record a span per wanted field, the text
// of all values in one arena so that a page costs a handful of allocations.
type page struct {
	nf   int
	n    int    // records
	text []byte // unquoted strings, number text and raw JSON of every value
	vals []span // n × nf
	str  string // text as a string, made once when the page is converted
}

func (p *page) reset(nf int) {
	p.nf, p.n, p.text, p.vals, p.str = nf, 0, p.text[:0], p.vals[:0], ""
}

// add appends an empty record and returns its spans.
func (p *page) add() []span {
	p.n++
	for range p.nf {
		p.vals = append(p.vals, span{})
	}
	return p.vals[len(p.vals)-p.nf:]
}

func (p *page) rec(i int) []span { return p.vals[i*p.nf : (i+1)*p.nf] }

func (p *page) bytes(s span) []byte { return p.text[s.off:s.end] }

// string returns a value's text sharing the page's one string.
func (p *page) string(s span) string {
	if p.str == "" && len(p.text) > 0 {
		p.str = string(p.text)
	}
	return p.str[s.off:s.end]
}

// get returns field i of record rec; an unmapped field (i < 0) is absent.
func get(rec []span, i int) span {
	if i < 0 {
		return span{}
	}
	return rec[i]
}
