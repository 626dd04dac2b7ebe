package onec

import (
	"strings"
	"testing"
)

func TestParseMappingErrors(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"preset: x\n", "register.entity is required"},
		{"preset: x\nregister: {entity: E, period: Period, document: Recorder, client: C}\nclients: {entity: Catalog_X, name: Description}\n", "register.amount"},
		{"preset: x\nregister: {entity: E, period: P, document: R, client: C, amount: A, client_via: {entity: K}}\nclients: {entity: Catalog_X, name: Description}\n", "client_via"},
		{"preset: x\nregistr: {}\n", "registr"},
	}
	for _, tt := range tests {
		if _, err := ParseMapping([]byte(tt.yaml)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want one mentioning %q", tt.yaml, err, tt.want)
		}
	}
}

// FuzzParseMapping feeds arbitrary user mappings: never a panic, and an accepted mapping
// names what every reader needs.
func FuzzParseMapping(f *testing.F) {
	f.Add([]byte("preset: unf\nregister: {entity: AccumulationRegister_Продажи_RecordType, period: Period, document: Документ, client: Контрагент_Key, amount: Сумма}\nclients: {entity: Catalog_Контрагенты, name: Description}\n"))
	f.Add([]byte("register: {client_via: {entity: a}}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseMapping(data)
		if err == nil && (m.Register.Entity == "" || m.Register.Amount == "" || m.Clients.Entity == "") {
			t.Fatalf("accepted a mapping without its required fields: %+v", m)
		}
	})
}
