package lifecycle

import (
	"bytes"
	"fmt"

	"gopkg.in/yaml.v3"
)

// Text is a user-facing string in Russian, the default, and English.
type Text struct {
	RU string `yaml:"ru" json:"ru"`
	EN string `yaml:"en" json:"en"`
}

// In returns the text in lang ("en" or anything else for Russian), falling back to Russian.
func (t Text) In(lang string) string {
	if lang == "en" && t.EN != "" {
		return t.EN
	}
	return t.RU
}

// CellName is what a cell is called and what to do with its clients.
type CellName struct {
	Name     Text
	Stage    Text
	Strategy Text
}

// Names holds the names, stages and strategies of the 9 cells.
type Names struct {
	cells [3][3]CellName
}

// Of returns the names of a cell.
func (n *Names) Of(c Cell) CellName { return n.cells[c.R-1][c.F-1] }

type namesFile struct {
	Cells []struct {
		R        uint8 `yaml:"r"`
		F        uint8 `yaml:"f"`
		Name     Text  `yaml:"name"`
		Stage    Text  `yaml:"stage"`
		Strategy Text  `yaml:"strategy"`
	} `yaml:"cells"`
}

// ParseNames reads the defaults and then each override in turn (the same YAML form);
// an override replaces only the fields it sets. Every cell must end up with a Russian
// name, stage and strategy.
func ParseNames(defaults []byte, overrides ...[]byte) (Names, error) {
	var n Names
	for i, data := range append([][]byte{defaults}, overrides...) {
		if err := n.merge(data); err != nil {
			return Names{}, fmt.Errorf("segment names (file %d): %w", i+1, err)
		}
	}
	for _, c := range Cells() {
		cn := n.Of(c)
		if cn.Name.RU == "" || cn.Stage.RU == "" || cn.Strategy.RU == "" {
			return Names{}, fmt.Errorf("segment names: cell r=%d f=%d needs name, stage and strategy in ru", c.R, c.F)
		}
	}
	return n, nil
}

func (n *Names) merge(data []byte) error {
	var f namesFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return fmt.Errorf("parse: %w", err)
	}
	for i, c := range f.Cells {
		if c.R < 1 || c.R > 3 || c.F < 1 || c.F > 3 {
			return fmt.Errorf("cells[%d]: r and f must be 1..3, got r=%d f=%d", i, c.R, c.F)
		}
		dst := &n.cells[c.R-1][c.F-1]
		mergeText(&dst.Name, c.Name)
		mergeText(&dst.Stage, c.Stage)
		mergeText(&dst.Strategy, c.Strategy)
	}
	return nil
}

func mergeText(dst *Text, src Text) {
	if src.RU != "" {
		dst.RU = src.RU
	}
	if src.EN != "" {
		dst.EN = src.EN
	}
}
