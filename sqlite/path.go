package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/diplograph/diplograph/kg"
)

// defaultMaxHops is the hop limit when a PathQuery gives none.
const defaultMaxHops = 4

// Path returns a shortest walk between two entities over edges in either
// direction, each step oriented along the walk. It searches breadth-first
// from both ends at once, always growing the side with the smaller
// frontier, with one query per level: the graph is never loaded whole, and
// a walk of n hops costs about n queries however large the store.
//
// MENTIONS edges are walked only when q.Types names them; the walk then
// passes through articles, which appear in the steps as an Entity with the
// article's id and title and no kind.
//
// It returns ENOTFOUND if either end is not an entity or no walk of at most
// q.MaxHops hops (default 4) joins them, and EINVALID for MaxHops out of
// range or an unknown type. A walk from an entity to itself has no steps.
func (s *Store) Path(ctx context.Context, q kg.PathQuery) (*kg.Path, error) {
	hops := q.MaxHops
	switch {
	case hops == 0:
		hops = defaultMaxHops
	case hops < 0 || hops > kg.MaxHops:
		return nil, kg.Errorf(kg.EINVALID, "maxHops must be between 1 and %d, not %d", kg.MaxHops, q.MaxHops)
	}
	if err := checkEdgeTypes(q.Types); err != nil {
		return nil, err
	}

	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlite: path: %w", err)
	}
	defer tx.Rollback()
	p, err := findPath(ctx, tx, q, hops)
	if err != nil {
		if kg.ErrorCode(err) != kg.EINTERNAL {
			return nil, err
		}
		return nil, fmt.Errorf("sqlite: path from %s to %s: %w", q.From, q.To, err)
	}
	return p, nil
}

// link is how the search reached a node: over edge from prev.
type link struct {
	prev, edge string
	depth      int
}

// side is one end of the bidirectional search.
type side struct {
	seen     map[string]link
	frontier []string
	depth    int
}

func newSide(start string) *side {
	return &side{seen: map[string]link{start: {}}, frontier: []string{start}}
}

