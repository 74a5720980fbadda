package walk_test

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
	"github.com/diplograph/diplograph/walk"
)

// The benchmarks walk a generated graph in a SQLite store, of
// DIPLOGRAPH_BENCH_EDGES edges (20,000 by default), built once per process
// in a temporary directory that TestMain removes:
//
//	go test ./walk -run '^$' -bench . -benchtime 500x
//	DIPLOGRAPH_BENCH_EDGES=200000 go test ./walk -run '^$' -bench . -benchtime 500x
//
// They report p50 and p99 latencies besides the mean, and how often a walk
// was found or cut by the bounds.

var benchTmp string

func TestMain(m *testing.M) {
	code := m.Run()
	if benchTmp != "" {
		os.RemoveAll(benchTmp)
	}
	os.Exit(code)
}

func benchEdges(tb testing.TB) int {
	v := os.Getenv("DIPLOGRAPH_BENCH_EDGES")
	if v == "" {
		return 20_000
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1000 {
		tb.Fatalf("DIPLOGRAPH_BENCH_EDGES=%q: want a number of edges, at least 1000", v)
	}
	return n
}

// genGraph is a generated diplomatic graph: states whose coverage is skewed
// (a few are hubs, as in real news), ministers holding office in them,
// cities located in them, and dated meetings with their participants and
// city, some about treaties the states are party to.
type genGraph struct {
	batch  kg.Batch
	people []string
	events []string
}

func generate(nEdges int, seed uint64) *genGraph {
	r := rand.New(rand.NewPCG(seed, 1))
	g := &genGraph{}
	b := &g.batch
	b.Articles = []kg.Article{{ID: "article:gen", Title: "Generated"}}
	entity := func(k kg.Kind, name string, date kg.Date) string {
		e := kg.Entity{ID: kg.EntityID(k, name), Kind: k, Name: name, Date: date}
		switch k {
		case kg.Event:
			e.EventType, e.Status = kg.Meeting, kg.Occurred
		case kg.Treaty:
			e.Status = kg.Signed
		}
		b.Entities = append(b.Entities, e)
		return e.ID
	}
	link := func(t kg.EdgeType, from, to string, date kg.Date) {
		b.Edges = append(b.Edges, kg.Edge{ID: kg.EdgeID(t, from, to, ""), Type: t, From: from, To: to, Date: date})
	}
	day := func() kg.Date {
		return kg.DayOf(time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(75*365)))
	}

	nStates := 150
	states := make([]string, nStates)
	for i := range states {
		states[i] = entity(kg.State, fmt.Sprintf("Country %03d", i), kg.Date{})
	}
	zipf := rand.NewZipf(r, 1.3, 3, uint64(nStates-1))
	state := func() string { return states[zipf.Uint64()] }
	cities := make([]string, max(20, nEdges/400))
	for i := range cities {
		cities[i] = entity(kg.Place, fmt.Sprintf("Capital %05d", i), kg.Date{})
		link(kg.LocatedIn, cities[i], state(), kg.Date{}) // timeless
	}
	for i := range max(50, nEdges/25) {
		p := entity(kg.Person, fmt.Sprintf("Envoy %06d", i), kg.Date{})
		g.people = append(g.people, p)
		link(kg.HoldsOffice, p, state(), kg.Month(1950+r.IntN(75), time.Month(1+r.IntN(12))))
	}
	treaties := make([]string, max(10, nEdges/150))
	for i := range treaties {
		d := day()
		treaties[i] = entity(kg.Treaty, fmt.Sprintf("Accord %05d", i), d)
		a, c := state(), state()
		link(kg.PartyTo, a, treaties[i], d)
		if c != a {
			link(kg.PartyTo, c, treaties[i], d)
		}
	}
	for i := 0; len(b.Edges) < nEdges; i++ {
		d := day()
		ev := entity(kg.Event, fmt.Sprintf("Talks %07d", i), d)
		g.events = append(g.events, ev)
		link(kg.HeldIn, ev, cities[r.IntN(len(cities))], d)
		seen := map[string]bool{}
		for range 2 + r.IntN(3) {
			p := g.people[r.IntN(len(g.people))]
			if r.IntN(3) == 0 {
				p = state()
			}
			if !seen[p] {
				seen[p] = true
				link(kg.ParticipatedIn, p, ev, d)
			}
		}
		if r.IntN(3) == 0 {
			link(kg.Concerns, ev, treaties[r.IntN(len(treaties))], d)
		}
	}
	b.Edges = b.Edges[:nEdges]
	return g
}

