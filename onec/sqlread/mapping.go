package sqlread

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/rfm9/rfm9/onec"
)

// Mapping is an onec.Mapping resolved against a structure file: the database tables
// and columns that hold the register, the client catalog and its contacts. Names are
// as the structure file spells them; the PostgreSQL queries lower-case them.
type Mapping struct {
	Preset    string
	Register  RegisterTable
	Via       *ViaTable         // nil when the register holds the client itself
	Clients   CatalogTable      //
	Contacts  *ContactTable     // nil when the mapping names no contact information
	Documents map[uint32]string // recorder type code (the _Document<n> number) → Document_<Name>
	Document  string            // the only recorder type, when the register stores no type column

	uses []*tableUse // every table and column the queries read, for Check
}

// RegisterTable names the sales register's columns. Optional columns are empty.
type RegisterTable struct {
	Table      string   // _AccumRg<n>
	Meta       string   // РегистрНакопления.<Name>
	Period     string   // _Period
	Active     string   // _Active
	DocType    string   // _RecorderTRef or a composite's _Fld<n>_RTRef; empty with one recorder type
	DocRef     string   // _RecorderRRef or _Fld<n>_RRRef
	Client     string   // _Fld<n>RRef: the client, or the key to look it up in Via
	Amount     string   // net amount, numeric(15,2)
	AmountFull string   // amount before discounts
	Quantity   string   // numeric(15,3)
	Discounts  []string // discount columns, summed
	Storno     string   // a boolean that negates the line (УТ 11)
}

// ViaTable is the catalog the register's client key points into (УТ 11's analytics keys).
type ViaTable struct {
	Table  string // _Reference<n>
	Meta   string // Справочник.КлючиАналитикиУчетаПоПартнерам
	Ref    string // _IDRRef
	Client string // _Fld<n>RRef: the partner
}

// CatalogTable names the client catalog's columns.
type CatalogTable struct {
	Table   string // _Reference<n>
	Meta    string // Справочник.Контрагенты
	Ref     string // _IDRRef
	Marked  string // _Marked: deletion mark
	Folder  string // _Folder, only in hierarchical catalogs; 1C stores it inverted (0x00 = group)
	Name    string // _Description
	INN     string
	Manager string        // a ref
	Fields  []ClientField // template fields, in name order
}

// ClientField is a mapped catalog field for message templates.
type ClientField struct {
	Key    string // the template field
	Column string
	Ref    bool // a reference, read as its GUID
}

// ContactTable names the contact information tabular section of the client catalog.
type ContactTable struct {
	Table        string // _Reference<n>_VT<k>
	Meta         string // Справочник.Контрагенты.КонтактнаяИнформация
	Owner        string // _Reference<n>_IDRRef: the client
	LineNo       string // _LineNo<k>
	Type         string // Тип: a ref into Types
	Presentation string // Представление
	Email        string // АдресЭП, when the section has it
	Types        EnumTable
}

// EnumTable is the enumeration of contact information types (ТипыКонтактнойИнформации).
type EnumTable struct {
	Table  string   // _Enum<n>
	Meta   string   // Перечисление.ТипыКонтактнойИнформации
	Ref    string   // _IDRRef
	Order  string   // _EnumOrder
	Values []string // value names in order
}

// tableUse records which columns of a table the queries read, for Check.
type tableUse struct {
	Table string
	Meta  string
	Cols  []colUse
}

type colUse struct {
	Column string
	Field  string // the metadata field, for messages
}

// contactInfoTypes is the enumeration БСП keeps contact information types in.
var contactInfoTypes = []string{"Перечисление.ТипыКонтактнойИнформации", "Enum.ТипыКонтактнойИнформации"}

// Resolve finds the tables and columns of m in the structure file s. Its errors name
// the mapping key and the metadata name missing from the structure file.
func Resolve(s *Structure, m onec.Mapping) (*Mapping, error) {
	if s == nil {
		return nil, fmt.Errorf("sqlread: no structure file: export one with onec/bsl/storage_structure.bsl")
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("sqlread: %w", err)
	}
	rv := &resolver{s: s, m: m, out: &Mapping{Preset: m.Preset}}
	steps := []func() error{rv.register, rv.via, rv.documents, rv.clients, rv.contacts}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("sqlread: mapping %q: %w", m.Preset, err)
		}
	}
	return rv.out, nil
}

// resolver carries one resolution.
type resolver struct {
	s   *Structure
	m   onec.Mapping
	out *Mapping
}

