package salesfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

const (
	defaultBlockSize = 4 << 20  // bytes read at a time: large enough to amortise a hand-off
	maxRecordSize    = 64 << 20 // a longer record is taken for a quote left open
)

// block is a run of whole records, in memory of its own: sales point into it, so it
// is never reused. Its line numbers are counted by the worker that parses it, not
// here: one pass less over every byte on the one goroutine that cannot be spread.
type block struct {
	data   []byte
	quotes bool // data may hold a double quote
}

// blockReader cuts a stream into blocks of whole records.
type blockReader struct {
	src   io.Reader
	size  int
	carry []byte // the incomplete record at the end of the last read
	eof   bool
}

// next returns the next block; a block with nil data means the stream is done.
func (r *blockReader) next() (block, error) {
	grow := r.size
	for !r.eof {
		buf, err := r.fill(grow)
		if err != nil {
			return block{}, err
		}
		if r.eof {
			return r.cut(buf, len(buf), bytes.IndexByte(buf, '"') >= 0), nil
		}
		if end, quotes := lastRecordEnd(buf); end >= 0 {
			return r.cut(buf, end, quotes > 0), nil
		}
		if len(buf) >= maxRecordSize {
			return block{}, fmt.Errorf("a record longer than %d MiB; is a quote left open?", maxRecordSize>>20)
		}
		r.carry, grow = buf, max(r.size, len(buf)) // no record end yet: read on, doubling
	}
	return block{}, nil
}

// fill reads up to size bytes after the carried bytes into a fresh buffer.
func (r *blockReader) fill(size int) ([]byte, error) {
	buf := make([]byte, len(r.carry)+size)
	n := copy(buf, r.carry)
	m, err := io.ReadFull(r.src, buf[n:])
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		r.eof, err = true, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	return buf[:n+m], nil
}

// cut returns buf[:end] as a block and carries the rest over.
func (r *blockReader) cut(buf []byte, end int, quotes bool) block {
	b := block{data: buf[:end:end], quotes: quotes}
	r.carry = buf[end:]
	if len(b.data) == 0 {
		b.data = nil
	}
	return b
}
