// Package metrics is diplograph's Prometheus instrumentation, on the
// standard client library (github.com/prometheus/client_golang): HTTP
// requests per route, GraphQL requests per operation and field class,
// GraphQL errors by code, store calls and their latency, and the progress
// of loads. Main makes one Metrics per process and wires it in: the store
// it opens goes through Store, the GraphQL handler gets GraphQL as an
// extension, the routes are wrapped by HTTP, and Handler answers /metrics.
//
// Every label takes its values from a fixed set (routes, store methods,
// field classes, error codes) except the GraphQL operation name, which a
// client chooses: names are kept only while they look like GraphQL names
// and are among the first MaxOperations seen, so that a client sending a
// new name with every request cannot grow the series without bound.
package metrics

import (
	"net/http"
	"regexp"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Namespace prefixes every metric of diplograph's own.
const Namespace = "diplograph"

// MaxOperations is how many distinct GraphQL operation names get series
// of their own; later names are counted as "other".
const MaxOperations = 100

// Buckets for request and store latencies, in seconds: from a cached
// lookup (well under a millisecond) to a walk that runs into the 30 s
// request deadline.
var latencyBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30}

// Metrics holds diplograph's collectors in a registry of their own (not
// the global one, so that tests can make as many as they like).
type Metrics struct {
	// Registry holds every collector below, and Go's runtime and process
	// collectors.
	Registry *prometheus.Registry

	httpRequests *prometheus.CounterVec
	httpDuration *prometheus.HistogramVec
	httpInFlight prometheus.Gauge

	gqlRequests *prometheus.CounterVec
	gqlDuration *prometheus.HistogramVec
	gqlErrors   *prometheus.CounterVec

	storeCalls    *prometheus.CounterVec
	storeDuration *prometheus.HistogramVec

	loadArticles prometheus.Counter
	loadEntities prometheus.Counter
	loadEdges    prometheus.Counter
	loadFailures prometheus.Counter

	mu  sync.Mutex
	ops map[string]bool // operation names with series of their own
}

// New returns Metrics with every collector registered.
func New() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		ops:      map[string]bool{},
		httpRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: Namespace, Subsystem: "http", Name: "requests_total",
			Help: "HTTP requests answered, by route and status code.",
		}, []string{"route", "code"}),
		httpDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: Namespace, Subsystem: "http", Name: "request_duration_seconds",
			Help: "Time from a request's headers to the end of its answer, by route.", Buckets: latencyBuckets,
		}, []string{"route"}),
		httpInFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: Namespace, Subsystem: "http", Name: "requests_in_flight",
			Help: "HTTP requests being answered now.",
		}),
		gqlRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: Namespace, Subsystem: "graphql", Name: "requests_total",
			Help: "GraphQL operations answered, by operation name, class of their root fields (see FieldClass) and outcome (ok, or error when the answer carries errors).",
		}, []string{"operation", "class", "outcome"}),
		gqlDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: Namespace, Subsystem: "graphql", Name: "request_duration_seconds",
			Help: "Time from the start of an operation (parsing included) to its answer, by operation name and class of its root fields.", Buckets: latencyBuckets,
		}, []string{"operation", "class"}),
		gqlErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: Namespace, Subsystem: "graphql", Name: "errors_total",
			Help: "Errors in GraphQL answers, by extensions.code.",
		}, []string{"code"}),
		storeCalls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: Namespace, Subsystem: "store", Name: "calls_total",
			Help: "Store calls, by method and result (ok, or the error code: ENOTFOUND, EINVALID, EINTERNAL, ...).",
		}, []string{"method", "result"}),
		storeDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: Namespace, Subsystem: "store", Name: "call_duration_seconds",
			Help: "Latency of store calls, by method.", Buckets: latencyBuckets,
		}, []string{"method"}),
		loadArticles: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: Namespace, Subsystem: "load", Name: "articles_total",
			Help: "Articles (and GDELT rows) written to the store by loads in this process.",
		}),
		loadEntities: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: Namespace, Subsystem: "load", Name: "entities_total",
			Help: "Entity records written to the store by loads in this process (before merging across articles).",
		}),
		loadEdges: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: Namespace, Subsystem: "load", Name: "edges_total",
			Help: "Edge records written to the store by loads in this process.",
		}),
		loadFailures: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: Namespace, Subsystem: "load", Name: "failures_total",
			Help: "Inputs a load could not read or extract, and skipped.",
		}),
	}
	m.Registry.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.httpRequests, m.httpDuration, m.httpInFlight,
		m.gqlRequests, m.gqlDuration, m.gqlErrors,
		m.storeCalls, m.storeDuration,
		m.loadArticles, m.loadEntities, m.loadEdges, m.loadFailures,
	)
	return m
}

// Handler answers scrapes of m's registry in the Prometheus text format
// (or OpenMetrics, when the scraper asks for it).
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{
		Registry:          m.Registry, // counts its own scrape errors
		EnableOpenMetrics: true,
	})
}

// Loaded adds to the load counters: what one batch wrote, or the inputs
// that failed.
func (m *Metrics) Loaded(articles, entities, edges, failures int) {
	m.loadArticles.Add(float64(articles))
	m.loadEntities.Add(float64(entities))
	m.loadEdges.Add(float64(edges))
	m.loadFailures.Add(float64(failures))
}

// operationName matches what a GraphQL name may be; longer names are cut
// off by the length bound too.
var operationName = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]{0,63}$`)

// operationLabel returns the label an operation's name is counted under:
// "anonymous" without a name, the name while it is among the first
// MaxOperations, "other" after.
func (m *Metrics) operationLabel(name string) string {
	if name == "" {
		return "anonymous"
	}
	if !operationName.MatchString(name) {
		return "other"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ops[name] {
		return name
	}
	if len(m.ops) >= MaxOperations {
		return "other"
	}
	m.ops[name] = true
	return name
}
