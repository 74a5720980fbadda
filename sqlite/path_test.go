package sqlite_test

import (
	"fmt"
	"path/filepath"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/sqlite"
)

// TestPathHubCacheSeesWrites runs Path with every entity treated as a hub,
// so that the search reads neighbours from the store's cache, then adds an
// edge that makes a shorter walk and asks again: once through the same
// store, once through a second store on the same file, as another process
// loading articles would. The cache must never answer with the graph as it
// was.
func TestPathHubCacheSeesWrites(t *testing.T) {
	t.Cleanup(sqlite.ForceHubPlans())
	state := func(i int) string { return kg.EntityID(kg.State, fmt.Sprintf("State %d", i)) }
	edge := func(a, b int) kg.Edge {
		return kg.Edge{ID: kg.EdgeID(kg.AlliedWith, state(a), state(b), ""), Type: kg.AlliedWith, From: state(a), To: state(b)}
	}
	// A chain of five states: 0 – 1 – 2 – 3 – 4.
	b := &kg.Batch{}
	for i := range 5 {
		b.Entities = append(b.Entities, kg.Entity{ID: state(i), Kind: kg.State, Name: fmt.Sprintf("State %d", i)})
	}
	for i := range 4 {
		b.Edges = append(b.Edges, edge(i, i+1))
	}
	path := filepath.Join(t.TempDir(), "kg.db")
	s, other := mustOpenPath(t, path), mustOpenPath(t, path)
	if err := s.Put(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	walk := func(from, to int) []string {
		t.Helper()
		p, err := s.Path(t.Context(), kg.PathQuery{From: state(from), To: state(to)})
		if err != nil {
			t.Fatalf("Path from %d to %d: %v", from, to, err)
		}
		out := []string{p.Steps[0].From.ID}
		for _, st := range p.Steps {
			out = append(out, st.To.ID)
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		writer *sqlite.Store
		add    kg.Edge
		from   int
		want   []string
	}{
		{"before", nil, kg.Edge{}, 0, []string{state(0), state(1), state(2), state(3), state(4)}},
		{"after a write through the same store", s, edge(1, 4), 0, []string{state(0), state(1), state(4)}},
		{"after a write through another store on the file", other, edge(0, 4), 0, []string{state(0), state(4)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.writer != nil {
				if err := tc.writer.Put(t.Context(), &kg.Batch{Edges: []kg.Edge{tc.add}}); err != nil {
					t.Fatal(err)
				}
			}
			if diff := gocmp.Diff(tc.want, walk(tc.from, 4)); diff != "" {
				t.Errorf("walk (-want +got):\n%s", diff)
			}
			// Again, now that the cache holds this graph's neighbours.
			if diff := gocmp.Diff(tc.want, walk(tc.from, 4)); diff != "" {
				t.Errorf("second walk (-want +got):\n%s", diff)
			}
		})
	}
}
