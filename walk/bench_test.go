package walk_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/kg/storetest"
	"github.com/diplograph/diplograph/sqlite"
	"github.com/diplograph/diplograph/walk"
)

// The benchmarks walk a generated graph in a SQLite store, of
// DIPLOGRAPH_BENCH_EDGES edges (20,000 by default), built once per process
// in a temporary directory that TestMain removes (or kept in
// DIPLOGRAPH_BENCH_DB):
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

var (
	benchOnce  sync.Once
	benchStore kg.Store
	benchGraph *storetest.Graph
	benchErr   error
)

func loadedGraph(b *testing.B) (kg.Store, *storetest.Graph) {
	b.Helper()
	benchOnce.Do(func() {
		n := storetest.BenchEdges(b, 20_000)
		benchGraph = storetest.Generate(n, 1956)
		// DIPLOGRAPH_BENCH_DB keeps the store between runs, so that two
		// builds can be compared on one file.
		path := os.Getenv("DIPLOGRAPH_BENCH_DB")
		if path == "" {
			if benchTmp, benchErr = os.MkdirTemp("", "diplograph-walk-bench-"); benchErr != nil {
				return
			}
			path = filepath.Join(benchTmp, "kg.db")
		}
		ctx := context.Background()
		s, err := sqlite.Open(ctx, path)
		if err != nil {
			benchErr = err
			return
		}
		benchStore = s
		st, err := s.Stats(ctx)
		if err != nil {
			benchErr = err
			return
		}
		switch st.Edges {
		case n:
			return // a kept store of the same size
		case 0:
		default:
			benchErr = fmt.Errorf("%s holds %d edges, not %d: remove it or change DIPLOGRAPH_BENCH_EDGES", path, st.Edges, n)
			return
		}
		start := time.Now()
		benchErr = benchGraph.Load(ctx, s)
		fmt.Fprintf(os.Stderr, "generated graph: %d entities, %d edges, loaded in %v\n",
			len(benchGraph.Entities), len(benchGraph.Edges), time.Since(start).Round(time.Millisecond))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchStore, benchGraph
}

// BenchmarkPathTimeRespecting measures time-respecting walks of at most 4
// hops between random ministers and meetings, the GraphQL path query's default.
func BenchmarkPathTimeRespecting(b *testing.B) {
	s, g := loadedGraph(b)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(7, 7))
	var lat storetest.Latencies
	found, cut := 0, 0
	b.ResetTimer()
	for range b.N {
		q := walk.Query{From: g.People[r.IntN(len(g.People))], To: g.Events[r.IntN(len(g.Events))], TimeRespecting: true}
		var err error
		lat.Time(func() { _, err = walk.Path(ctx, s, q) })
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
	lat.Report(b)
	b.ReportMetric(float64(found)/float64(b.N), "found/op")
	b.ReportMetric(float64(cut)/float64(b.N), "cut/op")
}

// BenchmarkNeighborhood2 measures two-hop neighbourhoods of random ministers,
// all types, capped at 100 entities, as a graph view asks for them.
func BenchmarkNeighborhood2(b *testing.B) {
	s, g := loadedGraph(b)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(8, 8))
	var lat storetest.Latencies
	truncated, nodes := 0, 0
	b.ResetTimer()
	for range b.N {
		id := g.People[r.IntN(len(g.People))]
		var sg *walk.Subgraph
		var err error
		lat.Time(func() {
			sg, err = walk.Neighborhood(ctx, s, walk.NeighborhoodQuery{ID: id, Hops: 2, First: 100})
		})
		if err != nil {
			b.Fatal(err)
		}
		if sg.Truncated {
			truncated++
		}
		nodes += len(sg.Nodes)
	}
	lat.Report(b)
	b.ReportMetric(float64(truncated)/float64(b.N), "truncated/op")
	b.ReportMetric(float64(nodes)/float64(b.N), "nodes/op")
}

// BenchmarkPaths5 measures the five shortest plain walks of at most 4 hops
// between random ministers and meetings.
func BenchmarkPaths5(b *testing.B) {
	s, g := loadedGraph(b)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(9, 9))
	var lat storetest.Latencies
	found, cut := 0, 0
	b.ResetTimer()
	for range b.N {
		q := walk.Query{From: g.People[r.IntN(len(g.People))], To: g.Events[r.IntN(len(g.Events))]}
		var err error
		lat.Time(func() { _, err = walk.Paths(ctx, s, q, 5) })
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
	lat.Report(b)
	b.ReportMetric(float64(found)/float64(b.N), "found/op")
	b.ReportMetric(float64(cut)/float64(b.N), "cut/op")
}
