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
// one call per edge.
type Loaders struct {
	entities *dataloadgen.Loader[string, *kg.Entity]
	// edges batches the edge walks of a list (the edges of every entity
	// a search returned) into one Store.EdgesBatch call. Queries hold
	// slices, so the key is the query encoded as JSON.
	edges *dataloadgen.Loader[string, *kg.EdgePage]
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
