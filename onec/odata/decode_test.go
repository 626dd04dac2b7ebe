package odata

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"testing/iotest"
)

func decodeString(t *testing.T, body string, names ...string) (*page, error) {
	t.Helper()
	f := newFieldSet()
	for _, n := range names {
		f.add(n)
	}
	p := &page{}
	return p, newDecoder(f).decode(strings.NewReader(body), p, 0)
}

// field returns record i's field j as kind and text.
func field(p *page, i, j int) (kind, string) {
	s := p.rec(i)[j]
	return s.kind, string(p.bytes(s))
}

func TestDecodeQuirks(t *testing.T) {
	body := "\xEF\xBB\xBF" + `{"odata.metadata":"http://x/$metadata#AccumulationRegister_Продажи_RecordType","value":[
	{"LineNumber":"12","Сумма":1234.5,"Количество":"3","Номер":"00-000042   ","Active":true,"Сторно":false,"Комментарий":null,
	 "Recorder@navigationLinkUrl":"x","Неизвестное":{"a":[1,{"b":null}]},"Пусто":"0001-01-01T00:00:00",
	 "\u0421\u0443\u043c\u043c\u0430НДС":"\u0031\u0030"},
	{"Сумма":-1e2,"Номер":"with \"quotes\" and \\ slash  ","Сумма":7}
	]}`
	p, err := decodeString(t, body, "LineNumber", "Сумма", "Количество", "Номер", "Active", "Сторно", "Комментарий", "Пусто", "СуммаНДС")
	if err != nil {
		t.Fatal(err)
	}
	if p.n != 2 {
		t.Fatalf("records = %d, want 2", p.n)
	}
	want := []struct {
		rec, field int
		kind       kind
		text       string
	}{
		{0, 0, kindString, "12"}, {0, 1, kindNumber, "1234.5"}, {0, 2, kindString, "3"},
		{0, 3, kindString, "00-000042"}, {0, 4, kindTrue, ""}, {0, 5, kindFalse, ""},
		{0, 6, kindNull, ""}, {0, 7, kindString, "0001-01-01T00:00:00"}, {0, 8, kindString, "10"},
		{1, 0, kindAbsent, ""}, {1, 1, kindNumber, "7"}, {1, 3, kindString, `with "quotes" and \ slash`},
	}
	for _, w := range want {
		k, s := field(p, w.rec, w.field)
		if k != w.kind || s != w.text {
			t.Errorf("record %d field %d = %v %q, want %v %q", w.rec, w.field, k, s, w.kind, w.text)
		}
	}
}

func TestDecodeFaults(t *testing.T) {
	tests := []struct {
		name, body string
		want       string // in the error
	}{
		{"truncated", `{"value":[{"Сумма":1},{"Сум`, "unexpected EOF"},
		{"no value", `{"odata.metadata":"x"}`, "no value list"},
		{"value not a list", `{"value":{}}`, "expected ["},
		{"record not an object", `{"value":[1]}`, "expected ]"},
		{"trailing data", `{"value":[]} {}`, "data after"},
		{"not json", `<html>Service Unavailable</html>`, "invalid character"},
		{"empty", ``, "EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeString(t, tt.body, "Сумма")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

func TestDecodeErrorInBody(t *testing.T) {
	_, err := decodeString(t, `{"odata.error":{"code":"14","message":{"lang":"ru","value":"Ошибка разбора $filter"}}}`, "Сумма")
	var e *Error
	if !errors.As(err, &e) || e.Code != "14" || e.Message != "Ошибка разбора $filter" {
		t.Fatalf("err = %#v, want *Error code 14", err)
	}
	_, err = decodeString(t, `{"odata.error":{"code":-1,"message":"внутренняя ошибка"}}`, "Сумма")
	if !errors.As(err, &e) || e.Code != "-1" || e.Message != "внутренняя ошибка" {
		t.Fatalf("err = %#v, want *Error code -1", err)
	}
}

func TestDecodeLimit(t *testing.T) {
	f := newFieldSet()
	f.add("a")
	p := &page{}
	err := newDecoder(f).decode(strings.NewReader(`{"value":[{"a":1},{"a":2},{"a":3}]}`), p, 2)
	if !errors.Is(err, errTooMany) || p.n != 2 {
		t.Fatalf("err = %v, records = %d; want errTooMany after 2", err, p.n)
	}
}

// TestDecodeOneByteReads feeds the body a byte at a time: the stream decoder must
// not depend on how the network cuts the body.
func TestDecodeOneByteReads(t *testing.T) {
	body, err := os.ReadFile("testdata/ut11_sales.json")
	if err != nil {
		t.Fatal(err)
	}
	reg := newRegister(testMapping(t, presetYAML(t, "ut11")).Register)
	whole, bytewise := &page{}, &page{}
	if err := newDecoder(reg.set).decode(bytes.NewReader(body), whole, 0); err != nil {
		t.Fatal(err)
	}
	if err := newDecoder(reg.set).decode(iotest.OneByteReader(bytes.NewReader(body)), bytewise, 0); err != nil {
		t.Fatal(err)
	}
	if msg, ok := samePages(whole, bytewise); !ok {
		t.Fatal(msg)
	}
}

// TestDecodeCapturesMatchReference decodes every capture both ways.
func TestDecodeCapturesMatchReference(t *testing.T) {
	captures := map[string][]string{
		"ut11_sales.json":                newRegister(testMapping(t, presetYAML(t, "ut11")).Register).set.names,
		"unf_sales.json":                 newRegister(testMapping(t, presetYAML(t, "unf")).Register).set.names,
		"retail_sales_recorder_key.json": newRegister(testMapping(t, presetYAML(t, "retail")).Register).set.names,
		"ut11_partners.json":             {"Ref_Key", "IsFolder", "Description", "Code", "КонтактнаяИнформация", "ОсновнойМенеджер_Key", "ДатаРегистрации"},
		"ut11_keys.json":                 {"Ref_Key", "Партнер_Key"},
		"bp_contacts.json":               {"Ref_Key", "Тип", "АдресЭП", "Представление"},
	}
	for name, fields := range captures {
		body, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		f := newFieldSet()
		for _, n := range fields {
			f.add(n)
		}
		got := &page{}
		if err := newDecoder(f).decode(bytes.NewReader(body), got, 0); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want, err := referenceDecode(body, f)
		if err != nil {
			t.Fatalf("%s: reference: %v", name, err)
		}
		if msg, ok := samePages(got, want); !ok || got.n == 0 {
			t.Errorf("%s: %s (records %d)", name, msg, got.n)
		}
	}
}

func TestBOMReader(t *testing.T) {
	for _, in := range []string{"", "a", "ab", "\xEF\xBB\xBF", "\xEF\xBB\xBFabc", "abcd"} {
		got, err := io.ReadAll(bomless(strings.NewReader(in)))
		if err != nil || string(got) != strings.TrimPrefix(in, "\xEF\xBB\xBF") {
			t.Errorf("bomless(%q) = %q, %v", in, got, err)
		}
	}
}
