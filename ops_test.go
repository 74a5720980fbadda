package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/neo4j/neo4jtest"
)

// faultyStore is a store whose Ping fails while down is set, and whose
// Search waits for release once block is set, telling entered when it
// starts waiting.
type faultyStore struct {
	kg.Store
	down    atomic.Bool
	block   atomic.Bool
	entered chan struct{}
	release chan struct{}
}

func newFaultyStore() *faultyStore {
	return &faultyStore{entered: make(chan struct{}, 10), release: make(chan struct{})}
}

func (s *faultyStore) Ping(ctx context.Context) error {
	if s.down.Load() {
		return errors.New("store is down (test)")
	}
	return s.Store.Ping(ctx)
}

func (s *faultyStore) SearchPage(ctx context.Context, q kg.SearchQuery) (*kg.EntityPage, error) {
	if s.block.Load() {
		s.entered <- struct{}{}
		<-s.release
	}
	return s.Store.SearchPage(ctx, q)
}

func (s *faultyStore) Search(ctx context.Context, q kg.SearchQuery) ([]*kg.Entity, error) {
	p, err := s.SearchPage(ctx, q)
	if err != nil {
		return nil, err
	}
	return p.Entities, nil
}

// runServer starts serve like startServer, with the store wrapped by
// wrap, and returns its base URL, a function that stops it (as a signal
// would) and the channel that gets Run's result.
func runServer(t *testing.T, wrap func(kg.Store) kg.Store, flags ...string) (base string, stop func(), done <-chan error) {
	t.Helper()
	m := NewMain()
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--db", filepath.Join(t.TempDir(), "ops.db")}, flags...)
	if err := m.ParseFlags(args); err != nil {
		t.Fatal(err)
	}
	m.wrapStore = wrap
	ready := make(chan string, 1)
	m.ready = ready
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- m.Run(ctx); m.Close() }()
	t.Cleanup(cancel)
	select {
	case addr := <-ready:
		return "http://" + addr, cancel, errc
	case err := <-errc:
		t.Fatalf("server did not start: %v", err)
	case <-time.After(90 * time.Second):
		t.Fatal("server did not start within 90s")
	}
	return "", nil, nil
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// waitFor polls f until it returns true, for at most d.
func waitFor(t *testing.T, d time.Duration, what string, f func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !f() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s", what, d)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestMetricsScrape serves the bundled articles, asks some questions, and
// scrapes /metrics as Prometheus would: it must parse as the text format
// and hold the request, error, store and load series.
func TestMetricsScrape(t *testing.T) {
	base, _, _ := runServer(t, nil)
	postQuery(t, base, `query Find { search(text: "declaration") { id } }`, nil)
	postQuery(t, base, `{ entity(id: "state:japan") { name } }`, nil)
	postQuery(t, base, `query Bad { timeline(first: -1) { id } }`, nil) // below 0: EINVALID
	get(t, base+"/healthz")

	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/metrics: %d", resp.StatusCode)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("/metrics does not parse as Prometheus text: %v", err)
	}
	tests := []struct {
		family string
		labels map[string]string
		min    float64
	}{
		{"diplograph_graphql_requests_total", map[string]string{"operation": "Find", "class": "search", "outcome": "ok"}, 1},
		{"diplograph_graphql_requests_total", map[string]string{"operation": "anonymous", "class": "lookup", "outcome": "ok"}, 1},
		{"diplograph_graphql_request_duration_seconds", map[string]string{"operation": "Find", "class": "search"}, 1},
		{"diplograph_graphql_errors_total", map[string]string{"code": "EINVALID"}, 1},
		{"diplograph_store_calls_total", map[string]string{"method": "Search", "result": "ok"}, 1},
		{"diplograph_store_call_duration_seconds", map[string]string{"method": "Put"}, 1},
		{"diplograph_http_requests_total", map[string]string{"route": "/healthz", "code": "200"}, 1},
		{"diplograph_load_articles_total", map[string]string{}, 5}, // the bundled articles
		{"diplograph_load_edges_total", map[string]string{}, 100},
	}
	for _, tc := range tests {
		got, ok := seriesValue(fams, tc.family, tc.labels)
		if !ok || got < tc.min {
			t.Errorf("%s%v = %v (present %v), want at least %v", tc.family, tc.labels, got, ok, tc.min)
		}
	}
}

