package configs_test

import (
	"testing"

	"github.com/rfm9/rfm9/configs"
	"github.com/rfm9/rfm9/onec"
)

func TestPresetsParse(t *testing.T) {
	names := configs.PresetNames()
	if len(names) != 4 {
		t.Fatalf("presets %v, want bp3, retail, unf, ut11", names)
	}
	for _, name := range names {
		data, err := configs.Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		m, err := onec.ParseMapping(data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if m.Preset != name {
			t.Errorf("%s: preset field says %q", name, m.Preset)
		}
	}
	if _, err := configs.Preset("ut10"); err == nil {
		t.Error("unknown preset accepted")
	}
}
