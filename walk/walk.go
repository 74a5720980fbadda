// Package walk holds diplograph's graph walks: shortest paths, k shortest
// paths, time-respecting paths and neighbourhoods. They are written once on
// top of kg.Store, so every store gets them, and they read the graph one
// breadth-first level at a time: the edges of a whole frontier come from one
// Store.EdgesBatch call (a few when a node's edges span several pages), never
// one call per node.
//
// # Walks
//
// A walk goes from entity to entity over edges of the selected types, each
// edge walked in either direction. MENTIONS edges are never walked: they
// lead to articles, which are not entities. A Query's window [Since, Until]
// keeps only edges whose date overlaps it (kg.Date.Overlaps, an edge's End
// included); when the window has a bound, undated edges are left out, as
// Store.Edges leaves them out, unless the walk is time-respecting.
//
// # Time-respecting walks
//
// A walk is time-respecting when time never goes backwards along it. Each
// edge's time is the first day its Date covers (kg.Date.First); an edge's
// End does not count. For every two dated edges e1 and e2 of the walk, e1
// before e2, e2 must not start before e1 starts: "1956" may be followed by
// "1956-10-19" and by "1960", but "1960" may not be followed by "1956", and
// neither may "1956-10-19", because a coarse date is taken at its first day.
// Edges of the same day may follow each other.
//
// Undated edges may stand anywhere in a time-respecting walk, and they do
// not move its time: the next dated edge is compared with the last dated one
// before it. Many facts have no date because they hold throughout (a place
// LOCATED_IN a state, a talk that CONCERNS a treaty), or the loader did not
// find one (a state SUCCEEDED_BY its successor); refusing them would cut
// most walks, and treating them as "now" or "the beginning" would invent a
// time. For the same reason the window, in a time-respecting walk, keeps
// undated edges and applies to dated ones only.
//
// Time-respecting shortest paths are a breadth-first search from both ends
// over (entity, time) states: from From, the time of the walk so far; from
// To, walking backwards, the start of the first dated edge of the rest of
// the walk. An entity may be reached again at a later hop if it is reached
// at a better time (earlier from From, later from To), since that allows
// every continuation the worse one does; two halves meet at an entity when
// the first ends no later than the second starts. So the search is correct
// where the plain shortest path goes back in time and a longer walk does
// not.
//
// # Bounds
//
// A walk reads at most MaxNodeEdges edges of one entity (in store order: by
// date, undated last; Neighborhood reads no more than its first), at most
// MaxFrontier entities per level and at most MaxEdges edges in all; a level
// costs at most three EdgesBatch calls, and Paths tries at most 200,000
// edges while listing walks.
// A hub with tens of thousands of edges is therefore read only in part. The
// choice of what to do then differs by result:
//
//   - Neighborhood returns what it read, with Subgraph.Truncated set: a
//     partial view of a neighbourhood is still a true one.
//   - Path and Paths return the walks they found, which always obey the
//     query, but may miss a shorter walk through a hub's unread edges. When
//     they find none and the bounds cut the search, they return EINVALID
//     ("too broad: narrow the types, the window or maxHops") rather than
//     ENOTFOUND, since the absence of a walk was not established. (They
//     still say ENOTFOUND when the half of the search from one end ran out
//     of entities with every one read whole: then absence is established.)
//
// Path and Paths search from both ends, growing the smaller frontier, so a
// walk through a hub is usually found before the hub is read: two entities
// that share a hub meet there.
package walk

import (
	"context"
	"fmt"
	"slices"

	"github.com/diplograph/diplograph/kg"
)

// Bounds on the work one walk may do. See the package comment.
const (
	// MaxNodeEdges is the most edges read of one entity: two pages of
	// kg.MaxFirst.
	MaxNodeEdges = 2 * kg.MaxFirst
	// MaxFrontier is the most entities expanded at one level.
	MaxFrontier = 2000
	// MaxEdges is the most edges one walk reads in all. At a few
	// microseconds an edge (evidence included) it keeps a walk well under
	// a second.
	MaxEdges = 20_000
	// MaxPaths is the largest k Paths accepts.
	MaxPaths = 20
	// MaxNeighborhoodHops is the largest hops Neighborhood accepts.
	MaxNeighborhoodHops = kg.MaxNeighborhoodHops
	// maxWalkSteps bounds the edges Paths tries while listing walks.
	maxWalkSteps = 200_000
	// maxRounds bounds the EdgesBatch calls of one level.
	maxRounds = 3
	// defaultMaxHops is the hop limit of a Query that gives none, as in
	// kg.PathQuery.
	defaultMaxHops = 4
)