// seriesValue returns a counter's value or a histogram's count.
func seriesValue(fams map[string]*dto.MetricFamily, name string, labels map[string]string) (float64, bool) {
	f := fams[name]
	if f == nil {
		return 0, false
	}
next:
	for _, m := range f.Metric {
		if len(m.Label) != len(labels) {
			continue
		}
		for _, l := range m.Label {
			if labels[l.GetName()] != l.GetValue() {
				continue next
			}
		}
		if m.Histogram != nil {
			return float64(m.Histogram.GetSampleCount()), true
		}
		return m.Counter.GetValue(), true
	}
	return 0, false
}

// TestMetricsAddr moves /metrics to a listener of its own.
func TestMetricsAddr(t *testing.T) {
	m := NewMain()
	if err := m.ParseFlags([]string{"serve", "--addr", "127.0.0.1:0", "--metrics-addr", "127.0.0.1:0", "--db", filepath.Join(t.TempDir(), "m.db")}); err != nil {
		t.Fatal(err)
	}
	ready, metricsReady := make(chan string, 1), make(chan string, 1)
	m.ready, m.metricsReady = ready, metricsReady
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx); m.Close() }()
	defer func() { cancel(); <-done }()
	maddr := <-metricsReady
	addr := <-ready
	if code, _ := get(t, "http://"+addr+"/metrics"); code != http.StatusNotFound {
		t.Errorf("/metrics on --addr: %d, want 404 when --metrics-addr is set", code)
	}
	if code, body := get(t, "http://"+maddr+"/metrics"); code != http.StatusOK || !strings.Contains(body, "diplograph_load_articles_total") {
		t.Errorf("/metrics on --metrics-addr: %d %.200s", code, body)
	}
}

// TestReadyzSQLite: /readyz follows the store's Ping, /healthz does not.
// An embedded SQLite file has no "down" of its own, so the test makes its
// Ping fail, then mends it.
func TestReadyzSQLite(t *testing.T) {
	fs := newFaultyStore()
	base, _, _ := runServer(t, func(s kg.Store) kg.Store { fs.Store = s; return fs })
	steps := []struct {
		name        string
		down        bool
		ready, live int
	}{
		{"up", false, 200, 200},
		{"down", true, 503, 200},
		{"recovered", false, 200, 200},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			fs.down.Store(st.down)
			if code, body := get(t, base+"/readyz"); code != st.ready {
				t.Errorf("/readyz = %d %q, want %d", code, body, st.ready)
			}
			if code, _ := get(t, base+"/healthz"); code != st.live {
				t.Errorf("/healthz = %d, want %d", code, st.live)
			}
		})
	}
}

// TestReadyzNeo4j stops a Neo4j of the test's own under a running server:
// /readyz fails while it is down and recovers when it is back on the same
// port, with no restart of diplograph.
func TestReadyzNeo4j(t *testing.T) {
	srv := neo4jtest.StartServer(t, filepath.Join(t.TempDir(), "neo4j"))
	srv.SamePort(t)
	t.Setenv("NEO4J_USERNAME", srv.Config.Username)
	t.Setenv("NEO4J_PASSWORD", srv.Config.Password)
	t.Setenv("NEO4J_DATABASE", srv.Config.Database)
	base, _, _ := runServer(t, nil, "--store", "neo4j", "--neo4j-uri", srv.Config.URI, "--seed=false")
	if code, body := get(t, base+"/readyz"); code != 200 {
		t.Fatalf("/readyz with Neo4j up = %d %q", code, body)
	}
	srv.Stop(t)
	waitFor(t, 30*time.Second, "/readyz says 503 while Neo4j is down", func() bool {
		code, _ := get(t, base+"/readyz")
		return code == http.StatusServiceUnavailable
	})
	if code, _ := get(t, base+"/healthz"); code != 200 {
		t.Errorf("/healthz while Neo4j is down = %d, want 200 (liveness does not ask the store)", code)
	}
	srv.Start(t)
	waitFor(t, 60*time.Second, "/readyz recovers once Neo4j is back", func() bool {
		code, _ := get(t, base+"/readyz")
		return code == http.StatusOK
	})
	if code, out := postQuery(t, base, `{ stats { entities } }`, nil); code != 200 || len(out.Errors) > 0 {
		t.Errorf("a query after Neo4j came back: %d %+v", code, out.Errors)
	}
}

