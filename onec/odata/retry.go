package odata

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"
)

// Backoff between attempts: doubling from backoffBase up to backoffMax, half of
// it random so that parallel requests do not come back in step.
const (
	backoffBase = 500 * time.Millisecond
	backoffMax  = 30 * time.Second
)

// fetch runs a request until it succeeds, fails for good or runs out of retries.
// read is called afresh on every attempt, so it must start its result over; a
// page is delivered only after read returned, so a broken answer is never half
// delivered.
func (r *Reader) fetch(ctx context.Context, req request, read func(io.Reader) error) error {
	for attempt := 0; ; attempt++ {
		err := r.attempt(ctx, req, read)
		switch {
		case err == nil:
			return nil
		case ctx.Err() != nil:
			return fmt.Errorf("odata: %s: %w", req.what, ctx.Err())
		case !retryable(err):
			return r.fail(req, err, "")
		case attempt == r.cfg.Retries:
			return r.fail(req, err, fmt.Sprintf("gave up after %d attempts: ", attempt+1))
		}
		wait := r.backoff(attempt)
		r.log.Warn("odata: request failed, retrying", "what", req.what, "attempt", attempt+1,
			"attempts", r.cfg.Retries+1, "wait", wait, "err", r.redact(err.Error()))
		if err := r.sleep(ctx, wait); err != nil {
			return fmt.Errorf("odata: %s: %w", req.what, err)
		}
	}
}

// retryable tells transient faults (timeouts, resets, 5xx, cut bodies) from
// answers that will not change.
func retryable(err error) bool {
	var p permanent
	if errors.As(err, &p) {
		return false
	}
	var e *Error
	if errors.As(err, &e) {
		return e.retryable()
	}
	return true
}

// backoff is the wait before retry number attempt+1.
func (r *Reader) backoff(attempt int) time.Duration {
	d := backoffMax
	if attempt < 16 {
		d = min(backoffMax, r.cfg.RetryWait<<attempt)
	}
	return d/2 + time.Duration(r.jitter(int64(d/2)+1))
}

// fail wraps the last error with what was read; a password never reaches it.
func (r *Reader) fail(req request, err error, how string) error {
	err = fmt.Errorf("odata: %s: %s%w", req.what, how, err)
	if r.cfg.Password != "" && r.redact(err.Error()) != err.Error() {
		return redacted{msg: r.redact(err.Error()), err: err}
	}
	return err
}

// redacted is an error whose text had the password in it.
type redacted struct {
	msg string
	err error
}

func (e redacted) Error() string { return e.msg }
func (e redacted) Unwrap() error { return e.err }
