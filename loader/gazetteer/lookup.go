package gazetteer

import (
	"cmp"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/internal/fold"
	"github.com/diplograph/diplograph/kg"
)

// Key returns the matching key of a name: fold.Fold of it without a leading
// "the". Two names match when their keys are equal.
func Key(name string) string {
	k := fold.Fold(name)
	if rest, ok := strings.CutPrefix(k, "the "); ok {
		return rest
	}
	return k
}

// how says which field of a state a mention matched. Lower is stronger.
type how uint8

const (
	byName how = iota
	byOfficial
	byAlias
	byDemonym
	byCapital
	byMetonym
)

type stateHit struct {
	i   int
	how how
}

// nameHit is a match in a table with names and aliases only.
type nameHit struct {
	i     int
	alias bool
}

type index struct {
	states   map[string][]stateHit
	preds    [][]int // preds[i]: states that SucceededBy names States[i]
	places   map[string][]nameHit
	orgs     map[string][]nameHit
	treaties map[string][]nameHit
	people   map[string][]int // tenure indexes by person, alias, surname
}

func (g *Gazetteer) index() *index {
	g.once.Do(func() { g.idx = g.buildIndex() })
	return g.idx
}

func (g *Gazetteer) buildIndex() *index {
	x := &index{
		states:   map[string][]stateHit{},
		places:   map[string][]nameHit{},
		orgs:     map[string][]nameHit{},
		treaties: map[string][]nameHit{},
		people:   map[string][]int{},
	}
	for i, p := range g.Places {
		addName(x.places, i, p.Name, p.Aliases)
	}
	for i, o := range g.Organizations {
		addName(x.orgs, i, o.Name, o.Aliases)
	}
	for i, t := range g.Treaties {
		addName(x.treaties, i, t.Name, t.Aliases)
	}
	stateAt := map[string]int{}
	for i, s := range g.States {
		stateAt[s.Name] = i
		add := func(name string, h how) {
			k := Key(name)
			if k == "" {
				return
			}
			for _, old := range x.states[k] {
				if old.i == i {
					return // the stronger match was added first
				}
			}
			x.states[k] = append(x.states[k], stateHit{i, h})
		}
		add(s.Name, byName)
		add(s.Official, byOfficial)
		for _, a := range s.Aliases {
			add(a, byAlias)
		}
		for _, d := range s.Demonyms {
			add(d, byDemonym)
		}
		for _, c := range s.Capitals {
			add(c, byCapital)
			// A current state's capital's other names are capitals too:
			// "Peking" is Beijing, "Washington" is Washington, D.C. Not so
			// for historical states, whose capitals have been renamed
			// since: Leningrad was never the Russian Empire's capital.
			if s.Historical {
				continue
			}
			for _, h := range x.places[Key(c)] {
				if p := g.Places[h.i]; !h.alias && p.Name == c {
					for _, a := range p.Aliases {
						add(a, byCapital)
					}
				}
			}
		}
		for _, m := range s.Metonyms {
			add(m, byMetonym)
		}
	}
	x.preds = make([][]int, len(g.States))
	for i, s := range g.States {
		for _, succ := range s.SucceededBy {
			if j, ok := stateAt[succ]; ok {
				x.preds[j] = append(x.preds[j], i)
			}
		}
	}
	for i, t := range g.Tenures {
		seen := map[string]bool{}
		for _, n := range append([]string{t.Person, t.Surname}, t.Aliases...) {
			if k := Key(n); k != "" && !seen[k] {
				seen[k] = true
				x.people[k] = append(x.people[k], i)
			}
		}
	}
	return x
}

func addName(m map[string][]nameHit, i int, name string, aliases []string) {
	if k := Key(name); k != "" {
		m[k] = append(m[k], nameHit{i, false})
	}
	for _, a := range aliases {
		k := Key(a)
		if k == "" || slices.ContainsFunc(m[k], func(h nameHit) bool { return h.i == i }) {
			continue
		}
		m[k] = append(m[k], nameHit{i, true})
	}
}

// pickName returns the entry a name or alias designates: a canonical name
// beats an alias; two entries matched the same way make the name ambiguous.
func pickName(hits []nameHit) (int, bool) {
	var names, aliases []int
	for _, h := range hits {
		if h.alias {
			aliases = append(aliases, h.i)
		} else {
			names = append(names, h.i)
		}
	}
	switch {
	case len(names) == 1:
		return names[0], true
	case len(names) == 0 && len(aliases) == 1:
		return aliases[0], true
	}
	return -1, false
}

