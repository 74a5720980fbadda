package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/loader/gdelt"
)

// loadInputs loads paths into s: the GDELT event exports among them
// (package gdelt: files named *.export.CSV, and those in directories)
// first, then the articles, through a loader.Loader. Progress goes to
// rep, counted over both. The summary counts both; the GDELT summary
// says what its rows became.
func (m *Main) loadInputs(ctx context.Context, s kg.Store, inputs []string, rep *loadReporter) (loader.Summary, gdelt.Summary, error) {
	var sum loader.Summary
	exports, paths, err := gdelt.Split(inputs)
	if err != nil {
		return sum, gdelt.Summary{}, err
	}
	var base loader.Progress // what the GDELT rows wrote, under the articles' progress
	gr := &gdelt.Reader{BatchEvents: max(1, m.BatchSize/3)}
	gsum, fails, err := gr.Read(ctx, exports, func(b *kg.Batch) error {
		if err := s.Put(ctx, b); err != nil {
			return fmt.Errorf("write batch of GDELT rows: %w", err)
		}
		for _, e := range b.Entities {
			if e.Kind == kg.Event {
				base.Extracted++ // the rows' events, as articles count for the article loader
			}
		}
		base.Articles += len(b.Articles)
		base.Entities += len(b.Entities)
		base.Edges += len(b.Edges)
		rep.update(loader.Progress{Extracted: base.Extracted, Articles: base.Articles, Entities: base.Entities, Edges: base.Edges})
		return nil
	})
	sum.Articles, sum.Entities, sum.Edges, sum.Failures = base.Articles, base.Entities, base.Edges, fails
	if err != nil || len(paths) == 0 {
		return sum, gsum, err
	}
	// The summary names every failure; the loader's own warning for each
	// would print them twice.
	l := &loader.Loader{Store: s, Reader: m.reader(), BatchSize: m.BatchSize, Log: slog.New(slog.DiscardHandler), Progress: func(p loader.Progress) {
		rep.update(loader.Progress{Extracted: base.Extracted + p.Extracted, Articles: base.Articles + p.Articles,
			Entities: base.Entities + p.Entities, Edges: base.Edges + p.Edges})
	}}
	asum, err := l.Load(ctx, paths)
	asum.Articles += sum.Articles
	asum.Entities += sum.Entities
	asum.Edges += sum.Edges
	asum.Failures = append(sum.Failures, asum.Failures...)
	return asum, gsum, err
}

// printGDELT says what the GDELT rows became, when there were any.
func (m *Main) printGDELT(g gdelt.Summary) {
	if g.Rows > 0 {
		fmt.Fprintf(m.Stdout, "read %d GDELT rows: %d events; %d rows without a state or organization among their actors skipped\n",
			g.Rows, g.Events, g.Skipped)
	}
}
