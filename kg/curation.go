package kg

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Curation is what people do to the graph by hand, beside what the loader
// extracts: merge two nodes of one thing, rename one, retract a wrong edge
// or a whole article, assert an edge the text never states. Every such
// change is a Curation record (who, when, what, why, and the state of each
// thing it touched before and after), kept in the store's curation log. A
// change is reversible: undoing a record is a new record whose Diff takes
// the things back by what the first one did (see Revert).
//
// A change also leaves Rules behind, which every Store applies to the
// batches it is given afterwards (see Rules.Apply), so that loading the
// same articles again, or their re-extraction by a newer loader, cannot
// undo it: an entity merged away stays merged, a retracted edge or article
// stays retracted, a renamed entity keeps its name.
//
// Curated facts cite the record: an edge asserted by hand carries evidence
// whose Article is the record's ID (CurationPrefix), of kind CURATION.

// CurationPrefix starts the id of a curation record.
const CurationPrefix = "curation:"

// CurationEvidence is the kind of evidence that cites a curation record.
const CurationEvidence EvidenceKind = "CURATION"

// CurationOp says what a curation record did.
type CurationOp string

// Curation operations.
const (
	OpIngestArticles CurationOp = "INGEST_ARTICLES" // articles added through the API
	OpMergeEntities  CurationOp = "MERGE_ENTITIES"  // nodes folded into one
	OpSplitEntity    CurationOp = "SPLIT_ENTITY"    // a merge undone
	OpUpdateEntity   CurationOp = "UPDATE_ENTITY"   // name, aliases, attributes, kind, date or status set
	OpRetractEdge    CurationOp = "RETRACT_EDGE"    // an edge removed, and kept out
	OpAssertEdge     CurationOp = "ASSERT_EDGE"     // an edge added by hand
	OpRetractArticle CurationOp = "RETRACT_ARTICLE" // an article and what only it supports removed, and kept out
	OpUndo           CurationOp = "UNDO"            // another record undone
)

// CurationOps lists every CurationOp.
var CurationOps = []CurationOp{OpIngestArticles, OpMergeEntities, OpSplitEntity, OpUpdateEntity, OpRetractEdge, OpAssertEdge, OpRetractArticle, OpUndo}

// Valid reports whether op is one of CurationOps.
func (op CurationOp) Valid() bool { return slices.Contains(CurationOps, op) }

// Curation is one record of the curation log.
type Curation struct {
	ID  string    // CurationPrefix and a unique suffix, chosen by the writer
	Seq int64     // the record's place in the log, set by the store
	At  time.Time // when the change was made
	// Who made it: the name of the token that authorized it.
	Who    string
	Op     CurationOp
	Reason string
	// Undoes is the record an UNDO or SPLIT_ENTITY record undoes;
	// UndoneBy, set by the store, the record that undid this one.
	Undoes   string `json:",omitempty"`
	UndoneBy string `json:",omitempty"`
	// Subjects are the ids of the entities, edges and articles the record
	// is about: curationLog(entity) lists the records naming the entity.
	Subjects []string
	Diff     Diff
}

// Diff is a change of the graph: every thing it touches with its state
// before and after. A nil Before means the thing did not exist; a nil
// After, that the change removes it.
type Diff struct {
	Entities []EntityDiff  `json:",omitempty"`
	Edges    []EdgeDiff    `json:",omitempty"`
	Articles []ArticleDiff `json:",omitempty"`
	Rules    []RuleDiff    `json:",omitempty"`
}

// EntityDiff is an entity before and after a change.
type EntityDiff struct{ Before, After *Entity }

// EdgeDiff is an edge before and after a change.
type EdgeDiff struct{ Before, After *Edge }

// ArticleDiff is an article before and after a change.
type ArticleDiff struct{ Before, After *Article }

// RuleDiff is a rule before and after a change.
type RuleDiff struct{ Before, After *Rule }

// ID returns the id of the entity d is about.
func (d EntityDiff) ID() string {
	if d.Before != nil {
		return d.Before.ID
	}
	if d.After != nil {
		return d.After.ID
	}
	return ""
}

// ID returns the id of the edge d is about.
func (d EdgeDiff) ID() string {
	if d.Before != nil {
		return d.Before.ID
	}
	if d.After != nil {
		return d.After.ID
	}
	return ""
}

