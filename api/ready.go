package api

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// Readiness is the part of /readyz's answer that is not the store: whether
// the server is draining for shutdown. Main calls Drain when it starts to
// shut down, so that a load balancer stops sending new requests while the
// ones in flight finish.
type Readiness struct {
	draining atomic.Bool
}

// Drain marks the server as shutting down: /readyz answers 503 from now on.
func (r *Readiness) Drain() { r.draining.Store(true) }

// Draining reports whether Drain was called.
func (r *Readiness) Draining() bool { return r != nil && r.draining.Load() }

// ReadyTimeout bounds the store check of one /readyz request: a probe
// that hangs tells a load balancer less than a quick 503.
const ReadyTimeout = 2 * time.Second

// readyHandler answers /readyz: 200 "ready" when the store answers a
// Ping within ReadyTimeout and the server is not draining, else 503 with
// the reason. It is the readiness probe; /healthz is the liveness probe.
type readyHandler struct {
	store kg.Store
	r     *Readiness
	// down remembers whether the last check failed, so that the log says
	// when the store goes away and when it is back, not every probe.
	down atomic.Bool
}

func newReadyHandler(store kg.Store, r *Readiness) *readyHandler {
	return &readyHandler{store: store, r: r}
}

func (h *readyHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if h.r.Draining() {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), ReadyTimeout)
	defer cancel()
	if err := h.store.Ping(ctx); err != nil {
		if !h.down.Swap(true) {
			slog.WarnContext(ctx, "not ready: the store does not answer", "err", err)
		}
		http.Error(w, "store unavailable", http.StatusServiceUnavailable)
		return
	}
	if h.down.Swap(false) {
		slog.InfoContext(ctx, "ready: the store answers again")
	}
	io.WriteString(w, "ready\n")
}
