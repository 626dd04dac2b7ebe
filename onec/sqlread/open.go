package sqlread

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/jmoiron/sqlx"
	mssql "github.com/microsoft/go-mssqldb"
	"github.com/microsoft/go-mssqldb/msdsn"
)

// appName is how rfm9's sessions show in the server's activity monitor, so a 1C
// administrator can tell them from 1C's own.
const appName = "rfm9"

// errPasswordInDSN is returned for a DSN with a password in it: the password belongs in
// the environment, so that it stays out of config files, ps and logs.
var errPasswordInDSN = errors.New("sqlread: dsn carries a password: leave it out and pass it through the environment")

// checkDSN checks that the DSN parses and has no password. Its errors never repeat the
// DSN, which may hold a password after all.
func checkDSN(driver, dsn string) error {
	if dsn == "" {
		return fmt.Errorf("sqlread: dsn is required, e.g. sqlserver://rfm9@host:1433?database=base or postgres://rfm9@host:5432/base")
	}
	if driver == DriverSQLServer {
		cfg, err := msdsn.Parse(dsn)
		if err != nil {
			return fmt.Errorf("sqlread: dsn does not parse: %w", urlCause(err))
		}
		if cfg.Password != "" {
			return errPasswordInDSN
		}
		return nil
	}
	if pgHasPassword(dsn) {
		return errPasswordInDSN
	}
	if _, err := pgx.ParseConfig(dsn); err != nil {
		return fmt.Errorf("sqlread: dsn does not parse: %w", err)
	}
	return nil
}

// pgHasPassword finds a password in a PostgreSQL URL or keyword/value DSN. It reads the
// text itself: pgx.ParseConfig would also pick up PGPASSWORD and ~/.pgpass.
func pgHasPassword(dsn string) bool {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			return false // ParseConfig reports it
		}
		_, inUser := u.User.Password()
		return inUser || u.Query().Has("password")
	}
	for _, kv := range strings.Fields(dsn) {
		if k, _, ok := strings.Cut(kv, "="); ok && strings.EqualFold(strings.TrimSpace(k), "password") {
			return true
		}
	}
	return false
}

// open connects lazily: no connection is made until the first query.
func open(c Config) (*sqlx.DB, error) {
	var db *sql.DB
	var err error
	switch c.Driver {
	case DriverPostgres:
		db, err = openPostgres(c)
	default:
		db, err = openSQLServer(c)
	}
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(c.MaxOpenConns)
	db.SetMaxIdleConns(c.MaxOpenConns)
	db.SetConnMaxIdleTime(c.ConnMaxIdle)
	return sqlx.NewDb(db, c.Driver), nil
}

// openPostgres opens 1C's PostgreSQL database with every transaction read-only by
// default, beside the read-only transactions the reader asks for.
func openPostgres(c Config) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(c.DSN)
	if err != nil {
		return nil, fmt.Errorf("sqlread: dsn does not parse: %w", err)
	}
	if c.Password != "" {
		cfg.Password = c.Password
	}
	cfg.ConnectTimeout = c.ConnectTimeout
	if cfg.RuntimeParams["application_name"] == "" {
		cfg.RuntimeParams["application_name"] = appName
	}
	cfg.RuntimeParams["default_transaction_read_only"] = "on"
	// JIT compiling a window's grouped query costs more than it saves: with it on,
	// a full read took 1.6 times as long (docs/benchmarks.md).
	cfg.RuntimeParams["jit"] = "off"
	return stdlib.OpenDB(*cfg), nil
}

// openSQLServer opens the 1C database on SQL Server with the encryption settings of c,
// and asks for read-only intent, which an availability group routes to a readable
// secondary when one is configured.
func openSQLServer(c Config) (*sql.DB, error) {
	params := [][2]string{{"connection timeout", strconv.Itoa(int(c.ConnectTimeout.Seconds()))}}
	if c.Encrypt != "" {
		params = append(params, [2]string{"encrypt", c.Encrypt})
	}
	if c.TrustServerCertificate {
		params = append(params, [2]string{"TrustServerCertificate", "true"})
	}
	dsn, err := withParams(c.DSN, params)
	if err != nil {
		return nil, err
	}
	cfg, err := msdsn.Parse(dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlread: dsn does not parse: %w", err)
	}
	cfg.Password = c.Password
	if cfg.AppName == "" {
		cfg.AppName = appName
	}
	cfg.ReadOnlyIntent = cfg.Database != "" // the driver refuses the intent without a database
	return sql.OpenDB(mssql.NewConnectorConfig(cfg)), nil
}

// withParams sets connection parameters in a SQL Server DSN of any of the driver's
// three forms: sqlserver:// URL, ADO (key=value;…) or odbc:key=value;….
func withParams(dsn string, params [][2]string) (string, error) {
	if strings.HasPrefix(dsn, "sqlserver://") {
		u, err := url.Parse(dsn)
		if err != nil {
			return "", fmt.Errorf("sqlread: dsn does not parse: %w", urlCause(err))
		}
		q := u.Query()
		for _, p := range params {
			q.Set(p[0], p[1])
		}
		u.RawQuery = q.Encode()
		return u.String(), nil
	}
	var b strings.Builder
	b.WriteString(strings.TrimRight(dsn, "; "))
	for _, p := range params {
		fmt.Fprintf(&b, ";%s=%s", p[0], p[1])
	}
	return b.String(), nil
}

// urlCause drops the address from a url.Error, which would repeat a password.
func urlCause(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
