// Package live pushes what the store commits to the clients that
// subscribed to it. One Hub per server reads the store's change feed
// (kg.CurationStore.Changes): at once when a write of its own process
// commits (Kick), and every poll interval for the writes of other
// processes on the same store (a load run beside the server). Each change
// is offered to every subscriber whose filter it matches.
//
// A slow client never stalls anyone: writers never see the hub, and the
// hub never waits for a subscriber. Each subscriber has a buffer of
// changes; one whose buffer is full when a change comes is dropped (its
// channel closed, its subscription ended), and may subscribe again and
// read what it missed through queries. Subscriptions are limited per
// client and in all.
package live

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// Options tune a Hub; zero fields take the defaults.
type Options struct {
	// Poll is how often the feed is read for other processes' writes
	// (default 250 ms).
	Poll time.Duration
	// Buffer is how many changes a subscriber may fall behind before it is
	// dropped (default 256).
	Buffer int
	// PerClient bounds the subscriptions of one client (default 16).
	PerClient int
	// Total bounds all subscriptions (default 10,000).
	Total int
}

func (o Options) withDefaults() Options {
	if o.Poll <= 0 {
		o.Poll = 250 * time.Millisecond
	}
	if o.Buffer <= 0 {
		o.Buffer = 256
	}
	if o.PerClient <= 0 {
		o.PerClient = 16
	}
	if o.Total <= 0 {
		o.Total = 10000
	}
	return o
}

// Filter selects changes: those that touch Entity (the entity itself, or
// an edge at it), and of edges those of Types. Zero fields select all.
type Filter struct {
	Entity string
	Types  []kg.EdgeType
}

// Apply returns the part of ch that f selects, and whether anything is
// left: the edges it selects, and the entities among ch's that it does
// (with Types, an entity alone is selected only through its edges).
func (f Filter) Apply(ch kg.Change) (kg.Change, bool) {
	if f.Entity == "" && len(f.Types) == 0 {
		return ch, true
	}
	out := ch
	out.Edges, out.Entities, out.Articles = nil, nil, nil
	for _, e := range ch.Edges {
		if len(f.Types) > 0 && !slices.Contains(f.Types, e.Type) {
			continue
		}
		if f.Entity != "" && e.From != f.Entity && e.To != f.Entity {
			continue
		}
		out.Edges = append(out.Edges, e)
	}
	for _, id := range ch.Entities {
		switch {
		case f.Entity != "" && id == f.Entity && len(f.Types) == 0:
			out.Entities = append(out.Entities, id)
		case f.Entity == "" && len(f.Types) == 0:
			out.Entities = append(out.Entities, id)
		case slices.ContainsFunc(out.Edges, func(e kg.EdgeRef) bool { return e.From == id || e.To == id }):
			out.Entities = append(out.Entities, id)
		}
	}
	return out, len(out.Edges) > 0 || len(out.Entities) > 0
}

// Hub fans the change feed out to subscribers. It is safe for concurrent
// use.
type Hub struct {
	store kg.CurationStore
	opts  Options
	kick  chan struct{}

	mu        sync.Mutex
	subs      map[*sub]struct{}
	perClient map[string]int
	conns     map[string]int // open streams (websockets, event streams) by client
	last      int64
	started   bool
	dropped   int
}

type sub struct {
	client string
	filter Filter
	ch     chan kg.Change
}

// New returns a hub over store; Run makes it read the feed.
func New(store kg.CurationStore, opts Options) *Hub {
	return &Hub{store: store, opts: opts.withDefaults(), kick: make(chan struct{}, 1),
		subs: map[*sub]struct{}{}, perClient: map[string]int{}, conns: map[string]int{}}
}

// Kick makes the hub read the feed now: a write of this process committed.
// It never blocks.
func (h *Hub) Kick() {
	select {
	case h.kick <- struct{}{}:
	default:
	}
}

// Start reads where the feed is, so that subscriptions taken from now on
// get what is committed after: call it before serving, then Run. Run
// starts the hub itself when it was not.
func (h *Hub) Start(ctx context.Context) error {
	last, err := h.store.LastChange(ctx)
	if err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.started {
		h.last, h.started = last, true
	}
	return nil
}

