package graph

import (
	"cmp"
	"context"
	"encoding/base64"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/kg"
)

// timelineEdgeTypes are the edge types an entity's timeline shows as items
// of their own: every type but MENTIONS and those that link an event
// (PARTICIPATED_IN, HELD_IN, CONCERNS), since the entity's events are
// items already.
var timelineEdgeTypes = slices.DeleteFunc(slices.Clone(kg.EdgeTypes), func(t kg.EdgeType) bool {
	return t == kg.Mentions || t == kg.ParticipatedIn || t == kg.HeldIn || t == kg.Concerns
})

// TimelineItem is an event or a dated edge on a timeline.
type TimelineItem struct {
	Date    kg.Date
	EndDate kg.Date
	Event   *Event
	Edge    *kg.Edge
	id      string
}

// TimelineEdge is a TimelineItem with its cursor.
type TimelineEdge struct {
	Cursor string
	Node   *TimelineItem
}

// TimelineConnection is a page of a timeline.
type TimelineConnection struct {
	Edges      []*TimelineEdge
	Nodes      []*TimelineItem
	PageInfo   *PageInfo
	TotalCount int
}

// itemCursor encodes an item's place in timeline order. Items are ordered
// by kg.Date.Compare then id, so the date and id say where to resume.
func itemCursor(it *TimelineItem) string {
	return base64.RawURLEncoding.EncodeToString([]byte("t1:" + it.Date.String() + ":" + it.id))
}

// decodeItemCursor returns the place an itemCursor encodes.
func decodeItemCursor(c string) (kg.EventKey, error) {
	bad := kg.Errorf(kg.EINVALID, "invalid cursor %q", c)
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return kg.EventKey{}, bad
	}
	parts := strings.SplitN(string(raw), ":", 3)
	if len(parts) != 3 || parts[0] != "t1" || parts[2] == "" {
		return kg.EventKey{}, bad
	}
	d, err := kg.ParseDate(parts[1])
	if err != nil || d.IsZero() {
		return kg.EventKey{}, bad
	}
	return kg.EventKey{Date: d, ID: parts[2]}, nil
}

// eventItem is the timeline item of an event.
func eventItem(e *kg.Entity) *TimelineItem {
	return &TimelineItem{Date: e.Date, EndDate: e.End, Event: &Event{entityView{e}}, id: e.ID}
}

// compareItems orders items as the stores order events and edges: by first
// day, coarser dates before finer ones, then id. Keyset pages resume by it.
func compareItems(a, b *TimelineItem) int {
	return cmp.Or(cmp.Compare(a.Date.FirstKey(), b.Date.FirstKey()),
		cmp.Compare(a.Date.Precision(), b.Date.Precision()), cmp.Compare(a.id, b.id))
}

// timelineItems returns a page of a window's timeline: its events, and
// with an entity, the entity's events and its dated edges of
// timelineEdgeTypes, merged in date order.
func (r *Resolver) timelineItems(ctx context.Context, q kg.EventQuery, first int, after string) (*TimelineConnection, error) {
	if q.Entity == "" {
		return r.eventItems(ctx, q, first, after)
	}
	return r.entityItems(ctx, q, first, after)
}

