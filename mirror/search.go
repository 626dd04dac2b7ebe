package mirror

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/rfm9/rfm9/onec"
)

// listSearch is a list's search as SQL: a condition on a client's segment row (s) or,
// for a name walked along the list's index, its catalog row (c). byID says the
// condition names a few clients, fetched by id and sorted, rather than walked.
type listSearch struct {
	cond string
	args []any
	byID bool
	none bool // nobody matches: there is nothing to read
}

// nameLookupMax is how many clients a name may match in the whole catalog to be
// fetched by id: finding them reads the catalog once (0.3–0.5 s at 1M clients), which
// bounds a rare name's search. A commoner name (over 2% of clients) is matched row by
// row as the list walks its index, where it fills a page within some 15,000 rows. A
// variable so that tests can take either way.
var nameLookupMax = 20_000

// searchFor turns what a user typed into a search: a GUID is the client, text with @
// an e-mail, seven or more digits with only phone punctuation an INN or a phone (by its
// last ten digits), all through the catalog's indexes; anything else is a part of the
// name, in any case, ё as е.
func (s *Store) searchFor(ctx context.Context, q string) (listSearch, error) {
	q = strings.TrimSpace(q)
	digits := PhoneDigits(q)
	switch {
	case q == "":
		return listSearch{}, nil
	case len(q) == 36 && strings.Count(q, "-") == 4:
		return listSearch{cond: "s.client_id = ?", args: []any{onec.NormalizeRef(q)}, byID: true}, nil
	case strings.Contains(q, "@"):
		return listSearch{cond: "s.client_id IN (SELECT client_id FROM clients WHERE lower(email) = ?)",
			args: []any{strings.ToLower(q)}, byID: true}, nil
	case len(digits) >= 7 && utf8.RuneCountInString(strings.Trim(q, "+-() 0123456789")) == 0:
		inn := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, q)
		return listSearch{cond: "s.client_id IN (SELECT client_id FROM clients WHERE inn = ? OR phone_digits = ?)",
			args: []any{inn, digits}, byID: true}, nil
	}
	return s.nameSearch(ctx, q)
}

// nameSearch looks a part of a name up in the catalog: a rare one becomes the list of
// its clients, a common one a condition checked row by row.
func (s *Store) nameSearch(ctx context.Context, q string) (listSearch, error) {
	like := "%" + likeEscaper.Replace(nameKey(q)) + "%"
	var ids []string
	if err := s.db.SelectContext(ctx, &ids, s.q.ClientsByName, like, nameLookupMax+1); err != nil {
		return listSearch{}, fmt.Errorf("mirror: search %q: %w", q, err)
	}
	if len(ids) > nameLookupMax {
		return listSearch{cond: `c.name_key LIKE ? ESCAPE '\'`, args: []any{like}}, nil
	}
	if len(ids) == 0 {
		return listSearch{none: true}, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return listSearch{cond: "s.client_id IN (?" + strings.Repeat(", ?", len(ids)-1) + ")", args: args, byID: true}, nil
}

// likeEscaper makes LIKE's wildcards in a search literal.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