func findPath(ctx context.Context, tx *sql.Tx, q kg.PathQuery, maxHops int) (*kg.Path, error) {
	ends, err := loadEntities(ctx, tx, []string{q.From, q.To})
	if err != nil {
		return nil, err
	}
	for _, id := range []string{q.From, q.To} {
		if ends[id] == nil {
			return nil, kg.Errorf(kg.ENOTFOUND, "no entity %q", id)
		}
	}
	if q.From == q.To {
		return &kg.Path{}, nil
	}

	var typeCond string
	var typeArgs []any
	if len(q.Types) == 0 {
		typeCond, typeArgs = "type <> ?", []any{string(kg.Mentions)}
	} else {
		var w where
		whereIn(&w, "type", q.Types)
		typeCond, typeArgs = w.String(), w.args
	}
	// Both ends of the frontier's edges come from the covering indexes:
	// edges_out for edges that start in the frontier, edges_in for those
	// that end there.
	neighbours := `SELECT id, from_id, to_id FROM edges WHERE from_id IN (SELECT value FROM json_each(?)) AND ` + typeCond + `
		UNION ALL
		SELECT id, from_id, to_id FROM edges WHERE to_id IN (SELECT value FROM json_each(?)) AND ` + typeCond

	fwd, bwd := newSide(q.From), newSide(q.To)
	for fwd.depth+bwd.depth < maxHops {
		grow, other := fwd, bwd
		if len(bwd.frontier) < len(fwd.frontier) {
			grow, other = bwd, fwd
		}
		list, err := json.Marshal(grow.frontier)
		if err != nil {
			return nil, err
		}
		args := append(append([]any{string(list)}, typeArgs...), string(list))
		args = append(args, typeArgs...)
		rows, err := tx.QueryContext(ctx, neighbours, args...)
		if err != nil {
			return nil, fmt.Errorf("neighbours: %w", err)
		}
		grow.depth++
		var next []string
		meet, best := "", 0
		for rows.Next() {
			var id, from, to string
			if err := rows.Scan(&id, &from, &to); err != nil {
				rows.Close()
				return nil, fmt.Errorf("neighbours: %w", err)
			}
			// The edge leads out of the frontier at whichever end is in
			// it; a self-loop leads nowhere.
			for _, pair := range [2][2]string{{from, to}, {to, from}} {
				at, n := pair[0], pair[1]
				l, ok := grow.seen[at]
				if !ok || l.depth != grow.depth-1 || at == n {
					continue
				}
				if _, ok := grow.seen[n]; ok {
					continue
				}
				grow.seen[n] = link{prev: at, edge: id, depth: grow.depth}
				next = append(next, n)
				if o, ok := other.seen[n]; ok {
					// Meeting nodes of one level may lie at different
					// depths on the other side; keep the nearest, and of
					// equals the smallest id, so the answer is stable.
					if total := grow.depth + o.depth; meet == "" || total < best || (total == best && n < meet) {
						meet, best = n, total
					}
				}
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("neighbours: %w", err)
		}
		if meet != "" {
			return buildPath(ctx, tx, fwd, bwd, meet)
		}
		if len(next) == 0 {
			break // this side's component is exhausted
		}
		slices.Sort(next)
		grow.frontier = next
	}
	return nil, kg.Errorf(kg.ENOTFOUND, "no path of at most %d hops from %s to %s", maxHops, q.From, q.To)
}

// buildPath follows the links from the meeting node back to both ends and
// loads the entities and edges of the walk.
func buildPath(ctx context.Context, tx *sql.Tx, fwd, bwd *side, meet string) (*kg.Path, error) {
	// nodes[i] -edges[i]- nodes[i+1], from the start to the end.
	var nodes, edges []string
	for n := meet; ; {
		nodes = append(nodes, n)
		l := fwd.seen[n]
		if l.edge == "" {
			break
		}
		edges = append(edges, l.edge)
		n = l.prev
	}
	slices.Reverse(nodes)
	slices.Reverse(edges)
	for n := meet; ; {
		l := bwd.seen[n]
		if l.edge == "" {
			break
		}
		edges = append(edges, l.edge)
		nodes = append(nodes, l.prev)
		n = l.prev
	}

	entities, err := loadEntities(ctx, tx, nodes)
	if err != nil {
		return nil, err
	}
	for _, id := range nodes {
		if entities[id] == nil { // an article, walked over MENTIONS
			a := &kg.Entity{ID: id}
			if err := tx.QueryRowContext(ctx, `SELECT title FROM articles WHERE id = ?`, id).Scan(&a.Name); err != nil {
				return nil, fmt.Errorf("article %s: %w", id, err)
			}
			entities[id] = a
		}
	}
	byID, err := loadEdges(ctx, tx, edges)
	if err != nil {
		return nil, err
	}
	p := &kg.Path{}
	for i, id := range edges {
		e := byID[id]
		if e == nil {
			return nil, fmt.Errorf("edge %s vanished", id)
		}
		p.Steps = append(p.Steps, kg.Step{From: entities[nodes[i]], Edge: e, To: entities[nodes[i+1]]})
	}
	return p, nil
}

// loadEdges returns the edges with the given ids, evidence included, by id.
func loadEdges(ctx context.Context, q queryer, ids []string) (map[string]*kg.Edge, error) {
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT pk, `+edgeColumns+` FROM edges WHERE id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, fmt.Errorf("edges: %w", err)
	}
	defer rows.Close()
	byPK := map[int64]*kg.Edge{}
	byID := map[string]*kg.Edge{}
	for rows.Next() {
		var pk int64
		var r edgeRow
		if err := rows.Scan(append([]any{&pk}, r.dest()...)...); err != nil {
			return nil, fmt.Errorf("edges: %w", err)
		}
		e, err := r.edge()
		if err != nil {
			return nil, err
		}
		byPK[pk], byID[e.ID] = e, e
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("edges: %w", err)
	}
	rows.Close()
	return byID, loadEvidence(ctx, q, byPK)
}
