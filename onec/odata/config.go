package odata

import (
	"cmp"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/rfm9/rfm9/onec"
)

// Defaults and limits of Config. A first call to 1C after idle can take 20 s, so
// the timeout is generous; more than a few parallel requests only queue up in
// 1C's worker processes.
const (
	DefaultTimeout  = 60 * time.Second
	DefaultParallel = 3
	DefaultPageSize = 2000
	DefaultWindow   = 7 * 24 * time.Hour
	DefaultRetries  = 5

	maxParallel = 8
	minPageSize = 500
	maxPageSize = 5000
	maxRetries  = 20
)

// Config says which published base to read and how hard to press it.
type Config struct {
	BaseURL    string         // the publication's …/odata/standard.odata/ address
	User       string         // the 1C user; a Cyrillic login is sent in UTF-8
	Password   string         // never logged and never put in an error
	Location   *time.Location // the base's time zone (1C dates carry none); nil means time.Local
	Mapping    onec.Mapping   // where the configuration keeps sales and clients
	Timeout    time.Duration  // per request; 0 means DefaultTimeout
	Parallel   int            // requests in flight, 1..8; 0 means DefaultParallel
	PageSize   int            // records per request, 500..5000; 0 means DefaultPageSize
	Window     time.Duration  // the first period window, at least a second; 0 means DefaultWindow
	Retries    int            // retries of a failed request, 0..20; 0 means DefaultRetries
	RetryWait  time.Duration  // the first wait between retries, doubling after; 0 means 500 ms
	HTTPClient *http.Client   // optional, for tests and proxies; its Timeout should be 0
	Logger     *slog.Logger   // nil means slog.Default()
}

// Validate checks the config, naming the key at fault. Zero values stand for the
// defaults and are valid.
func (c Config) Validate() error {
	if _, err := baseURL(c.BaseURL); err != nil {
		return err
	}
	checks := []struct {
		ok  bool
		msg string
	}{
		{c.Timeout >= 0, fmt.Sprintf("timeout %s is negative", c.Timeout)},
		{c.Parallel >= 0 && c.Parallel <= maxParallel, fmt.Sprintf("parallel %d is out of 1..%d", c.Parallel, maxParallel)},
		{c.PageSize == 0 || c.PageSize >= minPageSize && c.PageSize <= maxPageSize,
			fmt.Sprintf("page_size %d is out of %d..%d", c.PageSize, minPageSize, maxPageSize)},
		{c.Window == 0 || c.Window >= time.Second, fmt.Sprintf("window %s is shorter than a second", c.Window)},
		{c.Retries >= 0 && c.Retries <= maxRetries, fmt.Sprintf("retries %d is out of 0..%d", c.Retries, maxRetries)},
	}
	for _, ch := range checks {
		if !ch.ok {
			return fmt.Errorf("odata: %s", ch.msg)
		}
	}
	if err := c.Mapping.Validate(); err != nil {
		return fmt.Errorf("odata: mapping: %w", err)
	}
	return nil
}

// withDefaults fills the zero values.
func (c Config) withDefaults() Config {
	if c.Location == nil {
		c.Location = time.Local
	}
	c.Timeout = cmp.Or(c.Timeout, DefaultTimeout)
	c.Parallel = cmp.Or(c.Parallel, DefaultParallel)
	c.PageSize = cmp.Or(c.PageSize, DefaultPageSize)
	c.Window = cmp.Or(c.Window, DefaultWindow)
	c.Retries = cmp.Or(c.Retries, DefaultRetries)
	c.RetryWait = cmp.Or(c.RetryWait, backoffBase)
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}

// baseURL parses the publication address and makes it end in a slash. Credentials
// in the URL are refused rather than used, so that they never reach a log line.
func baseURL(s string) (*url.URL, error) {
	if s == "" {
		return nil, fmt.Errorf("odata: base_url is required, e.g. http://host/base/odata/standard.odata/")
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("odata: base_url does not parse: %w", urlCause(err))
	}
	if u.User != nil {
		return nil, fmt.Errorf("odata: base_url %s carries credentials: put them in user and password", u.Redacted())
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("odata: base_url %q must be an http(s) address", s)
	}
	if !strings.Contains(u.Path, "/odata/standard.odata") {
		return nil, fmt.Errorf("odata: base_url %q must be the publication's …/odata/standard.odata/ address", s)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawQuery, u.Fragment, u.RawPath = "", "", ""
	return u, nil
}

// urlCause drops the address from a url.Error, which would repeat a password.
func urlCause(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
