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
	if t := x.termAt(p.Name, tenure, role, state, sent); t != nil {
		tenure = t
	}
	date, end := x.Published, kg.Date{}
	if tenure != nil && role != "" && !SameRole(role, tenure.Role) && !strings.HasPrefix(tenure.Role+" ", role+" ") && !strings.HasSuffix(" "+tenure.Role, " "+role) {
		// The title names another office than the data's ("Ambassador
		// Kono", "Special Envoy Abe"): the data's term is not this one.
		tenure = nil
	}
	if tenure != nil {
		role = tenure.Role // "Secretary Acheson" was Secretary of State
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
	if tenure == nil {
		// The title in the sentence says it: "Foreign Minister Taro Kono",
		// on the article's date.
		x.Edge(kg.HoldsOffice, p.ID, s.ID, role, date, end, "", sent)
		return
	}
	// The term comes from the office data, which the edge cites; the
	// sentence too where it names the holder ("the Prime Minister said"
	// does not). One edge per term, so that a second term ("Shigeru
	// Yoshida, Prime Minister 1946-47 and 1948-54") is a fact of its own.
	if !x.Names(p.ID, sent) {
		sent = -1
	}
	e := x.edge(kg.EdgeID(kg.HoldsOffice, p.ID, s.ID, role+" "+tenure.From.String()), kg.HoldsOffice, p.ID, s.ID, role, date, end, "", sent)
	x.Cite(e, gazetteer.OfficeHolders, gazetteer.OfficeHolders.Evidence(tenure.Line, tenure.Record()))
}

// termAt returns the term of the office data that the sentence speaks of,
// where it is not tenure: the term that holds the date the sentence gives
// ("Acheson signed the San Francisco Treaty on September 8, 1951, the same
// day he and Japanese Prime Minister Yoshida Shigeru signed …" is Yoshida's
// second term, not his first), else, for a title the holder no longer had
// on the article's date ("Prime Minister Yoshida" in 2019), the last term
// before it. The title alone would date the office to the article; the
// data knows better. nil keeps tenure.
func (x *Doc) termAt(name string, tenure *gazetteer.Tenure, role, state string, sent int) *gazetteer.Tenure {
	if tenure != nil {
		role, state = tenure.Role, tenure.State
	}
	if role == "" {
		return nil
	}
	same := func(t gazetteer.Tenure) bool {
		return t.Person == name && SameRole(t.Role, role) && (state == "" || x.StateOn(state, t.From) == t.State || state == t.State)
	}
	if d := x.sentenceDate(sent); !d.IsZero() {
		if tenure != nil && d.Overlaps(kg.Date{}, tenure.From, tenure.To) {
			return nil
		}
		for _, t := range x.Lex.Gaz.HoldersOn(name, d) {
			if same(t) {
				return &t
			}
		}
	}
	if tenure != nil || x.Published.IsZero() {
		return nil
	}
	var last *gazetteer.Tenure
	for _, t := range x.Lex.Gaz.HoldersOn(name, kg.Date{}) {
		if same(t) && !t.To.IsZero() && t.To.Last().Before(x.Published.First()) {
			last = &t
		}
	}
	return last
}

// sentenceDate returns the first calendar date a sentence gives, or, in
// an undated article, the date its narrative has reached there.
func (x *Doc) sentenceDate(sent int) kg.Date {
	if sent < 0 || sent >= len(x.Sents) {
		return kg.Date{}
	}
	sp := x.Sents[sent]
	for i, t := range x.Timexes {
		if t.Start >= sp.End {
			break
		}
		if t.Start >= sp.Start && !t.Date.IsZero() && !x.RangeEnd(i) {
			return t.Date
		}
	}
	if x.Published.IsZero() {
		return x.TimeAt(sp.Start)
	}
	return kg.Date{}
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
