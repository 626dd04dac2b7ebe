package odata

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// schema is what Check needs of $metadata: every entity set, and the properties
// of the entity types it asks about. The document can be ~17 MB, so it is read as
// a token stream and only the wanted types' properties are kept.
type schema struct {
	sets  map[string]string   // entity set → entity type, without the namespace
	names []string            // entity sets in document order
	props map[string][]string // wanted entity type → its property names
}

// parseMetadata reads an EDMX document, keeping the properties of the entity and
// complex types named in want (1C names each type after its set).
func parseMetadata(r io.Reader, want map[string]bool) (*schema, error) {
	s := &schema{sets: make(map[string]string), props: make(map[string][]string)}
	dec := xml.NewDecoder(r)
	var current string // the wanted type being read, if any
	for {
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("$metadata: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			current = s.start(t, want, current)
		case xml.EndElement:
			if t.Name.Local == "EntityType" || t.Name.Local == "ComplexType" {
				current = ""
			}
		}
	}
	if len(s.sets) == 0 {
		return nil, errors.New("$metadata: no entity sets: is this a 1C OData publication?")
	}
	return s, nil
}

// start records what one opening tag says and returns the type now being read.
func (s *schema) start(t xml.StartElement, want map[string]bool, current string) string {
	switch t.Name.Local {
	case "EntityType", "ComplexType":
		name := attr(t, "Name")
		if want[name] {
			s.props[name] = s.props[name][:0:0]
			return name
		}
		return ""
	case "Property", "NavigationProperty":
		if current != "" {
			s.props[current] = append(s.props[current], attr(t, "Name"))
		}
	case "EntitySet":
		name := attr(t, "Name")
		typ := attr(t, "EntityType")
		if i := strings.LastIndexByte(typ, '.'); i >= 0 {
			typ = typ[i+1:]
		}
		if _, dup := s.sets[name]; !dup {
			s.names = append(s.names, name)
		}
		s.sets[name] = typ
	}
	return current
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// properties returns the properties of an entity set's type, and whether they
// were read.
func (s *schema) properties(set string) ([]string, bool) {
	typ, ok := s.sets[set]
	if !ok {
		return nil, false
	}
	props, ok := s.props[typ]
	return props, ok
}
