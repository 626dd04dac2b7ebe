package mirror

import (
	"slices"
	"testing"

	"github.com/rfm9/rfm9/lifecycle"
)

func TestCodesRoundTrip(t *testing.T) {
	base := []lifecycle.Packed{1, 2, 3, 0, 27}
	tests := []struct {
		name  string
		codes []lifecycle.Packed
		base  []lifecycle.Packed
	}{
		{"empty", nil, nil},
		{"from nothing", []lifecycle.Packed{0, 5, 0, 0, 9}, nil},
		{"unchanged", base, base},
		{"changed and grown", []lifecycle.Packed{1, 4, 3, 0, 0, 0, 0, 12}, base},
		{"shrunk base is ignored past the end", []lifecycle.Packed{1, 2}, base},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blob, err := encodeCodes(tt.codes, tt.base)
			if err != nil {
				t.Fatal(err)
			}
			got, err := decodeCodes(blob, tt.base)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.codes) && !(len(got) == 0 && len(tt.codes) == 0) {
				t.Fatalf("decoded %v, want %v", got, tt.codes)
			}
		})
	}
}

// A month in which few clients change costs a few bytes per change, not per client.
func TestCodesStoreOnlyChanges(t *testing.T) {
	base := make([]lifecycle.Packed, 100_000)
	for i := range base {
		base[i] = lifecycle.Packed(1 + i*7%27)
	}
	next := slices.Clone(base)
	for i := 0; i < len(next); i += 100 {
		next[i] = 27 - next[i] + 1
	}
	full, _ := encodeCodes(next, nil)
	delta, _ := encodeCodes(next, base)
	if len(delta)*10 > len(full) {
		t.Fatalf("1%% changed: delta %d bytes, full %d", len(delta), len(full))
	}
}

func TestDecodeCodesRejectsDamage(t *testing.T) {
	good, _ := encodeCodes([]lifecycle.Packed{1, 2, 3}, nil)
	for name, blob := range map[string][]byte{
		"not deflate": []byte("hello"),
		"truncated":   good[:len(good)-2],
		"empty":       nil,
	} {
		if _, err := decodeCodes(blob, nil); err == nil {
			t.Errorf("%s: decoded", name)
		}
	}
	if _, err := splitKeys(make([]byte, 17)); err == nil {
		t.Error("17 bytes of keys accepted")
	}
}

func FuzzDecodeCodes(f *testing.F) {
	for _, codes := range [][]lifecycle.Packed{nil, {1, 0, 27}, {5, 5, 5, 5}} {
		blob, _ := encodeCodes(codes, nil)
		f.Add(blob)
	}
	f.Fuzz(func(t *testing.T, blob []byte) {
		codes, err := decodeCodes(blob, []lifecycle.Packed{3, 2, 1})
		if err != nil {
			return
		}
		for _, c := range codes {
			if c >= lifecycle.PackedCodes {
				t.Fatalf("decoded code %d", c)
			}
		}
		again, err := encodeCodes(codes, nil)
		if err != nil {
			t.Fatal(err)
		}
		if back, err := decodeCodes(again, nil); err != nil || !slices.Equal(back, codes) {
			t.Fatalf("re-encoding does not round-trip: %v", err)
		}
	})
}
