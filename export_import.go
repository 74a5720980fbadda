package main

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/neo4j"
)

// exportImportCommand writes import files for neo4j-admin instead of
// loading a store (README: Bulk import).
const exportImportCommand = "export-neo4j-import"

// importStore is the store a load writes to when it writes import files:
// each batch goes to the ImportWriter, merged as Put would merge it. A
// load calls nothing else of a store.
type importStore struct {
	kg.Store // nil: any other call is a bug, and panics
	w        *neo4j.ImportWriter
}

func (s importStore) Put(_ context.Context, b *kg.Batch) error { return s.w.Add(b) }

// exportNeo4jImport extracts the articles of m.Paths[1:] as load does and
// writes the graph into m.Paths[0] as CSV files for neo4j-admin database
// import full, with the arguments file, and says how to import them.
func (m *Main) exportNeo4jImport(ctx context.Context) error {
	dir, paths := m.Paths[0], m.Paths[1:]
	w, err := neo4j.NewImportWriter(dir)
	if err != nil {
		return err
	}
	rep := newLoadReporter(m.Stderr, isTerminal(m.Stderr), m.progressEvery, nil)
	start := time.Now()
	sum, gsum, err := m.loadInputs(ctx, importStore{w: w}, paths, rep)
	rep.finish(len(sum.Failures))
	m.printGDELT(gsum)
	if err != nil {
		return fmt.Errorf("%s: %w", exportImportCommand, err)
	}
	if sum.Articles == 0 && len(sum.Failures) > 0 {
		return fmt.Errorf("no article could be read")
	}
	res, err := w.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", exportImportCommand, err)
	}
	args, _ := filepath.Abs(filepath.Join(dir, neo4j.ImportArgsFile))
	fmt.Fprintf(m.Stdout, "wrote %d articles, %d entities, %d edges to %s in %s; %d failures\n",
		res.Articles, res.Entities, res.Edges, dir, time.Since(start).Round(time.Millisecond), len(sum.Failures))
	for i, f := range sum.Failures {
		if i == 20 {
			fmt.Fprintf(m.Stdout, "  … and %d more failures\n", len(sum.Failures)-20)
			break
		}
		fmt.Fprintf(m.Stdout, "  failed: %s\n", f)
	}
	fmt.Fprintf(m.Stdout, `Import them into the database of a stopped Neo4j (which they replace), then start it:
  neo4j-admin database import full neo4j @%s --overwrite-destination
diplograph serve --store neo4j then creates the constraints and indexes when it opens the database.
`, args)
	return nil
}
