package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/diplograph/diplograph/kg"
)

type loadersKey struct{}

// Loaders batch the store calls of one request: every entity an Edge or a
// PathStep points at is fetched with one Store.Entities call per batch, not
// one call per edge; likewise edge pages and articles' mentions. Fields
// outside every list ask the store directly (see inList): only inside a
// list can more keys come to batch with.
type Loaders struct {
	store    kg.Store
	entities *dataloadgen.Loader[string, *kg.Entity]
	// edges batches the edge walks of a list (the edges of every entity
	// a search returned) into one Store.EdgesBatch call. Queries hold
	// slices, so the key is an edgeLoad encoded as JSON.
	edges *dataloadgen.Loader[string, *kg.EdgePage]
	// mentions batches the mentions of every article of a list into one
	// Store.Mentions call, articles the articles of sources and evidence
	// into one Store.Articles call.
	mentions *dataloadgen.Loader[string, []kg.Mention]
	articles *dataloadgen.Loader[string, *kg.Article]

	// ends holds the entities read with the edge pages that lead to them
	// (see readEnds), so that the from and to of a page's edges cost no
	// second round of batching.
	mu   sync.Mutex
	ends map[string]*kg.Entity
	// primed holds edge pages read ahead by a root field (prefetch.go),
	// by edge query key.
	primed map[string]*kg.EdgePage
}

// edgeLoad is a key of the edges loader: a query, and whether the entities
// at the ends of its edges are wanted too.
type edgeLoad struct {
	kg.EdgeQuery
	Ends bool `json:",omitempty"`
}

// byID adapts a store call that returns one item per id, nil for an id
// it does not hold, to a loader's batch function: a nil item becomes an
// ENOTFOUND error for its key alone (missing formats the id).
func byID[T any](fetch func(context.Context, []string) ([]*T, error), missing string) func(context.Context, []string) ([]*T, []error) {
	return func(ctx context.Context, ids []string) ([]*T, []error) {
		items, err := fetch(ctx, ids)
		if err != nil {
			return nil, []error{err}
		}
		errs := make([]error, len(ids))
		for i, item := range items {
			if item == nil {
				errs[i] = kg.Errorf(kg.ENOTFOUND, missing, ids[i])
			}
		}
		return items, errs
	}
}

// DefaultBatchWait is how long a loader collects keys before it calls the
// store: long enough for the resolvers of a list, which run concurrently,
// to ask; short enough not to be felt.
const DefaultBatchWait = 500 * time.Microsecond

// NewLoaders returns loaders that read from store, each waiting wait (0
// means DefaultBatchWait) to batch keys. They cache for the life of one
// request only, so a request never sees another's stale data.
func NewLoaders(store kg.Store, wait time.Duration) *Loaders {
	if wait <= 0 {
		wait = DefaultBatchWait
	}
	l := &Loaders{store: store, ends: map[string]*kg.Entity{}}
	l.entities = dataloadgen.NewLoader(byID(store.Entities, "no entity has id %q"), dataloadgen.WithWait(wait))
	l.edges = dataloadgen.NewLoader(func(ctx context.Context, keys []string) ([]*kg.EdgePage, []error) {
		qs := make([]kg.EdgeQuery, len(keys))
		ends := make([]bool, len(keys))
		for i, k := range keys {
			var el edgeLoad
			if err := json.Unmarshal([]byte(k), &el); err != nil {
				return nil, []error{fmt.Errorf("decode edge query key: %w", err)}
			}
			qs[i], ends[i] = el.EdgeQuery, el.Ends
			qs[i].Ends = el.Ends // the key's Ends shadows the query's in JSON
		}
		pages, err := store.EdgesBatch(ctx, qs)
		if err != nil {
			return nil, []error{err}
		}
		if err := l.readEnds(ctx, pages, ends); err != nil {
			return nil, []error{err}
		}
		return pages, nil
	}, dataloadgen.WithWait(wait))
	l.articles = dataloadgen.NewLoader(byID(store.Articles, "no article %q"), dataloadgen.WithWait(wait))
	l.mentions = dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([][]kg.Mention, []error) {
		ms, err := store.Mentions(ctx, ids)
		if err != nil {
			return nil, []error{err}
		}
		return ms, nil
	}, dataloadgen.WithWait(wait))
	return l
}

