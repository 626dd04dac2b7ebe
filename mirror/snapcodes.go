package mirror

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/rfm9/rfm9/lifecycle"
)

// A snapshot's codes are stored as the changes against an earlier snapshot (its base):
// month to month most clients keep their code, so a change list is a fraction of the
// full array. The stream, deflated, is
//
//	uvarint(clients) uvarint(changes) { uvarint(gap) byte(code) }…
//
// where clients is the length of the code array, and each change gives the distance
// from the previous changed client number (the first from -1) and the new packed code.
// Against no base, every client in the matrix is a change.

// maxSnapshotClients bounds what a stored header may claim, so that a damaged blob
// fails instead of allocating without limit.
const maxSnapshotClients = 1 << 25

var errCodes = errors.New("mirror: damaged snapshot codes")

// encodeCodes writes codes as changes against base (nil for none).
func encodeCodes(codes, base []lifecycle.Packed) ([]byte, error) {
	var changes int
	for i, c := range codes {
		if c != codeAt(base, i) {
			changes++
		}
	}
	raw := make([]byte, 0, 2*binary.MaxVarintLen64+changes*2)
	raw = binary.AppendUvarint(raw, uint64(len(codes)))
	raw = binary.AppendUvarint(raw, uint64(changes))
	prev := -1
	for i, c := range codes {
		if c != codeAt(base, i) {
			raw = binary.AppendUvarint(raw, uint64(i-prev))
			raw = append(raw, byte(c))
			prev = i
		}
	}
	var out bytes.Buffer
	w, err := flate.NewWriter(&out, flate.BestSpeed)
	if err != nil {
		return nil, fmt.Errorf("mirror: compress codes: %w", err)
	}
	if _, err := w.Write(raw); err != nil {
		return nil, fmt.Errorf("mirror: compress codes: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("mirror: compress codes: %w", err)
	}
	return out.Bytes(), nil
}

// codeAt is base[i], or outside the matrix past its end.
func codeAt(base []lifecycle.Packed, i int) lifecycle.Packed {
	if i < len(base) {
		return base[i]
	}
	return lifecycle.NoCode
}

// decodeCodes applies stored changes to base and returns the snapshot's full array;
// base is not modified.
func decodeCodes(data []byte, base []lifecycle.Packed) ([]lifecycle.Packed, error) {
	r := bufio.NewReader(flate.NewReader(bytes.NewReader(data)))
	n, err := binary.ReadUvarint(r)
	if err != nil || n > maxSnapshotClients {
		return nil, fmt.Errorf("%w: header", errCodes)
	}
	changes, err := binary.ReadUvarint(r)
	if err != nil || changes > n {
		return nil, fmt.Errorf("%w: header", errCodes)
	}
	codes := make([]lifecycle.Packed, n)
	copy(codes, base)
	pos := -1
	for range changes {
		gap, err := binary.ReadUvarint(r)
		if err != nil || gap == 0 || gap > n {
			return nil, fmt.Errorf("%w: change list", errCodes)
		}
		pos += int(gap)
		c, err := r.ReadByte()
		if err != nil || pos >= int(n) || c >= lifecycle.PackedCodes {
			return nil, fmt.Errorf("%w: change list", errCodes)
		}
		codes[pos] = lifecycle.Packed(c)
	}
	if _, err := r.ReadByte(); err != io.EOF {
		return nil, fmt.Errorf("%w: trailing bytes", errCodes)
	}
	return codes, nil
}

// appendKeys and splitKeys store a run of client keys as one blob of 16-byte keys.
func appendKeys(dst []byte, keys []lifecycle.ClientKey) []byte {
	for i := range keys {
		dst = append(dst, keys[i][:]...)
	}
	return dst
}

func splitKeys(blob []byte) ([]lifecycle.ClientKey, error) {
	if len(blob)%16 != 0 {
		return nil, fmt.Errorf("mirror: damaged snapshot client keys: %d bytes", len(blob))
	}
	keys := make([]lifecycle.ClientKey, len(blob)/16)
	for i := range keys {
		copy(keys[i][:], blob[16*i:])
	}
	return keys, nil
}