var (
	benchOnce  sync.Once
	benchStore kg.Store
	benchGraph *genGraph
	benchErr   error
)

func loadedGraph(b *testing.B) (kg.Store, *genGraph) {
	b.Helper()
	benchOnce.Do(func() {
		benchGraph = generate(benchEdges(b), 1956)
		if benchTmp, benchErr = os.MkdirTemp("", "diplograph-walk-bench-"); benchErr != nil {
			return
		}
		ctx := context.Background()
		s, err := sqlite.Open(ctx, filepath.Join(benchTmp, "kg.db"))
		if err != nil {
			benchErr = err
			return
		}
		benchStore = s
		start := time.Now()
		all := benchGraph.batch
		if benchErr = s.Put(ctx, &kg.Batch{Articles: all.Articles, Entities: all.Entities}); benchErr != nil {
			return
		}
		for es := range slices.Chunk(all.Edges, 10_000) {
			if benchErr = s.Put(ctx, &kg.Batch{Edges: es}); benchErr != nil {
				return
			}
		}
		fmt.Fprintf(os.Stderr, "generated graph: %d entities, %d edges, loaded in %v\n",
			len(all.Entities), len(all.Edges), time.Since(start).Round(time.Millisecond))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchStore, benchGraph
}

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

// BenchmarkPathTimeRespecting measures time-respecting walks of at most 4
// hops between random envoys and talks, the GraphQL path query's default.
func BenchmarkPathTimeRespecting(b *testing.B) {
	s, g := loadedGraph(b)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(7, 7))
	var lat latencies
	found, cut := 0, 0
	b.ResetTimer()
	for range b.N {
		q := walk.Query{From: g.people[r.IntN(len(g.people))], To: g.events[r.IntN(len(g.events))], TimeRespecting: true}
		var err error
		lat.time(func() { _, err = walk.Path(ctx, s, q) })
		switch kg.ErrorCode(err) {
		case "":
			found++
		case kg.EINVALID:
			cut++
		case kg.ENOTFOUND:
		default:
			b.Fatal(err)
		}
	}
	lat.report(b)
	b.ReportMetric(float64(found)/float64(b.N), "found/op")
	b.ReportMetric(float64(cut)/float64(b.N), "cut/op")
}

// BenchmarkNeighborhood2 measures two-hop neighbourhoods of random envoys,
// all types, capped at 100 entities, as a graph view asks for them.
func BenchmarkNeighborhood2(b *testing.B) {
	s, g := loadedGraph(b)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(8, 8))
	var lat latencies
	truncated, nodes := 0, 0
	b.ResetTimer()
	for range b.N {
		id := g.people[r.IntN(len(g.people))]
		var sg *walk.Subgraph
		var err error
		lat.time(func() { sg, err = walk.Neighborhood(ctx, s, id, 2, nil, kg.Date{}, kg.Date{}, 100) })
		if err != nil {
			b.Fatal(err)
		}
		if sg.Truncated {
			truncated++
		}
		nodes += len(sg.Nodes)
	}
	lat.report(b)
	b.ReportMetric(float64(truncated)/float64(b.N), "truncated/op")
	b.ReportMetric(float64(nodes)/float64(b.N), "nodes/op")
}

// BenchmarkPaths5 measures the five shortest plain walks of at most 4 hops
// between random envoys and talks.
func BenchmarkPaths5(b *testing.B) {
	s, g := loadedGraph(b)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(9, 9))
	var lat latencies
	found, cut := 0, 0
	b.ResetTimer()
	for range b.N {
		q := walk.Query{From: g.people[r.IntN(len(g.people))], To: g.events[r.IntN(len(g.events))]}
		var err error
		lat.time(func() { _, err = walk.Paths(ctx, s, q, 5) })
		switch kg.ErrorCode(err) {
		case "":
			found++
		case kg.EINVALID:
			cut++
		case kg.ENOTFOUND:
		default:
			b.Fatal(err)
		}
	}
	lat.report(b)
	b.ReportMetric(float64(found)/float64(b.N), "found/op")
	b.ReportMetric(float64(cut)/float64(b.N), "cut/op")
}
