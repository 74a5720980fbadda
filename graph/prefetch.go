package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/99designs/gqlgen/graphql"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/walk"
)

// Prefetching: a root field that knows, from the query, which edge page
// its children will ask for reads it in the same store call as its own
// answer (kg.Store.EntityEdges, EventsEdges), and primes the request's
// loaders with it, so that the child field finds its page without a store
// call. An entity with its first edges, or a timeline with each event's
// participants, is then one store call, one round trip to Neo4j, where it
// was three (the entity or events, the edges, the entities at their ends).
//
// The child computes its query as it always does; the prefetch computes
// the same query from the selection's arguments, and the page is found
// only when both agree (same key). A query the prefetch does not
// understand (several edges fields, a fragment it cannot type) is simply
// not prefetched, and the child reads its page itself.

// prime stores a page read ahead for the edge query key, and the entities
// at its ends, for the fields that will ask for them.
func (l *Loaders) prime(key string, page *kg.EdgePage) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.primed == nil {
		l.primed = map[string]*kg.EdgePage{}
	}
	l.primed[key] = page
	for id, e := range page.Ends {
		l.ends[id] = e
	}
}

// primedPage returns the page read ahead for key, or nil.
func (l *Loaders) primedPage(key string) *kg.EdgePage {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.primed[key]
}

// edgeKey is the key of an edge query in the loaders (edges and primed).
func edgeKey(q kg.EdgeQuery, ends bool) (string, error) {
	q.Ends = ends
	key, err := json.Marshal(edgeLoad{EdgeQuery: q, Ends: ends})
	if err != nil {
		return "", fmt.Errorf("encode edge query: %w", err)
	}
	return string(key), nil
}

// gqlType is the GraphQL object type of each entity kind (see view).
var gqlType = map[kg.Kind]string{
	kg.Person: "Person", kg.State: "State", kg.Organization: "Organization",
	kg.Place: "Place", kg.Treaty: "Treaty", kg.Event: "Event",
}

// entityPrefetch resolves entity(id). When id is an entity's id and the
// field selects that entity's edges once, the entity and that page are
// one store call; otherwise it is resolveEntity.
func (r *Resolver) entityPrefetch(ctx context.Context, id string) (*kg.Entity, error) {
	l, _ := ctx.Value(loadersKey{}).(*Loaders)
	kind := kg.KindOfID(id)
	if l == nil || kind == "" || !graphql.HasOperationContext(ctx) || graphql.GetFieldContext(ctx) == nil {
		return r.resolveEntity(ctx, id)
	}
	op := graphql.GetOperationContext(ctx)
	sel := graphql.GetFieldContext(ctx).Field.Selections
	var edges []graphql.CollectedField
	for _, f := range graphql.CollectFields(op, sel, []string{gqlType[kind], "Entity", "Node"}) {
		if f.Name == "edges" {
			edges = append(edges, f)
		}
	}
	if len(edges) != 1 {
		return r.resolveEntity(ctx, id)
	}
	q, ends, ok := edgeQueryOf(op, edges[0], id)
	if !ok {
		return r.resolveEntity(ctx, id)
	}
	q.Ends = ends
	e, page, err := r.Store.EntityEdges(ctx, q)
	if kg.ErrorCode(err) == kg.ENOTFOUND || kg.ErrorCode(err) == kg.EINVALID {
		// Not an entity's id after all (a name that looks like one), or
		// arguments the edges field will refuse with its own message.
		return r.resolveEntity(ctx, id)
	}
	if err != nil {
		return nil, err
	}
	key, err := edgeKey(q, ends)
	if err != nil {
		return nil, err
	}
	l.prime(key, page)
	return e, nil
}

// edgeQueryOf computes the query entityEdges will make for the edges
// field f of entity id, and whether it wants the ends; ok is false for
// arguments it cannot read.
func edgeQueryOf(op *graphql.OperationContext, f graphql.CollectedField, id string) (q kg.EdgeQuery, ends, ok bool) {
	args := f.ArgumentMap(op.Variables)
	q = kg.EdgeQuery{Entity: id, Direction: kg.Both, First: kg.DefaultFirst}
	if v, set := args["types"]; set && v != nil {
		list, isList := v.([]any)
		if !isList {
			return q, false, false
		}
		for _, t := range list {
			s, isStr := t.(string)
			if !isStr {
				return q, false, false
			}
			q.Types = append(q.Types, kg.EdgeType(s))
		}
	}
	if v, set := args["direction"]; set && v != nil {
		s, isStr := v.(string)
		if !isStr {
			return q, false, false
		}
		q.Direction = kg.Direction(s)
	}
	for name, d := range map[string]*kg.Date{"from": &q.From, "to": &q.To} {
		if v, set := args[name]; set && v != nil {
			s, isStr := v.(string)
			if !isStr {
				return q, false, false
			}
			parsed, err := kg.ParseDate(s)
			if err != nil {
				return q, false, false
			}
			*d = parsed
		}
	}
	if v, set := args["first"]; set && v != nil {
		n, isInt := intArg(v)
		if !isInt || n < 1 || n > kg.MaxFirst {
			return q, false, false
		}
		q.First = n
	}
	if v, set := args["after"]; set && v != nil {
		s, isStr := v.(string)
		if !isStr {
			return q, false, false
		}
		q.After = s
	}
	// As selectsOfEdges reads them, below this field.
	below := func(fields ...string) bool {
		for _, name := range fields {
			if selectsIn(op, f.Selections, []string{"EdgeConnection", "Edge"}, []string{"nodes", name}) ||
				selectsIn(op, f.Selections, []string{"EdgeConnection", "EdgeEdge", "Edge"}, []string{"edges", "node", name}) {
				return true
			}
		}
		return false
	}
	q.NoEvidence = !below(evidenceFields...)
	return q, below("from", "to"), true
}

