package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"
	"github.com/gofiber/fiber/v2"
)

var validate = func() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	// Name fields as the JSON does, so errors point at what the caller sent.
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		return name
	})
	return v
}()

// utf8BOM is what 1C's ЗаписьJSON may put before a body.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decode reads a JSON body into dst (unknown fields are errors: a typo in a 1C module
// should not be silently ignored) and validates it, turning every problem into a 400
// that names the field.
func decode(c *fiber.Ctx, dst any) error {
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(c.Body(), utf8BOM)))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return Invalid(map[string]Text{jsonField(err): {RU: "неверный JSON: " + err.Error(), EN: "bad JSON: " + err.Error()}})
	}
	var ve validator.ValidationErrors
	if err := validate.Struct(dst); errors.As(err, &ve) {
		fields := map[string]Text{}
		for _, fe := range ve {
			fields[fieldPath(fe)] = fieldText(fe)
		}
		return Invalid(fields)
	} else if err != nil {
		return err
	}
	return nil
}

// fieldPath drops the root struct's name: "lines[0].amount", not "saleRequest.lines[0].amount".
func fieldPath(fe validator.FieldError) string {
	_, path, _ := strings.Cut(fe.Namespace(), ".")
	return path
}

func fieldText(fe validator.FieldError) Text {
	switch fe.Tag() {
	case "required", "required_without":
		return Text{RU: "обязательное поле", EN: "required"}
	case "uuid":
		return Text{RU: "ожидается GUID 1С вида af738206-2426-11f0-9d47-3c64cfca4840", EN: "want a 1C GUID such as af738206-2426-11f0-9d47-3c64cfca4840"}
	case "max":
		return Text{RU: "не больше " + fe.Param() + " элементов", EN: "at most " + fe.Param() + " items"}
	}
	return Text{RU: "неверное значение (" + fe.Tag() + ")", EN: fmt.Sprintf("invalid (%s)", fe.Tag())}
}

// jsonField names the field a decoding error is about, when Go says.
func jsonField(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return te.Field
	}
	if msg := err.Error(); strings.HasPrefix(msg, "json: unknown field ") {
		return strings.Trim(strings.TrimPrefix(msg, "json: unknown field "), `"`)
	}
	return "body"
}
