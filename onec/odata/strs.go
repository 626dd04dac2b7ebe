package odata

// maxInterned bounds the strings a converter keeps for reuse.
const maxInterned = 1 << 16

// saleStrings makes the strings of sales. Clients and document types repeat
// across a page and a document's lines come together, so most records reuse a
// string made before: a page costs a few hundred small strings, not a copy of
// its text, and a kept sale pins no page.
type saleStrings struct {
	seen    map[string]string
	lastDoc string
}

// intern returns b as a string, the same one each time while there is room.
func (s *saleStrings) intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if v, ok := s.seen[string(b)]; ok {
		return v
	}
	v := string(b)
	if s.seen == nil {
		s.seen = make(map[string]string)
	}
	if len(s.seen) < maxInterned {
		s.seen[v] = v
	}
	return v
}

// document reuses the previous record's document, as lines of one come together.
func (s *saleStrings) document(b []byte) string {
	if string(b) != s.lastDoc {
		s.lastDoc = string(b)
	}
	return s.lastDoc
}
