package kg

import (
	"context"
	"errors"
)

// Limits every Store applies, so that no query can ask for an unbounded
// amount of work.
const (
	DefaultFirst = 20  // page size when a query gives none
	MaxFirst     = 500 // largest page a query may ask for
	MaxHops      = 8   // longest path Path searches
	// MaxMentions is the most mentions Mentions returns of one article:
	// more than any real article makes, few enough to hold in a request.
	MaxMentions = 5000
)

// SearchQuery asks for entities by name.
type SearchQuery struct {
	// Text is matched case- and accent-insensitively against every word of
	// every name and alias; an entity matches when all words of Text do.
	Text  string
	Kinds []Kind // empty means all kinds
	First int    // 0 means DefaultFirst
	After string // cursor from a previous EntityPage; "" for the first page
}

// EntityPage is one page of a list of entities.
type EntityPage struct {
	Entities   []*Entity
	Cursors    []string // Cursors[i] resumes after Entities[i]
	HasNext    bool
	TotalCount int // entities matching the query over all pages
}

// Mention is an entity an article mentions: the far end of a MENTIONS edge
// from the article, or an end of an edge the article's sentences are
// evidence for.
type Mention struct {
	Entity string // entity id
	// Sentence is the first sentence of the article that is evidence for
	// the mention, -1 when none is (a MENTIONS edge without evidence).
	Sentence int
}

// EdgeQuery asks for the edges of one entity.
type EdgeQuery struct {
	Entity    string
	Types     []EdgeType // empty means all types
	Direction Direction  // "" means Both
	// From and To bound the edges' dates (see Date.Overlaps); a zero bound
	// is open. When either is set, undated edges are left out.
	From, To Date
	First    int    // 0 means DefaultFirst
	After    string // cursor from a previous EdgePage; "" for the first page
	// AfterKey, when set, starts the page right after this place in the
	// page's order (keyset paging by date and id, as EventQuery.After),
	// for a caller that merges edges with events in one date order. Its
	// Date must not be zero, and it may not be given with After.
	AfterKey *EventKey
	// Dated leaves out undated edges, as a window does.
	Dated bool
	// NoEvidence says the caller does not look at the edges' evidence (a
	// walk, which reads thousands of edges to keep a handful): a store
	// may then leave Edge.Evidence empty and skip reading it. Everything
	// else about the page is the same.
	NoEvidence bool
	// Ends asks for the entities at the ends of the page's edges too, in
	// EdgePage.Ends, so that a caller that shows them (an edge list with
	// its from and to) needs no second round trip.
	Ends bool
}

// EdgePage is one page of edges in date order (undated edges last, ties
// broken by edge ID).
type EdgePage struct {
	Edges      []*Edge
	Cursors    []string // Cursors[i] resumes after Edges[i]
	HasNext    bool
	TotalCount int // edges matching the query over all pages
	// Ends holds, when the query asked for them (EdgeQuery.Ends), the
	// entities at both ends of every edge of the page, by id; the article
	// a MENTIONS edge starts at is not an entity and is not in it.
	Ends map[string]*Entity
}

// EventQuery asks for events in a date window.
type EventQuery struct {
	From, To Date        // zero bounds are open; undated events are never returned
	Entity   string      // when set, only events this entity is linked to by an edge
	Types    []EventType // empty means all types
	Statuses []Status    // empty means all statuses
	First    int         // 0 means DefaultFirst
	// After, when set, starts the page right after this event in the
	// order Events returns (keyset paging: the last event of the page
	// before). Its Date must not be zero.
	After *EventKey
}

// EventKey is an event's place in date order: its date, then its id.
type EventKey struct {
	Date Date
	ID   string
}

// PathQuery asks for the shortest walk between two entities. Edges may be
// walked in either direction.
type PathQuery struct {
	From, To string
	MaxHops  int        // 0 means 4; larger than MaxHops is EINVALID
	Types    []EdgeType // empty means all types except MENTIONS
}

// ErrNoWalk is in the chain of the ENOTFOUND error Path returns when both
// entities exist and no walk within the hops joins them, and not in the
// one for an entity that does not exist (errors.Is tells them apart): a
// caller that named the ends by id learns which it is without asking
// again.
var ErrNoWalk = errors.New("no walk joins the entities")

// Step is one hop of a Path: the walk goes from From over Edge to To. Edge
// may point either way.
type Step struct {
	From *Entity
	Edge *Edge
	To   *Entity
}

// Path is a walk between two entities.
type Path struct {
	Steps []Step
}

// Hops returns the number of steps of p.
func (p *Path) Hops() int { return len(p.Steps) }

// NeighborhoodQuery asks for the subgraph around an entity.
type NeighborhoodQuery struct {
	ID    string
	Hops  int        // 1..MaxNeighborhoodHops
	Types []EdgeType // empty: all but MENTIONS
	// Since and Until bound the edges' dates; zero bounds are open, and
	// with a bound undated edges are left out.
	Since, Until Date
	First        int // 0 means DefaultFirst, at most MaxFirst
	// NoEvidence reads the edges without their evidence, for a view that
	// does not show it.
	NoEvidence bool
}

// MaxNeighborhoodHops is the largest NeighborhoodQuery.Hops.
const MaxNeighborhoodHops = 3

// Subgraph is the neighbourhood of an entity, ready for a graph view.
type Subgraph struct {
	// Nodes are the entities, nearest first: the centre, then those one
	// hop away, and so on; within a hop in the order they were reached,
	// edges by id.
	Nodes []*Entity
	// Edges are the edges among Nodes of the asked types in the window,
	// by id.
	Edges []*Edge
	// Truncated is set when entities or edges within reach were left out.
	Truncated bool
}

