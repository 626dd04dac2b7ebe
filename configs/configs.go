// Package configs holds the files rfm9 ships with: the default segment names and
// strategies, and (later) the example config and the 1C configuration presets.
package configs

import (
	"embed"
	"fmt"
	"strings"
)

// SegmentsYAML is the default names, stages and strategies of the 9 cells.
//
//go:embed segments.yaml
var SegmentsYAML []byte

//go:embed presets/*.yaml
var presets embed.FS

// Preset returns the 1C mapping preset named name (ut11, unf, bp3, retail) as YAML.
func Preset(name string) ([]byte, error) {
	data, err := presets.ReadFile("presets/" + name + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("1c preset %q: unknown; known presets: %s", name, strings.Join(PresetNames(), ", "))
	}
	return data, nil
}

// PresetNames lists the shipped 1C mapping presets.
func PresetNames() []string {
	entries, _ := presets.ReadDir("presets")
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	return names
}
