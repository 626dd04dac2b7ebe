package sqlread

import (
	"fmt"
	"strings"
)

// Purposes of tables (Назначение), in both script variants of the platform.
var (
	purposeMain    = []string{"Основная", "Main"}
	purposeSection = []string{"ТабличнаяЧасть", "TabularSection"}
)

// objectKind is a kind of metadata object as the OData interface and the 1C query
// language name it.
type objectKind struct {
	odata   string // prefix of the entity set, with its underscore
	russian string // Метаданные class, as in ИмяТаблицы
	english string
}

var objectKinds = []objectKind{
	{"AccumulationRegister_", "РегистрНакопления", "AccumulationRegister"},
	{"InformationRegister_", "РегистрСведений", "InformationRegister"},
	{"Catalog_", "Справочник", "Catalog"},
	{"Document_", "Документ", "Document"},
	{"Enum_", "Перечисление", "Enum"},
}

// tableNames turns an OData entity set name into the query names of its table in
// either script variant: AccumulationRegister_Продажи_RecordType →
// [РегистрНакопления.Продажи AccumulationRegister.Продажи].
func tableNames(entity string) ([]string, error) {
	name := strings.TrimSuffix(entity, "_RecordType")
	for _, k := range objectKinds {
		if rest, ok := strings.CutPrefix(name, k.odata); ok && rest != "" {
			return []string{k.russian + "." + rest, k.english + "." + rest}, nil
		}
	}
	return nil, fmt.Errorf("%q is not an entity set name like Catalog_Контрагенты or AccumulationRegister_Продажи_RecordType", entity)
}

// sectionNames turns a tabular section's entity set (Catalog_Контрагенты_КонтактнаяИнформация)
// into its query names (Справочник.Контрагенты.КонтактнаяИнформация), given the owner's entity set.
func sectionNames(owner, entity string) ([]string, error) {
	section, ok := strings.CutPrefix(entity, owner+"_")
	if !ok || section == "" || strings.Contains(section, "_") {
		return nil, fmt.Errorf("%q is not a tabular section of %s (want %s_<Section>)", entity, owner, owner)
	}
	names, err := tableNames(owner)
	if err != nil {
		return nil, err
	}
	return []string{names[0] + "." + section, names[1] + "." + section}, nil
}

// documentType turns a document's query name (Документ.РеализацияТоваровУслуг) into
// the type the OData interface gives it (Document_РеализацияТоваровУслуг); "" for
// anything but a document.
func documentType(name string) string {
	for _, prefix := range []string{"Документ.", "Document."} {
		if rest, ok := strings.CutPrefix(name, prefix); ok && rest != "" && !strings.Contains(rest, ".") {
			return "Document_" + rest
		}
	}
	return ""
}

// standardFields are the standard attributes whose OData names differ from the names
// the storage structure gives them.
var standardFields = map[string][]string{
	"Period":       {"Период", "Period"},
	"Active":       {"Активность", "Active"},
	"Recorder":     {"Регистратор", "Recorder"},
	"LineNumber":   {"НомерСтроки", "LineNumber"},
	"Ref":          {"Ссылка", "Ref"},
	"Description":  {"Наименование", "Description"},
	"Code":         {"Код", "Code"},
	"DeletionMark": {"ПометкаУдаления", "DeletionMark"},
	"IsFolder":     {"ЭтоГруппа", "IsFolder"},
	"Parent":       {"Родитель", "Parent"},
	"Owner":        {"Владелец", "Owner"},
	"Date":         {"Дата", "Date"},
	"Number":       {"Номер", "Number"},
	"Posted":       {"Проведен", "Posted"},
	"Order":        {"Порядок", "Order"},
}

// fieldNames turns an OData property name into the names the storage structure may
// give the field: a ref's _Key and a composite's _Type suffixes go, and standard
// attributes get their Russian name beside the English one.
func fieldNames(property string) []string {
	name := strings.TrimSuffix(strings.TrimSuffix(property, "_Key"), "_Type")
	if names, ok := standardFields[name]; ok {
		return names
	}
	return []string{name}
}
