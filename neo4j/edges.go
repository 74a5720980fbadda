package neo4j

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"github.com/diplograph/diplograph/kg"
)

// edgesQuery answers the edge queries $qs that share one shape (direction,
// types, whether they have a window, page size): for each, whether its node
// (entity or article) exists, its count, and its page. It is filled in with
// the relationship pattern (direction and types, from the kg enums), the
// window condition (edgeWindow, or "true") and the count subquery:
//
//   - the count is a pattern count when there is no window, which Neo4j
//     answers from the node's degree per type without reading an edge;
//   - the page sorts by (dateFirst, datePrecision, id), undated last, and
//     starts strictly after the cursor's key (without a cursor, after
//     (-1, -1, ""), before every edge), so any page is one pass over the
//     node's relationships of the asked types, and a top-k sort.
//
// An undirected pattern matches a self-loop once, so BOTH lists it once.
//
// edgePageBody is the part that reads one node's count and page, with q
// and n bound by what comes before it (edgesQuery, entityEdgesQuery,
// eventsEdgesQuery); with ends (%[5]s: endsColumn) the page's far ends
// come with it as a list of property maps.
const edgePageBody = `CALL (q, n) {
  %[3]s
}
CALL (q, n) {
  WITH q, n, coalesce(q.after.f, -1) AS af, coalesce(q.after.p, -1) AS ap, coalesce(q.after.id, '') AS aid
  MATCH %[1]s
  WHERE %[2]s
  WITH r, o, coalesce(r.dateFirst, $undated) AS f, coalesce(r.datePrecision, 0) AS p, af, ap, aid
  WHERE f > af OR (f = af AND (p > ap OR (p = ap AND r.id > aid)))
  WITH r, o, f, p ORDER BY f, p, r.id LIMIT $limit
  RETURN collect({props: %[4]s, type: type(r), from: startNode(r).id, to: endNode(r).id, f: f, p: p}) AS page%[5]s
}
`

// endsColumn returns the entities at the far ends of a page's edges
// (kg.EdgeQuery.Ends), each once; the query adds the near end, n. An end
// that is an article (a MENTIONS edge's start) is no entity.
const endsColumn = `, [x IN collect(DISTINCT o) WHERE x:Entity | properties(x)] AS ends`

// noEnds stands for endsColumn when the shape does not ask for ends: no
// column (a constant beside the aggregate would become a grouping key,
// and an empty page no row at all).
const noEnds = ``

// edgesQuery answers the queries $qs of one shape (%s: edgePageBody).
const edgesQuery = `UNWIND $qs AS q
OPTIONAL MATCH (x:Entity {id: q.id})
OPTIONAL MATCH (y:Article {id: q.id})
WITH q, coalesce(x, y) AS n
%sRETURN q.i AS i, n IS NOT NULL AS found, total, page, %s AS ends`

// withNearEnd adds n to the ends of a page (when n is an entity); noNearEnd
// is for the shapes without ends.
const (
	withNearEnd = `CASE WHEN n:Entity THEN ends + [properties(n)] ELSE ends END`
	noNearEnd   = `[]`
)

// edgeWithoutEvidence is what a page returns of an edge when the caller
// does not look at its evidence (kg.EdgeQuery.NoEvidence): the properties
// decodeEdge reads but the five evidence lists, which are most of an
// edge's bytes.
const edgeWithoutEvidence = `r {.id, .role, .status, .date, .end}`

const (
	// edgeCountAll counts by degree.
	edgeCountAll = `RETURN COUNT { MATCH %[1]s } AS total`
	// edgeCountWindow counts what the window keeps.
	edgeCountWindow = `MATCH %[1]s WHERE %[2]s RETURN count(r) AS total`
	// edgeWindow keeps the edges that overlap [q.from, q.to] (yyyymmdd
	// keys, either may be null for open). An undated edge has no dateFirst
	// and dateLast, so any bound leaves it out.
	edgeWindow = `(q.from IS NULL OR r.dateLast >= q.from) AND (q.to IS NULL OR r.dateFirst <= q.to)`
	// edgeDated keeps the dated edges (kg.EdgeQuery.Dated).
	edgeDated = `r.dateFirst IS NOT NULL`
)

