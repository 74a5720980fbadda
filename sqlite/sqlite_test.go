package sqlite_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/kg/storetest"
	"github.com/diplograph/diplograph/sqlite"
)

// mustOpen opens a store in a new file under a temporary directory.
func mustOpen(tb testing.TB) *sqlite.Store {
	tb.Helper()
	return mustOpenPath(tb, filepath.Join(tb.TempDir(), "kg.db"))
}

func mustOpenPath(tb testing.TB, path string) *sqlite.Store {
	tb.Helper()
	s, err := sqlite.Open(tb.Context(), path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) kg.Store { return mustOpen(t) })
}

// TestStoreHubPlans runs the suite again with every entity treated as a
// hub: pages of edges read as one ordered range per type, events of an
// entity found by walking the window. The suite's small entities would
// otherwise never reach these plans.
func TestStoreHubPlans(t *testing.T) {
	t.Cleanup(sqlite.ForceHubPlans())
	storetest.Run(t, func(t *testing.T) kg.Store { return mustOpen(t) })
}

// Data survives closing and reopening the file.
func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested", "dir", "kg.db") // parents are created
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	lavrov := kg.Entity{ID: kg.EntityID(kg.Person, "Sergey Lavrov"), Kind: kg.Person, Name: "Sergey Lavrov",
		Aliases: []string{"Сергей Лавров"}, Attrs: map[string]string{"role": "Foreign Minister"}}
	if err := s.Put(t.Context(), &kg.Batch{Entities: []kg.Entity{lavrov}}); err != nil {
		t.Fatal(err)
	}
	wantStats, err := s.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); err != nil {
		t.Errorf("no write-ahead log beside the database: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = mustOpenPath(t, path)
	got, err := s.Entity(t.Context(), lavrov.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff(&lavrov, got, gocmp.Transformer("TIMEX", kg.Date.String)); diff != "" {
		t.Errorf("entity after reopening (-want +got):\n%s", diff)
	}
	gotStats, err := s.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff(wantStats, gotStats); diff != "" {
		t.Errorf("Stats after reopening (-want +got):\n%s", diff)
	}
	found, err := s.Search(t.Context(), kg.SearchQuery{Text: "лавров"})
	if err != nil || len(found) != 1 {
		t.Errorf("Search after reopening = %v, %v; want Lavrov", found, err)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notDB, []byte("The 1956 Joint Declaration ended the state of war between Japan and the Soviet Union.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
	}{
		{"empty path", ""},
		{"directory", dir},
		{"not a database", notDB},
		{"parent is a file", filepath.Join(notDB, "kg.db")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := sqlite.Open(t.Context(), tc.path)
			if err == nil {
				s.Close()
				t.Fatalf("Open(%q) succeeded, want an error", tc.path)
			}
			t.Logf("Open(%q): %v", tc.path, err)
		})
	}
	// Other SQLite databases are refused too, and left as they were: one of
	// another program, and one of a later diplograph.
	other := filepath.Join(dir, "other.db")
	newer := filepath.Join(dir, "newer.db")
	for path, setup := range map[string]string{
		other: `CREATE TABLE treaties (name TEXT); INSERT INTO treaties VALUES ('Treaty of San Francisco')`,
		newer: `PRAGMA application_id = 1685089383; PRAGMA user_version = 99`, // "dplg"
	} {
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(setup); err != nil {
			t.Fatal(err)
		}
		db.Close()
		if s, err := sqlite.Open(t.Context(), path); err == nil {
			s.Close()
			t.Errorf("Open(%s) succeeded, want an error", filepath.Base(path))
		} else {
			t.Logf("Open(%s): %v", filepath.Base(path), err)
		}
	}
	db, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var tables int
	var mode string
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_schema`).Scan(&tables); err != nil || tables != 1 {
		t.Errorf("the other program's database now has %d tables (%v), want its 1", tables, err)
	}
	if err := db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "delete" {
		t.Errorf("the other program's database is now in journal mode %q (%v), want delete", mode, err)
	}

	// The refused file is left as it was.
	b, err := os.ReadFile(notDB)
	if err != nil || len(b) == 0 || b[0] != 'T' {
		t.Errorf("not-a-database file changed: %q, %v", b, err)
	}
}

// A file of schema version 1 (before evidence was indexed by article, and
// before the curation log of version 3) is upgraded on open and keeps its data; Mentions then reads the new index.
func TestUpgradeFromVersion1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kg.db")
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	article := kg.ArticleID("upgrade")
	japan, kuril := kg.EntityID(kg.State, "Japan"), kg.EntityID(kg.Place, "Kuril Islands")
	b := &kg.Batch{
		Articles: []kg.Article{{ID: article, Title: "Upgrade"}},
		Entities: []kg.Entity{{ID: japan, Kind: kg.State, Name: "Japan"}, {ID: kuril, Kind: kg.Place, Name: "Kuril Islands"}},
		Edges: []kg.Edge{{ID: kg.EdgeID(kg.Claims, japan, kuril, ""), Type: kg.Claims, From: japan, To: kuril,
			Evidence: []kg.Evidence{{Article: article, Sentence: 2, Quote: "Japan claims the islands."}}}},
	}
	if err := s.Put(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	// Version 1 had neither the index nor the curation tables (version 3).
	if _, err := db.Exec(`DROP INDEX evidence_by_article; DROP TABLE curations; DROP TABLE curation_subjects;
		DROP TABLE curation_rules; DROP TABLE changes; DELETE FROM meta WHERE key IN ('curation_version', 'edge_removals');
		PRAGMA user_version = 1`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s = mustOpenPath(t, path)
	got, err := s.Mentions(t.Context(), []string{article})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]kg.Mention{{{Entity: kuril, Sentence: 2}, {Entity: japan, Sentence: 2}}} // by id: place: before state:
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("Mentions after the upgrade (-want +got):\n%s", diff)
	}
	db, err = sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var version, indexes int
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil || version != 3 {
		t.Errorf("user_version after the upgrade = %d (%v), want 3", version, err)
	}
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name IN ('curations', 'changes')`).Scan(&indexes); err != nil || indexes != 2 {
		t.Errorf("curation tables after the upgrade: %d (%v), want 2", indexes, err)
	}
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'evidence_by_article'`).Scan(&indexes); err != nil || indexes != 1 {
		t.Errorf("evidence_by_article after the upgrade: %d (%v), want 1", indexes, err)
	}
}

// Reads that run at once, more of them than the read pool has connections,
// each with statements not prepared yet, all finish: preparing a statement
// must not wait for a connection while a transaction holds one.
func TestConcurrentReadsFinish(t *testing.T) {
	s := mustOpen(t)
	japan, russia := kg.EntityID(kg.State, "Japan"), kg.EntityID(kg.State, "Russia")
	b := &kg.Batch{Entities: []kg.Entity{{ID: japan, Kind: kg.State, Name: "Japan"}, {ID: russia, Kind: kg.State, Name: "Russia"}}}
	for _, typ := range kg.EdgeTypes[:10] {
		b.Edges = append(b.Edges, kg.Edge{ID: kg.EdgeID(typ, japan, russia, ""), Type: typ, From: japan, To: russia})
	}
	if err := s.Put(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Every goroutine asks for a different number of types, and
			// so runs statements of its own text.
			types := kg.EdgeTypes[:1+i%len(kg.EdgeTypes)]
			dirs := []kg.Direction{kg.Out, kg.In, kg.Both}
			_, err := s.EdgesBatch(ctx, []kg.EdgeQuery{{Entity: japan, Types: types, Direction: dirs[i%3]}, {Entity: russia, Types: types}})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("EdgesBatch: %v", err)
		}
	}
}