// intArg reads an Int argument as gqlgen hands it over: int64 from the
// query text, json.Number or float64 from variables.
func intArg(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	case float64:
		if n == float64(int(n)) {
			return int(n), true
		}
	case json.Number:
		i, err := n.Int64()
		return int(i), err == nil
	}
	return 0, false
}

// participantsQuery is the query Event.participants makes of each event
// (neighbours → allEdges), with the entities at the ends.
func participantsQuery(event string) kg.EdgeQuery {
	return kg.EdgeQuery{Entity: event, Types: []kg.EdgeType{kg.ParticipatedIn}, Direction: kg.In, First: kg.MaxFirst, NoEvidence: true}
}

// timelineEvents reads the events of timeline(...). When the query asks
// for their participants, each event's participant page comes in the same
// store call (kg.Store.EventsEdges) and is primed for the participants
// field.
func (r *Resolver) timelineEvents(ctx context.Context, q kg.EventQuery) ([]*kg.Entity, error) {
	l, _ := ctx.Value(loadersKey{}).(*Loaders)
	if l == nil || !selects(ctx, []string{"Event"}, "participants") && !selects(ctx, []string{"Event"}, "participantsConnection") {
		return r.Store.Events(ctx, q)
	}
	eq := participantsQuery("")
	eq.Ends = true
	evs, pages, err := r.Store.EventsEdges(ctx, q, eq)
	if err != nil {
		return nil, err
	}
	for i, ev := range evs {
		key, err := edgeKey(participantsQuery(ev.ID), true)
		if err != nil {
			return nil, err
		}
		l.prime(key, pages[i])
	}
	return evs, nil
}

// neighborhood answers neighborhood(id: q.ID, …). An entity's id goes to
// the store as it is, with no lookup first (when the store says no entity
// has it, the ref is resolved as a name, which may look like an id); and
// the entities of the view are kept for the from and to of its edges, so
// that the whole field is one store call.
func (r *Resolver) neighborhood(ctx context.Context, q walk.NeighborhoodQuery) (*walk.Subgraph, error) {
	var g *walk.Subgraph
	var err error = kg.Errorf(kg.ENOTFOUND, "not an id")
	if kg.KindOfID(q.ID) != "" {
		g, err = walk.Neighborhood(ctx, r.Store, q)
	}
	if kg.ErrorCode(err) == kg.ENOTFOUND {
		id, rerr := r.resolveRef(ctx, q.ID)
		if rerr != nil {
			return nil, rerr
		}
		q.ID = id
		g, err = walk.Neighborhood(ctx, r.Store, q)
	}
	if err != nil {
		return nil, err
	}
	if l, ok := ctx.Value(loadersKey{}).(*Loaders); ok {
		l.mu.Lock()
		for _, e := range g.Nodes {
			l.ends[e.ID] = e
		}
		l.mu.Unlock()
	}
	return g, nil
}

// pathByIDs answers path(from, to) in one store call when both ends are
// entity ids and the walk is the store's own (no window, not
// time-respecting): the store says whether a walk joins them or, with
// kg.ErrNoWalk, that none does. Otherwise (a name, an id no entity has,
// arguments the store refuses) done is false, and the resolver resolves
// the ends and checks the arguments as it always does, with its messages.
func (r *Resolver) pathByIDs(ctx context.Context, from, to string, maxHops *int, types []kg.EdgeType, since, until *kg.Date, timeRespecting *bool) (p *kg.Path, done bool, err error) {
	if since != nil || until != nil || timeRespecting != nil && *timeRespecting ||
		kg.KindOfID(from) == "" || kg.KindOfID(to) == "" {
		return nil, false, nil
	}
	q := kg.PathQuery{From: from, To: to, MaxHops: 4, Types: types}
	if maxHops != nil {
		q.MaxHops = *maxHops
	}
	if q.MaxHops < 1 || q.MaxHops > kg.MaxHops || slices.Contains(types, kg.Mentions) {
		return nil, false, nil
	}
	p, err = r.Store.Path(ctx, q)
	switch {
	case err == nil:
		return p, true, nil
	case errors.Is(err, kg.ErrNoWalk):
		return nil, true, nil // as the resolver answers any ENOTFOUND: null
	case kg.ErrorCode(err) == kg.ENOTFOUND, kg.ErrorCode(err) == kg.EINVALID:
		return nil, false, nil
	}
	return nil, true, err
}
