package mirror

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
)

// ClientFilter selects and orders a segment's clients for a list.
type ClientFilter struct {
	Code   string // a full code "311", or a cell "31" for its three codes
	Sort   string // one of SortColumns' keys
	Desc   bool
	Search string // what a user typed (see searchFor); "" lists everyone
	After  string // the cursor of the previous page, "" for the first
	Limit  int
}

// SortColumns are the orders a client list can take, by the API's name, and the column
// each reads through its index (client_segments_code_*, migration 0010). Recency is
// the days since the last purchase, so it is last_day in the other direction: one
// index less, and the same order while the results share one as-of date (a pushed
// document re-dates only its client, until the nightly recompute).
var SortColumns = map[string]string{
	"monetary":      "monetary_kop",
	"purchases":     "purchases",
	"recency":       "last_day",
	"last_purchase": "last_day",
	"client_id":     "client_id",
}

// cursor is where a page ended: the sort value and the client id that breaks ties.
type cursor struct {
	Value int64  `json:"v"`
	ID    string `json:"id"`
}

// ListClients returns one page of a segment's clients and the cursor of the next page
// ("" after the last). Paging is by keyset along an index, so a deep page costs what
// the first does, and a page of the largest cell what a page of the smallest does.
func (s *Store) ListClients(ctx context.Context, f ClientFilter) ([]ClientSegment, string, error) {
	query, args, err := s.listQuery(ctx, f, f.Limit+1)
	if err != nil || query == "" {
		return nil, "", err
	}
	var rows []ClientSegment
	if err := s.db.SelectContext(ctx, &rows, query, args...); err != nil {
		return nil, "", fmt.Errorf("mirror: list clients of %s: %w", f.Code, err)
	}
	day, err := s.resultDay(ctx)
	if err != nil {
		return nil, "", err
	}
	for i := range rows {
		day.age(&rows[i])
	}
	if len(rows) <= f.Limit {
		return rows, "", nil
	}
	rows = rows[:f.Limit]
	last := rows[len(rows)-1]
	next, _ := json.Marshal(cursor{Value: sortValue(&last, f.Sort), ID: last.ClientID})
	return rows, base64.RawURLEncoding.EncodeToString(next), nil
}

// EachClient streams all of a segment's clients in the filter's order, for downloads.
func (s *Store) EachClient(ctx context.Context, f ClientFilter, fn func(*ClientSegment) error) error {
	f.After = ""
	query, args, err := s.listQuery(ctx, f, 0)
	if err != nil || query == "" {
		return err
	}
	day, err := s.resultDay(ctx)
	if err != nil {
		return err
	}
	rows, err := s.db.QueryxContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("mirror: list clients of %s: %w", f.Code, err)
	}
	defer rows.Close()
	var c ClientSegment
	for rows.Next() {
		if err := rows.StructScan(&c); err != nil {
			return fmt.Errorf("mirror: list clients of %s: %w", f.Code, err)
		}
		day.age(&c)
		if err := fn(&c); err != nil {
			return err
		}
	}
	return rows.Err()
}

// listColumns are a list row's columns: the segment row s and the catalog's c.
const listColumns = `%[1]s.client_id, coalesce(c.name, '') AS name, coalesce(c.inn, '') AS inn,
	coalesce(c.email, '') AS email, coalesce(c.phone, '') AS phone, %[1]s.code, %[1]s.purchases,
	%[1]s.monetary_kop, %[1]s.first_day, %[1]s.last_day`

// listQuery builds the list's SQL, the one dynamic query of the mirror (the order, the
// cursor and the search vary); "" when a search found nobody.
func (s *Store) listQuery(ctx context.Context, f ClientFilter, limit int) (string, []any, error) {
	o, err := orderOf(f)
	if err != nil {
		return "", nil, err
	}
	search, err := s.searchFor(ctx, f.Search)
	if err != nil || search.none {
		return "", nil, err
	}
	var b strings.Builder
	var args []any
	if search.byID {
		args = o.writeByID(&b, codesOf(f.Code), search, limit)
	} else {
		args = o.writeMerged(&b, codesOf(f.Code), search, limit)
	}
	return s.db.Rebind(b.String()), args, nil
}

