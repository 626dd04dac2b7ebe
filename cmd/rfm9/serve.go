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
	"github.com/rfm9/rfm9/dashboard"
	"github.com/rfm9/rfm9/jobs"
	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/metrics"
	"github.com/rfm9/rfm9/mirror"
	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/onec/demo"
	"github.com/rfm9/rfm9/onec/emulator"
	"github.com/rfm9/rfm9/server"
	"github.com/rfm9/rfm9/store"
	"github.com/rfm9/rfm9/tokens"
)

// adminTokenEnv, when set, is the admin token's secret instead of a generated one.
const adminTokenEnv = "RFM9_ADMIN_TOKEN"

type serveFlags struct {
	source    sourceFlags
	store     storeFlags
	listen    string
	demo      bool
	demoSize  [2]int // clients, lines
	syncEvery time.Duration
	window    int
	rate      int
	config    string
}

func serveCommand() *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve [--demo] [--listen ADDR]",
		Short: "Run the service: the API, the scheduled syncs and re-aging",
		Long: `serve runs rfm9 beside a 1C base: it syncs the mirror on a schedule (incremental every
--sync-every, full every night at 03:00, re-aging at the base's midnight) and answers
the API under /api/v1 for 1C and scripts.

With --demo it needs nothing else: an embedded SQLite store in --data, the built-in 1C
emulator with demo data in the same process, and a first sync before it starts to
listen. It prints the URL and the admin token ($` + adminTokenEnv + ` when set).`,
		Example: `  rfm9 serve --demo
  RFM9_1C_PASSWORD=… rfm9 serve --odata-url http://1c/trade/odata/standard.odata/ --preset ut11 --user rfm9 --tz Europe/Moscow --migrate`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := f.applyConfig(cmd); err != nil {
				return err
			}
			return runServe(cmd.Context(), f)
		},
	}
	cmd.Flags().StringVar(&f.config, "config", "", "YAML config (see configs/rfm9.example.yaml); RFM9_… variables and flags override it")
	f.source.register(cmd.Flags())
	f.store.register(cmd.Flags(), true)
	cmd.Flags().StringVar(&f.listen, "listen", "127.0.0.1:8080", "address of the API")
	cmd.Flags().BoolVar(&f.demo, "demo", false, "run on the built-in 1C emulator with demo data and an embedded store")
	cmd.Flags().IntVar(&f.demoSize[0], "demo-clients", 20000, "clients of the demo base (with --demo)")
	cmd.Flags().IntVar(&f.demoSize[1], "demo-lines", 150000, "sales lines of the demo base (with --demo)")
	cmd.Flags().DurationVar(&f.syncEvery, "sync-every", 15*time.Minute, "how often the incremental sync runs")
	cmd.Flags().IntVar(&f.window, "window-days", 45, "days an incremental sync re-reads")
	cmd.Flags().IntVar(&f.rate, "rate-limit", server.DefaultRate, "requests a minute per token (429 past it)")
	return cmd
}

func runServe(ctx context.Context, f serveFlags) error {
	if f.syncEvery < time.Minute {
		return usageError{fmt.Errorf("--sync-every %s: want at least 1m", f.syncEvery)}
	}
	var stopEmulator func()
	if f.demo {
		var err error
		if stopEmulator, err = f.startDemo(); err != nil {
			return err
		}
		defer stopEmulator()
	}
	src, err := f.source.open(ctx)
	if err != nil {
		return err
	}
	defer src.close()
	db, err := f.store.open(ctx, f.demo)
	if err != nil {
		return err
	}
	defer db.Close()
	checkpoints, stopCheckpoints := context.WithCancel(ctx)
	defer stopCheckpoints()
	go db.Checkpoints(checkpoints, 500*time.Millisecond)
	svc, err := newService(db, src, f.window)
	if err != nil {
		return err
	}
	secret, err := svc.adminToken(ctx)
	if err != nil {
		return err
	}
	if err := svc.firstSync(ctx); err != nil {
		return err
	}
	jobs, err := svc.schedule(ctx, f.syncEvery)
	if err != nil {
		return err
	}
	return svc.listen(ctx, f.listen, secret, f.rate, jobs)
}

// applyConfig fills every setting whose flag was not given from the config file and the
// RFM9_… environment, validated as a whole first.
func (f *serveFlags) applyConfig(cmd *cobra.Command) error {
	c, err := configs.Load(f.config, os.Getenv)
	if err != nil {
		return err
	}
	setLogger(cmd, c.Log.Level, c.Log.Format)
	fl := cmd.Flags()
	set := func(flag string, dst *string, v string) {
		if !fl.Changed(flag) && v != "" {
			*dst = v
		}
	}
	set("listen", &f.listen, c.Listen)
	set("data", &f.store.data, c.Data)
	set("store", &f.store.dsn, c.Store)
	set("tz", &f.source.tz, c.Timezone)
	if !f.demo {
		set("preset", &f.source.preset, c.Source.Preset)
		set("mapping", &f.source.mapping, c.Source.Mapping)
		switch c.Source.Kind {
		case "odata":
			set("odata-url", &f.source.odataURL, c.Source.OData.URL)
			set("user", &f.source.user, c.Source.OData.User)
		case "sql":
			set("sql-driver", &f.source.sqlDriver, c.Source.SQL.Driver)
			set("sql-dsn", &f.source.sqlDSN, c.Source.SQL.DSN)
			set("structure", &f.source.structure, c.Source.SQL.Structure)
		case "file":
			set("file", &f.source.file, c.Source.File.Path)
		}
	}
	if !fl.Changed("sync-every") {
		f.syncEvery = c.Sync.Every
	}
	if !fl.Changed("window-days") {
		f.window = c.Sync.WindowDays
	}
	if !fl.Changed("rate-limit") {
		f.rate = c.API.RateLimit
	}
	return nil
}