// Stats counts what a store holds.
type Stats struct {
	Articles int
	Entities int
	Edges    int
	ByKind   map[Kind]int
}

// Store is where the graph lives. Every method is safe for concurrent use.
// Methods that take ids return ENOTFOUND for ids nothing is stored under and
// EINVALID for malformed queries; any other error is the engine's, wrapped.
type Store interface {
	// Put writes a batch in one transaction: all of it or none. Entities
	// and edges already stored are merged, not replaced: aliases, evidence
	// and attributes are unioned, and a known date or status is kept unless
	// the new one is more precise. Putting the same batch twice leaves the
	// store as after the first time. Edges may only point at entities
	// stored before or in the same batch, or at articles for MENTIONS;
	// otherwise Put returns EINVALID.
	Put(ctx context.Context, b *Batch) error

	// Entity returns the entity with the given id, or ENOTFOUND.
	Entity(ctx context.Context, id string) (*Entity, error)

	// Entities returns the entities with the given ids, in the same order,
	// with nil where no entity has that id. It exists so that GraphQL
	// dataloaders cost one call per batch of ids.
	Entities(ctx context.Context, ids []string) ([]*Entity, error)

	// Search returns entities whose names or aliases match q, best first:
	// exact name or alias matches, then names that start with the text,
	// then the rest, each group by name. It is SearchPage's page without
	// the page information.
	Search(ctx context.Context, q SearchQuery) ([]*Entity, error)

	// SearchPage returns one page of what Search finds, in the same order,
	// with a cursor per entity and the number of matches over all pages.
	// It returns EINVALID for a cursor it did not issue.
	SearchPage(ctx context.Context, q SearchQuery) (*EntityPage, error)

	// Mentions returns, for each article id, the entities the article
	// mentions (see Mention), at most MaxMentions of them, in the order the
	// article first cites them: by Sentence, then by entity id, mentions
	// without a sentence last. An id no article has gets an empty list. It
	// exists so that GraphQL lists of articles cost one call, not one per
	// article.
	Mentions(ctx context.Context, articles []string) ([][]Mention, error)

	// Edges returns one page of the edges of an entity. It returns
	// ENOTFOUND if the entity does not exist and EINVALID for a cursor it
	// did not issue.
	Edges(ctx context.Context, q EdgeQuery) (*EdgePage, error)

	// Edge returns the edge with the given id, or ENOTFOUND.
	Edge(ctx context.Context, id string) (*Edge, error)

	// EntityEdges returns the entity q.Entity and one page of its edges,
	// as Entity and Edges would, in one round trip where the engine has
	// round trips: an entity page is the commonest question. It returns
	// ENOTFOUND if no entity has that id, and Edges' EINVALID errors.
	EntityEdges(ctx context.Context, q EdgeQuery) (*Entity, *EdgePage, error)

	// EventsEdges returns what Events returns for q and, for each of
	// those events, the page of its edges eq asks for (eq.Entity is the
	// event's id), as EdgesBatch would: a timeline with each event's
	// participants in one call. Its errors are those of Events and Edges.
	EventsEdges(ctx context.Context, q EventQuery, eq EdgeQuery) ([]*Entity, []*EdgePage, error)

	// Neighborhood returns the entities within q.Hops of q.ID over edges
	// of q.Types in the window, at most q.First of them, and the edges
	// among them: the answer walk.ReadNeighborhood reads through
	// EdgesBatch, which every store's must equal (walk's package comment
	// gives the rules and bounds). A store may compute it inside its
	// engine. It returns ENOTFOUND if no entity has that id and EINVALID
	// for hops or first out of range, an unknown or MENTIONS type, or a
	// window that ends before it starts.
	Neighborhood(ctx context.Context, q NeighborhoodQuery) (*Subgraph, error)

	// EdgesBatch answers many EdgeQuery at once, the i-th page for the i-th
	// query, as Edges would; an error in one query fails the batch. It
	// exists so that GraphQL lists walk the edges of N entities with one
	// store call, not N.
	EdgesBatch(ctx context.Context, qs []EdgeQuery) ([]*EdgePage, error)

	// Events returns events that overlap the window, in date order.
	Events(ctx context.Context, q EventQuery) ([]*Entity, error)

	// CountEvents counts the events Events returns over all its pages
	// (q.First and q.After do not count), with the same errors.
	CountEvents(ctx context.Context, q EventQuery) (int, error)

	// Path returns a shortest walk between two entities, ENOTFOUND if
	// either does not exist or no walk of at most MaxHops hops joins them
	// (then wrapping ErrNoWalk). A walk from an entity to itself has no
	// steps.
	Path(ctx context.Context, q PathQuery) (*Path, error)

	// Article returns the article with the given id, or ENOTFOUND.
	Article(ctx context.Context, id string) (*Article, error)

	// Articles returns the articles with the given ids, in the same order,
	// with nil where no article has that id. It exists so that GraphQL
	// lists of sources cost one call per batch of ids.
	Articles(ctx context.Context, ids []string) ([]*Article, error)

	// Stats counts what is stored.
	Stats(ctx context.Context) (Stats, error)

	// Ping checks that the store answers a read, at the cost of one round
	// trip and no scan, for readiness checks; it returns the engine's
	// error, wrapped, when it does not (within ctx's deadline).
	Ping(ctx context.Context) error

	// Close releases the store's resources.
	Close() error
}
