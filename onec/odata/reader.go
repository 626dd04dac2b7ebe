package odata

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/rfm9/rfm9/onec"
)

// The Reader serves both halves of a live base.
var (
	_ onec.Source  = (*Reader)(nil)
	_ onec.Catalog = (*Reader)(nil)
)

// Reader reads one published 1C base. Its methods may be called concurrently;
// Skipped reports on the last Sales call to finish.
type Reader struct {
	cfg  Config
	base string // the publication address, ending in a slash, without credentials
	http *http.Client
	log  *slog.Logger
	reg  *register

	// Seams for tests: the page size (Config keeps it in 500..5000), waiting
	// between attempts, the jitter of that wait, and the clock.
	pageSize int
	sleep    func(ctx context.Context, d time.Duration) error
	jitter   func(n int64) int64
	now      func() time.Time

	mu      sync.Mutex
	skipped tally
	via     viaCache
}

// New checks the config and prepares a reader; it does not call 1C yet.
func New(cfg Config) (*Reader, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	u, _ := baseURL(cfg.BaseURL) // Validate parsed it
	client := cfg.HTTPClient
	if client == nil {
		client = newHTTPClient(cfg.Parallel)
	}
	return &Reader{
		cfg:      cfg,
		base:     u.String(),
		http:     client,
		log:      cfg.Logger,
		reg:      newRegister(cfg.Mapping.Register),
		pageSize: cfg.PageSize,
		sleep:    sleepCtx,
		jitter:   rand.Int64N,
		now:      time.Now,
	}, nil
}

// newHTTPClient keeps a connection per parallel request alive; the timeout is
// per request through the context, since a body is read as it streams.
func newHTTPClient(parallel int) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = parallel + 1
	return &http.Client{Transport: t}
}

// Skipped returns how many records the last Sales call skipped, by reason (the
// Reason constants); reasons with no records are left out.
func (r *Reader) Skipped() map[string]int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.skipped.skipped()
}

func (r *Reader) setSkipped(t tally) {
	r.mu.Lock()
	r.skipped = t
	r.mu.Unlock()
}

// String names the base without credentials, for logs.
func (r *Reader) String() string { return fmt.Sprintf("odata %s", r.base) }

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
