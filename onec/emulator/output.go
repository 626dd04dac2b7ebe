package emulator

import (
	"bytes"
	"io"
	"net/http"
	"sync"
)

// flushAt is how much of a body is buffered before it is written out.
const flushAt = 64 << 10

// maxPooled is the largest buffer kept for reuse.
const maxPooled = 1 << 20

// buffers recycles the output buffers of responses.
var buffers = sync.Pool{New: func() any { b := make([]byte, 0, flushAt+16<<10); return &b }}

// output collects a body and hands it to w in large writes.
type output struct {
	w   io.Writer
	buf []byte
	err error
}

// maybeFlush writes the buffer out when it is full; it reports false once a write
// failed (the client went away), so the caller stops.
func (o *output) maybeFlush() bool {
	if len(o.buf) >= flushAt {
		o.flush()
	}
	return o.err == nil
}

// flush writes the buffer out.
func (o *output) flush() {
	if o.err == nil && len(o.buf) > 0 {
		_, o.err = o.w.Write(o.buf)
	}
	o.buf = o.buf[:0]
}

// stream sends a 200 response whose body fill writes; a request drawn for
// truncation is collected whole, then cut.
func (e *Emulator) stream(req *request, contentType string, fill func(*output)) error {
	bp := buffers.Get().(*[]byte)
	out := &output{buf: (*bp)[:0]}
	defer func() {
		if cap(out.buf) <= maxPooled { // a huge one-off body is not kept
			*bp = out.buf[:0]
			buffers.Put(bp)
		}
	}()
	cut, share := e.truncation(req.n)
	var body bytes.Buffer
	if cut {
		out.w = &body
	} else {
		req.w.Header().Set("Content-Type", contentType)
		req.w.WriteHeader(http.StatusOK)
		out.w = req.w
	}
	fill(out)
	out.flush()
	if cut {
		return cutShort(req.w, contentType, body.Bytes(), share)
	}
	return nil // a failed write means the client left: nobody to tell
}

// send is stream for a body made in one go.
func (e *Emulator) send(req *request, contentType string, fn func([]byte) []byte) error {
	return e.stream(req, contentType, func(out *output) { out.buf = fn(out.buf) })
}
