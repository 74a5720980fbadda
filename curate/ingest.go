package curate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/loader/read"
)

// MaxIngestArticles is the most articles one Ingest takes.
const MaxIngestArticles = 100

// IngestOptions tune Ingest.
type IngestOptions struct {
	// DryRun extracts and reports without writing anything.
	DryRun bool
	// MaxSize is the largest text or page, in bytes; 0 means
	// read.DefaultMaxFileSize, as for load.
	MaxSize int64
	// Timeout bounds the extraction of one article; 0 means
	// read.DefaultTimeout, as for load.
	Timeout time.Duration
	// Reason is the record's reason; "" says the articles were added
	// through the API.
	Reason string
}

// IngestResult is what Ingest did with one article.
type IngestResult struct {
	// Refused says why the article was not taken; the rest is then empty.
	Refused string
	Article *kg.Article
	// Entities and Edges are what extraction found in the article, as the
	// curation rules let them be written (merged ids go to survivors,
	// retracted edges are left out).
	Entities []kg.Entity
	Edges    []kg.Edge
	// NewEntities and NewEdges are the ids among them that were not
	// stored before.
	NewEntities []string
	NewEdges    []string
}

// Ingest extracts articles and writes them as a load of the same texts
// would: the same reading rules and size limit, the same extraction, the
// same merge, one batch. An article that cannot be read or extracted is
// refused on its own (IngestResult.Refused); the others are written.
// Unless opts.DryRun, the write is recorded in the curation log as an
// INGEST_ARTICLES record naming the articles, which Undo retracts. It
// returns EINVALID for no articles and ELIMIT past MaxIngestArticles.
func (s *Service) Ingest(ctx context.Context, who string, inputs []read.Input, opts IngestOptions) ([]IngestResult, *kg.Curation, error) {
	switch {
	case len(inputs) == 0:
		return nil, nil, kg.Errorf(kg.EINVALID, "no articles to ingest")
	case len(inputs) > MaxIngestArticles:
		return nil, nil, kg.Errorf(kg.ELIMIT, "at most %d articles at once, not %d", MaxIngestArticles, len(inputs))
	case who == "" && !opts.DryRun:
		return nil, nil, kg.Errorf(kg.EINVALID, "an ingest needs someone who made it")
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = read.DefaultTimeout
	}
	out := make([]IngestResult, len(inputs))
	var results []*loader.Result
	var which []int // out index of each result
	for i, in := range inputs {
		if in.Key == "" {
			in.Key = in.URL
		}
		if in.Key == "" {
			h := sha256.Sum256([]byte(in.Title + "\x00" + in.Text + "\x00" + in.HTML))
			in.Key = "api-" + hex.EncodeToString(h[:8])
		}
		if in.Source == "" {
			in.Source = "api"
		}
		doc, reason := read.ParseInput(in, opts.MaxSize)
		if reason != "" {
			out[i].Refused = reason
			continue
		}
		dctx, cancel := context.WithTimeout(ctx, timeout)
		r, err := loader.ExtractContext(dctx, doc)
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
			if errors.Is(err, context.DeadlineExceeded) {
				out[i].Refused = fmt.Sprintf("extraction took longer than %s", timeout)
				continue
			}
			return nil, nil, fmt.Errorf("ingest: extract %s: %w", in.Key, err)
		}
		results = append(results, r)
		which = append(which, i)
	}
	rules, err := s.Store.Rules(ctx)
	if err != nil {
		return nil, nil, err
	}
	var entityIDs []string
	edgeSeen := map[string]bool{}
	var edgeIDs []string
	for k, r := range results {
		res := &out[which[k]]
		a := r.Article
		res.Article = &a
		b := rules.Apply(&kg.Batch{Entities: r.Entities, Edges: r.Edges})
		res.Entities, res.Edges = b.Entities, b.Edges
		for _, e := range b.Entities {
			entityIDs = append(entityIDs, e.ID)
		}
		for _, e := range b.Edges {
			if !edgeSeen[e.ID] {
				edgeSeen[e.ID] = true
				edgeIDs = append(edgeIDs, e.ID)
			}
		}
	}
	// What is new is read before the write, so a dry run says the same.
	stored, err := s.Store.Entities(ctx, entityIDs)
	if err != nil {
		return nil, nil, err
	}
	known := map[string]bool{}
	for _, e := range stored {
		if e != nil {
			known[e.ID] = true
		}
	}
	for _, id := range edgeIDs {
		e, err := s.edgeOrNil(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		known[id] = e != nil
	}
	for k := range results {
		res := &out[which[k]]
		for _, e := range res.Entities {
			if !known[e.ID] && !slices.Contains(res.NewEntities, e.ID) {
				res.NewEntities = append(res.NewEntities, e.ID)
			}
		}
		for _, e := range res.Edges {
			if !known[e.ID] && !slices.Contains(res.NewEdges, e.ID) {
				res.NewEdges = append(res.NewEdges, e.ID)
			}
		}
	}
	if opts.DryRun || len(results) == 0 {
		return out, nil, nil
	}
	if err := s.Store.Put(ctx, loader.BatchOf(results)); err != nil {
		return nil, nil, fmt.Errorf("ingest: write %d articles: %w", len(results), err)
	}
	if s.Committed != nil {
		s.Committed()
	}
	reason := opts.Reason
	if reason == "" {
		reason = "articles added through the API"
	}
	rec, err := s.run(ctx, who, kg.OpIngestArticles, reason, func(c *kg.Curation) error {
		for k, r := range results {
			c.Subjects = append(c.Subjects, r.Article.ID)
			c.Subjects = append(c.Subjects, out[which[k]].NewEntities...)
		}
		return nil
	})
	if err != nil {
		return out, nil, fmt.Errorf("ingest: the articles are written, but not their record: %w", err)
	}
	return out, rec, nil
}
