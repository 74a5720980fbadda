package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/metrics"
)

// This file holds what operating diplograph needs beside its commands:
// metrics, the lifecycle log lines, the shutdown and the progress of
// loads. server.go calls into it.

// DefaultShutdownTimeout is how long serve waits for requests in flight
// when it is told to stop: as long as a request may take (the GraphQL
// deadline is 30 s), so that none is cut off.
const DefaultShutdownTimeout = 30 * time.Second

// instrument returns s counted by the process's metrics, which it makes on
// first use, and passed through the test hook wrapStore when set.
func (m *Main) instrument(s kg.Store) kg.Store {
	if m.wrapStore != nil {
		s = m.wrapStore(s)
	}
	return m.metrics().Store(s)
}

// metrics returns the process's metrics, made on first use.
func (m *Main) metrics() *metrics.Metrics {
	if m.met == nil {
		m.met = metrics.New()
	}
	return m.met
}

// serveMetrics serves /metrics on a listener of its own at
// m.MetricsAddr, when set, and returns a function that stops it.
func (m *Main) serveMetrics() (stop func(), err error) {
	if m.MetricsAddr == "" {
		return func() {}, nil
	}
	ln, err := net.Listen("tcp", m.MetricsAddr)
	if err != nil {
		return nil, fmt.Errorf("metrics: listen on %s: %w", m.MetricsAddr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.metrics().Handler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	slog.Info("serving metrics", "url", "http://"+ln.Addr().String()+"/metrics")
	if m.metricsReady != nil {
		m.metricsReady <- ln.Addr().String()
	}
	return func() { srv.Close() }, nil
}

// stopReason says why a command ended: its error, the signal or
// cancellation that stopped it, or that it was done.
func stopReason(ctx context.Context, err error) string {
	switch {
	case err != nil && ctx.Err() == nil:
		return "error: " + err.Error()
	case ctx.Err() != nil:
		if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.Canceled) {
			return cause.Error() // "interrupt signal received", from signal.NotifyContext
		}
		return "cancelled"
	}
	return "done"
}

// shutdown stops srv after ctx is done: /readyz says 503 at once, so that
// load balancers stop sending requests; after ShutdownDelay (time for
// them to notice) the listener closes and the requests in flight finish,
// for at most ShutdownTimeout, after which the rest are cut off and
// shutdown says how many.
func (m *Main) shutdown(ctx context.Context, srv *http.Server, inFlight func() int) error {
	m.readiness.Drain()
	slog.Info("shutting down: finishing requests in flight", "reason", stopReason(ctx, nil),
		"in_flight", inFlight(), "delay", m.ShutdownDelay, "timeout", m.ShutdownTimeout)
	if m.ShutdownDelay > 0 {
		time.Sleep(m.ShutdownDelay)
	}
	timeout := m.ShutdownTimeout
	if timeout <= 0 {
		timeout = DefaultShutdownTimeout
	}
	sctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		left := inFlight()
		srv.Close()
		return fmt.Errorf("shutdown: %d requests still running after %s were cut off: %w", left, timeout, err)
	}
	return nil
}

// countInFlight wraps h so that the returned function tells how many
// requests it is answering.
func countInFlight(h http.Handler) (http.Handler, func() int) {
	n := new(atomic.Int64)
	count := func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		defer n.Add(-1)
		h.ServeHTTP(w, r)
	}
	return http.HandlerFunc(count), func() int { return int(n.Load()) }
}

// isTerminal reports whether w is a terminal, where a progress bar can
// redraw itself; anything else (a file, a pipe, a journal) gets log lines.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// DefaultProgressEvery is how often a load that does not write to a
// terminal logs its progress.
const DefaultProgressEvery = 10 * time.Second

// loadReporter shows a load's progress: a bar on a terminal (redrawn at
// most ten times a second), a log line every interval otherwise; and it
// adds what was written to the load metrics.
type loadReporter struct {
	bar   *progressbar.ProgressBar
	log   *slog.Logger
	every time.Duration
	start time.Time
	last  time.Time
	met   *metrics.Metrics
	prev  loader.Progress
	cur   loader.Progress
}

// newLoadReporter reports to w: with a bar when bar is set, else with log
// lines every interval.
func newLoadReporter(w io.Writer, bar bool, every time.Duration, met *metrics.Metrics) *loadReporter {
	now := time.Now()
	r := &loadReporter{met: met, start: now, last: now, every: every}
	if r.every <= 0 {
		r.every = DefaultProgressEvery
	}
	if bar {
		// -1: the number of articles is not known before they are read
		// (a JSON Lines file holds any number), so the bar is a spinner
		// with the count and the rate.
		r.bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("extracting"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("articles"),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSpinnerType(14),
			progressbar.OptionShowDescriptionAtLineEnd(),
			progressbar.OptionClearOnFinish(),
		)
	} else {
		r.log = slog.New(slog.NewTextHandler(w, nil))
	}
	return r
}

// update takes the counts so far (loader.Loader.Progress).
func (r *loadReporter) update(p loader.Progress) {
	r.cur = p
	if r.met != nil {
		r.met.Loaded(p.Articles-r.prev.Articles, p.Entities-r.prev.Entities, p.Edges-r.prev.Edges, 0)
	}
	r.prev = p
	if r.bar != nil {
		r.bar.Describe(fmt.Sprintf("written: %d articles, %d entities, %d edges", p.Articles, p.Entities, p.Edges))
		r.bar.Set(p.Extracted)
		return
	}
	if r.log == nil {
		return // counted only (the bundled articles serve loads)
	}
	if now := time.Now(); now.Sub(r.last) >= r.every {
		r.last = now
		r.logLine("load progress", p)
	}
}

func (r *loadReporter) logLine(msg string, p loader.Progress, extra ...any) {
	secs := time.Since(r.start).Seconds()
	args := []any{"extracted", p.Extracted, "articles", p.Articles, "entities", p.Entities, "edges", p.Edges,
		"elapsed", time.Since(r.start).Round(time.Second)}
	if secs > 0 {
		args = append(args, "articles_per_s", fmt.Sprintf("%.1f", float64(p.Extracted)/secs))
	}
	r.log.Info(msg, append(args, extra...)...)
}

// finish ends the bar or logs the last line, and counts the failures.
func (r *loadReporter) finish(failures int) {
	if r.met != nil {
		r.met.Loaded(0, 0, 0, failures)
	}
	switch {
	case r.bar != nil:
		r.bar.Finish()
		return
	case r.log == nil:
		return
	}
	r.logLine("load finished", r.cur, "failures", failures)
}