// Edges returns one page of the edges of an entity (or of an article, whose
// MENTIONS edges start there), in date order: by first day, coarser dates
// before finer ones on the same day, undated edges last, ties by edge id.
// Pages are keyset pages: a cursor holds the sort key of its edge, and the
// next page starts right after it. Neo4j keeps no per-node order of
// relationships by property, so a page costs one pass over the node's
// relationships of the asked types (a few milliseconds for a hub of
// thousands of edges); asking for types narrows the pass to their
// relationship groups. It returns ENOTFOUND if nothing is stored under
// q.Entity, and EINVALID for a cursor it did not issue, an unknown type or
// direction, a window that ends before it starts, or a First out of range.
func (s *Store) Edges(ctx context.Context, q kg.EdgeQuery) (*kg.EdgePage, error) {
	pages, err := s.EdgesBatch(ctx, []kg.EdgeQuery{q})
	if err != nil {
		return nil, err
	}
	return pages[0], nil
}

// EdgesBatch answers many edge queries, the i-th page for the i-th query,
// as Edges would; an error in one query fails the batch. Queries of one
// shape (direction, types, window or none, page size; a GraphQL list asks
// the same of every item) are one Cypher query: relationship types cannot
// be parameters, so each shape is a query of its own.
func (s *Store) EdgesBatch(ctx context.Context, qs []kg.EdgeQuery) ([]*kg.EdgePage, error) {
	type group struct {
		query string
		first int
		qs    []map[string]any
	}
	// The page size is part of the shape: LIMIT takes a parameter, not a
	// value of the row.
	type shape struct {
		query string
		first int
	}
	var groups []*group
	byShape := map[shape]*group{}
	for i, q := range qs {
		body, first, param, err := edgeQueryShape(q)
		if err != nil {
			return nil, err
		}
		near := noNearEnd
		if q.Ends {
			near = withNearEnd
		}
		query := fmt.Sprintf(edgesQuery, body, near)
		param["i"] = int64(i)
		g := byShape[shape{query, first}]
		if g == nil {
			g = &group{query: query, first: first}
			byShape[shape{query, first}] = g
			groups = append(groups, g)
		}
		g.qs = append(g.qs, param)
	}

	pages := make([]*kg.EdgePage, len(qs))
	for _, g := range groups {
		recs, err := s.query(ctx, g.query, map[string]any{"qs": g.qs, "undated": int64(undatedFirst), "limit": int64(g.first + 1)})
		if err != nil {
			if len(qs) == 1 {
				return nil, fmt.Errorf("neo4j: edges of %s: %w", qs[0].Entity, err)
			}
			return nil, fmt.Errorf("neo4j: edges of %d entities: %w", len(qs), err)
		}
		if len(recs) != len(g.qs) {
			return nil, fmt.Errorf("neo4j: edges: %d records for %d queries", len(recs), len(g.qs))
		}
		for _, r := range recs {
			i, _ := r.Values[0].(int64)
			if i < 0 || int(i) >= len(qs) {
				return nil, fmt.Errorf("neo4j: edges: record for query %d of %d", i, len(qs))
			}
			page, err := decodePage(r.Values[1:], g.first, qs[i].Ends)
			if err != nil {
				return nil, fmt.Errorf("neo4j: edges of %s: %w", qs[i].Entity, err)
			}
			if page == nil {
				return nil, kg.Errorf(kg.ENOTFOUND, "no entity %q", qs[i].Entity)
			}
			pages[i] = page
		}
	}
	return pages, nil
}

// edgeQueryShape checks q and returns the Cypher text of its shape (an
// edgePageBody for q and n), its page size and its parameters.
func edgeQueryShape(q kg.EdgeQuery) (body string, first int, param map[string]any, err error) {
	if first, err = pageSize(q.First); err != nil {
		return "", 0, nil, err
	}
	if err := checkEdgeTypes(q.Types); err != nil {
		return "", 0, nil, err
	}
	if err := checkWindow(q.From, q.To); err != nil {
		return "", 0, nil, err
	}
	var pattern string
	types := relPattern(distinct(q.Types))
	switch q.Direction {
	case kg.Out:
		pattern = "(n)-[r" + types + "]->(o)"
	case kg.In:
		pattern = "(n)<-[r" + types + "]-(o)"
	case kg.Both, "":
		pattern = "(n)-[r" + types + "]-(o)"
	default:
		return "", 0, nil, kg.Errorf(kg.EINVALID, "unknown direction %q", q.Direction)
	}
	if err := kg.CheckEdgeKey(q); err != nil {
		return "", 0, nil, err
	}
	param = map[string]any{"id": q.Entity, "after": nil}
	if k := q.AfterKey; k != nil {
		param["after"] = map[string]any{"f": int64(k.Date.FirstKey()), "p": int64(k.Date.Precision()), "id": k.ID}
	}
	if q.After != "" {
		c, err := decodeCursor(q.After)
		if err != nil {
			return "", 0, nil, err
		}
		param["after"] = map[string]any{"f": c.first, "p": c.prec, "id": c.id}
	}
	window, count := "true", edgeCountAll
	switch {
	case !q.From.IsZero() || !q.To.IsZero():
		window, count = edgeWindow, edgeCountWindow
		param["from"], param["to"] = dateKey(q.From, kg.Date.FirstKey), dateKey(q.To, kg.Date.LastKey)
	case q.Dated:
		window, count = edgeDated, edgeCountWindow
	}
	props := "properties(r)"
	if q.NoEvidence {
		props = edgeWithoutEvidence
	}
	ends := noEnds
	if q.Ends {
		ends = endsColumn
	}
	body = fmt.Sprintf(edgePageBody, pattern, window, fmt.Sprintf(count, pattern, window), props, ends)
	return body, first, param, nil
}

