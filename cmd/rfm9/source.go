package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/rfm9/rfm9/configs"
	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/onec/odata"
	"github.com/rfm9/rfm9/onec/salesfile"
	"github.com/rfm9/rfm9/onec/sqlread"
)

// sourceFlags say where sales come from: a file export, or a live base over OData.
// segment, sync and check-1c share them.
type sourceFlags struct {
	file, sheet, delimiter, encoding, dateLayout string
	cols                                         []string
	strict                                       bool
	tz                                           string
	odataURL, preset, mapping, user              string
	sqlDriver, sqlDSN, structure, sqlEncrypt     string
	sqlTrustCert                                 bool
}

// passwordEnv holds the 1C user's password: never a flag, so it stays out of ps and logs.
// passwordEnv+"_FILE" names a file holding it instead (Docker and systemd secrets).
const passwordEnv = "RFM9_1C_PASSWORD"

// sqlPasswordEnv holds the password of the read-only database login for --sql-driver.
const sqlPasswordEnv = "RFM9_1C_SQL_PASSWORD"

// password reads a secret from the environment variable env or the file env_FILE names.
func password(env string) (string, error) {
	if path := os.Getenv(env + "_FILE"); path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return "", fmt.Errorf("%s_FILE: %w", env, err)
		}
		return strings.TrimRight(string(data), "\r\n"), nil
	}
	return os.Getenv(env), nil
}

func (f *sourceFlags) register(fl *pflag.FlagSet) {
	fl.StringVar(&f.file, "file", "", "CSV or XLSX file with sales lines")
	fl.StringVar(&f.sheet, "sheet", "", "XLSX sheet (default: the first)")
	fl.StringVar(&f.delimiter, "delimiter", "", "CSV delimiter (default: detected from the header among ; , tab |)")
	fl.StringVar(&f.encoding, "encoding", "auto", "CSV encoding: auto, utf-8 or windows-1251")
	fl.StringArrayVar(&f.cols, "col", nil, "column mapping ROLE=HEADER; roles: client, document, date, amount, quantity, price, discount, client_name, document_type")
	fl.StringVar(&f.dateLayout, "date-layout", "", "Go time layout tried first for dates, e.g. 01/02/2006")
	fl.BoolVar(&f.strict, "strict", false, "stop at the first bad line instead of skipping it")
	fl.StringVar(&f.tz, "tz", "Local", "time zone of the base, e.g. Europe/Moscow")
	fl.StringVar(&f.odataURL, "odata-url", "", "the 1C publication's …/odata/standard.odata/ URL (instead of --file)")
	fl.StringVar(&f.preset, "preset", "", "1C configuration preset: "+strings.Join(configs.PresetNames(), ", "))
	fl.StringVar(&f.mapping, "mapping", "", "YAML file with your own 1C mapping (instead of --preset)")
	fl.StringVar(&f.sqlDriver, "sql-driver", "", "read the 1C database directly: sqlserver or postgres (instead of --file or --odata-url)")
	fl.StringVar(&f.sqlDSN, "sql-dsn", "", "connection string without the password (password from $"+sqlPasswordEnv+")")
	fl.StringVar(&f.structure, "structure", "", "the storage structure exported from 1C by onec/bsl/storage_structure.bsl (with --sql-driver)")
	fl.StringVar(&f.sqlEncrypt, "sql-encrypt", "", "SQL Server encryption: true, false, strict or disable (default: the driver's)")
	fl.BoolVar(&f.sqlTrustCert, "sql-trust-server-certificate", false, "SQL Server: accept a self-signed certificate")
	fl.StringVar(&f.user, "user", "", "1C user for OData (the password comes from $"+passwordEnv+" or the file named by $"+passwordEnv+"_FILE)")
}

// opened is a source ready to read, with what the commands report about it.
type opened struct {
	sales   onec.Source
	catalog onec.Catalog // nil for a file
	loc     *time.Location
	name    string
	skipped func() map[string]int64
	close   func() error
}

func (f *sourceFlags) location() (*time.Location, error) {
	loc, err := time.LoadLocation(f.tz)
	if err != nil {
		return nil, usageError{fmt.Errorf("--tz %q: %w", f.tz, err)}
	}
	return loc, nil
}

// open opens the file or the OData reader the flags name.
func (f *sourceFlags) open(ctx context.Context) (*opened, error) {
	loc, err := f.location()
	if err != nil {
		return nil, err
	}
	given := 0
	for _, v := range []string{f.file, f.odataURL, f.sqlDriver} {
		if v != "" {
			given++
		}
	}
	switch {
	case given > 1:
		return nil, usageError{fmt.Errorf("--file, --odata-url and --sql-driver: give one source, not several")}
	case f.file != "":
		return f.openFile(loc)
	case f.odataURL != "":
		return f.openOData(ctx, loc)
	case f.sqlDriver != "":
		return f.openSQL(loc)
	}
	return nil, usageError{fmt.Errorf("--file, --odata-url or --sql-driver: required")}
}

