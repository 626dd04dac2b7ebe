package sqlread

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// loadTestStructure reads testdata/structure_<preset>.json.
func loadTestStructure(t testing.TB, preset string) *Structure {
	t.Helper()
	f, err := os.Open("testdata/structure_" + preset + ".json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := LoadStructure(f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestLoadStructureSamples(t *testing.T) {
	for _, preset := range presets {
		s := loadTestStructure(t, preset)
		if len(s.Tables) < 5 {
			t.Errorf("%s: %d tables", preset, len(s.Tables))
		}
	}
}

func TestLoadStructureBOM(t *testing.T) {
	data, err := os.ReadFile("testdata/structure_unf.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LoadStructure(bytes.NewReader(append([]byte("\xef\xbb\xbf"), data...))); err != nil {
		t.Errorf("with a BOM: %v", err)
	}
}

func TestLoadStructureErrors(t *testing.T) {
	tests := []struct{ json, want string }{
		{`{`, "not the JSON"},
		{`{"format": "x", "tables": []}`, `format "x"`},
		{`{"format": "rfm9-storage/1", "tables": []}`, "no tables"},
		{`{"format": "rfm9-storage/1", "tables": [{"table": "AccumRg1", "name": "A"}]}`, `"AccumRg1" is not a 1C storage name`},
		{`{"format": "rfm9-storage/1", "tables": [{"table": "_AccumRg1; DROP TABLE x", "name": "A"}]}`, "not a 1C storage name"},
		{`{"format": "rfm9-storage/1", "tables": [{"table": "_AccumRg1", "name": ""}]}`, "has no name"},
		{`{"format": "rfm9-storage/1", "tables": [{"table": "_AccumRg1", "name": "A", "fields": [{"storage": "_Fld1 --", "name": "F"}]}]}`, `"_Fld1 --"`},
		{`{"format": "rfm9-storage/1", "tables": [{"table": "_A1", "name": "A"}, {"table": "_a1", "name": "B"}]}`, "listed twice"},
	}
	for _, tt := range tests {
		_, err := LoadStructure(strings.NewReader(tt.json))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one mentioning %q", tt.json, err, tt.want)
		}
	}
}

// FuzzLoadStructure: never a panic, and an accepted structure has only names that
// are safe to write into SQL.
func FuzzLoadStructure(f *testing.F) {
	data, err := os.ReadFile("testdata/structure_retail.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"format": "rfm9-storage/1", "tables": [{"table": "_A1", "name": "A", "fields": [{"storage": "_F", "name": ""}]}]}`))
	f.Add([]byte(`{"format": "rfm9-storage/1", "tables": null}`))
	mapping := presetMapping(f, "retail")
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := LoadStructure(bytes.NewReader(data))
		if err != nil {
			return
		}
		Resolve(s, mapping) // any structure resolves or fails, never panics
		for _, tb := range s.Tables {
			if !isStorageName(tb.Table) || strings.ContainsAny(tb.Table, " ;'\"-") {
				t.Fatalf("accepted table name %q", tb.Table)
			}
			for _, fd := range tb.Fields {
				if !isStorageName(fd.Storage) {
					t.Fatalf("accepted column name %q", fd.Storage)
				}
			}
		}
	})
}
