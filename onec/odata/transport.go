package odata

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// request is one GET against 1C, with what messages need to say what it was.
type request struct {
	entity  string // the entity set, for advice on errors
	what    string // what is being read, for messages and logs
	q       *query
	accept  string
	timeout time.Duration
}

// jsonRequest reads q with the configured timeout.
func (r *Reader) jsonRequest(what string, q *query) request {
	return request{entity: q.entity, what: what, q: q, accept: "application/json", timeout: r.cfg.Timeout}
}

// attempt sends the request once and hands a successful body to read, which must
// read all of it. Answers other than 2xx become *Error.
func (r *Reader) attempt(ctx context.Context, req request, read func(io.Reader) error) error {
	ctx, cancel := context.WithTimeout(ctx, req.timeout)
	defer cancel()
	hr, err := http.NewRequestWithContext(ctx, http.MethodGet, req.q.url(r.base), nil)
	if err != nil {
		return permanent{fmt.Errorf("build the request: %w", err)}
	}
	if r.cfg.User != "" {
		hr.SetBasicAuth(r.cfg.User, r.cfg.Password) // base64 of the UTF-8 bytes, as 1C wants
	}
	hr.Header.Set("Accept", req.accept)
	resp, err := r.http.Do(hr)
	if err != nil {
		return r.timedOut(ctx, req, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return r.statusError(resp, req.entity)
	}
	if err := read(resp.Body); err != nil {
		var e *Error
		if errors.As(err, &e) {
			e.Entity, e.Message = req.entity, r.redact(e.Message)
			return e
		}
		return fmt.Errorf("read the answer: %w", r.timedOut(ctx, req, err))
	}
	return nil
}

// timedOut says so plainly when the attempt's own deadline passed.
func (r *Reader) timedOut(ctx context.Context, req request, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("no answer within %s: %w", req.timeout, err)
	}
	return err
}

// maxErrorBody bounds what is read of an error answer.
const maxErrorBody = 64 << 10

// statusError reads 1C's error body into an *Error.
func (r *Reader) statusError(resp *http.Response, entity string) *Error {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	code, msg := parseErrorBody(body)
	if code == "" && msg == "" && !strings.Contains(resp.Header.Get("Content-Type"), "html") {
		msg = strings.TrimSpace(string(body[:min(len(body), 200)]))
	}
	return &Error{Status: resp.StatusCode, Code: code, Message: r.redact(msg), Entity: entity}
}

// redact hides the password should a server ever echo it back.
func (r *Reader) redact(s string) string {
	if r.cfg.Password == "" {
		return s
	}
	return strings.ReplaceAll(s, r.cfg.Password, "***")
}

// permanent marks an error that asking again cannot fix.
type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }
func (p permanent) Unwrap() error { return p.err }
