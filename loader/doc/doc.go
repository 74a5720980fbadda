// Package doc holds one document under extraction: its text with the
// tokens, sentences and temporal expressions found in it, and the
// mentions, entities and edges the stages of extraction have found so far,
// with the helpers every stage uses to read and add to them (Entity,
// AddMention, Edge, MentionsIn, SentenceAt, TimeAt, StateOn,
// NotePersonOffice...). The stages (packages recognize, resolve,
// treaties and events) each read what the earlier ones found; sharing this
// one state is what lets them live in packages of their own.
package doc

import (
	"cmp"
	"slices"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/gazetteer"
	"github.com/diplograph/diplograph/loader/lexicon"
	"github.com/diplograph/diplograph/loader/read"
	"github.com/diplograph/diplograph/loader/text"
	"github.com/diplograph/diplograph/loader/timex"
)

// Mention is a span of the text that refers to an entity.
type Mention struct {
	Start, End int    // byte offsets
	Sent       int    // index of its sentence in Doc.Sents
	ID         string // entity id
	Text       string
	Possessive bool
	// Place is true when a capital or place name is used as a location
	// ("met in Moscow") rather than as an actor ("Moscow rejected").
	Place bool
}

// Doc holds the state of extracting one article (or one part of a long
// one). Its fields are exported for the stages, which read them all and
// add to them mostly through the methods below.
type Doc struct {
	Lex       *lexicon.Lexicon
	ArticleID string
	Text      string
	BodyStart int // byte offset of the body in text, after the title
	Published kg.Date
	Toks      text.Tokens
	Sents     []text.Span
	TokSent   []int // sentence index of each token
	Offs      *text.Offsets
	Timexes   []timex.Timex

	Mentions []Mention
	// byStart is mentions sorted by start, for MentionsIn.
	byStart []Mention
	// Covered marks tokens already claimed by a mention or a title.
	Covered []bool
	Ents    map[string]*kg.Entity
	ids     map[entityKey]string // kg.EntityID of each kind and name, computed once
	Order   []string             // entity ids in order of first mention
	Edges   map[string]*kg.Edge
	// PersonState remembers the state each person acts for, from the
	// title in the text or the office data.
	PersonState map[string]string
	PersonRole  map[string]string
	// PlaceIn records the state each place lies in and the sentence that
	// named the place; recognize.LinkPlaces turns them into LOCATED_IN edges.
	PlaceIn map[string]PlaceState
	// quotes are the spans of quoted speech, computed on first use.
	quotes []text.Span
	// Author is the person who writes in the first person, if any.
	Author string
	// surnames caches the folded last name of each person entity.
	surnames map[string]string
	// lowerKeys are the keys of the words the text writes in lower case,
	// computed on first use.
	lowerKeys map[string]bool
	// longest remembers Longest's answer at each token.
	longest []longestAt
	// Refs are the reference datasets the document's facts cite (see
	// Cite), by article id: extraction returns them beside the article, so
	// that a store keeps them as the sources of those facts.
	Refs map[string]kg.Article
}

// entityKey is an entity's kind and canonical name.
type entityKey struct {
	kind kg.Kind
	name string
}

// PlaceState is the state a place lies in and the sentence that named the
// place.
type PlaceState struct {
	State string
	Sent  int
	// Source is the reference table that says where the place lies.
	Source gazetteer.Dataset
}

// New prepares d for extraction: its text (headline and body), tokens,
// sentences and temporal expressions, with nothing found in it yet.
func New(lex *lexicon.Lexicon, d read.Document) *Doc {
	x := &Doc{
		Lex:         lex,
		ArticleID:   kg.ArticleID(d.Key),
		Text:        d.Body,
		Published:   d.Published,
		Ents:        map[string]*kg.Entity{},
		ids:         map[entityKey]string{},
		Edges:       map[string]*kg.Edge{},
		PersonState: map[string]string{},
		PersonRole:  map[string]string{},
		PlaceIn:     map[string]PlaceState{},
		surnames:    map[string]string{},
		Refs:        map[string]kg.Article{},
	}
	// The headline is part of the article text: it names the story's
	// actors and often its date ("Abe To Go To Moscow Next Week").
	if d.Title != "" {
		x.Text = d.Title + "\n\n" + d.Body
		x.BodyStart = len(d.Title) + 2
	}
	x.Toks = text.Tokenize(x.Text)
	x.Covered = make([]bool, len(x.Toks))
	x.Sents = text.Sentences(x.Text)
	x.TokSent = make([]int, len(x.Toks))
	for i, t := range x.Toks {
		x.TokSent[i] = x.SentenceAt(t.Start)
	}
	x.Offs = text.NewOffsets(x.Text)
	x.Timexes = timex.Find(x.Text, x.Published)
	return x
}

