package sqlread

import (
	"database/sql"
	"embed"
	"fmt"
	"strings"
	"text/template"
	"time"

	"github.com/golang-sql/civil"
	"github.com/jmoiron/sqlx"
)

//go:embed queries/*.sql
var queryFiles embed.FS

// queries is the SQL text of one reader, rendered for its dialect and mapping.
type queries struct {
	YearOffset   string
	Bounds       string
	Sales        string
	Clients      string
	Contacts     string // empty without contact information
	ContactTypes string
	Columns      string
}

// dialect is what differs between SQL Server and 1C's PostgreSQL besides query text.
type dialect struct {
	driver string
	tmpl   *template.Template
	tx     *sql.TxOptions
	wall   func(time.Time) any // a timestamp parameter from a wall clock
}

// dialectFor parses the driver's query file.
func dialectFor(driver string) (*dialect, error) {
	id := func(s string) string { return s }
	d := &dialect{driver: driver}
	switch driver {
	case DriverPostgres:
		// 1C creates its PostgreSQL tables with lower-case names.
		id = strings.ToLower
		d.tx = &sql.TxOptions{ReadOnly: true}
		d.wall = func(t time.Time) any { return t }
	case DriverSQLServer:
		// go-mssqldb rejects ReadOnly; READ UNCOMMITTED (and NOLOCK in the text)
		// keeps the reader from blocking 1C.
		d.tx = &sql.TxOptions{Isolation: sql.LevelReadUncommitted}
		// civil.DateTime goes over the wire as datetime2, the type of 1C's dates:
		// a time.Time would be datetimeoffset and force a conversion of the column.
		d.wall = func(t time.Time) any { return civil.DateTimeOf(t) }
	default:
		return nil, fmt.Errorf("sqlread: driver %q: want %s or %s", driver, DriverSQLServer, DriverPostgres)
	}
	t, err := template.New(driver).Funcs(template.FuncMap{"id": id}).ParseFS(queryFiles, "queries/"+driver+".sql")
	if err != nil {
		return nil, fmt.Errorf("sqlread: parse queries: %w", err)
	}
	d.tmpl = t
	return d, nil
}

// queryData is what the templates see.
type queryData struct {
	R   RegisterTable
	Via *ViaTable
	C   CatalogTable
	T   *ContactTable
	E   *EnumTable
}

// render writes the queries of mapping m, with placeholders rebound for the driver.
func (d *dialect) render(m *Mapping) (queries, error) {
	data := queryData{R: m.Register, Via: m.Via, C: m.Clients, T: m.Contacts}
	if m.Contacts != nil {
		data.E = &m.Contacts.Types
	}
	var q queries
	targets := []struct {
		dst  *string
		name string
		skip bool
	}{
		{&q.YearOffset, "year-offset", false},
		{&q.Bounds, "bounds", false},
		{&q.Sales, "sales", false},
		{&q.Clients, "clients", false},
		{&q.Contacts, "contacts", m.Contacts == nil},
		{&q.ContactTypes, "contact-types", m.Contacts == nil},
		{&q.Columns, "columns", false},
	}
	bind := sqlx.BindType(d.driver)
	for _, t := range targets {
		if t.skip {
			continue
		}
		var b strings.Builder
		if err := d.tmpl.ExecuteTemplate(&b, t.name, data); err != nil {
			return queries{}, fmt.Errorf("sqlread: render %s: %w", t.name, err)
		}
		*t.dst = sqlx.Rebind(bind, b.String())
	}
	return q, nil
}
