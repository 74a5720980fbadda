// Package kg holds diplograph's domain: the entities, dated edges, evidence
// and articles of the knowledge graph, the Store interface every storage
// engine implements, and the error codes shared by all layers. It imports the
// standard library only, so that every adapter can depend on it and on
// nothing else of the project's.
package kg

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"unicode"
)

// Kind is what an entity is.
type Kind string

// Entity kinds.
const (
	Person       Kind = "PERSON"
	State        Kind = "STATE"
	Organization Kind = "ORGANIZATION"
	Place        Kind = "PLACE"
	Treaty       Kind = "TREATY"
	Event        Kind = "EVENT"
)

// Kinds lists every Kind in a fixed order.
var Kinds = []Kind{Person, State, Organization, Place, Treaty, Event}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// EventType classifies an EVENT entity.
type EventType string

// Event types.
const (
	Meeting    EventType = "MEETING"
	Visit      EventType = "VISIT"
	Talks      EventType = "TALKS"
	Summit     EventType = "SUMMIT"
	Conference EventType = "CONFERENCE"
	Call       EventType = "CALL"
	Signing    EventType = "SIGNING"
	Statement  EventType = "STATEMENT"
	Summons    EventType = "SUMMONS"
	War        EventType = "WAR"
	OtherEvent EventType = "OTHER"
)

// EventTypes lists every EventType.
var EventTypes = []EventType{Meeting, Visit, Talks, Summit, Conference, Call, Signing, Statement, Summons, War, OtherEvent}

// Valid reports whether t is one of EventTypes.
func (t EventType) Valid() bool { return slices.Contains(EventTypes, t) }

// Status is the state of an event or a treaty, and of the edges that tie
// parties to them. Events use OCCURRED, PLANNED, CANCELLED and FAILED;
// treaties SIGNED, IN_FORCE, PROPOSED, IN_NEGOTIATION, FAILED and TERMINATED.
type Status string

// Statuses.
const (
	Occurred      Status = "OCCURRED"
	Planned       Status = "PLANNED"
	Cancelled     Status = "CANCELLED"
	Failed        Status = "FAILED"
	Signed        Status = "SIGNED"
	InForce       Status = "IN_FORCE"
	Proposed      Status = "PROPOSED"
	InNegotiation Status = "IN_NEGOTIATION"
	Terminated    Status = "TERMINATED"
)

// EventStatuses and TreatyStatuses list the statuses each kind may carry.
var (
	EventStatuses  = []Status{Occurred, Planned, Cancelled, Failed}
	TreatyStatuses = []Status{Signed, InForce, Proposed, InNegotiation, Failed, Terminated}
	Statuses       = []Status{Occurred, Planned, Cancelled, Failed, Signed, InForce, Proposed, InNegotiation, Terminated}
)

// Valid reports whether s is one of Statuses.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// EdgeType is the relation an edge asserts, read from From to To.
type EdgeType string

// Edge types. The comment gives the direction.
const (
	ParticipatedIn EdgeType = "PARTICIPATED_IN" // person, state or organization → event
	HeldIn         EdgeType = "HELD_IN"         // event → place
	PartyTo        EdgeType = "PARTY_TO"        // state or organization → treaty
	SignedEdge     EdgeType = "SIGNED"          // person → treaty
	HoldsOffice    EdgeType = "HOLDS_OFFICE"    // person → state or organization (Role names the office)
	AlliedWith     EdgeType = "ALLIED_WITH"     // state → state
	Claims         EdgeType = "CLAIMS"          // state → place
	BasedOn        EdgeType = "BASED_ON"        // treaty or event → treaty
	SucceededBy    EdgeType = "SUCCEEDED_BY"    // historical state → successor; treaty → its replacement
	Concerns       EdgeType = "CONCERNS"        // event → treaty or place it is about
	LocatedIn      EdgeType = "LOCATED_IN"      // place → state
	WithdrewFrom   EdgeType = "WITHDREW_FROM"   // state or organization → treaty it withdrew or departed from, suspended or renounced (Role says which)
	AmendedBy      EdgeType = "AMENDED_BY"      // treaty → the treaty or protocol that amended it
	Mentions       EdgeType = "MENTIONS"        // article → entity
)

// EdgeTypes lists every EdgeType.
var EdgeTypes = []EdgeType{ParticipatedIn, HeldIn, PartyTo, SignedEdge, HoldsOffice, AlliedWith, Claims, BasedOn, SucceededBy, Concerns, LocatedIn, WithdrewFrom, AmendedBy, Mentions}

// Valid reports whether t is one of EdgeTypes.
func (t EdgeType) Valid() bool { return slices.Contains(EdgeTypes, t) }

// Direction selects which edges of an entity a query walks.
type Direction string

// Directions. OUT edges start at the entity, IN edges end at it.
const (
	Out  Direction = "OUT"
	In   Direction = "IN"
	Both Direction = "BOTH"
)

// Entity is a node of the graph: a person, state, organization, place,
// treaty or event.
type Entity struct {
	// ID is derived from Kind and Name by EntityID, so every loader that
	// finds the same thing produces the same ID.
	ID      string
	Kind    Kind
	Name    string
	Aliases []string // other names seen for it, Name excluded, each once
	// Date is when an event happened or a treaty was signed; End closes a
	// range (a war, a conference over several days). Zero when unknown.
	Date Date
	End  Date
	// EventType is set for events only.
	EventType EventType
	// Status is set for events and treaties only.
	Status Status
	// Attrs holds kind-specific facts with string values: "cameo" for
	// events, "iso3" for states, "role" and "state" for people.
	Attrs map[string]string
}

