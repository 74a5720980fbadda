// Package lexicon is the reference data of extraction: the embedded
// gazetteer (package gazetteer) compiled for matching against the tokens of
// a text, as a trie of the folded words of every name, alias, demonym and
// capital, and as maps by canonical name. It is compiled once per process
// (Default), since every document asks it the same questions, and apart
// from the rules, which only read it.
package lexicon

import (
	"strings"
	"sync"
	"unicode"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/gazetteer"
	"github.com/diplograph/diplograph/loader/text"
)

// Kind says what a gazetteer name found in text refers to.
type Kind uint8

// The kinds of Ref.
const (
	State        Kind = iota // a state's name or alias: "Japan", "U.S."
	Demonym                  // "Japanese", "Soviet"
	Capital                  // a capital: the state as an actor, the city as a place
	Metonym                  // a seat of government: "the Kremlin"
	Place                    // a city, island, region or sea
	Org                      // an organization
	Treaty                   // a treaty's name or alias
	Person                   // the full name of a known office holder
	Surname                  // a known office holder's surname alone
	PlaceDemonym             // a region's adjective: "African", "Central American"
	// The kinds below come from the generated reference tables (package
	// gazetteer: PETRARCH2 actors, GeoNames cities), larger and coarser
	// than the curated ones: a name is filed under them only when no
	// curated table knows it, and the recognizers trust them less.
	Actor    // a person of the actor dictionaries: "Igor Sechin"
	ActorOrg // an organization or company of the actor dictionaries: "Rosneft"
	City     // a GeoNames city: a place where the text says so
)

// Ref is one thing a name may refer to.
type Ref struct {
	Kind Kind
	Name string // canonical name in its gazetteer table
	// exact requires the text to match the name's case: short upper-case
	// aliases ("US", "UN") are ordinary words in lower case.
	exact bool
	form  string // the name as the gazetteer spells it, for exact checks
}

// Trie maps sequences of token keys to refs. Besides the gazetteer's
// names, the recognizers keep their own tables in one (titles of office).
type Trie struct {
	Next map[string]*Trie
	Refs []Ref
}

// Add files r under the keys of name (text.Keys). A Ref whose name is an
// acronym then only matches text spelled in the same capitals.
func (t *Trie) Add(name string, r Ref) {
	keys := text.Keys(name)
	if len(keys) == 0 {
		return
	}
	n := t
	for _, k := range keys {
		if n.Next == nil {
			n.Next = map[string]*Trie{}
		}
		c := n.Next[k]
		if c == nil {
			c = &Trie{}
			n.Next[k] = c
		}
		n = c
	}
	r.form = name
	r.exact = isAcronym(name)
	for _, old := range n.Refs {
		if old.Kind == r.Kind && old.Name == r.Name {
			return
		}
	}
	n.Refs = append(n.Refs, r)
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

// Match is the longest gazetteer name starting at a token.
type Match struct {
	First, Last int // token indexes, inclusive
	Refs        []Ref
}

// Lexicon is the gazetteer compiled for matching.
type Lexicon struct {
	Gaz *gazetteer.Gazetteer
	// root is the trie while the lexicon is built; flat is what it was
	// compiled into, which Longest reads.
	root *Trie
	flat *frozen
	// States and the maps below index the gazetteer by canonical
	// name.
	States   map[string]*gazetteer.State
	Places   map[string]*gazetteer.Place
	Orgs     map[string]*gazetteer.Organization
	Treaties map[string]*gazetteer.Treaty
	Capitals map[string]string // capital city → state
}

var (
	lexOnce sync.Once
	lex     *Lexicon
)

// Default compiles the embedded gazetteer once.
func Default() *Lexicon {
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

func newLexicon(g *gazetteer.Gazetteer) *Lexicon {
	l := &Lexicon{
		Gaz: g, root: &Trie{},
		States: map[string]*gazetteer.State{}, Places: map[string]*gazetteer.Place{},
		Orgs: map[string]*gazetteer.Organization{}, Treaties: map[string]*gazetteer.Treaty{},
		Capitals: map[string]string{},
	}
	for i := range g.States {
		s := &g.States[i]
		l.States[s.Name] = s
		for _, n := range append([]string{s.Name, s.Official}, s.Aliases...) {
			if n != "" {
				l.root.Add(leadingArticle(n), Ref{Kind: State, Name: s.Name})
			}
		}
		for _, n := range s.Demonyms {
			l.root.Add(n, Ref{Kind: Demonym, Name: s.Name})
		}
		for _, n := range s.Metonyms {
			l.root.Add(leadingArticle(n), Ref{Kind: Metonym, Name: s.Name})
		}
		if !s.Historical {
			for _, n := range s.Capitals {
				// "Washington, D.C." is "Washington" in running text.
				short, _, _ := strings.Cut(n, ",")
				for _, form := range []string{n, short} {
					l.root.Add(form, Ref{Kind: Capital, Name: s.Name})
					l.Capitals[form] = s.Name
				}
			}
		}
	}
	for i := range g.Places {
		p := &g.Places[i]
		l.Places[p.Name] = p
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			l.root.Add(leadingArticle(n), Ref{Kind: Place, Name: p.Name})
		}
		for _, n := range p.Demonyms {
			l.root.Add(n, Ref{Kind: PlaceDemonym, Name: p.Name})
		}
	}
	// "Botswanan", "Angolan": the adjective of a state named in -a, where
	// its table gives another ("Motswana") or none.
	for i := range g.States {
		s := &g.States[i]
		if strings.HasSuffix(s.Name, "a") && !strings.Contains(s.Name, " ") {
			l.addNew(s.Name+"n", Ref{Kind: Demonym, Name: s.Name})
		}
	}
	for i := range g.Organizations {
		o := &g.Organizations[i]
		l.Orgs[o.Name] = o
		for _, n := range append([]string{o.Name}, o.Aliases...) {
			l.root.Add(leadingArticle(n), Ref{Kind: Org, Name: o.Name})
		}
	}
	for i := range g.Treaties {
		t := &g.Treaties[i]
		l.Treaties[t.Name] = t
		for _, n := range append([]string{t.Name}, t.Aliases...) {
			l.root.Add(leadingArticle(n), Ref{Kind: Treaty, Name: t.Name})
		}
	}
	for _, t := range g.Tenures {
		for _, n := range append([]string{t.Person}, t.Aliases...) {
			l.root.Add(n, Ref{Kind: Person, Name: t.Person})
		}
		if t.Surname != "" {
			l.root.Add(t.Surname, Ref{Kind: Surname, Name: t.Person})
		}
	}
	// The generated tables, where the curated ones are silent.
	for i := range g.Actors {
		a := &g.Actors[i]
		k := Actor
		if a.Kind == kg.Organization {
			k = ActorOrg
		}
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			if len(text.Keys(n)) < 2 && k == Actor {
				continue // a person is named by two words or more
			}
			l.addNew(n, Ref{Kind: k, Name: a.Name})
		}
	}
	for i := range g.Cities {
		c := &g.Cities[i]
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			l.addNew(n, Ref{Kind: City, Name: c.Name})
			if short := withoutArticle(n); short != "" {
				l.addNew(short, Ref{Kind: City, Name: c.Name})
			}
		}
	}
	l.flat, l.root = freeze(l.root), nil
	return l
}

