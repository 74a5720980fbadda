package walk

import (
	"context"
	"math"
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

// state is an entity reached by a walk from one end of the search: the walk
// is prev's walk and then edge. Its cost orders the states of one entity,
// lower being better: from From it is the walk's time (the first day of its
// last dated edge, 0 before any), since an earlier time allows more ways on;
// from To, walking backwards, it is minus the first day of the first dated
// edge of the rest of the walk, since a later one accepts more ways in.
// Without time every cost is the start's, and a state is an entity.
type state struct {
	node  string
	cost  int
	depth int
	prev  int // index of the previous state, -1 at the start
	edge  *kg.Edge
}

// side is one end of the bidirectional search.
type side struct {
	forward  bool
	states   []state
	best     map[string]int   // lowest cost each entity was reached at
	at       map[string][]int // states kept at each entity
	frontier []int
	depth    int
	cut      bool // some entity it expanded was read in part
}

// noTime is the cost of a backward walk with no dated edge yet: it accepts
// any way in.
const noTime = math.MinInt

func newSide(start string, forward bool) *side {
	c := 0
	if !forward {
		c = noTime
	}
	return &side{forward: forward, states: []state{{node: start, cost: c, prev: -1}},
		best: map[string]int{start: c}, at: map[string][]int{start: {0}}, frontier: []int{0}}
}

// step returns the cost after walking e from a state of cost c, and whether
// the walk may take e at all.
func (sd *side) step(c int, e *kg.Edge, timeRespecting bool) (int, bool) {
	if !timeRespecting || e.Date.IsZero() {
		return c, true
	}
	k := e.Date.FirstKey()
	if sd.forward {
		return k, k >= c // e starts no earlier than the walk's time
	}
	return -k, c == noTime || k <= -c // e starts no later than the rest of the walk
}

// joins reports whether a walk from From at cost f and one from To at cost
// b make one walk: the first ends no later than the second starts.
func joins(f, b int) bool { return b == noTime || f <= -b }

// grow expands sd's frontier by one hop and returns the new states.
func (sd *side) grow(ctx context.Context, r *reader, timeRespecting bool) ([]int, error) {
	ids := make([]string, len(sd.frontier))
	for i, si := range sd.frontier {
		ids[i] = sd.states[si].node
	}
	if err := r.load(ctx, ids); err != nil {
		return nil, err
	}
	for _, id := range ids {
		sd.cut = sd.cut || r.cut[id]
	}
	sd.depth++
	var next []int
	inNext := map[string]int{} // entity → its state in next
	for _, si := range sd.frontier {
		st := sd.states[si]
		for _, e := range r.adj[st.node] {
			c, ok := sd.step(st.cost, e, timeRespecting)
			if !ok {
				continue
			}
			w := other(e, st.node)
			// A state no better than one already kept, which was reached in
			// no more hops, allows nothing more: drop it. Without time this
			// is the visited set.
			if b, seen := sd.best[w]; seen && b <= c {
				continue
			}
			sd.best[w] = c
			ns := state{node: w, cost: c, depth: sd.depth, prev: si, edge: e}
			if i, ok := inNext[w]; ok {
				sd.states[i] = ns // it dominates the one reached earlier in this level
				continue
			}
			sd.states = append(sd.states, ns)
			inNext[w] = len(sd.states) - 1
			sd.at[w] = append(sd.at[w], len(sd.states)-1)
			next = append(next, len(sd.states)-1)
		}
	}
	sd.frontier = next
	return next, nil
}

// edges returns the edges of the walk from sd's start to state i, in walk
// order from that start.
func (sd *side) edges(i int) []*kg.Edge {
	var w []*kg.Edge
	for ; sd.states[i].prev >= 0; i = sd.states[i].prev {
		w = append(w, sd.states[i].edge)
	}
	slices.Reverse(w)
	return w
}

// Path returns a shortest walk From→To obeying q, edges walked in either
// direction, as a *kg.Path whose steps are oriented along the walk. Of
// several shortest walks the search meets, it returns the one whose edge
// ids are smallest, hop by hop, so the answer does not depend on the store.
// A walk from an entity to itself has no steps.
//
// It is a bidirectional breadth-first search, one level per hop, always
// growing the end with the smaller frontier: over (entity, time) states
// when q.TimeRespecting (see the package comment), over entities
// otherwise. Two half walks meet at an entity when the one from From ends
// no later than the one to To starts. It returns EINVALID for a malformed
// query (MaxHops out of range, an unknown or MENTIONS type, a window that
// ends before it starts) and when the bounds cut a search that found
// nothing, and ENOTFOUND when either end does not exist or no walk of at
// most MaxHops hops obeys q.
func Path(ctx context.Context, s kg.Store, q Query) (*kg.Path, error) {
	hops, r, err := prepare(ctx, s, q)
	if err != nil {
		return nil, err
	}
	if q.From == q.To {
		return &kg.Path{}, nil
	}

	fwd, bwd := newSide(q.From, true), newSide(q.To, false)
	for fwd.depth+bwd.depth < hops && len(fwd.frontier) > 0 && len(bwd.frontier) > 0 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		grow, other := fwd, bwd
		if len(bwd.frontier) < len(fwd.frontier) {
			grow, other = bwd, fwd
		}
		added, err := grow.grow(ctx, r, q.TimeRespecting)
		if err != nil {
			return nil, err
		}
		// Every pair of kept states is tried when the later of the two is
		// made, so the first level that makes a meeting makes a shortest
		// one: a walk of fewer hops would have met at an earlier level.
		var best []*kg.Edge
		for _, gi := range added {
			g := grow.states[gi]
			for _, oi := range other.at[g.node] {
				o := other.states[oi]
				fi, bi, fc, bc := gi, oi, g.cost, o.cost
				if !grow.forward {
					fi, bi, fc, bc = oi, gi, o.cost, g.cost
				}
				if !joins(fc, bc) {
					continue
				}
				w := fwd.edges(fi)
				back := bwd.edges(bi)
				slices.Reverse(back)
				w = append(w, back...)
				if best == nil || len(w) < len(best) || (len(w) == len(best) && slices.CompareFunc(w, best, func(a, b *kg.Edge) int { return cmpString(a.ID, b.ID) }) < 0) {
					best = w
				}
			}
		}
		if best != nil {
			ps, err := buildPaths(ctx, s, [][]*kg.Edge{best}, q.From)
			if err != nil {
				return nil, err
			}
			return ps[0], nil
		}
	}
	// A side that ran out of entities to expand, none of them read in
	// part, has seen everything it can reach: the absence of a walk is
	// established whatever the bounds cut on the other side.
	for _, sd := range []*side{fwd, bwd} {
		if len(sd.frontier) == 0 && !sd.cut {
			r.truncated = false
		}
	}
	return nil, notFound(r, q, hops)
}

