package emulator

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/onec/demo"
)

// Emulator serves demo data as a published 1C base does over its standard OData
// interface, under the names of a mapping preset.
type Emulator struct {
	opts     Options
	prefix   string // /<publication>/odata/standard.odata/
	mu       sync.RWMutex
	s        *store
	tables   []table // published, in $metadata order
	byName   map[string]table
	metadata []byte
	requests atomic.Int64
	lastCall atomic.Int64 // UnixNano of the last request, for FirstCallDelay
	created  uint64       // documents made by CreateDocument, for their refs
}

// New generates the data of o.Demo and publishes it under the names of o.Mapping.
func New(o Options) (*Emulator, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	s, err := load(o)
	if err != nil {
		return nil, err
	}
	e := &Emulator{opts: o, s: s, prefix: "/" + o.Publication + "/odata/standard.odata/", byName: map[string]table{}}
	for _, t := range newTables(s, o.Mapping) {
		if name := t.entity().name; !slices.Contains(o.Hidden, name) {
			e.tables = append(e.tables, t)
			e.byName[name] = t
		}
	}
	e.metadata = buildMetadata(e.tables)
	return e, nil
}

// newTables makes every set the mapping needs: the client catalog and its contact
// information, the managers, the analytics keys, the two document journals and the
// register.
func newTables(s *store, m onec.Mapping) []table {
	var contacts *contactsTable
	if m.Clients.ContactInfo != "" {
		contacts = newContactsTable(s, m.Clients.ContactInfo)
	}
	tables := []table{newCatalogTable(s, m.Clients, contacts)}
	if contacts != nil {
		tables = append(tables, contacts)
	}
	if m.Clients.Manager != "" || m.Register.Manager != "" {
		tables = append(tables, newUsersTable(s))
	}
	if v := m.Register.ClientVia; v != nil {
		tables = append(tables, newKeysTable(s, v.Entity, v.Field))
	}
	return append(tables,
		newDocTable(s, demo.SaleDocument, docSale, m),
		newDocTable(s, demo.ReturnDocument, docReturn, m),
		newRegisterTable(s, m.Register))
}

// Handler serves the base under /<publication>/odata/standard.odata/.
func (e *Emulator) Handler() http.Handler { return http.HandlerFunc(e.serve) }

// BaseURL is the service root for a server at serverURL (such as httptest's URL),
// with a trailing slash: http://127.0.0.1:8081/demo/odata/standard.odata/.
func (e *Emulator) BaseURL(serverURL string) string {
	return strings.TrimSuffix(serverURL, "/") + (&url.URL{Path: e.prefix}).EscapedPath()
}

// Requests is the number of requests received so far, failed ones included.
func (e *Emulator) Requests() int64 { return e.requests.Load() }

// Sets lists the published entity sets, in $metadata order.
func (e *Emulator) Sets() []string {
	names := make([]string, len(e.tables))
	for i, t := range e.tables {
		names[i] = t.entity().name
	}
	return names
}
