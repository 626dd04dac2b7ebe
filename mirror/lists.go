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
	Code  string // a full code "311", or a cell "31" for its three codes
	Sort  string // one of SortColumns' keys
	Desc  bool
	After string // the cursor of the previous page, "" for the first
	Limit int
}

// SortColumns are the orders a client list can take, by the API's name.
var SortColumns = map[string]string{
	"monetary":      "s.monetary_kop",
	"purchases":     "s.purchases",
	"recency":       "s.recency_days",
	"last_purchase": "s.last_day",
	"client_id":     "s.client_id",
}

// cursor is where a page ended: the sort value and the client id that breaks ties.
type cursor struct {
	Value int64  `json:"v"`
	ID    string `json:"id"`
}

// ListClients returns one page of a segment's clients and the cursor of the next page
// ("" after the last). Paging is by keyset, so a deep page costs what the first does.
func (s *Store) ListClients(ctx context.Context, f ClientFilter) ([]ClientSegment, string, error) {
	query, args, err := s.listQuery(f, f.Limit+1)
	if err != nil {
		return nil, "", err
	}
	var rows []ClientSegment
	if err := s.db.SelectContext(ctx, &rows, query, args...); err != nil {
		return nil, "", fmt.Errorf("mirror: list clients of %s: %w", f.Code, err)
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
	query, args, err := s.listQuery(f, 0)
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
		if err := fn(&c); err != nil {
			return err
		}
	}
	return rows.Err()
}

// listQuery builds the list's SQL: the one dynamic query of the mirror, since the
// order and the cursor vary.
func (s *Store) listQuery(f ClientFilter, limit int) (string, []any, error) {
	col, ok := SortColumns[f.Sort]
	if !ok {
		return "", nil, fmt.Errorf("mirror: sort %q", f.Sort)
	}
	var b strings.Builder
	b.WriteString(`SELECT s.client_id, coalesce(c.name, '') AS name, coalesce(c.inn, '') AS inn, coalesce(c.email, '') AS email,
		coalesce(c.phone, '') AS phone, s.as_of, s.code, s.purchases, s.monetary_kop, s.first_day, s.last_day, s.recency_days
		FROM client_segments s LEFT JOIN clients c ON c.client_id = s.client_id WHERE `)
	args := []any{}
	if len(f.Code) == 3 {
		b.WriteString("s.code = ?")
		args = append(args, f.Code)
	} else {
		b.WriteString("s.code LIKE ?")
		args = append(args, f.Code+"_")
	}
	dir, cmp := "ASC", ">"
	if f.Desc {
		dir, cmp = "DESC", "<"
	}
	if f.After != "" {
		cur, err := decodeCursor(f.After)
		if err != nil {
			return "", nil, err
		}
		if f.Sort == "client_id" {
			fmt.Fprintf(&b, " AND s.client_id %s ?", cmp)
			args = append(args, cur.ID)
		} else {
			fmt.Fprintf(&b, " AND (%s %s ? OR (%s = ? AND s.client_id > ?))", col, cmp, col)
			args = append(args, cur.Value, cur.Value, cur.ID)
		}
	}
	if f.Sort == "client_id" {
		fmt.Fprintf(&b, " ORDER BY s.client_id %s", dir)
	} else {
		fmt.Fprintf(&b, " ORDER BY %s %s, s.client_id ASC", col, dir)
	}
	if limit > 0 {
		fmt.Fprintf(&b, " LIMIT %d", limit)
	}
	return s.db.Rebind(b.String()), args, nil
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
	case "recency":
		return int64(c.Recency)
	case "last_purchase":
		return int64(c.LastDay)
	case "monetary":
		return c.MonetaryKop
	}
	return 0
}
