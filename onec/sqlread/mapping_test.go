package sqlread

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/rfm9/rfm9/configs"
	"github.com/rfm9/rfm9/onec"
)

// presets are the shipped 1C presets, each with a structure sample in testdata.
var presets = []string{"ut11", "unf", "bp3", "retail"}

// presetMapping parses a shipped preset.
func presetMapping(t testing.TB, name string) onec.Mapping {
	t.Helper()
	data, err := configs.Preset(name)
	if err != nil {
		t.Fatal(err)
	}
	m, err := onec.ParseMapping(data)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// resolvePreset resolves a preset against its structure sample.
func resolvePreset(t testing.TB, preset string) *Mapping {
	t.Helper()
	m, err := Resolve(loadTestStructure(t, preset), presetMapping(t, preset))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestResolvePresets(t *testing.T) {
	want := map[string]RegisterTable{
		"ut11": {Table: "_AccumRg24981", Meta: "РегистрНакопления.ВыручкаИСебестоимостьПродаж", Period: "_Period", Active: "_Active",
			DocType: "_RecorderTRef", DocRef: "_RecorderRRef", Client: "_Fld24986RRef", Amount: "_Fld24990", Quantity: "_Fld24989",
			Discounts: []string{"_Fld24992", "_Fld24993"}, Storno: "_Fld24995"},
		"unf": {Table: "_AccumRg17214", Meta: "РегистрНакопления.Продажи", Period: "_Period", Active: "_Active",
			DocType: "_Fld17218_RTRef", DocRef: "_Fld17218_RRRef", Client: "_Fld17222RRef", Amount: "_Fld17225", Quantity: "_Fld17224"},
		"bp3": {Table: "_AccumRg8127", Meta: "РегистрНакопления.Продажи", Period: "_Period", Active: "_Active",
			DocType: "_Fld8131_RTRef", DocRef: "_Fld8131_RRRef", Client: "_Fld8129RRef", Amount: "_Fld8136", Quantity: "_Fld8135"},
		"retail": {Table: "_AccumRg9031", Meta: "РегистрНакопления.Продажи", Period: "_Period", Active: "_Active",
			DocType: "_RecorderTRef", DocRef: "_RecorderRRef", Client: "_Fld9036RRef", Amount: "_Fld9040", AmountFull: "_Fld9041", Quantity: "_Fld9039"},
	}
	for _, preset := range presets {
		m := resolvePreset(t, preset)
		if !reflect.DeepEqual(m.Register, want[preset]) {
			t.Errorf("%s: register\n got %+v\nwant %+v", preset, m.Register, want[preset])
		}
		if m.Contacts == nil || len(m.Contacts.Types.Values) == 0 {
			t.Errorf("%s: no contact information", preset)
		}
	}
}

func TestResolveUT11(t *testing.T) {
	m := resolvePreset(t, "ut11")
	if want := (&ViaTable{Table: "_Reference412", Meta: "Справочник.КлючиАналитикиУчетаПоПартнерам", Ref: "_IDRRef", Client: "_Fld5120RRef"}); !reflect.DeepEqual(m.Via, want) {
		t.Errorf("via %+v, want %+v", m.Via, want)
	}
	wantClients := CatalogTable{Table: "_Reference186", Meta: "Справочник.Партнеры", Ref: "_IDRRef", Marked: "_Marked", Folder: "_Folder",
		Name: "_Description", Manager: "_Fld3412RRef"}
	if !reflect.DeepEqual(m.Clients, wantClients) {
		t.Errorf("clients %+v, want %+v", m.Clients, wantClients)
	}
	c := m.Contacts
	if c.Table != "_Reference186_VT3420" || c.Owner != "_Reference186_IDRRef" || c.LineNo != "_LineNo3421" || c.Type != "_Fld3422RRef" ||
		c.Presentation != "_Fld3424" || c.Email != "_Fld3429" || c.Types.Table != "_Enum1033" || c.Types.Order != "_EnumOrder" {
		t.Errorf("contacts %+v", c)
	}
	if m.Documents[642] != "Document_РеализацияТоваровУслуг" || m.Documents[455] != "Document_ВозвратТоваровОтКлиента" || len(m.Documents) != 5 {
		t.Errorf("documents %v", m.Documents)
	}
}

func TestResolveRetailHasNoFolderNorEmail(t *testing.T) {
	m := resolvePreset(t, "retail")
	if m.Clients.Folder != "" || m.Contacts.Email != "" || m.Clients.INN != "" {
		t.Errorf("clients %+v, contacts %+v", m.Clients, m.Contacts)
	}
}

// TestResolveUnnamedOwner: the owner ref of a tabular section listed without a field
// name is found by its table's name.
func TestResolveUnnamedOwner(t *testing.T) {
	if m := resolvePreset(t, "unf"); m.Contacts.Owner != "_Reference98_IDRRef" {
		t.Errorf("owner %q", m.Contacts.Owner)
	}
}

// TestResolveSingleRecorderType: a register with one recorder type stores no type
// column; the only document of the structure names the sales.
func TestResolveSingleRecorderType(t *testing.T) {
	s := loadTestStructure(t, "retail")
	s = editStructure(t, s, func(s *Structure) {
		reg := &s.Tables[0]
		reg.Fields = slicesDelete(reg.Fields, "_RecorderTRef")
		var tables []Table
		for _, tb := range s.Tables {
			if tb.Table != "_Document371" && tb.Table != "_Document360" {
				tables = append(tables, tb)
			}
		}
		s.Tables = tables
	})
	m, err := Resolve(s, presetMapping(t, "retail"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Register.DocType != "" || m.Document != "Document_ЧекККМ" {
		t.Errorf("doc type %q, document %q", m.Register.DocType, m.Document)
	}
}

// TestResolveSingleTypedDocument: a document dimension of one type is a plain ref; its
// type comes from the field's types.
func TestResolveSingleTypedDocument(t *testing.T) {
	s := editStructure(t, loadTestStructure(t, "unf"), func(s *Structure) {
		var fields []Field
		for _, f := range s.Tables[0].Fields {
			switch f.Storage {
			case "_Fld17218_TYPE", "_Fld17218_RTRef":
			case "_Fld17218_RRRef":
				f.Storage, f.Types = "_Fld17218RRef", []string{"Документ.РасходнаяНакладная"}
				fields = append(fields, f)
			default:
				fields = append(fields, f)
			}
		}
		s.Tables[0].Fields = fields
	})
	m := presetMapping(t, "unf")
	m.Register.Document, m.Register.DocumentType = "Документ_Key", ""
	got, err := Resolve(s, m)
	if err != nil {
		t.Fatal(err)
	}
	if got.Register.DocType != "" || got.Register.DocRef != "_Fld17218RRef" || got.Document != "Document_РасходнаяНакладная" {
		t.Errorf("doc type %q, ref %q, document %q", got.Register.DocType, got.Register.DocRef, got.Document)
	}
}

func TestResolveErrors(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(*onec.Mapping)
		struct_ func(*Structure)
		want    string
	}{
		{"no register", nil, func(s *Structure) { s.Tables[0].Name = "РегистрНакопления.Другой" },
			"register.entity: the structure file has no table for РегистрНакопления.ВыручкаИСебестоимостьПродаж"},
		{"no amount field", func(m *onec.Mapping) { m.Register.Amount = "СуммаВыручкиВВалюте" }, nil,
			"register.amount: the structure file has no field СуммаВыручкиВВалюте in РегистрНакопления.ВыручкаИСебестоимостьПродаж (_AccumRg24981)"},
		{"composite amount", func(m *onec.Mapping) { m.Register.Amount = "ЗаказКлиента" }, nil, "is a composite field"},
		{"client not a ref", func(m *onec.Mapping) { m.Register.Client = "Количество" }, nil, "not as a reference"},
		{"no via catalog", nil, func(s *Structure) { s.Tables[2].Name = "Справочник.Другой" },
			"register.client_via.entity: the structure file has no table for Справочник.КлючиАналитикиУчетаПоПартнерам"},
		{"no partner", func(m *onec.Mapping) { m.Register.ClientVia.Field = "Клиент_Key" }, nil,
			"register.client_via.field: the structure file has no field Клиент"},
		{"no contacts section", func(m *onec.Mapping) { m.Clients.ContactInfo = "Catalog_Партнеры_Контакты" }, nil,
			"clients.contact_info: the structure file has no table for Справочник.Партнеры.Контакты"},
		{"contacts of another catalog", func(m *onec.Mapping) {
			m.Clients.ContactInfo = "Catalog_Контрагенты_КонтактнаяИнформация"
		}, nil,
			"is not a tabular section of Catalog_Партнеры"},
		{"no enum", nil, func(s *Structure) {
			s.Tables[5].Metadata, s.Tables[5].Name = "Перечисление.Другое", "Перечисление.Другое"
		},
			"Перечисление.ТипыКонтактнойИнформации"},
		{"bad entity", func(m *onec.Mapping) { m.Clients.Entity = "Партнеры" }, nil, "clients.entity: \"Партнеры\" is not an entity set name"},
		{"template field", func(m *onec.Mapping) { m.Clients.Fields = map[string]string{"site": "ВебСайт"} }, nil,
			"clients.fields.site: the structure file has no field ВебСайт"},
	}
	for _, tt := range tests {
		m := presetMapping(t, "ut11")
		if tt.edit != nil {
			tt.edit(&m)
		}
		s := loadTestStructure(t, "ut11")
		if tt.struct_ != nil {
			s = editStructure(t, s, tt.struct_)
		}
		_, err := Resolve(s, m)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one mentioning %q", tt.name, err, tt.want)
		}
	}
}

func TestResolveClientFields(t *testing.T) {
	m := presetMapping(t, "unf")
	m.Clients.Fields = map[string]string{"full_name": "НаименованиеПолное", "owner": "Ответственный_Key", "created": "ДатаСоздания"}
	got, err := Resolve(loadTestStructure(t, "unf"), m)
	if err != nil {
		t.Fatal(err)
	}
	want := []ClientField{{"created", "_Fld1516", false}, {"full_name", "_Fld1510", false}, {"owner", "_Fld1513RRef", true}}
	if !reflect.DeepEqual(got.Clients.Fields, want) {
		t.Errorf("fields %+v, want %+v", got.Clients.Fields, want)
	}
}

// editStructure edits a deep copy of s.
func editStructure(t testing.TB, s *Structure, edit func(*Structure)) *Structure {
	t.Helper()
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var c Structure
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	edit(&c)
	return &c
}

func slicesDelete(fields []Field, storage string) []Field {
	var out []Field
	for _, f := range fields {
		if f.Storage != storage {
			out = append(out, f)
		}
	}
	return out
}
