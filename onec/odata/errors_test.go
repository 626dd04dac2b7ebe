package odata

import (
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rfm9/rfm9/onec"
)

func TestErrorTexts(t *testing.T) {
	tests := []struct {
		err    Error
		en, ru []string
	}{
		{Error{Status: 400, Code: "6", Entity: "AccumulationRegister_Продажи_RecordType"},
			[]string{"the entity AccumulationRegister_Продажи_RecordType is not published in the standard OData interface", "УстановитьСоставСтандартногоИнтерфейсаOData"},
			[]string{"не опубликован", "УстановитьСоставСтандартногоИнтерфейсаOData"}},
		{Error{Status: 401},
			[]string{"check the user and password", "UTF-8"}, []string{"проверьте пользователя и пароль", "UTF-8"}},
		{Error{Status: 403, Code: "20", Entity: "Catalog_Партнеры"},
			[]string{"lacks rights on Catalog_Партнеры"}, []string{"нет прав на Catalog_Партнеры"}},
		{Error{Status: 403, Entity: "Catalog_Партнеры"},
			[]string{"lacks rights on Catalog_Партнеры"}, []string{"нет прав"}},
		{Error{Status: 400, Code: "14", Entity: "X"},
			[]string{"rejected the filter", "bug in rfm9"}, []string{"отвергла условие отбора", "ошибка rfm9"}},
		{Error{Status: 500, Code: "-1", Entity: "X"},
			[]string{"internal error", "event log"}, []string{"внутренняя ошибка", "журнал регистрации"}},
		{Error{Status: 500, Entity: "X"}, []string{"internal error"}, []string{"внутренняя ошибка"}},
		{Error{Status: 404, Code: "9", Entity: "X"}, []string{"did not find X"}, []string{"не нашла X"}},
		{Error{Status: 400, Code: "21", Entity: "X"}, []string{"could not run a function"}, []string{"не смогла выполнить функцию"}},
		{Error{Status: 418, Entity: "X"}, []string{"HTTP 418 on X"}, []string{"HTTP 418"}},
	}
	for _, tt := range tests {
		en, ru := tt.err.Text("en"), tt.err.Text("ru")
		for _, s := range tt.en {
			if !strings.Contains(en, s) {
				t.Errorf("%+v: %q lacks %q", tt.err, en, s)
			}
		}
		for _, s := range tt.ru {
			if !strings.Contains(ru, s) {
				t.Errorf("%+v: %q lacks %q", tt.err, ru, s)
			}
		}
	}
}

func TestParseErrorBody(t *testing.T) {
	tests := []struct{ body, code, msg string }{
		{`{"odata.error":{"code":"6","message":{"lang":"ru","value":"Сегмент пути 'X' не найден!"}}}`, "6", "Сегмент пути 'X' не найден!"},
		{"\xEF\xBB\xBF" + `{"odata.error":{"code":20,"message":{"value":"Нарушение прав доступа!"}}}`, "20", "Нарушение прав доступа!"},
		{`<?xml version="1.0" encoding="utf-8"?><m:error xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"><m:code>-1</m:code><m:message xml:lang="ru">Ошибка СУБД</m:message></m:error>`, "-1", "Ошибка СУБД"},
		{`<html><body>Bad Gateway</body></html>`, "", ""},
	}
	for _, tt := range tests {
		code, msg := parseErrorBody([]byte(tt.body))
		if code != tt.code || msg != tt.msg {
			t.Errorf("parseErrorBody(%.30q) = %q, %q; want %q, %q", tt.body, code, msg, tt.code, tt.msg)
		}
	}
}

