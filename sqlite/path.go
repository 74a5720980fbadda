package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/diplograph/diplograph/kg"
)

// Path returns a shortest walk between two entities over edges in either
// direction, each step oriented along the walk. It searches breadth-first
// from both ends at once, always growing the side with the smaller
// frontier, with one query per level: the graph is never loaded whole, and
// a walk of n hops costs about n queries however large the store. The
// neighbours of hubs come from a cache (see hubCache). Of several shortest
// walks it returns the same one whatever the order rows come in: the
// meeting node with the smallest id, and each node reached from the
// neighbour with the smallest id.
//
// MENTIONS edges are walked only when q.Types names them; the walk then
// passes through articles, which appear in the steps as an Entity with the
// article's id and title and no kind.
//
// It returns ENOTFOUND if either end is not an entity or no walk of at most
// q.MaxHops hops (default 4) joins them, and EINVALID for MaxHops out of
// range or an unknown type. A walk from an entity to itself has no steps.
func (s *Store) Path(ctx context.Context, q kg.PathQuery) (*kg.Path, error) {
	hops, err := kg.PathHops(q.MaxHops)
	if err != nil {
		return nil, err
	}
	if err := checkEdgeTypes(q.Types); err != nil {
		return nil, err
	}

	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlite: path: %w", err)
	}
	defer tx.Rollback()
	p, err := s.findPath(ctx, tx, q, hops)
	if err != nil {
		if kg.ErrorCode(err) != kg.EINTERNAL {
			return nil, err
		}
		return nil, fmt.Errorf("sqlite: path from %s to %s: %w", q.From, q.To, err)
	}
	return p, nil
}

