package neo4j

import (
	"context"
	"fmt"
	"strings"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/walk"
)

// The reads in this file answer in one Cypher query what would otherwise
// be several round trips: an entity with a page of its edges, a timeline
// page with each event's participants, and a neighbourhood. Over Bolt a
// round trip costs more than most of these queries' work, and the peer
// this store was measured against (the Neo4j GraphQL Library with
// hand-written @cypher, BENCHMARKS.md) answers each question in one.

// entityEdgesQuery reads entity $q.id with one page of its edges (%s:
// edgePageBody, %s: the ends column's near end).
const entityEdgesQuery = `WITH $q AS q
OPTIONAL MATCH (n:Entity {id: q.id})
%sRETURN n IS NOT NULL AS found, total, page, %s AS ends, properties(n) AS self`

// EntityEdges returns the entity q.Entity and one page of its edges, in
// one query. It returns ENOTFOUND if no entity has that id (an article's
// id included), and EINVALID as Edges does.
func (s *Store) EntityEdges(ctx context.Context, q kg.EdgeQuery) (*kg.Entity, *kg.EdgePage, error) {
	body, first, param, err := edgeQueryShape(q)
	if err != nil {
		return nil, nil, err
	}
	near := noNearEnd
	if q.Ends {
		near = withNearEnd
	}
	recs, err := s.query(ctx, fmt.Sprintf(entityEdgesQuery, body, near),
		map[string]any{"q": param, "undated": int64(undatedFirst), "limit": int64(first + 1)})
	if err == nil && len(recs) != 1 {
		err = fmt.Errorf("%d records", len(recs))
	}
	if err != nil {
		return nil, nil, fmt.Errorf("neo4j: entity %s with edges: %w", q.Entity, err)
	}
	page, err := decodePage(recs[0].Values, first, q.Ends)
	if err != nil {
		return nil, nil, fmt.Errorf("neo4j: entity %s with edges: %w", q.Entity, err)
	}
	if page == nil {
		return nil, nil, kg.Errorf(kg.ENOTFOUND, "no entity %q", q.Entity)
	}
	self, _ := recs[0].Values[4].(map[string]any)
	e, err := decodeEntity(self)
	if err != nil {
		return nil, nil, fmt.Errorf("neo4j: %w", err)
	}
	return e, page, nil
}

// eventsEdgesTail reads, after a part that binds found (whether the
// entity of the event query exists) and evs (the page of events, in
// order), each event's page of edges: one row per event, in order, or
// one row with i = -1 when there are none, so that found still comes
// back. %s: edgePageBody, %s: the ends column's near end.
const eventsEdgesTail = `UNWIND CASE WHEN size(evs) = 0 THEN [-1] ELSE range(0, size(evs) - 1) END AS i
WITH found, i, CASE WHEN i < 0 THEN null ELSE evs[i] END AS n, $q AS q
%sRETURN found, i, total, page, %s AS ends, properties(n) AS props
ORDER BY i`