// ID returns the id of the article d is about.
func (d ArticleDiff) ID() string {
	if d.Before != nil {
		return d.Before.ID
	}
	if d.After != nil {
		return d.After.ID
	}
	return ""
}

// Key returns the key of the rule d is about.
func (d RuleDiff) Key() RuleKey {
	if d.Before != nil {
		return d.Before.Key()
	}
	if d.After != nil {
		return d.After.Key()
	}
	return RuleKey{}
}

// IsEmpty reports whether d changes nothing.
func (d *Diff) IsEmpty() bool {
	return len(d.Entities) == 0 && len(d.Edges) == 0 && len(d.Articles) == 0 && len(d.Rules) == 0
}

// RuleKind says what a rule keeps.
type RuleKind string

// Kinds of rules.
const (
	// RuleRedirect: the entity ID was merged into Target; records of it
	// are written to Target, and its id resolves to Target.
	RuleRedirect RuleKind = "REDIRECT"
	// RuleRetractEdge: the edge ID is not written again.
	RuleRetractEdge RuleKind = "RETRACT_EDGE"
	// RuleRetractArticle: the article ID, and evidence citing it, are not
	// written again.
	RuleRetractArticle RuleKind = "RETRACT_ARTICLE"
	// RulePinEntity: the entity ID keeps the fields Entity pins.
	RulePinEntity RuleKind = "PIN_ENTITY"
	// RulePinEdge: the edge ID keeps the fields Edge pins.
	RulePinEdge RuleKind = "PIN_EDGE"
)

// Rule is what a curation leaves for later writes to respect.
type Rule struct {
	Kind RuleKind
	ID   string // the id of the entity, edge or article the rule is about
	// Record is the curation record that set the rule.
	Record string
	// Target, TargetKind and TargetName name the survivor of a merge
	// (RuleRedirect).
	Target     string     `json:",omitempty"`
	TargetKind Kind       `json:",omitempty"`
	TargetName string     `json:",omitempty"`
	Entity     *EntityPin `json:",omitempty"`
	Edge       *EdgePin   `json:",omitempty"`
}

// RuleKey identifies a rule: one of each kind per id.
type RuleKey struct {
	Kind RuleKind
	ID   string
}

// Key returns r's key.
func (r *Rule) Key() RuleKey { return RuleKey{r.Kind, r.ID} }

// String returns the key as "KIND key".
func (k RuleKey) String() string { return string(k.Kind) + " " + k.ID }

// EntityPin holds the fields of an entity a person set, which extraction
// does not change again.
type EntityPin struct {
	Name string `json:",omitempty"` // "" leaves the name to extraction
	// DropAliases are aliases a person removed; extraction does not add
	// them back.
	DropAliases []string          `json:",omitempty"`
	Attrs       map[string]string `json:",omitempty"` // attributes set by hand
	DropAttrs   []string          `json:",omitempty"` // attributes removed by hand
	// Date and End, when DatePinned, replace what extraction finds; so
	// does Status when StatusPinned.
	DatePinned   bool   `json:",omitempty"`
	Date         Date   `json:",omitempty"`
	End          Date   `json:",omitempty"`
	StatusPinned bool   `json:",omitempty"`
	Status       Status `json:",omitempty"`
	// AttrRecords names, for each attribute set by hand, the record that
	// set it: the attribute's source.
	AttrRecords map[string]string `json:",omitempty"`
}

// EdgePin holds the fields of an edge a person set.
type EdgePin struct {
	DatePinned   bool   `json:",omitempty"`
	Date         Date   `json:",omitempty"`
	End          Date   `json:",omitempty"`
	StatusPinned bool   `json:",omitempty"`
	Status       Status `json:",omitempty"`
}

// Rules is the set of rules in force, as a store holds them at one point
// of its curation log. It is immutable once built.
type Rules struct {
	// Version is the store's curation version the rules were read at.
	Version int64
	rules   map[RuleKey]*Rule
}

// NewRules returns the rule set of rs at version.
func NewRules(version int64, rs []*Rule) *Rules {
	m := make(map[RuleKey]*Rule, len(rs))
	for _, r := range rs {
		m[r.Key()] = r
	}
	return &Rules{Version: version, rules: m}
}

// Len returns the number of rules.
func (r *Rules) Len() int {
	if r == nil {
		return 0
	}
	return len(r.rules)
}

