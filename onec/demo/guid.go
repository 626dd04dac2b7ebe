package demo

// A 1C reference is a version-1 GUID: time_low-time_mid-time_hi-clock_seq-node, and
// the refs of one base share the clock sequence and node of the server that made
// them. Here the 32+16+8 low bits of the time fields carry a 56-bit value unique to
// each client and document; the version nibble and the high time nibble give the
// third group its `11` prefix, so no ref is ever the empty GUID.

// guidBits is the width of the unique part of a GUID.
const guidBits = 56

// docSpace is added to a document's number so its value never meets a client's.
const docSpace = 1 << (guidBits - 1)

// guidMaker turns client indexes and document numbers into GUIDs for one seed.
type guidMaker struct {
	key1, key2 uint64
	clockSeq   uint16 // with the RFC 4122 variant bits
	node       uint64 // 48 bits, like a server's MAC address
}

// newGuidMaker derives the keys and the server's clock sequence and node from seed.
func newGuidMaker(seed int64) guidMaker {
	r := newRand(seed, saltGUID)
	return guidMaker{
		key1:     r.Uint64(),
		key2:     r.Uint64(),
		clockSeq: 0x8000 | uint16(r.Uint64()&0x3fff),
		node:     r.Uint64() & (1<<48 - 1),
	}
}

// client is the unique value of client i.
func (g guidMaker) client(i int) uint64 { return g.permute(uint64(i)) }

// document is the unique value of document number n.
func (g guidMaker) document(n uint64) uint64 { return g.permute(docSpace | n) }

// permute is a keyed bijection of the 56-bit values: xor, odd multiplications and
// xor-shifts are each invertible modulo 2^56, so distinct inputs stay distinct.
func (g guidMaker) permute(x uint64) uint64 {
	const mask = 1<<guidBits - 1
	x = (x ^ g.key1) & mask
	x = (x * 0x9e3779b97f4a7c15) & mask
	x ^= x >> 29
	x = (x + g.key2) & mask
	x = (x * 0xbf58476d1ce4e5b9) & mask
	x ^= x >> 32
	x = (x * 0x94d049bb133111eb) & mask
	x ^= x >> 27
	return x
}

// format writes the GUID of value v to dst; the string order of GUIDs follows v.
func (g guidMaker) format(dst *[36]byte, v uint64) {
	putHex(dst[0:8], v>>24)
	dst[8] = '-'
	putHex(dst[9:13], v>>8)
	dst[13] = '-'
	putHex(dst[14:18], 0x1100|v&0xff)
	dst[18] = '-'
	putHex(dst[19:23], uint64(g.clockSeq))
	dst[23] = '-'
	putHex(dst[24:36], g.node)
}

// putHex writes the low 4·len(dst) bits of v as lower-case hex.
func putHex(dst []byte, v uint64) {
	const digits = "0123456789abcdef"
	for i := len(dst) - 1; i >= 0; i-- {
		dst[i] = digits[v&0xf]
		v >>= 4
	}
}

// Salts of the PCG streams, one per purpose, so that adding draws to one part of the
// generator never shifts another part.
const (
	saltGUID = iota + 0x6465_6d6f_0000
	saltPlan
	saltDays
	saltCatalog
)
