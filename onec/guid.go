package onec

// GUID is a 1C reference as the 16 bytes of its text form, left to right, so that
// comparing GUIDs compares their lower-case strings. (The database stores the same bytes
// in another order: see onec/sqlread.)
type GUID [16]byte

var hexValue = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xff
	}
	for i, c := range "0123456789abcdef" {
		t[c] = byte(i)
	}
	for i, c := range "ABCDEF" {
		t[c] = byte(10 + i)
	}
	return t
}()

// guidHex are the offsets of the 16 hex pairs in a GUID's 36 characters.
var guidHex = [16]int{0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34}

// ParseGUID reads a GUID written 8-4-4-4-12 in either case. It runs for every line of a
// sales file, hence the table lookups.
func ParseGUID(s string) (GUID, bool) {
	var g GUID
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return g, false
	}
	var bad byte
	for i, at := range guidHex {
		hi, lo := hexValue[s[at]], hexValue[s[at+1]]
		bad |= hi | lo
		g[i] = hi<<4 | lo
	}
	return g, bad&0xf0 == 0
}

// AppendGUID appends g in 1C's lower-case 8-4-4-4-12 form.
func AppendGUID(b []byte, g GUID) []byte {
	const digits = "0123456789abcdef"
	for i, c := range g {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			b = append(b, '-')
		}
		b = append(b, digits[c>>4], digits[c&0xf])
	}
	return b
}

// String writes g in 1C's lower-case form.
func (g GUID) String() string { return string(AppendGUID(make([]byte, 0, 36), g)) }
