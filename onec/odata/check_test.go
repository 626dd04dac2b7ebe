package odata

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	f, srv := newFake(t)
	meta, err := os.ReadFile("testdata/metadata_ut11.xml")
	if err != nil {
		t.Fatal(err)
	}
	f.sets["AccumulationRegister_ВыручкаИСебестоимостьПродаж_RecordType"] = loadRecords(t, "ut11_sales.json")
	f.sets["Catalog_КлючиАналитикиУчетаПоПартнерам"] = loadRecords(t, "ut11_keys.json")
	f.sets["Catalog_Партнеры"] = loadRecords(t, "ut11_partners.json")
	f.hook = func(w http.ResponseWriter, r *http.Request) bool {
		switch {
		case strings.HasSuffix(r.URL.Path, "/$metadata"):
			w.Header().Set("Content-Type", "application/xml")
			w.Write(meta)
			return true
		case strings.HasSuffix(r.URL.Path, "Catalog_Партнеры_КонтактнаяИнформация"):
			writeError(w, 403, "20", "Недостаточно прав для просмотра")
			return true
		}
		return false
	}
	m := testMapping(t, presetYAML(t, "ut11"))
	m.Clients.Fields = map[string]string{"full_name": "НаименованиеПолное", "city": "Город"}
	r := newTestReader(t, srv, m, nil)
	rep, err := r.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	en, ru := rep.String("en"), rep.String("ru")
	for _, want := range []string{
		"amount: register field СуммаВыручки not found; closest: СуммаВыручкиБезНДС, Сумма",
		"fields.city: catalog field Город not found",
		"ok   client_via.field: Партнер_Key",
		"contact field НомерТелефона not found (optional)",
		"FAIL contact information Catalog_Партнеры_КонтактнаяИнформация: the 1C user lacks rights",
		"3 problem(s) to fix",
	} {
		if !strings.Contains(en, want) {
			t.Errorf("report lacks %q:\n%s", want, en)
		}
	}
	if !strings.Contains(ru, "поле регистра СуммаВыручки не найдено; похожие: СуммаВыручкиБезНДС, Сумма") {
		t.Errorf("Russian report:\n%s", ru)
	}
	if rep.OK() {
		t.Error("report OK with problems")
	}
	if _, err := json.Marshal(rep); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(strings.Join(f.requests(), "\n"), "$metadata"); n != 1 {
		t.Errorf("$metadata read %d times", n)
	}
}

func TestCheckMissingEntity(t *testing.T) {
	f, srv := newFake(t)
	meta, _ := os.ReadFile("testdata/metadata_ut11.xml")
	f.hook = func(w http.ResponseWriter, r *http.Request) bool {
		if strings.HasSuffix(r.URL.Path, "/$metadata") {
			w.Write(meta)
			return true
		}
		w.Write([]byte(`{"value":[]}`))
		return true
	}
	m := testMapping(t, presetYAML(t, "ut11"))
	m.Register.Entity = "AccumulationRegister_ВыручкаИСебестоимостьПродажи_RecordType"
	m.Clients.Entity = "Catalog_Контрагенты"
	m.Clients.ContactInfo = ""
	r := newTestReader(t, srv, m, nil)
	rep, err := r.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	en := rep.String("en")
	for _, want := range []string{
		"register AccumulationRegister_ВыручкаИСебестоимостьПродажи_RecordType is not published in the standard OData interface: add it with УстановитьСоставСтандартногоИнтерфейсаOData; closest: AccumulationRegister_ВыручкаИСебестоимостьПродаж_RecordType",
		"client catalog Catalog_Контрагенты is not published",
	} {
		if !strings.Contains(en, want) {
			t.Errorf("report lacks %q:\n%s", want, en)
		}
	}
}

func TestClosest(t *testing.T) {
	names := []string{"Period", "Recorder_Key", "Сумма", "СуммаВыручкиБезНДС", "Количество", "Active"}
	tests := []struct {
		name string
		want []string
	}{
		{"period", []string{"Period"}},
		{"Recorder", []string{"Recorder_Key"}},
		{"Колличество", []string{"Количество"}},
		{"Номенклатура_Key", nil},
	}
	for _, tt := range tests {
		got := closest(tt.name, names)
		if len(got) == 0 && len(tt.want) == 0 {
			continue
		}
		if len(got) == 0 || got[0] != tt.want[0] {
			t.Errorf("closest(%q) = %v, want %v first", tt.name, got, tt.want)
		}
	}
}
