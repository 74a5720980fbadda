package neo4j

import (
	"context"
	"fmt"
	"strings"
	"time"

	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/kg"
)

// hubDegree is where Events stops starting from an entity's edges and
// starts from the events of the window instead (see eventsOfQuery).
const hubDegree = 1000

// Event windows and span tiers.
//
// An event overlaps a window [from, to] when dateFirst <= to and dateLast
// >= from. The index on dateFirst answers the first half as a range; the
// second half needs a lower bound on dateFirst too, or the range starts at
// the beginning of time: an event can start no earlier than from less its
// own span. One bound for all events would be the longest span stored,
// and a single "190X–199X" event (36,523 days) would make every month's
// query scan a century (19,130 db hits for March 2013 where 121 sufficed).
//
// So every dated event carries spanTier, the class of its span (the days
// from its first to its last day): tier 0 up to 31 days (a day, a week, a
// month), 1 up to 366 (a season, a quarter, a year), 2 up to 3,660 (a
// decade), 3 anything longer. A window reads each tier apart, as a range
// of the composite index (spanTier, dateFirst) starting at from less the
// tier's longest span, in date order (ORDER BY spanTier first, a constant
// of the branch, so that the planner sees the index's order), stopping
// after a page; tier 3, the
// few long-span events, starts at from less the longest span stored (meta
// node eventSpanKey). The four pages are then merged. A month's query
// reads a month and a year back of short events, whatever else is stored.

// spanTierDays are the longest spans, in days, of tiers 0, 1 and 2.
var spanTierDays = [...]int64{31, 366, 3660}

// longTier is the tier of events longer than every spanTierDays.
const longTier = int64(len(spanTierDays))

// spanTier returns the tier of a span of days.
func spanTier(days int64) int64 {
	for t, max := range spanTierDays {
		if days <= max {
			return int64(t)
		}
	}
	return longTier
}

// spanTierExpr computes spanTier in Cypher from a node's dateFirst and
// dateLast (for databases written before the tiers: see setSpanTiers).
var spanTierExpr = fmt.Sprintf(`CASE
  WHEN duration.inDays(date({year: e.dateFirst / 10000, month: e.dateFirst / 100 %% 100, day: e.dateFirst %% 100}),
    date({year: e.dateLast / 10000, month: e.dateLast / 100 %% 100, day: e.dateLast %% 100})).days <= %d THEN 0
  WHEN duration.inDays(date({year: e.dateFirst / 10000, month: e.dateFirst / 100 %% 100, day: e.dateFirst %% 100}),
    date({year: e.dateLast / 10000, month: e.dateLast / 100 %% 100, day: e.dateLast %% 100})).days <= %d THEN 1
  WHEN duration.inDays(date({year: e.dateFirst / 10000, month: e.dateFirst / 100 %% 100, day: e.dateFirst %% 100}),
    date({year: e.dateLast / 10000, month: e.dateLast / 100 %% 100, day: e.dateLast %% 100})).days <= %d THEN 2
  ELSE 3 END`, spanTierDays[0], spanTierDays[1], spanTierDays[2])

// longTierBound computes lo3, the least dateFirst an event of the long
// tier overlapping the window can have: the window's first day less the
// longest span stored (meta node eventSpanKey), or the cursor's day when
// that is later. Without a start, or without the meta node, there is no
// bound but the cursor's. %[1]s lists variables to carry through.
const longTierBound = `OPTIONAL MATCH (m:` + metaLabel + ` {key: $spanKey})
WITH %[1]sCASE WHEN $fromDate IS NULL OR m IS NULL THEN null
  ELSE date($fromDate) - duration({days: coalesce(m.value, 0)}) END AS d
WITH %[1]scoalesce(d.year * 10000 + d.month * 100 + d.day, 0) AS lo3
WITH %[1]sCASE WHEN lo3 > $afterFirst THEN lo3 ELSE $afterFirst END AS lo3
`

// eventFilter keeps the events in the window [$from, $to] (yyyymmdd keys;
// open sides are 0 and 99999999, and undated events have no dateFirst, so
// they never pass) with the asked types and statuses, that sort after the
// cursor ($afterFirst, $afterPrec, $afterID; 0, -1 and "" for none).
//
// The cursor's comparison is a CASE, not a disjunction: the planner splits
// an OR (or a NOT of an AND) of indexable comparisons into one index seek
// per disjunct and a union, which reads the window three times and loses
// the index order that lets a page stop early.
const eventFilter = `e.dateFirst <= $to AND e.dateLast >= $from
  AND (size($types) = 0 OR e.eventType IN $types)
  AND (size($statuses) = 0 OR e.status IN $statuses)
  AND e.dateFirst >= $afterFirst
  AND CASE WHEN e.dateFirst > $afterFirst THEN true
    WHEN e.datePrecision <> $afterPrec THEN e.datePrecision > $afterPrec
    ELSE e.id > $afterID END`

// tierRange is the condition that reads tier t as one range of the
// (spanTier, dateFirst) index: $lo is the list of the short tiers' lower
// bounds ($lo0, $lo1, $lo2, computed in Go, see eventParams), lo3 the
// long tier's.
func tierRange(t int64) string {
	lo := fmt.Sprintf("$lo%d", t)
	if t == longTier {
		lo = "lo3"
	}
	return fmt.Sprintf("e.spanTier = %d AND e.dateFirst >= %s", t, lo)
}

// tierUnion returns one UNION ALL branch per tier, each body made by
// branch from the tier's range condition.
func tierUnion(branch func(rng string) string) string {
	var parts []string
	for t := int64(0); t <= longTier; t++ {
		parts = append(parts, branch(tierRange(t)))
	}
	return strings.Join(parts, "\nUNION ALL\n")
}

