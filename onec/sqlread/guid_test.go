package sqlread

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"
)

// Known pairs: the example of ONEC.md, the empty ref, and refs whose every byte is
// distinct so that a swapped pair of bytes shows.
var guidPairs = []struct{ ref, guid string }{
	{"9D473C64CFCA484011F02426AF738206", "af738206-2426-11f0-9d47-3c64cfca4840"},
	{"00000000000000000000000000000000", "00000000-0000-0000-0000-000000000000"},
	{"000102030405060708090A0B0C0D0E0F", "0c0d0e0f-0a0b-0809-0001-020304050607"},
	{"B5E8001E6727F5F111E0B96D3B7E2C4A", "3b7e2c4a-b96d-11e0-b5e8-001e6727f5f1"},
}

func TestRefToGUID(t *testing.T) {
	for _, p := range guidPairs {
		ref, _ := hex.DecodeString(p.ref)
		got, err := RefToGUID(ref)
		if err != nil || got != p.guid {
			t.Errorf("RefToGUID(0x%s) = %q, %v; want %q", p.ref, got, err, p.guid)
		}
		back, err := GUIDToRef(strings.ToUpper(p.guid))
		if err != nil || !bytes.Equal(back, ref) {
			t.Errorf("GUIDToRef(%q) = %X, %v; want %s", p.guid, back, err, p.ref)
		}
	}
}

func TestGUIDErrors(t *testing.T) {
	if _, err := RefToGUID(make([]byte, 15)); err == nil {
		t.Error("RefToGUID accepted 15 bytes")
	}
	bad := []string{"", "af738206-2426-11f0-9d47-3c64cfca484", "af738206x2426-11f0-9d47-3c64cfca4840",
		"af738206-2426-11f0-9d47-3c64cfca484g", "{af738206-2426-11f0-9d47-3c64cfca48}"}
	for _, s := range bad {
		if _, err := GUIDToRef(s); err == nil {
			t.Errorf("GUIDToRef(%q) accepted", s)
		}
	}
}

func TestTypeCode(t *testing.T) {
	if code, ok := typeCode([]byte{0, 0, 0x02, 0x82}); !ok || code != 642 {
		t.Errorf("typeCode(0x00000282) = %d, %v; want 642", code, ok)
	}
	if _, ok := typeCode([]byte{1}); ok {
		t.Error("typeCode accepted one byte")
	}
}

// FuzzGUIDRoundTrip: any 16 bytes survive ref → GUID → ref, and any text GUIDToRef
// accepts survives GUID → ref → GUID up to case.
func FuzzGUIDRoundTrip(f *testing.F) {
	for _, p := range guidPairs {
		ref, _ := hex.DecodeString(p.ref)
		f.Add(ref, p.guid)
	}
	f.Add([]byte{1, 2, 3}, "not a guid")
	f.Fuzz(func(t *testing.T, ref []byte, text string) {
		if g, err := RefToGUID(ref); err == nil {
			back, err := GUIDToRef(g)
			if err != nil || !bytes.Equal(back, ref) {
				t.Fatalf("%X → %q → %X, %v", ref, g, back, err)
			}
		} else if len(ref) == refSize {
			t.Fatalf("RefToGUID refused 16 bytes: %v", err)
		}
		if r, err := GUIDToRef(text); err == nil {
			g, err := RefToGUID(r)
			if err != nil || g != strings.ToLower(text) {
				t.Fatalf("%q → %X → %q, %v", text, r, g, err)
			}
		}
	})
}
