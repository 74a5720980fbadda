// Package api is diplograph's HTTP layer: the routes a server answers
// (GraphQL at /graphql, the browser pages, the downloads under /export/,
// the health check), and what wraps them: CORS, request-body limits. Main
// only wires a store and a Config into New and serves what it returns.
package api

import (
	"io"
	"net/http"
	"time"

	"github.com/diplograph/diplograph/auth"
	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/web"
)

// Config says how New builds the routes.
type Config struct {
	// GraphQL tunes the GraphQL handler (limits, introspection, timeout).
	GraphQL graph.Options
	// CORSOrigins are the origins whose pages may call /graphql and
	// /export/ from a browser ("*" for any); none sends no CORS headers.
	// ParseOrigins reads them from the --cors-origins form.
	CORSOrigins []string
	// MaxBodyBytes caps a request body; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// Metrics, when set, answers GET /metrics (package metrics: the
	// Prometheus text format).
	Metrics http.Handler
	// Readiness, when set, is what /readyz reports besides the store: a
	// server that is draining for shutdown is not ready (ready.go).
	Readiness *Readiness
	// Tokens may run mutations (package auth); none turns mutations off.
	Tokens *auth.Tokens
}

// DefaultMaxBodyBytes is the largest request body read by default.
const DefaultMaxBodyBytes = 1 << 20

// New returns the HTTP routes over store: GraphQL at /graphql, the browser
// pages (package web: the playground at /, /timeline, /explore and
// /assets/), downloads at /export/ (export.go), and a health check at
// /healthz (the process answers: liveness), a readiness check at /readyz
// (the store answers and the server is not shutting down; ready.go), and
// /metrics when cfg.Metrics is set. CORS applies to /graphql and /export/ when cfg.CORSOrigins is
// set.
func New(store kg.Store, cfg Config) http.Handler {
	maxBody := cfg.MaxBodyBytes
	if maxBody == 0 {
		maxBody = DefaultMaxBodyBytes
	}
	s := &server{store: store}
	mux := http.NewServeMux()
	gql := cfg.GraphQL
	gql.Origins = cfg.CORSOrigins
	// Tokens are checked before the body is read; mutations are then
	// refused or let through by the GraphQL layer (auth.CheckWrite).
	mux.Handle("/graphql", auth.Middleware(cfg.Tokens, auth.Policy{Origins: cfg.CORSOrigins}, limitBody(graph.NewHandler(store, gql), maxBody)))
	pages := web.Handler()
	for _, p := range web.Paths {
		mux.Handle("GET "+p, pages)
	}
	mux.HandleFunc("GET /healthz", s.serveHealth)
	mux.Handle("GET /readyz", newReadyHandler(store, cfg.Readiness))
	if cfg.Metrics != nil {
		mux.Handle("GET /metrics", cfg.Metrics)
	}
	mux.HandleFunc("GET /export/timeline.json", s.serveTimeline)
	mux.HandleFunc("GET /export/graph.graphml", s.serveGraph)
	return withCORS(mux, cfg.CORSOrigins)
}

// server holds what the handlers need.
type server struct {
	store kg.Store
}

// serveHealth answers ok while the process serves HTTP: a liveness check.
// It does not ask the store, so that an orchestrator does not restart
// every server while their Neo4j is down, which restarting cannot mend;
// /readyz says whether the store answers.
func (s *server) serveHealth(w http.ResponseWriter, r *http.Request) {
	io.WriteString(w, "ok\n")
}

// NewServer returns the HTTP server for h with the timeouts diplograph
// serves with: headers within 10 s, the whole request (a body of up to
// 1 MB) within 30 s, the answer within 60 s (a request's own deadline is
// graph.Options.Timeout, 30 s by default), idle keep-alive connections
// closed after 2 minutes.
func NewServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
}
