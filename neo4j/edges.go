package neo4j

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"github.com/diplograph/diplograph/kg"
)

// edgesQuery returns the count and one page of the edges of the node
// (entity or article) $id, or found = false. It is filled in with the
// relationship pattern (direction and types, from the kg enums) and the
// window condition (edgeWindow, or "true"):
//
//   - the count is a pattern count when there is no window, which Neo4j
//     answers from the node's degree per type without reading an edge;
//   - the page sorts by (dateFirst, datePrecision, id), undated last, and
//     starts strictly after the cursor's key, so any page is one pass over
//     the node's relationships of the asked types, and a top-k sort.
//
// An undirected pattern matches a self-loop once, so BOTH lists it once.
const edgesQuery = `OPTIONAL MATCH (x:Entity {id: $id})
OPTIONAL MATCH (y:Article {id: $id})
WITH coalesce(x, y) AS n
CALL (n) {
  %[3]s
}
CALL (n) {
  MATCH %[1]s
  WHERE %[2]s
  WITH r, coalesce(r.dateFirst, $undated) AS f, coalesce(r.datePrecision, 0) AS p
  WHERE $after IS NULL OR f > $after.f OR (f = $after.f AND (p > $after.p OR (p = $after.p AND r.id > $after.id)))
  WITH r, f, p ORDER BY f, p, r.id LIMIT $limit
  RETURN collect({props: properties(r), type: type(r), from: startNode(r).id, to: endNode(r).id, f: f, p: p}) AS page
}
RETURN n IS NOT NULL AS found, total, page`

const (
	// edgeCountAll counts by degree.
	edgeCountAll = `RETURN COUNT { MATCH %[1]s } AS total`
	// edgeCountWindow counts what the window keeps.
	edgeCountWindow = `MATCH %[1]s WHERE %[2]s RETURN count(r) AS total`
	// edgeWindow keeps the edges that overlap [$from, $to] (yyyymmdd keys,
	// either may be null for open). An undated edge has no dateFirst and
	// dateLast, so any bound leaves it out.
	edgeWindow = `($from IS NULL OR r.dateLast >= $from) AND ($to IS NULL OR r.dateFirst <= $to)`
)

// Edges returns one page of the edges of an entity (or of an article, whose
// MENTIONS edges start there), in date order: by first day, coarser dates
// before finer ones on the same day, undated edges last, ties by edge id.
// Pages are keyset pages: a cursor holds the sort key of its edge, and the
// next page starts right after it. Neo4j keeps no per-node order of
// relationships by property, so a page costs one pass over the node's
// relationships of the asked types (a few milliseconds for a hub of
// thousands of edges); asking for types narrows the pass to their
// relationship groups. It returns ENOTFOUND if nothing is
// stored under q.Entity, and EINVALID for a cursor it did not issue, an
// unknown type or direction, a window that ends before it starts, or a
// First out of range.
func (s *Store) Edges(ctx context.Context, q kg.EdgeQuery) (*kg.EdgePage, error) {
	first, err := pageSize(q.First)
	if err != nil {
		return nil, err
	}
	if err := checkEdgeTypes(q.Types); err != nil {
		return nil, err
	}
	if err := checkWindow(q.From, q.To); err != nil {
		return nil, err
	}
	var pattern string
	types := relPattern(distinct(q.Types))
	switch q.Direction {
	case kg.Out:
		pattern = "(n)-[r" + types + "]->()"
	case kg.In:
		pattern = "(n)<-[r" + types + "]-()"
	case kg.Both, "":
		pattern = "(n)-[r" + types + "]-()"
	default:
		return nil, kg.Errorf(kg.EINVALID, "unknown direction %q", q.Direction)
	}
	params := map[string]any{"id": q.Entity, "undated": int64(undatedFirst), "limit": int64(first + 1), "after": nil}
	if q.After != "" {
		c, err := decodeCursor(q.After)
		if err != nil {
			return nil, err
		}
		params["after"] = map[string]any{"f": c.first, "p": c.prec, "id": c.id}
	}
	window, count := "true", edgeCountAll
	if !q.From.IsZero() || !q.To.IsZero() {
		window, count = edgeWindow, edgeCountWindow
		params["from"], params["to"] = dateKey(q.From, kg.Date.FirstKey), dateKey(q.To, kg.Date.LastKey)
	}
	query := fmt.Sprintf(edgesQuery, pattern, window, fmt.Sprintf(count, pattern, window))

	recs, err := s.query(ctx, query, params)
	if err != nil {
		return nil, fmt.Errorf("neo4j: edges of %s: %w", q.Entity, err)
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("neo4j: edges of %s: %d records", q.Entity, len(recs))
	}
	r := recs[0]
	if found, _ := r.Values[0].(bool); !found {
		return nil, kg.Errorf(kg.ENOTFOUND, "no entity %q", q.Entity)
	}
	total, _ := r.Values[1].(int64)
	rows, _ := r.Values[2].([]any)
	page := &kg.EdgePage{TotalCount: int(total)}
	for i, row := range rows {
		if i == first {
			page.HasNext = true
			break
		}
		e, c, err := decodeEdgeRow(row)
		if err != nil {
			return nil, fmt.Errorf("neo4j: edges of %s: %w", q.Entity, err)
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
