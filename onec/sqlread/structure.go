package sqlread

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// StructureFormat is the format tag onec/bsl/storage_structure.bsl writes.
const StructureFormat = "rfm9-storage/1"

// maxStructureSize bounds what LoadStructure reads: the export of a few objects is
// tens of kilobytes, the whole of a large configuration a few megabytes.
const maxStructureSize = 64 << 20

// Structure is the storage structure of the objects rfm9 reads, as exported from 1C by
// ПолучитьСтруктуруХраненияБазыДанных(, Истина): which database table and columns hold
// each metadata object and field.
type Structure struct {
	Format        string  `json:"format"`
	Exported      string  `json:"exported,omitempty"`      // when, in the base's time
	Configuration string  `json:"configuration,omitempty"` // Метаданные.Имя
	Version       string  `json:"version,omitempty"`       // Метаданные.Версия
	Platform      string  `json:"platform,omitempty"`
	Tables        []Table `json:"tables"`
}

// Table is one database table of a metadata object.
type Table struct {
	Table    string   `json:"table"`            // ИмяТаблицыХранения: _AccumRg24981, _Reference98_VT1530
	Name     string   `json:"name"`             // ИмяТаблицы: РегистрНакопления.Продажи, Справочник.Контрагенты.КонтактнаяИнформация
	Metadata string   `json:"metadata"`         // full name of the object: РегистрНакопления.Продажи
	Purpose  string   `json:"purpose"`          // Назначение: Основная, ТабличнаяЧасть, Итоги…
	Fields   []Field  `json:"fields"`           // the table's columns
	Values   []string `json:"values,omitempty"` // an enum's values in _EnumOrder order
}

// Field is one database column and the field it stores. A composite field has one
// column per part (_Fld1_TYPE, _Fld1_RTRef, _Fld1_RRRef), all with the same Name.
type Field struct {
	Storage  string   `json:"storage"`            // ИмяПоляХранения: _Fld1234RRef, _Period
	Name     string   `json:"name"`               // ИмяПоля: Контрагент, Период; empty for service columns
	Metadata string   `json:"metadata,omitempty"` // full name of the field's metadata, when it has one
	Types    []string `json:"types,omitempty"`    // the objects a reference field points to
}

// LoadStructure reads a structure file written by onec/bsl/storage_structure.bsl
// (UTF-8 JSON, with or without a BOM) and checks that its names can be used in SQL.
func LoadStructure(r io.Reader) (*Structure, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxStructureSize+1))
	if err != nil {
		return nil, fmt.Errorf("sqlread: structure: %w", err)
	}
	if len(data) > maxStructureSize {
		return nil, fmt.Errorf("sqlread: structure: larger than %d MB: export only the objects rfm9 reads", maxStructureSize>>20)
	}
	// 1C writes text files with a BOM unless told otherwise.
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var s Structure
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("sqlread: structure: not the JSON storage_structure.bsl writes: %w", err)
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return &s, nil
}

// Validate checks the format tag and that every table and column name is a plain
// 1C storage name, which is what lets them be written into SQL text unquoted.
func (s *Structure) Validate() error {
	if s.Format != StructureFormat {
		return fmt.Errorf("sqlread: structure: format %q, want %q: export it with onec/bsl/storage_structure.bsl", s.Format, StructureFormat)
	}
	if len(s.Tables) == 0 {
		return fmt.Errorf("sqlread: structure: no tables")
	}
	seen := make(map[string]bool, len(s.Tables))
	for i := range s.Tables {
		t := &s.Tables[i]
		if err := t.validate(); err != nil {
			return err
		}
		key := strings.ToLower(t.Table)
		if seen[key] {
			return fmt.Errorf("sqlread: structure: table %s is listed twice", t.Table)
		}
		seen[key] = true
	}
	return nil
}

func (t *Table) validate() error {
	if !isStorageName(t.Table) {
		return fmt.Errorf("sqlread: structure: table name %q is not a 1C storage name like _AccumRg123 (export with database names)", t.Table)
	}
	if t.Name == "" {
		return fmt.Errorf("sqlread: structure: table %s has no name", t.Table)
	}
	for _, f := range t.Fields {
		if !isStorageName(f.Storage) {
			return fmt.Errorf("sqlread: structure: table %s: column name %q is not a 1C storage name like _Fld123", t.Table, f.Storage)
		}
	}
	return nil
}

// isStorageName accepts the names 1C gives tables and columns: an underscore, then
// Latin letters, digits and underscores, e.g. _Reference98_VT1530, _Fld17218_RRRef.
func isStorageName(s string) bool {
	if len(s) < 2 || len(s) > 128 || s[0] != '_' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// findTable finds the table whose query name (ИмяТаблицы, in Russian or English) is
// one of names and whose purpose is one of purposes.
func (s *Structure) findTable(names []string, purposes []string) *Table {
	for i := range s.Tables {
		t := &s.Tables[i]
		if matchAny(t.Name, names) && matchAny(t.Purpose, purposes) {
			return t
		}
	}
	return nil
}

// findByMetadata finds the main table of the object with the given full name.
func (s *Structure) findByMetadata(names []string) *Table {
	for i := range s.Tables {
		t := &s.Tables[i]
		if (matchAny(t.Metadata, names) || matchAny(t.Name, names)) && matchAny(t.Purpose, purposeMain) {
			return t
		}
	}
	return nil
}

// columns returns the storage names of the field called by one of names.
func (t *Table) columns(names []string) []string {
	var cols []string
	for _, f := range t.Fields {
		if matchAny(f.Name, names) {
			cols = append(cols, f.Storage)
		}
	}
	return cols
}

// field returns the first field called by one of names.
func (t *Table) field(names []string) (Field, bool) {
	for _, f := range t.Fields {
		if matchAny(f.Name, names) {
			return f, true
		}
	}
	return Field{}, false
}

// matchAny compares a 1C name with candidates; 1C names are case-insensitive.
func matchAny(s string, names []string) bool {
	for _, n := range names {
		if strings.EqualFold(s, n) {
			return true
		}
	}
	return false
}