// EventsEdges returns the events Events returns for q and, for each, the
// page of its edges eq asks for, in one query.
func (s *Store) EventsEdges(ctx context.Context, q kg.EventQuery, eq kg.EdgeQuery) ([]*kg.Entity, []*kg.EdgePage, error) {
	params, err := eventPageParams(q)
	if err != nil {
		return nil, nil, err
	}
	eq.Entity, eq.After = "", "" // each event's own; a cursor would be another event's
	body, first, param, err := edgeQueryShape(eq)
	if err != nil {
		return nil, nil, err
	}
	near := noNearEnd
	if eq.Ends {
		near = withNearEnd
	}
	var head string
	if q.Entity == "" {
		head = fmt.Sprintf(longTierBound, "") + windowEvents + "WITH collect(e) AS evs\nWITH true AS found, evs\n"
	} else {
		head = nodeByID + fmt.Sprintf(longTierBound, "n, ") + entityEvents + "WITH n IS NOT NULL AS found, evs\n"
	}
	params["q"], params["undated"], params["limit"] = param, int64(undatedFirst), int64(first+1)
	recs, err := s.query(ctx, head+fmt.Sprintf(eventsEdgesTail, body, near), params)
	if err != nil {
		return nil, nil, fmt.Errorf("neo4j: events with edges: %w", err)
	}
	if len(recs) == 0 {
		return nil, nil, fmt.Errorf("neo4j: events with edges: no record")
	}
	if found, _ := recs[0].Values[0].(bool); !found {
		return nil, nil, kg.Errorf(kg.ENOTFOUND, "no entity %q", q.Entity)
	}
	evs := make([]*kg.Entity, 0, len(recs))
	pages := make([]*kg.EdgePage, 0, len(recs))
	for _, r := range recs {
		if i, _ := r.Values[1].(int64); i < 0 {
			break // no events
		}
		props, _ := r.Values[5].(map[string]any)
		ev, err := decodeEntity(props)
		if err != nil {
			return nil, nil, fmt.Errorf("neo4j: events with edges: %w", err)
		}
		// decodePage wants found, total, page, ends.
		page, err := decodePage([]any{true, r.Values[2], r.Values[3], r.Values[4]}, first, eq.Ends)
		if err != nil {
			return nil, nil, fmt.Errorf("neo4j: edges of event %s: %w", ev.ID, err)
		}
		evs, pages = append(evs, ev), append(pages, page)
	}
	return evs, pages, nil
}

// Neighbourhoods in Cypher.
//
// neighborhoodQuery computes walk.ReadNeighborhood's answer inside the
// server, by the same rules (walk's package comment and ReadNeighborhood):
// each entity reached has its first $k edges read in date order (one more
// to tell whether it has more: cut), self-loops dropped; the entities one
// hop further are taken in the order they are reached (by the position of
// the entity they are reached from, then by edge id), each once, until
// $k are in the view (full: no further hop); then the edges of the
// entities not read yet are read too, and the edges among the view are
// returned by id. Every list is bounded by $k entities of $k edges each,
// and each entity is read once. One query replaces the walk's round trips
// (an entity check, one EdgesBatch per hop and one for the outer ring, the
// entities at the end) and the thousands of edges they carry over Bolt.
//
// The level, read and edges parts are spliced in per hop (hops are at
// most kg.MaxNeighborhoodHops); %[1]s is the relationship pattern's types,
// %[2]s the window condition.

// nbrRead reads the first $k edges of each entity of the list %[3]s,
// returning rows {r, v, x} (edge, entity read, far end) in the list's
// order and by edge id, and whether any entity had more.
const nbrRead = `CALL (%[3]s) {
  UNWIND range(0, size(%[3]s) - 1) AS fi
  WITH fi, %[3]s[fi] AS v
  CALL (v) {
    MATCH (v)-[r%[1]s]-(x)
    WHERE %[2]s
    WITH r, x ORDER BY coalesce(r.dateFirst, $undated), coalesce(r.datePrecision, 0), r.id LIMIT $k1
    WITH collect({r: r, x: x}) AS top
    RETURN size(top) > $k AS cutv, [e IN top[..$k] WHERE e.x <> v] AS kept
  }
  UNWIND CASE WHEN size(kept) = 0 THEN [null] ELSE kept END AS e
  WITH fi, v, cutv, e ORDER BY fi, e.r.id
  RETURN collect(CASE WHEN e IS NOT NULL THEN {r: e.r, v: v, x: e.x} END) AS rows,
    any(c IN collect(cutv) WHERE c) AS lcut
}
`

// nbrLevel is one hop: read the frontier F, then add the entities it
// reaches that are not in the view S, in order, as far as $k allows.
var nbrLevel = nbrRead + `WITH S, R + rows AS R, Rd + F AS Rd, cut OR lcut AS cut, full, [row IN rows | row.x] AS cands
CALL (S, cands) {
  UNWIND range(0, size(cands) - 1) AS ci
  WITH cands[ci] AS w, ci
  WITH w, min(ci) AS p ORDER BY p
  WITH w WHERE NOT w IN S
  RETURN collect(w) AS fresh
}
WITH S, R, Rd, cut, full OR size(fresh) > $k - size(S) AS full2, fresh[..($k - size(S))] AS add
WITH S + add AS S, CASE WHEN full2 THEN [] ELSE add END AS F, R, Rd, cut, full2 AS full
`