// startDemo serves the demo base on a loopback port and points the source flags at it.
func (f *serveFlags) startDemo() (func(), error) {
	m, err := onec.ParseMapping(mustPreset("unf"))
	if err != nil {
		return nil, err
	}
	loc, err := f.source.location()
	if err != nil {
		return nil, err
	}
	if f.source.tz == "Local" {
		loc, _ = time.LoadLocation("Europe/Moscow") // the demo base's zone
		f.source.tz = "Europe/Moscow"
	}
	const user, password = "Администратор", "demo"
	emu, err := emulator.New(emulator.Options{Mapping: m, User: user, Password: password, Location: loc,
		Demo: demo.Options{Clients: f.demoSize[0], Lines: f.demoSize[1], Seed: 1, Location: loc}})
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("demo 1C emulator: %w", err)
	}
	srv := &http.Server{Handler: emu.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	f.source.odataURL, f.source.preset, f.source.user = emu.BaseURL("http://"+ln.Addr().String()), "unf", user
	os.Setenv(passwordEnv, password) // the demo's own emulator; a real base's password never goes here
	slog.Info("demo 1C emulator serving", "url", f.source.odataURL)
	return func() { srv.Close() }, nil
}

func mustPreset(name string) []byte {
	data, err := configs.Preset(name)
	if err != nil {
		panic(err) // the shipped presets are embedded; a missing one is a build error
	}
	return data
}

// service is the running service's parts.
type service struct {
	db      *store.DB
	mirror  *mirror.Store
	tokens  *tokens.Store
	syncer  *mirror.Syncer
	runner  *mirror.Runner
	jobs    *jobs.Store
	replica string // this process's host name, in job runs
	names   lifecycle.Names
	loc     *time.Location
	metrics *metrics.Metrics
}

func newService(db *store.DB, src *opened, window int) (*service, error) {
	ms, err := mirror.NewStore(db)
	if err != nil {
		return nil, err
	}
	ts, err := tokens.NewStore(db)
	if err != nil {
		return nil, err
	}
	names, err := lifecycle.ParseNames(configs.SegmentsYAML)
	if err != nil {
		return nil, err
	}
	js, err := jobs.NewStore(db)
	if err != nil {
		return nil, err
	}
	host, _ := os.Hostname()
	s := &mirror.Syncer{Store: ms, Sales: src.sales, Catalog: src.catalog, Location: src.loc,
		Bounds: lifecycle.DefaultBounds(), Window: window, Now: time.Now}
	return &service{db: db, mirror: ms, tokens: ts, syncer: s, runner: &mirror.Runner{Syncer: s},
		jobs: js, replica: host, names: names, loc: src.loc, metrics: metrics.New()}, nil
}

// adminToken installs the admin token: $RFM9_ADMIN_TOKEN, or a new random one.
func (s *service) adminToken(ctx context.Context) (string, error) {
	secret := os.Getenv(adminTokenEnv)
	if secret == "" {
		var err error
		if secret, err = tokens.NewSecret(); err != nil {
			return "", err
		}
	}
	if _, _, err := s.tokens.CreateWithSecret(ctx, "admin", []string{tokens.ScopeAdmin}, secret, time.Now()); err != nil {
		return "", fmt.Errorf("%s: %w", adminTokenEnv, err)
	}
	return secret, nil
}

// firstSync makes sure there is something to serve: a sync when the mirror has never
// been synced, nothing otherwise (the schedule takes over).
func (s *service) firstSync(ctx context.Context) error {
	_, ok, err := s.mirror.LastSync(ctx)
	if err != nil || ok {
		return err
	}
	slog.Info("first sync with 1C")
	res, err := s.runner.Run(ctx, true)
	if err != nil {
		return fmt.Errorf("first sync: %w", err)
	}
	s.metrics.ObserveSync(true, res.Records, res.Took)
	slog.Info("first sync done", "documents", res.Documents, "clients", res.Segmented, "took", res.Took.Round(time.Millisecond))
	return nil
}

func (s *service) listen(ctx context.Context, addr, secret string, rate int, jobs interface{ Shutdown() error }) error {
	app := server.New(server.Deps{Mirror: s.mirror, Jobs: s.jobs, Sync: s.runner, Background: ctx, Tokens: s.tokens, Metrics: s.metrics, Names: &s.names, Bounds: s.syncer.Bounds,
		Location: s.loc, Ping: s.db.PingContext, MaxAge: 48 * time.Hour, Now: time.Now, Rate: rate})
	err := dashboard.Mount(ctx, app, dashboard.Deps{Mirror: s.mirror, Snapshots: s.mirror, Tokens: s.tokens, Recompute: s.syncer.Recompute,
		Names: &s.names, Bounds: s.syncer.Bounds, Location: s.loc, Now: time.Now})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("--listen %s: %w", addr, err)
	}
	fmt.Printf("rfm9 is serving on http://%s\nadmin token: %s\ndashboard: http://%s/ (log in with a token)\n", ln.Addr(), secret, ln.Addr())
	done := make(chan error, 1)
	go func() { done <- app.Listener(ln) }()
	select {
	case err := <-done:
		jobs.Shutdown()
		return err
	case <-ctx.Done():
	}
	// Shut down in order: stop taking requests, then stop the jobs; the store closes last
	// in runServe's defers.
	slog.Info("shutting down")
	err = app.ShutdownWithTimeout(10 * time.Second)
	if jerr := jobs.Shutdown(); jerr != nil {
		err = errors.Join(err, jerr)
	}
	return err
}