// decodePage reads the found, total, page and ends columns of edgesQuery;
// nil when the node was not found. With ends, page.Ends holds the
// entities at the ends of the page's edges.
func decodePage(v []any, first int, ends bool) (*kg.EdgePage, error) {
	if found, _ := v[0].(bool); !found {
		return nil, nil
	}
	total, _ := v[1].(int64)
	rows, _ := v[2].([]any)
	page := &kg.EdgePage{TotalCount: int(total)}
	if ends {
		defer func() { page.Ends = decodeEnds(v[3], page.Edges) }()
	}
	for i, row := range rows {
		if i == first {
			page.HasNext = true
			break
		}
		e, c, err := decodeEdgeRow(row)
		if err != nil {
			return nil, err
		}
		page.Edges = append(page.Edges, e)
		page.Cursors = append(page.Cursors, c.encode())
	}
	return page, nil
}

// dateKey returns key(d) as a query parameter, nil for the zero Date.
func dateKey(d kg.Date, key func(kg.Date) int) any {
	if d.IsZero() {
		return nil
	}
	return int64(key(d))
}

// decodeEdgeRow reads one {props, type, from, to, f, p} map of edgesQuery.
func decodeEdgeRow(row any) (*kg.Edge, cursor, error) {
	m, _ := row.(map[string]any)
	props, _ := m["props"].(map[string]any)
	typ, _ := m["type"].(string)
	from, _ := m["from"].(string)
	to, _ := m["to"].(string)
	e, err := decodeEdge(props, typ, from, to)
	if err != nil {
		return nil, cursor{}, err
	}
	c := cursor{id: e.ID}
	c.first, _ = m["f"].(int64)
	c.prec, _ = m["p"].(int64)
	return e, c, nil
}

// cursor is the sort key of an edge: where the next page starts.
type cursor struct {
	first, prec int64
	id          string
}

// cursorVersion starts every cursor, so that a later format (or another
// store's cursor) can be told apart and refused cleanly.
const cursorVersion = "n1"

func (c cursor) encode() string {
	raw := cursorVersion + ":" + strconv.FormatInt(c.first, 10) + ":" + strconv.FormatInt(c.prec, 10) + ":" + c.id
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

func decodeCursor(s string) (cursor, error) {
	bad := kg.Errorf(kg.EINVALID, "invalid cursor %q", s)
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return cursor{}, bad
	}
	parts := strings.SplitN(string(raw), ":", 4) // the id holds colons itself
	if len(parts) != 4 || parts[0] != cursorVersion || parts[3] == "" {
		return cursor{}, bad
	}
	var c cursor
	if c.first, err = strconv.ParseInt(parts[1], 10, 64); err != nil || c.first < 0 || c.first > undatedFirst {
		return cursor{}, bad
	}
	if c.prec, err = strconv.ParseInt(parts[2], 10, 64); err != nil || c.prec < 0 || c.prec > int64(kg.PrecisionDay) {
		return cursor{}, bad
	}
	c.id = parts[3]
	return c, nil
}

// decodeEnds reads a list of entity property maps and keeps those at an
// end of edges. A map that does not decode is left out: the caller reads
// that entity again, and reports it then.
func decodeEnds(v any, edges []*kg.Edge) map[string]*kg.Entity {
	want := make(map[string]bool, 2*len(edges))
	for _, e := range edges {
		want[e.From], want[e.To] = true, true
	}
	list, _ := v.([]any)
	ends := make(map[string]*kg.Entity, len(list))
	for _, x := range list {
		m, _ := x.(map[string]any)
		if id, _ := m["id"].(string); !want[id] || ends[id] != nil {
			continue
		}
		if e, err := decodeEntity(m); err == nil {
			ends[e.ID] = e
		}
	}
	return ends
}
