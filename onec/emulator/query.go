package emulator

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// options are the raw query options of a request.
type options map[string]string

// parseOptions splits the raw query. Values are unescaped as a path is: a '+' stays
// a '+', as 1C reads it, so a client that sends '+' for a space gets 1C's parse
// error instead of a lenient answer (ONEC.md: spaces as %20, never +).
func parseOptions(raw string) (options, error) {
	o := options{}
	for part := range strings.SplitSeq(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		key, err1 := url.PathUnescape(k)
		val, err2 := url.PathUnescape(v)
		if err1 != nil || err2 != nil {
			return nil, errQuery(k, "неправильное URL-кодирование")
		}
		o[key] = val
	}
	return o, nil
}

// orderTerm is one key of $orderby.
type orderTerm struct {
	p    *property
	desc bool
}

// query is a list request bound to an entity set.
type query struct {
	filter  *filter
	hint    hint    // what the filter says about the rows a table indexes
	rest    *filter // the comparisons left to check on each row
	top     int64   // -1: all
	skip    int64
	order   []orderTerm
	natural bool // the order is the set's stored order (or none): stream, no sort
	reverse bool // the stored order, backwards
	sel     []bool
	inline  bool // $inlinecount=allpages
}

// bindQuery checks the options against the set's properties.
func bindQuery(o options, et *entityType) (*query, error) {
	q := &query{top: -1}
	var err error
	if s, ok := o["$filter"]; ok {
		if q.filter, err = parseFilter(s, et); err != nil {
			return nil, errFilter(err.Error())
		}
	}
	q.hint, q.rest = q.filter.hint(), q.filter.rest()
	if q.top, err = count(o, "$top", -1); err != nil {
		return nil, err
	}
	if q.skip, err = count(o, "$skip", 0); err != nil {
		return nil, err
	}
	if err = q.bindOrder(o["$orderby"], et); err != nil {
		return nil, err
	}
	if q.sel, err = bindSelect(o["$select"], et); err != nil {
		return nil, err
	}
	return q, q.bindInline(o["$inlinecount"])
}

// count reads a non-negative integer option.
func count(o options, name string, def int64) (int64, error) {
	s, ok := o[name]
	if !ok {
		return def, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, errQuery(name, fmt.Sprintf("ожидается неотрицательное целое, а не '%s'", s))
	}
	return n, nil
}

// bindInline reads $inlinecount; with allpages 1C ignores $top and $skip.
func (q *query) bindInline(s string) error {
	switch s {
	case "", "none":
	case "allpages":
		q.inline, q.top, q.skip = true, -1, 0
	default:
		return errQuery("$inlinecount", fmt.Sprintf("неизвестное значение '%s'", s))
	}
	return nil
}

// bindOrder reads $orderby: comma-separated properties, each asc or desc.
func (q *query) bindOrder(s string, et *entityType) error {
	q.natural = true
	if strings.TrimSpace(s) == "" {
		return nil
	}
	for item := range strings.SplitSeq(s, ",") {
		f := strings.Fields(item)
		if len(f) == 0 || len(f) > 2 || len(f) == 2 && f[1] != "asc" && f[1] != "desc" {
			return errQuery("$orderby", fmt.Sprintf("неправильный элемент '%s'", item))
		}
		p, ok := et.prop(f[0])
		if !ok || p.typ == edmRows {
			return errQuery("$orderby", fmt.Sprintf("свойство '%s' не найдено", f[0]))
		}
		q.order = append(q.order, orderTerm{p: p, desc: len(f) == 2 && f[1] == "desc"})
	}
	q.natural, q.reverse = naturalOrder(q.order, et.natural)
	return nil
}

// naturalOrder tells whether the terms are a prefix of the set's stored order, all
// ascending or all descending, so the rows can stream without a sort.
func naturalOrder(terms []orderTerm, natural [][]string) (ok, reverse bool) {
	if len(terms) > len(natural) {
		return false, false
	}
	for i, t := range terms {
		if !slices.Contains(natural[i], t.p.name) || t.desc != terms[0].desc {
			return false, false
		}
	}
	return true, terms[0].desc
}

// bindSelect reads $select into a mask over the properties; nil selects all.
func bindSelect(s string, et *entityType) ([]bool, error) {
	if strings.TrimSpace(s) == "" || strings.TrimSpace(s) == "*" {
		return nil, nil
	}
	sel := make([]bool, len(et.props))
	for name := range strings.SplitSeq(s, ",") {
		i, ok := et.index[strings.TrimSpace(name)]
		if !ok {
			return nil, errQuery("$select", fmt.Sprintf("свойство '%s' не найдено", strings.TrimSpace(name)))
		}
		sel[i] = true
	}
	return sel, nil
}

// compare orders rows of t by the $orderby terms.
func (q *query) compare(t table) func(a, b int64) int {
	return func(a, b int64) int {
		for _, o := range q.order {
			c := compareValues(t.value(a, o.p), t.value(b, o.p))
			if o.desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return 0
	}
}

// each calls fn with the rows the query selects, in its order, after $skip and up
// to $top, until fn returns false.
func (q *query) each(t table, fn func(int64) bool) {
	skip, top := q.skip, q.top
	emit := func(h int64) bool {
		if skip > 0 {
			skip--
			return true
		}
		if top == 0 {
			return false
		}
		if top > 0 {
			top--
		}
		return fn(h)
	}
	if q.natural {
		t.scan(q.hint, q.reverse, func(h int64) bool {
			return !q.rest.match(t, h) || emit(h)
		})
		return
	}
	var rows []int64
	t.scan(q.hint, false, func(h int64) bool {
		if q.rest.match(t, h) {
			rows = append(rows, h)
		}
		return true
	})
	slices.SortStableFunc(rows, q.compare(t))
	for _, h := range rows {
		if !emit(h) {
			return
		}
	}
}

// total counts the rows the filter selects, ignoring $top and $skip.
func (q *query) total(t table) int64 {
	var n int64
	t.scan(q.hint, false, func(h int64) bool {
		if q.rest.match(t, h) {
			n++
		}
		return true
	})
	return n
}
