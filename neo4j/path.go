package neo4j

import (
	"context"
	"fmt"
	"slices"

	"github.com/diplograph/diplograph/kg"
)

// pathQuery finds a shortest walk with Neo4j's shortestPath, a
// bidirectional breadth-first search, over relationships of the listed
// types in either direction. It is filled in with the relationship types
// (from the kg enums) and the hop limit (an integer Path checked): Cypher
// takes neither as a parameter. shortestPath refuses a walk from a node to
// itself, so that case is left to Path; the aggregation keeps one row
// whether or not a walk exists, to tell a missing end from a missing walk.
const pathQuery = `OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
CALL (a, b) {
  WITH a, b WHERE a <> b
  MATCH p = shortestPath((a)-[%s*..%d]-(b))
  RETURN collect(p)[0] AS p
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound,
  [n IN nodes(p) | {article: n:Article, props: properties(n)}] AS nodes,
  [r IN relationships(p) | {props: properties(r), type: type(r), from: startNode(r).id, to: endNode(r).id}] AS rels`

// Path returns a shortest walk between two entities over edges in either
// direction, each step oriented along the walk.
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
	types := distinct(q.Types)
	if len(types) == 0 {
		types = slices.DeleteFunc(slices.Clone(kg.EdgeTypes), func(t kg.EdgeType) bool { return t == kg.Mentions })
	}
	query := fmt.Sprintf(pathQuery, relPattern(types), hops)
	recs, err := s.query(ctx, query, map[string]any{"from": q.From, "to": q.To})
	if err != nil {
		return nil, fmt.Errorf("neo4j: path from %s to %s: %w", q.From, q.To, err)
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("neo4j: path from %s to %s: %d records", q.From, q.To, len(recs))
	}
	r := recs[0]
	for i, id := range []string{q.From, q.To} {
		if found, _ := r.Values[i].(bool); !found {
			return nil, kg.Errorf(kg.ENOTFOUND, "no entity %q", id)
		}
	}
	if q.From == q.To {
		return &kg.Path{}, nil
	}
	nodes, _ := r.Values[2].([]any)
	rels, _ := r.Values[3].([]any)
	if len(nodes) == 0 {
		return nil, fmt.Errorf("%w: %w", kg.ErrNoWalk, kg.Errorf(kg.ENOTFOUND, "no path of at most %d hops from %s to %s", hops, q.From, q.To))
	}
	if len(rels) != len(nodes)-1 {
		return nil, fmt.Errorf("neo4j: path from %s to %s: %d nodes, %d relationships", q.From, q.To, len(nodes), len(rels))
	}
	walk := make([]*kg.Entity, len(nodes))
	for i, v := range nodes {
		m, _ := v.(map[string]any)
		props, _ := m["props"].(map[string]any)
		if article, _ := m["article"].(bool); article {
			a, err := decodeArticle(props)
			if err != nil {
				return nil, fmt.Errorf("neo4j: path: %w", err)
			}
			walk[i] = &kg.Entity{ID: a.ID, Name: a.Title}
			continue
		}
		if walk[i], err = decodeEntity(props); err != nil {
			return nil, fmt.Errorf("neo4j: path: %w", err)
		}
	}
	p := &kg.Path{}
	for i, v := range rels {
		m, _ := v.(map[string]any)
		props, _ := m["props"].(map[string]any)
		typ, _ := m["type"].(string)
		from, _ := m["from"].(string)
		to, _ := m["to"].(string)
		e, err := decodeEdge(props, typ, from, to)
		if err != nil {
			return nil, fmt.Errorf("neo4j: path: %w", err)
		}
		p.Steps = append(p.Steps, kg.Step{From: walk[i], Edge: e, To: walk[i+1]})
	}
	return p, nil
}
