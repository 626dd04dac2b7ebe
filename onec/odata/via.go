package odata

import (
	"context"
	"fmt"
	"time"

	"github.com/rfm9/rfm9/onec"
)

// viaTTL is how long a loaded via catalog serves: keys never change their
// client, but new ones appear as documents are posted.
const viaTTL = 15 * time.Minute

// viaCache is the client_via catalog, key → client, as last loaded.
type viaCache struct {
	m      map[string]string
	loaded time.Time
}

// viaMap returns the via catalog, loading it when the mapping names one and the
// loaded copy is missing or old; nil when the register names the client itself.
func (r *Reader) viaMap(ctx context.Context) (map[string]string, error) {
	v := r.cfg.Mapping.Register.ClientVia
	if v == nil {
		return nil, nil
	}
	r.mu.Lock()
	c := r.via
	r.mu.Unlock()
	if c.m != nil && r.now().Sub(c.loaded) < viaTTL {
		return c.m, nil
	}
	m, err := r.loadVia(ctx, v)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	r.via = viaCache{m: m, loaded: r.now()}
	r.mu.Unlock()
	return m, nil
}

// loadVia reads Ref_Key and the via field of every element.
func (r *Reader) loadVia(ctx context.Context, v *onec.Via) (map[string]string, error) {
	fields := newFieldSet()
	fields.add("Ref_Key")
	field := fields.add(v.Field)
	what := fmt.Sprintf("read %s for the clients of the register", v.Entity)
	pg := r.newPager(v.Entity, what, fields, []string{"Ref_Key", v.Field}, "")
	m := make(map[string]string)
	for {
		p, err := pg.next(ctx)
		if err != nil || p == nil {
			return m, err
		}
		for i := range p.n {
			rec := p.rec(i)
			if key := text(p, rec[pg.ref]); key != "" {
				m[key] = text(p, rec[field])
			}
		}
	}
}