// Query bounds a walk.
type Query struct {
	From, To string // entity ids
	MaxHops  int    // 1..kg.MaxHops; 0 means 4
	// Types are the edge types walked; empty means all but MENTIONS, which
	// may not be named.
	Types []kg.EdgeType
	// Since and Until keep only edges whose date overlaps [Since, Until]; a
	// zero bound is open. When either is set, undated edges are left out
	// unless the walk is time-respecting.
	Since, Until kg.Date
	// TimeRespecting asks for walks whose edge dates never go backwards
	// (see the package comment).
	TimeRespecting bool
}

// checkTypes returns the types a walk reads: types, or every type but
// MENTIONS when it is empty. Unknown types and MENTIONS are EINVALID.
func checkTypes(types []kg.EdgeType) ([]kg.EdgeType, error) {
	if len(types) == 0 {
		return slices.DeleteFunc(slices.Clone(kg.EdgeTypes), func(t kg.EdgeType) bool { return t == kg.Mentions }), nil
	}
	var out []kg.EdgeType
	for _, t := range types {
		switch {
		case t == kg.Mentions:
			return nil, kg.Errorf(kg.EINVALID, "walks do not follow %s edges: they lead to articles, not entities", kg.Mentions)
		case !t.Valid():
			return nil, kg.Errorf(kg.EINVALID, "unknown edge type %q", t)
		case !slices.Contains(out, t):
			out = append(out, t) // a type listed twice must not read its edges twice
		}
	}
	return out, nil
}

func checkWindow(since, until kg.Date) error {
	if !since.IsZero() && !until.IsZero() && until.Last().Before(since.First()) {
		return kg.Errorf(kg.EINVALID, "date window ends (%s) before it starts (%s)", until, since)
	}
	return nil
}

// checkEntities returns the entities with the given ids, ENOTFOUND for the
// first that does not exist.
func checkEntities(ctx context.Context, s kg.Store, ids ...string) (map[string]*kg.Entity, error) {
	for _, id := range ids {
		if id == "" {
			return nil, kg.Errorf(kg.EINVALID, "missing entity id")
		}
	}
	es, err := s.Entities(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("walk: entities: %w", err)
	}
	m := make(map[string]*kg.Entity, len(ids))
	for i, e := range es {
		if e == nil {
			return nil, kg.Errorf(kg.ENOTFOUND, "no entity %q", ids[i])
		}
		m[ids[i]] = e
	}
	return m, nil
}

// reader reads and caches the walkable edges of entities, a frontier at a
// time, within the bounds.
type reader struct {
	s     kg.Store
	types []kg.EdgeType
	// since and until are the window the store applies; keep applies the
	// walk's own rules on top.
	since, until kg.Date
	keep         func(*kg.Edge) bool
	nodeCap      int                   // most edges read of one entity
	adj          map[string][]*kg.Edge // walkable edges by entity, by edge id
	read         int                   // edges read in all
	truncated    bool                  // some edges were left unread
	cut          map[string]bool       // entities whose edges were read in part
	// evidence asks the store for the edges' evidence. Paths need it only
	// for the few edges of the walks found, which buildPaths reads again;
	// a neighbourhood returns the edges it reads.
	evidence bool
}

// newReader returns a reader of the edges q walks. A time-respecting walk
// may use undated edges under a window, which a windowed store query leaves
// out, so the window is applied here instead of in the store. That costs
// reading a hub's edges from its earliest, outside the window too: a
// time-respecting walk through a hub is cut sooner than a plain one.
func newReader(s kg.Store, types []kg.EdgeType, since, until kg.Date, undatedInWindow bool) *reader {
	r := &reader{s: s, types: types, nodeCap: MaxNodeEdges, adj: map[string][]*kg.Edge{}, cut: map[string]bool{}}
	if !undatedInWindow {
		r.since, r.until = since, until
	}
	r.keep = func(e *kg.Edge) bool {
		if e.From == e.To || e.Type == kg.Mentions { // a self-loop leads nowhere
			return false
		}
		if undatedInWindow && e.Date.IsZero() {
			return true
		}
		return e.Date.Overlaps(e.End, since, until)
	}
	return r
}

