package metrics

import (
	"context"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// curationStore is a kg.CurationStore that reports its calls to Metrics,
// the curation log's as well as the graph's.
type curationStore struct {
	*store
	cs kg.CurationStore
}

var _ kg.CurationStore = (*curationStore)(nil)

func (w *curationStore) Curate(ctx context.Context, c *kg.Curation) (*kg.Curation, error) {
	start := time.Now()
	out, err := w.cs.Curate(ctx, c)
	w.observe("Curate", start, err)
	return out, err
}

func (w *curationStore) Curation(ctx context.Context, id string) (*kg.Curation, error) {
	start := time.Now()
	c, err := w.cs.Curation(ctx, id)
	w.observe("Curation", start, err)
	return c, err
}

func (w *curationStore) CurationLog(ctx context.Context, q kg.CurationQuery) (*kg.CurationPage, error) {
	start := time.Now()
	p, err := w.cs.CurationLog(ctx, q)
	w.observe("CurationLog", start, err)
	return p, err
}

func (w *curationStore) Rules(ctx context.Context) (*kg.Rules, error) {
	start := time.Now()
	r, err := w.cs.Rules(ctx)
	w.observe("Rules", start, err)
	return r, err
}

func (w *curationStore) ArticleEdges(ctx context.Context, article string) ([]*kg.Edge, error) {
	start := time.Now()
	es, err := w.cs.ArticleEdges(ctx, article)
	w.observe("ArticleEdges", start, err)
	return es, err
}

func (w *curationStore) Changes(ctx context.Context, after int64, limit int) ([]kg.Change, error) {
	start := time.Now()
	cs, err := w.cs.Changes(ctx, after, limit)
	w.observe("Changes", start, err)
	return cs, err
}

func (w *curationStore) LastChange(ctx context.Context) (int64, error) {
	start := time.Now()
	n, err := w.cs.LastChange(ctx)
	w.observe("LastChange", start, err)
	return n, err
}
