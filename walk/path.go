package walk

import (
	"context"
	"slices"

	"github.com/diplograph/diplograph/kg"
)

// prepare checks q and returns its hop limit and a reader of its edges.
func prepare(ctx context.Context, s kg.Store, q Query) (int, *reader, error) {
	hops := q.MaxHops
	switch {
	case hops == 0:
		hops = defaultMaxHops
	case hops < 0 || hops > kg.MaxHops:
		return 0, nil, kg.Errorf(kg.EINVALID, "maxHops must be between 1 and %d, not %d", kg.MaxHops, q.MaxHops)
	}
	types, err := checkTypes(q.Types)
	if err != nil {
		return 0, nil, err
	}
	if err := checkWindow(q.Since, q.Until); err != nil {
		return 0, nil, err
	}
	if _, err := checkEntities(ctx, s, q.From, q.To); err != nil {
		return 0, nil, err
	}
	return hops, newReader(s, types, q.Since, q.Until, q.TimeRespecting), nil
}

// notFound is the error of a search that found no walk: ENOTFOUND when the
// search was complete, EINVALID when the bounds cut it.
func notFound(r *reader, q Query, hops int) error {
	if r.truncated {
		return kg.Errorf(kg.EINVALID, "walk from %s to %s too broad: more edges within %d hops than a walk may read (%d per entity, %d in all); narrow the types, the date window or maxHops",
			q.From, q.To, hops, MaxNodeEdges, MaxEdges)
	}
	if q.TimeRespecting {
		return kg.Errorf(kg.ENOTFOUND, "no time-respecting walk of at most %d hops from %s to %s", hops, q.From, q.To)
	}
	return kg.Errorf(kg.ENOTFOUND, "no walk of at most %d hops from %s to %s", hops, q.From, q.To)
}

// state is an entity reached at a time by a walk: the walk is prev's walk
// and then edge.
type state struct {
	node string
	t    timeKey
	prev int // index of the previous state, -1 at the start
	edge *kg.Edge
}

// Path returns a shortest walk From→To obeying q, edges walked in either
// direction, as a *kg.Path whose steps are oriented along the walk. Among
// shortest walks it prefers, hop by hop, edges with smaller ids, so the
// answer is the same on every store. A walk from an entity to itself has no
// steps.
//
// It is a breadth-first search, one level per hop, over (entity, time)
// states when q.TimeRespecting (see the package comment) and over entities
// otherwise. It returns EINVALID for a malformed query (MaxHops out of
// range, an unknown or MENTIONS type, a window that ends before it starts)
// and when the bounds cut a search that found nothing, and ENOTFOUND when
// either end does not exist or no walk of at most MaxHops hops obeys q.
func Path(ctx context.Context, s kg.Store, q Query) (*kg.Path, error) {
	hops, r, err := prepare(ctx, s, q)
	if err != nil {
		return nil, err
	}
	if q.From == q.To {
		return &kg.Path{}, nil
	}

	states := []state{{node: q.From, prev: -1}}
	// best is the earliest time each entity was reached at. An entity
	// reached again no earlier is dropped: the earlier state allows every
	// continuation this one would, in no more hops. Without time every
	// state's time is 0, and this is the plain visited set.
	best := map[string]timeKey{q.From: 0}
	frontier := []int{0}
	for depth := 0; depth < hops && len(frontier) > 0; depth++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ids := make([]string, len(frontier))
		for i, si := range frontier {
			ids[i] = states[si].node
		}
		if err := r.load(ctx, ids); err != nil {
			return nil, err
		}
		var next []int
		inNext := map[string]int{} // entity → its state in next
		for _, si := range frontier {
			st := states[si]
			for _, e := range r.adj[st.node] {
				t, ok := advance(st.t, e, q.TimeRespecting)
				if !ok {
					continue
				}
				w := other(e, st.node)
				if w == q.To {
					states = append(states, state{node: w, t: t, prev: si, edge: e})
					return walkTo(ctx, s, states, len(states)-1, q.From)
				}
				if b, seen := best[w]; seen && b <= t {
					continue
				}
				best[w] = t
				if i, ok := inNext[w]; ok {
					// Reached earlier at this same level: the new state
					// replaces the old one, which it dominates.
					states[i] = state{node: w, t: t, prev: si, edge: e}
					continue
				}
				states = append(states, state{node: w, t: t, prev: si, edge: e})
				inNext[w] = len(states) - 1
				next = append(next, len(states)-1)
			}
		}
		frontier = next
	}
	return nil, notFound(r, q, hops)
}