// windowEvents is a subquery over lo3 that returns, as rows e, the first
// $first events of the window in date order: each tier's page read in
// index order (the subquery per branch is what makes the planner use the
// index order rather than sort the whole range), then merged.
var windowEvents = `CALL (lo3) {
` + tierUnion(func(rng string) string {
	return `  MATCH (e:Event)
  WHERE ` + rng + ` AND ` + eventFilter + `
  RETURN e ORDER BY e.spanTier, e.dateFirst, e.datePrecision, e.id LIMIT $first`
}) + `
}
WITH e ORDER BY e.dateFirst, e.datePrecision, e.id LIMIT $first
`

// eventsQuery returns the window's page of events.
var eventsQuery = fmt.Sprintf(longTierBound, "") + windowEvents + `RETURN properties(e) AS props`

// entityEvents is a subquery over n and lo3 that returns the page of the
// events joined to node n (entity or article) by an edge either way, as a
// list evs in date order. A node with few edges is expanded and its
// events sorted; a hub (a state, a capital), whose degree Neo4j knows
// without reading its edges, is checked from the side of each event of
// the window instead, tier by tier in date order, which reads a page's
// worth of events rather than every edge of the hub.
var entityEvents = `CALL (n, lo3) {
  CALL (n, lo3) {
    WITH n, lo3 WHERE COUNT { (n)--() } < $hubDegree
    MATCH (n)--(e:Event)
    WHERE ` + eventFilter + `
    WITH DISTINCT e
    RETURN e ORDER BY e.dateFirst, e.datePrecision, e.id LIMIT $first
  UNION ALL
    UNWIND CASE WHEN COUNT { (n)--() } >= $hubDegree THEN [n] ELSE [] END AS hub
    CALL (hub, lo3) {
` + tierUnion(func(rng string) string {
	return `      MATCH (e:Event)
      WHERE ` + rng + ` AND ` + eventFilter + ` AND EXISTS { (e)--(hub) }
      RETURN e ORDER BY e.spanTier, e.dateFirst, e.datePrecision, e.id LIMIT $first`
}) + `
    }
    RETURN e
  }
  WITH e ORDER BY e.dateFirst, e.datePrecision, e.id LIMIT $first
  RETURN collect(e) AS evs
}
`

// nodeByID binds n to the entity or article $entity, null when neither.
const nodeByID = `OPTIONAL MATCH (x:Entity {id: $entity})
OPTIONAL MATCH (y:Article {id: $entity})
WITH coalesce(x, y) AS n
`

// eventsOfQuery is eventsQuery for the events joined to one node.
var eventsOfQuery = nodeByID + fmt.Sprintf(longTierBound, "n, ") + entityEvents +
	`RETURN n IS NOT NULL AS found, [e IN evs | properties(e)] AS events`

// countEventsQuery counts what eventsQuery pages through, tier by tier.
var countEventsQuery = fmt.Sprintf(longTierBound, "") + `CALL (lo3) {
` + tierUnion(func(rng string) string {
	return `  MATCH (e:Event)
  WHERE ` + rng + ` AND ` + eventFilter + `
  RETURN count(e) AS c`
}) + `
}
RETURN sum(c) AS n`

// countEventsOfQuery counts what eventsOfQuery pages through: for a hub,
// by reading every edge of it.
var countEventsOfQuery = nodeByID + fmt.Sprintf(longTierBound, "n, ") + `CALL (n, lo3) {
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
	params, err := eventPageParams(q)
	if err != nil {
		return nil, err
	}
	if q.Entity == "" {
		recs, err := s.query(ctx, eventsQuery, params)
		if err != nil {
			return nil, fmt.Errorf("neo4j: events: %w", err)
		}
		return decodeEntities(recs)
	}
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

// eventPageParams checks q and returns the parameters of a page of
// events: eventParams, the page size and the cursor.
func eventPageParams(q kg.EventQuery) (map[string]any, error) {
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
		after := int64(q.After.Date.FirstKey())
		params["afterFirst"] = after
		params["afterPrec"] = int64(q.After.Date.Precision())
		params["afterID"] = q.After.ID
		// No event before the cursor's day is on the page.
		for i := range spanTierDays {
			k := fmt.Sprintf("lo%d", i)
			params[k] = max(params[k].(int64), after)
		}
	}
	if q.Entity != "" {
		params["entity"] = q.Entity
		params["hubDegree"] = int64(hubDegree)
	}
	return params, nil
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
// for it: the window, its lower bound per short tier, types and statuses,
// and no cursor.
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
		first := q.From.First()
		params["fromDate"] = first.Format("2006-01-02")
		params["from"] = int64(q.From.FirstKey())
		for i, days := range spanTierDays {
			params[fmt.Sprintf("lo%d", i)] = dayKey(first.AddDate(0, 0, -int(days)))
		}
	}
	for i := range spanTierDays {
		if _, ok := params[fmt.Sprintf("lo%d", i)]; !ok {
			params[fmt.Sprintf("lo%d", i)] = int64(0)
		}
	}
	if !q.To.IsZero() {
		params["to"] = int64(q.To.LastKey())
	}
	return params, nil
}

// dayKey is the yyyymmdd key of a day (before year 1, 0: no bound).
func dayKey(t time.Time) int64 {
	if t.Year() < 1 {
		return 0
	}
	return int64(t.Year()*10000 + int(t.Month())*100 + t.Day())
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