// entityItems is timelineItems for an entity. Both lists page from the
// store by the same (date, id) key, so a page reads at most a page of each
// however many events a hub has: the cursor's key starts the events'
// keyset page (EventQuery.After) and the edges' (EdgeQuery.AfterKey), and
// the two pages merge into one. Merging up to 5,000 items in memory for
// every page, as this did before, took a hub of a million-edge store 0.3
// to 1.5 CPU-seconds a page.
func (r *Resolver) entityItems(ctx context.Context, q kg.EventQuery, first int, after string) (*TimelineConnection, error) {
	if after != "" {
		key, err := decodeItemCursor(after)
		if err != nil {
			return nil, err
		}
		q.After = &key
	}
	// One item more than the page says whether another page follows.
	n := min(first+1, kg.MaxFirst)
	eq := kg.EdgeQuery{Entity: q.Entity, Types: timelineEdgeTypes, Direction: kg.Both, From: q.From, To: q.To,
		Dated: true, First: n, AfterKey: q.After}
	var counted chan countResult
	if selects(ctx, []string{"TimelineConnection"}, "totalCount") {
		counted = make(chan countResult, 1)
		whole := q
		whole.After = nil
		go func() {
			n, err := r.Store.CountEvents(ctx, whole)
			counted <- countResult{n, err}
		}()
	}
	type edgeResult struct {
		page *kg.EdgePage
		err  error
	}
	edged := make(chan edgeResult, 1)
	go func() {
		p, err := r.Store.Edges(ctx, eq)
		edged <- edgeResult{p, err}
	}()
	q.First = n
	es, err := r.Store.Events(ctx, q)
	ed := <-edged
	if err == nil {
		err = ed.err
	}
	if err != nil {
		if counted != nil {
			<-counted
		}
		return nil, err
	}
	items := make([]*TimelineItem, 0, len(es)+len(ed.page.Edges))
	for _, e := range es {
		items = append(items, eventItem(e))
	}
	for _, e := range ed.page.Edges {
		items = append(items, &TimelineItem{Date: e.Date, EndDate: e.End, Edge: e, id: e.ID})
	}
	slices.SortFunc(items, compareItems)
	hasNext := len(items) > first || ed.page.HasNext
	if !hasNext && len(es) == n {
		// A page of kg.MaxFirst asked for no event more: look for one.
		last := es[len(es)-1]
		next := q
		next.First, next.After = 1, &kg.EventKey{Date: last.Date, ID: last.ID}
		more, err := r.Store.Events(ctx, next)
		if err != nil {
			if counted != nil {
				<-counted
			}
			return nil, err
		}
		hasNext = len(more) > 0
	}
	items = items[:min(len(items), first)]
	conn := &TimelineConnection{Nodes: items}
	cursors := make([]string, 0, len(items))
	for _, it := range items {
		c := itemCursor(it)
		conn.Edges = append(conn.Edges, &TimelineEdge{Cursor: c, Node: it})
		cursors = append(cursors, c)
	}
	conn.PageInfo = newPageInfo(cursors, hasNext, after)
	if counted != nil {
		c := <-counted
		if c.err != nil {
			return nil, c.err
		}
		conn.TotalCount = c.n + ed.page.TotalCount
	}
	return conn, nil
}

// eventItems is timelineItems for a window without an entity, which holds
// events only: the store reads the page from its date index, starting
// after the cursor's event, and counts the window only when totalCount is
// asked for. Reading the whole window to cut one page from it cost a page
// of 50 in a month of a million-edge store 40% more time than the page.
func (r *Resolver) eventItems(ctx context.Context, q kg.EventQuery, first int, after string) (*TimelineConnection, error) {
	if after != "" {
		key, err := decodeItemCursor(after)
		if err != nil {
			return nil, err
		}
		q.After = &key
	}
	// The count, when asked for, runs beside the page: on Neo4j each is a
	// round trip of its own.
	var counted chan countResult
	if selects(ctx, []string{"TimelineConnection"}, "totalCount") {
		counted = make(chan countResult, 1)
		whole := q
		whole.After = nil
		go func() {
			n, err := r.Store.CountEvents(ctx, whole)
			counted <- countResult{n, err}
		}()
	}
	// One event more than the page says whether another page follows.
	q.First = min(first+1, kg.MaxFirst)
	es, err := r.Store.Events(ctx, q)
	if err != nil {
		return nil, err
	}
	hasNext := len(es) > first
	es = es[:min(len(es), first)]
	if !hasNext && len(es) == kg.MaxFirst {
		last := es[len(es)-1]
		next := q
		next.First, next.After = 1, &kg.EventKey{Date: last.Date, ID: last.ID}
		more, err := r.Store.Events(ctx, next)
		if err != nil {
			return nil, err
		}
		hasNext = len(more) > 0
	}
	conn := &TimelineConnection{Nodes: make([]*TimelineItem, 0, len(es))}
	cursors := make([]string, 0, len(es))
	for _, e := range es {
		it := eventItem(e)
		c := itemCursor(it)
		conn.Nodes = append(conn.Nodes, it)
		conn.Edges = append(conn.Edges, &TimelineEdge{Cursor: c, Node: it})
		cursors = append(cursors, c)
	}
	conn.PageInfo = newPageInfo(cursors, hasNext, after)
	if counted != nil {
		c := <-counted
		if c.err != nil {
			return nil, c.err
		}
		conn.TotalCount = c.n
	}
	return conn, nil
}

type countResult struct {
	n   int
	err error
}