// load reads the edges of the ids not read yet, in at most maxRounds
// EdgesBatch calls.
func (r *reader) load(ctx context.Context, ids []string) error {
	var todo []string
	for _, id := range ids {
		if _, ok := r.adj[id]; !ok && !slices.Contains(todo, id) {
			todo = append(todo, id)
		}
	}
	if len(todo) > MaxFrontier {
		for _, id := range todo[MaxFrontier:] {
			r.adj[id], r.cut[id] = nil, true
		}
		todo, r.truncated = todo[:MaxFrontier], true
	}
	for _, id := range todo {
		r.adj[id] = []*kg.Edge{}
	}
	after := map[string]string{} // cursor of each entity with more to read
	got := map[string]int{}
	for round := 0; len(todo) > 0; round++ {
		share := min(kg.MaxFirst, r.nodeCap, (MaxEdges-r.read)/len(todo))
		if round == maxRounds || share < 1 {
			for _, id := range todo {
				r.cut[id] = true
			}
			r.truncated = true
			break
		}
		qs := make([]kg.EdgeQuery, len(todo))
		for i, id := range todo {
			qs[i] = kg.EdgeQuery{Entity: id, Types: r.types, Direction: kg.Both, From: r.since, To: r.until, First: share, After: after[id],
				NoEvidence: !r.evidence}
		}
		pages, err := r.s.EdgesBatch(ctx, qs)
		if err != nil {
			if kg.ErrorCode(err) != kg.EINTERNAL {
				return err
			}
			return fmt.Errorf("walk: edges of %d entities: %w", len(qs), err)
		}
		var more []string
		for i, id := range todo {
			p := pages[i]
			r.read += len(p.Edges)
			got[id] += len(p.Edges)
			for _, e := range p.Edges {
				if r.keep(e) {
					r.adj[id] = append(r.adj[id], e)
				}
			}
			if !p.HasNext || len(p.Edges) == 0 {
				continue
			}
			if got[id] >= r.nodeCap {
				r.cut[id], r.truncated = true, true
				continue
			}
			after[id] = p.Cursors[len(p.Cursors)-1]
			more = append(more, id)
		}
		todo = more
	}
	// Walks try edges by id, so that among equal walks the one found is the
	// same on every store and whatever the page sizes were.
	for _, id := range ids {
		slices.SortFunc(r.adj[id], func(a, b *kg.Edge) int { return cmpString(a.ID, b.ID) })
	}
	return nil
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// other returns the end of e that is not id.
func other(e *kg.Edge, id string) string {
	if e.From == id {
		return e.To
	}
	return e.From
}

// timeKey is a walk's time as a yyyymmdd key: the first day of its last
// dated edge, 0 before any.
type timeKey = int

// advance returns the walk's time after e, and whether e may follow a walk
// whose time is t.
func advance(t timeKey, e *kg.Edge, timeRespecting bool) (timeKey, bool) {
	if !timeRespecting || e.Date.IsZero() {
		return t, true
	}
	k := e.Date.FirstKey()
	return k, k >= t
}

// buildPaths turns walks (entity ids, edges) into kg.Paths, loading every
// entity of them with one Entities call, and each of their edges again
// with its evidence, which the search read without.
func buildPaths(ctx context.Context, s kg.Store, walks [][]*kg.Edge, from string) ([]*kg.Path, error) {
	full := map[string]*kg.Edge{}
	for _, w := range walks {
		for _, e := range w {
			if full[e.ID] == nil {
				fe, err := s.Edge(ctx, e.ID)
				if err != nil {
					return nil, fmt.Errorf("walk: edge %s: %w", e.ID, err)
				}
				full[e.ID] = fe
			}
		}
	}
	var ids []string
	seen := map[string]bool{}
	for _, w := range walks {
		at := from
		for _, e := range w {
			at = other(e, at)
			if !seen[at] {
				seen[at] = true
				ids = append(ids, at)
			}
		}
	}
	if !seen[from] {
		ids = append(ids, from)
	}
	es, err := s.Entities(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("walk: entities: %w", err)
	}
	byID := make(map[string]*kg.Entity, len(ids))
	for i, e := range es {
		if e == nil {
			return nil, fmt.Errorf("walk: entity %s of a walk vanished", ids[i])
		}
		byID[ids[i]] = e
	}
	out := make([]*kg.Path, len(walks))
	for i, w := range walks {
		p := &kg.Path{Steps: make([]kg.Step, 0, len(w))}
		at := from
		for _, e := range w {
			next := other(e, at)
			p.Steps = append(p.Steps, kg.Step{From: byID[at], Edge: full[e.ID], To: byID[next]})
			at = next
		}
		out[i] = p
	}
	return out, nil
}
