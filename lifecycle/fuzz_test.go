package lifecycle

import (
	"testing"

	"github.com/rfm9/rfm9/configs"
)

// FuzzParseNames feeds arbitrary override files: a user's YAML never panics the parser,
// and what it accepts still names every cell.
func FuzzParseNames(f *testing.F) {
	f.Add([]byte("cells:\n  - r: 3\n    f: 1\n    name: {ru: Новенькие}\n"))
	f.Add([]byte("cells: [{r: 1, f: 3, strategy: {en: Call}}]"))
	f.Add([]byte("cells:\n  - r: 9\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := ParseNames(configs.SegmentsYAML, data)
		if err != nil {
			return
		}
		for _, c := range Cells() {
			if n.Of(c).Name.RU == "" {
				t.Fatalf("cell %s lost its name", c)
			}
		}
	})
}

// FuzzParseCodeDay checks the parsers of codes and dates from the command line and the API:
// whatever they accept writes back to the same text.
func FuzzParseCodeDay(f *testing.F) {
	for _, s := range []string{"311", "333", "000", "2024-02-29", "2023-02-29", "0001-01-01", "31.12.2024"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if c, err := ParseCode(s); err == nil && c.String() != s {
			t.Fatalf("code %q reads back as %q", s, c)
		}
		if d, err := ParseDay(s); err == nil && d.String() != s {
			t.Fatalf("day %q reads back as %q", s, d)
		}
	})
}
