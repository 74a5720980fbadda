package graph

import (
	"encoding/base64"
	"strconv"

	"github.com/diplograph/diplograph/kg"
)

// EdgeConnection is a Relay connection over a page of graph edges.
type EdgeConnection struct {
	page  *kg.EdgePage
	after string // the cursor the page was asked for with
}

// EdgeEdge is one item of an EdgeConnection.
type EdgeEdge struct {
	Cursor string
	Node   *kg.Edge
}

// PageInfo is Relay's page information.
type PageInfo struct {
	HasNextPage     bool
	HasPreviousPage bool
	StartCursor     *string
	EndCursor       *string
}

// Edges returns the items with their cursors.
func (c *EdgeConnection) Edges() []*EdgeEdge {
	out := make([]*EdgeEdge, len(c.page.Edges))
	for i, e := range c.page.Edges {
		out[i] = &EdgeEdge{Cursor: c.page.Cursors[i], Node: e}
	}
	return out
}

// Nodes returns the graph edges of the page.
func (c *EdgeConnection) Nodes() []*kg.Edge { return c.page.Edges }

// TotalCount counts matching edges over all pages.
func (c *EdgeConnection) TotalCount() int { return c.page.TotalCount }

// PageInfo describes the page.
func (c *EdgeConnection) PageInfo() *PageInfo {
	return newPageInfo(c.page.Cursors, c.page.HasNext, c.after)
}

// newPageInfo describes a page with the given cursors. Pages only go
// forward, so HasPreviousPage is true exactly when the page was asked for
// with a cursor (after).
func newPageInfo(cursors []string, hasNext bool, after string) *PageInfo {
	pi := &PageInfo{HasNextPage: hasNext, HasPreviousPage: after != ""}
	if n := len(cursors); n > 0 {
		pi.StartCursor, pi.EndCursor = &cursors[0], &cursors[n-1]
	}
	return pi
}

// EntityConnection is a Relay connection over a page of entities.
type EntityConnection struct {
	Edges      []*EntityEdge
	Nodes      []Entity
	PageInfo   *PageInfo
	TotalCount int
}

// EntityEdge is one item of an EntityConnection.
type EntityEdge struct {
	Cursor string
	Node   Entity
}

// newEntityConnection builds a connection from a page of entities and
// their cursors.
func newEntityConnection(es []*kg.Entity, cursors []string, hasNext bool, after string, total int) *EntityConnection {
	c := &EntityConnection{Nodes: views(es), PageInfo: newPageInfo(cursors, hasNext, after), TotalCount: total}
	for i, e := range es {
		c.Edges = append(c.Edges, &EntityEdge{Cursor: cursors[i], Node: view(e)})
	}
	return c
}

// MentionConnection is a Relay connection over the entities an article
// mentions.
type MentionConnection struct {
	Edges      []*MentionEdge
	Nodes      []Entity
	PageInfo   *PageInfo
	TotalCount int
}

// MentionEdge is one item of a MentionConnection.
type MentionEdge struct {
	Cursor   string
	Node     Entity
	Sentence *int // nil when no sentence is evidence for the mention
}

// EvidenceConnection is a Relay connection over the evidence of an edge.
type EvidenceConnection struct {
	Edges      []*EvidenceEdge
	Nodes      []*kg.Evidence
	PageInfo   *PageInfo
	TotalCount int
}

// EvidenceEdge is one item of an EvidenceConnection.
type EvidenceEdge struct {
	Cursor string
	Node   *kg.Evidence
}

// listPage is one page cut from a list that is held whole: the lists an
// entity or an edge carries (participants, parties, evidence), which are
// bounded by what articles say about one thing, and an article's mentions.
type listPage[T any] struct {
	items   []T
	cursors []string
	hasNext bool
	total   int
}

// cutPage returns the first items of all that follow the item whose cursor
// is after ("": from the start). cursor gives an item's cursor, which names
// the item itself rather than its position, so that a page asked for
// after the list grew still starts at the right item; a cursor that is no
// item's is EINVALID.
func cutPage[T any](all []T, cursor func(T) string, first int, after string) (listPage[T], error) {
	start := 0
	if after != "" {
		start = -1
		for i, it := range all {
			if cursor(it) == after {
				start = i + 1
				break
			}
		}
		if start < 0 {
			return listPage[T]{}, kg.Errorf(kg.EINVALID, "invalid cursor %q", after)
		}
	}
	end := min(len(all), start+first)
	p := listPage[T]{items: all[start:end], hasNext: end < len(all), total: len(all)}
	for _, it := range p.items {
		p.cursors = append(p.cursors, cursor(it))
	}
	return p, nil
}

// listCursor is the cursor of the item of a kind (a short tag that keeps
// the lists' cursors apart) that key names.
func listCursor(kind, key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(kind + ":" + key))
}

// entityCursor names an entity in a list of entities.
func entityCursor(e *kg.Entity) string { return listCursor("n1", e.ID) }

// evidenceCursor names a sentence among an edge's evidence, where each
// article's sentence appears once.
func evidenceCursor(ev *kg.Evidence) string {
	return listCursor("v1", strconv.Itoa(ev.Sentence)+":"+ev.Article)
}

// mentionCursor names an entity among an article's mentions.
func mentionCursor(m kg.Mention) string { return listCursor("m1", m.Entity) }