// Paths returns up to k shortest distinct walks From→To obeying q, shortest
// first. Walks are distinct when their edges differ (two edges between the
// same entities make two walks), and no walk passes an entity twice. Walks
// of equal length come in the order of their edge ids, hop by hop. A walk
// from an entity to itself is the one walk with no steps.
//
// It first measures, breadth-first from both ends (the smaller frontier
// first, until the two depths add up to MaxHops), how far entities lie from
// each end, ignoring time; then it lists the walks of each length from From
// depth-first, entering an entity only when it is near enough to both ends
// to lie on a walk of that length. When listing would try more than
// 200,000 edges it returns the walks listed so far, fewer than k. Its
// errors are Path's, and EINVALID for k outside 1..MaxPaths.
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

	fd, td := newDistances(q.From), newDistances(q.To)
	for fd.depth+td.depth < hops && len(fd.frontier) > 0 && len(td.frontier) > 0 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		grow := fd
		if len(td.frontier) < len(fd.frontier) {
			grow = td
		}
		if err := grow.grow(ctx, r); err != nil {
			return nil, err
		}
	}
	// An entity both ends reached lies on a walk; those neither side
	// expanded still need their edges read for the listing, in one batch.
	shortest := -1
	var unread []string
	for v, a := range fd.dist {
		b, ok := td.dist[v]
		if !ok {
			continue
		}
		if shortest < 0 || a+b < shortest {
			shortest = a + b
		}
		if _, ok := r.adj[v]; !ok {
			unread = append(unread, v)
		}
	}
	if shortest < 0 {
		if fd.exhausted() || td.exhausted() {
			r.truncated = false
		}
		return nil, notFound(r, q, hops)
	}
	slices.Sort(unread) // map order must not decide what the bounds cut
	if err := r.load(ctx, unread); err != nil {
		return nil, err
	}

	l := &lister{r: r, from: fd, to: td, end: q.To, tr: q.TimeRespecting, on: map[string]bool{q.From: true}}
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

// distances is a breadth-first search from one end of Paths's walks.
type distances struct {
	dist     map[string]int // hops from the end, for the entities reached
	frontier []string
	depth    int
	cut      bool // some entity it expanded was read in part
}

func newDistances(start string) *distances {
	return &distances{dist: map[string]int{start: 0}, frontier: []string{start}}
}

func (d *distances) grow(ctx context.Context, r *reader) error {
	if err := r.load(ctx, d.frontier); err != nil {
		return err
	}
	d.depth++
	var next []string
	for _, v := range d.frontier {
		d.cut = d.cut || r.cut[v]
		for _, e := range r.adj[v] {
			if w := other(e, v); !hasKey(d.dist, w) {
				d.dist[w] = d.depth
				next = append(next, w)
			}
		}
	}
	d.frontier = next
	return nil
}

// exhausted reports whether d has reached everything there is to reach.
func (d *distances) exhausted() bool { return len(d.frontier) == 0 && !d.cut }

// atLeast returns a lower bound of the hops from d's end to v.
func (d *distances) atLeast(v string) int {
	if n, ok := d.dist[v]; ok {
		return n
	}
	if len(d.frontier) == 0 {
		return math.MaxInt / 2 // out of reach
	}
	return d.depth + 1
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}

// lister lists the simple walks of one length, depth-first, edges by id,
// so that they come out in the order Paths promises.
type lister struct {
	r        *reader
	from, to *distances
	end      string
	tr       bool
	on       map[string]bool // entities on the current walk
	walk     []*kg.Edge
	found    [][]*kg.Edge
	want     int
	steps    int
	over     bool // maxWalkSteps reached
}

// list extends the current walk, at v at time t, by exactly left hops.
func (l *lister) list(v string, t timeKey, left int) {
	if len(l.found) == l.want || l.over {
		return
	}
	if v == l.end {
		if left == 0 {
			l.found = append(l.found, slices.Clone(l.walk))
		}
		return // a walk may not pass To and come back
	}
	at := len(l.walk) + 1 // position of the next entity on the walk
	for _, e := range l.r.adj[v] {
		if l.steps++; l.steps > maxWalkSteps {
			l.over = true
			return
		}
		w := other(e, v)
		if l.on[w] || l.to.atLeast(w) > left-1 || l.from.atLeast(w) > at {
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
