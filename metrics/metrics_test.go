package metrics_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/google/go-cmp/cmp"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/metrics"
	"github.com/diplograph/diplograph/sqlite"
)

// scrape asks h for /metrics as Prometheus does and parses the answer
// as the Prometheus text format, failing the test if it does not parse.
func scrape(t *testing.T, h http.Handler) map[string]*dto.MetricFamily {
	t.Helper()
	req := httptest.NewRequest("GET", "/metrics", nil)
	req.Header.Set("Accept", "text/plain; version=0.0.4")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /metrics: %d %s", rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Fatalf("Content-Type %q, want the text format", ct)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(rec.Body)
	if err != nil {
		t.Fatalf("/metrics does not parse as Prometheus text: %v", err)
	}
	return fams
}

// value returns the value of the series of family name with exactly the
// given labels (a counter's or gauge's value, a histogram's count), and
// whether there is one.
func value(fams map[string]*dto.MetricFamily, name string, labels map[string]string) (float64, bool) {
	f := fams[name]
	if f == nil {
		return 0, false
	}
	for _, m := range f.Metric {
		got := map[string]string{}
		for _, l := range m.Label {
			got[l.GetName()] = l.GetValue()
		}
		if !cmp.Equal(got, labels) {
			continue
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue(), true
		case m.Gauge != nil:
			return m.Gauge.GetValue(), true
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount()), true
		}
	}
	return 0, false
}

