package neo4j_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/kg/storetest"
	"github.com/diplograph/diplograph/neo4j"
	"github.com/diplograph/diplograph/neo4j/neo4jtest"
	"github.com/diplograph/diplograph/sqlite"
)

// importInto writes batches as import files, imports them with the test
// server's neo4j-admin into a new home, starts a server on it and opens a
// store there, as a user following README's steps would.
func importInto(t *testing.T, batches ...*kg.Batch) *neo4j.Store {
	t.Helper()
	dir := t.TempDir()
	files := filepath.Join(dir, "import")
	w, err := neo4j.NewImportWriter(files)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range batches {
		if err := w.Add(b); err != nil {
			t.Fatal(err)
		}
	}
	res, err := w.Close()
	if err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(dir, "neo4j")
	out := neo4jtest.Import(t, home, res.Args...)
	t.Logf("neo4j-admin: %s", lastLines(out, 6))
	srv := neo4jtest.StartServer(t, home)
	s, err := neo4j.Open(context.Background(), srv.Config) // constraints and indexes, on open
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// TestImportReads imports the conformance suite's fixture with
// neo4j-admin and runs the suite's read checks on the database: a bulk
// import reads as a load through Put does.
func TestImportReads(t *testing.T) {
	s := importInto(t, storetest.Fixture())
	storetest.RunReads(t, s)
}

// TestImportValues imports values that CSV and lists make hard (quotes,
// commas, newlines, the array delimiter, empty strings, attributes,
// reference evidence, an edge loaded twice) and compares every entity,
// edge and article with a SQLite store that got the same batches by Put.
func TestImportValues(t *testing.T) {
	d := kg.MustParseDate
	art := kg.ArticleID("tricky")
	ev := func(i int, q string) kg.Evidence {
		return kg.Evidence{Article: art, Sentence: i, Quote: q, Start: i * 10, End: i*10 + len(q)}
	}
	a := kg.Entity{ID: kg.EntityID(kg.Person, `Jean "Le Grand" Dupont`), Kind: kg.Person, Name: `Jean "Le Grand" Dupont`,
		Aliases: []string{"Dupont, Jean", "J.; Dupont", "Dupont\nJean", "Du\x1fpont", " leading space"},
		Attrs:   map[string]string{"role": "Minister, of \"Things\"", "state": "France"}}
	b := kg.Entity{ID: kg.EntityID(kg.State, "France"), Kind: kg.State, Name: "France", Attrs: map[string]string{"iso3": "FRA"}}
	e := kg.Entity{ID: kg.EntityID(kg.Event, "Meeting in Paris"), Kind: kg.Event, Name: "Meeting in Paris",
		EventType: kg.Meeting, Status: kg.Occurred, Date: d("1975-03"), End: d("1977"), Attrs: map[string]string{"cameo": "040"}}
	old := kg.Entity{ID: kg.EntityID(kg.Event, "The century"), Kind: kg.Event, Name: "The century", Date: d("190X"), End: d("199X")}
	edges := []kg.Edge{
		{ID: kg.EdgeID(kg.HoldsOffice, a.ID, b.ID, "Minister"), Type: kg.HoldsOffice, From: a.ID, To: b.ID, Role: "Minister, \"acting\"",
			Date: d("1975"), Status: kg.Occurred, Evidence: []kg.Evidence{ev(0, "He said: \"yes\", then\nleft."), ev(1, "")}},
		{ID: kg.EdgeID(kg.ParticipatedIn, a.ID, e.ID, ""), Type: kg.ParticipatedIn, From: a.ID, To: e.ID, Date: d("1975-03-02"),
			Evidence: []kg.Evidence{ev(2, "a;b,c\x1fd")}},
		{ID: kg.EdgeID(kg.ParticipatedIn, b.ID, e.ID, ""), Type: kg.ParticipatedIn, From: b.ID, To: e.ID},
		{ID: kg.EdgeID(kg.Mentions, art, b.ID, ""), Type: kg.Mentions, From: art, To: b.ID},
		{ID: kg.EdgeID(kg.LocatedIn, b.ID, b.ID, ""), Type: kg.LocatedIn, From: b.ID, To: b.ID}, // a self-loop
	}
	again := edges[0]
	again.Evidence = []kg.Evidence{ev(3, "Again.")}
	batches := []*kg.Batch{
		{Articles: []kg.Article{{ID: art, Title: "Tricky, \"quoted\"", Text: "Line one.\n\nLine \"two\", with a comma.", Published: d("1975-03-03"), URL: "https://example.org/a?b=c,d"}},
			Entities: []kg.Entity{a, b, e, old}, Edges: edges},
		{Edges: []kg.Edge{again}, Entities: []kg.Entity{{ID: a.ID, Kind: kg.Person, Name: a.Name, Aliases: []string{"Jean Dupont"}}}},
	}
	imported := importInto(t, batches...)
	ref, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "ref.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	for _, b := range batches {
		if err := ref.Put(t.Context(), b); err != nil {
			t.Fatal(err)
		}
	}
	opts := gocmp.Options{
		gocmp.Transformer("TIMEX", func(d kg.Date) string { return d.String() }),
		cmpopts.EquateEmpty(),
		cmpopts.SortSlices(func(x, y string) bool { return x < y }),
	}
	ids := []string{a.ID, b.ID, e.ID, old.ID}
	want, err := ref.Entities(t.Context(), ids)
	if err != nil {
		t.Fatal(err)
	}
	got, err := imported.Entities(t.Context(), ids)
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff(want, got, opts); diff != "" {
		t.Errorf("entities (-Put into SQLite +imported):\n%s", diff)
	}
	for _, x := range edges {
		we, err := ref.Edge(t.Context(), x.ID)
		if err != nil {
			t.Fatal(err)
		}
		ge, err := imported.Edge(t.Context(), x.ID)
		if err != nil {
			t.Fatalf("edge %s: %v", x.ID, err)
		}
		if diff := gocmp.Diff(we, ge, opts); diff != "" {
			t.Errorf("edge %s (-Put into SQLite +imported):\n%s", x.ID, diff)
		}
	}
	wa, _ := ref.Article(t.Context(), art)
	ga, err := imported.Article(t.Context(), art)
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff(wa, ga, opts); diff != "" {
		t.Errorf("article (-Put into SQLite +imported):\n%s", diff)
	}
	// The long-span event and the short one are found by their windows;
	// the article's mentions and the search come from the indexes Open built.
	for _, w := range []struct{ from, to string }{{"1950", "1950"}, {"1976-06", "1976-06"}} {
		evs, err := imported.Events(t.Context(), kg.EventQuery{From: d(w.from), To: d(w.to)})
		if err != nil {
			t.Fatal(err)
		}
		wantEvs, _ := ref.Events(t.Context(), kg.EventQuery{From: d(w.from), To: d(w.to)})
		if diff := gocmp.Diff(wantEvs, evs, opts); diff != "" {
			t.Errorf("events %s..%s (-Put into SQLite +imported):\n%s", w.from, w.to, diff)
		}
	}
	ms, err := imported.Mentions(t.Context(), []string{art})
	if err != nil {
		t.Fatal(err)
	}
	wantMs, _ := ref.Mentions(t.Context(), []string{art})
	if diff := gocmp.Diff(wantMs, ms); diff != "" {
		t.Errorf("mentions (-Put into SQLite +imported):\n%s", diff)
	}
	found, err := imported.Search(t.Context(), kg.SearchQuery{Text: "le grand"})
	if err != nil || len(found) != 1 || found[0].ID != a.ID {
		t.Errorf("search for a quoted name: %v, %v", found, err)
	}
	// A Put of the same batches into the imported database changes
	// nothing: what the import wrote is what Put writes.
	before := mustStats(t, imported)
	for _, b := range batches {
		if err := imported.Put(t.Context(), b); err != nil {
			t.Fatal(err)
		}
	}
	if diff := gocmp.Diff(before, mustStats(t, imported)); diff != "" {
		t.Errorf("stats after putting the batches again (-before +after):\n%s", diff)
	}
	got2, _ := imported.Entities(t.Context(), ids)
	if diff := gocmp.Diff(got, got2, opts); diff != "" {
		t.Errorf("entities after putting the batches again (-before +after):\n%s", diff)
	}
}

func mustStats(t *testing.T, s kg.Store) kg.Stats {
	t.Helper()
	st, err := s.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestImportWriterRefuses checks what the writer refuses before any file
// reaches neo4j-admin: an edge to nothing, an id of two kinds.
func TestImportWriterRefuses(t *testing.T) {
	tests := []struct {
		name string
		b    *kg.Batch
		code string
	}{
		{"dangling edge", &kg.Batch{Entities: []kg.Entity{{ID: "state:a", Kind: kg.State, Name: "A"}},
			Edges: []kg.Edge{{ID: "edge:x", Type: kg.AlliedWith, From: "state:a", To: "state:b"}}}, kg.EINVALID},
		{"two kinds", &kg.Batch{Entities: []kg.Entity{{ID: "state:a", Kind: kg.State, Name: "A"}, {ID: "state:a", Kind: kg.Place, Name: "A"}}}, kg.ECONFLICT},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, err := neo4j.NewImportWriter(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			err = w.Add(tc.b)
			if err == nil {
				_, err = w.Close()
			}
			if got := kg.ErrorCode(err); got != tc.code {
				t.Errorf("error %v, want %s", err, tc.code)
			}
		})
	}
}
