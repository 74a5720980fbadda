package graph

import (
	"context"

	"github.com/diplograph/diplograph/kg"
)

// The connections of this file page lists the resolvers hold whole (see
// cutPage), except searchConnection, which the store pages.

// searchConnection pages what Search finds through Store.SearchPage.
func (r *Resolver) searchConnection(ctx context.Context, text string, kinds []kg.Kind, first *int, after *string) (*EntityConnection, error) {
	n, err := pageSize(first)
	if err != nil {
		return nil, err
	}
	cursor := deref(after)
	p, err := r.Store.SearchPage(ctx, kg.SearchQuery{Text: text, Kinds: kinds, First: probe(n), After: cursor})
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return newEntityConnection(nil, nil, len(p.Entities) > 0, cursor, p.TotalCount), nil
	}
	return newEntityConnection(p.Entities, p.Cursors, p.HasNext, cursor, p.TotalCount), nil
}

// entityListConnection pages a list of entities held whole.
func entityListConnection(es []*kg.Entity, first *int, after *string) (*EntityConnection, error) {
	n, err := pageSize(first)
	if err != nil {
		return nil, err
	}
	cursor := deref(after)
	p, err := cutPage(es, entityCursor, n, cursor)
	if err != nil {
		return nil, err
	}
	return newEntityConnection(p.items, p.cursors, p.hasNext, cursor, p.total), nil
}

// evidenceConnection pages an edge's evidence, in the order it has it.
func evidenceConnection(e *kg.Edge, first *int, after *string) (*EvidenceConnection, error) {
	n, err := pageSize(first)
	if err != nil {
		return nil, err
	}
	all := make([]*kg.Evidence, len(e.Evidence))
	for i := range e.Evidence {
		all[i] = &e.Evidence[i]
	}
	cursor := deref(after)
	p, err := cutPage(all, evidenceCursor, n, cursor)
	if err != nil {
		return nil, err
	}
	c := &EvidenceConnection{Nodes: p.items, PageInfo: newPageInfo(p.cursors, p.hasNext, cursor), TotalCount: p.total}
	for i, ev := range p.items {
		c.Edges = append(c.Edges, &EvidenceEdge{Cursor: p.cursors[i], Node: ev})
	}
	return c, nil
}

// articleMentions pages the entities an article mentions. The article's
// whole list comes from the request's mentions loader (one Store.Mentions
// call for every article of a list), the page's entities from its entity
// loader.
func (r *Resolver) articleMentions(ctx context.Context, a *kg.Article, first *int, after *string) (*MentionConnection, error) {
	n, err := pageSize(first)
	if err != nil {
		return nil, err
	}
	ms, err := r.loadMentions(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	cursor := deref(after)
	p, err := cutPage(ms, mentionCursor, n, cursor)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(p.items))
	for i, m := range p.items {
		ids[i] = m.Entity
	}
	es, err := r.loadEntities(ctx, ids)
	if err != nil {
		return nil, err
	}
	c := &MentionConnection{PageInfo: newPageInfo(p.cursors, p.hasNext, cursor), TotalCount: p.total}
	for i, e := range es {
		if e == nil {
			continue // cannot happen: an edge's ends exist
		}
		edge := &MentionEdge{Cursor: p.cursors[i], Node: view(e)}
		if s := p.items[i].Sentence; s >= 0 {
			edge.Sentence = &s
		}
		c.Edges = append(c.Edges, edge)
		c.Nodes = append(c.Nodes, edge.Node)
	}
	return c, nil
}

// deref returns *s, or "" for nil.
func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
