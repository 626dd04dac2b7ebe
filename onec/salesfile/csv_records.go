package salesfile

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// Records and fields, as both the block cutter and the parsers see them:
//   - a record ends at a newline preceded, since the record began, by an even number
//     of double quotes (so quoted fields may hold newlines); one trailing \r is dropped;
//   - a field that starts with a quote runs to the next quote not doubled ("" stands
//     for "); text after that quote up to the delimiter is kept as is; an unclosed
//     quoted field runs to the end of the record;
//   - any other field runs to the next delimiter, quotes in it being plain text.

// recordEnd returns the index of the newline that ends the first record of b, or -1.
func recordEnd(b []byte) int {
	odd, from := false, 0
	for {
		i := bytes.IndexByte(b[from:], '\n')
		if i < 0 {
			return -1
		}
		i += from
		if bytes.Count(b[from:i], quoteByte)&1 == 1 {
			odd = !odd
		}
		if !odd {
			return i
		}
		from = i + 1
	}
}

var quoteByte = []byte{'"'}

// lastRecordEnd returns the index just past the newline that ends the last whole
// record of b, or -1 when b holds no record end, and the number of quotes in b.
// b starts at a record start.
func lastRecordEnd(b []byte) (end, quotes int) {
	quotes = bytes.Count(b, quoteByte)
	before, i := quotes, len(b)
	for {
		j := bytes.LastIndexByte(b[:i], '\n')
		if j < 0 {
			return -1, quotes
		}
		before -= bytes.Count(b[j:i], quoteByte)
		if before&1 == 0 {
			return j + 1, quotes
		}
		i = j
	}
}

// nextRecord cuts the first record off data, which may hold quotes. quoted reports
// a record holding one; without, the record ends at the first newline.
func nextRecord(data []byte) (rec, rest []byte, newlines int, quoted bool) {
	i := bytes.IndexByte(data, '\n')
	if i < 0 {
		rec = data
	} else {
		rec, rest = data[:i], data[i+1:]
	}
	if bytes.IndexByte(rec, '"') >= 0 {
		quoted = true
		if i = recordEnd(data); i < 0 {
			rec, rest = data, nil
		} else {
			rec, rest = data[:i], data[i+1:]
		}
		newlines = bytes.Count(rec, []byte{'\n'})
	}
	return trimCR(rec), rest, newlines, quoted
}

func trimCR(b []byte) []byte {
	if len(b) > 0 && b[len(b)-1] == '\r' {
		return b[:len(b)-1]
	}
	return b
}

// blankRecord reports a record with nothing but delimiters and spaces, as spreadsheets
// leave behind; such records are not data and are not counted.
func blankRecord(rec []byte, delim byte) bool {
	if len(rec) > 0 && rec[0] != delim && rec[0] != ' ' && rec[0] != '\t' {
		return false
	}
	for _, c := range rec {
		if c != delim && c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// splitFast splits a record without quotes into at most need fields.
func splitFast(rec []byte, delim byte, fs [][]byte, need int) [][]byte {
	fs = fs[:0]
	for len(fs) < need-1 {
		i := bytes.IndexByte(rec, delim)
		if i < 0 {
			return append(fs, rec)
		}
		fs = append(fs, rec[:i])
		rec = rec[i+1:]
	}
	if i := bytes.IndexByte(rec, delim); i >= 0 {
		rec = rec[:i]
	}
	return append(fs, rec)
}

// splitQuoted splits a record into at most need fields, unquoting in place: rec must
// belong to the caller, and its bytes are rewritten.
func splitQuoted(rec []byte, delim byte, fs [][]byte, need int) [][]byte {
	fs = fs[:0]
	for {
		var f []byte
		more := false
		switch i := bytes.IndexByte(rec, delim); {
		case len(rec) > 0 && rec[0] == '"':
			f, rec, more = unquoteField(rec, delim)
		case i >= 0:
			f, rec, more = rec[:i], rec[i+1:], true
		default:
			f, rec = rec, nil
		}
		fs = append(fs, f)
		if !more || len(fs) >= need {
			return fs
		}
	}
}

// unquoteField reads the quoted field at the start of rec, writing its value over
// rec from index 1; the value is never longer than the text it comes from.
func unquoteField(rec []byte, delim byte) (val, rest []byte, more bool) {
	w, r := 1, 1
	for {
		j := bytes.IndexByte(rec[r:], '"')
		if j < 0 { // unclosed: the rest of the record is the value
			w += copy(rec[w:], rec[r:])
			return rec[1:w], nil, false
		}
		j += r
		w += copy(rec[w:], rec[r:j])
		if j+1 < len(rec) && rec[j+1] == '"' {
			rec[w] = '"'
			w, r = w+1, j+2
			continue
		}
		tail := rec[j+1:]
		k := bytes.IndexByte(tail, delim)
		if k < 0 {
			w += copy(rec[w:], tail)
			return rec[1:w], nil, false
		}
		w += copy(rec[w:], tail[:k])
		return rec[1:w], tail[k+1:], true
	}
}

// cutFields splits the record at the start of data, which holds no quote, into at
// most need fields, and cuts it off: rec is the record without its line end.
// It tests eight bytes at a time for the delimiter and the newline together:
// fields are too short for bytes.IndexByte to pay for its call.
func cutFields(data []byte, delim byte, fs [][]byte, need int) (fields [][]byte, rec, rest []byte) {
	fs = fs[:0]
	md := lowBits * uint64(delim)
	start, i := 0, 0
	for ; i+8 <= len(data); i += 8 {
		w := binary.LittleEndian.Uint64(data[i:])
		for m := zeroBytes(w^md) | zeroBytes(w^newlineBytes); m != 0; m &= m - 1 {
			j := i + bits.TrailingZeros64(m)>>3
			if data[j] == '\n' {
				return endRecord(data, fs, start, j)
			}
			if fs = append(fs, data[start:j]); len(fs) == need {
				return skipRecord(data, fs, j+1)
			}
			start = j + 1
		}
	}
	for ; i < len(data); i++ {
		switch data[i] {
		case '\n':
			return endRecord(data, fs, start, i)
		case delim:
			if fs = append(fs, data[start:i]); len(fs) == need {
				return skipRecord(data, fs, i+1)
			}
			start = i + 1
		}
	}
	return endRecord(data, fs, start, len(data))
}

// endRecord closes a record whose last field starts at start and that ends at end.
func endRecord(data []byte, fs [][]byte, start, end int) ([][]byte, []byte, []byte) {
	rec := trimCR(data[:end])
	return append(fs, rec[min(start, len(rec)):]), rec, data[min(end+1, len(data)):]
}

// skipRecord closes a record whose remaining fields, from at on, are not read.
func skipRecord(data []byte, fs [][]byte, at int) ([][]byte, []byte, []byte) {
	end := len(data)
	if k := bytes.IndexByte(data[at:], '\n'); k >= 0 {
		end = at + k
	}
	return fs, trimCR(data[:end]), data[min(end+1, len(data)):]
}

const (
	lowBits      = 0x0101010101010101
	highBits     = 0x8080808080808080
	newlineBytes = lowBits * '\n'
)

// zeroBytes sets the high bit of each byte of the result where x has a zero byte,
// and only there: unlike the shorter x-lowBits &^ x, no borrow crosses bytes.
func zeroBytes(x uint64) uint64 {
	const low7 = ^uint64(highBits)
	return ^((x&low7 + low7) | x | low7)
}
