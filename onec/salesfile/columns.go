package salesfile

import (
	"fmt"
	"sort"
	"strings"
)

// Roles: the keys of Options.Columns, each naming what a column holds.
const (
	RoleClient       = "client"        // client GUID, required
	RoleDocument     = "document"      // recorder document GUID, required
	RoleDate         = "date"          // line date, required
	RoleAmount       = "amount"        // net amount; required unless quantity and price are given
	RoleQuantity     = "quantity"      // quantity; with price it gives the amount
	RolePrice        = "price"         // unit price, used only without an amount column
	RoleDiscount     = "discount"      // discount amount, optional
	RoleClientName   = "client_name"   // client name, optional
	RoleDocumentType = "document_type" // document type, optional
)

// role indexes the per-role arrays below.
type role int

const (
	roleClient role = iota
	roleDocument
	roleDate
	roleAmount
	roleQuantity
	rolePrice
	roleDiscount
	roleClientName
	roleDocumentType
	numRoles
)

var roleNames = [numRoles]string{
	RoleClient, RoleDocument, RoleDate, RoleAmount, RoleQuantity,
	RolePrice, RoleDiscount, RoleClientName, RoleDocumentType,
}

var defaultHeaders = [numRoles]string{
	"client_id", "document_id", "date", "amount", "quantity",
	"price", "discount", "client_name", "document_type",
}

// columns maps roles to the fields of a row.
type columns struct {
	index     [numRoles]int    // field index per role; -1 when the role is not read
	header    [numRoles]string // the header of each role's column, as the file spells it
	need      int              // fields a row must have for every role read
	useAmount bool             // the amount column is read; else amount = quantity × price
}

func roleOf(name string) (role, bool) {
	for r, n := range roleNames {
		if n == name {
			return role(r), true
		}
	}
	return 0, false
}

func validateRoles(m map[string]string) error {
	for name, header := range m {
		if _, ok := roleOf(name); !ok {
			return fmt.Errorf("salesfile: unknown column role %q: use one of %s", name, strings.Join(roleNames[:], ", "))
		}
		if strings.TrimSpace(header) == "" {
			return fmt.Errorf("salesfile: empty header for column role %q", name)
		}
	}
	return nil
}

// resolveColumns finds each role's column in the header row.
func resolveColumns(headers []string, overrides map[string]string) (columns, error) {
	names := defaultHeaders
	for name, h := range overrides {
		r, _ := roleOf(name)
		names[r] = strings.TrimSpace(h)
	}
	var c columns
	for r := range numRoles {
		c.index[r] = findHeader(headers, names[r])
		if c.index[r] >= 0 {
			c.header[r] = headers[c.index[r]]
		}
	}
	if err := c.check(names, headers, overrides); err != nil {
		return c, err
	}
	c.need = c.maxIndex() + 1
	return c, nil
}

func findHeader(headers []string, name string) int {
	for i, h := range headers {
		if strings.EqualFold(strings.TrimSpace(h), name) {
			return i
		}
	}
	return -1
}

// check demands the required roles and every role the caller named explicitly.
func (c *columns) check(names [numRoles]string, headers []string, overrides map[string]string) error {
	keys := make([]string, 0, len(overrides))
	for name := range overrides {
		keys = append(keys, name)
	}
	sort.Strings(keys)
	for _, name := range keys {
		if r, _ := roleOf(name); c.index[r] < 0 {
			return missingColumn(r, names[r], headers)
		}
	}
	for _, r := range []role{roleClient, roleDocument, roleDate} {
		if c.index[r] < 0 {
			return missingColumn(r, names[r], headers)
		}
	}
	return c.checkAmount(names, headers)
}

// checkAmount settles where amounts come from: the amount column wins over quantity × price.
func (c *columns) checkAmount(names [numRoles]string, headers []string) error {
	switch {
	case c.index[roleAmount] >= 0:
		c.useAmount = true
		c.index[rolePrice] = -1
		return nil
	case c.index[roleQuantity] >= 0 && c.index[rolePrice] >= 0:
		return nil
	}
	return fmt.Errorf("no column %q for %s, nor both %q and %q for quantity × price; the header has %s; use --col amount=HEADER or --col quantity=HEADER --col price=HEADER",
		names[roleAmount], RoleAmount, names[roleQuantity], names[rolePrice], quoteList(headers))
}

func missingColumn(r role, name string, headers []string) error {
	return fmt.Errorf("no column %q for %s; the header has %s; use --col %s=HEADER",
		name, roleNames[r], quoteList(headers), roleNames[r])
}

func quoteList(items []string) string {
	if len(items) == 0 {
		return "nothing"
	}
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

func (c *columns) maxIndex() int {
	m := -1
	for _, i := range c.index {
		m = max(m, i)
	}
	return m
}

// beyond returns the read role whose column comes first among those at index n or later:
// the column a short row lacks.
func (c *columns) beyond(n int) role {
	best := roleClient
	for r, i := range c.index {
		if i >= n && (c.index[best] < n || i < c.index[best]) {
			best = role(r)
		}
	}
	return best
}
