package store

import (
	"bufio"
	"fmt"
	"reflect"
	"strings"
)

// LoadQueries fills the string fields of dst (a pointer to a struct) from named queries
// in src, marked `-- name: some-name` and matched by the field's `query:"some-name"` tag,
// rebound to the dialect's placeholders. A missing or unused name is an error, found at
// start-up rather than on the first request that needs it. A /*bytes*/ after a column
// sorts it by bytes: SQLite's default, PostgreSQL's COLLATE "C" (its default collation
// is the locale's, which Go's string comparison does not follow).
func (db *DB) LoadQueries(dst any, src string) error {
	named := parseNamed(src)
	v := reflect.ValueOf(dst).Elem()
	t := v.Type()
	used := map[string]bool{}
	for i := range t.NumField() {
		name := t.Field(i).Tag.Get("query")
		if name == "" {
			continue
		}
		q, ok := named[name]
		if !ok {
			return fmt.Errorf("store: query %q missing", name)
		}
		if db.Dialect == Postgres {
			q = strings.ReplaceAll(q, "/*bytes*/", `COLLATE "C"`)
		}
		v.Field(i).SetString(db.Rebind(q))
		used[name] = true
	}
	for name := range named {
		if !used[name] {
			return fmt.Errorf("store: query %q has no field", name)
		}
	}
	return nil
}

func parseNamed(src string) map[string]string {
	out := map[string]string{}
	var name string
	var body strings.Builder
	flush := func() {
		if name != "" {
			out[name] = strings.TrimSpace(body.String())
		}
		body.Reset()
	}
	sc := bufio.NewScanner(strings.NewReader(src))
	for sc.Scan() {
		line := sc.Text()
		if n, ok := strings.CutPrefix(strings.TrimSpace(line), "-- name:"); ok {
			flush()
			name = strings.TrimSpace(n)
			continue
		}
		body.WriteString(line)
		body.WriteByte('\n')
	}
	flush()
	return out
}