// nbrTail reads the entities of the view not read yet (the last hop's)
// and returns the view, its edges by id and whether anything was left out.
// %[3]s: the edge's properties (all, or without evidence).
var nbrTail = `WITH S, R, cut, full, [v IN S WHERE NOT v IN Rd] AS L
` + nbrReadL + `WITH S, R + rows AS R, cut OR lcut OR full AS truncated
CALL (S, R) {
  UNWIND R AS row
  WITH row WHERE row.x IN S
  WITH DISTINCT row.r AS r
  WITH r ORDER BY r.id
  RETURN collect({props: %[3]s, type: type(r), from: startNode(r).id, to: endNode(r).id}) AS edges
}
RETURN [n IN S | properties(n)] AS nodes, edges, truncated`

// nbrReadL is nbrRead over L (placeholders kept for nbrTail's Sprintf).
var nbrReadL = strings.ReplaceAll(nbrRead, "%[3]s", "L")

// neighborhoodQuery returns the query for hops hops.
func neighborhoodQuery(hops int, types, window, props string) string {
	var b strings.Builder
	b.WriteString("MATCH (c:Entity {id: $id})\nWITH [c] AS S, [c] AS F, [] AS R, [] AS Rd, false AS cut, false AS full\n")
	for range hops {
		b.WriteString(fmt.Sprintf(nbrLevel, types, window, "F"))
	}
	b.WriteString(fmt.Sprintf(nbrTail, types, window, props))
	return b.String()
}

// Neighborhood answers walk.ReadNeighborhood's question in one query
// (neighborhoodQuery) when q.First is at most walk.NeighborhoodEdgeBudget,
// where the rules alone decide the answer; beyond, the walk's edge budget
// decides which edges are read, and the walk itself runs
// (walk.ReadNeighborhood over EdgesBatch).
func (s *Store) Neighborhood(ctx context.Context, q kg.NeighborhoodQuery) (*kg.Subgraph, error) {
	types, first, err := walk.CheckNeighborhood(q)
	if err != nil {
		return nil, err
	}
	if first > walk.NeighborhoodEdgeBudget {
		return walk.ReadNeighborhood(ctx, s, q)
	}
	window := "true"
	params := map[string]any{"id": q.ID, "k": int64(first), "k1": int64(first + 1), "undated": int64(undatedFirst)}
	if !q.Since.IsZero() || !q.Until.IsZero() {
		window = `($from IS NULL OR r.dateLast >= $from) AND ($to IS NULL OR r.dateFirst <= $to)`
		params["from"], params["to"] = dateKey(q.Since, kg.Date.FirstKey), dateKey(q.Until, kg.Date.LastKey)
	}
	props := "properties(r)"
	if q.NoEvidence {
		props = edgeWithoutEvidence
	}
	recs, err := s.query(ctx, neighborhoodQuery(q.Hops, relPattern(types), window, props), params)
	if err != nil {
		return nil, fmt.Errorf("neo4j: neighbourhood of %s: %w", q.ID, err)
	}
	if len(recs) == 0 {
		return nil, kg.Errorf(kg.ENOTFOUND, "no entity %q", q.ID)
	}
	nodes, _ := recs[0].Values[0].([]any)
	edges, _ := recs[0].Values[1].([]any)
	truncated, _ := recs[0].Values[2].(bool)
	g := &kg.Subgraph{Truncated: truncated}
	for _, n := range nodes {
		m, _ := n.(map[string]any)
		e, err := decodeEntity(m)
		if err != nil {
			return nil, fmt.Errorf("neo4j: neighbourhood of %s: %w", q.ID, err)
		}
		g.Nodes = append(g.Nodes, e)
	}
	for _, row := range edges {
		m, _ := row.(map[string]any)
		props, _ := m["props"].(map[string]any)
		typ, _ := m["type"].(string)
		from, _ := m["from"].(string)
		to, _ := m["to"].(string)
		e, err := decodeEdge(props, typ, from, to)
		if err != nil {
			return nil, fmt.Errorf("neo4j: neighbourhood of %s: %w", q.ID, err)
		}
		g.Edges = append(g.Edges, e)
	}
	return g, nil
}
