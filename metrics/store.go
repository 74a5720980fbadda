package metrics

import (
	"context"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// Store returns s with every call counted and timed, by method and
// result. It changes nothing else: errors, values and concurrency are s's,
// and a store that keeps a curation log (kg.CurationStore) still does.
func (m *Metrics) Store(s kg.Store) kg.Store {
	w := &store{s: s, m: m}
	if cs, ok := s.(kg.CurationStore); ok {
		return &curationStore{store: w, cs: cs}
	}
	return w
}

// store is a kg.Store that reports its calls to Metrics.
type store struct {
	s kg.Store
	m *Metrics
}

var _ kg.Store = (*store)(nil)

// observe records one call of method that started at start and ended
// with err.
func (w *store) observe(method string, start time.Time, err error) {
	w.m.storeDuration.WithLabelValues(method).Observe(time.Since(start).Seconds())
	result := "ok"
	if err != nil {
		result = kg.ErrorCode(err)
	}
	w.m.storeCalls.WithLabelValues(method, result).Inc()
}

func (w *store) Put(ctx context.Context, b *kg.Batch) error {
	start := time.Now()
	err := w.s.Put(ctx, b)
	w.observe("Put", start, err)
	return err
}

func (w *store) Entity(ctx context.Context, id string) (*kg.Entity, error) {
	start := time.Now()
	e, err := w.s.Entity(ctx, id)
	w.observe("Entity", start, err)
	return e, err
}

func (w *store) Entities(ctx context.Context, ids []string) ([]*kg.Entity, error) {
	start := time.Now()
	es, err := w.s.Entities(ctx, ids)
	w.observe("Entities", start, err)
	return es, err
}

func (w *store) Search(ctx context.Context, q kg.SearchQuery) ([]*kg.Entity, error) {
	start := time.Now()
	es, err := w.s.Search(ctx, q)
	w.observe("Search", start, err)
	return es, err
}

func (w *store) SearchPage(ctx context.Context, q kg.SearchQuery) (*kg.EntityPage, error) {
	start := time.Now()
	p, err := w.s.SearchPage(ctx, q)
	w.observe("SearchPage", start, err)
	return p, err
}

func (w *store) Mentions(ctx context.Context, articles []string) ([][]kg.Mention, error) {
	start := time.Now()
	ms, err := w.s.Mentions(ctx, articles)
	w.observe("Mentions", start, err)
	return ms, err
}

func (w *store) Edges(ctx context.Context, q kg.EdgeQuery) (*kg.EdgePage, error) {
	start := time.Now()
	p, err := w.s.Edges(ctx, q)
	w.observe("Edges", start, err)
	return p, err
}

func (w *store) Edge(ctx context.Context, id string) (*kg.Edge, error) {
	start := time.Now()
	e, err := w.s.Edge(ctx, id)
	w.observe("Edge", start, err)
	return e, err
}

func (w *store) EdgesBatch(ctx context.Context, qs []kg.EdgeQuery) ([]*kg.EdgePage, error) {
	start := time.Now()
	ps, err := w.s.EdgesBatch(ctx, qs)
	w.observe("EdgesBatch", start, err)
	return ps, err
}

func (w *store) Events(ctx context.Context, q kg.EventQuery) ([]*kg.Entity, error) {
	start := time.Now()
	es, err := w.s.Events(ctx, q)
	w.observe("Events", start, err)
	return es, err
}

func (w *store) CountEvents(ctx context.Context, q kg.EventQuery) (int, error) {
	start := time.Now()
	n, err := w.s.CountEvents(ctx, q)
	w.observe("CountEvents", start, err)
	return n, err
}

func (w *store) Path(ctx context.Context, q kg.PathQuery) (*kg.Path, error) {
	start := time.Now()
	p, err := w.s.Path(ctx, q)
	w.observe("Path", start, err)
	return p, err
}

func (w *store) Article(ctx context.Context, id string) (*kg.Article, error) {
	start := time.Now()
	a, err := w.s.Article(ctx, id)
	w.observe("Article", start, err)
	return a, err
}

func (w *store) Articles(ctx context.Context, ids []string) ([]*kg.Article, error) {
	start := time.Now()
	as, err := w.s.Articles(ctx, ids)
	w.observe("Articles", start, err)
	return as, err
}

func (w *store) Stats(ctx context.Context) (kg.Stats, error) {
	start := time.Now()
	st, err := w.s.Stats(ctx)
	w.observe("Stats", start, err)
	return st, err
}

func (w *store) Close() error { return w.s.Close() }

func (w *store) Ping(ctx context.Context) error {
	start := time.Now()
	err := w.s.Ping(ctx)
	w.observe("Ping", start, err)
	return err
}

func (w *store) EntityEdges(ctx context.Context, q kg.EdgeQuery) (*kg.Entity, *kg.EdgePage, error) {
	start := time.Now()
	e, p, err := w.s.EntityEdges(ctx, q)
	w.observe("EntityEdges", start, err)
	return e, p, err
}

func (w *store) EventsEdges(ctx context.Context, q kg.EventQuery, eq kg.EdgeQuery) ([]*kg.Entity, []*kg.EdgePage, error) {
	start := time.Now()
	es, ps, err := w.s.EventsEdges(ctx, q, eq)
	w.observe("EventsEdges", start, err)
	return es, ps, err
}

func (w *store) Neighborhood(ctx context.Context, q kg.NeighborhoodQuery) (*kg.Subgraph, error) {
	start := time.Now()
	g, err := w.s.Neighborhood(ctx, q)
	w.observe("Neighborhood", start, err)
	return g, err
}