// Get returns the rule with key k, or nil.
func (r *Rules) Get(k RuleKey) *Rule {
	if r == nil {
		return nil
	}
	return r.rules[k]
}

// All returns the rules sorted by kind and key.
func (r *Rules) All() []*Rule {
	if r == nil {
		return nil
	}
	out := slices.Collect(maps.Values(r.rules))
	slices.SortFunc(out, func(a, b *Rule) int {
		return strings.Compare(string(a.Kind)+"\x00"+a.ID, string(b.Kind)+"\x00"+b.ID)
	})
	return out
}

// maxRedirects bounds a chain of merges followed by Resolve; a longer
// one (or a cycle, which no curation makes) stops there.
const maxRedirects = 64

// Resolve returns the entity id records of id are written to: id itself,
// or the survivor of the merges it went into, with its kind and name.
func (r *Rules) Resolve(id string) (target string, kind Kind, name string, redirected bool) {
	target = id
	for range maxRedirects {
		rule := r.Get(RuleKey{RuleRedirect, target})
		if rule == nil {
			break
		}
		target, kind, name, redirected = rule.Target, rule.TargetKind, rule.TargetName, true
	}
	return target, kind, name, redirected
}

// Apply returns b as the rules let it be written: records of merged
// entities go to their survivor (edges re-keyed by EdgeID), retracted
// edges and articles are left out, evidence citing a retracted article is
// dropped (and an edge left with none of the evidence it came with), and
// pinned fields replace what extraction found. b itself is not changed.
// With no rules, Apply returns b.
func (r *Rules) Apply(b *Batch) *Batch {
	if r.Len() == 0 || b == nil {
		return b
	}
	out := &Batch{}
	for _, a := range b.Articles {
		if r.Get(RuleKey{RuleRetractArticle, a.ID}) == nil {
			out.Articles = append(out.Articles, a)
		}
	}
	for _, e := range b.Entities {
		out.Entities = append(out.Entities, r.applyEntity(e))
	}
	for _, e := range b.Edges {
		if m, ok := r.applyEdge(e); ok {
			out.Edges = append(out.Edges, m)
		}
	}
	return out
}

func (r *Rules) applyEntity(e Entity) Entity {
	e.Aliases = slices.Clone(e.Aliases)
	e.Attrs = maps.Clone(e.Attrs)
	if target, kind, name, ok := r.Resolve(e.ID); ok {
		e.ID = target
		if kind != "" && kind != e.Kind {
			e.Kind = kind
			if kind != Event {
				e.EventType = ""
			}
			if kind != Event && kind != Treaty {
				e.Status = ""
			}
		}
		if name != "" && name != e.Name {
			e.Aliases = append(e.Aliases, e.Name)
			e.Name = name
		}
	}
	rule := r.Get(RuleKey{RulePinEntity, e.ID})
	if rule == nil || rule.Entity == nil {
		e.Aliases = CleanAliases(e.Name, e.Aliases)
		return e
	}
	pin := rule.Entity
	if pin.Name != "" && pin.Name != e.Name {
		e.Aliases = append(e.Aliases, e.Name)
		e.Name = pin.Name
	}
	if len(pin.DropAliases) > 0 {
		e.Aliases = slices.DeleteFunc(e.Aliases, func(a string) bool { return slices.Contains(pin.DropAliases, CollapseSpace(a)) })
	}
	e.Aliases = CleanAliases(e.Name, e.Aliases)
	for _, k := range pin.DropAttrs {
		delete(e.Attrs, k)
	}
	for k, v := range pin.Attrs {
		if e.Attrs == nil {
			e.Attrs = map[string]string{}
		}
		e.Attrs[k] = v
	}
	if pin.DatePinned {
		e.Date, e.End = pin.Date, pin.End
	}
	if pin.StatusPinned {
		e.Status = pin.Status
	}
	return e
}

