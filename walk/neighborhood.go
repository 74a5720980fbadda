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
// the entity itself included and nearest first, and the edges among them,
// as ReadNeighborhood defines them. It asks the store
// (kg.Store.Neighborhood), which may compute it in its engine or call
// ReadNeighborhood.
func Neighborhood(ctx context.Context, s kg.Store, q NeighborhoodQuery) (*Subgraph, error) {
	g, err := s.Neighborhood(ctx, kg.NeighborhoodQuery(q))
	if err != nil {
		return nil, err
	}
	return (*Subgraph)(g), nil
}

// CheckNeighborhood checks q as ReadNeighborhood does, and returns its
// types (all but MENTIONS when it gives none) and page size: for stores
// that answer kg.Store.Neighborhood themselves.
func CheckNeighborhood(q kg.NeighborhoodQuery) (types []kg.EdgeType, first int, err error) {
	if q.Hops < 1 || q.Hops > MaxNeighborhoodHops {
		return nil, 0, kg.Errorf(kg.EINVALID, "hops must be between 1 and %d, not %d", MaxNeighborhoodHops, q.Hops)
	}
	switch first = q.First; {
	case first == 0:
		first = kg.DefaultFirst
	case first < 0 || first > kg.MaxFirst:
		return nil, 0, kg.Errorf(kg.EINVALID, "first must be between 1 and %d, not %d", kg.MaxFirst, first)
	}
	if types, err = checkTypes(q.Types); err != nil {
		return nil, 0, err
	}
	if err := checkWindow(q.Since, q.Until); err != nil {
		return nil, 0, err
	}
	return types, first, nil
}

// NeighborhoodEdgeBudget is the largest q.First for which no bound of a
// walk but q.First itself limits ReadNeighborhood: each of at most First
// entities has at most First of its edges read, First² ≤ MaxEdges. Up to
// it, the neighbourhood is fully defined by the rules below, which a store
// can compute in its own engine; beyond it, the walk's edge budget decides
// which edges are read.
const NeighborhoodEdgeBudget = 141 // ⌊√MaxEdges⌋

// ReadNeighborhood is the neighbourhood read through the store's
// EdgesBatch, one breadth-first level at a time: the reference every
// store's kg.Store.Neighborhood must equal.
//
// The rules: each entity reached has its first q.First edges read (in the
// store's date order, of the asked types, in the window), self-loops
// dropped, then walked by edge id; the entities of one hop are taken in
// the order they are reached, until q.First entities are in the view
// (Truncated, and no further hop, when more were within reach). Then the
// edges of the last hop are read too, so that edges between two entities
// of the outermost ring are shown, and the edges among the entities are
// returned by id. An entity with more edges than it had read also sets
// Truncated.
//
// It returns ENOTFOUND if no entity has that id and EINVALID for hops or
// first out of range, an unknown or MENTIONS type, or a window that ends
// before it starts. Where a hub's edges exceed the bounds it returns what
// it read with Truncated set.
func ReadNeighborhood(ctx context.Context, s kg.Store, q kg.NeighborhoodQuery) (*kg.Subgraph, error) {
	id, hops := q.ID, q.Hops
	types, first, err := CheckNeighborhood(q)
	if err != nil {
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

	g := &kg.Subgraph{}
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