// SentenceAt returns the index of the sentence that holds byte off, or of
// the last sentence when off lies after it.
func (x *Doc) SentenceAt(off int) int {
	i, _ := text.SpanAt(x.Sents, off)
	return min(i, len(x.Sents)-1)
}

// Entity returns the entity with the given kind and canonical name,
// creating it on first use.
func (x *Doc) Entity(k kg.Kind, name string) *kg.Entity {
	key := entityKey{k, name}
	id, ok := x.ids[key]
	if !ok {
		id = kg.EntityID(k, name)
		x.ids[key] = id
	}
	if e, ok := x.Ents[id]; ok {
		return e
	}
	e := &kg.Entity{ID: id, Kind: k, Name: name, Attrs: map[string]string{}}
	x.Ents[id] = e
	x.Order = append(x.Order, id)
	return e
}

// AddMention records that text[start:end] names e.
func (x *Doc) AddMention(e *kg.Entity, start, end int, possessive, place bool) {
	surface := x.Text[start:end]
	m := Mention{Start: start, End: end, Sent: x.SentenceAt(start), ID: e.ID, Text: surface, Possessive: possessive, Place: place}
	x.Mentions = append(x.Mentions, m)
	if surface != e.Name && !slices.Contains(e.Aliases, surface) {
		e.Aliases = append(e.Aliases, surface)
	}
}

// Cover marks tokens first..last as claimed by a name, which later rules
// leave alone.
func (x *Doc) Cover(first, last int) {
	for i := first; i <= last; i++ {
		x.Covered[i] = true
	}
}

// Free reports whether no name has claimed any of tokens first..last.
func (x *Doc) Free(first, last int) bool {
	for i := first; i <= last; i++ {
		if x.Covered[i] {
			return false
		}
	}
	return true
}

// evidence cites sentence s.
func (x *Doc) evidence(s int) kg.Evidence {
	sp := x.Sents[s]
	return kg.Evidence{
		Article:  x.ArticleID,
		Sentence: s,
		Quote:    x.Text[sp.Start:sp.End],
		Start:    x.Offs.Of(sp.Start),
		End:      x.Offs.Of(sp.End),
	}
}

// Edge adds (or adds evidence to) an edge.
func (x *Doc) Edge(t kg.EdgeType, from, to, role string, date, end kg.Date, status kg.Status, sent int) *kg.Edge {
	return x.edge(kg.EdgeID(t, from, to, role), t, from, to, role, date, end, status, sent)
}

// Cite adds reference evidence to an edge: a record of a reference
// dataset that supports it, or its dates, where no sentence of the article
// does.
func (x *Doc) Cite(e *kg.Edge, ds gazetteer.Dataset, ev kg.Evidence) {
	x.Refs[ds.ID()] = ds.Article()
	if !slices.ContainsFunc(e.Evidence, ev.SameSentence) {
		e.Evidence = append(e.Evidence, ev)
	}
}

// Names reports whether sentence sent names entity id by name: a mention of
// it there that holds a word of its name ("Abe", "Shinzo Abe"), not a role
// ("the Prime Minister") or a pronoun. Only such a sentence is evidence for
// what reference data says of the entity.
func (x *Doc) Names(id string, sent int) bool {
	if sent < 0 {
		return false
	}
	e := x.Ents[id]
	if e == nil {
		return false
	}
	keys := text.Keys(e.Name)
	sp := x.Sents[sent]
	for _, m := range x.MentionsIn(sp.Start, sp.End) {
		if m.ID != id {
			continue
		}
		for _, k := range text.Keys(m.Text) {
			if slices.Contains(keys, k) {
				return true
			}
		}
	}
	return false
}

