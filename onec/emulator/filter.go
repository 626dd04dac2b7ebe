package emulator

import (
	"fmt"
	"github.com/rfm9/rfm9/onec"
	"math"
	"strconv"
	"strings"
	"time"
)

// op is a comparison of $filter.
type op uint8

// Comparisons, in the order of opNames.
const (
	opEq op = iota
	opNe
	opGt
	opGe
	opLt
	opLe
)

// opNames are the comparisons as $filter spells them.
var opNames = map[string]op{"eq": opEq, "ne": opNe, "gt": opGt, "ge": opGe, "lt": opLt, "le": opLe}

// cond is one comparison of a property with a literal.
type cond struct {
	p   *property
	op  op
	lit value
}

// filter is a conjunction of comparisons: the subset of $filter a sales reader
// needs. Real 1C also takes or, not and functions (substringof, year, cast…); the
// emulator answers those with code 14, so a reader that needs them is noticed.
type filter struct {
	conds []cond
}

// parseFilter parses $filter against the properties of et.
func parseFilter(s string, et *entityType) (*filter, error) {
	toks, err := lexFilter(s)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks, et: et}
	conds, err := p.expr()
	if err != nil {
		return nil, err
	}
	if t := p.next(); t.kind != tEOF {
		return nil, fmt.Errorf("лишнее '%s' (поддерживается только and)", t.text)
	}
	return &filter{conds: conds}, nil
}

// parser reads tokens left to right.
type parser struct {
	toks []token
	pos  int
	et   *entityType
}

// next consumes a token; past the end it keeps returning tEOF.
func (p *parser) next() token {
	t := p.toks[p.pos]
	if p.pos < len(p.toks)-1 {
		p.pos++
	}
	return t
}

// peekIdent tells whether the next token is the keyword w.
func (p *parser) peekIdent(w string) bool {
	t := p.toks[p.pos]
	return t.kind == tIdent && t.text == w
}

// expr is term {and term}.
func (p *parser) expr() ([]cond, error) {
	conds, err := p.term()
	for err == nil && p.peekIdent("and") {
		p.next()
		var more []cond
		more, err = p.term()
		conds = append(conds, more...)
	}
	return conds, err
}

// term is (expr) or property op literal.
func (p *parser) term() ([]cond, error) {
	t := p.next()
	switch {
	case t.kind == tLParen:
		conds, err := p.expr()
		if err == nil && p.next().kind != tRParen {
			err = fmt.Errorf("ожидается ')'")
		}
		return conds, err
	case t.kind != tIdent:
		return nil, fmt.Errorf("ожидается имя свойства, а не '%s'", t.text)
	case t.text == "not" || t.text == "or":
		return nil, fmt.Errorf("оператор '%s' эмулятором не поддерживается", t.text)
	case p.toks[p.pos].kind == tLParen:
		return nil, fmt.Errorf("функция '%s' эмулятором не поддерживается", t.text)
	}
	c, err := p.comparison(t.text)
	return []cond{c}, err
}

// comparison reads "op literal" after the property name.
func (p *parser) comparison(name string) (cond, error) {
	prop, ok := p.et.prop(name)
	if !ok {
		return cond{}, fmt.Errorf("свойство '%s' не найдено", name)
	}
	t := p.next()
	o, ok := opNames[t.text]
	if t.kind != tIdent || !ok {
		return cond{}, fmt.Errorf("ожидается оператор сравнения после '%s'", name)
	}
	lit, err := literal(p.next(), prop)
	return cond{p: prop, op: o, lit: lit}, err
}

// literal converts a literal token to a value of prop's type.
func literal(t token, prop *property) (value, error) {
	bad := fmt.Errorf("значение '%s' несовместимо с типом свойства '%s' (%s)", t.text, prop.name, edmNames[prop.typ])
	switch prop.typ {
	case edmGuid:
		if g, ok := onec.ParseGUID(t.text); ok && t.kind == tTyped && t.prefix == "guid" {
			return vGuid(g), nil
		}
	case edmString:
		if t.kind != tString {
			break
		}
		if !prop.guidText {
			return vString(t.text), nil
		}
		if g, ok := onec.ParseGUID(t.text); ok {
			return vText(g), nil
		}
	case edmDate:
		if t.kind == tTyped && t.prefix == "datetime" {
			return parseDatetime(t.text)
		}
	case edmBool:
		if t.kind == tIdent && (t.text == "true" || t.text == "false") {
			return vBool(t.text == "true"), nil
		}
	case edmInt64, edmDouble:
		return numberLiteral(t, prop, bad)
	}
	return value{}, bad
}

// numberLiteral reads a number for an Int64 or Double property.
func numberLiteral(t token, prop *property, bad error) (value, error) {
	if t.kind != tNumber {
		return value{}, bad
	}
	text := strings.TrimRight(t.text, "dDmMlLfF")
	if prop.typ == edmInt64 {
		i, err := strconv.ParseInt(text, 10, 64)
		if err != nil {
			return value{}, bad
		}
		return vInt(i), nil
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return value{}, bad
	}
	return vDouble(f), nil
}

// datetimeLayouts are the forms datetime'…' takes; the time is the base's local time.
var datetimeLayouts = []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02T15:04:05.999999999", "2006-01-02"}

// parseDatetime reads a datetime literal as wall seconds.
func parseDatetime(s string) (value, error) {
	for _, layout := range datetimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return vDate(t.Unix()), nil
		}
	}
	return value{}, fmt.Errorf("неправильная дата '%s'", s)
}

// match tells whether row h of t satisfies every comparison.
func (f *filter) match(t table, h int64) bool {
	if f == nil {
		return true
	}
	for i := range f.conds {
		c := &f.conds[i]
		if !c.op.holds(compareValues(t.value(h, c.p), c.lit)) {
			return false
		}
	}
	return true
}

// holds tells whether a comparison result satisfies the operator.
func (o op) holds(c int) bool {
	switch o {
	case opEq:
		return c == 0
	case opNe:
		return c != 0
	case opGt:
		return c > 0
	case opGe:
		return c >= 0
	case opLt:
		return c < 0
	}
	return c <= 0
}

// hint narrows the rows a table has to look at: the window of its date field and
// the ref it is asked for.
func (f *filter) hint() hint {
	h := anyRow
	if f == nil {
		return h
	}
	for _, c := range f.conds {
		switch {
		case c.p.field == fPeriod || c.p.field == fDate:
			h.from, h.to = narrow(h.from, h.to, c)
		case c.p.field == fRef && c.op != opNe:
			h.refs.add(c.op, c.lit.g)
		}
	}
	return h
}

// rest is the filter without the date comparisons the hint already applies: the
// tables with a date field scan exactly its window, so those need no second check.
func (f *filter) rest() *filter {
	if f == nil {
		return nil
	}
	r := &filter{}
	for _, c := range f.conds {
		if c.p.field != fPeriod && c.p.field != fDate {
			r.conds = append(r.conds, c)
		}
	}
	return r
}

// narrow applies one date comparison to the window [from, to) of whole seconds.
func narrow(from, to int64, c cond) (int64, int64) {
	x := c.lit.i
	switch c.op {
	case opEq:
		return max(from, x), min(to, x+1)
	case opGt:
		return max(from, x+1), to
	case opGe:
		return max(from, x), to
	case opLt:
		return from, min(to, x)
	case opLe:
		return from, min(to, x+1)
	}
	return from, to
}
