package neo4j

import (
	"context"
	"fmt"
	"strings"

	"github.com/diplograph/diplograph/kg"
)

// edgeQuery finds an edge by id with one index-backed lookup per
// relationship type: edge ids are unique per type (constraints are per
// type), and a lookup without a type would scan every relationship. The
// types come from kg.EdgeTypes, never from input.
var edgeQuery = func() string {
	parts := make([]string, len(kg.EdgeTypes))
	for i, t := range kg.EdgeTypes {
		parts[i] = fmt.Sprintf("MATCH (a)-[r:%s {id: $id}]->(b) RETURN properties(r) AS props, type(r) AS type, a.id AS from, b.id AS to", t)
	}
	return strings.Join(parts, "\nUNION ALL\n")
}()

// Edge returns the edge with the given id, or ENOTFOUND.
func (s *Store) Edge(ctx context.Context, id string) (*kg.Edge, error) {
	recs, err := s.query(ctx, edgeQuery, map[string]any{"id": id})
	if err != nil {
		return nil, fmt.Errorf("neo4j: edge %s: %w", id, err)
	}
	if len(recs) == 0 {
		return nil, kg.Errorf(kg.ENOTFOUND, "no edge %q", id)
	}
	rec := recs[0]
	props, _ := rec.Get("props")
	typ, _ := rec.Get("type")
	from, _ := rec.Get("from")
	to, _ := rec.Get("to")
	m, ok1 := props.(map[string]any)
	t, ok2 := typ.(string)
	f, ok3 := from.(string)
	o, ok4 := to.(string)
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return nil, fmt.Errorf("neo4j: edge %s: unexpected record %v", id, rec.Values)
	}
	e, err := decodeEdge(m, t, f, o)
	if err != nil {
		return nil, fmt.Errorf("neo4j: %w", err)
	}
	return e, nil
}
