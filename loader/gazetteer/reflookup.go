package gazetteer

import (
	"cmp"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/internal/fold"
	"github.com/diplograph/diplograph/kg"
)

// refIndex indexes the generated tables (cities, actors, agents), apart
// from the curated tables' index so that a program that never asks for
// them does not build it.
type refIndex struct {
	cities  map[string][]int // by name and alias, most populous first
	actors  map[string][]int // by name and alias
	surname map[string][]int // people by each word but the first (translit)
	given   map[string]int   // first words of people's names, with counts
	// nameStarts are the first words of the curated tables'
	// organizations, places and treaties ("World" of "World Bank"), which
	// are no given names.
	nameStarts map[string]bool
	iso3       map[string]string
}

// refs returns the index of the generated tables, built on first use.
func (g *Gazetteer) refs() *refIndex {
	g.refOnce.Do(func() { g.ref = g.buildRefs() })
	return g.ref
}

func (g *Gazetteer) buildRefs() *refIndex {
	x := &refIndex{cities: map[string][]int{}, actors: map[string][]int{}, surname: map[string][]int{}, given: map[string]int{}, nameStarts: map[string]bool{}, iso3: map[string]string{}}
	first := func(name string) {
		if w, _, _ := strings.Cut(Key(name), " "); w != "" {
			x.nameStarts[w] = true
		}
	}
	for _, o := range g.Organizations {
		for _, n := range append([]string{o.Name}, o.Aliases...) {
			first(n)
		}
	}
	for _, p := range g.Places {
		first(p.Name)
	}
	for _, t := range g.Treaties {
		first(t.Name)
	}
	for i, c := range g.Cities {
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			k := Key(n)
			for _, k := range []string{k, withoutArticle(k)} {
				if k != "" && !slices.Contains(x.cities[k], i) {
					x.cities[k] = append(x.cities[k], i)
				}
			}
		}
	}
	// Cities come most populous first from the file; keep it so per key.
	for _, is := range x.cities {
		slices.SortStableFunc(is, func(a, b int) int { return cmp.Compare(g.Cities[b].Population, g.Cities[a].Population) })
	}
	for i, a := range g.Actors {
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			k := Key(n)
			if k != "" && !slices.Contains(x.actors[k], i) {
				x.actors[k] = append(x.actors[k], i)
			}
			if a.Kind == kg.Person {
				// Every word but the first: the text may leave out the
				// middle or the last of the table's names.
				ws := strings.Fields(k)
				if len(ws) > 1 && n == a.Name {
					x.given[ws[0]]++
				}
				for _, w := range ws[min(1, len(ws)):] {
					w = translit(w)
					if !slices.Contains(x.surname[w], i) {
						x.surname[w] = append(x.surname[w], i)
					}
				}
			}
		}
	}
	for _, t := range g.Tenures {
		if ws := strings.Fields(Key(t.Person)); len(ws) > 1 {
			x.given[ws[0]]++
		}
	}
	for _, s := range g.States {
		if s.ISO3 != "" {
			x.iso3[s.ISO3] = s.Name
		}
	}
	return x
}

// GivenName reports whether a word starts the names of at least two
// people of the actor and office tables ("Jeremiah", "Luis", "Abdul"): a
// capitalized pair of words that starts with one is likely a person's
// name, where no title says so. Words that begin a single name are left
// out, since a record misread as a person ("Crexus Investment") would
// otherwise make its first word a given name.
func (g *Gazetteer) GivenName(word string) bool {
	k := Key(word)
	x := g.refs()
	if notGiven[k] || x.nameStarts[k] || len(g.index().states[k]) > 0 || len(g.index().places[k]) > 0 {
		return false // "British", "World", "International": the start of a record misread as a person
	}
	return x.given[k] >= 2
}

// notGiven are words that start the names of some records read as people
// but are, in English text, the start of something else.
var notGiven = map[string]bool{}

func init() {
	// Words of the language that start a few records misread as people
	// (found by comparing the records' first words with the words the
	// corpus writes in lower case), and articles and particles.
	for _, w := range strings.Fields(`national united new south north east west central federal royal general great grand
		saint st le la de al el bin van von der the said will may republic democratic action air an armed children desire do
		for free freedom global good human in international lay no o of operation peace per plan reporters saw so special
		than vital war women world islamic arab african asian european popular christian liberal social socialist people
		peoples senior presidential deputy acting former joint permanent executive`) {
		notGiven[w] = true
	}
}

// CitiesNamed returns the cities a name (or an alias) names, most populous
// first.
func (g *Gazetteer) CitiesNamed(name string) []*City {
	var out []*City
	for _, i := range g.refs().cities[Key(name)] {
		out = append(out, &g.Cities[i])
	}
	return out
}

// ActorsNamed returns the people and organizations of the actor tables a
// name (or an alias) names.
func (g *Gazetteer) ActorsNamed(name string) []*Actor {
	var out []*Actor
	for _, i := range g.refs().actors[Key(name)] {
		out = append(out, &g.Actors[i])
	}
	return out
}