// table finds the table named by the entity set under key, and starts recording its use.
func (rv *resolver) table(key string, names []string, purposes []string) (*Table, *tableUse, error) {
	t := rv.s.findTable(names, purposes)
	if t == nil {
		return nil, nil, fmt.Errorf("%s: the structure file has no table for %s: export it with onec/bsl/storage_structure.bsl", key, names[0])
	}
	u := &tableUse{Table: t.Table, Meta: t.Name}
	rv.out.uses = append(rv.out.uses, u)
	return t, u, nil
}

// use records a column read from the table u tracks.
func (u *tableUse) use(col, field string) string {
	if col != "" && !slices.ContainsFunc(u.Cols, func(c colUse) bool { return c.Column == col }) {
		u.Cols = append(u.Cols, colUse{Column: col, Field: field})
	}
	return col
}

// plain resolves a field stored in one column (a number, string, date or boolean).
// An empty property resolves to no column.
func plain(t *Table, u *tableUse, key, property string) (string, error) {
	if property == "" {
		return "", nil
	}
	names := fieldNames(property)
	cols := t.columns(names)
	switch {
	case len(cols) == 0:
		return "", missingField(key, t, names[0])
	case len(cols) > 1:
		return "", fmt.Errorf("%s: %s.%s is a composite field (%s): map a field of one type", key, t.Name, names[0], strings.Join(cols, ", "))
	}
	return u.use(cols[0], names[0]), nil
}

// ref resolves a reference field: its column ends in RRef.
func ref(t *Table, u *tableUse, key, property string) (string, error) {
	names := fieldNames(property)
	cols := t.columns(names)
	if len(cols) == 0 {
		return "", missingField(key, t, names[0])
	}
	if len(cols) > 1 || !hasSuffixFold(cols[0], "RRef") {
		return "", fmt.Errorf("%s: %s.%s is stored in %s, not as a reference of one type (…RRef)", key, t.Name, names[0], strings.Join(cols, ", "))
	}
	return u.use(cols[0], names[0]), nil
}

// composite resolves a field that holds a document: the type column (…TRef, absent
// when the field has one type) and the ref column (…RRef).
func composite(t *Table, u *tableUse, key, property string) (typ, ref string, err error) {
	names := fieldNames(property)
	cols := t.columns(names)
	if len(cols) == 0 {
		return "", "", missingField(key, t, names[0])
	}
	for _, c := range cols {
		switch {
		case hasSuffixFold(c, "TRef"):
			typ = c
		case hasSuffixFold(c, "RRef"):
			ref = c
		}
	}
	if ref == "" {
		return "", "", fmt.Errorf("%s: %s.%s has no reference column among %s", key, t.Name, names[0], strings.Join(cols, ", "))
	}
	u.use(typ, names[0])
	return typ, u.use(ref, names[0]), nil
}

// standard resolves a standard column, falling back to the name 1C always gives it
// when the structure file leaves the field out.
func standard(t *Table, u *tableUse, property, fallback string) string {
	names := fieldNames(property)
	if cols := t.columns(names); len(cols) == 1 {
		return u.use(cols[0], names[0])
	}
	return u.use(fallback, names[0])
}

func missingField(key string, t *Table, name string) error {
	return fmt.Errorf("%s: the structure file has no field %s in %s (%s)", key, name, t.Name, t.Table)
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// documents maps the type codes of the document tables in the structure file, so that
// a recorder's type column can be read as a document type.
func (rv *resolver) documents() error {
	rv.out.Documents = map[uint32]string{}
	var only []string
	for _, t := range rv.s.Tables {
		num, ok := strings.CutPrefix(strings.ToLower(t.Table), "_document")
		if !ok || !matchAny(t.Purpose, purposeMain) {
			continue
		}
		code, err := strconv.ParseUint(num, 10, 32)
		typ := documentType(t.Name)
		if err != nil || typ == "" {
			continue
		}
		rv.out.Documents[uint32(code)] = typ
		only = append(only, typ)
	}
	if rv.out.Register.DocType == "" {
		rv.out.Document = rv.onlyDocument(only)
	}
	return nil
}

// onlyDocument names the type of a document field stored without a type column: the
// field's one type when the structure file lists it, else the only document exported.
func (rv *resolver) onlyDocument(exported []string) string {
	var typed []string
	if t := rv.s.findTable(tableNamesOrNil(rv.m.Register.Entity), purposeMain); t != nil {
		if f, ok := t.field(fieldNames(rv.m.Register.Document)); ok {
			for _, name := range f.Types {
				if typ := documentType(name); typ != "" {
					typed = append(typed, typ)
				}
			}
		}
	}
	switch {
	case len(typed) == 1:
		return typed[0]
	case len(typed) == 0 && len(exported) == 1:
		return exported[0]
	}
	return ""
}

func tableNamesOrNil(entity string) []string {
	names, _ := tableNames(entity)
	return names
}