// addNew files r under name unless a curated table already files
// something there, or it is a word of the language (a city named "Of" or
// "May", a company named "Energy"): those lower-case spellings are left to
// the rules of context.
func (l *Lexicon) addNew(name string, r Ref) {
	if n := l.find(text.Keys(name)); n != nil && len(n.Refs) > 0 {
		return
	}
	l.root.Add(name, r)
}

// find returns the trie node of keys, nil when there is none.
func (l *Lexicon) find(keys []string) *Trie {
	n := l.root
	for _, k := range keys {
		if n = n.Next[k]; n == nil {
			return nil
		}
	}
	return n
}

// withoutArticle returns a name without its leading Arabic article ("En
// Nâqoûra" → "Nâqoûra"), "" when it has none: English text often leaves it
// out.
func withoutArticle(name string) string {
	first, rest, ok := strings.Cut(name, " ")
	if !ok || rest == "" {
		first, rest, ok = strings.Cut(name, "-")
	}
	if !ok || rest == "" {
		return ""
	}
	switch strings.ToLower(first) {
	case "al", "el", "an", "en", "ad", "ed", "as", "es", "ar", "er", "ash", "esh", "at", "et", "az", "ez":
		return rest
	}
	return ""
}

// Longest returns the longest gazetteer name that starts at token i and
// whose case fits: the first word capitalized (names are), and acronyms in
// capitals.
func (l *Lexicon) Longest(toks []text.Token, i int) (Match, bool) {
	if !toks[i].Upper() && !articleBeforeName(toks, i) {
		return Match{}, false
	}
	var best Match
	found := false
	f := l.flat
	var n uint32
	for j := i; j < len(toks); j++ {
		// Gazetteer names may hold a comma ("Portsmouth, New Hampshire")
		// or a possessive ("Gentlemen's Agreement").
		if j > i && !text.Adjacent(toks[j-1], toks[j]) && (toks[j].Sep != ", " || toks[j-1].Possessive) && !possessiveInName(toks[j-1], toks[j]) {
			break
		}
		var ok bool
		if n, ok = f.next(n, toks[j].Key); !ok {
			break
		}
		var refs []Ref
		for _, fr := range f.refsOf(n) {
			r := f.ref(fr)
			if r.exact && !sameLetters(toks[i:j+1], r.form) {
				continue
			}
			refs = append(refs, r)
		}
		if len(refs) > 0 {
			best, found = Match{First: i, Last: j, Refs: refs}, true
		}

	}
	return best, found
}

// articleBeforeName reports whether token i is the Arabic article that
// news writes in lower case at the head of a name: "al-Qaeda", "al
// Shabaab".
func articleBeforeName(toks []text.Token, i int) bool {
	k := toks[i].Key
	return (k == "al" || k == "el") && i+1 < len(toks) && toks[i+1].Upper() && (text.Adjacent(toks[i], toks[i+1]) || toks[i+1].Sep == "-")
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
