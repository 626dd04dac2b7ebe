package server

import (
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/gofiber/fiber/v2"
	"gopkg.in/yaml.v3"
)

//go:embed openapi.yaml
var openapiYAML []byte

// openapiJSON is the OpenAPI document, written in YAML for people and served as JSON.
var openapiJSON = func() []byte {
	var doc any
	if err := yaml.Unmarshal(openapiYAML, &doc); err != nil {
		panic(fmt.Sprintf("server: openapi.yaml: %v", err)) // embedded at build time: a broken file is a build error
	}
	data, err := json.Marshal(doc)
	if err != nil {
		panic(fmt.Sprintf("server: openapi.yaml: %v", err))
	}
	return data
}()

func (h *handlers) openapi(c *fiber.Ctx) error {
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	return c.Send(openapiJSON)
}