// TestGracefulShutdown stops the server while a request is in flight: the
// request finishes with its answer, /readyz says 503 during the drain
// delay while /healthz still answers, and Run returns without error.
func TestGracefulShutdown(t *testing.T) {
	fs := newFaultyStore()
	base, stop, done := runServer(t, func(s kg.Store) kg.Store { fs.Store = s; return fs }, "--shutdown-delay", "1s", "--shutdown-timeout", "20s")
	fs.block.Store(true)
	type answer struct {
		code int
		out  gqlResponse
	}
	answered := make(chan answer, 1)
	go func() {
		code, out := postQuery(t, base, `{ search(text: "declaration", kinds: [TREATY]) { name } }`, nil)
		answered <- answer{code, out}
	}()
	select {
	case <-fs.entered:
	case <-time.After(30 * time.Second):
		t.Fatal("the request never reached the store")
	}
	stop() // as SIGTERM would
	waitFor(t, 10*time.Second, "/readyz says 503 while draining", func() bool {
		code, _ := get(t, base+"/readyz")
		return code == http.StatusServiceUnavailable
	})
	if code, _ := get(t, base+"/healthz"); code != 200 {
		t.Errorf("/healthz while draining = %d, want 200", code)
	}
	select {
	case err := <-done:
		t.Fatalf("Run returned (%v) with a request in flight", err)
	case <-time.After(1500 * time.Millisecond): // past the delay: the listener is closed, the request still runs
	}
	fs.block.Store(false)
	close(fs.release)
	a := <-answered
	if a.code != 200 || len(a.out.Errors) > 0 || !strings.Contains(string(a.out.Data), "Declaration") {
		t.Errorf("the request in flight got %d %s %+v, want its answer", a.code, a.out.Data, a.out.Errors)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v, want a clean stop", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Run did not return after the last request finished")
	}
}

// TestShutdownCutsOffAfterTimeout: a request that outlives the shutdown
// timeout is cut off, and Run says so.
func TestShutdownCutsOffAfterTimeout(t *testing.T) {
	fs := newFaultyStore()
	base, stop, done := runServer(t, func(s kg.Store) kg.Store { fs.Store = s; return fs }, "--shutdown-timeout", "300ms")
	defer close(fs.release)
	fs.block.Store(true)
	go http.Post(base+"/graphql", "application/json", strings.NewReader(`{"query":"{ search(text: \"x\") { id } }"}`))
	<-fs.entered
	stop()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "1 requests still running") {
			t.Errorf("Run: %v, want the cut-off reported", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Run did not return after the shutdown timeout")
	}
}

// TestLoadProgressLines: a load whose stderr is no terminal logs its
// progress as log lines (here, on every article) and a last line with
// the totals.
func TestLoadProgressLines(t *testing.T) {
	var stderr bytes.Buffer
	m := NewMain()
	if err := m.ParseFlags([]string{"load", "--db", filepath.Join(t.TempDir(), "l.db"), "examples/articles"}); err != nil {
		t.Fatal(err)
	}
	m.Stderr, m.Stdout = &stderr, io.Discard
	m.progressEvery = time.Nanosecond
	if err := m.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	m.Close()
	var progress, finished int
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.Contains(line, `msg="load progress"`):
			progress++
		case strings.Contains(line, `msg="load finished"`):
			finished++
			for _, key := range []string{"articles=", "entities=", "edges=", "failures=0"} {
				if !strings.Contains(line, key) {
					t.Errorf("last line %q has no %s", line, key)
				}
			}
		}
	}
	if progress == 0 || finished != 1 {
		t.Errorf("%d progress lines and %d last lines, want some and one; stderr:\n%s", progress, finished, stderr.String())
	}
}

// TestProgressBarRenders draws the bar a terminal gets into a buffer.
func TestProgressBarRenders(t *testing.T) {
	var out bytes.Buffer
	r := newLoadReporter(&out, true, 0, nil)
	for i := range 5 {
		r.update(loader.Progress{Extracted: i + 1, Articles: i, Entities: 10 * i, Edges: 20 * i})
		time.Sleep(120 * time.Millisecond) // past the redraw throttle
	}
	r.finish(0)
	if !strings.Contains(out.String(), "articles") || !strings.Contains(out.String(), "edges") {
		t.Errorf("bar output %q has no counts", out.String())
	}
}

func TestStopReason(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	caused, cancelCause := context.WithCancelCause(context.Background())
	cancelCause(errors.New("terminated signal received"))
	tests := []struct {
		name string
		ctx  context.Context
		err  error
		want string
	}{
		{"done", context.Background(), nil, "done"},
		{"error", context.Background(), os.ErrNotExist, "error: file does not exist"},
		{"signal", caused, nil, "terminated signal received"},
		{"cancelled", cancelled, nil, "cancelled"},
	}
	for _, tc := range tests {
		if got := stopReason(tc.ctx, tc.err); got != tc.want {
			t.Errorf("%s: stopReason = %q, want %q", tc.name, got, tc.want)
		}
	}
}
