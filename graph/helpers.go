package graph

import (
	"context"

	"github.com/diplograph/diplograph/kg"
)

// The helpers shared by the resolvers live here, outside *.resolvers.go,
// because gqlgen moves code it does not know out of those files when it
// regenerates them.

// edgeArgs are the arguments of every Entity.edges field.
type edgeArgs struct {
	types     []kg.EdgeType
	direction *kg.Direction
	from, to  *kg.Date
	first     *int
	after     *string
}

func (r *Resolver) entityEdges(ctx context.Context, e *kg.Entity, a edgeArgs) (*EdgeConnection, error) {
	q := kg.EdgeQuery{Entity: e.ID, Types: a.types, Direction: kg.Both}
	if a.direction != nil {
		q.Direction = *a.direction
	}
	if a.from != nil {
		q.From = *a.from
	}
	if a.to != nil {
		q.To = *a.to
	}
	first, err := pageSize(a.first)
	if err != nil {
		return nil, err
	}
	q.First = first
	if a.after != nil {
		q.After = *a.after
	}
	page, err := r.loadEdges(ctx, q, selectsEnds(ctx))
	if err != nil {
		return nil, err
	}
	return &EdgeConnection{page: page, after: q.After}, nil
}

// selectsEnds reports whether the edge connection being resolved is asked
// for the from or to of its edges.
func selectsEnds(ctx context.Context) bool {
	for _, end := range []string{"from", "to"} {
		if selects(ctx, []string{"EdgeConnection", "Edge"}, "nodes", end) ||
			selects(ctx, []string{"EdgeConnection", "EdgeEdge", "Edge"}, "edges", "node", end) {
			return true
		}
	}
	return false
}

// pageSize validates a first argument: absent means kg.DefaultFirst, and
// anything outside 1..kg.MaxFirst is refused rather than silently clamped,
// so that a client learns its page is not what it asked for.
func pageSize(first *int) (int, error) {
	if first == nil {
		return kg.DefaultFirst, nil
	}
	if *first < 1 || *first > kg.MaxFirst {
		return 0, kg.Errorf(kg.EINVALID, "first must be between 1 and %d, got %d", kg.MaxFirst, *first)
	}
	return *first, nil
}

// allEdges walks every page of an entity's edges of the given types and
// direction, with the entities at their ends when ends is set. It backs
// list fields such as Treaty.parties, whose size is bounded by what
// articles say about one entity.
func (r *Resolver) allEdges(ctx context.Context, id string, dir kg.Direction, ends bool, types ...kg.EdgeType) ([]*kg.Edge, error) {
	var out []*kg.Edge
	q := kg.EdgeQuery{Entity: id, Types: types, Direction: dir, First: kg.MaxFirst}
	for {
		page, err := r.loadEdges(ctx, q, ends)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Edges...)
		if !page.HasNext || len(page.Cursors) == 0 {
			return out, nil
		}
		q.After = page.Cursors[len(page.Cursors)-1]
	}
}

// neighbours returns the entities at the other end of an entity's edges.
func (r *Resolver) neighbours(ctx context.Context, id string, dir kg.Direction, types ...kg.EdgeType) ([]*kg.Entity, error) {
	edges, err := r.allEdges(ctx, id, dir, true, types...)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(edges))
	seen := map[string]bool{}
	for _, e := range edges {
		other := e.To
		if other == id {
			other = e.From
		}
		if !seen[other] {
			seen[other] = true
			ids = append(ids, other)
		}
	}
	return r.loadEntities(ctx, ids)
}

// nullable turns "" into null for optional string fields.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
