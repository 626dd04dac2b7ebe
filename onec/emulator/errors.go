package emulator

import (
	"fmt"
	"net/http"
	"strconv"
)

// odataError is an error as 1C reports it: an HTTP status, 1C's internal code and a
// Russian message.
type odataError struct {
	status  int
	code    string
	message string
}

// Error is the code and message, for logs.
func (e *odataError) Error() string { return "1c odata error " + e.code + ": " + e.message }

// errSegment is code 6: an unknown or unpublished entity set, or a path segment the
// interface does not know. The status is 400 as in the captures ONEC.md collected;
// some builds are said to answer 404 for it, which a reader should take the same way.
func errSegment(seg string) error {
	return &odataError{http.StatusBadRequest, "6", fmt.Sprintf("Сегмент пути '%s' не найден!", seg)}
}

// errNotFound is code 9: no entity with the key asked for.
func errNotFound(set, key string) error {
	return &odataError{http.StatusNotFound, "9", fmt.Sprintf("Не найден объект '%s(%s)'", set, key)}
}

// errFilter is code 14: $filter cannot be parsed or uses what is not supported.
func errFilter(detail string) error {
	return &odataError{http.StatusBadRequest, "14", "Ошибка разбора параметра $filter: " + detail}
}

// errQuery reports a bad query option other than $filter. 1C's code for these is not
// in our captures; the emulator uses 14, the code of a query parse error.
func errQuery(option, detail string) error {
	return &odataError{http.StatusBadRequest, "14", fmt.Sprintf("Ошибка разбора параметра %s: %s", option, detail)}
}

// errRights is code 20: the user has no right to read the set.
func errRights(set string) error {
	return &odataError{http.StatusForbidden, "20", fmt.Sprintf("Недостаточно прав для чтения данных '%s'", set)}
}

// errInternal is code -1, the code of 1C's server errors.
func errInternal(status int, detail string) *odataError {
	return &odataError{status, "-1", detail}
}

// errReadOnly answers methods other than GET: the emulator only reads.
func errReadOnly(method string) error {
	return &odataError{http.StatusMethodNotAllowed, "-1", "Эмулятор поддерживает только чтение, не " + method}
}

// appendErrorJSON appends 1C's JSON error body.
func appendErrorJSON(b []byte, e *odataError) []byte {
	b = append(b, `{"odata.error":{"code":"`...)
	b = append(b, e.code...)
	b = append(b, `","message":{"lang":"ru","value":`...)
	b = appendJSONString(b, e.message)
	return append(b, "}}}"...)
}

// appendErrorXML appends the error as 1C writes it to an Atom client.
func appendErrorXML(b []byte, e *odataError) []byte {
	b = append(b, xmlHeader...)
	b = append(b, `<m:error xmlns:m="`+nsMetadata+`"><m:code>`...)
	b = append(b, e.code...)
	b = append(b, `</m:code><m:message xml:lang="ru">`...)
	b = appendXMLText(b, e.message)
	return append(b, "</m:message></m:error>"...)
}

// writeError sends e in the format the client asked for.
func writeError(w http.ResponseWriter, e *odataError, json bool) {
	var b []byte
	ct := contentXML
	if json {
		b, ct = appendErrorJSON(nil, e), contentJSON
	} else {
		b = appendErrorXML(nil, e)
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(e.status)
	w.Write(b)
}