// Evidence ties a fact to the sentence it was read from.
type Evidence struct {
	Article  string // article ID, or a reference dataset's (see EvidenceKind)
	Sentence int    // 0-based index of the sentence in the article body
	Quote    string // the sentence, verbatim
	// Start and End are character (Unicode code point) offsets of Quote in
	// the article's Text, End exclusive.
	Start, End int
}

// EvidenceKind says what a piece of evidence is.
type EvidenceKind string

// Kinds of evidence. A fact the graph states cites what supports it: a
// sentence of an article that says it, or a record of a reference dataset
// (an office holder's term, a treaty's dates) that the loader added to
// what an article said. A reference dataset is stored as an Article whose
// id starts with ReferencePrefix, titled with the dataset's name and
// version; its evidence quotes the record, and Sentence numbers it.
const (
	ArticleEvidence   EvidenceKind = "ARTICLE"
	ReferenceEvidence EvidenceKind = "REFERENCE"
)

// ReferencePrefix starts the id of a reference dataset's Article.
const ReferencePrefix = "reference:"

// ReferenceID returns the Article id of a reference dataset.
func ReferenceID(dataset string) string { return ReferencePrefix + Slug(dataset) }

// Kind says whether e is an article's sentence, a reference record or a
// curation record (see CurationPrefix).
func (e Evidence) Kind() EvidenceKind {
	switch {
	case strings.HasPrefix(e.Article, ReferencePrefix):
		return ReferenceEvidence
	case strings.HasPrefix(e.Article, CurationPrefix):
		return CurationEvidence
	}
	return ArticleEvidence
}

// Edge is a typed, directed, optionally dated relation between two entities
// (or from an article to an entity, for MENTIONS).
type Edge struct {
	// ID is derived from Type, From, To and Role by EdgeID.
	ID   string
	Type EdgeType
	From string
	To   string
	// Role qualifies the relation: the office for HOLDS_OFFICE ("Foreign
	// Minister"), the part played for PARTICIPATED_IN ("host").
	Role     string
	Date     Date
	End      Date
	Status   Status
	Evidence []Evidence
}

// Sources returns the distinct articles whose sentences support e, in the
// order their evidence was recorded.
func (e *Edge) Sources() []string {
	var out []string
	for _, ev := range e.Evidence {
		if !slices.Contains(out, ev.Article) {
			out = append(out, ev.Article)
		}
	}
	return out
}

// SourceCount returns how many distinct articles support e.
func (e *Edge) SourceCount() int { return len(e.Sources()) }

// Article is a source document.
type Article struct {
	ID        string
	Title     string
	URL       string
	Published Date   // zero when the article gives no date of its own
	Source    string // where it was read from: a path, "stdin", a URL
	Text      string // the cleaned body that evidence offsets point into
}

// Batch is a unit of writing: a store puts a whole Batch in one transaction.
type Batch struct {
	Articles []Article
	Entities []Entity
	Edges    []Edge
}

// Len returns the number of items in b.
func (b *Batch) Len() int { return len(b.Articles) + len(b.Entities) + len(b.Edges) }

// Slug turns a name into the lower-case ASCII words of an id: accents are
// dropped where the letter has a plain Latin base, other letters are kept, and
// runs of anything else become one hyphen.
func Slug(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(name) {
		if base, ok := latinBase[r]; ok {
			r = base
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
			continue
		}
		if r == '\'' || r == '’' { // "Japan's" → "japans", not "japan-s"
			continue
		}
		hyphen = true
	}
	return b.String()
}

// EntityID returns the stable id of the entity of kind k named name:
// "state:japan", "treaty:soviet-japanese-joint-declaration".
func EntityID(k Kind, name string) string {
	return strings.ToLower(string(k)) + ":" + Slug(name)
}

// ArticleID returns the stable id of an article given its own key (a file
// name without extension, a JSON Lines id).
func ArticleID(key string) string { return "article:" + Slug(key) }

// EdgeID returns the stable id of an edge. Two edges with the same type,
// ends and role are the same fact; loading it again adds evidence only.
func EdgeID(t EdgeType, from, to, role string) string {
	h := sha256.Sum256([]byte(string(t) + "\x00" + from + "\x00" + to + "\x00" + strings.ToLower(role)))
	return "edge:" + hex.EncodeToString(h[:10])
}

// KindOfID returns the kind an entity id was made for, or "" when id is not
// an entity id.
func KindOfID(id string) Kind {
	prefix, _, ok := strings.Cut(id, ":")
	if !ok {
		return ""
	}
	k := Kind(strings.ToUpper(prefix))
	if !k.Valid() {
		return ""
	}
	return k
}

// latinBase maps accented Latin letters to their base letter, enough for the
// names news carries (Lavrov, Çavuşoğlu, Łukaszenko, Ødegaard). Ids only
// need to be stable and readable; search folds text with a full Unicode
// decomposition instead.
var latinBase = func() map[rune]rune {
	m := map[rune]rune{}
	groups := map[rune]string{
		'a': "àáâãäåāăąǎ", 'c': "çćĉċč", 'd': "ďđ", 'e': "èéêëēĕėęě",
		'g': "ĝğġģ", 'h': "ĥħ", 'i': "ìíîïĩīĭįı", 'j': "ĵ", 'k': "ķ",
		'l': "ĺļľŀł", 'n': "ñńņňŉ", 'o': "òóôõöøōŏőǒ", 'r': "ŕŗř",
		's': "śŝşšș", 't': "ţťŧț", 'u': "ùúûüũūŭůűųǔ", 'w': "ŵ",
		'y': "ýÿŷ", 'z': "źżž",
	}
	for base, letters := range groups {
		for _, r := range letters {
			m[r] = base
		}
	}
	m['ß'] = 's'
	m['æ'] = 'a'
	m['œ'] = 'o'
	return m
}()