func (r *Rules) applyEdge(e Edge) (Edge, bool) {
	if r.Get(RuleKey{RuleRetractEdge, e.ID}) != nil {
		return e, false
	}
	if e.Type == Mentions && r.Get(RuleKey{RuleRetractArticle, e.From}) != nil {
		return e, false
	}
	had := len(e.Evidence)
	e.Evidence = slices.DeleteFunc(slices.Clone(e.Evidence), func(ev Evidence) bool {
		return r.Get(RuleKey{RuleRetractArticle, ev.Article}) != nil
	})
	if had > 0 && len(e.Evidence) == 0 {
		return e, false
	}
	from, _, _, fromMoved := r.Resolve(e.From)
	to, _, _, toMoved := r.Resolve(e.To)
	if fromMoved || toMoved {
		e.From, e.To = from, to
		e.ID = EdgeID(e.Type, e.From, e.To, e.Role)
		if r.Get(RuleKey{RuleRetractEdge, e.ID}) != nil {
			return e, false
		}
	}
	if rule := r.Get(RuleKey{RulePinEdge, e.ID}); rule != nil && rule.Edge != nil {
		if rule.Edge.DatePinned {
			e.Date, e.End = rule.Edge.Date, rule.Edge.End
		}
		if rule.Edge.StatusPinned {
			e.Status = rule.Edge.Status
		}
	}
	return e, true
}

// SameEntity reports whether a and b are the same record of an entity:
// every field equal, aliases as sets, nil equal to empty.
func SameEntity(a, b *Entity) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.ID == b.ID && a.Kind == b.Kind && a.Name == b.Name && a.Date == b.Date && a.End == b.End &&
		a.EventType == b.EventType && a.Status == b.Status &&
		slices.Equal(sortedSet(a.Aliases), sortedSet(b.Aliases)) && maps.Equal(a.Attrs, b.Attrs)
}

// SameEdge reports whether a and b are the same record of an edge: every
// field equal, evidence as a set.
func SameEdge(a, b *Edge) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if a.ID != b.ID || a.Type != b.Type || a.From != b.From || a.To != b.To || a.Role != b.Role ||
		a.Date != b.Date || a.End != b.End || a.Status != b.Status || len(a.Evidence) != len(b.Evidence) {
		return false
	}
	return slices.Equal(SortedEvidence(a.Evidence), SortedEvidence(b.Evidence))
}

// SameArticle reports whether a and b are the same record of an article.
func SameArticle(a, b *Article) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// SameRule reports whether a and b are the same rule.
func SameRule(a, b *Rule) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(x) == string(y)
}

func sortedSet(s []string) []string {
	return slices.Compact(slices.Sorted(slices.Values(s)))
}

// SortedEvidence returns evs sorted by article, sentence, offsets and
// quote, in a new slice.
func SortedEvidence(evs []Evidence) []Evidence {
	out := slices.Clone(evs)
	slices.SortFunc(out, func(a, b Evidence) int {
		if c := strings.Compare(a.Article, b.Article); c != 0 {
			return c
		}
		if a.Sentence != b.Sentence {
			return a.Sentence - b.Sentence
		}
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if a.End != b.End {
			return a.End - b.End
		}
		return strings.Compare(a.Quote, b.Quote)
	})
	return out
}

// Subjects returns the ids d touches: entities, the ends of edges (not
// the edges themselves: curationLog asks by entity), articles, and the
// entities of its rules, each once, sorted.
func (d *Diff) Subjects() []string {
	var out []string
	for _, e := range d.Entities {
		out = append(out, e.ID())
	}
	for _, e := range d.Edges {
		for _, x := range []*Edge{e.Before, e.After} {
			if x != nil {
				out = append(out, x.From, x.To, x.ID)
			}
		}
	}
	for _, a := range d.Articles {
		out = append(out, a.ID())
	}
	for _, r := range d.Rules {
		out = append(out, r.Key().ID)
		for _, x := range []*Rule{r.Before, r.After} {
			if x != nil && x.Target != "" {
				out = append(out, x.Target)
			}
		}
	}
	return sortedSet(out)
}

