package odata

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"time"
)

// Report is what `rfm9 check-1c` shows: for each entity set and field the mapping
// names, whether the base publishes it, the closest names when it does not, and
// what a test read of each published entity answered.
type Report struct {
	BaseURL  string        `json:"base_url"`
	Preset   string        `json:"preset,omitempty"`
	Entities []EntityCheck `json:"entities"`
}

// EntityCheck is one mapped entity set.
type EntityCheck struct {
	Role    string       `json:"role"` // register, client_via, clients or contact_info
	Name    string       `json:"name"`
	Found   bool         `json:"found"`
	Closest []string     `json:"closest,omitempty"`
	Problem *Error       `json:"problem,omitempty"` // what reading one record answered, when it failed
	Fields  []FieldCheck `json:"fields,omitempty"`
}

// FieldCheck is one mapped field of an entity set.
type FieldCheck struct {
	Role     string   `json:"role"` // the mapping key: period, amount, discounts[0], fields.city…
	Name     string   `json:"name"`
	Found    bool     `json:"found"`
	Optional bool     `json:"optional,omitempty"` // read when present, not needed
	Closest  []string `json:"closest,omitempty"`
}

// OK tells whether everything required is published and readable.
func (r Report) OK() bool { return r.Problems() == 0 }

// Problems counts missing entities and required fields, and failed test reads.
func (r Report) Problems() int {
	n := 0
	for _, e := range r.Entities {
		if !e.Found || e.Problem != nil {
			n++
		}
		for _, f := range e.Fields {
			if !f.Found && !f.Optional {
				n++
			}
		}
	}
	return n
}

// metadataTimeout is generous: a real УТ 11 takes ~23 s for its ~17 MB $metadata.
func (r *Reader) metadataTimeout() time.Duration {
	return max(5*r.cfg.Timeout, 3*time.Minute)
}

// Check reads $metadata once and checks the mapping against it, then reads one
// record of each published entity to see that the user may. It fails only when
// $metadata itself cannot be read.
func (r *Reader) Check(ctx context.Context) (Report, error) {
	plan := r.checkPlan()
	want := make(map[string]bool)
	for _, e := range plan {
		want[e.Name] = true
	}
	var s *schema
	req := request{entity: "$metadata", what: "read $metadata", q: &query{entity: "$metadata"},
		accept: "application/xml", timeout: r.metadataTimeout()}
	err := r.fetch(ctx, req, func(body io.Reader) (err error) {
		s, err = parseMetadata(body, want)
		return err
	})
	if err != nil {
		return Report{}, err
	}
	rep := Report{BaseURL: r.base, Preset: r.cfg.Mapping.Preset}
	for _, e := range plan {
		e = s.check(e)
		if e.Found {
			e.Problem, err = r.probe(ctx, e.Name)
			if err != nil {
				return rep, err
			}
		}
		rep.Entities = append(rep.Entities, e)
	}
	return rep, nil
}

// check fills in what the schema says about one planned entity.
func (s *schema) check(e EntityCheck) EntityCheck {
	if _, e.Found = s.sets[e.Name]; !e.Found {
		e.Closest = closest(e.Name, s.names)
		return e
	}
	props, ok := s.properties(e.Name)
	if !ok {
		return e // a type named unlike its set: fields cannot be checked
	}
	for i, f := range e.Fields {
		if f.Found = contains(props, f.Name); !f.Found {
			f.Closest = closest(f.Name, props)
		}
		e.Fields[i] = f
	}
	return e
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// probe reads one record; a refusal from 1C is the report's business, a
// network failure the caller's.
func (r *Reader) probe(ctx context.Context, entity string) (*Error, error) {
	rd := &reading{dec: newDecoder(newFieldSet())}
	err := r.readPage(ctx, r.jsonRequest("read one record of "+entity, list(entity, nil, "", "", 1, 0)), rd, 1)
	var e *Error
	if errors.As(err, &e) {
		return e, nil
	}
	return nil, err
}

// checkPlan lists the entity sets and fields the mapping names, by role.
func (r *Reader) checkPlan() []EntityCheck {
	m := r.cfg.Mapping
	reg := m.Register
	plan := []EntityCheck{{Role: "register", Name: reg.Entity, Fields: fieldChecks(
		"period", reg.Period, "active", reg.Active, "document", reg.Document,
		"document_type", reg.DocumentType, "client", reg.Client, "amount", reg.Amount,
		"amount_full", reg.AmountFull, "quantity", reg.Quantity, "storno", reg.Storno,
		"manager", reg.Manager)}}
	for i, d := range reg.Discounts {
		plan[0].Fields = append(plan[0].Fields, FieldCheck{Role: fmt.Sprintf("discounts[%d]", i), Name: d})
	}
	if v := reg.ClientVia; v != nil {
		plan = append(plan, EntityCheck{Role: "client_via", Name: v.Entity, Fields: fieldChecks("client_via.field", v.Field)})
	}
	cm := m.Clients
	clients := EntityCheck{Role: "clients", Name: cm.Entity, Fields: fieldChecks(
		"name", cm.Name, "inn", cm.INN, "manager", cm.Manager)}
	keys := make([]string, 0, len(cm.Fields))
	for k := range cm.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		clients.Fields = append(clients.Fields, FieldCheck{Role: "fields." + k, Name: cm.Fields[k]})
	}
	plan = append(plan, clients)
	if cm.ContactInfo != "" {
		plan = append(plan, EntityCheck{Role: "contact_info", Name: cm.ContactInfo, Fields: []FieldCheck{
			{Role: "kind", Name: colKind}, {Role: "presentation", Name: colPresents},
			{Role: "email", Name: colEmail, Optional: true}, {Role: "phone", Name: colPhone, Optional: true},
		}})
	}
	return plan
}

// fieldChecks pairs roles with names, leaving out unmapped ones.
func fieldChecks(pairs ...string) []FieldCheck {
	var out []FieldCheck
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] != "" {
			out = append(out, FieldCheck{Role: pairs[i], Name: pairs[i+1]})
		}
	}
	return out
}