// writeMerged writes the query of a list walked along its index: each code is read on
// its own, in its index's order from the cursor, up to the page's size, and a cell's
// three codes are merged after (an IN or a LIKE over the codes would read the whole
// cell and sort it for every page). It returns the query's parameters.
func (o listOrder) writeMerged(b *strings.Builder, codes []string, search listSearch, limit int) []any {
	var args []any
	fmt.Fprintf(b, "SELECT "+listColumns+" FROM (", "p")
	for i, code := range codes {
		if i > 0 {
			b.WriteString(" UNION ALL ")
		}
		// Wrapped, so that its ORDER BY and LIMIT hold inside the UNION ALL.
		b.WriteString(`SELECT * FROM (SELECT s.client_id, s.code, s.purchases, s.monetary_kop, s.first_day,
			s.last_day FROM client_segments s`)
		if search.cond != "" {
			b.WriteString(" JOIN clients c ON c.client_id = s.client_id")
		}
		b.WriteString(" WHERE s.code = ?")
		args = o.writeCursor(b, append(args, code))
		if search.cond != "" {
			b.WriteString(" AND " + search.cond)
			args = append(args, search.args...)
		}
		b.WriteString(" ORDER BY " + o.by("s"))
		writeLimit(b, limit)
		fmt.Fprintf(b, ") AS p%d", i)
	}
	b.WriteString(") p LEFT JOIN clients c ON c.client_id = p.client_id ORDER BY " + o.by("p"))
	writeLimit(b, limit)
	return args
}

// writeByID writes the query of the few clients a search names: fetched by id and
// sorted. || ” keeps SQLite (which has no statistics here) from walking a code's
// index in the list's order and testing every client instead. It returns the query's
// parameters.
func (o listOrder) writeByID(b *strings.Builder, codes []string, search listSearch, limit int) []any {
	args := make([]any, 0, len(codes)+len(search.args)+2)
	fmt.Fprintf(b, "SELECT "+listColumns+" FROM client_segments s LEFT JOIN clients c ON c.client_id = s.client_id", "s")
	b.WriteString(" WHERE s.code || '' IN (?" + strings.Repeat(", ?", len(codes)-1) + ")")
	for _, c := range codes {
		args = append(args, c)
	}
	args = o.writeCursor(b, args)
	b.WriteString(" AND " + search.cond)
	args = append(args, search.args...)
	b.WriteString(" ORDER BY " + o.by("s"))
	writeLimit(b, limit)
	return args
}

// writeCursor writes the condition of the rows after the cursor, if any.
func (o listOrder) writeCursor(b *strings.Builder, args []any) []any {
	switch {
	case o.cur == nil:
		return args
	case o.col == "client_id":
		fmt.Fprintf(b, " AND s.client_id %s ?", o.cmp)
		return append(args, o.cur.ID)
	}
	// A row value, so that the index seeks straight to the cursor.
	fmt.Fprintf(b, " AND (s.%s, s.client_id) %s (?, ?)", o.col, o.cmp)
	return append(args, o.cur.Value, o.cur.ID)
}

func writeLimit(b *strings.Builder, limit int) {
	if limit > 0 {
		fmt.Fprintf(b, " LIMIT %d", limit)
	}
}

// listOrder is a list's order as SQL: the column, its direction and where the cursor is.
type listOrder struct {
	col, dir, cmp string
	cur           *cursor
}

func orderOf(f ClientFilter) (listOrder, error) {
	o := listOrder{col: SortColumns[f.Sort], dir: "ASC", cmp: ">"}
	if o.col == "" {
		return o, fmt.Errorf("mirror: sort %q", f.Sort)
	}
	if f.Desc != (f.Sort == "recency") {
		o.dir, o.cmp = "DESC", "<"
	}
	if f.After != "" {
		c, err := decodeCursor(f.After)
		if err != nil {
			return o, err
		}
		o.cur = &c
	}
	return o, nil
}

// by is the ORDER BY of the rows of alias: the column, then the client id in the same
// direction, so that one index serves both directions.
func (o listOrder) by(alias string) string {
	if o.col == "client_id" {
		return alias + ".client_id " + o.dir
	}
	return fmt.Sprintf("%s.%s %s, %s.client_id %s", alias, o.col, o.dir, alias, o.dir)
}

// codesOf lists the codes of a segment: the code itself, or a cell's three.
func codesOf(segment string) []string {
	if len(segment) == 3 {
		return []string{segment}
	}
	return []string{segment + "1", segment + "2", segment + "3"}
}

// ErrBadCursor means the after= value was not one this service gave out.
var ErrBadCursor = fmt.Errorf("mirror: bad cursor")

func decodeCursor(s string) (cursor, error) {
	var c cursor
	data, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(data, &c) != nil || c.ID == "" {
		return c, ErrBadCursor
	}
	return c, nil
}

func sortValue(c *ClientSegment, sort string) int64 {
	switch sort {
	case "purchases":
		return int64(c.Purchases)
	case "recency", "last_purchase":
		return int64(c.LastDay)
	case "monetary":
		return c.MonetaryKop
	}
	return 0
}
