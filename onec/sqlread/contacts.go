package sqlread

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"
)

// contactKind is what a contact information line holds, as far as campaigns care.
type contactKind uint8

const (
	contactOther contactKind = iota
	contactEmail
	contactPhone
)

// Values of ТипыКонтактнойИнформации that campaigns use.
const (
	enumEmail = "АдресЭлектроннойПочты"
	enumPhone = "Телефон"
)

// contactKinds reads the refs of the contact information types (a handful of rows)
// and tells which are e-mail and phone, by their order in the enumeration.
func (r *Reader) contactKinds(ctx context.Context) (map[string]contactKind, error) {
	if r.m.Contacts == nil {
		return nil, nil
	}
	values := r.m.Contacts.Types.Values
	kinds := map[string]contactKind{}
	err := r.inTx(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		rows, err := tx.QueryContext(ctx, r.q.ContactTypes)
		if err != nil {
			return err
		}
		defer rows.Close()
		var ref sql.RawBytes
		var order int
		for rows.Next() {
			if err := rows.Scan(&ref, &order); err != nil {
				return err
			}
			if order >= 0 && order < len(values) {
				kinds[string(ref)] = kindOf(values[order])
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("sqlread: read %s: %w", r.m.Contacts.Types.Meta, err)
	}
	return kinds, nil
}

func kindOf(value string) contactKind {
	switch value {
	case enumEmail:
		return contactEmail
	case enumPhone:
		return contactPhone
	}
	return contactOther
}

// readContacts fills in the e-mail and phone of the page's clients, whose refs end
// at last: the first line of each kind wins, as lines come in 1C's order.
func (pg *clientPager) readContacts(ctx context.Context, tx *sqlx.Tx, last []byte) error {
	if pg.r.m.Contacts == nil {
		return nil
	}
	rows, err := tx.QueryContext(ctx, pg.r.q.Contacts, pg.after, last)
	if err != nil {
		return err
	}
	defer rows.Close()
	var owner, typ sql.RawBytes
	var presentation, email string
	for rows.Next() {
		if err := rows.Scan(&owner, &typ, &presentation, &email); err != nil {
			return err
		}
		i, ok := pg.index[string(owner)]
		if !ok {
			continue // a group's or a deleted item's contacts
		}
		c := &pg.batch[i]
		switch pg.kinds[string(typ)] {
		case contactEmail:
			if c.Email == "" {
				c.Email = trim(cmp.Or(trim(email), presentation))
			}
		case contactPhone:
			if c.Phone == "" {
				c.Phone = trim(presentation)
			}
		}
	}
	return rows.Err()
}

// fieldText renders a template field read from the catalog: a ref as its GUID, a date
// as 1C writes it, a binary(1) boolean as true or false.
func fieldText(v any, ref bool, offset int) string {
	switch v := v.(type) {
	case nil:
		return ""
	case []byte:
		switch {
		case ref:
			return guid(v)
		case len(v) == 1 && v[0] <= 1:
			return strconv.FormatBool(v[0] == 1)
		}
		return trim(string(v))
	case string:
		return trim(v)
	case time.Time:
		return v.AddDate(-offset, 0, 0).Format(dateLayout)
	}
	return fmt.Sprint(v)
}
