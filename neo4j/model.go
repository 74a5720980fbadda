package neo4j

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/diplograph/diplograph/internal/fold"
	"github.com/diplograph/diplograph/kg"
)

// This file maps domain values to property maps and back. Properties that
// would be empty are left out, so that a node in Neo4j Browser shows what is
// known and nothing else; reading treats a missing property as empty.

// attrPrefix starts the property of each kg.Entity.Attrs entry.
const attrPrefix = "attr_"

// undatedFirst is the sort key of an undated edge: after every yyyymmdd key
// (the largest is 99991231), so undated edges come last in date order.
const undatedFirst = 100_000_000

// setDate adds the date properties of a thing dated from date to end.
func setDate(p map[string]any, date, end kg.Date) {
	if date.IsZero() {
		return
	}
	first, last := date.FirstKey(), date.LastKey()
	if !end.IsZero() {
		p["end"] = end.String()
		last = max(last, end.LastKey())
	}
	p["date"] = date.String()
	p["datePrecision"] = int64(date.Precision())
	p["dateFirst"] = int64(first)
	p["dateLast"] = int64(last)
}

func setString(p map[string]any, key, v string) {
	if v != "" {
		p[key] = v
	}
}

// entityProps returns the properties of the node of e.
func entityProps(e *kg.Entity) map[string]any {
	p := map[string]any{"id": e.ID, "kind": string(e.Kind), "name": e.Name, "nameFolded": fold.Fold(e.Name)}
	if len(e.Aliases) > 0 {
		p["aliases"] = slices.Clone(e.Aliases)
	}
	if names := searchNames(e); len(names) > 0 {
		p["searchNames"] = names
	}
	setString(p, "eventType", string(e.EventType))
	setString(p, "status", string(e.Status))
	setDate(p, e.Date, e.End)
	if e.Kind == kg.Event && !e.Date.IsZero() {
		p["spanTier"] = spanTier(spanDays(e.Date, e.End)) // see events.go
	}
	for k, v := range e.Attrs {
		p[attrPrefix+k] = v
	}
	return p
}

// searchNames returns the folded name and aliases of e, each once: the
// words Search matches, and the names it ranks by.
func searchNames(e *kg.Entity) []string {
	var names []string
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		if f := fold.Fold(n); f != "" && !slices.Contains(names, f) {
			names = append(names, f)
		}
	}
	return names
}

// edgePropKeys lists every property edgeProps may set. A new edge is
// created with all of them spelled out in the CREATE (absent ones are null,
// which Cypher does not store): a literal map the planner can see, where
// `SET r = $map` would make it buffer every row first.
var edgePropKeys = []string{
	"id", "role", "status", "date", "end", "datePrecision", "dateFirst", "dateLast",
	"evidenceArticle", "evidenceSentence", "evidenceQuote", "evidenceStart", "evidenceEnd",
}

// edgeProps returns the properties of the relationship of e. Type and
// ends are the relationship's own.
func edgeProps(e *kg.Edge) map[string]any {
	p := map[string]any{"id": e.ID}
	setString(p, "role", e.Role)
	setString(p, "status", string(e.Status))
	setDate(p, e.Date, e.End)
	if n := len(e.Evidence); n > 0 {
		articles, quotes := make([]string, n), make([]string, n)
		sentences, starts, ends := make([]int64, n), make([]int64, n), make([]int64, n)
		for i, ev := range e.Evidence {
			articles[i], sentences[i], quotes[i] = ev.Article, int64(ev.Sentence), ev.Quote
			starts[i], ends[i] = int64(ev.Start), int64(ev.End)
		}
		p["evidenceArticle"], p["evidenceSentence"], p["evidenceQuote"] = articles, sentences, quotes
		p["evidenceStart"], p["evidenceEnd"] = starts, ends
	}
	return p
}

// articleProps returns the properties of the node of a.
func articleProps(a *kg.Article) map[string]any {
	p := map[string]any{"id": a.ID}
	setString(p, "title", a.Title)
	setString(p, "url", a.URL)
	setString(p, "published", a.Published.String())
	setString(p, "source", a.Source)
	setString(p, "text", a.Text)
	return p
}

// props reads stored properties, remembering the first malformed one.
type props struct {
	m   map[string]any
	err error
}

func (p *props) fail(key string, v any) {
	if p.err == nil {
		p.err = fmt.Errorf("property %s: unexpected value %v (%T)", key, v, v)
	}
}

func (p *props) str(key string) string {
	v, ok := p.m[key]
	if !ok || v == nil {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		p.fail(key, v)
	}
	return s
}

func (p *props) date(key string) kg.Date {
	d, err := kg.ParseDate(p.str(key))
	if err != nil && p.err == nil {
		p.err = fmt.Errorf("property %s: %w", key, err)
	}
	return d
}

func (p *props) strings(key string) []string {
	v, ok := p.m[key]
	if !ok || v == nil {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		p.fail(key, v)
		return nil
	}
	out := make([]string, len(list))
	for i, x := range list {
		if out[i], ok = x.(string); !ok {
			p.fail(key, v)
		}
	}
	return out
}

