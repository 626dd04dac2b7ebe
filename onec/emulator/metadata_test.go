package emulator

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/rfm9/rfm9/onec"
)

// edmx is the part of $metadata the tests read.
type edmx struct {
	XMLName      xml.Name `xml:"Edmx"`
	Version      string   `xml:"Version,attr"`
	DataServices struct {
		DataServiceVersion string `xml:"DataServiceVersion,attr"`
		Schema             struct {
			Namespace   string `xml:"Namespace,attr"`
			EntityTypes []struct {
				Name       string `xml:"Name,attr"`
				Properties []struct {
					Name string `xml:"Name,attr"`
					Type string `xml:"Type,attr"`
				} `xml:"Property"`
			} `xml:"EntityType"`
			Container struct {
				Name      string `xml:"Name,attr"`
				IsDefault string `xml:"IsDefaultEntityContainer,attr"`
				Sets      []struct {
					Name string `xml:"Name,attr"`
				} `xml:"EntitySet"`
			} `xml:"EntityContainer"`
		} `xml:"Schema"`
	} `xml:"DataServices"`
}

// fetchMetadata reads and parses $metadata, asking for JSON to check it stays XML.
func fetchMetadata(t *testing.T, s *server) (edmx, map[string]map[string]string) {
	t.Helper()
	resp, body := s.do(t, "$metadata", "application/json")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/xml") {
		t.Fatalf("$metadata: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var doc edmx
	if err := xml.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatalf("$metadata is not XML: %v", err)
	}
	types := map[string]map[string]string{}
	for _, et := range doc.DataServices.Schema.EntityTypes {
		types[et.Name] = map[string]string{}
		for _, p := range et.Properties {
			types[et.Name][p.Name] = p.Type
		}
	}
	return doc, types
}

func TestMetadataListsTheMappedNames(t *testing.T) {
	for _, preset := range presets {
		t.Run(preset, func(t *testing.T) {
			s := start(t, preset, nil)
			m := s.e.opts.Mapping
			doc, types := fetchMetadata(t, s)
			sch := doc.DataServices.Schema
			if doc.Version != "1.0" || doc.DataServices.DataServiceVersion != "3.0" || sch.Namespace != "StandardODATA" ||
				sch.Container.Name != "EnterpriseV8" || sch.Container.IsDefault != "true" {
				t.Errorf("envelope: %+v", doc)
			}
			for _, set := range wantSets(m) {
				if !hasSet(doc, set) {
					t.Errorf("entity set %s not listed", set)
				}
			}
			checkTypes(t, types[m.Register.Entity], registerTypes(m))
			checkTypes(t, types[m.Clients.Entity], catalogTypes(m))
			checkTypes(t, types["Document_РеализацияТоваровУслуг"], map[string]string{
				"Ref_Key": "Edm.Guid", "DataVersion": "Edm.String", "DeletionMark": "Edm.Boolean", "Number": "Edm.String",
				"Date": "Edm.DateTime", "Posted": "Edm.Boolean",
			})
			checkTypes(t, types[m.Clients.ContactInfo], map[string]string{
				"Ref_Key": "Edm.Guid", "LineNumber": "Edm.Int64", "Тип": "Edm.String", "Вид_Key": "Edm.Guid",
				"Представление": "Edm.String", "АдресЭП": "Edm.String", "НомерТелефона": "Edm.String", "Значение": "Edm.String",
			})
			if v := m.Register.ClientVia; v != nil {
				checkTypes(t, types[v.Entity], map[string]string{"Ref_Key": "Edm.Guid", v.Field: "Edm.Guid", "Контрагент_Key": "Edm.Guid", "Организация_Key": "Edm.Guid"})
			}
		})
	}
}

// wantSets are the sets a mapping needs published.
func wantSets(m onec.Mapping) []string {
	sets := []string{m.Register.Entity, m.Clients.Entity, m.Clients.ContactInfo, "Document_РеализацияТоваровУслуг", "Document_ВозвратТоваровОтКлиента"}
	if v := m.Register.ClientVia; v != nil {
		sets = append(sets, v.Entity)
	}
	if m.Clients.Manager != "" || m.Register.Manager != "" {
		sets = append(sets, "Catalog_Пользователи")
	}
	return sets
}

// registerTypes are the register fields a mapping names, with their types.
func registerTypes(m onec.Mapping) map[string]string {
	r := m.Register
	want := map[string]string{
		r.Period: "Edm.DateTime", "LineNumber": "Edm.Int64", r.Active: "Edm.Boolean", r.Client: "Edm.Guid",
		r.Amount: "Edm.Double", r.Quantity: "Edm.Double", r.Document: "Edm.String", r.DocumentType: "Edm.String",
		"Recorder": "Edm.String", "Recorder_Type": "Edm.String",
	}
	for _, f := range append(r.Discounts, r.AmountFull) {
		want[f] = "Edm.Double"
	}
	if r.Storno != "" {
		want[r.Storno] = "Edm.Boolean"
	}
	if r.Manager != "" {
		want[r.Manager] = "Edm.Guid"
	}
	delete(want, "")
	return want
}

// catalogTypes are the catalog fields a mapping names, with the standard ones.
func catalogTypes(m onec.Mapping) map[string]string {
	c := m.Clients
	section := strings.TrimPrefix(c.ContactInfo, c.Entity+"_")
	want := map[string]string{
		"Ref_Key": "Edm.Guid", "DataVersion": "Edm.String", "DeletionMark": "Edm.Boolean", "Parent_Key": "Edm.Guid",
		"IsFolder": "Edm.Boolean", "Code": "Edm.String", c.Name: "Edm.String", c.INN: "Edm.String", c.Manager: "Edm.Guid",
		"Predefined": "Edm.Boolean", "PredefinedDataName": "Edm.String",
		section: "Collection(StandardODATA." + c.ContactInfo + "_RowType)",
	}
	delete(want, "")
	return want
}

// checkTypes checks that every wanted property is there with its type.
func checkTypes(t *testing.T, got, want map[string]string) {
	t.Helper()
	for name, typ := range want {
		if got[name] != typ {
			t.Errorf("property %s: type %q, want %q", name, got[name], typ)
		}
	}
}

// hasSet tells whether $metadata lists an entity set.
func hasSet(doc edmx, name string) bool {
	for _, s := range doc.DataServices.Schema.Container.Sets {
		if s.Name == name {
			return true
		}
	}
	return false
}
