package lifecycle

import (
	"strings"
	"testing"

	"github.com/rfm9/rfm9/configs"
)

func TestDefaultNames(t *testing.T) {
	n, err := ParseNames(configs.SegmentsYAML)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		cell        Cell
		name, stage string
		enName      string
	}{
		{Cell{3, 1}, "Новички", "Первая покупка", "Newcomers"},
		{Cell{3, 3}, "Постоянные", "Постоянный", "Regulars"},
		{Cell{2, 3}, "Постоянные под угрозой", "Удержать", "Regulars at risk"},
		{Cell{1, 3}, "Потерянные постоянные", "Вернуть", "Lost regulars"},
	}
	for _, tt := range tests {
		got := n.Of(tt.cell)
		if got.Name.RU != tt.name || got.Stage.RU != tt.stage || got.Name.In("en") != tt.enName {
			t.Errorf("cell %s: %+v", tt.cell, got)
		}
	}
}

func TestNamesOverride(t *testing.T) {
	override := []byte("cells:\n  - r: 3\n    f: 1\n    name: {ru: Новенькие}\n")
	n, err := ParseNames(configs.SegmentsYAML, override)
	if err != nil {
		t.Fatal(err)
	}
	got := n.Of(Cell{3, 1})
	if got.Name.RU != "Новенькие" || got.Name.EN != "Newcomers" || got.Stage.RU != "Первая покупка" {
		t.Errorf("override replaced more than the name: %+v", got)
	}
}

func TestNamesErrors(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"cells:\n  - r: 4\n    f: 1\n", "r and f must be 1..3"},
		{"cells:\n  - r: 1\n    f: 1\n    nmae: {ru: x}\n", "nmae"},
		{"cells: [", "parse"},
	}
	for _, tt := range tests {
		_, err := ParseNames(configs.SegmentsYAML, []byte(tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want one mentioning %q", tt.yaml, err, tt.want)
		}
	}
	if _, err := ParseNames([]byte("cells: []")); err == nil {
		t.Error("names without cells accepted")
	}
}
