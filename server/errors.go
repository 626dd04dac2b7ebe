package server

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// Error is an API error: a stable code for programs, a message in Russian (the default)
// and English for the operator, and the fields at fault for a 400.
type Error struct {
	Status int
	Code   string
	RU, EN string
	Fields map[string]Text // field → why, in both languages
}

// Text is a message in Russian and English.
type Text struct{ RU, EN string }

func (e *Error) Error() string { return e.Code + ": " + e.EN }

// Errors the handlers return; each becomes the JSON body
// {"error": {"code": "…", "message": "…", "fields": {"name": "why"}}}.
var (
	ErrUnauthorized = &Error{Status: http.StatusUnauthorized, Code: "unauthorized",
		RU: "Нужен токен доступа: заголовок Authorization: Bearer <токен>.", EN: "An access token is required: Authorization: Bearer <token>."}
	ErrForbidden = &Error{Status: http.StatusForbidden, Code: "forbidden",
		RU: "У токена нет прав на это действие.", EN: "The token has no right to do this."}
	ErrNotFound = &Error{Status: http.StatusNotFound, Code: "not_found",
		RU: "Не найдено.", EN: "Not found."}
	ErrTooLarge = &Error{Status: http.StatusRequestEntityTooLarge, Code: "too_large",
		RU: "Слишком большой запрос.", EN: "The request body is too large."}
	ErrTooMany = &Error{Status: http.StatusTooManyRequests, Code: "rate_limited",
		RU: "Слишком много запросов, повторите позже.", EN: "Too many requests, retry later."}
	errInternal = &Error{Status: http.StatusInternalServerError, Code: "internal",
		RU: "Внутренняя ошибка сервиса, подробности в журнале.", EN: "Internal error; see the service log."}
)

// NotFound is a 404 that says what was not found.
func NotFound(ru, en string) *Error {
	return &Error{Status: http.StatusNotFound, Code: "not_found", RU: ru, EN: en}
}

// Invalid is a 400 naming every field at fault.
func Invalid(fields map[string]Text) *Error {
	return &Error{Status: http.StatusBadRequest, Code: "invalid", Fields: fields,
		RU: "Неверные данные запроса.", EN: "The request is not valid."}
}

type errorBody struct {
	Error struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields,omitempty"`
	} `json:"error"`
}

// handleError is the app's single error handler: API errors go out as they are, fiber's
// own (404 route, 413 body) are translated, anything else is logged and becomes a 500
// that shows no internals.
func handleError(c *fiber.Ctx, err error) error {
	var apiErr *Error
	var fe *fiber.Error
	switch {
	case errors.As(err, &apiErr):
	case errors.As(err, &fe) && fe.Code == http.StatusNotFound:
		apiErr = ErrNotFound
	case errors.As(err, &fe) && fe.Code == http.StatusRequestEntityTooLarge:
		apiErr = ErrTooLarge
	case errors.As(err, &fe) && fe.Code < 500:
		apiErr = &Error{Status: fe.Code, Code: "bad_request", RU: "Неверный запрос: " + fe.Message, EN: "Bad request: " + fe.Message}
	default:
		slog.Error("request failed", "method", c.Method(), "path", c.Path(), "err", err)
		apiErr = errInternal
	}
	en := wantsEnglish(c)
	var body errorBody
	body.Error.Code = apiErr.Code
	body.Error.Message = pickText(en, apiErr.RU, apiErr.EN)
	if len(apiErr.Fields) > 0 {
		body.Error.Fields = map[string]string{}
		for k, v := range apiErr.Fields {
			body.Error.Fields[k] = pickText(en, v.RU, v.EN)
		}
	}
	return c.Status(apiErr.Status).JSON(body)
}

// wantsEnglish reads Accept-Language: Russian unless English comes first.
func wantsEnglish(c *fiber.Ctx) bool {
	lang := strings.ToLower(strings.TrimSpace(c.Get(fiber.HeaderAcceptLanguage)))
	return strings.HasPrefix(lang, "en")
}

func pickText(en bool, ru, eng string) string {
	if en {
		return eng
	}
	return ru
}
