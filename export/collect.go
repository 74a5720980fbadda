package export

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// MaxEdges bounds the edges one export walks per entity, so that a
// download of a hub stays bounded: the first MaxEdges in date order are
// taken.
const MaxEdges = 4 * kg.MaxFirst

// TimelineQuery selects what a timeline export shows: the events in the
// window (of the entity, when given) and the entity's own dated edges.
type TimelineQuery struct {
	Entity   string
	From, To kg.Date
}

// Timeline is the material of a timeline export.
type Timeline struct {
	Title    string
	Filename string // without extension
	Events   []*kg.Entity
	Edges    []*kg.Edge
	Names    map[string]string // entity id → name, for edge ends
	// Empty is where an empty TimelineJS export puts its one slide (see
	// TimelineJS): the window's start, else its end, else the entity's
	// date, else this year.
	Empty kg.Date
	// Present is the day offices still held are drawn to: today.
	Present kg.Date
}

func (t *Timeline) options() Options {
	return Options{Title: t.Title, Empty: t.Empty, Present: t.Present}
}

// TimelineJS renders t as TimelineJS 3 JSON (see the function TimelineJS).
func (t *Timeline) TimelineJS() ([]byte, error) {
	return TimelineJS(t.Events, t.Edges, t.Names, t.options())
}

// Vis renders t as vis-timeline items and groups (see VisTimeline).
func (t *Timeline) Vis() ([]byte, error) {
	return VisTimeline(t.Events, t.Edges, t.Names, t.options())
}

// CollectTimeline reads a timeline's material from the store. Edges to
// one of the events (the entity PARTICIPATED_IN it) are left out: the
// event's own item says it already.
func CollectTimeline(ctx context.Context, store kg.Store, q TimelineQuery) (*Timeline, error) {
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Last().Before(q.From.First()) {
		return nil, kg.Errorf(kg.EINVALID, "to (%s) is before from (%s)", q.To, q.From)
	}
	t := &Timeline{Title: "diplograph timeline", Filename: "timeline", Names: map[string]string{}}
	now := time.Now()
	t.Empty, t.Present = cmp.Or(q.From, q.To, kg.Year(now.Year())), kg.DayOf(now)
	if q.Entity != "" {
		e, err := store.Entity(ctx, q.Entity)
		if err != nil {
			return nil, err
		}
		t.Title, t.Filename = e.Name, "timeline-"+kg.Slug(e.Name)
		if q.From.IsZero() && q.To.IsZero() && !e.Date.IsZero() {
			t.Empty = e.Date
		}
		t.Names[e.ID] = e.Name
		if t.Edges, err = EntityEdges(ctx, store, q.Entity, q.From, q.To); err != nil {
			return nil, err
		}
	}
	if !q.From.IsZero() || !q.To.IsZero() {
		t.Title += fmt.Sprintf(" (%s – %s)", q.From, q.To)
	}
	events, err := store.Events(ctx, kg.EventQuery{Entity: q.Entity, From: q.From, To: q.To, First: kg.MaxFirst})
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	t.Events = events
	isEvent := map[string]bool{}
	for _, e := range events {
		isEvent[e.ID] = true
	}
	t.Edges = slices.DeleteFunc(t.Edges, func(e *kg.Edge) bool { return e.Date.IsZero() || isEvent[e.From] || isEvent[e.To] })
	var ids []string
	for _, e := range t.Edges {
		for _, end := range []string{e.From, e.To} {
			if t.Names[end] == "" && !slices.Contains(ids, end) {
				ids = append(ids, end)
			}
		}
	}
	if len(ids) > 0 {
		ents, err := store.Entities(ctx, ids)
		if err != nil {
			return nil, fmt.Errorf("names of edge ends: %w", err)
		}
		for _, e := range ents {
			if e != nil {
				t.Names[e.ID] = e.Name
			}
		}
	}
	return t, nil
}

// walkedTypes are the edge types exports follow: all but MENTIONS, which
// leads to articles.
var walkedTypes = slices.DeleteFunc(slices.Clone(kg.EdgeTypes), func(t kg.EdgeType) bool { return t == kg.Mentions })

// EntityEdges returns up to MaxEdges edges of entity in the window,
// MENTIONS excepted, following the store's cursors.
func EntityEdges(ctx context.Context, store kg.Store, entity string, from, to kg.Date) ([]*kg.Edge, error) {
	var out []*kg.Edge
	q := kg.EdgeQuery{Entity: entity, Types: walkedTypes, Direction: kg.Both, From: from, To: to, First: kg.MaxFirst}
	for len(out) < MaxEdges {
		page, err := store.Edges(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("edges of %s: %w", entity, err)
		}
		out = append(out, page.Edges...)
		if !page.HasNext || len(page.Cursors) == 0 {
			break
		}
		q.After = page.Cursors[len(page.Cursors)-1]
	}
	return out, nil
}