// PeopleWithSurname returns the people of the actor tables one of whose
// names ends with the word (folded, transliterated): "Vučić" finds
// "Aleksandar Vucic".
func (g *Gazetteer) PeopleWithSurname(word string) []*Actor {
	w := translit(Key(word))
	if w == "" || strings.Contains(w, " ") {
		return nil
	}
	var out []*Actor
	for _, i := range g.refs().surname[w] {
		a := &g.Actors[i]
		if a.Kind != kg.Person {
			continue
		}
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			if ws := strings.Fields(Key(n)); len(ws) > 1 && translit(ws[len(ws)-1]) == w {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

// PeopleLike returns the people of the actor tables whose name is written
// like name with other spellings of the same words: the same first word
// and the text's other words found in order among the table's, each equal
// or a transliteration variant (see sameWord). "Yuri Ushakov" finds
// "Yuriy Ushakov", "Minni Minnawi" finds "Minni Arkou Minnawi", "Malik
// Agar" finds "Malik Agar Ayar"; a single word finds nobody.
func (g *Gazetteer) PeopleLike(name string) []*Actor {
	ws := strings.Fields(Key(name))
	if len(ws) < 2 {
		return nil
	}
	x := g.refs()
	var out []*Actor
	seen := map[int]bool{}
	for _, i := range x.surname[translit(ws[len(ws)-1])] {
		if seen[i] {
			continue
		}
		a := &g.Actors[i]
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			if sameName(ws, strings.Fields(Key(n))) {
				seen[i] = true
				out = append(out, a)
				break
			}
		}
	}
	return out
}

// sameName reports whether two names (folded words) are one: equal first
// words (up to sameWord), and the shorter's other words found in order
// among the longer's ("Malik Agar" and "Malik Agar Ayar": Arabic names
// may add a father's or grandfather's name).
func sameName(a, b []string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if !sameWord(a[0], b[0]) {
		return false
	}
	j := 1
	for _, w := range a[1:] {
		for j < len(b) && !sameWord(w, b[j]) {
			j++
		}
		if j == len(b) {
			return false
		}
		j++
	}
	return true
}

// sameWord reports whether two folded words are one name written two
// ways: equal, or equal once common transliteration variants are made one
// ("yuriy"/"yuri", "sergey"/"sergei", "aleksandr"/"alexander",
// "mohammed"/"muhammad").
func sameWord(a, b string) bool {
	return a == b || translit(a) == translit(b)
}

// translitReplacer maps the spellings transliterations vary in to one.
var translitReplacer = strings.NewReplacer("ks", "x", "kh", "h", "ou", "u", "oo", "u", "iy", "i", "yi", "i", "ey", "ei", "y", "i",
	"mohammed", "muhammad", "mohamed", "muhammad", "mohammad", "muhammad", "muhammed", "muhammad", "dzh", "j", "zh", "j",
	"ph", "f", "w", "v", "ee", "i", "tch", "ch", "sch", "sh")

// translit reduces a folded word to a form its transliteration variants
// share.
func translit(w string) string {
	w = translitReplacer.Replace(w)
	// Doubled letters are often single in another spelling.
	var b strings.Builder
	for i := 0; i < len(w); i++ {
		if i > 0 && w[i] == w[i-1] {
			continue
		}
		b.WriteByte(w[i])
	}
	return b.String()
}

// StateOfCode returns the canonical name of the state an actor code's
// first three letters name ("RUS" of "RUSGOV": Russia), "" for codes of
// organizations and companies (IGO…, NGO…, MNC…).
func (g *Gazetteer) StateOfCode(code string) string {
	if len(code) < 3 {
		return ""
	}
	return g.refs().iso3[code[:3]]
}

// Affiliation returns the state a person of the actor tables acted for on
// d, and the code that says so: the first code that covers d, a
// government code (GOV) before others, and a dated code before an undated
// one. ok is false when no code places the person in a state on d.
func (g *Gazetteer) Affiliation(a *Actor, d kg.Date) (state string, c ActorCode, ok bool) {
	best := -1
	rank := func(c ActorCode) int {
		r := 0
		if strings.HasPrefix(c.Sector(), "GOV") {
			r += 2
		}
		if !c.From.IsZero() || !c.To.IsZero() {
			r++
		}
		return r
	}
	for i, ac := range a.Codes {
		if g.StateOfCode(ac.Code) == "" || !ac.Covers(d) {
			continue
		}
		if best < 0 || rank(ac) > rank(a.Codes[best]) {
			best = i
		}
	}
	if best < 0 {
		return "", ActorCode{}, false
	}
	return g.StateOfCode(a.Codes[best].Code), a.Codes[best], true
}

// FoldedAgents returns the agent phrases as folded word lists, with their
// codes, for building a phrase matcher.
func (g *Gazetteer) FoldedAgents() map[string]string {
	out := make(map[string]string, len(g.Agents))
	for _, a := range g.Agents {
		out[fold.Fold(a.Phrase)] = a.Code
	}
	return out
}

// arabicArticles are the romanizations of the Arabic article that start
// place names ("En Nâqoûra", "Al Quds", "Ad Dammam"); English text often
// leaves them out ("Naqoura", "Dammam").
var arabicArticles = map[string]bool{"al": true, "el": true, "an": true, "en": true, "ad": true, "ed": true, "as": true,
	"es": true, "ar": true, "er": true, "ash": true, "esh": true, "at": true, "et": true, "az": true, "ez": true}

// withoutArticle returns a folded name without its leading Arabic article,
// "" when it has none.
func withoutArticle(k string) string {
	first, rest, ok := strings.Cut(k, " ")
	if !ok || !arabicArticles[first] || rest == "" {
		return ""
	}
	return rest
}
