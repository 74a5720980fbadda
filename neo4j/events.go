package neo4j

import (
	"context"
	"fmt"

	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/kg"
)

// hubDegree is where Events stops starting from an entity's edges and
// starts from the events of the window instead (see eventsOfQuery).
const hubDegree = 1000

// eventsLowerBound computes lo, the least dateFirst an event overlapping
// the window can have: the window's first day less the longest span of any
// stored event (meta node eventSpanKey). Without a start, or without the
// meta node (a database whose node was deleted), there is no bound. %[1]s
// lists variables to carry through ("n, " or "").
const eventsLowerBound = `OPTIONAL MATCH (m:` + metaLabel + ` {key: $spanKey})
WITH %[1]sCASE WHEN $fromDate IS NULL OR m IS NULL THEN null
  ELSE date($fromDate) - duration({days: coalesce(m.value, 0)}) END AS d
WITH %[1]scoalesce(d.year * 10000 + d.month * 100 + d.day, 0) AS lo
`

// eventFilter keeps the events in the window [$from, $to] (yyyymmdd keys;
// open sides are 0 and 99999999, and undated events have no dateFirst, so
// they never pass) with the asked types and statuses.
const eventFilter = `e.dateFirst >= lo AND e.dateFirst <= $to AND e.dateLast >= $from
  AND (size($types) = 0 OR e.eventType IN $types)
  AND (size($statuses) = 0 OR e.status IN $statuses)`

// eventsQuery reads the window as one range of the :Event(dateFirst) index,
// [lo, $to], in index order, so that it stops after one page (a PartialTop
// in the plan; the subquery is what makes the planner use the index order
// rather than sort the whole range).
var eventsQuery = fmt.Sprintf(eventsLowerBound, "") + `CALL (lo) {
  MATCH (e:Event)
  WHERE ` + eventFilter + `
  RETURN e ORDER BY e.dateFirst, e.datePrecision, e.id LIMIT $first
}
RETURN properties(e) AS props
ORDER BY e.dateFirst, e.datePrecision, e.id`

// eventsOfQuery is eventsQuery for the events joined to one node (entity
// or article) by an edge either way. A node with few edges is expanded and
// its events sorted; a hub (a state, a capital), whose degree Neo4j knows
// without reading its edges, is checked from the side of each event of the
// window instead, in date order, which reads a page's worth of events
// rather than every edge of the hub.
var eventsOfQuery = `OPTIONAL MATCH (x:Entity {id: $entity})
OPTIONAL MATCH (y:Article {id: $entity})
WITH coalesce(x, y) AS n
` + fmt.Sprintf(eventsLowerBound, "n, ") + `CALL (n, lo) {
  CALL (n, lo) {
    WITH n, lo WHERE COUNT { (n)--() } < $hubDegree
    MATCH (n)--(e:Event)
    WHERE ` + eventFilter + `
    WITH DISTINCT e
    RETURN e ORDER BY e.dateFirst, e.datePrecision, e.id LIMIT $first
  UNION ALL
    UNWIND CASE WHEN COUNT { (n)--() } >= $hubDegree THEN [n] ELSE [] END AS hub
    CALL (hub, lo) {
      MATCH (e:Event)
      WHERE ` + eventFilter + ` AND EXISTS { (e)--(hub) }
      RETURN e ORDER BY e.dateFirst, e.datePrecision, e.id LIMIT $first
    }
    RETURN e
  }
  WITH e ORDER BY e.dateFirst, e.datePrecision, e.id
  RETURN collect(properties(e)) AS events
}
RETURN n IS NOT NULL AS found, events`

// Events returns dated events that overlap the window, in date order
// (first day, coarser before finer, then id); undated events never. With
// q.Entity set, only events joined to that entity by an edge, in either
// direction. It returns ENOTFOUND if nothing is stored under q.Entity and
// EINVALID for an unknown type or status, a window that ends before it
// starts, or a First out of range.
func (s *Store) Events(ctx context.Context, q kg.EventQuery) ([]*kg.Entity, error) {
	first, err := pageSize(q.First)
	if err != nil {
		return nil, err
	}
	if err := checkWindow(q.From, q.To); err != nil {
		return nil, err
	}
	types := make([]string, 0, len(q.Types))
	for _, t := range q.Types {
		if !t.Valid() {
			return nil, kg.Errorf(kg.EINVALID, "unknown event type %q", t)
		}
		types = append(types, string(t))
	}
	statuses := make([]string, 0, len(q.Statuses))
	for _, st := range q.Statuses {
		if !st.Valid() {
			return nil, kg.Errorf(kg.EINVALID, "unknown status %q", st)
		}
		statuses = append(statuses, string(st))
	}
	params := map[string]any{
		"spanKey":  eventSpanKey,
		"fromDate": nil,
		"from":     int64(0),
		"to":       int64(99_999_999),
		"types":    types,
		"statuses": statuses,
		"first":    int64(first),
	}
	if !q.From.IsZero() {
		params["fromDate"] = q.From.First().Format("2006-01-02")
		params["from"] = int64(q.From.FirstKey())
	}
	if !q.To.IsZero() {
		params["to"] = int64(q.To.LastKey())
	}

	if q.Entity == "" {
		recs, err := s.query(ctx, eventsQuery, params)
		if err != nil {
			return nil, fmt.Errorf("neo4j: events: %w", err)
		}
		return decodeEntities(recs)
	}
	params["entity"] = q.Entity
	params["hubDegree"] = int64(hubDegree)
	recs, err := s.query(ctx, eventsOfQuery, params)
	if err != nil {
		return nil, fmt.Errorf("neo4j: events of %s: %w", q.Entity, err)
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("neo4j: events of %s: %d records", q.Entity, len(recs))
	}
	if found, _ := recs[0].Values[0].(bool); !found {
		return nil, kg.Errorf(kg.ENOTFOUND, "no entity %q", q.Entity)
	}
	list, _ := recs[0].Values[1].([]any)
	out := make([]*kg.Entity, 0, len(list))
	for _, v := range list {
		m, _ := v.(map[string]any)
		e, err := decodeEntity(m)
		if err != nil {
			return nil, fmt.Errorf("neo4j: events of %s: %w", q.Entity, err)
		}
		out = append(out, e)
	}
	return out, nil
}

// decodeEntities reads records with a props column.
func decodeEntities(recs []*neo4jdrv.Record) ([]*kg.Entity, error) {
	out := make([]*kg.Entity, 0, len(recs))
	for _, r := range recs {
		e, err := decodeEntity(propsOf(r))
		if err != nil {
			return nil, fmt.Errorf("neo4j: %w", err)
		}
		out = append(out, e)
	}
	return out, nil
}
