// Package loader turns articles into graph batches: it extracts people,
// states, places, organizations, treaties, events and dated edges from the
// documents package read gives, by rules and the embedded gazetteer
// (extract.go, people.go, treaties.go, claims.go; events from a trigger
// lexicon, triggers.go, to mentions, events.go, with their actors,
// eventactors.go, and dates, eventdates.go, merged into events,
// eventrecord.go, with wars.go and releases.go) over the words, sentences
// and phrases package text finds, on every CPU in input order
// (pipeline.go), and writes them to a kg.Store in batches (load.go).
package loader

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/gazetteer"
	"github.com/diplograph/diplograph/loader/lexicon"
	"github.com/diplograph/diplograph/loader/read"
	"github.com/diplograph/diplograph/loader/text"
	"github.com/diplograph/diplograph/loader/timex"
)

// Result is what extraction finds in one article.
type Result struct {
	Article  kg.Article
	Entities []kg.Entity
	Edges    []kg.Edge
	Timexes  []Timex
}

// Timex is a temporal expression found in an article, with code point
// offsets into the article text.
type Timex struct {
	Article string `json:"article"`
	Text    string `json:"text"`
	Value   string `json:"value"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

// mention is a span of the body that refers to an entity.
type mention struct {
	start, end int // byte offsets
	sent       int
	id         string // entity id
	text       string
	possessive bool
	// place is true when a capital or place name is used as a location
	// ("met in Moscow") rather than as an actor ("Moscow rejected").
	place bool
}

// extraction holds the state of extracting one article.
type extraction struct {
	lex       *lexicon.Lexicon
	doc       read.Document
	articleID string
	text      string
	bodyStart int // byte offset of the body in text, after the title
	published kg.Date
	toks      text.Tokens
	sents     []text.Span
	tokSent   []int // sentence index of each token
	offs      *text.Offsets
	timexes   []timex.Timex

	mentions []mention
	// byStart is mentions sorted by start, for mentionsIn.
	byStart []mention
	// covered marks tokens already claimed by a mention or a title.
	covered []bool
	ents    map[string]*kg.Entity
	ids     map[entityKey]string // kg.EntityID of each kind and name, computed once
	order   []string             // entity ids in order of first mention
	edges   map[string]*kg.Edge
	// personState remembers the state each person acts for, from the
	// title in the text or the office data.
	personState map[string]string
	personRole  map[string]string
	// gazTreaties are the treaty names found first, before other names.
	gazTreaties []*treatyMention
	// placeIn records the state each place lies in and the sentence that
	// named the place; linkPlaces turns them into LOCATED_IN edges.
	placeIn map[string]placeState
	// quotes are the spans of quoted speech, computed on first use.
	quotes []text.Span
	// author is the person who writes in the first person, if any.
	author string
	// surnames caches the folded last name of each person entity.
	surnames map[string]string
}

// entityKey is an entity's kind and canonical name.
type entityKey struct {
	kind kg.Kind
	name string
}

type placeState struct {
	state string
	sent  int
}

// Extract finds the entities, events, treaties, dated edges and temporal
// expressions of one document. It uses only the embedded gazetteer and
// rules; it never fails, it finds less. A long document is extracted in
// parts (see ExtractContext).
func Extract(doc read.Document) *Result {
	r, _ := ExtractContext(context.Background(), doc)
	return r
}

// extract is Extract for one part of at most maxPart bytes.
func extract(doc read.Document) *Result {
	x := &extraction{
		lex:         lexicon.Default(),
		doc:         doc,
		articleID:   kg.ArticleID(doc.Key),
		text:        doc.Body,
		published:   doc.Published,
		ents:        map[string]*kg.Entity{},
		ids:         map[entityKey]string{},
		edges:       map[string]*kg.Edge{},
		personState: map[string]string{},
		personRole:  map[string]string{},
		placeIn:     map[string]placeState{},
		surnames:    map[string]string{},
	}
	// The headline is part of the article text: it names the story's
	// actors and often its date ("Abe To Go To Moscow Next Week").
	if doc.Title != "" {
		x.text = doc.Title + "\n\n" + doc.Body
		x.bodyStart = len(doc.Title) + 2
	}
	x.toks = text.Tokenize(x.text)
	x.covered = make([]bool, len(x.toks))
	x.sents = text.Sentences(x.text)
	x.tokSent = make([]int, len(x.toks))
	for i, t := range x.toks {
		x.tokSent[i] = x.sentenceAt(t.Start)
	}
	x.offs = text.NewOffsets(x.text)
	x.timexes = timex.Find(x.text, x.published)

	x.findTreatyNames()
	x.findTitledPeople()
	x.findGazetteerNames()
	x.findMinistries()
	x.findNamedPeople()
	x.findSurnames()
	x.findRoleAnaphors()
	x.findTreaties()
	x.findAuthor()
	x.findEvents()
	x.dateBySigning()
	x.findClaims()
	x.linkPlaces()
	x.linkSuccessions()
	return x.result()
}

func (x *extraction) sentenceAt(off int) int {
	i, _ := slices.BinarySearchFunc(x.sents, off, func(s text.Span, off int) int {
		switch {
		case s.End <= off:
			return -1
		case s.Start > off:
			return 1
		}
		return 0
	})
	return min(i, len(x.sents)-1)
}

// entity returns the entity with the given kind and canonical name,
// creating it on first use.
func (x *extraction) entity(k kg.Kind, name string) *kg.Entity {
	key := entityKey{k, name}
	id, ok := x.ids[key]
	if !ok {
		id = kg.EntityID(k, name)
		x.ids[key] = id
	}
	if e, ok := x.ents[id]; ok {
		return e
	}
	e := &kg.Entity{ID: id, Kind: k, Name: name, Attrs: map[string]string{}}
	x.ents[id] = e
	x.order = append(x.order, id)
	return e
}

// addMention records that text[start:end] names e.
func (x *extraction) addMention(e *kg.Entity, start, end int, possessive, place bool) {
	surface := x.text[start:end]
	m := mention{start: start, end: end, sent: x.sentenceAt(start), id: e.ID, text: surface, possessive: possessive, place: place}
	x.mentions = append(x.mentions, m)
	if surface != e.Name && !slices.Contains(e.Aliases, surface) {
		e.Aliases = append(e.Aliases, surface)
	}
}

func (x *extraction) cover(first, last int) {
	for i := first; i <= last; i++ {
		x.covered[i] = true
	}
}

func (x *extraction) free(first, last int) bool {
	for i := first; i <= last; i++ {
		if x.covered[i] {
			return false
		}
	}
	return true
}

// evidence cites sentence s.
func (x *extraction) evidence(s int) kg.Evidence {
	sp := x.sents[s]
	return kg.Evidence{
		Article:  x.articleID,
		Sentence: s,
		Quote:    x.text[sp.Start:sp.End],
		Start:    x.offs.Of(sp.Start),
		End:      x.offs.Of(sp.End),
	}
}

// edge adds (or adds evidence to) an edge.
func (x *extraction) edge(t kg.EdgeType, from, to, role string, date, end kg.Date, status kg.Status, sent int) *kg.Edge {
	id := kg.EdgeID(t, from, to, role)
	e, ok := x.edges[id]
	if !ok {
		e = &kg.Edge{ID: id, Type: t, From: from, To: to, Role: role}
		x.edges[id] = e
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

// stateOn maps a state to the one that existed on date d: "Russia" in a
// sentence about 1956 is the Soviet Union, and in 1905 the Russian Empire,
// because a treaty or meeting of that year was theirs. A state keeps its
// name when d is zero or within its existence, and also when no state
// preceded it on d.
func (x *extraction) stateOn(name string, d kg.Date) string {
	s, _ := x.stateExisting(name, d)
	return s
}

// stateExisting is stateOn that also says whether any state stood for the
// name on d: "India" in 1905 names a place, not a state. The walk through
// predecessors is the gazetteer's StateOn.
func (x *extraction) stateExisting(name string, d kg.Date) (string, bool) {
	if d.IsZero() {
		return name, true
	}
	s, ok := x.lex.Gaz.StateOn(name, d)
	if !ok {
		return name, true
	}
	existed := s.From.IsZero() || !d.Last().Before(s.From.First())
	return s.Name, existed
}

// timeAt is the date a mention at off is read against: the publication
// date of news; for an undated text (a history essay), the last date the
// narrative reached before off.
func (x *extraction) timeAt(off int) kg.Date {
	if !x.published.IsZero() {
		return x.published
	}
	var d kg.Date
	for i, t := range x.timexes {
		if t.Start >= off {
			break
		}
		if !t.Date.IsZero() && !x.rangeEnd(i) {
			d = t.Date
		}
	}
	return d
}

// rangeEnd reports whether timex i is the end of a range whose start is
// the timex before it ("In 1947–1948, …", "between late 1907 and early
// 1908"): the narrative is at the range's start, which that timex gives.
func (x *extraction) rangeEnd(i int) bool {
	if i == 0 {
		return false
	}
	prev, t := x.timexes[i-1], x.timexes[i]
	return !prev.EndDate.IsZero() && prev.EndDate == t.Date && t.Start-prev.End <= len(" and ")
}

// holders returns the office tenures of a person name that cover the
// article's date (or all of them when the article has none).
func (x *extraction) holders(name string) []gazetteer.Tenure {
	return x.lex.Gaz.HoldersOn(name, x.published)
}

func (x *extraction) result() *Result {
	title := x.doc.Title
	if title == "" {
		title = firstWords(x.doc.Body, 12)
	}
	r := &Result{Article: kg.Article{
		ID: x.articleID, Title: title, URL: x.doc.URL, Published: x.published, Source: x.doc.Source, Text: x.text,
	}}
	for _, id := range x.order {
		e := x.ents[id]
		if len(e.Attrs) == 0 {
			e.Attrs = nil
		}
		e.Aliases = kg.CleanAliases(e.Name, e.Aliases)
		r.Entities = append(r.Entities, *e)
	}
	for _, e := range x.edges {
		r.Edges = append(r.Edges, *e)
	}
	sortEdges(r.Edges)
	for _, t := range x.timexes {
		r.Timexes = append(r.Timexes, Timex{
			Article: x.articleID, Text: t.Text, Value: t.Value,
			Start: x.offs.Of(t.Start), End: x.offs.Of(t.End),
		})
	}
	return r
}

// sortEdges puts edges in the order results keep them: by type, ends and
// role.
func sortEdges(edges []kg.Edge) {
	slices.SortFunc(edges, func(a, b kg.Edge) int {
		return cmp.Or(cmp.Compare(a.Type, b.Type), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(a.Role, b.Role))
	})
}

// mentionsAt returns the mentions that start at byte off.
func (x *extraction) mentionsAt(off int) []mention {
	i := x.firstMentionFrom(off)
	n := i
	for n < len(x.byStart) && x.byStart[n].start == off {
		n++
	}
	return x.byStart[i:n:n]
}

// firstMentionFrom returns the index in byStart of the first mention that
// starts at or after byte off. The event rules ask for mentions many times
// per trigger; mentions are only ever appended, so a copy sorted by start,
// into which new ones are merged, answers by binary search.
func (x *extraction) firstMentionFrom(off int) int {
	if n := len(x.byStart); n != len(x.mentions) {
		// Sort the mentions added since, and merge them in: on equal
		// starts the earlier mention first, as a stable sort of all would.
		added := slices.Clone(x.mentions[n:])
		byStart := func(a, b mention) int { return cmp.Compare(a.start, b.start) }
		slices.SortStableFunc(added, byStart)
		merged := make([]mention, 0, len(x.mentions))
		i, j := 0, 0
		for i < n && j < len(added) {
			if added[j].start < x.byStart[i].start {
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
	i, _ := slices.BinarySearchFunc(x.byStart, off, func(m mention, off int) int { return cmp.Compare(m.start, off) })
	return i
}

// mentionsIn returns the mentions that lie within [start, end), in text
// order.
func (x *extraction) mentionsIn(start, end int) []mention {
	i := x.firstMentionFrom(start)
	var out []mention
	for ; i < len(x.byStart) && x.byStart[i].start < end; i++ {
		if x.byStart[i].end <= end {
			out = append(out, x.byStart[i])
		}
	}
	return out
}

// kindOf returns the kind of the entity a mention names.
func (x *extraction) kindOf(m mention) kg.Kind { return x.ents[m.id].Kind }

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		return strings.Join(f[:n], " ") + "…"
	}
	return strings.Join(f, " ")
}

// quoted reports whether byte off lies inside quotation marks: between
// “ and ”, “ and ”, or two straight quotes of one paragraph.
func (x *extraction) quoted(off int) bool {
	if x.quotes == nil {
		x.quotes = text.Quotes(x.text)
	}
	for _, q := range x.quotes {
		if q.Start <= off && off < q.End {
			return true
		}
	}
	return false
}