// link is how the search reached a node: from prev, depth hops from its
// side's start. Which edge joined them is looked up once the path is known,
// so that the search reads two ids per edge instead of three.
type link struct {
	prev  string
	depth int
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

// walkTypes returns the edge types a path query walks.
func walkTypes(types []kg.EdgeType) []kg.EdgeType {
	if len(types) > 0 {
		return types
	}
	// Listed, not "type <> 'MENTIONS'": a list is one index seek per type,
	// where an inequality tests every edge of a hub.
	return slices.DeleteFunc(slices.Clone(kg.EdgeTypes), func(t kg.EdgeType) bool { return t == kg.Mentions })
}

func (s *Store) findPath(ctx context.Context, tx *readTx, q kg.PathQuery, maxHops int) (*kg.Path, error) {
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

	types := walkTypes(q.Types)
	tkey := typesKey(types)
	var w where
	whereIn(&w, "type", types)
	// Both ends of the frontier's edges come from the covering indexes:
	// edges_out for edges that start in the frontier, edges_in for those
	// that end there. Each row is (near end, far end).
	neighbours := `SELECT from_id, to_id FROM edges WHERE from_id IN (SELECT value FROM json_each(?)) AND ` + w.String() + `
		UNION ALL
		SELECT to_id, from_id FROM edges WHERE to_id IN (SELECT value FROM json_each(?)) AND ` + w.String()

	fwd, bwd := newSide(q.From), newSide(q.To)
	for fwd.depth+bwd.depth < maxHops {
		grow, other, degrees, err := pickSide(ctx, tx, fwd, bwd, w)
		if err != nil {
			return nil, err
		}
		// On the last level a new node is only worth anything if the other
		// side has seen it: nothing is recorded for the rest, which on a
		// hub is most of the work.
		last := fwd.depth+bwd.depth+1 == maxHops
		// level maps each node first reached on this level to the
		// smallest id among the frontier nodes it was reached from: the
		// walk found does not depend on the order rows come in, so the
		// hubs' neighbours can come from the cache and the rest from the
		// index.
		level := map[string]string{}
		visit := func(near, far string) {
			if near == far {
				return // a self-loop leads nowhere
			}
			if _, ok := grow.seen[far]; ok {
				return
			}
			if _, ok := other.seen[far]; last && !ok {
				return
			}
			if prev, ok := level[far]; !ok || near < prev {
				level[far] = near
			}
		}
		var rest []string
		for _, n := range grow.frontier {
			d, known := degrees[n]
			if !known || d[degreeOut]+d[degreeIn] < int64(hubDegree) {
				rest = append(rest, n)
				continue
			}
			hub, err := s.hubNeighbours(ctx, tx, n, tkey, w, d)
			if err != nil {
				return nil, err
			}
			for _, far := range hub.out {
				visit(n, far)
			}
			for _, far := range hub.in {
				visit(n, far)
			}
		}
		if len(rest) > 0 {
			if err := readNeighbours(ctx, tx, neighbours, w, rest, visit); err != nil {
				return nil, err
			}
		}
		grow.depth++

		// Meeting nodes of one level may lie at different depths on the
		// other side; keep the nearest, and of equals the smallest id, so
		// that the answer is stable.
		meet, best := "", 0
		for far := range level {
			if o, ok := other.seen[far]; ok {
				if total := grow.depth + o.depth; meet == "" || total < best || (total == best && far < meet) {
					meet, best = far, total
				}
			}
		}
		if meet != "" {
			grow.seen[meet] = link{prev: level[meet], depth: grow.depth}
			return buildPath(ctx, tx, fwd, bwd, meet, types)
		}
		if last || len(level) == 0 {
			break // this was the last level, or this side's component is exhausted
		}
		next := make([]string, 0, len(level))
		for far, near := range level {
			grow.seen[far] = link{prev: near, depth: grow.depth}
			next = append(next, far)
		}
		grow.frontier = next
	}
	return nil, fmt.Errorf("%w: %w", kg.ErrNoWalk, kg.Errorf(kg.ENOTFOUND, "no path of at most %d hops from %s to %s", maxHops, q.From, q.To))
}

// readNeighbours runs the neighbours statement (see findPath) for the
// frontier nodes and calls visit with each row.
func readNeighbours(ctx context.Context, tx *readTx, neighbours string, w where, frontier []string, visit func(near, far string)) error {
	list, err := json.Marshal(frontier)
	if err != nil {
		return err
	}
	args := append(append([]any{string(list)}, w.args...), string(list))
	rows, err := tx.QueryContext(ctx, neighbours, append(args, w.args...)...)
	if err != nil {
		return fmt.Errorf("neighbours: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var near, far string
		if err := rows.Scan(&near, &far); err != nil {
			return fmt.Errorf("neighbours: %w", err)
		}
		visit(near, far)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("neighbours: %w", err)
	}
	return nil
}

// costlyFrontier is the frontier size above which pickSide stops asking
// the degrees table and compares sizes: the sum would cost more than it
// saves.
const costlyFrontier = 256

// pickSide returns the side to grow and the other one: the side whose
// frontier has fewer edges to read, which is what a level costs. Frontiers
// are small at first but may hold a hub (a person's state, a capital) whose
// thousands of edges dwarf the rest; comparing node counts would miss it.
// It also returns the out and in degrees of the nodes of the side to grow
// when it read them (nil for a frontier above costlyFrontier): they say
// which nodes are hubs.
func pickSide(ctx context.Context, tx *readTx, fwd, bwd *side, types where) (grow, other *side, degrees map[string][2]int64, err error) {
	if len(fwd.frontier) > costlyFrontier || len(bwd.frontier) > costlyFrontier {
		grow, other = fwd, bwd
		if len(bwd.frontier) < len(fwd.frontier) {
			grow, other = bwd, fwd
		}
		// The smaller side may still hold a hub, which the cache serves.
		if len(grow.frontier) <= costlyFrontier {
			if degrees, err = degreesIn(ctx, tx, grow.frontier, types); err != nil {
				return nil, nil, nil, fmt.Errorf("frontier degrees: %w", err)
			}
		}
		return grow, other, degrees, nil
	}
	var cost [2]int64
	var degs [2]map[string][2]int64
	for i, sd := range []*side{fwd, bwd} {
		if degs[i], err = degreesIn(ctx, tx, sd.frontier, types); err != nil {
			return nil, nil, nil, fmt.Errorf("frontier degrees: %w", err)
		}
		for _, d := range degs[i] {
			cost[i] += d[degreeOut] + d[degreeIn]
		}
	}
	if cost[1] < cost[0] {
		return bwd, fwd, degs[1], nil
	}
	return fwd, bwd, degs[0], nil
}

// buildPath follows the links from the meeting node back to both ends and
// loads the entities and edges of the walk.
func buildPath(ctx context.Context, tx *readTx, fwd, bwd *side, meet string, types []kg.EdgeType) (*kg.Path, error) {
	// The nodes of the walk, from start to end.
	var nodes []string
	for n := meet; ; n = fwd.seen[n].prev {
		nodes = append(nodes, n)
		if fwd.seen[n].depth == 0 {
			break
		}
	}
	slices.Reverse(nodes)
	for n := meet; bwd.seen[n].depth > 0; {
		n = bwd.seen[n].prev
		nodes = append(nodes, n)
	}

	// The edge of each step: of the edges of a walked type between its two
	// nodes, either way round, the one with the smallest id. Neither index
	// seeks on both ends, so each direction is read from the end with fewer
	// edges that way: a step from a person to a state with a hundred
	// thousand edges reads the person's.
	degs, err := degreesOf(ctx, tx, nodes, types)
	if err != nil {
		return nil, err
	}
	var w where
	whereIn(&w, "type", types)
	fromEnd := `SELECT min(id) FROM edges INDEXED BY edges_out WHERE from_id = ? AND to_id = ? AND ` + w.String()
	toEnd := `SELECT min(id) FROM edges INDEXED BY edges_in WHERE from_id = ? AND to_id = ? AND ` + w.String()
	edges := make([]string, len(nodes)-1)
	for i := range edges {
		a, b := nodes[i], nodes[i+1]
		for _, dir := range [][2]string{{a, b}, {b, a}} {
			from, to := dir[0], dir[1]
			q := fromEnd
			if degs[to][degreeIn] < degs[from][degreeOut] {
				q = toEnd
			}
			var id sql.NullString
			if err := tx.QueryRowContext(ctx, q, append([]any{from, to}, w.args...)...).Scan(&id); err != nil {
				return nil, fmt.Errorf("edge between %s and %s: %w", a, b, err)
			}
			if id.Valid && (edges[i] == "" || id.String < edges[i]) {
				edges[i] = id.String
			}
		}
		if edges[i] == "" {
			return nil, fmt.Errorf("no edge between %s and %s", a, b)
		}
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
		p.Steps = append(p.Steps, kg.Step{From: entities[nodes[i]], Edge: byID[id], To: entities[nodes[i+1]]})
	}
	return p, nil
}

// degreesOf returns how many edges of the given types start (index
// degreeOut) and end (degreeIn) at each of ids.
func degreesOf(ctx context.Context, tx *readTx, ids []string, types []kg.EdgeType) (map[string][2]int64, error) {
	var w where
	whereIn(&w, "type", types)
	return degreesIn(ctx, tx, ids, w)
}

// degreesIn is degreesOf for the types condition w; ids with no such edge
// have no entry.
func degreesIn(ctx context.Context, tx *readTx, ids []string, w where) (map[string][2]int64, error) {
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT entity, dir, sum(n) FROM degrees
		WHERE entity IN (SELECT value FROM json_each(?)) AND `+w.String()+` AND dir IN (?, ?) GROUP BY entity, dir`,
		append(append([]any{string(list)}, w.args...), degreeOut, degreeIn)...)
	if err != nil {
		return nil, fmt.Errorf("degrees: %w", err)
	}
	defer rows.Close()
	out := make(map[string][2]int64, len(ids))
	for rows.Next() {
		var id string
		var dir int
		var n int64
		if err := rows.Scan(&id, &dir, &n); err != nil {
			return nil, fmt.Errorf("degrees: %w", err)
		}
		d := out[id]
		d[dir] = n
		out[id] = d
	}
	return out, rows.Err()
}

// loadEdges returns the edges with the given ids, evidence included, by id.
func loadEdges(ctx context.Context, q queryer, ids []string) (map[string]*kg.Edge, error) {
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT pk FROM edges WHERE id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, fmt.Errorf("edges: %w", err)
	}
	defer rows.Close()
	var pks []int64
	for rows.Next() {
		var pk int64
		if err := rows.Scan(&pk); err != nil {
			return nil, fmt.Errorf("edges: %w", err)
		}
		pks = append(pks, pk)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("edges: %w", err)
	}
	byPK, err := loadEdgesByPK(ctx, q, pks)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*kg.Edge, len(byPK))
	for _, e := range byPK {
		byID[e.ID] = e
	}
	return byID, nil
}
