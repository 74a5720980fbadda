package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/sqlite"
)

// The benchmarks run on a generated graph of benchEdges() edges: 100,000 by
// default, DIPLOGRAPH_BENCH_EDGES=1000000 for the size the project's
// targets are set at. The graph is built once per process, in a temporary
// file that TestMain removes.
//
//	go test ./sqlite -run '^$' -bench . -benchtime 2000x
//	DIPLOGRAPH_BENCH_EDGES=1000000 go test ./sqlite -run '^$' -bench . -benchtime 2000x -timeout 1h
//
// Query benchmarks report p50 and p99 latencies besides the mean.

func benchEdges(tb testing.TB) int {
	v := os.Getenv("DIPLOGRAPH_BENCH_EDGES")
	if v == "" {
		return 100_000
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1000 {
		tb.Fatalf("DIPLOGRAPH_BENCH_EDGES=%q: want a number of edges, at least 1000", v)
	}
	return n
}

var benchTmp string

func TestMain(m *testing.M) {
	code := m.Run()
	if benchTmp != "" {
		os.RemoveAll(benchTmp)
	}
	os.Exit(code)
}

// graph is a generated diplomatic graph: states (a few of them hubs, as
// real coverage has them), people holding offices, places, treaties, and
// dated events with their participants, place and subject.
type graph struct {
	entities []kg.Entity
	edges    []kg.Edge
	people   []string
	states   []string // states[0] is the largest hub
	nodes    []string // entities that have at least one edge
}

func generate(nEdges int, seed uint64) *graph {
	r := rand.New(rand.NewPCG(seed, 0))
	g := &graph{}
	add := func(e kg.Entity) string {
		e.ID = kg.EntityID(e.Kind, e.Name)
		g.entities = append(g.entities, e)
		return e.ID
	}
	link := func(t kg.EdgeType, from, to string, date kg.Date) {
		g.edges = append(g.edges, kg.Edge{ID: kg.EdgeID(t, from, to, ""), Type: t, From: from, To: to, Date: date,
			Evidence: []kg.Evidence{{Article: "article:gen", Sentence: len(g.edges), Quote: "Generated."}}})
	}
	day := func() kg.Date {
		return kg.DayOf(time.Date(1945, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(80*365)))
	}

	nStates, nPeople, nPlaces, nTreaties := 200, max(50, nEdges/20), max(20, nEdges/500), max(10, nEdges/100)
	for i := range nStates {
		g.states = append(g.states, add(kg.Entity{Kind: kg.State, Name: fmt.Sprintf("State %03d", i)}))
	}
	// Coverage is skewed: a few states appear in most stories.
	zipf := rand.NewZipf(r, 1.2, 2, uint64(nStates-1))
	state := func() string { return g.states[zipf.Uint64()] }
	var places, treaties []string
	for i := range nPlaces {
		places = append(places, add(kg.Entity{Kind: kg.Place, Name: fmt.Sprintf("City %05d", i)}))
		link(kg.LocatedIn, places[i], state(), kg.Date{})
	}
	for i := range nPeople {
		g.people = append(g.people, add(kg.Entity{Kind: kg.Person, Name: fmt.Sprintf("Minister %06d", i)}))
		d := day()
		link(kg.HoldsOffice, g.people[i], state(), kg.Month(d.YearNum(), time.Month(1+r.IntN(12))))
	}
	for i := range nTreaties {
		d := day()
		treaties = append(treaties, add(kg.Entity{Kind: kg.Treaty, Name: fmt.Sprintf("Treaty %05d", i), Date: d, Status: kg.Signed}))
		a, b := state(), state()
		link(kg.PartyTo, a, treaties[i], d)
		if b != a {
			link(kg.PartyTo, b, treaties[i], d)
		}
		link(kg.SignedEdge, g.people[r.IntN(nPeople)], treaties[i], d)
	}
	for i := 0; len(g.edges) < nEdges; i++ {
		d := day()
		ev := add(kg.Entity{Kind: kg.Event, Name: fmt.Sprintf("Meeting %07d", i), EventType: kg.EventTypes[r.IntN(len(kg.EventTypes))],
			Status: kg.Occurred, Date: d})
		link(kg.HeldIn, ev, places[r.IntN(nPlaces)], d)
		seen := map[string]bool{}
		for range 2 + r.IntN(3) {
			p := g.people[r.IntN(nPeople)]
			if r.IntN(4) == 0 {
				p = state()
			}
			if !seen[p] {
				seen[p] = true
				link(kg.ParticipatedIn, p, ev, d)
			}
		}
		if r.IntN(2) == 0 {
			link(kg.Concerns, ev, treaties[r.IntN(nTreaties)], d)
		}
	}
	g.edges = g.edges[:nEdges]
	has := map[string]bool{}
	for _, e := range g.edges {
		has[e.From], has[e.To] = true, true
	}
	for _, e := range g.entities {
		if has[e.ID] {
			g.nodes = append(g.nodes, e.ID)
		}
	}
	return g
}

// load puts g into s: the entities, then the edges 10,000 at a time.
func (g *graph) load(ctx context.Context, s kg.Store) error {
	if err := s.Put(ctx, &kg.Batch{Articles: []kg.Article{{ID: "article:gen", Title: "Generated"}}, Entities: g.entities}); err != nil {
		return err
	}
	for e := range slices.Chunk(g.edges, 10_000) {
		if err := s.Put(ctx, &kg.Batch{Edges: e}); err != nil {
			return err
		}
	}
	return nil
}

var (
	benchOnce  sync.Once
	benchStore *sqlite.Store
	benchGraph *graph
	benchErr   error
)

// loadedGraph returns the shared generated store, building it on first use.
func loadedGraph(b *testing.B) (*sqlite.Store, *graph) {
	b.Helper()
	benchOnce.Do(func() {
		n := benchEdges(b)
		benchGraph = generate(n, 1956)
		path := os.Getenv("DIPLOGRAPH_BENCH_DB")
		if path == "" {
			if benchTmp, benchErr = os.MkdirTemp("", "diplograph-bench-"); benchErr != nil {
				return
			}
			path = filepath.Join(benchTmp, "kg.db")
		}
		ctx := context.Background()
		if benchStore, benchErr = sqlite.Open(ctx, path); benchErr != nil {
			return
		}
		var st kg.Stats
		if st, benchErr = benchStore.Stats(ctx); benchErr != nil {
			return
		}
		switch st.Edges {
		case n:
			return // a kept database of the same size
		case 0:
		default:
			benchErr = fmt.Errorf("%s holds %d edges, not %d: remove it or change DIPLOGRAPH_BENCH_EDGES", path, st.Edges, n)
			return
		}
		start := time.Now()
		benchErr = benchGraph.load(ctx, benchStore)
		fmt.Fprintf(os.Stderr, "generated graph: %d entities, %d edges, loaded in %v\n",
			len(benchGraph.entities), len(benchGraph.edges), time.Since(start).Round(time.Millisecond))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchStore, benchGraph
}

// latencies records each iteration's time and reports percentiles.
type latencies []time.Duration

func (l *latencies) time(f func()) {
	t := time.Now()
	f()
	*l = append(*l, time.Since(t))
}

func (l latencies) report(b *testing.B) {
	if len(l) == 0 {
		return
	}
	slices.Sort(l)
	b.ReportMetric(float64(l[len(l)/2].Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(l[len(l)*99/100].Nanoseconds()), "p99-ns")
}

// BenchmarkPut measures one Put of a batch of 10,000 edges with their
// entities: into an empty store, and again into a store that holds it (the
// merge path a re-run of the loader takes).
func BenchmarkPut(b *testing.B) {
	const n = 10_000
	g := generate(n, 2019)
	batch := &kg.Batch{Articles: []kg.Article{{ID: "article:gen", Title: "Generated"}}, Entities: g.entities, Edges: g.edges}
	ctx := context.Background()
	b.Run(fmt.Sprintf("new/edges=%d", n), func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			s, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "kg.db"))
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if err := s.Put(ctx, batch); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			s.Close()
			b.StartTimer()
		}
		b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "edges/s")
	})
	b.Run(fmt.Sprintf("again/edges=%d", n), func(b *testing.B) {
		s := mustOpen(b)
		if err := s.Put(ctx, batch); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if err := s.Put(ctx, batch); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkEdgesPage measures the first page of 20 edges, with its count,
// of a random entity, of the largest hub, and of a random entity within a
// date window; and the tenth page of the hub, which a keyset cursor makes
// as cheap as the first.
func BenchmarkEdgesPage(b *testing.B) {
	s, g := loadedGraph(b)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(1, 2))
	run := func(name string, q func() kg.EdgeQuery) {
		b.Run(fmt.Sprintf("%s/edges=%d", name, len(g.edges)), func(b *testing.B) {
			var lat latencies
			for b.Loop() {
				qq := q()
				lat.time(func() {
					if _, err := s.Edges(ctx, qq); err != nil {
						b.Fatal(err)
					}
				})
			}
			lat.report(b)
		})
	}
	run("random", func() kg.EdgeQuery { return kg.EdgeQuery{Entity: g.nodes[r.IntN(len(g.nodes))]} })
	run("random-window", func() kg.EdgeQuery {
		return kg.EdgeQuery{Entity: g.nodes[r.IntN(len(g.nodes))], From: kg.Year(1990), To: kg.Year(1999)}
	})
	run("hub", func() kg.EdgeQuery { return kg.EdgeQuery{Entity: g.states[0]} })
	run("hub-one-type", func() kg.EdgeQuery { return kg.EdgeQuery{Entity: g.states[0], Types: []kg.EdgeType{kg.PartyTo}} })

	hub := kg.EdgeQuery{Entity: g.states[0]}
	for range 9 {
		p, err := s.Edges(ctx, hub)
		if err != nil {
			b.Fatal(err)
		}
		hub.After = p.Cursors[len(p.Cursors)-1]
	}
	run("hub-page-10", func() kg.EdgeQuery { return hub })
}

// BenchmarkEvents measures a page of events in a random month, and the
// events of a random person and of the largest hub.
func BenchmarkEvents(b *testing.B) {
	s, g := loadedGraph(b)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(3, 4))
	run := func(name string, q func() kg.EventQuery) {
		b.Run(fmt.Sprintf("%s/edges=%d", name, len(g.edges)), func(b *testing.B) {
			var lat latencies
			for b.Loop() {
				qq := q()
				lat.time(func() {
					if _, err := s.Events(ctx, qq); err != nil {
						b.Fatal(err)
					}
				})
			}
			lat.report(b)
		})
	}
	month := func() kg.Date { return kg.Month(1945+r.IntN(80), time.Month(1+r.IntN(12))) }
	run("month", func() kg.EventQuery { m := month(); return kg.EventQuery{From: m, To: m} })
	run("from", func() kg.EventQuery { return kg.EventQuery{From: month()} })
	run("person", func() kg.EventQuery { return kg.EventQuery{Entity: g.people[r.IntN(len(g.people))]} })
	run("hub-decade", func() kg.EventQuery {
		return kg.EventQuery{Entity: g.states[0], From: kg.Year(1990), To: kg.Year(1999)}
	})
}

