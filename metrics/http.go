package metrics

import (
	"bufio"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Route returns the label a request path is counted under: one of the
// server's routes, "page" for the browser pages and their assets, or
// "other" (so that scanners asking for a thousand paths make one series,
// not a thousand).
func Route(path string) string {
	switch path {
	case "/graphql", "/healthz", "/readyz", "/metrics", "/export/timeline.json", "/export/graph.graphml":
		return path
	case "/", "/timeline", "/explore":
		return "page"
	}
	if strings.HasPrefix(path, "/assets/") {
		return "page"
	}
	if strings.HasPrefix(path, "/debug/pprof/") {
		return "/debug/pprof/"
	}
	return "other"
}

// HTTP wraps next so that every request is counted by route and status
// code, and timed by route.
func (m *Metrics) HTTP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		m.httpInFlight.Inc()
		defer m.httpInFlight.Dec()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			route := Route(r.URL.Path)
			m.httpDuration.WithLabelValues(route).Observe(time.Since(start).Seconds())
			m.httpRequests.WithLabelValues(route, strconv.Itoa(sw.status())).Inc()
		}()
		next.ServeHTTP(sw, r)
	})
}

// statusWriter remembers the status code of an answer.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the connection's own writer
// (flushing, deadlines).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Flush passes a flush on: server-sent events (gqlgen's SSE transport asks
// the writer for http.Flusher itself) stream through it.
func (w *statusWriter) Flush() {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	_ = http.NewResponseController(w.ResponseWriter).Flush()
}

// Hijack passes a hijack on: a graphql-ws websocket takes the connection
// over through it (the status is then 101, Switching Protocols).
func (w *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	if w.code == 0 {
		w.code = http.StatusSwitchingProtocols
	}
	return http.NewResponseController(w.ResponseWriter).Hijack()
}

func (w *statusWriter) status() int {
	if w.code == 0 {
		return http.StatusOK // nothing written: net/http sends 200
	}
	return w.code
}
