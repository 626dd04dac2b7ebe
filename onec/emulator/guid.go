package emulator

// guid is a 1C reference as the 16 bytes of its text form, so that comparing bytes
// compares the lower-case GUID strings.
type guid [16]byte

// emptyGUID is 1C's empty reference, 00000000-0000-0000-0000-000000000000.
var emptyGUID guid

// parseGUID reads 8-4-4-4-12 hex digits, in either case.
func parseGUID(s string) (guid, bool) {
	var g guid
	if len(s) != 36 {
		return g, false
	}
	j := 0
	for i := 0; i < 36; {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if s[i] != '-' {
				return g, false
			}
			i++
			continue
		}
		hi, ok1 := unhex(s[i])
		lo, ok2 := unhex(s[i+1])
		if !ok1 || !ok2 {
			return g, false
		}
		g[j] = hi<<4 | lo
		j++
		i += 2
	}
	return g, true
}

// unhex is the value of one hex digit.
func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// appendGUID appends g in 1C's lower-case text form.
func appendGUID(b []byte, g guid) []byte {
	const digits = "0123456789abcdef"
	for i, c := range g {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			b = append(b, '-')
		}
		b = append(b, digits[c>>4], digits[c&0xf])
	}
	return b
}

// String is the GUID's text form.
func (g guid) String() string { return string(appendGUID(make([]byte, 0, 36), g)) }

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