func (p *props) ints(key string) []int {
	v, ok := p.m[key]
	if !ok || v == nil {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		p.fail(key, v)
		return nil
	}
	out := make([]int, len(list))
	for i, x := range list {
		n, ok := x.(int64)
		if !ok {
			p.fail(key, v)
		}
		out[i] = int(n)
	}
	return out
}

// decodeEntity rebuilds an entity from its node's properties.
func decodeEntity(m map[string]any) (*kg.Entity, error) {
	p := &props{m: m}
	e := &kg.Entity{
		ID:        p.str("id"),
		Kind:      kg.Kind(p.str("kind")),
		Name:      p.str("name"),
		Aliases:   p.strings("aliases"),
		Date:      p.date("date"),
		End:       p.date("end"),
		EventType: kg.EventType(p.str("eventType")),
		Status:    kg.Status(p.str("status")),
	}
	for k := range m {
		if name, ok := strings.CutPrefix(k, attrPrefix); ok {
			if e.Attrs == nil {
				e.Attrs = map[string]string{}
			}
			e.Attrs[name] = p.str(k)
		}
	}
	if p.err != nil {
		return nil, fmt.Errorf("entity %s: %w", e.ID, p.err)
	}
	return e, nil
}

// decodeEdge rebuilds an edge from its relationship's properties, type and
// ends.
func decodeEdge(m map[string]any, typ, from, to string) (*kg.Edge, error) {
	p := &props{m: m}
	e := &kg.Edge{
		ID:     p.str("id"),
		Type:   kg.EdgeType(typ),
		From:   from,
		To:     to,
		Role:   p.str("role"),
		Status: kg.Status(p.str("status")),
		Date:   p.date("date"),
		End:    p.date("end"),
	}
	articles, quotes := p.strings("evidenceArticle"), p.strings("evidenceQuote")
	sentences, starts, ends := p.ints("evidenceSentence"), p.ints("evidenceStart"), p.ints("evidenceEnd")
	if n := len(articles); len(quotes) != n || len(sentences) != n || len(starts) != n || len(ends) != n {
		return nil, fmt.Errorf("edge %s: evidence lists of different lengths", e.ID)
	}
	for i := range articles {
		e.Evidence = append(e.Evidence, kg.Evidence{Article: articles[i], Sentence: sentences[i], Quote: quotes[i], Start: starts[i], End: ends[i]})
	}
	if p.err != nil {
		return nil, fmt.Errorf("edge %s: %w", e.ID, p.err)
	}
	return e, nil
}

// decodeArticle rebuilds an article from its node's properties.
func decodeArticle(m map[string]any) (*kg.Article, error) {
	p := &props{m: m}
	a := &kg.Article{
		ID:        p.str("id"),
		Title:     p.str("title"),
		URL:       p.str("url"),
		Published: p.date("published"),
		Source:    p.str("source"),
		Text:      p.str("text"),
	}
	if p.err != nil {
		return nil, fmt.Errorf("article %s: %w", a.ID, p.err)
	}
	return a, nil
}

// Merge rules. They are kg.MergeEntity and kg.MergeEdge, with what a store
// adds on first write: aliases each once, never empty, never the name, and
// evidence once per article and sentence (the first kept).

// newEntity returns e as it is stored the first time, sharing nothing
// with e.
func newEntity(e *kg.Entity) kg.Entity {
	n := *e
	n.Aliases = nil
	for _, a := range e.Aliases {
		if a != "" && a != n.Name && !slices.Contains(n.Aliases, a) {
			n.Aliases = append(n.Aliases, a)
		}
	}
	n.Attrs = maps.Clone(e.Attrs)
	return n
}

// mergeEntity folds src into dst, which owns its slices and maps.
func mergeEntity(dst, src *kg.Entity) {
	kg.MergeEntity(dst, src)
	dst.Aliases = slices.DeleteFunc(dst.Aliases, func(a string) bool { return a == "" })
}

// newEdge returns e as it is stored the first time, sharing nothing with
// e.
func newEdge(e *kg.Edge) kg.Edge {
	n := *e
	n.Evidence = nil
	for _, ev := range e.Evidence {
		if !slices.ContainsFunc(n.Evidence, ev.SameSentence) {
			n.Evidence = append(n.Evidence, ev)
		}
	}
	return n
}

// mergeArticle folds a into stored by the domain's rules.
func mergeArticle(stored, a *kg.Article) kg.Article { return kg.MergeArticle(stored, a) }

// spanDays is how many days a thing dated from date to end covers, less
// one; 0 when undated.
func spanDays(date, end kg.Date) int64 {
	if date.IsZero() {
		return 0
	}
	last := date.Last()
	if !end.IsZero() && end.Last().After(last) {
		last = end.Last()
	}
	return int64(last.Sub(date.First()) / (24 * time.Hour))
}
