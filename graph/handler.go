package graph

import (
	"context"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/live"
)

// Options tune the GraphQL handler.
type Options struct {
	// Limits bound what one request may cost; zero fields take
	// DefaultLimits' values.
	Limits Limits
	// DisableIntrospection turns schema introspection off.
	DisableIntrospection bool
	// BatchWait is how long dataloaders collect keys; 0 means
	// DefaultBatchWait. Tests that count store calls raise it, so that a
	// slow machine cannot split one batch in two.
	BatchWait time.Duration
	// Timeout bounds one request; 0 means 30 s. When it passes, store
	// calls stop and the answer is an ETIMEOUT error.
	Timeout time.Duration
	// Extensions are used before every other extension, outermost first,
	// so that they see every answer, also those the limits refuse (the
	// metrics extension, package metrics).
	Extensions []graphql.HandlerExtension
	// Curator serves mutations and subscriptions (curation.go); nil
	// turns them off.
	Curator *Curation
	// Origins are the browser origins besides the server's own that may
	// open a websocket (CORS's list, "*" for any).
	Origins []string
}

// NewHandler returns the GraphQL endpoint over store: POST and GET
// transports, a query cache, a complexity limit, introspection unless
// disabled, the domain error presenter, and per-request dataloaders.
func NewHandler(store kg.Store, opts Options) http.Handler {
	cfg := Config{Resolvers: &Resolver{Store: store, Curator: opts.Curator}}
	setComplexity(&cfg.Complexity)
	setCurationComplexity(&cfg.Complexity)
	srv := handler.New(NewExecutableSchema(cfg))
	limits := opts.Limits.withDefaults()
	adm := newAdmission(limits)
	for _, x := range opts.Extensions {
		srv.Use(x)
	}
	srv.AddTransport(transport.Options{})
	// Subscriptions first: a websocket upgrade is a GET, and an event
	// stream a POST, that the plain transport would otherwise take (live.go).
	addLiveTransports(srv, opts.Origins)
	// GET, POST and batches, with the statuses of GraphQL over HTTP (see
	// httpTransport).
	srv.AddTransport(httpTransport{limits: limits, admission: adm})
	cache := lru.New[*ast.QueryDocument](1000)
	srv.SetQueryCache(cache)
	if opts.DisableIntrospection {
		srv.Use(noIntrospection{})
	} else {
		srv.Use(extension.Introspection{})
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	srv.Use(writeGate{}) // auth.go: mutations the request may not run are refused before they run
	// After APQ, which turns a hash into the query text the limits measure.
	srv.SetParserTokenLimit(limits.MaxTokens)
	srv.Use(&limiter{l: limits, cache: cache})
	srv.Use(adm)
	srv.SetErrorPresenter(presentError)
	srv.SetRecoverFunc(recoverPanic)
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	var hub *live.Hub
	if opts.Curator != nil {
		hub = opts.Curator.Live
	}
	return withLive(srv, hub, Middleware(store, opts.BatchWait, withTimeout(timeout, srv)))
}

// withTimeout gives each request a deadline. It is a context deadline
// rather than http.TimeoutHandler because that handler runs every request
// on a new goroutine: the store's SQLite code, transpiled from C, runs
// deep, and growing that fresh goroutine's stack to fit was half of the
// 14% of the server's CPU that went into stack growth on a one-entity
// query (BENCHMARKS.md). Every store call and walk takes the context, so
// the deadline stops them, and presentError turns what they return into
// ETIMEOUT.
func withTimeout(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
