package onec

import (
	"bytes"
	"fmt"

	"gopkg.in/yaml.v3"
)

// Mapping says where a 1C configuration keeps its sales and its clients, in the names of
// the standard OData interface. Presets in configs/presets cover the typical
// configurations; a customised base writes its own in the same form.
type Mapping struct {
	Preset   string          `yaml:"preset"`
	Title    string          `yaml:"title"`
	Register RegisterMapping `yaml:"register"`
	Clients  CatalogMapping  `yaml:"clients"`
}

// RegisterMapping names the sales register and the fields of its records.
type RegisterMapping struct {
	Entity       string   `yaml:"entity"`        // e.g. AccumulationRegister_Продажи_RecordType
	Period       string   `yaml:"period"`        // Period
	Active       string   `yaml:"active"`        // Active: records switched off by 1C do not count
	Document     string   `yaml:"document"`      // Recorder, Recorder_Key or a composite dimension such as Документ
	DocumentType string   `yaml:"document_type"` // the composite's type field (Recorder_Type); empty for a *_Key
	Client       string   `yaml:"client"`        // e.g. Контрагент_Key
	ClientVia    *Via     `yaml:"client_via"`    // when the register holds a key to another catalog
	Amount       string   `yaml:"amount"`        // net amount of the line
	AmountFull   string   `yaml:"amount_full"`   // amount before discounts, when the discount is not stored
	Quantity     string   `yaml:"quantity"`
	Discounts    []string `yaml:"discounts"` // discount fields, summed
	Storno       string   `yaml:"storno"`    // a boolean that negates the record (УТ 11)
	Manager      string   `yaml:"manager"`
}

// Via resolves the register's client field through another catalog: the register holds
// a ref to Entity, whose Field is the client (УТ 11's analytics keys → partner).
type Via struct {
	Entity string `yaml:"entity"` // e.g. Catalog_КлючиАналитикиУчетаПоПартнерам
	Field  string `yaml:"field"`  // e.g. Партнер_Key
}

// CatalogMapping names the client catalog and its fields.
type CatalogMapping struct {
	Entity      string            `yaml:"entity"`       // e.g. Catalog_Контрагенты
	Name        string            `yaml:"name"`         // Description
	INN         string            `yaml:"inn"`          // ИНН, when the catalog has it
	Manager     string            `yaml:"manager"`      // e.g. ОсновнойМенеджер_Key
	ContactInfo string            `yaml:"contact_info"` // e.g. Catalog_Контрагенты_КонтактнаяИнформация
	Fields      map[string]string `yaml:"fields"`       // template field → catalog field, for campaigns
}

// ParseMapping reads a mapping from YAML and checks that the fields every reader needs
// are named.
func ParseMapping(data []byte) (Mapping, error) {
	var m Mapping
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil {
		return Mapping{}, fmt.Errorf("1c mapping: %w", err)
	}
	return m, m.Validate()
}

// Validate names the first required field that is missing.
func (m Mapping) Validate() error {
	required := []struct{ key, value string }{
		{"register.entity", m.Register.Entity},
		{"register.period", m.Register.Period},
		{"register.document", m.Register.Document},
		{"register.client", m.Register.Client},
		{"clients.entity", m.Clients.Entity},
		{"clients.name", m.Clients.Name},
	}
	for _, r := range required {
		if r.value == "" {
			return fmt.Errorf("1c mapping %q: %s is required", m.Preset, r.key)
		}
	}
	if m.Register.Amount == "" {
		return fmt.Errorf("1c mapping %q: register.amount is required", m.Preset)
	}
	if v := m.Register.ClientVia; v != nil && (v.Entity == "" || v.Field == "") {
		return fmt.Errorf("1c mapping %q: register.client_via needs entity and field", m.Preset)
	}
	return nil
}
