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
// stored event (meta node eventSpanKey), or the day of the page's cursor
// when that is later. Without a start, or without the meta node (a
// database whose node was deleted), there is no bound but the cursor's.
// %[1]s lists variables to carry through ("n, " or "").
const eventsLowerBound = `OPTIONAL MATCH (m:` + metaLabel + ` {key: $spanKey})
WITH %[1]sCASE WHEN $fromDate IS NULL OR m IS NULL THEN null
  ELSE date($fromDate) - duration({days: coalesce(m.value, 0)}) END AS d
WITH %[1]scoalesce(d.year * 10000 + d.month * 100 + d.day, 0) AS lo
WITH %[1]sCASE WHEN lo > $afterFirst THEN lo ELSE $afterFirst END AS lo
`

// eventFilter keeps the events in the window [$from, $to] (yyyymmdd keys;
// open sides are 0 and 99999999, and undated events have no dateFirst, so
// they never pass) with the asked types and statuses, that sort after the
// cursor ($afterFirst, $afterPrec, $afterID; 0, -1 and "" for none).
const eventFilter = `e.dateFirst >= lo AND e.dateFirst <= $to AND e.dateLast >= $from
  AND (size($types) = 0 OR e.eventType IN $types)
  AND (size($statuses) = 0 OR e.status IN $statuses)
  AND (e.dateFirst > $afterFirst OR e.datePrecision > $afterPrec OR (e.datePrecision = $afterPrec AND e.id > $afterID))`

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

// countEventsQuery counts what eventsQuery pages through.
var countEventsQuery = fmt.Sprintf(eventsLowerBound, "") + `MATCH (e:Event)
WHERE ` + eventFilter + `
RETURN count(e) AS n`

// countEventsOfQuery counts what eventsOfQuery pages through: for a hub,
// by reading every edge of it.
var countEventsOfQuery = `OPTIONAL MATCH (x:Entity {id: $entity})
OPTIONAL MATCH (y:Article {id: $entity})
WITH coalesce(x, y) AS n
` + fmt.Sprintf(eventsLowerBound, "n, ") + `CALL (n, lo) {
  MATCH (n)--(e:Event)
  WHERE ` + eventFilter + `
  RETURN count(DISTINCT e) AS c
}
RETURN n IS NOT NULL AS found, c`

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
	params, err := eventParams(q)
	if err != nil {
		return nil, err
	}
	params["first"] = int64(first)
	if q.After != nil {
		params["afterFirst"] = int64(q.After.Date.FirstKey())
		params["afterPrec"] = int64(q.After.Date.Precision())
		params["afterID"] = q.After.ID
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

// CountEvents counts what Events returns over all pages.
func (s *Store) CountEvents(ctx context.Context, q kg.EventQuery) (int, error) {
	params, err := eventParams(q)
	if err != nil {
		return 0, err
	}
	if q.Entity == "" {
		recs, err := s.query(ctx, countEventsQuery, params)
		if err == nil && len(recs) != 1 {
			err = fmt.Errorf("%d records", len(recs))
		}
		if err != nil {
			return 0, fmt.Errorf("neo4j: count events: %w", err)
		}
		n, _ := recs[0].Values[0].(int64)
		return int(n), nil
	}
	params["entity"] = q.Entity
	recs, err := s.query(ctx, countEventsOfQuery, params)
	if err == nil && len(recs) != 1 {
		err = fmt.Errorf("%d records", len(recs))
	}
	if err != nil {
		return 0, fmt.Errorf("neo4j: count events of %s: %w", q.Entity, err)
	}
	if found, _ := recs[0].Values[0].(bool); !found {
		return 0, kg.Errorf(kg.ENOTFOUND, "no entity %q", q.Entity)
	}
	n, _ := recs[0].Values[1].(int64)
	return int(n), nil
}

// eventParams checks q and returns the parameters of the event queries
// for it: the window, types and statuses, and no cursor.
func eventParams(q kg.EventQuery) (map[string]any, error) {
	if err := kg.CheckEventQuery(q); err != nil {
		return nil, err
	}
	types := make([]string, 0, len(q.Types))
	for _, t := range q.Types {
		types = append(types, string(t))
	}
	statuses := make([]string, 0, len(q.Statuses))
	for _, st := range q.Statuses {
		statuses = append(statuses, string(st))
	}
	params := map[string]any{
		"spanKey":    eventSpanKey,
		"fromDate":   nil,
		"from":       int64(0),
		"to":         int64(99_999_999),
		"types":      types,
		"statuses":   statuses,
		"afterFirst": int64(0),
		"afterPrec":  int64(-1),
		"afterID":    "",
	}
	if !q.From.IsZero() {
		params["fromDate"] = q.From.First().Format("2006-01-02")
		params["from"] = int64(q.From.FirstKey())
	}
	if !q.To.IsZero() {
		params["to"] = int64(q.To.LastKey())
	}
	return params, nil
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
