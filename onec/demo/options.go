package demo

import (
	"errors"
	"fmt"
	"time"
)

// Options says how much demo data to make and from which seed.
type Options struct {
	Clients  int            // number of clients, each with at least one purchase; default 1000
	Lines    int            // register lines in all; default 10×Clients, at least Clients
	Seed     int64          // the same seed gives the same data
	End      time.Time      // last day of the history (its date in Location); default 2026-10-31
	Location *time.Location // the base's time zone; default Europe/Moscow
}

// ErrInvalid marks options that cannot be generated.
var ErrInvalid = errors.New("demo: invalid options")

// maxClients keeps client indexes in int32 and INNs unique (see inn.go).
const maxClients = 5_000_000

// historyYears is how far the history reaches back from End.
const historyYears = 3

// Validate reports whether o can be generated, with zero fields taken as defaults.
func (o Options) Validate() error {
	_, err := o.withDefaults()
	return err
}

// withDefaults returns o with zero fields filled in, or an error naming the bad field.
func (o Options) withDefaults() (Options, error) {
	if o.Clients == 0 {
		o.Clients = 1000
	}
	if o.Lines == 0 {
		o.Lines = 10 * o.Clients
	}
	if o.Location == nil {
		o.Location = moscow()
	}
	if o.End.IsZero() {
		o.End = time.Date(2026, 10, 31, 0, 0, 0, 0, o.Location)
	}
	return o, o.validate()
}

// validate checks the filled-in options.
func (o Options) validate() error {
	switch {
	case o.Clients < 0 || o.Clients > maxClients:
		return fmt.Errorf("%w: clients %d: want 1..%d", ErrInvalid, o.Clients, maxClients)
	case o.Lines < o.Clients:
		return fmt.Errorf("%w: lines %d: want at least clients (%d)", ErrInvalid, o.Lines, o.Clients)
	case planTotals(o.Clients, o.Lines).purchases > maxPurchases*o.Clients:
		return fmt.Errorf("%w: lines %d: too many for %d clients", ErrInvalid, o.Lines, o.Clients)
	}
	return nil
}

// moscow is Europe/Moscow, or a fixed UTC+3 zone when the machine has no tzdata:
// Moscow has kept UTC+3 without DST since October 2014, so for the default history
// the two give the same wall clock. Callers that need the named zone import time/tzdata.
func moscow() *time.Location {
	if loc, err := time.LoadLocation("Europe/Moscow"); err == nil {
		return loc
	}
	return time.FixedZone("MSK", 3*60*60)
}