// CheckCuration rejects a record a store should not write: no id, an
// unknown operation, a Diff item without an id or whose Before and After
// name different things, or a malformed entity or edge in an After.
func CheckCuration(c *Curation) error {
	switch {
	case c == nil:
		return Errorf(EINVALID, "no curation record")
	case !strings.HasPrefix(c.ID, CurationPrefix) || len(c.ID) == len(CurationPrefix):
		return Errorf(EINVALID, "a curation record id starts with %q", CurationPrefix)
	case !c.Op.Valid():
		return Errorf(EINVALID, "unknown curation operation %q", c.Op)
	}
	var b Batch
	for _, d := range c.Diff.Entities {
		if d.Before != nil && d.After != nil && (d.Before.ID != d.After.ID || d.Before.Kind != d.After.Kind) {
			return Errorf(EINVALID, "an entity diff changes the id or kind of %s", d.Before.ID)
		}
		if d.ID() == "" {
			return Errorf(EINVALID, "an entity diff names no entity")
		}
		if d.After != nil {
			b.Entities = append(b.Entities, *d.After)
		}
	}
	for _, d := range c.Diff.Edges {
		if d.Before != nil && d.After != nil && (d.Before.ID != d.After.ID || d.Before.Type != d.After.Type ||
			d.Before.From != d.After.From || d.Before.To != d.After.To) {
			return Errorf(EINVALID, "an edge diff changes the id, type or ends of %s", d.Before.ID)
		}
		if d.ID() == "" {
			return Errorf(EINVALID, "an edge diff names no edge")
		}
		if d.After != nil {
			b.Edges = append(b.Edges, *d.After)
		}
	}
	for _, d := range c.Diff.Articles {
		if d.Before != nil && d.After != nil && d.Before.ID != d.After.ID {
			return Errorf(EINVALID, "an article diff changes the id of %s", d.Before.ID)
		}
		if d.ID() == "" {
			return Errorf(EINVALID, "an article diff names no article")
		}
	}
	for _, d := range c.Diff.Rules {
		if d.Before != nil && d.After != nil && d.Before.Key() != d.After.Key() {
			return Errorf(EINVALID, "a rule diff changes the key of %s", d.Before.Key())
		}
		if d.Key().ID == "" {
			return Errorf(EINVALID, "a rule diff names no rule")
		}
	}
	if err := ValidateBatch(&b); err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, id := range c.Diff.ids() {
		if seen[id] {
			return Errorf(EINVALID, "a curation touches %s twice", id)
		}
		seen[id] = true
	}
	return nil
}

// ids returns the keys of every item of d, kind-qualified.
func (d *Diff) ids() []string {
	var out []string
	for _, e := range d.Entities {
		out = append(out, "entity "+e.ID())
	}
	for _, e := range d.Edges {
		out = append(out, "edge "+e.ID())
	}
	for _, a := range d.Articles {
		out = append(out, "article "+a.ID())
	}
	for _, r := range d.Rules {
		out = append(out, "rule "+r.Key().String())
	}
	return out
}

// EncodeCuration returns c as the JSON a store keeps.
func EncodeCuration(c *Curation) ([]byte, error) {
	b, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("encode curation %s: %w", c.ID, err)
	}
	return b, nil
}

// DecodeCuration reads what EncodeCuration wrote.
func DecodeCuration(b []byte) (*Curation, error) {
	var c Curation
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("decode curation: %w", err)
	}
	return &c, nil
}

// EncodeRule returns r as the JSON a store keeps.
func EncodeRule(r *Rule) ([]byte, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("encode rule %s: %w", r.Key(), err)
	}
	return b, nil
}

// DecodeRule reads what EncodeRule wrote.
func DecodeRule(b []byte) (*Rule, error) {
	var r Rule
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("decode rule: %w", err)
	}
	return &r, nil
}

// CurationQuery asks for a page of the curation log, newest first.
type CurationQuery struct {
	// Subject, when set, keeps the records whose Subjects hold it.
	Subject string
	First   int    // 0 means DefaultFirst
	After   string // cursor from a previous CurationPage
}

// CurationPage is one page of the curation log.
type CurationPage struct {
	Records    []*Curation
	Cursors    []string
	HasNext    bool
	TotalCount int
}

// ChangeOrigin says what wrote a change.
type ChangeOrigin string

// Origins of changes.
const (
	ChangeWrite    ChangeOrigin = "WRITE"    // a batch: a load, the seed, an ingest
	ChangeCuration ChangeOrigin = "CURATION" // a curation record
)

// Change is one entry of a store's change feed: what one transaction
// committed, for live updates. Seq grows with every commit, in commit
// order, across every process that writes the store.
type Change struct {
	Seq    int64
	At     time.Time
	Origin ChangeOrigin
	// Curation is the record a CURATION change wrote.
	Curation string `json:",omitempty"`
	// Entities are the ids of entities written or removed.
	Entities []string `json:",omitempty"`
	// Edges are the edges written or removed.
	Edges []EdgeRef `json:",omitempty"`
	// Articles are the ids of articles written or removed.
	Articles []string `json:",omitempty"`
}

