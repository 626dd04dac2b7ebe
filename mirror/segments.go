package mirror

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/onec"
)

// ClientSegment is a client's current place in the matrix with the catalog's details.
type ClientSegment struct {
	ClientID    string `db:"client_id"`
	Name        string `db:"name"`
	INN         string `db:"inn"`
	Email       string `db:"email"`
	Phone       string `db:"phone"`
	Code        string `db:"code"`
	Purchases   int    `db:"purchases"`
	MonetaryKop int64  `db:"monetary_kop"`
	FirstDay    int32  `db:"first_day"`
	LastDay     int32  `db:"last_day"`
	AsOf        int32  `db:"-"` // the day the code is as of: the matrix's, or a later purchase's
	Recency     int    `db:"-"` // days from the last purchase to AsOf
}

// resultDay tells ClientSegments their as-of day and recency. A result is stored only
// when it changes, so neither is a column: every result is as of the current matrix's
// day, except one pushed since, which is as of its last purchase at the latest.
type resultDay lifecycle.Day

func (s *Store) resultDay(ctx context.Context) (resultDay, error) {
	m, _, err := s.CurrentMatrix(ctx)
	return resultDay(m.AsOf), err
}

func (d resultDay) age(c *ClientSegment) {
	c.AsOf = max(int32(d), c.LastDay)
	c.Recency = int(c.AsOf - c.LastDay)
}

// ErrNotFound means no such client has a segment.
var ErrNotFound = errors.New("mirror: not found")

// FindClient returns a client's segment; GUIDs match in any case, as in 1C.
func (s *Store) FindClient(ctx context.Context, id string) (ClientSegment, error) {
	if len(id) == len("00000000-0000-0000-0000-000000000000") {
		id = strings.ToLower(id) // the mirror keeps GUIDs in 1C's lower case
	}
	var c ClientSegment
	st, err := s.db.Stmt(ctx, s.q.FindClient)
	if err != nil {
		return c, err
	}
	err = st.GetContext(ctx, &c, id)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	if err != nil {
		return c, fmt.Errorf("mirror: find client %s: %w", id, err)
	}
	day, err := s.resultDay(ctx)
	day.age(&c)
	return c, err
}

// CodeTotal is the clients and money in one code of the current results.
type CodeTotal struct {
	Code        string `db:"code"`
	Clients     int    `db:"clients"`
	MonetaryKop int64  `db:"monetary_kop"`
}

// SegmentTotals sums the current results by code; codes without clients are absent.
func (s *Store) SegmentTotals(ctx context.Context) ([]CodeTotal, error) {
	var out []CodeTotal
	if err := s.db.SelectContext(ctx, &out, s.q.SegmentTotals); err != nil {
		return nil, fmt.Errorf("mirror: segment totals: %w", err)
	}
	return out, nil
}

// ClientLookup finds clients by what an operator has at hand: INN, e-mail or phone.
type ClientLookup struct {
	INN, Email, Phone string
}

// findLimit caps FindClients: a lookup is for finding a client, not a list.
const findLimit = 20

// FindClients returns the clients with a segment matching any field given, at most 20,
// by client id. Each field is its own indexed lookup (statements prepared once); the
// answers are merged here.
func (s *Store) FindClients(ctx context.Context, l ClientLookup) ([]ClientSegment, error) {
	var out []ClientSegment
	for _, by := range []struct{ query, value string }{
		{s.q.FindClientByINN, strings.TrimSpace(l.INN)},
		{s.q.FindClientByEmail, strings.ToLower(strings.TrimSpace(l.Email))},
		{s.q.FindClientByPhone, PhoneDigits(l.Phone)},
	} {
		if by.value == "" {
			continue // an empty field would match every client without one
		}
		st, err := s.db.Stmt(ctx, by.query)
		if err != nil {
			return nil, err
		}
		var found []ClientSegment
		if err := st.SelectContext(ctx, &found, by.value); err != nil {
			return nil, fmt.Errorf("mirror: find clients: %w", err)
		}
		out = append(out, found...)
	}
	slices.SortFunc(out, func(a, b ClientSegment) int { return strings.Compare(a.ClientID, b.ClientID) })
	out = slices.CompactFunc(out, func(a, b ClientSegment) bool { return a.ClientID == b.ClientID })
	out = out[:min(len(out), findLimit)]
	day, err := s.resultDay(ctx)
	for i := range out {
		day.age(&out[i])
	}
	return out, err
}

// Change is one move of a client between codes; "" is outside the matrix.
type Change struct {
	Day  int32  `db:"day"`
	From string `db:"from_code"`
	To   string `db:"to_code"`
}

// History returns a client's last 50 moves, newest first.
func (s *Store) History(ctx context.Context, id string) ([]Change, error) {
	out := []Change{}
	st, err := s.db.Stmt(ctx, s.q.ClientHistory)
	if err != nil {
		return nil, err
	}
	if err := st.SelectContext(ctx, &out, onec.NormalizeRef(id)); err != nil {
		return nil, fmt.Errorf("mirror: history of %s: %w", id, err)
	}
	return out, nil
}
