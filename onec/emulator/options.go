package emulator

import (
	"errors"
	"fmt"
	"time"

	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/onec/demo"
)

// Options configures an emulated 1C base.
type Options struct {
	Mapping     onec.Mapping   // names of the published objects, e.g. parsed from configs.Preset
	Demo        demo.Options   // the data: the same options give the sales of `rfm9 gen`
	User        string         // 1C user for HTTP Basic auth (may be Cyrillic); empty turns auth off
	Password    string         // the user's password
	Publication string         // publication name, the first URL segment; default "demo"
	Location    *time.Location // the base's time zone; default Demo.Location, then Europe/Moscow
	Hidden      []string       // entity sets left out of the published interface: code 6
	Forbidden   []string       // entity sets the user may not read: 403, code 20

	FailRate       float64       // fraction of requests answered 500 or 503 with code -1
	TruncateRate   float64       // fraction of successful bodies cut mid-way, connection closed
	Latency        time.Duration // added to every request
	FirstCallDelay time.Duration // added to the first request, and to the first after IdleAfter
	IdleAfter      time.Duration // quiet time after which the next call is slow again; default 1m
	SkipCost       time.Duration // added per row $skip passes over; default 1µs, negative for none
	Seed           int64         // seeds the fault injection; Demo.Seed seeds the data
}

// ErrInvalid marks options an emulator cannot be built from.
var ErrInvalid = errors.New("1c emulator: invalid options")

// Defaults of the zero Options fields.
const (
	defaultPublication = "demo"
	defaultIdleAfter   = time.Minute
	defaultSkipCost    = time.Microsecond
)

// withDefaults fills in zero fields and checks the rest.
func (o Options) withDefaults() (Options, error) {
	if o.Publication == "" {
		o.Publication = defaultPublication
	}
	if o.IdleAfter == 0 {
		o.IdleAfter = defaultIdleAfter
	}
	if o.SkipCost == 0 {
		o.SkipCost = defaultSkipCost
	}
	if o.Location == nil {
		o.Location = o.Demo.Location
	}
	if o.Location == nil {
		o.Location = moscow()
	}
	// One zone for both: the generator dates the sales, the server prints them.
	o.Demo.Location = o.Location
	return o, o.validate()
}

// validate names the first bad field.
func (o Options) validate() error {
	switch {
	case o.FailRate < 0 || o.FailRate > 1:
		return fmt.Errorf("%w: fail rate %v: want 0..1", ErrInvalid, o.FailRate)
	case o.TruncateRate < 0 || o.TruncateRate > 1:
		return fmt.Errorf("%w: truncate rate %v: want 0..1", ErrInvalid, o.TruncateRate)
	case o.Latency < 0 || o.FirstCallDelay < 0:
		return fmt.Errorf("%w: latency and first call delay cannot be negative", ErrInvalid)
	case o.User == "" && o.Password != "":
		return fmt.Errorf("%w: a password without a user", ErrInvalid)
	}
	if err := o.Mapping.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	if err := o.Demo.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return nil
}

// moscow is Europe/Moscow, or UTC+3 where the machine has no tzdata (Moscow has kept
// UTC+3 without DST since 2014, so the demo history reads the same).
func moscow() *time.Location {
	if loc, err := time.LoadLocation("Europe/Moscow"); err == nil {
		return loc
	}
	return time.FixedZone("MSK", 3*60*60)
}
