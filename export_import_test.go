package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/neo4j"
	"github.com/diplograph/diplograph/neo4j/neo4jtest"
)

// TestExportNeo4jImport runs README's bulk import steps on the bundled
// articles: export-neo4j-import, neo4j-admin with the arguments file, a
// server on the imported database, and diplograph on it. The imported
// graph must be the graph a load into SQLite makes of the same articles.
func TestExportNeo4jImport(t *testing.T) {
	dir := t.TempDir()
	files := filepath.Join(dir, "import")
	var out bytes.Buffer
	m := NewMain()
	if err := m.ParseFlags([]string{exportImportCommand, files, "examples/articles"}); err != nil {
		t.Fatal(err)
	}
	m.Stdout, m.Stderr = &out, io.Discard
	if err := m.Run(t.Context()); err != nil {
		t.Fatalf("%s: %v\n%s", exportImportCommand, err, out.String())
	}
	if !strings.Contains(out.String(), "neo4j-admin database import full neo4j @"+filepath.Join(files, neo4j.ImportArgsFile)) {
		t.Errorf("the output does not say how to import:\n%s", out.String())
	}
	raw, err := os.ReadFile(filepath.Join(files, neo4j.ImportArgsFile))
	if err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(dir, "neo4j")
	neo4jtest.Import(t, home, strings.Fields(string(raw))...)
	srv := neo4jtest.StartServer(t, home)

	// What a load of the same articles into SQLite holds.
	ref := NewMain()
	if err := ref.ParseFlags([]string{"load", "--db", filepath.Join(dir, "ref.db"), "examples/articles"}); err != nil {
		t.Fatal(err)
	}
	ref.Stdout, ref.Stderr = io.Discard, io.Discard
	if err := ref.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	defer ref.Close()

	t.Setenv("NEO4J_USERNAME", srv.Config.Username)
	t.Setenv("NEO4J_PASSWORD", srv.Config.Password)
	t.Setenv("NEO4J_DATABASE", srv.Config.Database)
	imp := NewMain()
	if err := imp.ParseFlags([]string{"load", "--store", "neo4j", "--neo4j-uri", srv.Config.URI, "-"}); err != nil {
		t.Fatal(err)
	}
	if err := imp.openStore(context.Background()); err != nil { // constraints and indexes, on open
		t.Fatal(err)
	}
	defer imp.Close()

	want, err := ref.store.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	got, err := imp.store.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("stats (-load into SQLite +imported):\n%s", diff)
	}
	for _, text := range []string{"declaration", "security treaty", "lavrov"} {
		w, err := ref.store.Search(t.Context(), kg.SearchQuery{Text: text, First: 50})
		if err != nil {
			t.Fatal(err)
		}
		g, err := imp.store.Search(t.Context(), kg.SearchQuery{Text: text, First: 50})
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(entityIDsOf(w), entityIDsOf(g)); diff != "" {
			t.Errorf("search %q (-SQLite +imported):\n%s", text, diff)
		}
	}
}

func entityIDsOf(es []*kg.Entity) []string {
	var ids []string
	for _, e := range es {
		ids = append(ids, e.ID)
	}
	return ids
}

// TestExportNeo4jImportFlags checks the command's arguments.
func TestExportNeo4jImportFlags(t *testing.T) {
	for _, args := range [][]string{{exportImportCommand}, {exportImportCommand, "dir"}} {
		if err := NewMain().ParseFlags(args); err == nil {
			t.Errorf("ParseFlags(%q) accepted", args)
		}
	}
}
