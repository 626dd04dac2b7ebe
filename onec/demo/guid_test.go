package demo

import (
	"regexp"
	"testing"

	"github.com/rfm9/rfm9/onec"
)

// refPattern is a 1C reference: lower-case v1 GUID whose third group starts with 11.
var refPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-11[0-9a-f]{2}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestGUIDs(t *testing.T) {
	clients, docs := map[string]bool{}, map[string]bool{}
	for _, s := range collect(t, Options{Clients: 2000, Seed: 5}) {
		clients[s.ClientID], docs[s.DocumentID] = true, true
	}
	for id := range clients {
		if docs[id] {
			t.Fatalf("%s is both a client and a document", id)
		}
	}
	for _, set := range []map[string]bool{clients, docs} {
		for id := range set {
			if !refPattern.MatchString(id) || id == onec.EmptyRef {
				t.Fatalf("%q is not a 1C reference", id)
			}
		}
	}
	if len(clients) != 2000 {
		t.Errorf("%d client ids, want 2000", len(clients))
	}
}

func TestPermuteDistinct(t *testing.T) {
	g := newGuidMaker(9)
	seen := make(map[uint64]bool, 400_000)
	for i := range 200_000 {
		for _, v := range []uint64{g.client(i), g.document(uint64(i))} {
			if v >= 1<<guidBits || seen[v] {
				t.Fatalf("value %x repeats or is too wide (input %d)", v, i)
			}
			seen[v] = true
		}
	}
}

func TestGUIDOrderFollowsValue(t *testing.T) {
	g := newGuidMaker(1)
	var a, b [36]byte
	for _, p := range [][2]uint64{{0, 1}, {0xff, 0x100}, {0xffff, 0x1_0000}, {1 << 40, 1<<40 + 1}, {1<<56 - 2, 1<<56 - 1}} {
		g.format(&a, p[0])
		g.format(&b, p[1])
		if string(a[:]) >= string(b[:]) {
			t.Errorf("%s >= %s for %x < %x", a, b, p[0], p[1])
		}
	}
}