func (x *Doc) edge(id string, t kg.EdgeType, from, to, role string, date, end kg.Date, status kg.Status, sent int) *kg.Edge {
	e, ok := x.Edges[id]
	if !ok {
		e = &kg.Edge{ID: id, Type: t, From: from, To: to, Role: role}
		x.Edges[id] = e
	}
	if e.Date.IsZero() || (!date.IsZero() && date.Precision() > e.Date.Precision()) {
		e.Date, e.End = date, end
	}
	if status != "" {
		e.Status = status
	}
	if sent >= 0 {
		ev := x.evidence(sent)
		if !slices.ContainsFunc(e.Evidence, func(o kg.Evidence) bool { return o.Sentence == ev.Sentence }) {
			e.Evidence = append(e.Evidence, ev)
		}
	}
	return e
}

// StateOn maps a state to the one that existed on date d: "Russia" in a
// sentence about 1956 is the Soviet Union, and in 1905 the Russian Empire,
// because a treaty or meeting of that year was theirs. A state keeps its
// name when d is zero or within its existence, and also when no state
// preceded it on d.
func (x *Doc) StateOn(name string, d kg.Date) string {
	s, _ := x.StateExisting(name, d)
	return s
}

// StateExisting is StateOn that also says whether any state stood for the
// name on d: "India" in 1905 names a place, not a state. The walk through
// predecessors is the gazetteer's StateOn.
func (x *Doc) StateExisting(name string, d kg.Date) (string, bool) {
	if d.IsZero() {
		return name, true
	}
	s, ok := x.Lex.Gaz.StateOn(name, d)
	if !ok {
		return name, true
	}
	existed := s.From.IsZero() || !d.Last().Before(s.From.First())
	return s.Name, existed
}

// TimeAt is the date a mention at off is read against: the publication
// date of news; for an undated text (a history essay), the last date the
// narrative reached before off.
func (x *Doc) TimeAt(off int) kg.Date {
	if !x.Published.IsZero() {
		return x.Published
	}
	var d kg.Date
	for i, t := range x.Timexes {
		if t.Start >= off {
			break
		}
		if !t.Date.IsZero() && !x.RangeEnd(i) {
			d = t.Date
		}
	}
	return d
}

// RangeEnd reports whether timex i is the end of a range whose start is
// the timex before it ("In 1947–1948, …", "between late 1907 and early
// 1908"): the narrative is at the range's start, which that timex gives.
func (x *Doc) RangeEnd(i int) bool {
	if i == 0 {
		return false
	}
	prev, t := x.Timexes[i-1], x.Timexes[i]
	return !prev.EndDate.IsZero() && prev.EndDate == t.Date && t.Start-prev.End <= len(" and ")
}

// longestAt is a remembered answer of the lexicon at one token.
type longestAt struct {
	m        lexicon.Match
	ok, done bool
}

// Longest returns the longest gazetteer name that starts at token i
// (lexicon.Lexicon.Longest), computed once per token: the rules ask about
// the same tokens many times, and the tables no longer change.
func (x *Doc) Longest(i int) (lexicon.Match, bool) {
	if x.longest == nil {
		x.longest = make([]longestAt, len(x.Toks))
	}
	c := &x.longest[i]
	if !c.done {
		c.m, c.ok = x.Lex.Longest(x.Toks, i)
		c.done = true
	}
	return c.m, c.ok
}

// Holders returns the office tenures of a person name that cover the
// article's date (or all of them when the article has none).
func (x *Doc) Holders(name string) []gazetteer.Tenure {
	return x.Lex.Gaz.HoldersOn(name, x.Published)
}

// MentionsAt returns the mentions that start at byte off.
func (x *Doc) MentionsAt(off int) []Mention {
	i := x.firstMentionFrom(off)
	n := i
	for n < len(x.byStart) && x.byStart[n].Start == off {
		n++
	}
	return x.byStart[i:n:n]
}

