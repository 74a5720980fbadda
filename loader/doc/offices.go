package doc

import (
	"slices"
	"strings"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/gazetteer"
	"github.com/diplograph/diplograph/loader/text"
)

// The offices people hold are recorded here, and not with the rules that
// find people, because recognition, resolution and events all record them
// and all read them (PersonRole, PersonState, HOLDS_OFFICE edges).

// MatchingTenures returns the office tenures of name on the article's date,
// those that agree with the title's role and state first; when they name
// more than one person, none (the name is ambiguous).
func (x *Doc) MatchingTenures(name, role, state string) []gazetteer.Tenure {
	hs := x.Holders(name)
	if len(hs) == 0 {
		return nil
	}
	slices.SortStableFunc(hs, func(a, b gazetteer.Tenure) int {
		score := func(t gazetteer.Tenure) int {
			s := 0
			if role != "" && SameRole(t.Role, role) {
				s -= 2
			}
			if state != "" && x.StateOn(state, x.Published) == t.State {
				s--
			}
			return s
		}
		return score(a) - score(b)
	})
	for _, h := range hs[1:] {
		if h.Person != hs[0].Person {
			if role == "" && state == "" {
				return nil
			}
			break
		}
	}
	return hs
}

// SameRole compares roles loosely: "Foreign Minister" and "Minister for
// Foreign Affairs" are the same office, as are "Premier" and "Prime
// Minister".
func SameRole(a, b string) bool {
	norm := func(s string) string {
		s = strings.ToLower(s)
		switch {
		case strings.Contains(s, "foreign") || strings.Contains(s, "external affairs") || s == "secretary of state":
			return "foreign"
		case s == "premier" || strings.Contains(s, "prime minister"):
			return "pm"
		}
		return s
	}
	return norm(a) == norm(b)
}

// NotePersonOffice records a person's role and state, from the title and
// the state before it, or else from the office data, and the HOLDS_OFFICE
// edge between them.
func (x *Doc) NotePersonOffice(p *kg.Entity, role, state string, tenure *gazetteer.Tenure, sent int) {
	if tenure == nil {
		if hs := x.MatchingTenures(p.Name, role, state); len(hs) > 0 && hs[0].Person == p.Name {
			tenure = &hs[0]
		}
	}
	date, end := x.Published, kg.Date{}
	if tenure != nil {
		if role == "" || role == "Minister" || SameRole(role, tenure.Role) {
			role = tenure.Role
		}
		if state == "" {
			state = tenure.State
		}
		date, end = tenure.From, tenure.To
	}
	if role == "" || state == "" {
		if role != "" && p.Attrs["role"] == "" {
			p.Attrs["role"] = role
		}
		return
	}
	if _, ok := x.Lex.States[state]; !ok {
		return
	}
	state = x.StateOn(state, date)
	if p.Attrs["role"] == "" {
		p.Attrs["role"], p.Attrs["state"] = role, state
		x.PersonRole[p.ID], x.PersonState[p.ID] = role, state
	}
	s := x.Entity(kg.State, state)
	x.Edge(kg.HoldsOffice, p.ID, s.ID, role, date, end, "", sent)
}

// PersonBySurname returns a person already found in the article
// whose last name has the folded key k.
func (x *Doc) PersonBySurname(k string) *kg.Entity {
	var found *kg.Entity
	for _, id := range x.Order {
		e := x.Ents[id]
		if e.Kind != kg.Person {
			continue
		}
		last, ok := x.surnames[id]
		if !ok {
			if keys := text.Keys(e.Name); len(keys) > 1 {
				last = keys[len(keys)-1]
			}
			x.surnames[id] = last
		}
		if last != "" && last == k {
			if found != nil && found != e {
				return nil // two people share the surname: ambiguous
			}
			found = e
		}
	}
	return found
}

// LeaderRoles are the offices of visitors who are received by a head of
// state or government.
var LeaderRoles = []string{"President", "Prime Minister", "Premier", "Chancellor", "King", "Queen", "General Secretary", "Emir", "Crown Prince", "Vice President"}
