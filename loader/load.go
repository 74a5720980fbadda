package loader

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/read"
)

// DefaultBatchSize is how many entities and edges go into one store
// transaction: large enough that transaction overhead is small, small
// enough that a failed batch loses little and memory stays flat.
const DefaultBatchSize = 5000

// Summary counts what a load did.
type Summary struct {
	Articles int // articles written
	Entities int // entity records written (before merging across articles)
	Edges    int // edge records written
	Failures []read.Failure
	// Undated lists articles without a publication date, whose relative
	// dates ("yesterday") were left out.
	Undated []string
}

// Loader extracts articles and writes them to a store in batches.
type Loader struct {
	Store     kg.Store
	Reader    read.Reader
	BatchSize int          // 0 means DefaultBatchSize
	Log       *slog.Logger // nil means slog.Default()
	// Progress, when set, is called with the counts so far after every
	// article extracted and every batch written, from one goroutine: the
	// hook of progress bars, log lines and metrics. It must not block.
	Progress func(Progress)
}

// Progress counts what a load has done so far.
type Progress struct {
	Extracted int // articles extracted, written or not yet
	// Articles, Entities and Edges count what was written, as Summary does.
	Articles, Entities, Edges int
}

// Load reads, extracts and writes every article under paths. Unreadable
// inputs are reported in the summary and skipped. A store error stops the
// load and is returned; batches already written stay written, and since
// writes are idempotent the same load can simply be run again.
func (l *Loader) Load(ctx context.Context, paths []string) (Summary, error) {
	log := l.Log
	if log == nil {
		log = slog.Default()
	}
	size := l.BatchSize
	if size <= 0 {
		size = DefaultBatchSize
	}
	var sum Summary
	extracted := 0
	progress := func() {
		if l.Progress != nil {
			l.Progress(Progress{Extracted: extracted, Articles: sum.Articles, Entities: sum.Entities, Edges: sum.Edges})
		}
	}
	b := newBatcher()
	flush := func() error {
		if b.len() == 0 {
			return nil
		}
		batch := b.batch()
		if err := l.Store.Put(ctx, batch); err != nil {
			return fmt.Errorf("write batch of %d articles: %w", len(batch.Articles), err)
		}
		for _, a := range batch.Articles {
			if !strings.HasPrefix(a.ID, kg.ReferencePrefix) {
				sum.Articles++ // reference datasets are written, but not counted as loaded articles
			}
		}
		sum.Entities += len(batch.Entities)
		sum.Edges += len(batch.Edges)
		b = newBatcher()
		progress()
		return nil
	}
	fails, err := ExtractAll(ctx, &l.Reader, paths, func(r *Result) error {
		if r.Article.Published.IsZero() {
			sum.Undated = append(sum.Undated, r.Article.Source)
		}
		b.add(r)
		extracted++
		if b.len() >= size {
			return flush()
		}
		progress()
		return nil
	})
	if err == nil {
		err = flush()
	}
	sum.Failures = fails
	for _, f := range fails {
		log.WarnContext(ctx, "article skipped", "path", f.Path, "reason", f.Reason)
	}
	return sum, err
}

// batcher merges extraction results into one kg.Batch, folding records of
// the same entity or edge from different articles together so that a
// batch never holds one id twice.
type batcher struct {
	articles []kg.Article
	entities map[string]*kg.Entity
	edges    map[string]*kg.Edge
	entOrder []string
	edgOrder []string
}

func newBatcher() *batcher {
	return &batcher{entities: map[string]*kg.Entity{}, edges: map[string]*kg.Edge{}}
}

func (b *batcher) add(r *Result) {
	b.articles = append(b.articles, r.Article)
	for _, ref := range r.References {
		if !slices.ContainsFunc(b.articles, func(a kg.Article) bool { return a.ID == ref.ID }) {
			b.articles = append(b.articles, ref)
		}
	}
	for i := range r.Entities {
		b.entOrder = mergeInto(b.entities, b.entOrder, r.Entities[i].ID, r.Entities[i], kg.MergeEntity)
	}
	for i := range r.Edges {
		b.edgOrder = mergeInto(b.edges, b.edgOrder, r.Edges[i].ID, r.Edges[i], kg.MergeEdge)
	}
}

// mergeInto stores v under id, or merges it into the value already there;
// it returns order with id appended when id is new.
func mergeInto[T any](m map[string]*T, order []string, id string, v T, merge func(dst, src *T)) []string {
	if old, ok := m[id]; ok {
		merge(old, &v)
		return order
	}
	m[id] = &v
	return append(order, id)
}

func (b *batcher) len() int { return len(b.articles) + len(b.entities) + len(b.edges) }

func (b *batcher) batch() *kg.Batch {
	out := &kg.Batch{Articles: b.articles}
	for _, id := range b.entOrder {
		out.Entities = append(out.Entities, *b.entities[id])
	}
	for _, id := range b.edgOrder {
		out.Edges = append(out.Edges, *b.edges[id])
	}
	return out
}
