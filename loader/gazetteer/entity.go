package gazetteer

import (
	"github.com/diplograph/diplograph/kg"
)

// Entity returns the graph entity for s: its id, name, official name and
// aliases, and the "iso3" attribute when s has a code.
func (s *State) Entity() kg.Entity {
	e := kg.Entity{
		ID:      kg.EntityID(kg.State, s.Name),
		Kind:    kg.State,
		Name:    s.Name,
		Aliases: aliases(s.Name, append([]string{s.Official}, s.Aliases...)),
	}
	if s.ISO3 != "" {
		e.Attrs = map[string]string{"iso3": s.ISO3}
	}
	return e
}

// Entity returns the graph entity for p, with its "type" and, when known,
// "state" attributes.
func (p *Place) Entity() kg.Entity {
	return kg.Entity{
		ID:      kg.EntityID(kg.Place, p.Name),
		Kind:    kg.Place,
		Name:    p.Name,
		Aliases: aliases(p.Name, p.Aliases),
		Attrs:   attrs("type", p.Type, "state", p.State),
	}
}

// Entity returns the graph entity for o, with its "type" and, for national
// bodies, "state" attributes.
func (o *Organization) Entity() kg.Entity {
	return kg.Entity{
		ID:      kg.EntityID(kg.Organization, o.Name),
		Kind:    kg.Organization,
		Name:    o.Name,
		Aliases: aliases(o.Name, o.Aliases),
		Attrs:   attrs("type", o.Type, "state", o.State),
	}
}

// Entity returns the graph entity for t, dated by its signing and ended by
// its termination, with its status today.
func (t *Treaty) Entity() kg.Entity {
	return kg.Entity{
		ID:      kg.EntityID(kg.Treaty, t.Name),
		Kind:    kg.Treaty,
		Name:    t.Name,
		Aliases: aliases(t.Name, t.Aliases),
		Date:    t.Date,
		End:     t.End,
		Status:  t.Status,
	}
}

// Entity returns the PERSON entity of the tenure's holder with the "role"
// and "state" (or "organization") attributes of this tenure. A person with
// several tenures yields the same ID from each.
func (t *Tenure) Entity() kg.Entity {
	return kg.Entity{
		ID:      kg.EntityID(kg.Person, t.Person),
		Kind:    kg.Person,
		Name:    t.Person,
		Aliases: aliases(t.Person, t.Aliases),
		Attrs:   attrs("role", t.Role, "state", t.State, "organization", t.Organization),
	}
}

// aliases returns names without name itself, empty strings and repeats, in
// order, or nil.
func aliases(name string, names []string) []string {
	var out []string
	seen := map[string]bool{name: true, "": true}
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// attrs builds a map from key, value pairs, skipping empty values.
func attrs(kv ...string) map[string]string {
	var m map[string]string
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			continue
		}
		if m == nil {
			m = map[string]string{}
		}
		m[kv[i]] = kv[i+1]
	}
	return m
}
