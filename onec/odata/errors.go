package odata

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"
)

// Error is a failure 1C reported: the HTTP status and, when 1C sent an odata.error
// body, its code and message. Text turns it into advice a 1C administrator can act on.
type Error struct {
	Status  int    `json:"status"`            // HTTP status of the answer
	Code    string `json:"code,omitempty"`    // 1C's odata.error code: "6", "14", "20", "-1"…
	Message string `json:"message,omitempty"` // 1C's own text, usually in Russian
	Entity  string `json:"entity,omitempty"`  // the entity set the request was for
}

// Error reads like the English advice followed by what 1C said.
func (e *Error) Error() string {
	msg := e.Text("en")
	if e.Message != "" {
		msg += fmt.Sprintf(" (1C: code %s: %s)", orDash(e.Code), e.Message)
	}
	return msg
}

// Text is the advice for a 1C administrator in lang: "ru" for Russian, anything
// else for English.
func (e *Error) Text(lang string) string {
	ru := strings.HasPrefix(strings.ToLower(lang), "ru")
	en, rus := e.advice()
	if ru {
		return rus
	}
	return en
}

// advice returns the English and Russian texts for the error.
func (e *Error) advice() (en, ru string) {
	what := orDash(e.Entity)
	switch {
	case e.Status == http.StatusUnauthorized:
		return "1C refused the login: check the user and password given to rfm9 (the user must exist in the base and may log in; the login is sent in UTF-8)",
			"1С не приняла вход: проверьте пользователя и пароль в настройках rfm9 (пользователь должен быть в базе и иметь право входа; логин передаётся в UTF-8)"
	case e.Code == "6":
		return fmt.Sprintf("the entity %s is not published in the standard OData interface: add it with УстановитьСоставСтандартногоИнтерфейсаOData (or check the name with rfm9 check-1c)", what),
			fmt.Sprintf("объект %s не опубликован в стандартном интерфейсе OData: добавьте его процедурой УстановитьСоставСтандартногоИнтерфейсаOData (или проверьте имя командой rfm9 check-1c)", what)
	case e.Code == "20" || e.Status == http.StatusForbidden:
		return fmt.Sprintf("the 1C user lacks rights on %s: give the user a role that may read it", what),
			fmt.Sprintf("у пользователя 1С нет прав на %s: назначьте ему роль с правом чтения", what)
	case e.Code == "14":
		return fmt.Sprintf("1C rejected the filter of the query on %s: this is a bug in rfm9, please report it with this message", what),
			fmt.Sprintf("1С отвергла условие отбора в запросе к %s: это ошибка rfm9, сообщите о ней, приложив это сообщение", what)
	case e.Code == "21":
		return fmt.Sprintf("1C could not run a function in the query on %s: this is a bug in rfm9, please report it with this message", what),
			fmt.Sprintf("1С не смогла выполнить функцию в запросе к %s: это ошибка rfm9, сообщите о ней, приложив это сообщение", what)
	case e.Code == "9" || e.Status == http.StatusNotFound:
		return fmt.Sprintf("1C did not find %s: check the publication address and the entity name (rfm9 check-1c)", what),
			fmt.Sprintf("1С не нашла %s: проверьте адрес публикации и имя объекта (rfm9 check-1c)", what)
	case e.Code == "-1" || e.Status == http.StatusInternalServerError:
		return fmt.Sprintf("1C failed with an internal error on %s: see the base's event log (журнал регистрации) at this time", what),
			fmt.Sprintf("внутренняя ошибка 1С при запросе к %s: см. журнал регистрации базы за это время", what)
	}
	return fmt.Sprintf("1C answered HTTP %d on %s", e.Status, what),
		fmt.Sprintf("1С ответила HTTP %d на запрос к %s", e.Status, what)
}

// retryable tells whether asking again may help: 1C's internal errors and the
// gateway's 5xx often pass, a wrong name or missing right does not.
func (e *Error) retryable() bool {
	switch {
	case e.Status == http.StatusRequestTimeout, e.Status == http.StatusTooManyRequests:
		return true
	case e.Status == http.StatusUnauthorized, e.Status == http.StatusForbidden, e.Status == http.StatusNotFound:
		return false
	}
	return e.Status >= 500 || e.Code == "-1"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// odataError is the JSON shape of 1C's error body; the code comes as a string or a
// number and the message as {lang, value} or a plain string.
type odataError struct {
	Code    json.RawMessage `json:"code"`
	Message json.RawMessage `json:"message"`
}

// parseErrorBody fills code and message from a JSON or XML error body; it leaves
// them empty when the body is neither (a proxy's HTML page, say).
func parseErrorBody(body []byte) (code, msg string) {
	var env struct {
		Err *odataError `json:"odata.error"`
	}
	if json.Unmarshal(trimBOM(body), &env) == nil && env.Err != nil {
		return env.Err.fields()
	}
	var x struct {
		Code    string `xml:"code"`
		Message string `xml:"message"`
	}
	if xml.Unmarshal(body, &x) == nil && (x.Code != "" || x.Message != "") {
		return strings.TrimSpace(x.Code), strings.TrimSpace(x.Message)
	}
	return "", ""
}

func (o *odataError) fields() (code, msg string) {
	code = rawText(o.Code)
	var m struct {
		Value string `json:"value"`
	}
	if json.Unmarshal(o.Message, &m) == nil && m.Value != "" {
		return code, m.Value
	}
	return code, rawText(o.Message)
}

// rawText is a JSON string's content or a number's text; other values give "".
func rawText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}
