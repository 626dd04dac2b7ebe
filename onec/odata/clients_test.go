package odata

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/rfm9/rfm9/onec"
)

func readClients(t *testing.T, r *Reader) []onec.Client {
	t.Helper()
	var all []onec.Client
	err := r.Clients(context.Background(), func(b []onec.Client) error {
		all = append(all, b...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return all
}

func TestClientsInlineContacts(t *testing.T) {
	f, srv := newFake(t)
	f.sets["Catalog_Партнеры"] = loadRecords(t, "ut11_partners.json")
	m := testMapping(t, presetYAML(t, "ut11"))
	m.Clients.Fields = map[string]string{"full_name": "НаименованиеПолное", "since": "ДатаРегистрации", "code": "Code", "is_client": "Клиент"}
	r := newTestReader(t, srv, m, nil)
	got := readClients(t, r)
	want := []onec.Client{
		{ID: "b1000000-0000-11ee-8c99-0242ac120001", Name: "Ромашка, ООО", Email: "info@romashka.ru", Phone: "+7 (495) 123-45-67",
			Manager: "c0ffee00-2222-11ee-8c99-0242ac120002",
			Fields:  map[string]string{"full_name": `Общество с ограниченной ответственностью "Ромашка"`, "since": "2019-04-01T00:00:00", "code": "00-0000012", "is_client": "true"}},
		{ID: "b2000000-0000-11ee-8c99-0242ac120001", Name: "Петров Иван Сергеевич ИП", Phone: "+79160000001",
			Fields: map[string]string{"full_name": "ИП Петров И. С.", "since": "", "code": "00-0000013", "is_client": "true"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("clients:\n got %+v\nwant %+v", got, want)
	}
	for _, u := range f.requests() {
		if !strings.Contains(u, "$filter=DeletionMark%20eq%20false") || strings.Contains(u, "IsFolder") {
			t.Errorf("catalog query %s", u)
		}
	}
}

func TestClientsContactSet(t *testing.T) {
	f, srv := newFake(t)
	f.sets["Catalog_Контрагенты"] = loadRecords(t, "bp_kontragenty.json")
	f.sets["Catalog_Контрагенты_КонтактнаяИнформация"] = loadRecords(t, "bp_contacts.json")
	r := newTestReader(t, srv, testMapping(t, presetYAML(t, "bp3")), nil)
	got := readClients(t, r)
	want := []onec.Client{
		{ID: "e1000000-0000-11ef-9d47-3c64cfca4840", Name: "Альфа ООО", INN: "7701234567", Email: "sales@alfa.example", Phone: "+7 495 111-22-33"},
		{ID: "e2000000-0000-11ef-9d47-3c64cfca4840", Name: "Бета ИП", INN: "500100732259", Email: "beta@example.ru"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("clients:\n got %+v\nwant %+v", got, want)
	}
}

// manyClients makes n catalog elements with shuffled refs.
func manyClients(n int) []map[string]any {
	out := make([]map[string]any, n)
	for i := range n {
		out[i] = map[string]any{
			"Ref_Key":      fmt.Sprintf("%08x-0000-11ef-9d47-3c64cfca4840", (i*7919)%100003),
			"DeletionMark": false, "IsFolder": i%10 == 0, "Description": fmt.Sprintf("Клиент %d", i),
		}
	}
	return out
}

func TestClientsPaging(t *testing.T) {
	for _, noGt := range []bool{false, true} {
		f, srv := newFake(t)
		f.noGt = noGt
		f.sets["Catalog_Контрагенты"] = manyClients(230)
		m := testMapping(t, presetYAML(t, "unf"))
		m.Clients.ContactInfo = ""
		r := newTestReader(t, srv, m, nil)
		r.pageSize = 50
		got := readClients(t, r)
		seen := make(map[string]bool)
		for _, c := range got {
			if seen[c.ID] {
				t.Fatalf("noGt=%v: %s twice", noGt, c.ID)
			}
			seen[c.ID] = true
		}
		if len(got) != 207 { // 230 less 23 folders
			t.Errorf("noGt=%v: %d clients, want 207", noGt, len(got))
		}
		if want := "$skip="; anyRequest(f, want) != noGt {
			t.Errorf("noGt=%v: $skip used = %v", noGt, !noGt)
		}
		if !noGt && !anyRequest(f, "Ref_Key%20gt%20guid'") {
			t.Error("no keyset paging")
		}
	}
}