// EdgeRef names an edge of a Change.
type EdgeRef struct {
	ID      string
	Type    EdgeType
	From    string
	To      string
	Removed bool `json:",omitempty"`
}

// MaxChanges is the most changes one Changes call returns.
const MaxChanges = 1000

// ChangeOfDiff returns the change feed entry of a curation's diff.
func ChangeOfDiff(c *Curation) Change {
	ch := Change{Origin: ChangeCuration, Curation: c.ID, At: c.At}
	seen := map[string]bool{}
	addEntity := func(id string) {
		if id != "" && KindOfID(id) != "" && !seen[id] {
			seen[id] = true
			ch.Entities = append(ch.Entities, id)
		}
	}
	for _, d := range c.Diff.Entities {
		addEntity(d.ID())
	}
	for _, d := range c.Diff.Edges {
		e := d.After
		if e == nil {
			e = d.Before
		}
		ch.Edges = append(ch.Edges, EdgeRef{ID: e.ID, Type: e.Type, From: e.From, To: e.To, Removed: d.After == nil})
		addEntity(e.From)
		addEntity(e.To)
	}
	for _, d := range c.Diff.Articles {
		ch.Articles = append(ch.Articles, d.ID())
	}
	return ch
}

// CurationStore is a Store that keeps a curation log and a change feed.
// Both stores of the project implement it.
type CurationStore interface {
	Store

	// Curate writes c in one transaction: it checks that every Before of
	// c.Diff is what is stored (entities, edges and articles as SameEntity,
	// SameEdge and SameArticle compare them, rules as SameRule), writes
	// every After in its place (nil removes the thing), appends c to the
	// log with the next Seq, and records the change in the feed. When c
	// undoes another record (c.Undoes), that record's UndoneBy is set to
	// c.ID in the same transaction. It returns EINVALID for a malformed
	// record (see CheckCuration) or an edge whose ends would not be
	// stored, ECONFLICT when a Before differs from what is stored, when an
	// entity it removes still has edges, or when the record c undoes is
	// undone already, and ENOTFOUND when that record does not exist. On
	// any error nothing is written. The stored record is returned.
	Curate(ctx context.Context, c *Curation) (*Curation, error)

	// Curation returns the record with the given id, or ENOTFOUND.
	Curation(ctx context.Context, id string) (*Curation, error)

	// CurationLog returns one page of the log, newest first. It returns
	// EINVALID for a cursor it did not issue.
	CurationLog(ctx context.Context, q CurationQuery) (*CurationPage, error)

	// Rules returns the rules in force. Put applies them to every batch
	// (Rules.Apply) inside its transaction, so that a batch is written as
	// the rules of the moment it commits say.
	Rules(ctx context.Context) (*Rules, error)

	// ArticleEdges returns every edge whose evidence cites the article,
	// and the MENTIONS edges from it, each with all its evidence, in id
	// order. An article nothing cites has none.
	ArticleEdges(ctx context.Context, article string) ([]*Edge, error)

	// Changes returns the changes committed after seq, oldest first, at
	// most limit of them (0 or more than MaxChanges mean MaxChanges). A
	// store keeps the last changes only (at least the last 10,000): a
	// caller that fell further behind misses some, and can tell by the
	// first Seq it gets.
	Changes(ctx context.Context, after int64, limit int) ([]Change, error)

	// LastChange returns the Seq of the last change committed, 0 when
	// none was.
	LastChange(ctx context.Context) (int64, error)
}

// KeepChanges is how many changes a store keeps in its feed at least.
const KeepChanges = 10000

// EncodeCurationCursor is the cursor of the curation log after the record
// of seq: "c" and the seq, base64. Both stores write it, so a cursor one
// gave out means the same on the other.
func EncodeCurationCursor(seq int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte("c" + strconv.FormatInt(seq, 10)))
}

// DecodeCurationCursor reads a cursor of EncodeCurationCursor: "" is the
// log's newest end; anything else that is not one is EINVALID.
func DecodeCurationCursor(c string) (int64, error) {
	if c == "" {
		return 1<<63 - 1, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil && len(b) > 1 && b[0] == 'c' {
		if seq, err := strconv.ParseInt(string(b[1:]), 10, 64); err == nil && seq > 0 {
			return seq, nil
		}
	}
	return 0, Errorf(EINVALID, "invalid cursor %q", c)
}
