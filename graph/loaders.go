package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/diplograph/diplograph/kg"
)

type loadersKey struct{}

// Loaders batch the store calls of one request: every entity an Edge or a
// PathStep points at is fetched with one Store.Entities call per batch, not
// one call per edge; likewise edge pages and articles' mentions.
type Loaders struct {
	entities *dataloadgen.Loader[string, *kg.Entity]
	// edges batches the edge walks of a list (the edges of every entity
	// a search returned) into one Store.EdgesBatch call. Queries hold
	// slices, so the key is the query encoded as JSON.
	edges *dataloadgen.Loader[string, *kg.EdgePage]
	// mentions batches the mentions of every article of a list into one
	// Store.Mentions call, articles the articles of sources and evidence
	// into one Store.Articles call.
	mentions *dataloadgen.Loader[string, []kg.Mention]
	articles *dataloadgen.Loader[string, *kg.Article]
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
	return &Loaders{
		entities: dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]*kg.Entity, []error) {
			es, err := store.Entities(ctx, ids)
			if err != nil {
				return nil, []error{err}
			}
			errs := make([]error, len(ids))
			for i, e := range es {
				if e == nil {
					errs[i] = kg.Errorf(kg.ENOTFOUND, "no entity has id %q", ids[i])
				}
			}
			return es, errs
		}, dataloadgen.WithWait(wait)),
		edges: dataloadgen.NewLoader(func(ctx context.Context, keys []string) ([]*kg.EdgePage, []error) {
			qs := make([]kg.EdgeQuery, len(keys))
			for i, k := range keys {
				if err := json.Unmarshal([]byte(k), &qs[i]); err != nil {
					return nil, []error{fmt.Errorf("decode edge query key: %w", err)}
				}
			}
			pages, err := store.EdgesBatch(ctx, qs)
			if err != nil {
				return nil, []error{err}
			}
			return pages, nil
		}, dataloadgen.WithWait(wait)),
		articles: dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]*kg.Article, []error) {
			as, err := store.Articles(ctx, ids)
			if err != nil {
				return nil, []error{err}
			}
			errs := make([]error, len(ids))
			for i, a := range as {
				if a == nil {
					errs[i] = kg.Errorf(kg.ENOTFOUND, "no article %q", ids[i])
				}
			}
			return as, errs
		}, dataloadgen.WithWait(wait)),
		mentions: dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([][]kg.Mention, []error) {
			ms, err := store.Mentions(ctx, ids)
			if err != nil {
				return nil, []error{err}
			}
			return ms, nil
		}, dataloadgen.WithWait(wait)),
	}
}

// Middleware gives every request its own Loaders.
func Middleware(store kg.Store, wait time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), loadersKey{}, NewLoaders(store, wait))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// loadEdges fetches one page of edges through the request's loader, or
// straight from the store when the request has none.
func (r *Resolver) loadEdges(ctx context.Context, q kg.EdgeQuery) (*kg.EdgePage, error) {
	l, ok := ctx.Value(loadersKey{}).(*Loaders)
	if !ok {
		return r.Store.Edges(ctx, q)
	}
	key, err := json.Marshal(q)
	if err != nil {
		return nil, fmt.Errorf("encode edge query: %w", err)
	}
	return l.edges.Load(ctx, string(key))
}

// loadMentions fetches the mentions of an article through the request's
// loader, or straight from the store when the request has none.
func (r *Resolver) loadMentions(ctx context.Context, article string) ([]kg.Mention, error) {
	if l, ok := ctx.Value(loadersKey{}).(*Loaders); ok {
		return l.mentions.Load(ctx, article)
	}
	ms, err := r.Store.Mentions(ctx, []string{article})
	if err != nil {
		return nil, err
	}
	return ms[0], nil
}

// loadArticles fetches articles through the request's loader (all of ids
// in one batch), or straight from the store when the request has none;
// nil where no article has the id.
func (r *Resolver) loadArticles(ctx context.Context, ids []string) ([]*kg.Article, error) {
	l, ok := ctx.Value(loadersKey{}).(*Loaders)
	if !ok {
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

// loadEntities fetches entities through the request's loader in one batch.
func (r *Resolver) loadEntities(ctx context.Context, ids []string) ([]*kg.Entity, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	if l, ok := ctx.Value(loadersKey{}).(*Loaders); ok {
		return l.entities.LoadAll(ctx, ids)
	}
	return r.Store.Entities(ctx, ids)
}

// loadEntity fetches one entity through the request's loader, or straight
// from the store when the request has none (tests that skip the middleware).
func (r *Resolver) loadEntity(ctx context.Context, id string) (*kg.Entity, error) {
	if l, ok := ctx.Value(loadersKey{}).(*Loaders); ok {
		return l.entities.Load(ctx, id)
	}
	return r.Store.Entity(ctx, id)
}
