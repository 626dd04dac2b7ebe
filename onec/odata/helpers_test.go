package odata

import (
	"testing"

	"github.com/rfm9/rfm9/configs"
)

// presetYAML returns a shipped preset.
func presetYAML(t testing.TB, name string) string {
	t.Helper()
	b, err := configs.Preset(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
