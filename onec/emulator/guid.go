package emulator

import "github.com/rfm9/rfm9/onec"

// guid is a 1C reference as the 16 bytes of its text form (onec.GUID).
type guid = onec.GUID

// emptyGUID is 1C's empty reference, 00000000-0000-0000-0000-000000000000.
var emptyGUID guid

// Kinds of the refs the emulator makes itself (the demo makes clients and documents).
const (
	idFolder uint8 = iota + 1
	idUser
	idKey
	idCounterparty
	idOrganization
	idContactKind
	idSpareClient
	idAnonymousDoc
	idNewDoc
)

// idMaker makes the refs of objects the demo does not: 1C-style version-1 GUIDs from a
// hash of (kind, index), with a clock sequence and node of their own, so they look
// like one server's refs and never meet the demo's.
type idMaker struct {
	seed  uint64
	clock uint16
	node  uint64
}

// newIDMaker derives the server identity from the data's seed.
func newIDMaker(seed int64) idMaker {
	h := mix(uint64(seed) ^ 0x656d_756c_6174_6f72)
	return idMaker{seed: h, clock: 0x8000 | uint16(mix(h)&0x3fff), node: mix(h+1) & (1<<48 - 1)}
}

// make is the ref of object i of a kind.
func (m idMaker) make(kind uint8, i uint64) guid {
	v := mix(m.seed ^ uint64(kind)<<56 ^ i)
	var g guid
	putBig(g[0:4], v>>32)
	putBig(g[4:6], v>>16)
	putBig(g[6:8], 0x1100|v&0xff)
	putBig(g[8:10], uint64(m.clock))
	putBig(g[10:16], m.node)
	return g
}

// putBig writes the low bytes of v big-endian into dst.
func putBig(dst []byte, v uint64) {
	for i := len(dst) - 1; i >= 0; i-- {
		dst[i] = byte(v)
		v >>= 8
	}
}

// mix is the splitmix64 finaliser: a cheap, well-spread hash of x.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// hash2 spreads two numbers and a salt into one.
func hash2(a, b, salt uint64) uint64 {
	return mix(mix(a^salt) + b)
}
