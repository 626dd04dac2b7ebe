package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// oneCError is 1C's JSON error body.
type oneCError struct {
	Error struct {
		Code    string `json:"code"`
		Message struct {
			Lang  string `json:"lang"`
			Value string `json:"value"`
		} `json:"message"`
	} `json:"odata.error"`
}

func TestErrorsAsOneC(t *testing.T) {
	s := start(t, "unf", func(o *Options) {
		o.Hidden = []string{"Catalog_Контрагенты_КонтактнаяИнформация"}
		o.Forbidden = []string{"Document_ВозвратТоваровОтКлиента"}
	})
	reg := "AccumulationRegister_Продажи_RecordType"
	missing := "Catalog_Контрагенты(guid'00000000-0000-0000-0000-000000000001')"
	tests := []struct {
		name, path string
		opts       []string
		status     int
		code       string
		message    string
	}{
		{"unknown set", "Catalog_Нет", nil, 400, "6", "Сегмент пути 'Catalog_Нет' не найден!"},
		{"hidden set", "Catalog_Контрагенты_КонтактнаяИнформация", nil, 400, "6", "Сегмент пути 'Catalog_Контрагенты_КонтактнаяИнформация' не найден!"},
		{"unknown segment", "Catalog_Контрагенты/Нет", nil, 400, "6", "Сегмент пути 'Нет' не найден!"},
		{"missing entity", missing, nil, 404, "9", "Не найден объект"},
		{"forbidden", "Document_ВозвратТоваровОтКлиента", nil, 403, "20", "Недостаточно прав"},
		{"filter or", reg, []string{"$filter", "Period ge datetime'2024-01-01T00:00:00' or Active eq true"}, 400, "14", "$filter"},
		{"filter function", reg, []string{"$filter", "year(Period) eq 2024"}, 400, "14", "функция 'year'"},
		{"filter unknown field", reg, []string{"$filter", "Нет eq 1"}, 400, "14", "свойство 'Нет'"},
		{"filter type", reg, []string{"$filter", "Period ge guid'" + strings.Repeat("0", 8) + "-0000-0000-0000-000000000000'"}, 400, "14", "несовместимо"},
		{"filter bad date", reg, []string{"$filter", "Period ge datetime'2024-13-01T00:00:00'"}, 400, "14", "дата"},
		{"unknown select", reg, []string{"$select", "Сумма,Нет"}, 400, "14", "$select"},
		{"unknown orderby", reg, []string{"$orderby", "Нет desc"}, 400, "14", "$orderby"},
		{"bad top", reg, []string{"$top", "-1"}, 400, "14", "$top"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := s.do(t, tt.path, "application/json", tt.opts...)
			checkError(t, resp, body, tt.status, tt.code, tt.message)
		})
	}
}

func TestPlusIsNotASpace(t *testing.T) {
	s := start(t, "unf", nil)
	// A client that encodes spaces as '+' gets 1C's parse error, not a lenient answer.
	u := s.base + "AccumulationRegister_%D0%9F%D1%80%D0%BE%D0%B4%D0%B0%D0%B6%D0%B8_RecordType?$format=json&$filter=Active+eq+true"
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var e oneCError
	if err := json.NewDecoder(resp.Body).Decode(&e); err != nil || resp.StatusCode != 400 || e.Error.Code != "14" {
		t.Errorf("status %d, code %q, %v", resp.StatusCode, e.Error.Code, err)
	}
}

func TestErrorBodyIsExact(t *testing.T) {
	s := start(t, "unf", nil)
	_, body := s.get(t, "Catalog_Нет")
	want := `{"odata.error":{"code":"6","message":{"lang":"ru","value":"Сегмент пути 'Catalog_Нет' не найден!"}}}`
	if body != want {
		t.Errorf("body %s\nwant %s", body, want)
	}
	// An Atom client gets the error as XML.
	resp, xmlBody := s.do(t, "Catalog_Нет", "")
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/xml") || !strings.Contains(xmlBody, "<m:code>6</m:code>") {
		t.Errorf("atom error: %s %s", resp.Header.Get("Content-Type"), xmlBody)
	}
}

// checkError checks a 1C error response.
func checkError(t *testing.T, resp *http.Response, body string, status int, code, message string) {
	t.Helper()
	if resp.StatusCode != status {
		t.Errorf("status %d, want %d: %s", resp.StatusCode, status, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json;charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	var e oneCError
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatalf("body %q: %v", body, err)
	}
	if e.Error.Code != code || e.Error.Message.Lang != "ru" || !strings.Contains(e.Error.Message.Value, message) {
		t.Errorf("error %+v, want code %s with %q", e.Error, code, message)
	}
}
