package onec

import (
	"strings"
	"testing"
)

func TestGUID(t *testing.T) {
	g, ok := ParseGUID("AF738206-2426-11F0-9D47-3C64CFCA4840")
	if !ok || g.String() != "af738206-2426-11f0-9d47-3c64cfca4840" || g[0] != 0xaf || g[15] != 0x40 {
		t.Errorf("got %v %v %s", g, ok, g)
	}
	for _, bad := range []string{"", "af738206-2426-11f0-9d47-3c64cfca484", "af738206x2426-11f0-9d47-3c64cfca4840", "gf738206-2426-11f0-9d47-3c64cfca4840"} {
		if _, ok := ParseGUID(bad); ok {
			t.Errorf("ParseGUID(%q) accepted", bad)
		}
	}
}

func FuzzParseGUID(f *testing.F) {
	f.Add("af738206-2426-11f0-9d47-3c64cfca4840")
	f.Add("00000000-0000-0000-0000-00000000000g")
	f.Fuzz(func(t *testing.T, s string) {
		if g, ok := ParseGUID(s); ok && g.String() != strings.ToLower(s) {
			t.Fatalf("%q reads back as %q", s, g)
		}
	})
}
