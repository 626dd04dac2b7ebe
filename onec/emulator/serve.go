package emulator

import (
	"context"
	"errors"
	"github.com/rfm9/rfm9/onec"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// request is one request being answered.
type request struct {
	w       http.ResponseWriter
	r       *http.Request
	n       int64 // its number, for the fault injection
	json    bool
	meta    bool   // JSON with odata.metadata and links (not odata=nometadata)
	service string // the service root as the client reached it
}

// serve answers one request: pacing, auth, injected failures, then the resource.
func (e *Emulator) serve(w http.ResponseWriter, r *http.Request) {
	n := e.requests.Add(1)
	if !e.pace(r.Context()) {
		return
	}
	if !e.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Basic realm="1C:Enterprise"`)
		w.Header().Set("Content-Length", "0")
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	req := e.newRequest(w, r, n)
	err := e.failure(n)
	if err == nil {
		err = e.route(req)
	}
	var oe *odataError
	if errors.As(err, &oe) {
		writeError(w, oe, req.json)
	} else if err != nil {
		writeError(w, errInternal(http.StatusInternalServerError, err.Error()), req.json)
	}
}

// newRequest reads the format the client asked for: $format, then Accept. 1C answers
// Atom unless JSON is asked for.
func (e *Emulator) newRequest(w http.ResponseWriter, r *http.Request, n int64) *request {
	req := &request{w: w, r: r, n: n}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	req.service = scheme + "://" + r.Host + e.prefix
	format := r.URL.Query().Get("$format")
	if format == "" {
		format = r.Header.Get("Accept")
	}
	req.json = format == "json" || strings.Contains(format, "application/json")
	req.meta = !strings.Contains(format, "nometadata")
	return req
}

// route dispatches on the path below the service root.
func (e *Emulator) route(req *request) error {
	rest, ok := strings.CutPrefix(req.r.URL.Path, e.prefix)
	if !ok && req.r.URL.Path+"/" != e.prefix {
		http.NotFound(req.w, req.r) // not 1C's interface: the web server's own 404
		return nil
	}
	if m := req.r.Method; m != http.MethodGet && m != http.MethodHead {
		return errReadOnly(m)
	}
	o, err := parseOptions(req.r.URL.RawQuery)
	if err != nil {
		return err
	}
	switch rest {
	case "":
		return e.serveService(req)
	case "$metadata":
		return e.send(req, contentXML, func(b []byte) []byte { return append(b, e.metadata...) })
	}
	res, err := parseResource(rest)
	if err != nil {
		return err
	}
	t, err := e.lookup(res.set)
	if err != nil {
		return err
	}
	return e.serveResource(req, t, res, o)
}

// lookup finds a published set the user may read.
func (e *Emulator) lookup(name string) (table, error) {
	t, ok := e.byName[name]
	switch {
	case !ok:
		return nil, errSegment(name)
	case slices.Contains(e.opts.Forbidden, name):
		return nil, errRights(name)
	}
	return t, nil
}

// resource is a parsed path: Set, Set/$count or Set(guid'…').
type resource struct {
	set   string
	key   string // the text between the brackets
	id    guid
	count bool
}

// parseResource splits the path below the service root.
func parseResource(rest string) (resource, error) {
	segs := strings.Split(rest, "/")
	if len(segs) > 2 || len(segs) == 2 && segs[1] != "$count" {
		return resource{}, errSegment(segs[len(segs)-1])
	}
	res := resource{set: segs[0], count: len(segs) == 2}
	name, key, hasKey := strings.Cut(segs[0], "(")
	if !hasKey {
		return res, nil
	}
	res.set = name
	key, ok := strings.CutSuffix(key, ")")
	inner, isGUID := strings.CutPrefix(key, "guid'")
	inner, quoted := strings.CutSuffix(inner, "'")
	id, valid := onec.ParseGUID(inner)
	if !ok || !isGUID || !quoted || !valid || res.count {
		return resource{}, errSegment(segs[0])
	}
	res.key, res.id = key, id
	return res, nil
}

// serveResource answers a list, a count or one entity.
func (e *Emulator) serveResource(req *request, t table, res resource, o options) error {
	q, err := bindQuery(o, t.entity())
	if err != nil {
		return err
	}
	switch {
	case res.key != "":
		return e.serveEntity(req, t, res, q)
	case res.count:
		return e.serveCount(req, t, q)
	}
	return e.serveList(req, t, q)
}

// serveList answers a list. Deep $skip costs time, as on 1C, whose query language
// has no OFFSET and reads the skipped rows.
func (e *Emulator) serveList(req *request, t table, q *query) error {
	if !sleep(req.r.Context(), time.Duration(q.skip)*max(e.opts.SkipCost, 0)) {
		return nil
	}
	enc := e.encoder(req)
	e.mu.RLock()
	defer e.mu.RUnlock()
	var total int64
	if q.inline {
		total = q.total(t)
	}
	return e.stream(req, enc.contentType(), func(out *output) {
		out.buf = enc.start(out.buf, t.entity().name, total, q.inline)
		first := true
		q.each(t, func(h int64) bool {
			out.buf = enc.entity(out.buf, t, h, q.sel, first)
			first = false
			return out.maybeFlush()
		})
		out.buf = enc.end(out.buf)
	})
}

// serveCount answers Set/$count with the number as plain text.
func (e *Emulator) serveCount(req *request, t table, q *query) error {
	e.mu.RLock()
	n := q.total(t)
	e.mu.RUnlock()
	return e.send(req, contentText, func(b []byte) []byte { return strconv.AppendInt(b, n, 10) })
}

// serveEntity answers Set(guid'…'): the entity's fields at the top level.
func (e *Emulator) serveEntity(req *request, t table, res resource, q *query) error {
	enc := e.encoder(req)
	e.mu.RLock()
	defer e.mu.RUnlock()
	h, ok := t.find(res.id)
	if !ok {
		return errNotFound(res.set, res.key)
	}
	return e.send(req, enc.contentType(), func(b []byte) []byte { return enc.single(b, t, h, q.sel) })
}

// serveService answers the service root with the list of published sets.
func (e *Emulator) serveService(req *request) error {
	if req.json {
		return e.send(req, contentJSON, func(b []byte) []byte { return e.serviceJSON(b, req) })
	}
	return e.send(req, contentXML, func(b []byte) []byte { return e.serviceXML(b, req) })
}

// serviceJSON appends the JSON service document.
func (e *Emulator) serviceJSON(b []byte, req *request) []byte {
	b = append(b, "{\n\"odata.metadata\": \""...)
	b = append(b, req.service...)
	b = append(b, "$metadata\",\n\"value\": ["...)
	for i, t := range e.tables {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "{\n\"name\": "...)
		b = appendJSONString(b, t.entity().name)
		b = append(b, ",\n\"url\": "...)
		b = appendJSONString(b, t.entity().name)
		b = append(b, "\n}"...)
	}
	return append(b, "]\n}"...)
}

// serviceXML appends the Atom service document.
func (e *Emulator) serviceXML(b []byte, req *request) []byte {
	b = append(b, xmlHeader...)
	b = append(b, `<service xmlns="http://www.w3.org/2007/app" xmlns:atom="`+nsAtom+`" xml:base="`...)
	b = appendXMLText(b, req.service)
	b = append(b, `"><workspace><atom:title>Default</atom:title>`...)
	for _, t := range e.tables {
		b = append(b, `<collection href="`...)
		b = appendXMLText(b, t.entity().name)
		b = append(b, `"><atom:title>`...)
		b = appendXMLText(b, t.entity().name)
		b = append(b, `</atom:title></collection>`...)
	}
	return append(b, "</workspace></service>"...)
}

// encoder is the JSON or Atom encoder the request asks for.
func (e *Emulator) encoder(req *request) encoder {
	if req.json {
		return &jsonEnc{service: req.service, meta: req.meta}
	}
	return newAtomEnc(req.service)
}

// sleep waits d, or until ctx is done; it reports whether the wait ran out.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