func (f *sourceFlags) openFile(loc *time.Location) (*opened, error) {
	o := salesfile.Options{Path: f.file, Sheet: f.sheet, Encoding: f.encoding, DateLayout: f.dateLayout, Strict: f.strict, Location: loc}
	if f.delimiter != "" {
		d := []rune(strings.ReplaceAll(f.delimiter, `\t`, "\t"))
		if len(d) != 1 {
			return nil, usageError{fmt.Errorf("--delimiter %q: want one character", f.delimiter)}
		}
		o.Delimiter = d[0]
	}
	o.Columns = map[string]string{}
	for _, c := range f.cols {
		role, header, ok := strings.Cut(c, "=")
		if !ok || role == "" || header == "" {
			return nil, usageError{fmt.Errorf("--col %q: want ROLE=HEADER", c)}
		}
		o.Columns[strings.TrimSpace(role)] = strings.TrimSpace(header)
	}
	src, err := salesfile.Open(o)
	if err != nil {
		return nil, err
	}
	return &opened{sales: src, loc: loc, name: f.file, skipped: src.Skipped, close: src.Close}, nil
}

// loadMapping reads --mapping or the --preset.
func (f *sourceFlags) loadMapping() (onec.Mapping, error) {
	switch {
	case f.mapping != "" && f.preset != "":
		return onec.Mapping{}, usageError{fmt.Errorf("--preset and --mapping: give one")}
	case f.mapping != "":
		data, err := os.ReadFile(f.mapping)
		if err != nil {
			return onec.Mapping{}, fmt.Errorf("--mapping: %w", err)
		}
		return onec.ParseMapping(data)
	case f.preset != "":
		data, err := configs.Preset(f.preset)
		if err != nil {
			return onec.Mapping{}, usageError{fmt.Errorf("--preset: %w", err)}
		}
		return onec.ParseMapping(data)
	}
	return onec.Mapping{}, usageError{fmt.Errorf("--preset or --mapping: required with --odata-url or --sql-driver")}
}

func (f *sourceFlags) openOData(_ context.Context, loc *time.Location) (*opened, error) {
	r, err := f.reader(loc)
	if err != nil {
		return nil, err
	}
	return &opened{sales: r, catalog: r, loc: loc, name: f.odataURL, skipped: r.Skipped, close: func() error { return nil }}, nil
}

// reader builds the OData reader the flags describe; it makes no call to 1C yet.
func (f *sourceFlags) reader(loc *time.Location) (*odata.Reader, error) {
	m, err := f.loadMapping()
	if err != nil {
		return nil, err
	}
	pw, err := password(passwordEnv)
	if err != nil {
		return nil, err
	}
	r, err := odata.New(odata.Config{BaseURL: f.odataURL, User: f.user, Password: pw, Location: loc, Mapping: m})
	if err != nil {
		return nil, usageError{err}
	}
	return r, nil
}

func (f *sourceFlags) openSQL(loc *time.Location) (*opened, error) {
	r, err := f.sqlReader(loc)
	if err != nil {
		return nil, err
	}
	return &opened{sales: r, catalog: r, loc: loc, name: r.String(), skipped: r.Skipped, close: r.Close}, nil
}

// sqlReader builds the direct SQL reader the flags describe; it connects on first use.
func (f *sourceFlags) sqlReader(loc *time.Location) (*sqlread.Reader, error) {
	if f.structure == "" {
		return nil, usageError{fmt.Errorf("--structure: required with --sql-driver (export it with onec/bsl/storage_structure.bsl)")}
	}
	m, err := f.loadMapping()
	if err != nil {
		return nil, err
	}
	file, err := os.Open(f.structure)
	if err != nil {
		return nil, fmt.Errorf("--structure: %w", err)
	}
	defer file.Close()
	st, err := sqlread.LoadStructure(file)
	if err != nil {
		return nil, fmt.Errorf("--structure %s: %w", f.structure, err)
	}
	pw, err := password(sqlPasswordEnv)
	if err != nil {
		return nil, err
	}
	r, err := sqlread.Open(sqlread.Config{Driver: f.sqlDriver, DSN: f.sqlDSN, Password: pw, Location: loc, Mapping: m,
		Structure: st, Encrypt: f.sqlEncrypt, TrustServerCertificate: f.sqlTrustCert})
	if err != nil {
		return nil, usageError{err}
	}
	return r, nil
}
