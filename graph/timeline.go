package graph

import (
	"cmp"
	"context"
	"encoding/base64"
	"slices"

	"github.com/diplograph/diplograph/export"
	"github.com/diplograph/diplograph/kg"
)

// maxTimelineItems caps what one timeline window reads: timelines are for
// people to look at, and a window with more items asks for a narrower one.
const maxTimelineItems = 5000

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

func compareItems(a, b *TimelineItem) int {
	return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.id, b.id))
}

// timelineItems reads a window's events and, with an entity, its dated
// edges, merges them in date order and cuts the page after `after`.
func (r *Resolver) timelineItems(ctx context.Context, q kg.EventQuery, first int, after string) (*TimelineConnection, error) {
	q.First = kg.MaxFirst
	// The event pages below move q.From on; the entity's edges are read
	// over the whole window.
	from := q.From
	var items []*TimelineItem
	seen := map[string]bool{}
	// Events come a store page at a time; each next page starts where the
	// last one's dates reached.
	for len(items) < maxTimelineItems {
		es, err := r.Store.Events(ctx, q)
		if err != nil {
			return nil, err
		}
		added := 0
		for _, e := range es {
			if !seen[e.ID] {
				seen[e.ID] = true
				items = append(items, &TimelineItem{Date: e.Date, EndDate: e.End, Event: &Event{entityView{e}}, id: e.ID})
				added++
			}
		}
		if len(es) < q.First || added == 0 {
			break
		}
		q.From = es[len(es)-1].Date
	}
	if q.Entity != "" {
		edges, err := export.EntityEdges(ctx, r.Store, q.Entity, from, q.To)
		if err != nil {
			return nil, err
		}
		for _, e := range edges {
			// An edge to an event already on the timeline would show it twice.
			if e.Date.IsZero() || seen[e.From] || seen[e.To] {
				continue
			}
			items = append(items, &TimelineItem{Date: e.Date, EndDate: e.End, Edge: e, id: e.ID})
		}
	}
	slices.SortFunc(items, compareItems)
	if len(items) > maxTimelineItems {
		items = items[:maxTimelineItems]
	}
	p, err := cutPage(items, itemCursor, first, after)
	if err != nil {
		return nil, err
	}
	conn := &TimelineConnection{Nodes: p.items, TotalCount: p.total, PageInfo: newPageInfo(p.cursors, p.hasNext, after)}
	for i, it := range p.items {
		conn.Edges = append(conn.Edges, &TimelineEdge{Cursor: p.cursors[i], Node: it})
	}
	return conn, nil
}
