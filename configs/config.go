package configs

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Config is the service's configuration: defaults, then a YAML file, then the
// environment; cmd applies flags last. Secrets are not here: they come from the
// environment only.
type Config struct {
	Listen   string `yaml:"listen"`
	Data     string `yaml:"data"`
	Store    string `yaml:"store"`
	Timezone string `yaml:"timezone"`
	Source   struct {
		Kind    string `yaml:"kind"`
		Preset  string `yaml:"preset"`
		Mapping string `yaml:"mapping"`
		OData   struct {
			URL  string `yaml:"url"`
			User string `yaml:"user"`
		} `yaml:"odata"`
		SQL struct {
			Driver    string `yaml:"driver"`
			DSN       string `yaml:"dsn"`
			Structure string `yaml:"structure"`
		} `yaml:"sql"`
		File struct {
			Path string `yaml:"path"`
		} `yaml:"file"`
	} `yaml:"source"`
	Sync struct {
		Every      time.Duration `yaml:"every"`
		WindowDays int           `yaml:"window_days"`
	} `yaml:"sync"`
	API struct {
		RateLimit int `yaml:"rate_limit"`
	} `yaml:"api"`
	Log struct {
		Level  string `yaml:"level"`
		Format string `yaml:"format"`
	} `yaml:"log"`
}

// Default is the configuration before any file or environment.
func Default() Config {
	var c Config
	c.Listen, c.Data, c.Timezone = "127.0.0.1:8080", "data", "Local"
	c.Sync.Every, c.Sync.WindowDays = 15*time.Minute, 45
	c.API.RateLimit = 120_000
	c.Log.Level, c.Log.Format = "info", "text"
	return c
}

// Load reads path (when not empty) over the defaults, then the environment's RFM9_…
// variables, and validates the result.
func Load(path string, env func(string) string) (Config, error) {
	c := Default()
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return c, fmt.Errorf("config: %w", err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(&c); err != nil {
			return c, fmt.Errorf("config %s: %w", path, err)
		}
	}
	if err := applyEnv(reflect.ValueOf(&c).Elem(), "RFM9", env); err != nil {
		return c, err
	}
	return c, c.Validate()
}

// applyEnv sets every field whose variable (RFM9_SOURCE_ODATA_URL for source.odata.url)
// is set in the environment.
func applyEnv(v reflect.Value, prefix string, env func(string) string) error {
	t := v.Type()
	for i := range t.NumField() {
		name := prefix + "_" + strings.ToUpper(t.Field(i).Tag.Get("yaml"))
		f := v.Field(i)
		if f.Kind() == reflect.Struct {
			if err := applyEnv(f, name, env); err != nil {
				return err
			}
			continue
		}
		s := env(name)
		if s == "" {
			continue
		}
		if err := setField(f, s); err != nil {
			return fmt.Errorf("config: %s=%q: %w", name, s, err)
		}
	}
	return nil
}

func setField(f reflect.Value, s string) error {
	switch f.Interface().(type) {
	case string:
		f.SetString(s)
	case time.Duration:
		d, err := time.ParseDuration(s)
		if err != nil {
			return err
		}
		f.SetInt(int64(d))
	case int:
		n, err := strconv.Atoi(s)
		if err != nil {
			return err
		}
		f.SetInt(int64(n))
	}
	return nil
}

// Validate checks the whole configuration and names every key at fault.
func (c Config) Validate() error {
	var errs []error
	bad := func(key, why string) { errs = append(errs, fmt.Errorf("config: %s: %s", key, why)) }
	if c.Listen == "" {
		bad("listen", "required, e.g. 127.0.0.1:8080")
	}
	if _, err := time.LoadLocation(c.Timezone); err != nil {
		bad("timezone", fmt.Sprintf("unknown zone %q, want e.g. Europe/Moscow", c.Timezone))
	}
	switch c.Source.Kind {
	case "odata":
		if c.Source.OData.URL == "" {
			bad("source.odata.url", "required with source.kind odata: the publication's …/odata/standard.odata/")
		}
	case "sql":
		if c.Source.SQL.Driver != "sqlserver" && c.Source.SQL.Driver != "postgres" {
			bad("source.sql.driver", "sqlserver or postgres")
		}
		if c.Source.SQL.DSN == "" || c.Source.SQL.Structure == "" {
			bad("source.sql.dsn", "dsn and structure are required with source.kind sql")
		}
	case "file":
		if c.Source.File.Path == "" {
			bad("source.file.path", "required with source.kind file")
		}
	case "":
	default:
		bad("source.kind", fmt.Sprintf("%q: want odata, sql or file", c.Source.Kind))
	}
	if (c.Source.Kind == "odata" || c.Source.Kind == "sql") && c.Source.Preset == "" && c.Source.Mapping == "" {
		bad("source.preset", "a preset (ut11, unf, bp3, retail) or source.mapping is required")
	}
	if c.Sync.Every < time.Minute {
		bad("sync.every", "at least 1m")
	}
	if c.Sync.WindowDays < 1 {
		bad("sync.window_days", "at least 1")
	}
	if c.API.RateLimit < 1 {
		bad("api.rate_limit", "at least 1")
	}
	if c.Log.Format != "text" && c.Log.Format != "json" {
		bad("log.format", "text or json")
	}
	return errors.Join(errs...)
}