// BenchmarkPath measures shortest paths of at most 4 hops between random
// people: most are joined within 4 hops through shared states; the rest
// exhaust the search, which is the slow case.
func BenchmarkPath(b *testing.B) {
	s, g := loadedGraph(b)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(5, 6))
	b.Run(fmt.Sprintf("4-hops/edges=%d", len(g.edges)), func(b *testing.B) {
		var lat latencies
		found := 0
		for b.Loop() {
			q := kg.PathQuery{From: g.people[r.IntN(len(g.people))], To: g.people[r.IntN(len(g.people))], MaxHops: 4}
			lat.time(func() {
				_, err := s.Path(ctx, q)
				switch kg.ErrorCode(err) {
				case "":
					found++
				case kg.ENOTFOUND:
				default:
					b.Fatal(err)
				}
			})
		}
		lat.report(b)
		b.ReportMetric(float64(found)/float64(b.N), "found/op")
	})
}

// BenchmarkSearch measures a search for one word shared by many names.
func BenchmarkSearch(b *testing.B) {
	s, g := loadedGraph(b)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(7, 8))
	b.Run(fmt.Sprintf("name/edges=%d", len(g.edges)), func(b *testing.B) {
		var lat latencies
		for b.Loop() {
			q := kg.SearchQuery{Text: fmt.Sprintf("minister %06d", r.IntN(len(g.people)))}
			lat.time(func() {
				if _, err := s.Search(ctx, q); err != nil {
					b.Fatal(err)
				}
			})
		}
		lat.report(b)
	})
}