// TestSalesErrorCodes checks each 1C refusal reaches the caller as *Error, at once.
func TestSalesErrorCodes(t *testing.T) {
	tests := []struct {
		status int
		code   string
		want   string
	}{
		{400, "6", "is not published in the standard OData interface: add it with УстановитьСоставСтандартногоИнтерфейсаOData"},
		{401, "", "check the user and password"},
		{403, "20", "lacks rights on AccumulationRegister_Продажи_RecordType"},
		{400, "14", "rejected the filter"},
	}
	for _, tt := range tests {
		f, srv := newFake(t)
		var count atomic.Int32
		f.hook = func(w http.ResponseWriter, r *http.Request) bool {
			count.Add(1)
			writeError(w, tt.status, tt.code, "1C says no; пароль секрет-42")
			return true
		}
		r := newTestReader(t, srv, testMapping(t, presetYAML(t, "unf")), nil)
		_, err := collect(t, r, onec.Period{From: at(t, "2024-01-01T00:00:00"), To: at(t, "2024-01-08T00:00:00")})
		var e *Error
		if !errors.As(err, &e) || e.Status != tt.status || e.Code != tt.code || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%d/%s: err = %v", tt.status, tt.code, err)
		}
		if count.Load() != 1 {
			t.Errorf("%d/%s: %d requests, want no retry", tt.status, tt.code, count.Load())
		}
		if strings.Contains(err.Error(), "секрет-42") {
			t.Errorf("the password leaked: %v", err)
		}
	}
}

func TestBasicAuthUTF8(t *testing.T) {
	f, srv := newFake(t)
	var header atomic.Value
	f.hook = func(w http.ResponseWriter, r *http.Request) bool {
		header.Store(r.Header.Get("Authorization"))
		return false
	}
	f.sets["AccumulationRegister_Продажи_RecordType"] = unfRecords([]string{"2024-01-05T10:00:00"})
	r := newTestReader(t, srv, testMapping(t, presetYAML(t, "unf")), nil)
	if _, err := collect(t, r, onec.Period{From: at(t, "2024-01-01T00:00:00"), To: at(t, "2024-01-08T00:00:00")}); err != nil {
		t.Fatal(err)
	}
	h, _ := header.Load().(string)
	raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(h, "Basic "))
	if err != nil {
		t.Fatal(err)
	}
	want := []byte("\xd0\x90\xd0\xb4\xd0\xbc\xd0\xb8\xd0\xbd\xd0\xb8\xd1\x81\xd1\x82\xd1\x80\xd0\xb0\xd1\x82\xd0\xbe\xd1\x80:" + "секрет-42")
	if string(raw) != string(want) {
		t.Errorf("credentials = % x, want the UTF-8 bytes % x", raw, want)
	}
}

func TestConfigValidate(t *testing.T) {
	m := testMapping(t, presetYAML(t, "unf"))
	good := Config{BaseURL: "http://srv/ut/odata/standard.odata", Mapping: m}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		mod  func(*Config)
		want string
	}{
		{func(c *Config) { c.BaseURL = "" }, "base_url is required"},
		{func(c *Config) { c.BaseURL = "http://srv/ut/" }, "base_url"},
		{func(c *Config) { c.BaseURL = "ftp://srv/ut/odata/standard.odata/" }, "base_url"},
		{func(c *Config) { c.BaseURL = "http://admin:topsecret@srv/ut/odata/standard.odata/" }, "carries credentials"},
		{func(c *Config) { c.Parallel = 9 }, "parallel 9"},
		{func(c *Config) { c.PageSize = 100 }, "page_size 100"},
		{func(c *Config) { c.PageSize = 6000 }, "page_size 6000"},
		{func(c *Config) { c.Window = time.Millisecond }, "window"},
		{func(c *Config) { c.Retries = -1 }, "retries -1"},
		{func(c *Config) { c.Timeout = -time.Second }, "timeout"},
		{func(c *Config) { c.Mapping.Register.Entity = "" }, "register.entity"},
	}
	for _, tt := range tests {
		c := good
		tt.mod(&c)
		err := c.Validate()
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "topsecret") {
			t.Errorf("err = %v, want one naming %q", err, tt.want)
		}
	}
	r, err := New(good)
	if err != nil || r.base != "http://srv/ut/odata/standard.odata/" || r.pageSize != DefaultPageSize || r.cfg.Parallel != DefaultParallel {
		t.Errorf("New: %v, %+v", err, r)
	}
}
