package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"mime"
	"net/http"
	"time"

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
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	addLiveTransports(srv, opts.Origins) // live.go; before POST, which would take an event stream
	srv.AddTransport(transport.POST{})
	cache := lru.New[*ast.QueryDocument](1000)
	srv.SetQueryCache(cache)
	if !opts.DisableIntrospection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	srv.Use(writeGate{}) // auth.go: mutations the request may not run are refused before they run
	// After APQ, which turns a hash into the query text the limits measure.
	limits := opts.Limits.withDefaults()
	srv.SetParserTokenLimit(limits.MaxTokens)
	srv.Use(&limiter{l: limits, cache: cache})
	srv.Use(newAdmission(limits))
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
	return withLive(srv, hub, Middleware(store, opts.BatchWait, withTimeout(timeout, omitRequestErrorData(srv))))
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

// omitRequestErrorData removes `"data": null` from 4xx answers in
// application/graphql-response+json. The GraphQL-over-HTTP spec says a
// request error (a document that does not parse or validate) has no data
// entry at all, so that clients of the new media type can tell it from an
// execution error, whose data is null and whose status is 2xx; gqlgen's
// Response always writes the entry. application/json answers are left
// exactly as gqlgen writes them.
func omitRequestErrorData(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rw := &requestErrorWriter{ResponseWriter: w}
		next.ServeHTTP(rw, r)
		rw.finish()
	})
}

// requestErrorWriter passes a response through unless it is a 4xx in
// application/graphql-response+json, which it holds until finish.
type requestErrorWriter struct {
	http.ResponseWriter
	wroteHeader bool
	held        bool // status and body are held in code and body
	code        int
	body        bytes.Buffer
}

func (w *requestErrorWriter) WriteHeader(code int) {
	if w.wroteHeader {
		return
	}
	w.wroteHeader = true
	ct, _, _ := mime.ParseMediaType(w.Header().Get("Content-Type"))
	if code >= 400 && code < 500 && ct == "application/graphql-response+json" {
		w.held, w.code = true, code
		return
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *requestErrorWriter) Write(p []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if w.held {
		return w.body.Write(p)
	}
	return w.ResponseWriter.Write(p)
}

func (w *requestErrorWriter) finish() {
	if !w.held {
		return
	}
	body := w.body.Bytes()
	var resp map[string]json.RawMessage
	if err := json.Unmarshal(body, &resp); err == nil && string(resp["data"]) == "null" {
		delete(resp, "data")
		if b, err := json.Marshal(resp); err == nil {
			body = b
		}
	}
	w.Header().Del("Content-Length")
	w.ResponseWriter.WriteHeader(w.code)
	w.ResponseWriter.Write(body)
}
