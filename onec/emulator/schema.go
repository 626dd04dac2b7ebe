package emulator

import (
	"strings"
)

// edm is the OData type of a property.
type edm uint8

// OData types 1C uses for the fields we serve.
const (
	edmGuid edm = iota
	edmString
	edmInt64
	edmDouble
	edmBool
	edmDate
	edmRows // a tabular section: Collection(<Set>_RowType)
)

// edmNames are the types as $metadata spells them.
var edmNames = [...]string{"Edm.Guid", "Edm.String", "Edm.Int64", "Edm.Double", "Edm.Boolean", "Edm.DateTime", ""}

// field is what a property shows; each table knows how to read each field it has.
type field uint8

// Fields of the served entities.
const (
	fRef field = iota
	fDataVersion
	fDeletionMark
	fParent
	fIsFolder
	fCode
	fDescription
	fINN
	fKPP
	fKind
	fManager
	fContacts
	fPredefined
	fPredefinedName
	fExtra // a mapped template field we know nothing about: an empty string
	fNumber
	fDate
	fPosted
	fClient
	fDocSum
	fIncomingDate
	fRecorder
	fRecorderType
	fPeriod
	fLineNumber
	fActive
	fAmount
	fAmountFull
	fQuantity
	fDiscount // share arg of the discount split over the mapped discount fields
	fStorno
	fPartner
	fCounterparty
	fOrganization
	fContactType
	fContactKind
	fPresentation
	fEmail
	fPhone
	fContactValue
)

// property is one property of an entity type, in output order.
type property struct {
	name     string
	typ      edm
	field    field
	arg      int    // fDiscount: which share
	shares   int    // fDiscount: how many shares
	nav      string // navigation property of a ref (Parent for Parent_Key), or ""
	guidText bool   // an Edm.String holding a ref: the halves of a composite field
	nullable bool
	rows     *entityType // row type of a tabular section
	child    table       // the table serving the rows of a tabular section
	jsonKey  []byte      // "name": , ready to append
}

// entityType is the shape of one entity set.
type entityType struct {
	name    string
	keys    []string
	props   []property
	index   map[string]int
	natural [][]string // the names the set is stored in order of, one group per level
}

// newEntityType indexes the properties, leaving out repeated names.
func newEntityType(name string, keys []string, props ...property) *entityType {
	t := &entityType{name: name, keys: keys, index: map[string]int{}}
	for _, p := range props {
		if _, dup := t.index[p.name]; dup || p.name == "" {
			continue
		}
		p.jsonKey = []byte(`"` + p.name + `": `)
		t.index[p.name] = len(t.props)
		t.props = append(t.props, p)
	}
	return t
}

// prop looks a property up by name.
func (t *entityType) prop(name string) (*property, bool) {
	i, ok := t.index[name]
	if !ok {
		return nil, false
	}
	return &t.props[i], true
}

// plain makes a property that is not a ref.
func plain(name string, typ edm, f field) property {
	return property{name: name, typ: typ, field: f}
}

// ref makes a reference property: a GUID with a navigation link (but an entity's
// own Ref_Key links nowhere).
func ref(name string, f field) property {
	p := property{name: name, typ: edmGuid, field: f}
	if nav, ok := strings.CutSuffix(name, "_Key"); ok && name != "Ref_Key" {
		p.nav = nav
	}
	return p
}

// nullable marks p as null on folders.
func nullable(p property) property {
	p.nullable = true
	return p
}

// text makes the string half of a composite field, holding a ref as text.
func text(name string, f field) property {
	return property{name: name, typ: edmString, field: f, guidText: true}
}

// catalogHead and catalogTail are the standard fields of every catalog, before and
// after its attributes, in 1C's order.
func catalogHead(desc string) []property {
	return []property{
		ref("Ref_Key", fRef), plain("DataVersion", edmString, fDataVersion), plain("DeletionMark", edmBool, fDeletionMark),
		ref("Parent_Key", fParent), plain("IsFolder", edmBool, fIsFolder), plain("Code", edmString, fCode),
		plain(desc, edmString, fDescription),
	}
}

// catalogTail are the fields after a catalog's attributes and tabular sections.
func catalogTail() []property {
	return []property{plain("Predefined", edmBool, fPredefined), plain("PredefinedDataName", edmString, fPredefinedName)}
}
