package gazetteer

import (
	"errors"
	"fmt"
	"slices"

	"github.com/diplograph/diplograph/kg"
)

// PlaceTypes, OrganizationTypes list the values Place.Type and
// Organization.Type may take.
var (
	PlaceTypes        = []string{"city", "island", "islands", "region", "peninsula", "sea", "strait", "lake", "ocean", "continent", "territory", "site", "building", "river"}
	OrganizationTypes = []string{"international", "agency", "parliament", "party", "news", "company", "court", "military", "forum", "armed"}
)

// Validate checks the tables against each other and returns every problem
// it finds, joined: empty or duplicate names within a table, names that
// refer to no entry (SucceededBy, capitals, Place.State, Organization.State,
// Tenure.State and Organization, Treaty.Parties and Replaces), historical
// states without an end, ranges that end before they start, unknown types
// and statuses. Names that several entries share as aliases are not
// problems here: some are deliberate ("Republic of China"); the tests keep
// the list of them.
func (g *Gazetteer) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	states := map[string]bool{}
	places := map[string]bool{}
	orgs := map[string]bool{}
	treaties := map[string]bool{}
	unique := func(table, name string, seen map[string]bool, keys map[string]string) {
		if name == "" {
			bad("%s: empty name", table)
			return
		}
		if seen[name] {
			bad("%s %q: duplicate name", table, name)
		}
		seen[name] = true
		if other, ok := keys[Key(name)]; ok && other != name {
			bad("%s %q: same key as %q", table, name, other)
		}
		keys[Key(name)] = name
	}
	keys := map[string]string{}
	for _, s := range g.States {
		unique("state", s.Name, states, keys)
	}
	keys = map[string]string{}
	for _, p := range g.Places {
		unique("place", p.Name, places, keys)
	}
	keys = map[string]string{}
	for _, o := range g.Organizations {
		unique("organization", o.Name, orgs, keys)
	}
	keys = map[string]string{}
	for _, t := range g.Treaties {
		unique("treaty", t.Name, treaties, keys)
	}

	placeAliases := map[string]bool{}
	for _, p := range g.Places {
		for _, a := range p.Aliases {
			placeAliases[a] = true
		}
	}
	ordered := func(what string, from, to kg.Date) {
		if !from.IsZero() && !to.IsZero() && to.LastKey() < from.FirstKey() {
			bad("%s: ends %s before it starts %s", what, to, from)
		}
	}
	for _, s := range g.States {
		if s.Historical != !s.To.IsZero() {
			bad("state %q: historical is %v but to is %q", s.Name, s.Historical, s.To)
		}
		if s.Historical && s.ISO3 != "" {
			bad("state %q: historical state with ISO3 %q", s.Name, s.ISO3)
		}
		ordered("state "+s.Name, s.From, s.To)
		for _, succ := range s.SucceededBy {
			if !states[succ] {
				bad("state %q: successor %q is not a state", s.Name, succ)
			}
		}
		for _, c := range s.Capitals {
			if !places[c] && !placeAliases[c] {
				bad("state %q: capital %q is not a place name or alias", s.Name, c)
			}
		}
	}
	for _, p := range g.Places {
		if !slices.Contains(PlaceTypes, p.Type) {
			bad("place %q: unknown type %q", p.Name, p.Type)
		}
		if p.State != "" && !states[p.State] {
			bad("place %q: state %q is not a state", p.Name, p.State)
		}
	}
	for _, o := range g.Organizations {
		if !slices.Contains(OrganizationTypes, o.Type) {
			bad("organization %q: unknown type %q", o.Name, o.Type)
		}
		if o.State != "" && !states[o.State] {
			bad("organization %q: state %q is not a state", o.Name, o.State)
		}
	}
	for _, t := range g.Tenures {
		what := fmt.Sprintf("tenure %s (%s, %s%s, %s)", t.Person, t.Role, t.State, t.Organization, t.From)
		switch {
		case (t.State == "") == (t.Organization == ""):
			bad("%s: exactly one of state and organization must be set", what)
		case t.State != "" && !states[t.State]:
			bad("%s: state %q is not a state", what, t.State)
		case t.Organization != "" && !orgs[t.Organization]:
			bad("%s: organization %q is not an organization", what, t.Organization)
		}
		if t.Surname == "" {
			bad("%s: empty surname", what)
		}
		ordered(what, t.From, t.To)
	}
	for _, t := range g.Treaties {
		if !slices.Contains(kg.TreatyStatuses, t.Status) {
			bad("treaty %q: status %q is not a treaty status", t.Name, t.Status)
		}
		if t.Date.IsZero() {
			bad("treaty %q: no date", t.Name)
		}
		ordered("treaty "+t.Name+" (signed, in force)", t.Date, t.InForce)
		ordered("treaty "+t.Name+" (signed, end)", t.Date, t.End)
		ordered("treaty "+t.Name+" (in force, end)", t.InForce, t.End)
		if t.Status == kg.InForce && !t.End.IsZero() {
			bad("treaty %q: in force with an end date", t.Name)
		}
		for _, p := range t.Parties {
			if !states[p] && !orgs[p] {
				bad("treaty %q: party %q is neither a state nor an organization", t.Name, p)
			}
		}
		for _, r := range t.Replaces {
			if !treaties[r] {
				bad("treaty %q: replaces %q, which is not a treaty", t.Name, r)
			}
		}
	}
	return errors.Join(errs...)
}
