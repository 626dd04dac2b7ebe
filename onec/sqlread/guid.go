package sqlread

import (
	"encoding/binary"
	"fmt"

	"github.com/rfm9/rfm9/onec"
)

// refSize is the length of a 1C reference in the database: binary(16) on SQL Server,
// bytea on PostgreSQL.
const refSize = 16

// guidOrder says which ref bytes make up each hex pair of the GUID text, left to
// right: 1C keeps the GUID's time fields last (D[12:16]-D[10:12]-D[8:10]) so that refs
// made one after another sort together in the clustered index.
var guidOrder = [refSize]int{12, 13, 14, 15, 10, 11, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7}

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
	var g onec.GUID
	for i, k := range guidOrder {
		g[i] = ref[k]
	}
	onec.AppendGUID(b[:0], g)
}

// GUIDToRef turns a GUID as 1C shows it (either case) into the 16 bytes the database
// stores, for filters.
func GUIDToRef(guid string) ([]byte, error) {
	g, ok := onec.ParseGUID(guid)
	if !ok {
		return nil, fmt.Errorf("sqlread: GUID %q: want 36 characters like af738206-2426-11f0-9d47-3c64cfca4840", guid)
	}
	ref := make([]byte, refSize)
	for i, k := range guidOrder {
		ref[k] = g[i]
	}
	return ref, nil
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
