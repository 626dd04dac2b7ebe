package sqlread

import (
	"strings"
	"testing"
	"time"

	"github.com/microsoft/go-mssqldb/msdsn"
)

func validConfig(t *testing.T) Config {
	return Config{Driver: DriverSQLServer, DSN: "sqlserver://rfm9@db.local:1433?database=ut11", Mapping: presetMapping(t, "ut11"),
		Structure: loadTestStructure(t, "ut11")}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		edit func(*Config)
		want string
	}{
		{func(c *Config) { c.Driver = "mysql" }, `driver "mysql"`},
		{func(c *Config) { c.DSN = "" }, "dsn is required"},
		{func(c *Config) { c.DSN = "sqlserver://rfm9:secret@db.local?database=ut11" }, "dsn carries a password"},
		{func(c *Config) { c.DSN = "server=db.local;user id=rfm9;password=secret;database=ut11" }, "dsn carries a password"},
		{func(c *Config) { c.Driver, c.DSN = DriverPostgres, "postgres://rfm9:secret@db.local/ut11" }, "dsn carries a password"},
		{func(c *Config) { c.Driver, c.DSN = DriverPostgres, "host=db.local password=secret dbname=ut11" }, "dsn carries a password"},
		{func(c *Config) { c.Driver, c.DSN = DriverPostgres, "postgres://db.local/ut11?password=secret" }, "dsn carries a password"},
		{func(c *Config) { c.BatchSize = 10 }, "batch_size 10"},
		{func(c *Config) { c.Window = time.Minute }, "window 1m0s"},
		{func(c *Config) { c.MaxOpenConns = 100 }, "max_open_conns 100"},
		{func(c *Config) { c.QueryTimeout = -time.Second }, "query_timeout"},
		{func(c *Config) { c.Encrypt = "maybe" }, `encrypt "maybe"`},
		{func(c *Config) {
			c.Driver, c.DSN, c.TrustServerCertificate = DriverPostgres, "postgres://db/ut11", true
		}, "trust_server_certificate are for sqlserver"},
		{func(c *Config) { c.Structure = nil }, "structure is required"},
		{func(c *Config) { c.Mapping.Register.Amount = "" }, "register.amount"},
	}
	for _, tt := range tests {
		c := validConfig(t)
		tt.edit(&c)
		err := c.Validate()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("error %v, want one mentioning %q", err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "secret") {
			t.Errorf("the error repeats the password: %v", err)
		}
	}
	if err := validConfig(t).Validate(); err != nil {
		t.Errorf("a valid config: %v", err)
	}
}

// TestOpenSQLServer: Open prepares without connecting, and the DSN it connects with
// carries the encryption settings of the config.
func TestOpenSQLServer(t *testing.T) {
	c := validConfig(t)
	c.Password, c.Encrypt, c.TrustServerCertificate = "secret", "true", true
	r, err := Open(c)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if strings.Contains(r.String(), "secret") {
		t.Errorf("String() shows the password: %s", r)
	}
	for _, dsn := range []string{"sqlserver://rfm9@db.local:1433?database=ut11", "server=db.local;user id=rfm9;database=ut11", "odbc:server=db.local;user id=rfm9;database=ut11"} {
		with, err := withParams(dsn, [][2]string{{"encrypt", "true"}, {"TrustServerCertificate", "true"}})
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := msdsn.Parse(with)
		if err != nil {
			t.Fatalf("%s: %v", with, err)
		}
		if cfg.Encryption != msdsn.EncryptionRequired || !cfg.TrustServerCertificate || cfg.Database != "ut11" || cfg.User != "rfm9" {
			t.Errorf("%s: encryption %v, trust %v, database %q, user %q", with, cfg.Encryption, cfg.TrustServerCertificate, cfg.Database, cfg.User)
		}
	}
}
