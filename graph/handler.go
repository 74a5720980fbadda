package graph

import (
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/diplograph/diplograph/kg"
)

// Options tune the GraphQL handler.
type Options struct {
	// ComplexityLimit caps the estimated cost of one operation; 0 means
	// 20000 (a page of 500 edges with a dozen fields each fits).
	ComplexityLimit int
	// DisableIntrospection turns schema introspection off.
	DisableIntrospection bool
}

// NewHandler returns the GraphQL endpoint over store: POST and GET
// transports, a query cache, a complexity limit, introspection unless
// disabled, the domain error presenter, and per-request dataloaders.
func NewHandler(store kg.Store, opts Options) http.Handler {
	cfg := Config{Resolvers: &Resolver{Store: store}}
	setComplexity(&cfg.Complexity)
	srv := handler.New(NewExecutableSchema(cfg))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	if !opts.DisableIntrospection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	limit := opts.ComplexityLimit
	if limit == 0 {
		limit = 20000
	}
	srv.Use(extension.FixedComplexityLimit(limit))
	srv.Use(QueryLimits{MaxDepth: 15, MaxFields: 300})
	srv.SetErrorPresenter(presentError)
	srv.SetRecoverFunc(recoverPanic)
	return Middleware(store, http.TimeoutHandler(srv, 30*time.Second, `{"errors":[{"message":"request timed out"}]}`))
}