// walkTo follows the states back from the end and builds the walk.
func walkTo(ctx context.Context, s kg.Store, states []state, end int, from string) (*kg.Path, error) {
	var w []*kg.Edge
	for i := end; states[i].prev >= 0; i = states[i].prev {
		w = append(w, states[i].edge)
	}
	slices.Reverse(w)
	ps, err := buildPaths(ctx, s, [][]*kg.Edge{w}, from)
	if err != nil {
		return nil, err
	}
	return ps[0], nil
}

// Paths returns up to k shortest distinct walks From→To obeying q, shortest
// first. Walks are distinct when their edges differ (two edges between the
// same entities make two walks), and no walk passes an entity twice. Walks
// of equal length come in the order of their edge ids, hop by hop. A walk
// from an entity to itself is the one walk with no steps.
//
// It first measures, breadth-first from To, how many hops each entity lies
// from To (ignoring time), and then lists the walks of each length from
// From depth-first, following only edges to entities near enough to To to
// finish in time. Its errors are Path's, and EINVALID for k outside
// 1..MaxPaths.
func Paths(ctx context.Context, s kg.Store, q Query, k int) ([]*kg.Path, error) {
	if k < 1 || k > MaxPaths {
		return nil, kg.Errorf(kg.EINVALID, "k must be between 1 and %d, not %d", MaxPaths, k)
	}
	hops, r, err := prepare(ctx, s, q)
	if err != nil {
		return nil, err
	}
	if q.From == q.To {
		return []*kg.Path{{}}, nil
	}

	// dist[v] is the fewest hops from v to To over walkable edges. The
	// listing needs the edges of every entity within hops-1 of To, which
	// this reads on the way.
	dist := map[string]int{q.To: 0}
	frontier := []string{q.To}
	for d := 0; d < hops && len(frontier) > 0; d++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := r.load(ctx, frontier); err != nil {
			return nil, err
		}
		var next []string
		for _, v := range frontier {
			for _, e := range r.adj[v] {
				if w := other(e, v); !hasKey(dist, w) {
					dist[w] = d + 1
					next = append(next, w)
				}
			}
		}
		frontier = next
	}
	shortest, ok := dist[q.From]
	if !ok {
		return nil, notFound(r, q, hops)
	}
	if err := r.load(ctx, []string{q.From}); err != nil {
		return nil, err
	}

	l := &lister{r: r, dist: dist, to: q.To, tr: q.TimeRespecting, on: map[string]bool{q.From: true}}
	var walks [][]*kg.Edge
	for length := shortest; length <= hops && len(walks) < k && !l.over; length++ {
		l.found = nil
		l.want = k - len(walks)
		l.list(q.From, 0, length)
		walks = append(walks, l.found...)
	}
	if l.over {
		r.truncated = true
	}
	if len(walks) == 0 {
		return nil, notFound(r, q, hops)
	}
	return buildPaths(ctx, s, walks, q.From)
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}

// lister lists the simple walks of one length, depth-first, edges by id,
// so that they come out in the order Paths promises.
type lister struct {
	r     *reader
	dist  map[string]int
	to    string
	tr    bool
	on    map[string]bool // entities on the current walk
	walk  []*kg.Edge
	found [][]*kg.Edge
	want  int
	steps int
	over  bool // maxWalkSteps reached
}

// list extends the current walk, at v at time t, by exactly left hops.
func (l *lister) list(v string, t timeKey, left int) {
	if len(l.found) == l.want || l.over {
		return
	}
	if v == l.to {
		if left == 0 {
			l.found = append(l.found, slices.Clone(l.walk))
		}
		return // a walk may not pass To and come back
	}
	for _, e := range l.r.adj[v] {
		if l.steps++; l.steps > maxWalkSteps {
			l.over = true
			return
		}
		w := other(e, v)
		if d, ok := l.dist[w]; !ok || d > left-1 || l.on[w] {
			continue
		}
		nt, ok := advance(t, e, l.tr)
		if !ok {
			continue
		}
		l.on[w] = true
		l.walk = append(l.walk, e)
		l.list(w, nt, left-1)
		l.walk = l.walk[:len(l.walk)-1]
		delete(l.on, w)
		if len(l.found) == l.want || l.over {
			return
		}
	}
}