// Run reads the feed until ctx ends, and closes every subscription when
// it returns.
func (h *Hub) Run(ctx context.Context) error {
	if err := h.Start(ctx); err != nil {
		return err
	}
	defer h.closeAll()
	t := time.NewTicker(h.opts.Poll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		case <-h.kick:
		}
		if err := h.poll(ctx); err != nil && ctx.Err() == nil {
			slog.WarnContext(ctx, "live updates: reading the change feed failed", "err", err)
		}
	}
}

// poll reads and fans out every change after the last one seen.
func (h *Hub) poll(ctx context.Context) error {
	for {
		h.mu.Lock()
		last := h.last
		n := len(h.subs)
		h.mu.Unlock()
		chs, err := h.store.Changes(ctx, last, kg.MaxChanges)
		if err != nil {
			return err
		}
		if n > 0 {
			for _, ch := range chs {
				h.publish(ch)
			}
		}
		if len(chs) > 0 {
			h.mu.Lock()
			h.last = chs[len(chs)-1].Seq
			h.mu.Unlock()
		}
		if len(chs) < kg.MaxChanges {
			return nil
		}
	}
}

// publish offers ch to every subscriber it matches, dropping those whose
// buffer is full.
func (h *Hub) publish(ch kg.Change) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		c, ok := s.filter.Apply(ch)
		if !ok {
			continue
		}
		select {
		case s.ch <- c:
		default:
			h.dropped++
			h.remove(s)
		}
	}
}

// Subscribe returns the changes after now that f selects, until ctx ends
// or the subscriber falls Buffer changes behind; the channel is closed
// then. It returns ELIMIT when client has PerClient subscriptions, or the
// hub Total, already.
func (h *Hub) Subscribe(ctx context.Context, client string, f Filter) (<-chan kg.Change, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case !h.started:
		return nil, kg.Errorf(kg.EINTERNAL, "live updates are not running")
	case len(h.subs) >= h.opts.Total:
		return nil, kg.Errorf(kg.ELIMIT, "the server has %d live subscriptions, its limit", h.opts.Total)
	case h.perClient[client] >= h.opts.PerClient:
		return nil, kg.Errorf(kg.ELIMIT, "at most %d live subscriptions per client", h.opts.PerClient)
	}
	s := &sub{client: client, filter: f, ch: make(chan kg.Change, h.opts.Buffer)}
	h.subs[s] = struct{}{}
	h.perClient[client]++
	go func() {
		<-ctx.Done()
		h.mu.Lock()
		h.remove(s)
		h.mu.Unlock()
	}()
	return s.ch, nil
}

// Admit counts a stream (a websocket or an event stream, which may carry
// subscriptions) that client opens, and refuses it when the client has
// PerClient streams open already: a client cannot hold connections
// without end by never subscribing. Call release when the stream ends.
func (h *Hub) Admit(client string) (release func(), ok bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.conns[client] >= h.opts.PerClient {
		return nil, false
	}
	h.conns[client]++
	var once sync.Once
	return func() {
		once.Do(func() {
			h.mu.Lock()
			defer h.mu.Unlock()
			if h.conns[client]--; h.conns[client] <= 0 {
				delete(h.conns, client)
			}
		})
	}, true
}

// remove ends s; h.mu is held.
func (h *Hub) remove(s *sub) {
	if _, ok := h.subs[s]; !ok {
		return
	}
	delete(h.subs, s)
	if h.perClient[s.client]--; h.perClient[s.client] <= 0 {
		delete(h.perClient, s.client)
	}
	close(s.ch)
}

func (h *Hub) closeAll() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		h.remove(s)
	}
	h.started = false
}

// Stats counts subscriptions now and subscribers dropped as too slow.
type Stats struct {
	Subscriptions int
	Dropped       int
}

// Stats returns the hub's counts.
func (h *Hub) Stats() Stats {
	h.mu.Lock()
	defer h.mu.Unlock()
	return Stats{Subscriptions: len(h.subs), Dropped: h.dropped}
}
