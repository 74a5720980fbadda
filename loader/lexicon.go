package loader

import (
	"strings"
	"sync"
	"unicode"

	"github.com/diplograph/diplograph/loader/gazetteer"
	"github.com/diplograph/diplograph/loader/text"
)

// refKind says what a gazetteer name found in text refers to.
type refKind uint8

const (
	refState   refKind = iota // a state's name or alias: "Japan", "U.S."
	refDemonym                // "Japanese", "Soviet"
	refCapital                // a capital: the state as an actor, the city as a place
	refMetonym                // a seat of government: "the Kremlin"
	refPlace                  // a city, island, region or sea
	refOrg                    // an organization
	refTreaty                 // a treaty's name or alias
	refPerson                 // the full name of a known office holder
	refSurname                // a known office holder's surname alone
)

// ref is one thing a name may refer to.
type ref struct {
	kind refKind
	name string // canonical name in its gazetteer table
	// exact requires the text to match the name's case: short upper-case
	// aliases ("US", "UN") are ordinary words in lower case.
	exact bool
	form  string // the name as the gazetteer spells it, for exact checks
}

// trie maps sequences of token keys to refs.
type trie struct {
	next map[string]*trie
	refs []ref
}

func (t *trie) add(name string, r ref) {
	keys := text.Keys(name)
	if len(keys) == 0 {
		return
	}
	n := t
	for _, k := range keys {
		if n.next == nil {
			n.next = map[string]*trie{}
		}
		c := n.next[k]
		if c == nil {
			c = &trie{}
			n.next[k] = c
		}
		n = c
	}
	r.form = name
	r.exact = isAcronym(name)
	for _, old := range n.refs {
		if old.kind == r.kind && old.name == r.name {
			return
		}
	}
	n.refs = append(n.refs, r)
}

// isAcronym reports whether name is a short all-capitals alias ("US", "UN",
// "U.S.", "NATO") that must appear in capitals to count.
func isAcronym(name string) bool {
	letters := 0
	for _, r := range name {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters > 0 && letters <= 6
}

// match is the longest gazetteer name starting at a token.
type match struct {
	first, last int // token indexes, inclusive
	refs        []ref
}

// lexicon is the gazetteer compiled for matching.
type lexicon struct {
	gaz  *gazetteer.Gazetteer
	root *trie
	// statesByName and the maps below index the gazetteer by canonical
	// name.
	states  map[string]*gazetteer.State
	places  map[string]*gazetteer.Place
	orgs    map[string]*gazetteer.Organization
	treaty  map[string]*gazetteer.Treaty
	capital map[string]string // capital city → state
}

var (
	lexOnce sync.Once
	lex     *lexicon
)

// defaultLexicon compiles the embedded gazetteer once.
func defaultLexicon() *lexicon {
	lexOnce.Do(func() { lex = newLexicon(gazetteer.Default()) })
	return lex
}

// leadingArticle drops "the" from metonyms and names: "the Kremlin" is
// matched as "Kremlin" so that "The Kremlin" at a sentence start is found too.
func leadingArticle(s string) string {
	if len(s) > 4 && strings.EqualFold(s[:4], "the ") {
		return s[4:]
	}
	return s
}

func newLexicon(g *gazetteer.Gazetteer) *lexicon {
	l := &lexicon{
		gaz: g, root: &trie{},
		states: map[string]*gazetteer.State{}, places: map[string]*gazetteer.Place{},
		orgs: map[string]*gazetteer.Organization{}, treaty: map[string]*gazetteer.Treaty{},
		capital: map[string]string{},
	}
	for i := range g.States {
		s := &g.States[i]
		l.states[s.Name] = s
		for _, n := range append([]string{s.Name, s.Official}, s.Aliases...) {
			if n != "" {
				l.root.add(leadingArticle(n), ref{kind: refState, name: s.Name})
			}
		}
		for _, n := range s.Demonyms {
			l.root.add(n, ref{kind: refDemonym, name: s.Name})
		}
		for _, n := range s.Metonyms {
			l.root.add(leadingArticle(n), ref{kind: refMetonym, name: s.Name})
		}
		if !s.Historical {
			for _, n := range s.Capitals {
				// "Washington, D.C." is "Washington" in running text.
				short, _, _ := strings.Cut(n, ",")
				for _, form := range []string{n, short} {
					l.root.add(form, ref{kind: refCapital, name: s.Name})
					l.capital[form] = s.Name
				}
			}
		}
	}
	for i := range g.Places {
		p := &g.Places[i]
		l.places[p.Name] = p
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			l.root.add(leadingArticle(n), ref{kind: refPlace, name: p.Name})
		}
	}
	for i := range g.Organizations {
		o := &g.Organizations[i]
		l.orgs[o.Name] = o
		for _, n := range append([]string{o.Name}, o.Aliases...) {
			l.root.add(leadingArticle(n), ref{kind: refOrg, name: o.Name})
		}
	}
	for i := range g.Treaties {
		t := &g.Treaties[i]
		l.treaty[t.Name] = t
		for _, n := range append([]string{t.Name}, t.Aliases...) {
			l.root.add(leadingArticle(n), ref{kind: refTreaty, name: t.Name})
		}
	}
	for _, t := range g.Tenures {
		for _, n := range append([]string{t.Person}, t.Aliases...) {
			l.root.add(n, ref{kind: refPerson, name: t.Person})
		}
		if t.Surname != "" {
			l.root.add(t.Surname, ref{kind: refSurname, name: t.Person})
		}
	}
	return l
}

// longest returns the longest gazetteer name that starts at token i and
// whose case fits: the first word capitalized (names are), and acronyms in
// capitals.
func (l *lexicon) longest(toks []text.Token, i int) (match, bool) {
	if !toks[i].Upper() {
		return match{}, false
	}
	var best match
	found := false
	n := l.root
	for j := i; j < len(toks); j++ {
		// Gazetteer names may hold a comma ("Portsmouth, New Hampshire")
		// or a possessive ("Gentlemen's Agreement").
		if j > i && !text.Adjacent(toks[j-1], toks[j]) && (toks[j].Sep != ", " || toks[j-1].Possessive) && !possessiveInName(toks[j-1], toks[j]) {
			break
		}
		n = n.next[toks[j].Key]
		if n == nil {
			break
		}
		var refs []ref
		for _, r := range n.refs {
			if r.exact && !sameLetters(toks[i:j+1], r.form) {
				continue
			}
			refs = append(refs, r)
		}
		if len(refs) > 0 {
			best, found = match{first: i, last: j, refs: refs}, true
		}

	}
	return best, found
}

// possessiveInName reports whether b follows a possessive a within one
// name: the trie decides whether "Gentlemen's" continues into "Agreement";
// "Japan's Foreign Minister" stops because no name goes on that way.
func possessiveInName(a, b text.Token) bool {
	return a.Possessive && (b.Sep == "'s " || b.Sep == "’s ")
}

// sameLetters reports whether the tokens spell form with the same
// capitalization, ignoring dots and spaces.
func sameLetters(toks []text.Token, form string) bool {
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(t.Text)
	}
	strip := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return -1
		}, s)
	}
	return strip(b.String()) == strip(form)
}
