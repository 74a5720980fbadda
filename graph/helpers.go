package graph

import (
	"context"
	"strings"

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
	q.First = probe(first)
	if a.after != nil {
		q.After = *a.after
	}
	q.NoEvidence = !selectsOfEdges(ctx, evidenceFields...)
	page, err := r.loadEdges(ctx, q, selectsOfEdges(ctx, "from", "to") && first > 0)
	if err != nil {
		return nil, err
	}
	if first == 0 {
		page = &kg.EdgePage{TotalCount: page.TotalCount, HasNext: len(page.Edges) > 0}
	}
	return &EdgeConnection{page: page, after: q.After}, nil
}

// evidenceFields are the fields of Edge that read its evidence.
var evidenceFields = []string{"evidence", "evidenceConnection", "sources", "sourceCount"}

// selectsOfEdges reports whether the edge connection being resolved is
// asked for any of fields of its edges, through nodes or edges { node }.
func selectsOfEdges(ctx context.Context, fields ...string) bool {
	for _, f := range fields {
		if selects(ctx, []string{"EdgeConnection", "Edge"}, "nodes", f) ||
			selects(ctx, []string{"EdgeConnection", "EdgeEdge", "Edge"}, "edges", "node", f) {
			return true
		}
	}
	return false
}

// selectsOfSubgraphEdges reports whether the neighbourhood being resolved
// is asked for any of fields of its edges.
func selectsOfSubgraphEdges(ctx context.Context, fields ...string) bool {
	for _, f := range fields {
		if selects(ctx, []string{"Subgraph", "Edge"}, "edges", f) {
			return true
		}
	}
	return false
}

// pageSize validates a first argument: absent means kg.DefaultFirst, and
// anything outside 0..kg.MaxFirst is refused rather than silently clamped,
// so that a client learns its page is not what it asked for. 0 is a page
// of no items, which Relay allows and clients use to read totalCount and
// hasNextPage alone; the stores read First 0 as their default page, so
// callers ask them for one item (see probe) and show none.
func pageSize(first *int) (int, error) {
	if first == nil {
		return kg.DefaultFirst, nil
	}
	if *first < 0 || *first > kg.MaxFirst {
		return 0, kg.Errorf(kg.EINVALID, "first must be between 0 and %d, got %d", kg.MaxFirst, *first)
	}
	return *first, nil
}

// probe is the page size to ask a store for a page of n items: n, or one
// item for a page of none, which tells whether any follows.
func probe(n int) int { return max(n, 1) }

// allEdges walks every page of an entity's edges of the given types and
// direction, with the entities at their ends when ends is set and with
// their evidence when evidence is. It backs list fields such as
// Treaty.parties, whose size is bounded by what articles say about one
// entity.
func (r *Resolver) allEdges(ctx context.Context, id string, dir kg.Direction, ends, evidence bool, types ...kg.EdgeType) ([]*kg.Edge, error) {
	var out []*kg.Edge
	q := kg.EdgeQuery{Entity: id, Types: types, Direction: dir, First: kg.MaxFirst, NoEvidence: !evidence}
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
	// The entities are all the field shows: no evidence.
	edges, err := r.allEdges(ctx, id, dir, true, false, types...)
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

// nodeByID returns the object with the global id: an entity, an edge or
// an article, looked up exactly (no name resolution: a global id is what
// this server gave out), or ENOTFOUND.
func (r *Resolver) nodeByID(ctx context.Context, id string) (Node, error) {
	switch {
	case kg.KindOfID(id) != "":
		e, err := r.Store.Entity(ctx, id)
		if kg.ErrorCode(err) == kg.ENOTFOUND {
			// The id of an entity merged into another resolves to the
			// survivor (curation.go).
			if s, rerr := r.redirected(ctx, id); s != nil || rerr != nil {
				e, err = s, rerr
			}
		}
		if err != nil {
			return nil, err
		}
		return view(e), nil
	case strings.HasPrefix(id, kg.CurationPrefix):
		c, err := r.curationRecord(ctx, id)
		if err == nil && c == nil {
			return nil, kg.Errorf(kg.ENOTFOUND, "no curation record has the id %q", id)
		}
		if err != nil {
			return nil, err
		}
		return c, nil
	case strings.HasPrefix(id, "edge:"):
		return r.Store.Edge(ctx, id)
	default:
		return r.Store.Article(ctx, id)
	}
}

// nullable turns "" into null for optional string fields.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
