package emulator

import (
	"context"
	"crypto/subtle"
	"fmt"
	"net/http"
	"time"
)

// pace adds the configured latency, and the slow first call 1C makes after idle
// (it warms its caches: 11–19 s on a real УТ 11). It reports false when the client
// went away while waiting.
func (e *Emulator) pace(ctx context.Context) bool {
	d := e.opts.Latency
	now := time.Now().UnixNano()
	last := e.lastCall.Swap(now)
	if e.opts.FirstCallDelay > 0 && (last == 0 || now-last > int64(e.opts.IdleAfter)) {
		d += e.opts.FirstCallDelay
	}
	return sleep(ctx, d)
}

// authorized checks HTTP Basic credentials. Go decodes the header's bytes as they
// are, so a Cyrillic login matches only when the client sent it as UTF-8, which is
// what 1C expects.
func (e *Emulator) authorized(r *http.Request) bool {
	if e.opts.User == "" {
		return true
	}
	u, p, ok := r.BasicAuth()
	userOK := subtle.ConstantTimeCompare([]byte(u), []byte(e.opts.User)) == 1
	passOK := subtle.ConstantTimeCompare([]byte(p), []byte(e.opts.Password)) == 1
	return ok && userOK && passOK
}

// failure is the injected error of request n, or nil: a deterministic draw from the
// seed and the request's number, so a run with the same requests fails the same way.
func (e *Emulator) failure(n int64) error {
	u := e.unit(n, saltFail)
	if u >= e.opts.FailRate {
		return nil
	}
	if hash2(uint64(e.opts.Seed), uint64(n), saltFail+1)&1 == 0 {
		return errInternal(http.StatusServiceUnavailable, "Сервер 1С:Предприятия временно недоступен")
	}
	return errInternal(http.StatusInternalServerError, "Ошибка СУБД: превышено время ожидания блокировки")
}

// truncation tells whether request n's body is cut short, and which share of it is
// sent: 10–90%.
func (e *Emulator) truncation(n int64) (bool, float64) {
	if e.unit(n, saltTruncate) >= e.opts.TruncateRate {
		return false, 1
	}
	return true, 0.1 + 0.8*e.unit(n, saltTruncate+1)
}

// unit is a uniform draw in [0, 1) for request n and a purpose.
func (e *Emulator) unit(n int64, salt uint64) float64 {
	return float64(hash2(uint64(e.opts.Seed), uint64(n), salt)>>11) / (1 << 53)
}

// cutShort sends the first share of body under a Content-Length of the whole and
// closes the connection, as a dropped 1C or proxy connection looks to a client.
func cutShort(w http.ResponseWriter, contentType string, body []byte, share float64) error {
	keep := min(int(float64(len(body))*share), len(body)-1)
	hj, ok := w.(http.Hijacker)
	if !ok {
		// HTTP/2 cannot be hijacked: send part, then abort the stream the way
		// net/http provides for it.
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		w.WriteHeader(http.StatusOK)
		w.Write(body[:keep])
		http.NewResponseController(w).Flush()
		panic(http.ErrAbortHandler)
	}
	conn, rw, err := hj.Hijack()
	if err != nil {
		return fmt.Errorf("1c emulator: truncate: %w", err)
	}
	defer conn.Close()
	fmt.Fprintf(rw, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", contentType, len(body))
	rw.Write(body[:keep])
	return rw.Flush()
}
