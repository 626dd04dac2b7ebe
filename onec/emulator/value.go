package emulator

import (
	"cmp"
	"encoding/base64"
	"encoding/binary"
	"math"
	"strings"
	"time"
)

// kind is the kind of a value a table hands to the encoders and the filter.
type kind uint8

// Kinds of values.
const (
	kNull     kind = iota
	kGuid          // Edm.Guid
	kGuidText      // Edm.String holding a ref: the value half of a composite field
	kString
	kInt     // Edm.Int64, sent as a JSON string
	kDouble  // Edm.Double
	kBool    // Edm.Boolean
	kDate    // Edm.DateTime in the base's local time, no zone
	kVersion // DataVersion: 8 bytes sent as base64
	kRows    // a tabular section: handles i … i+n-1 of the property's child table
)

// value is one field of one entity. It is passed by value and never allocates.
type value struct {
	k kind
	b bool
	n int32
	i int64
	f float64
	s string
	g guid
}

// Value makers.
func vNull() value                          { return value{} }
func vGuid(g guid) value                    { return value{k: kGuid, g: g} }
func vText(g guid) value                    { return value{k: kGuidText, g: g} }
func vString(s string) value                { return value{k: kString, s: s} }
func vInt(i int64) value                    { return value{k: kInt, i: i} }
func vBool(b bool) value                    { return value{k: kBool, b: b} }
func vDate(wall int64) value                { return value{k: kDate, i: wall} }
func vVersion(v uint64) value               { return value{k: kVersion, i: int64(v)} }
func vDouble(f float64) value               { return value{k: kDouble, f: f} }
func vRows(first, n int) value              { return value{k: kRows, i: int64(first), n: int32(n)} }
func vDecimal(v int64, scale float64) value { return vDouble(float64(v) / scale) }

// vMoney is kopecks as 1C sends a Double of rubles. An artefact is the neighbouring
// float, which prints as 731.9399999999999: 1C sums in binary floating point now and
// then, and a reader has to round to kopecks rather than truncate.
func vMoney(kop int64, artefact bool) value {
	f := float64(kop) / 100
	if artefact {
		f = math.Nextafter(f, 0)
	}
	return vDouble(f)
}

// emptyDate is 1C's empty date, 0001-01-01T00:00:00, as wall seconds.
var emptyDate = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix()

// appendDate appends wall seconds as 2024-01-05T12:00:00, with no zone.
func appendDate(b []byte, wall int64) []byte {
	t := time.Unix(wall, 0).UTC()
	y, m, d := t.Date()
	hh, mm, ss := t.Clock()
	b = append4(b, y)
	b = append(b, '-')
	b = append2(b, int(m))
	b = append(b, '-')
	b = append2(b, d)
	b = append(b, 'T')
	b = append2(b, hh)
	b = append(b, ':')
	b = append2(b, mm)
	b = append(b, ':')
	return append2(b, ss)
}

// append2 appends v as two digits.
func append2(b []byte, v int) []byte { return append(b, byte('0'+v/10), byte('0'+v%10)) }

// append4 appends v as four digits.
func append4(b []byte, v int) []byte {
	return append(b, byte('0'+v/1000), byte('0'+v/100%10), byte('0'+v/10%10), byte('0'+v%10))
}

// dataVersion is the DataVersion of object id at version v: a per-object number
// that changes whenever the object is written.
func dataVersion(id guid, v uint32) value {
	h := mix(binary.BigEndian.Uint64(id[:8]) ^ binary.BigEndian.Uint64(id[8:]))
	return vVersion(h&^0xffff_ffff | uint64(v))
}

// appendVersion appends a DataVersion: base64 of 8 bytes, like AAAAAAAAB9E=.
func appendVersion(b []byte, v int64) []byte {
	var raw [8]byte
	binary.BigEndian.PutUint64(raw[:], uint64(v))
	return base64.StdEncoding.AppendEncode(b, raw[:])
}

// compareValues orders two values of the same property (the filter checks kinds).
func compareValues(a, b value) int {
	if a.k == kNull || b.k == kNull {
		return cmp.Compare(a.k, b.k)
	}
	switch a.k {
	case kGuid, kGuidText:
		return compareGUID(a.g, b.g)
	case kString:
		return strings.Compare(a.s, b.s)
	case kInt, kDate, kVersion:
		return cmp.Compare(a.i, b.i)
	case kDouble:
		return cmp.Compare(a.f, b.f)
	case kBool:
		return compareBool(a.b, b.b)
	}
	return 0
}

// compareBool orders false before true.
func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case b:
		return -1
	}
	return 1
}
