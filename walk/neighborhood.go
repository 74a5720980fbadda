package walk

import (
	"context"
	"fmt"
	"slices"

	"github.com/diplograph/diplograph/kg"
)

// Subgraph is the neighbourhood of an entity, ready for a graph view.
type Subgraph struct {
	// Nodes are the entities, nearest first: the centre, then those one hop
	// away, and so on; within a hop in the order they were reached, edges
	// by id.
	Nodes []*kg.Entity
	// Edges are the edges among Nodes of the asked types in the window, by
	// id.
	Edges []*kg.Edge
	// Truncated is set when entities or edges within reach were left out:
	// more entities than first, or edges beyond the package's bounds.
	Truncated bool
}

// NeighborhoodQuery asks for the subgraph around an entity.
type NeighborhoodQuery struct {
	ID    string
	Hops  int           // 1..MaxNeighborhoodHops
	Types []kg.EdgeType // empty: all but MENTIONS
	// Since and Until bound the edges' dates; zero bounds are open, and
	// with a bound undated edges are left out.
	Since, Until kg.Date
	First        int // 0 means kg.DefaultFirst, at most kg.MaxFirst
	// NoEvidence reads the edges without their evidence, for a view that
	// does not show it: most of what a neighbourhood reads otherwise.
	NoEvidence bool
}

// Neighborhood returns the entities within q.Hops of q.ID over edges of
// q.Types whose dates overlap [q.Since, q.Until], at most q.First of them,
// the entity itself included and nearest first, and the edges among them.
//
// It reads one level per hop, and then the edges of the last level, so
// that edges between two entities of the outermost ring are shown too. It
// returns ENOTFOUND if no entity has that id and EINVALID for hops or first
// out of range, an unknown or MENTIONS type, or a window that ends before
// it starts. Where a hub's edges exceed the bounds it returns what it read
// with Truncated set.
func Neighborhood(ctx context.Context, s kg.Store, q NeighborhoodQuery) (*Subgraph, error) {
	id, hops, first := q.ID, q.Hops, q.First
	if hops < 1 || hops > MaxNeighborhoodHops {
		return nil, kg.Errorf(kg.EINVALID, "hops must be between 1 and %d, not %d", MaxNeighborhoodHops, hops)
	}
	switch {
	case first == 0:
		first = kg.DefaultFirst
	case first < 0 || first > kg.MaxFirst:
		return nil, kg.Errorf(kg.EINVALID, "first must be between 1 and %d, not %d", kg.MaxFirst, first)
	}
	types, err := checkTypes(q.Types)
	if err != nil {
		return nil, err
	}
	if err := checkWindow(q.Since, q.Until); err != nil {
		return nil, err
	}
	if _, err := checkEntities(ctx, s, id); err != nil {
		return nil, err
	}
	r := newReader(s, types, q.Since, q.Until, false)
	r.evidence = !q.NoEvidence
	// One entity can add at most first entities to the view, so reading
	// more of a hub's edges than that would only be thrown away.
	r.nodeCap = first

	g := &Subgraph{}
	nodes := []string{id}
	in := map[string]bool{id: true}
	frontier := []string{id}
	for depth := 0; depth < hops && len(frontier) > 0 && !g.Truncated; depth++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := r.load(ctx, frontier); err != nil {
			return nil, err
		}
		var next []string
	level:
		for _, v := range frontier {
			for _, e := range r.adj[v] {
				w := other(e, v)
				if in[w] {
					continue
				}
				if len(nodes) == first {
					g.Truncated = true
					break level
				}
				in[w] = true
				nodes = append(nodes, w)
				next = append(next, w)
			}
		}
		frontier = next
	}
	// The outermost ring's edges, for the edges among it.
	if err := r.load(ctx, nodes); err != nil {
		return nil, err
	}
	for _, v := range nodes {
		if r.cut[v] {
			g.Truncated = true
		}
	}
	if r.truncated {
		g.Truncated = true
	}

	seen := map[string]bool{}
	for _, v := range nodes {
		for _, e := range r.adj[v] {
			if !seen[e.ID] && in[e.From] && in[e.To] {
				seen[e.ID] = true
				g.Edges = append(g.Edges, e)
			}
		}
	}
	slices.SortFunc(g.Edges, func(a, b *kg.Edge) int { return cmpString(a.ID, b.ID) })

	es, err := s.Entities(ctx, nodes)
	if err != nil {
		return nil, fmt.Errorf("walk: neighbourhood of %s: entities: %w", id, err)
	}
	for i, e := range es {
		if e == nil {
			return nil, fmt.Errorf("walk: neighbourhood of %s: entity %s vanished", id, nodes[i])
		}
	}
	g.Nodes = es
	return g, nil
}
