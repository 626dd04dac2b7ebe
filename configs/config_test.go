package configs_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rfm9/rfm9/configs"
)

func noEnv(string) string { return "" }

func TestExampleConfigLoads(t *testing.T) {
	c, err := configs.Load(filepath.Join(".", "rfm9.example.yaml"), noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if c.Source.Kind != "odata" || c.Source.Preset != "ut11" || c.Sync.Every != 15*time.Minute || c.Timezone != "Europe/Moscow" {
		t.Errorf("example: %+v", c)
	}
}

func TestEnvironmentOverridesFile(t *testing.T) {
	env := map[string]string{"RFM9_SOURCE_ODATA_URL": "http://other/odata/standard.odata/", "RFM9_SYNC_EVERY": "1h", "RFM9_API_RATE_LIMIT": "5"}
	c, err := configs.Load("rfm9.example.yaml", func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.Source.OData.URL != "http://other/odata/standard.odata/" || c.Sync.Every != time.Hour || c.API.RateLimit != 5 {
		t.Errorf("overrides not applied: %+v", c)
	}
	if _, err := configs.Load("", func(k string) string { return map[string]string{"RFM9_SYNC_EVERY": "often"}[k] }); err == nil || !strings.Contains(err.Error(), "RFM9_SYNC_EVERY") {
		t.Errorf("a bad variable: %v", err)
	}
}

func TestValidateNamesEveryKey(t *testing.T) {
	c := configs.Default()
	c.Listen, c.Timezone, c.Source.Kind, c.Sync.Every, c.Log.Format = "", "Mars/Base", "odata", time.Second, "xml"
	err := c.Validate()
	for _, key := range []string{"listen", "timezone", "source.odata.url", "source.preset", "sync.every", "log.format"} {
		if err == nil || !strings.Contains(err.Error(), "config: "+key+":") {
			t.Errorf("error does not name %s: %v", key, err)
		}
	}
	if err := configs.Default().Validate(); err != nil {
		t.Errorf("defaults: %v", err)
	}
}

func TestUnknownKeyIsAnError(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.yaml")
	writeFile(t, path, "listen: x\nlistne: y\n")
	if _, err := configs.Load(path, noEnv); err == nil || !strings.Contains(err.Error(), "listne") {
		t.Errorf("a typo in a key: %v", err)
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
