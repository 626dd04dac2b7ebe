package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/rfm9/rfm9/configs"
	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/onec/demo"
	"github.com/rfm9/rfm9/onec/emulator"
)

// emulateFlags are the options of `rfm9 emulate-1c`.
type emulateFlags struct {
	listen, preset, mapping, publication string
	user, passwordEnv, tz                string
	hide                                 []string
	demo                                 demo.Options
	failRate, truncateRate               float64
	latency, firstCallDelay              time.Duration
}

// shutdownGrace is how long in-flight requests may finish after an interrupt.
const shutdownGrace = 5 * time.Second

func emulateCommand() *cobra.Command {
	var f emulateFlags
	cmd := &cobra.Command{
		Use:   "emulate-1c [--listen ADDR] [--preset NAME] [--clients N --lines M --seed S] [flags]",
		Short: "Serve demo sales as a published 1C base does, over the standard OData interface",
		Long: `emulate-1c generates the demo sales of "rfm9 gen" (same --clients, --lines and
--seed, same sales) and serves them at http://ADDR/<publication>/odata/standard.odata/
under the names of a 1C configuration preset, with real 1C's quirks: $metadata in
XML, JSON on $format=json, LineNumber as a string, dates without a zone, padded
codes, composite recorder fields, switched-off records, sales without a client,
returns and storno records, 1C's error bodies and HTTP Basic auth.

It prints the base URL and serves until interrupted. The 1C user's password comes
from an environment variable, never from the command line. --fail-rate,
--truncate-rate and --latency inject faults for testing a client.`,
		Example: `  rfm9 emulate-1c --preset ut11 --clients 20000 --lines 150000
  RFM9_1C_PASSWORD=secret rfm9 emulate-1c --user Администратор --listen 127.0.0.1:8081
  rfm9 emulate-1c --fail-rate 0.05 --truncate-rate 0.02 --latency 50ms`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runEmulate(cmd, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.listen, "listen", "127.0.0.1:8081", "address to listen on")
	fl.StringVar(&f.preset, "preset", "unf", "1C configuration preset whose names are served")
	fl.StringVar(&f.mapping, "mapping", "", "YAML file with your own 1C mapping (instead of --preset)")
	fl.StringVar(&f.publication, "publication", "demo", "publication name, the first segment of the URL")
	fl.IntVar(&f.demo.Clients, "clients", 1000, "number of clients with at least one purchase")
	fl.IntVar(&f.demo.Lines, "lines", 0, "number of register lines (default 10 per client)")
	fl.Int64Var(&f.demo.Seed, "seed", 1, "random seed: the same seed gives the same sales as rfm9 gen")
	fl.StringVar(&f.user, "user", "", "1C user required by HTTP Basic auth, may be Cyrillic (default: no auth)")
	fl.StringVar(&f.passwordEnv, "password-env", passwordEnv, "environment variable holding the user's password")
	fl.StringVar(&f.tz, "tz", "Europe/Moscow", "time zone of the base: dates are served in its local time")
	fl.StringArrayVar(&f.hide, "hide", nil, "entity set to leave unpublished (answers code 6), repeatable")
	fl.Float64Var(&f.failRate, "fail-rate", 0, "fraction of requests answered 500/503 with 1C's error body")
	fl.Float64Var(&f.truncateRate, "truncate-rate", 0, "fraction of bodies cut mid-way with the connection closed")
	fl.DurationVar(&f.latency, "latency", 0, "delay added to every request")
	fl.DurationVar(&f.firstCallDelay, "first-call-delay", 0, "extra delay of the first request after a minute idle, as 1C warms up")
	return cmd
}

func runEmulate(cmd *cobra.Command, f emulateFlags) error {
	o, err := f.options()
	if err != nil {
		return err
	}
	begin := time.Now()
	e, err := emulator.New(o)
	if errors.Is(err, emulator.ErrInvalid) {
		return usageError{err}
	}
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", f.listen)
	if err != nil {
		return fmt.Errorf("--listen: %w", err)
	}
	base := e.BaseURL("http://" + printableAddr(ln.Addr()))
	slog.Info("1c emulator ready", "preset", o.Mapping.Preset, "clients", f.demo.Clients, "url", base,
		"auth", o.User != "", "took", time.Since(begin).Round(time.Millisecond))
	fmt.Fprintln(cmd.OutOrStdout(), base)
	return serveUntilDone(cmd.Context(), &http.Server{Handler: e.Handler(), ReadHeaderTimeout: 30 * time.Second}, ln)
}

// options turns the flags into emulator options; a bad flag is a usage error.
func (f emulateFlags) options() (emulator.Options, error) {
	m, err := f.loadMapping()
	if err != nil {
		return emulator.Options{}, err
	}
	loc, err := time.LoadLocation(f.tz)
	if err != nil {
		return emulator.Options{}, usageError{fmt.Errorf("--tz %q: %w", f.tz, err)}
	}
	o := emulator.Options{
		Mapping: m, Demo: f.demo, User: f.user, Publication: f.publication, Location: loc, Hidden: f.hide,
		FailRate: f.failRate, TruncateRate: f.truncateRate, Latency: f.latency, FirstCallDelay: f.firstCallDelay,
		Seed: f.demo.Seed,
	}
	if f.user != "" {
		o.Password = os.Getenv(f.passwordEnv)
	} else {
		slog.Warn("no --user: the emulator answers without authentication")
	}
	return o, nil
}

// loadMapping reads --mapping, or else the --preset.
func (f emulateFlags) loadMapping() (onec.Mapping, error) {
	if f.mapping != "" {
		data, err := os.ReadFile(f.mapping)
		if err != nil {
			return onec.Mapping{}, usageError{fmt.Errorf("--mapping: %w", err)}
		}
		m, err := onec.ParseMapping(data)
		if err != nil {
			return onec.Mapping{}, usageError{fmt.Errorf("--mapping: %w", err)}
		}
		return m, nil
	}
	data, err := configs.Preset(f.preset)
	if err != nil {
		return onec.Mapping{}, usageError{fmt.Errorf("--preset: %w", err)}
	}
	return onec.ParseMapping(data)
}

// printableAddr is addr as a client can dial it: a wildcard address becomes loopback.
func printableAddr(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return addr.String()
	}
	return net.JoinHostPort("127.0.0.1", fmt.Sprint(tcp.Port))
}

// serveUntilDone serves on ln until ctx is done, then shuts down gracefully.
func serveUntilDone(ctx context.Context, srv *http.Server, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("emulate-1c: serve: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("emulate-1c: shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("emulate-1c: serve: %w", err)
	}
	slog.Info("1c emulator stopped")
	return nil
}