// State returns the state whose canonical name, official name or alias is
// name; demonyms, capitals and metonyms are not considered (see StateOn).
// When several states carry the name, a canonical name beats an official
// name, which beats an alias; between equals a current state beats a
// historical one. A name still shared after that ("Congo") is ambiguous and
// State reports false.
func (g *Gazetteer) State(name string) (*State, bool) {
	var hits []stateHit
	for _, h := range g.index().states[Key(name)] {
		if h.how <= byAlias {
			hits = append(hits, h)
		}
	}
	i, ok := g.pickUndated(hits)
	if !ok {
		return nil, false
	}
	return &g.States[i], true
}

// pickUndated orders hits by how they matched, then current before
// historical, and returns the single best one.
func (g *Gazetteer) pickUndated(hits []stateHit) (int, bool) {
	if len(hits) == 0 {
		return -1, false
	}
	rank := func(h stateHit) int {
		r := int(h.how) * 2
		if g.States[h.i].Historical {
			r++
		}
		return r
	}
	best := slices.MinFunc(hits, func(a, b stateHit) int { return cmp.Compare(rank(a), rank(b)) })
	for _, h := range hits {
		if h.i != best.i && rank(h) == rank(best) {
			return -1, false
		}
	}
	return best.i, true
}

// exists reports whether state s existed on (some day of) on.
func (s *State) exists(on kg.Date) bool {
	return on.Overlaps(kg.Date{}, s.From, s.To)
}

func (s *State) bounded() bool { return !s.From.IsZero() || !s.To.IsZero() }

// StateOn resolves a mention of a state in a text about the date on: a
// name, official name, alias, demonym ("Soviets"), capital ("Tokyo", and the
// capital's other names such as "Peking") or metonym ("the Kremlin").
//
// With a zero on it behaves like State over all these fields (stronger
// fields first: name, official, alias, demonym, capital, metonym). Otherwise
// it keeps the states that existed on that date; among them a state with
// bounded existence beats one without (West Germany beats Germany for
// "Bonn" in 1985, Taiwan beats China for "Republic of China" in 1987), then
// the stronger field wins, and a remaining tie is ambiguous. If none of the
// matching states existed then, StateOn walks back through predecessors
// (the states whose SucceededBy names them) and returns the one that
// existed: "Russian" in 1905 is the Russian Empire, "Moscow" in 1987 the
// Soviet Union, "Czech" in 1968 Czechoslovakia. If no predecessor existed
// either, it falls back to the undated answer.
func (g *Gazetteer) StateOn(mention string, on kg.Date) (*State, bool) {
	x := g.index()
	hits := x.states[Key(mention)]
	if len(hits) == 0 {
		return nil, false
	}
	if on.IsZero() {
		i, ok := g.pickUndated(hits)
		if !ok {
			return nil, false
		}
		return &g.States[i], true
	}
	var alive []stateHit
	for _, h := range hits {
		if g.States[h.i].exists(on) {
			alive = append(alive, h)
		}
	}
	if len(alive) > 0 {
		rank := func(h stateHit) int {
			r := int(h.how)
			if !g.States[h.i].bounded() {
				r += 10
			}
			return r
		}
		best := slices.MinFunc(alive, func(a, b stateHit) int { return cmp.Compare(rank(a), rank(b)) })
		for _, h := range alive {
			if h.i != best.i && rank(h) == rank(best) {
				return nil, false
			}
		}
		return &g.States[best.i], true
	}
	// Walk back through predecessors, nearest first.
	found := map[int]bool{}
	seen := map[int]bool{}
	frontier := []int{}
	for _, h := range hits {
		frontier = append(frontier, h.i)
		seen[h.i] = true
	}
	for depth := 0; depth < 4 && len(found) == 0 && len(frontier) > 0; depth++ {
		var next []int
		for _, i := range frontier {
			for _, p := range x.preds[i] {
				if seen[p] {
					continue
				}
				seen[p] = true
				if g.States[p].exists(on) {
					found[p] = true
				} else {
					next = append(next, p)
				}
			}
		}
		frontier = next
	}
	switch len(found) {
	case 0:
		i, ok := g.pickUndated(hits)
		if !ok {
			return nil, false
		}
		return &g.States[i], true
	case 1:
		for i := range found {
			return &g.States[i], true
		}
	}
	return nil, false
}

