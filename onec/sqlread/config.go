package sqlread

import (
	"cmp"
	"fmt"
	"log/slog"
	"time"

	"github.com/rfm9/rfm9/onec"
)

// Drivers Config.Driver accepts.
const (
	DriverSQLServer = "sqlserver"
	DriverPostgres  = "postgres"
)

// Defaults and limits of Config. A week of a 10M-line register (70k lines) is grouped
// in a fraction of a second, and of the windows measured (3 days to a year) a week
// read such a register fastest (docs/benchmarks.md); the query timeout leaves room for
// a cold cache on a busy server.
const (
	DefaultBatchSize      = 4096
	DefaultWindow         = 7 * 24 * time.Hour
	DefaultMaxOpenConns   = 2
	DefaultConnectTimeout = 30 * time.Second
	DefaultQueryTimeout   = 10 * time.Minute

	minBatchSize = 100
	maxBatchSize = 100_000
	maxOpenConns = 16
)

// Config says which 1C database to read and how.
type Config struct {
	Driver    string         // sqlserver or postgres (1C on PostgreSQL)
	DSN       string         // connection string without the password, e.g. sqlserver://rfm9@db:1433?database=ut11
	Password  string         // filled by the caller from the environment; never logged, never in the DSN
	Location  *time.Location // the base's time zone (1C dates carry none); nil means time.Local
	Mapping   onec.Mapping   // where the configuration keeps sales and clients
	Structure *Structure     // the storage structure exported from 1C, see LoadStructure

	BatchSize      int           // sales (documents) per batch handed over, 100..100000; 0 means DefaultBatchSize
	Window         time.Duration // period covered by one grouped query, at least an hour; 0 means DefaultWindow
	MaxOpenConns   int           // connections to the 1C database, 1..16; 0 means DefaultMaxOpenConns
	ConnectTimeout time.Duration // 0 means DefaultConnectTimeout
	QueryTimeout   time.Duration // per query, from its start (a window's starts ahead) to its last row; 0 means DefaultQueryTimeout
	ConnMaxIdle    time.Duration // an idle connection is closed after this; 0 keeps it

	// SQL Server only. Encrypt is the driver's encrypt setting: "" (the driver's
	// default), true, false, strict or disable. TrustServerCertificate accepts a
	// self-signed certificate, as most 1C servers have. Windows authentication: on
	// Windows a DSN without a user and no Password log in as the service's account
	// (SSPI); elsewhere a DOMAIN\user in the DSN with Password logs in over NTLM.
	Encrypt                string
	TrustServerCertificate bool

	Logger *slog.Logger // nil means slog.Default()
}

// Validate checks the config, naming the key at fault. Zero values stand for the
// defaults and are valid.
func (c Config) Validate() error {
	if c.Driver != DriverSQLServer && c.Driver != DriverPostgres {
		return fmt.Errorf("sqlread: driver %q: want %s or %s", c.Driver, DriverSQLServer, DriverPostgres)
	}
	if err := checkDSN(c.Driver, c.DSN); err != nil {
		return err
	}
	checks := []struct {
		ok  bool
		msg string
	}{
		{c.BatchSize == 0 || c.BatchSize >= minBatchSize && c.BatchSize <= maxBatchSize,
			fmt.Sprintf("batch_size %d is out of %d..%d", c.BatchSize, minBatchSize, maxBatchSize)},
		{c.Window == 0 || c.Window >= time.Hour, fmt.Sprintf("window %s is shorter than an hour", c.Window)},
		{c.MaxOpenConns >= 0 && c.MaxOpenConns <= maxOpenConns, fmt.Sprintf("max_open_conns %d is out of 1..%d", c.MaxOpenConns, maxOpenConns)},
		{c.ConnectTimeout >= 0, fmt.Sprintf("connect_timeout %s is negative", c.ConnectTimeout)},
		{c.QueryTimeout >= 0, fmt.Sprintf("query_timeout %s is negative", c.QueryTimeout)},
		{c.ConnMaxIdle >= 0, fmt.Sprintf("conn_max_idle %s is negative", c.ConnMaxIdle)},
		{validEncrypt(c.Encrypt), fmt.Sprintf("encrypt %q: want true, false, strict or disable", c.Encrypt)},
		{c.Driver == DriverSQLServer || c.Encrypt == "" && !c.TrustServerCertificate,
			"encrypt and trust_server_certificate are for sqlserver: for postgres put sslmode in the dsn"},
		{c.Structure != nil, "structure is required: export it from 1C with onec/bsl/storage_structure.bsl"},
	}
	for _, ch := range checks {
		if !ch.ok {
			return fmt.Errorf("sqlread: %s", ch.msg)
		}
	}
	if err := c.Mapping.Validate(); err != nil {
		return fmt.Errorf("sqlread: mapping: %w", err)
	}
	return c.Structure.Validate()
}

func validEncrypt(s string) bool {
	switch s {
	case "", "true", "false", "strict", "disable":
		return true
	}
	return false
}

// withDefaults fills the zero values.
func (c Config) withDefaults() Config {
	if c.Location == nil {
		c.Location = time.Local
	}
	c.BatchSize = cmp.Or(c.BatchSize, DefaultBatchSize)
	c.Window = cmp.Or(c.Window, DefaultWindow)
	c.MaxOpenConns = cmp.Or(c.MaxOpenConns, DefaultMaxOpenConns)
	c.ConnectTimeout = cmp.Or(c.ConnectTimeout, DefaultConnectTimeout)
	c.QueryTimeout = cmp.Or(c.QueryTimeout, DefaultQueryTimeout)
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}