// readEnds reads, in one Store.Entities call, the entities at the ends of
// the edges of pages[i] where want[i], and keeps them for the from and to
// fields of those edges. An end that is no entity (the article a MENTIONS
// edge starts at) is left for the field to report.
func (l *Loaders) readEnds(ctx context.Context, pages []*kg.EdgePage, want []bool) error {
	var ids []string
	seen := map[string]bool{}
	l.mu.Lock()
	for i, p := range pages {
		if !want[i] || p == nil {
			continue
		}
		for id, e := range p.Ends { // read with the page (kg.EdgeQuery.Ends)
			l.ends[id] = e
		}
		for _, e := range p.Edges {
			for _, id := range []string{e.From, e.To} {
				if !seen[id] && l.ends[id] == nil {
					seen[id] = true
					ids = append(ids, id)
				}
			}
		}
	}
	l.mu.Unlock()
	if len(ids) == 0 {
		return nil
	}
	es, err := l.store.Entities(ctx, ids)
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, e := range es {
		if e != nil {
			l.ends[e.ID] = e
		}
	}
	return nil
}

// known returns the entity readEnds kept under id, or nil.
func (l *Loaders) known(id string) *kg.Entity {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.ends[id]
}

// Middleware gives every request its own Loaders.
func Middleware(store kg.Store, wait time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), loadersKey{}, NewLoaders(store, wait))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// loadEdges fetches one page of edges through the request's loader, or
// straight from the store outside lists or when the request has none;
// with ends, the entities at the ends of the page's edges too (see
// readEnds).
func (r *Resolver) loadEdges(ctx context.Context, q kg.EdgeQuery, ends bool) (*kg.EdgePage, error) {
	q.Ends = ends // the store brings the ends with the page
	l, ok := ctx.Value(loadersKey{}).(*Loaders)
	if !ok {
		return r.Store.Edges(ctx, q)
	}
	key, err := edgeKey(q, ends)
	if err != nil {
		return nil, err
	}
	if p := l.primedPage(key); p != nil {
		return p, nil
	}
	if !inList(ctx) {
		page, err := r.Store.Edges(ctx, q)
		if err != nil || !ends {
			return page, err
		}
		return page, l.readEnds(ctx, []*kg.EdgePage{page}, []bool{true})
	}
	return l.edges.Load(ctx, key)
}

// loadMentions fetches the mentions of an article through the request's
// loader, or straight from the store outside lists or when the request
// has none.
func (r *Resolver) loadMentions(ctx context.Context, article string) ([]kg.Mention, error) {
	if l, ok := ctx.Value(loadersKey{}).(*Loaders); ok && inList(ctx) {
		return l.mentions.Load(ctx, article)
	}
	ms, err := r.Store.Mentions(ctx, []string{article})
	if err != nil {
		return nil, err
	}
	return ms[0], nil
}

// loadArticles fetches articles through the request's loader (all of ids
// in one batch), or straight from the store outside lists or when the
// request has none; nil where no article has the id.
func (r *Resolver) loadArticles(ctx context.Context, ids []string) ([]*kg.Article, error) {
	l, ok := ctx.Value(loadersKey{}).(*Loaders)
	if !ok || !inList(ctx) {
		return r.Store.Articles(ctx, ids)
	}
	// Thunks first, so that every id joins the batch before any is awaited.
	thunks := make([]func() (*kg.Article, error), len(ids))
	for i, id := range ids {
		thunks[i] = l.articles.LoadThunk(ctx, id)
	}
	out := make([]*kg.Article, len(ids))
	for i, th := range thunks {
		a, err := th()
		if kg.ErrorCode(err) == kg.ENOTFOUND {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[i] = a
	}
	return out, nil
}

// loadEntities fetches entities: those read with their edges from the
// request's cache, the rest through its loader in one batch, or straight
// from the store outside lists or when the request has no loaders.
func (r *Resolver) loadEntities(ctx context.Context, ids []string) ([]*kg.Entity, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	l, ok := ctx.Value(loadersKey{}).(*Loaders)
	if !ok {
		return r.Store.Entities(ctx, ids)
	}
	out := make([]*kg.Entity, len(ids))
	var rest []string
	var at []int
	for i, id := range ids {
		if out[i] = l.known(id); out[i] == nil {
			rest, at = append(rest, id), append(at, i)
		}
	}
	if len(rest) == 0 {
		return out, nil
	}
	var es []*kg.Entity
	var err error
	if inList(ctx) {
		es, err = l.entities.LoadAll(ctx, rest)
	} else {
		es, err = r.Store.Entities(ctx, rest)
	}
	if err != nil {
		return nil, err
	}
	for j, i := range at {
		out[i] = es[j]
	}
	return out, nil
}

// loadEntity fetches one entity: from the request's cache when it was
// read with its edges, else through its loader, or straight from the store
// outside lists or when the request has no loaders.
func (r *Resolver) loadEntity(ctx context.Context, id string) (*kg.Entity, error) {
	l, ok := ctx.Value(loadersKey{}).(*Loaders)
	if !ok {
		return r.Store.Entity(ctx, id)
	}
	if e := l.known(id); e != nil {
		return e, nil
	}
	if !inList(ctx) {
		return r.Store.Entity(ctx, id)
	}
	return l.entities.Load(ctx, id)
}
