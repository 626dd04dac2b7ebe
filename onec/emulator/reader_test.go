package emulator

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/onec/demo"
)

// docTotal is what a reader keeps of one document: its client, type, date and sums.
type docTotal struct {
	client   string
	typ      string
	period   string
	amount   int64 // kopecks
	quantity int64 // thousandths
	discount int64 // kopecks
	lines    int
}

// expected sums demo.Generate per document, the truth the emulator must serve.
func expected(t testing.TB, o demo.Options, from, to time.Time) map[string]*docTotal {
	t.Helper()
	docs := map[string]*docTotal{}
	err := demo.Generate(o, func(s onec.Sale) error {
		if s.Period.Before(from) || !s.Period.Before(to) {
			return nil
		}
		d := docs[s.DocumentID]
		if d == nil {
			d = &docTotal{client: s.ClientID, typ: s.DocumentType, period: s.Period.Format("2006-01-02T15:04:05")}
			docs[s.DocumentID] = d
		}
		d.amount += s.Amount
		d.quantity += s.Quantity
		d.discount += s.Discount
		d.lines++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// expectedFor is expected as a reader of mapping m can see it: a register with no
// discount field (УНФ, БП) shows none.
func expectedFor(t testing.TB, m onec.Mapping, from, to time.Time) map[string]*docTotal {
	docs := expected(t, smallDemo, from, to)
	for _, d := range docs {
		if len(m.Register.Discounts) == 0 && m.Register.AmountFull == "" {
			d.discount = 0
		}
		if m.Register.DocumentType == "" {
			d.typ = ""
		}
	}
	return docs
}

// reader reads the register of a preset the way the OData reader is meant to.
type reader struct {
	s    *server
	m    onec.Mapping
	keys map[string]string // analytics key → partner, for client_via
	rows int               // register rows read, inactive and anonymous included
}

// newReader resolves the analytics keys when the mapping goes through them.
func newReader(t testing.TB, s *server, m onec.Mapping) *reader {
	r := &reader{s: s, m: m}
	if v := m.Register.ClientVia; v != nil {
		r.keys = map[string]string{}
		code, body := s.get(t, v.Entity, "$select", "Ref_Key,"+v.Field)
		if code != 200 {
			t.Fatalf("keys: %d %s", code, body)
		}
		for _, row := range list(t, body) {
			r.keys[row["Ref_Key"].(string)] = row[v.Field].(string)
		}
	}
	return r
}

// window reads the documents dated in [from, to) in pages of page rows.
func (r *reader) window(t testing.TB, from, to time.Time, page int, docs map[string]*docTotal) {
	t.Helper()
	reg := r.m.Register
	filter := fmt.Sprintf("%s ge datetime'%s' and %s lt datetime'%s'", reg.Period, from.Format("2006-01-02T15:04:05"), reg.Period, to.Format("2006-01-02T15:04:05"))
	order := reg.Period + "," + reg.Document + ",LineNumber"
	for skip := 0; ; skip += page {
		code, body := r.s.get(t, reg.Entity, "$filter", filter, "$orderby", order, "$top", strconv.Itoa(page), "$skip", strconv.Itoa(skip))
		if code != 200 {
			t.Fatalf("window: %d %s", code, body)
		}
		rows := list(t, body)
		for _, row := range rows {
			r.add(t, row, docs)
		}
		if len(rows) < page {
			return
		}
	}
}

// add sums one register row into its document, skipping what 1C says not to count.
func (r *reader) add(t testing.TB, row map[string]any, docs map[string]*docTotal) {
	t.Helper()
	r.rows++
	reg := r.m.Register
	if row[reg.Active] != true {
		return
	}
	client := row[reg.Client].(string)
	if r.keys != nil && client != onec.EmptyRef {
		client = r.keys[client]
	}
	if client == onec.EmptyRef {
		return
	}
	id := row[reg.Document].(string)
	d := docs[id]
	if d == nil {
		typ, _ := row[reg.DocumentType].(string) // none with a single-typed Recorder_Key
		typ = strings.TrimPrefix(typ, "StandardODATA.")
		d = &docTotal{client: client, typ: typ, period: row[reg.Period].(string)}
		docs[id] = d
	}
	amount := scaled(t, row[reg.Amount], 2)
	d.amount += amount
	d.quantity += scaled(t, row[reg.Quantity], 3)
	d.discount += r.discount(t, row, amount)
	d.lines++
}

// discount is the line's discount: the sum of the discount fields, or the amount
// before discounts less the amount.
func (r *reader) discount(t testing.TB, row map[string]any, amount int64) int64 {
	reg := r.m.Register
	var sum int64
	for _, f := range reg.Discounts {
		sum += scaled(t, row[f], 2)
	}
	if reg.AmountFull != "" {
		sum += scaled(t, row[reg.AmountFull], 2) - amount
	}
	return sum
}

// scaled reads a JSON number's text as an integer of 10^-places units, rounding
// half away from zero, so that 731.9399999999999 reads as 73194 kopecks.
func scaled(t testing.TB, v any, places int) int64 {
	t.Helper()
	n, ok := v.(json.Number)
	if !ok {
		t.Fatalf("%v (%T) is not a number", v, v)
	}
	s := string(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	frac += strings.Repeat("0", places+1)
	x, err := strconv.ParseInt(whole+frac[:places], 10, 64)
	if err != nil {
		t.Fatalf("number %q: %v", n, err)
	}
	if frac[places] >= '5' {
		x++
	}
	if neg {
		x = -x
	}
	return x
}

// compareDocs reports the first differences between what was read and the truth.
func compareDocs(t testing.TB, got, want map[string]*docTotal) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("read %d documents, want %d", len(got), len(want))
	}
	bad := 0
	for id, w := range want {
		g := got[id]
		if g == nil || *g != *w {
			if bad++; bad <= 5 {
				t.Errorf("document %s: got %+v, want %+v", id, g, w)
			}
		}
	}
}
