package sqlread

import (
	"encoding/binary"
	"fmt"
)

// refSize is the length of a 1C reference in the database: binary(16) on SQL Server,
// bytea on PostgreSQL.
const refSize = 16

// guidOrder says which ref bytes make up each hex pair of the GUID text, left to
// right: 1C keeps the GUID's time fields last (D[12:16]-D[10:12]-D[8:10]) so that refs
// made one after another sort together in the clustered index.
var guidOrder = [refSize]int{12, 13, 14, 15, 10, 11, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7}

// dashAfter marks the ref positions (in guidOrder) after which the text has a dash.
var dashAfter = [refSize]bool{3: true, 5: true, 7: true, 9: true}

const hexDigits = "0123456789abcdef"

// RefToGUID turns a 16-byte 1C reference as stored in the database into the GUID 1C
// shows (Ref_Key over OData, УникальныйИдентификатор() in 1C).
func RefToGUID(ref []byte) (string, error) {
	if len(ref) != refSize {
		return "", fmt.Errorf("sqlread: a 1C ref is %d bytes, got %d", refSize, len(ref))
	}
	var b [36]byte
	formatRef(&b, ref)
	return string(b[:]), nil
}

// formatRef writes the GUID text of a 16-byte ref into b.
func formatRef(b *[36]byte, ref []byte) {
	j := 0
	for i, k := range guidOrder {
		v := ref[k]
		b[j], b[j+1] = hexDigits[v>>4], hexDigits[v&0x0f]
		j += 2
		if dashAfter[i] {
			b[j] = '-'
			j++
		}
	}
}

// GUIDToRef turns a GUID as 1C shows it (either case) into the 16 bytes the database
// stores, for filters.
func GUIDToRef(guid string) ([]byte, error) {
	if len(guid) != 36 {
		return nil, fmt.Errorf("sqlread: GUID %q: want 36 characters like af738206-2426-11f0-9d47-3c64cfca4840", guid)
	}
	ref := make([]byte, refSize)
	j := 0
	for i, k := range guidOrder {
		hi, ok1 := unhex(guid[j])
		lo, ok2 := unhex(guid[j+1])
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("sqlread: GUID %q: not a hex digit at %d", guid, j)
		}
		ref[k] = hi<<4 | lo
		j += 2
		if dashAfter[i] {
			if guid[j] != '-' {
				return nil, fmt.Errorf("sqlread: GUID %q: want a dash at %d", guid, j)
			}
			j++
		}
	}
	return ref, nil
}

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

// isEmptyRef reports whether a ref is missing or the empty ref (all zeros).
func isEmptyRef(ref []byte) bool {
	for _, b := range ref {
		if b != 0 {
			return false
		}
	}
	return true
}

// typeCode reads a composite field's type half (_RecorderTRef, _FldN_RTRef): the
// number of the table the ref points into, big-endian, e.g. 0x0000027A for _Document634.
func typeCode(tref []byte) (uint32, bool) {
	if len(tref) != 4 {
		return 0, false
	}
	return binary.BigEndian.Uint32(tref), true
}