// Place returns the place whose name or alias is name. A canonical name
// beats an alias; an alias shared by two places is ambiguous (false).
func (g *Gazetteer) Place(name string) (*Place, bool) {
	i, ok := pickName(g.index().places[Key(name)])
	if !ok {
		return nil, false
	}
	return &g.Places[i], true
}

// Organization returns the organization whose name or alias is name, by
// the same rules as Place.
func (g *Gazetteer) Organization(name string) (*Organization, bool) {
	i, ok := pickName(g.index().orgs[Key(name)])
	if !ok {
		return nil, false
	}
	return &g.Organizations[i], true
}

// Treaty returns the treaty whose name or alias is name, by the same rules
// as Place: "INF Treaty" and "Intermediate-Range Nuclear Forces Treaty" are
// one treaty.
func (g *Gazetteer) Treaty(name string) (*Treaty, bool) {
	i, ok := pickName(g.index().treaties[Key(name)])
	if !ok {
		return nil, false
	}
	return &g.Treaties[i], true
}

// TreatyIndex returns t's record number in the treaty table, from 1.
func (g *Gazetteer) TreatyIndex(t *Treaty) int {
	for i := range g.Treaties {
		if &g.Treaties[i] == t {
			return i + 1
		}
	}
	return 0
}

// ReplacedBy returns the treaty of the tables that replaced t (whose
// Replaces names it), if any.
func (g *Gazetteer) ReplacedBy(t *Treaty) (*Treaty, bool) {
	for i := range g.Treaties {
		if slices.Contains(g.Treaties[i].Replaces, t.Name) {
			return &g.Treaties[i], true
		}
	}
	return nil, false
}

// Ended returns when t stopped binding its parties, and the dataset that
// says so: the curated table's End; else the day the treaty that replaced
// it entered into force (or was signed); else the end ATOP or DCAD record.
// The curated table wins because it is checked against the treaty's own
// record (its depositary, the Office of the Historian): ATOP ends an
// alliance when its obligations lapse, which may be before the treaty is
// formally replaced (the Anglo-Japanese Alliance). Zero when nobody knows.
func (g *Gazetteer) Ended(t *Treaty) (kg.Date, Dataset) {
	if !t.End.IsZero() {
		return t.End, Treaties
	}
	if r, ok := g.ReplacedBy(t); ok {
		if !r.InForce.IsZero() {
			return r.InForce, Treaties
		}
		return r.Date, Treaties
	}
	if t.Record != nil && !t.Record.End.IsZero() {
		return t.Record.End, t.Record.Source
	}
	return kg.Date{}, Dataset{}
}

// HoldersOn returns the tenures whose Person, an alias or the Surname
// matches name (a name without title: "Reagan", not "President Reagan")
// and whose term shares at least one day with on, ordered by start; a term
// that ends on the day the next begins matches both. A zero on returns
// every tenure for that name. Surnames are shared ("Abe", "Bush", "Kim"),
// so callers narrow by role, state or date.
func (g *Gazetteer) HoldersOn(name string, on kg.Date) []Tenure {
	var out []Tenure
	for _, i := range g.index().people[Key(name)] {
		t := g.Tenures[i]
		if on.IsZero() || on.Overlaps(kg.Date{}, t.From, t.To) {
			out = append(out, t)
		}
	}
	sortTenures(out)
	return out
}

// HoldersOf returns the tenures of the office role ("Foreign Minister") of
// the state or organization named by of (any name State or Organization
// accepts) that share at least one day with on, ordered by start. A zero
// on returns every holder of the office.
func (g *Gazetteer) HoldersOf(of, role string, on kg.Date) []Tenure {
	state, org := "", ""
	if s, ok := g.State(of); ok {
		state = s.Name
	} else if o, ok := g.Organization(of); ok {
		org = o.Name
	} else {
		return nil
	}
	rk := Key(role)
	var out []Tenure
	for _, t := range g.Tenures {
		if t.State != state || t.Organization != org || Key(t.Role) != rk {
			continue
		}
		if on.IsZero() || on.Overlaps(kg.Date{}, t.From, t.To) {
			out = append(out, t)
		}
	}
	sortTenures(out)
	return out
}

func sortTenures(ts []Tenure) {
	slices.SortStableFunc(ts, func(a, b Tenure) int {
		if c := a.From.Compare(b.From); c != 0 {
			return c
		}
		return strings.Compare(a.Person, b.Person)
	})
}