// firstMentionFrom returns the index in byStart of the first mention that
// starts at or after byte off. The event rules ask for mentions many times
// per trigger; mentions are only ever appended, so a copy sorted by start,
// into which new ones are merged, answers by binary search.
func (x *Doc) firstMentionFrom(off int) int {
	if n := len(x.byStart); n != len(x.Mentions) {
		// Sort the mentions added since, and merge them in: on equal
		// starts the earlier mention first, as a stable sort of all would.
		added := slices.Clone(x.Mentions[n:])
		byStart := func(a, b Mention) int { return cmp.Compare(a.Start, b.Start) }
		slices.SortStableFunc(added, byStart)
		merged := make([]Mention, 0, len(x.Mentions))
		i, j := 0, 0
		for i < n && j < len(added) {
			if added[j].Start < x.byStart[i].Start {
				merged = append(merged, added[j])
				j++
			} else {
				merged = append(merged, x.byStart[i])
				i++
			}
		}
		merged = append(append(merged, x.byStart[i:]...), added[j:]...)
		x.byStart = merged
	}
	i, _ := slices.BinarySearchFunc(x.byStart, off, func(m Mention, off int) int { return cmp.Compare(m.Start, off) })
	return i
}

// MentionsIn returns the mentions that lie within [start, end), in text
// order.
func (x *Doc) MentionsIn(start, end int) []Mention {
	i := x.firstMentionFrom(start)
	var out []Mention
	for ; i < len(x.byStart) && x.byStart[i].Start < end; i++ {
		if x.byStart[i].End <= end {
			out = append(out, x.byStart[i])
		}
	}
	return out
}

// Quoted reports whether byte off lies inside quotation marks: between
// “ and ”, “ and ”, or two straight quotes of one paragraph.
func (x *Doc) Quoted(off int) bool {
	if x.quotes == nil {
		x.quotes = text.Quotes(x.Text)
	}
	for _, q := range x.quotes {
		if q.Start <= off && off < q.End {
			return true
		}
	}
	return false
}

// StateMentionAt returns the state a mention starting at byte off names.
func (x *Doc) StateMentionAt(off int) string {
	for _, m := range x.Mentions {
		if m.Start <= off && off < m.End && !m.Place {
			if e := x.Ents[m.ID]; e.Kind == kg.State {
				return e.Name
			}
		}
	}
	return ""
}

// Union appends to a the elements of b it lacks, in their order: the
// stages merge sets of ids, names and words this way, where the order they
// were found in decides what comes first in names and output.
func Union(a, b []string) []string {
	for _, s := range b {
		if !slices.Contains(a, s) {
			a = append(a, s)
		}
	}
	return a
}

// InLowerCase reports whether the text writes the word of key k in lower
// case somewhere: then a capitalized k is that word at a sentence start or
// in a headline, not a name.
func (x *Doc) InLowerCase(k string) bool {
	if x.lowerKeys == nil {
		x.lowerKeys = map[string]bool{}
		for _, t := range x.Toks {
			if !t.Upper() {
				x.lowerKeys[t.Key] = true
			}
		}
	}
	return x.lowerKeys[k]
}

// InTitleCaseHeadline reports whether token i lies in a headline written
// in title case or capitals, where a capital letter says nothing about a
// word being a name.
func (x *Doc) InTitleCaseHeadline(i int) bool {
	if x.BodyStart == 0 || x.Toks[i].Start >= x.BodyStart {
		return false
	}
	words, caps := 0, 0
	for _, t := range x.Toks {
		if t.Start >= x.BodyStart {
			break
		}
		if len(t.Key) > 3 {
			words++
			if t.Upper() {
				caps++
			}
		}
	}
	return words > 0 && caps*10 >= words*7
}

// InTimex reports whether byte off lies in a temporal expression: "the
// Compact Review Agreement on September 19" ends before "on".
func (x *Doc) InTimex(off int) bool {
	for _, tx := range x.Timexes {
		if tx.Start <= off && off < tx.End {
			return true
		}
	}
	return false
}
