package sqlread

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// register resolves the sales register.
func (rv *resolver) register() error {
	m := rv.m.Register
	names, err := tableNames(m.Entity)
	if err != nil {
		return fmt.Errorf("register.entity: %w", err)
	}
	t, u, err := rv.table("register.entity", names, purposeMain)
	if err != nil {
		return err
	}
	r := &rv.out.Register
	r.Table, r.Meta = t.Table, t.Name
	if r.DocType, r.DocRef, err = composite(t, u, "register.document", m.Document); err != nil {
		return err
	}
	if r.Client, err = ref(t, u, "register.client", m.Client); err != nil {
		return err
	}
	plains := []struct {
		dst      *string
		key, src string
	}{
		{&r.Period, "register.period", m.Period},
		{&r.Active, "register.active", cmp.Or(m.Active, "Active")},
		{&r.Amount, "register.amount", m.Amount},
		{&r.AmountFull, "register.amount_full", m.AmountFull},
		{&r.Quantity, "register.quantity", m.Quantity},
		{&r.Storno, "register.storno", m.Storno},
	}
	for _, p := range plains {
		if *p.dst, err = plain(t, u, p.key, p.src); err != nil {
			return err
		}
	}
	for _, d := range m.Discounts {
		col, err := plain(t, u, "register.discounts", d)
		if err != nil {
			return err
		}
		r.Discounts = append(r.Discounts, col)
	}
	return nil
}

// via resolves the catalog the register's client key points into.
func (rv *resolver) via() error {
	v := rv.m.Register.ClientVia
	if v == nil {
		return nil
	}
	names, err := tableNames(v.Entity)
	if err != nil {
		return fmt.Errorf("register.client_via.entity: %w", err)
	}
	t, u, err := rv.table("register.client_via.entity", names, purposeMain)
	if err != nil {
		return err
	}
	out := &ViaTable{Table: t.Table, Meta: t.Name, Ref: standard(t, u, "Ref", "_IDRRef")}
	if out.Client, err = ref(t, u, "register.client_via.field", v.Field); err != nil {
		return err
	}
	rv.out.Via = out
	return nil
}

// clients resolves the client catalog.
func (rv *resolver) clients() error {
	m := rv.m.Clients
	names, err := tableNames(m.Entity)
	if err != nil {
		return fmt.Errorf("clients.entity: %w", err)
	}
	t, u, err := rv.table("clients.entity", names, purposeMain)
	if err != nil {
		return err
	}
	c := &rv.out.Clients
	c.Table, c.Meta = t.Table, t.Name
	c.Ref = standard(t, u, "Ref", "_IDRRef")
	c.Marked = standard(t, u, "DeletionMark", "_Marked")
	// Only hierarchical catalogs have groups, and so the column.
	if cols := t.columns(fieldNames("IsFolder")); len(cols) == 1 {
		c.Folder = u.use(cols[0], "ЭтоГруппа")
	}
	if c.Name, err = plain(t, u, "clients.name", m.Name); err != nil {
		return err
	}
	if c.INN, err = plain(t, u, "clients.inn", m.INN); err != nil {
		return err
	}
	if m.Manager != "" {
		if c.Manager, err = ref(t, u, "clients.manager", m.Manager); err != nil {
			return err
		}
	}
	return rv.clientFields(t, u)
}

// clientFields resolves the template fields, in key order so the query text is stable.
func (rv *resolver) clientFields(t *Table, u *tableUse) error {
	keys := make([]string, 0, len(rv.m.Clients.Fields))
	for k := range rv.m.Clients.Fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		key := "clients.fields." + k
		names := fieldNames(rv.m.Clients.Fields[k])
		cols := t.columns(names)
		if len(cols) == 1 && hasSuffixFold(cols[0], "RRef") {
			rv.out.Clients.Fields = append(rv.out.Clients.Fields, ClientField{Key: k, Column: u.use(cols[0], names[0]), Ref: true})
			continue
		}
		col, err := plain(t, u, key, rv.m.Clients.Fields[k])
		if err != nil {
			return err
		}
		rv.out.Clients.Fields = append(rv.out.Clients.Fields, ClientField{Key: k, Column: col})
	}
	return nil
}

// contacts resolves the contact information section and the enumeration of its types.
func (rv *resolver) contacts() error {
	m := rv.m.Clients
	if m.ContactInfo == "" {
		return nil
	}
	names, err := sectionNames(m.Entity, m.ContactInfo)
	if err != nil {
		return fmt.Errorf("clients.contact_info: %w", err)
	}
	t, u, err := rv.table("clients.contact_info", names, purposeSection)
	if err != nil {
		return err
	}
	c := &ContactTable{Table: t.Table, Meta: t.Name}
	// The section's ref to its owner is often listed without a field name: it is
	// the owner's table name with _IDRRef (_Reference98_VT1530 → _Reference98_IDRRef).
	owner := t.Table
	if i := strings.LastIndex(owner, "_"); i > 0 {
		owner = owner[:i] + "_IDRRef"
	}
	c.Owner = standard(t, u, "Ref", owner)
	fields := []struct {
		dst      *string
		property string
	}{{&c.LineNo, "LineNumber"}, {&c.Presentation, "Представление"}}
	for _, f := range fields {
		if *f.dst, err = plain(t, u, "clients.contact_info", f.property); err != nil {
			return err
		}
	}
	if c.Type, err = ref(t, u, "clients.contact_info", "Тип"); err != nil {
		return err
	}
	if cols := t.columns([]string{"АдресЭП"}); len(cols) == 1 {
		c.Email = u.use(cols[0], "АдресЭП")
	}
	typeField, _ := t.field([]string{"Тип"})
	if c.Types, err = rv.contactTypes(typeField.Types); err != nil {
		return err
	}
	rv.out.Contacts = c
	return nil
}

// contactTypes resolves the enumeration the section's Тип field points to.
func (rv *resolver) contactTypes(types []string) (EnumTable, error) {
	names := append(slices.Clone(types), contactInfoTypes...)
	t := rv.s.findByMetadata(names)
	if t == nil {
		return EnumTable{}, fmt.Errorf("clients.contact_info: the structure file has no table for %s, the types of contact information", contactInfoTypes[0])
	}
	if len(t.Values) == 0 {
		return EnumTable{}, fmt.Errorf("clients.contact_info: %s (%s) lists no values in the structure file", t.Name, t.Table)
	}
	u := &tableUse{Table: t.Table, Meta: t.Name}
	rv.out.uses = append(rv.out.uses, u)
	return EnumTable{
		Table: t.Table, Meta: t.Name, Values: t.Values,
		Ref:   standard(t, u, "Ref", "_IDRRef"),
		Order: standard(t, u, "Order", "_EnumOrder"),
	}, nil
}