func openStore(t *testing.T) kg.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func post(t *testing.T, h http.Handler, body string) {
	t.Helper()
	req := httptest.NewRequest("POST", "/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	io.Copy(io.Discard, rec.Body)
}

// TestScrape drives a real GraphQL handler over an instrumented SQLite
// store, then scrapes /metrics and checks that every kind of series the
// package promises is there with the right count.
func TestScrape(t *testing.T) {
	m := metrics.New()
	store := m.Store(openStore(t))
	err := store.Put(t.Context(), &kg.Batch{Entities: []kg.Entity{
		{ID: "state:japan", Kind: kg.State, Name: "Japan"},
		{ID: "state:russia", Kind: kg.State, Name: "Russia"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	m.Loaded(3, 2, 1, 4)
	m.Loaded(1, 0, 0, 0)
	h := m.HTTP(graph.NewHandler(store, graph.Options{Extensions: []graphql.HandlerExtension{m.GraphQL()}}))
	post(t, h, `{"query": "query Find { search(text: \"japan\") { id } }"}`)
	post(t, h, `{"query": "query Find { search(text: \"russia\") { id } }"}`)
	post(t, h, `{"query": "{ entity(id: \"state:japan\") { name } stats { entities } }"}`)
	post(t, h, `{"query": "query Bad { search(text: \"\") { id } }"}`)                // EINVALID from the store
	post(t, h, `{"query": "query Broken { search(text: 1 { id } }"}`)                 // does not parse
	post(t, h, `{"query": "query Unknown { nothing }"}`)                              // does not validate
	post(t, h, `{"query": "query Deep { search(text: \"x\", first: 9999) { id } }"}`) // refused by the limits

	fams := scrape(t, m.Handler())
	tests := []struct {
		name   string
		family string
		labels map[string]string
		want   float64
	}{
		{"named operation", "diplograph_graphql_requests_total", map[string]string{"operation": "Find", "class": "search", "outcome": "ok"}, 2},
		{"anonymous, mixed root fields", "diplograph_graphql_requests_total", map[string]string{"operation": "anonymous", "class": "mixed", "outcome": "ok"}, 1},
		{"store error", "diplograph_graphql_requests_total", map[string]string{"operation": "Bad", "class": "search", "outcome": "error"}, 1},
		{"parse and validation failures have no operation", "diplograph_graphql_requests_total", map[string]string{"operation": "anonymous", "class": "invalid", "outcome": "error"}, 2},
		{"refused by the limits", "diplograph_graphql_requests_total", map[string]string{"operation": "Deep", "class": "search", "outcome": "error"}, 1},
		{"latency histogram", "diplograph_graphql_request_duration_seconds", map[string]string{"operation": "Find", "class": "search"}, 2},
		{"errors by code: EINVALID", "diplograph_graphql_errors_total", map[string]string{"code": "EINVALID"}, 2},
		{"errors by code: parse", "diplograph_graphql_errors_total", map[string]string{"code": "GRAPHQL_PARSE_FAILED"}, 1},
		{"errors by code: validation", "diplograph_graphql_errors_total", map[string]string{"code": "GRAPHQL_VALIDATION_FAILED"}, 1},
		{"store calls", "diplograph_store_calls_total", map[string]string{"method": "Put", "result": "ok"}, 1},
		{"store call errors by code", "diplograph_store_calls_total", map[string]string{"method": "Search", "result": "EINVALID"}, 1},
		{"store latency", "diplograph_store_call_duration_seconds", map[string]string{"method": "Search"}, 3},
		{"store latency, entity", "diplograph_store_call_duration_seconds", map[string]string{"method": "Entity"}, 1},
		{"http by route and code", "diplograph_http_requests_total", map[string]string{"route": "/graphql", "code": "200"}, 7}, // application/json: 200 for every GraphQL answer, request errors included
		{"load articles", "diplograph_load_articles_total", map[string]string{}, 4},
		{"load entities", "diplograph_load_entities_total", map[string]string{}, 2},
		{"load edges", "diplograph_load_edges_total", map[string]string{}, 1},
		{"load failures", "diplograph_load_failures_total", map[string]string{}, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := value(fams, tc.family, tc.labels)
			if !ok {
				t.Fatalf("no series %s%v; the family has %v", tc.family, tc.labels, fams[tc.family])
			}
			if got != tc.want {
				t.Errorf("%s%v = %v, want %v", tc.family, tc.labels, got, tc.want)
			}
		})
	}
	for _, name := range []string{"go_goroutines", "process_cpu_seconds_total"} {
		if fams[name] == nil {
			t.Errorf("no %s: the runtime collectors are not registered", name)
		}
	}
}

// TestOperationNamesBounded checks that a client cannot grow the series
// without bound by naming every request anew.
func TestOperationNamesBounded(t *testing.T) {
	m := metrics.New()
	h := graph.NewHandler(m.Store(openStore(t)), graph.Options{Extensions: []graphql.HandlerExtension{m.GraphQL()}})
	for i := range metrics.MaxOperations + 20 {
		post(t, h, fmt.Sprintf(`{"query": "query Op%d { stats { entities } }"}`, i))
	}
	fams := scrape(t, m.Handler())
	ops := map[string]bool{}
	for _, s := range fams["diplograph_graphql_requests_total"].Metric {
		for _, l := range s.Label {
			if l.GetName() == "operation" {
				ops[l.GetValue()] = true
			}
		}
	}
	if len(ops) != metrics.MaxOperations+1 {
		t.Errorf("%d operation labels, want %d names and other", len(ops), metrics.MaxOperations)
	}
	if got, _ := value(fams, "diplograph_graphql_requests_total", map[string]string{"operation": "other", "class": "stats", "outcome": "ok"}); got != 20 {
		t.Errorf("other = %v, want 20", got)
	}
}

func TestFieldClass(t *testing.T) {
	tests := []struct {
		fields []string
		want   string
	}{
		{[]string{"search"}, metrics.ClassSearch},
		{[]string{"search", "searchConnection"}, metrics.ClassSearch},
		{[]string{"entity", "node"}, metrics.ClassLookup},
		{[]string{"timelineItems"}, metrics.ClassTimeline},
		{[]string{"path", "paths"}, metrics.ClassWalk},
		{[]string{"neighborhood"}, metrics.ClassNeighborhood},
		{[]string{"__schema"}, metrics.ClassIntrospection},
		{[]string{"entity", "path"}, metrics.ClassMixed},
		{[]string{"somethingNew"}, metrics.ClassOther},
		{nil, metrics.ClassInvalid},
	}
	for _, tc := range tests {
		if got := metrics.FieldClass(tc.fields); got != tc.want {
			t.Errorf("FieldClass(%q) = %q, want %q", tc.fields, got, tc.want)
		}
	}
}

func TestRoute(t *testing.T) {
	tests := map[string]string{
		"/graphql":              "/graphql",
		"/readyz":               "/readyz",
		"/":                     "page",
		"/assets/app.js":        "page",
		"/export/graph.graphml": "/export/graph.graphml",
		"/wp-admin.php":         "other",
	}
	for path, want := range tests {
		if got := metrics.Route(path); got != want {
			t.Errorf("Route(%q) = %q, want %q", path, got, want)
		}
	}
}

// TestStoreWrapperKeepsErrors checks that the instrumented store returns
// what the store returns, errors with their codes included.
func TestStoreWrapperKeepsErrors(t *testing.T) {
	s := metrics.New().Store(openStore(t))
	_, err := s.Entity(context.Background(), "state:nowhere")
	if kg.ErrorCode(err) != kg.ENOTFOUND {
		t.Errorf("Entity of an unknown id: %v, want ENOTFOUND", err)
	}
	if err := s.Ping(t.Context()); err != nil {
		t.Errorf("Ping: %v", err)
	}
}

// TestStoreWrapperKeepsCuration checks that an instrumented store that
// keeps a curation log still is a kg.CurationStore (the GraphQL mutations
// and the live hub need it), and that its calls are counted too.
func TestStoreWrapperKeepsCuration(t *testing.T) {
	m := metrics.New()
	s, ok := m.Store(openStore(t)).(kg.CurationStore)
	if !ok {
		t.Fatal("the instrumented SQLite store is not a kg.CurationStore")
	}
	if _, err := s.LastChange(t.Context()); err != nil {
		t.Fatalf("LastChange: %v", err)
	}
	if _, err := s.Curation(t.Context(), kg.CurationPrefix+"none"); kg.ErrorCode(err) != kg.ENOTFOUND {
		t.Errorf("Curation of an unknown id: %v, want ENOTFOUND", err)
	}
	fams := scrape(t, m.Handler())
	for method, result := range map[string]string{"LastChange": "ok", "Curation": "ENOTFOUND"} {
		if got, ok := value(fams, "diplograph_store_calls_total", map[string]string{"method": method, "result": result}); !ok || got != 1 {
			t.Errorf("store calls of %s (%s): %v (present %v), want 1", method, result, got, ok)
		}
	}
}

// TestHTTPStreams checks that the instrumented handler still offers what
// streams need: http.Flusher for server-sent events and http.Hijacker for
// websockets, as gqlgen's transports ask the writer for them directly.
func TestHTTPStreams(t *testing.T) {
	var flusher, hijacker bool
	h := metrics.New().HTTP(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, flusher = w.(http.Flusher)
		_, hijacker = w.(http.Hijacker)
		w.(http.Flusher).Flush()
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/graphql", nil))
	if !flusher || !hijacker {
		t.Errorf("the wrapped writer is a Flusher: %v, a Hijacker: %v; want both", flusher, hijacker)
	}
	if !rec.Flushed {
		t.Error("Flush did not reach the connection's writer")
	}
}
