package emulator

// encoder writes entities in one of the formats 1C speaks.
type encoder interface {
	contentType() string
	// start opens a list of set; count is written when withCount ($inlinecount).
	start(b []byte, set string, count int64, withCount bool) []byte
	// entity appends one entity of the list; first tells whether it opens the list.
	entity(b []byte, t table, h int64, sel []bool, first bool) []byte
	end(b []byte) []byte
	// single writes one entity asked for by its key.
	single(b []byte, t table, h int64, sel []bool) []byte
}

// Content types of the responses.
const (
	contentJSON = "application/json;charset=utf-8"
	contentXML  = "application/xml;charset=utf-8"
	contentAtom = "application/atom+xml;type=feed;charset=utf-8"
	contentText = "text/plain;charset=utf-8"
)

// navLinks collects the selected refs of row h that get a navigation link; refs that
// are null (on folders) get none.
func navLinks(t table, h int64, sel []bool, dst []*property) []*property {
	et := t.entity()
	for i := range et.props {
		p := &et.props[i]
		if p.nav == "" || sel != nil && !sel[i] {
			continue
		}
		if t.value(h, p).k != kNull {
			dst = append(dst, p)
		}
	}
	return dst
}
