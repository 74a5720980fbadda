package neo4j_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/kg/storetest"
	"github.com/diplograph/diplograph/neo4j"
	"github.com/diplograph/diplograph/neo4j/neo4jtest"
)

// The benchmarks run against the test server, on a generated graph of
// benchEdges() edges: 20,000 by default, so that a CI run stays short;
// DIPLOGRAPH_BENCH_EDGES=100000 (or more) for sizes worth quoting. They
// empty the database like the tests do.
//
//	scripts/with-neo4j go test ./neo4j -run '^$' -bench . -benchtime 200x
//	DIPLOGRAPH_BENCH_EDGES=100000 scripts/with-neo4j go test ./neo4j -run '^$' -bench . -benchtime 500x -timeout 1h
//
// BenchmarkPutBatched and BenchmarkPutOneMergePerEdge load the same edges
// (their entities are loaded first, untimed) and report edges/s: the
// store's batched Put against the naive way of one auto-commit MERGE per
// edge. Query benchmarks report p50 and p99 latencies besides the mean.

// The read benchmarks share one loaded graph; a Put benchmark, which
// empties the database, drops it.
var (
	benchStore *neo4j.Store
	benchGraph *storetest.Graph
)

func loadedGraph(b *testing.B) (*neo4j.Store, *storetest.Graph) {
	b.Helper()
	if benchStore != nil {
		return benchStore, benchGraph
	}
	cfg := testConfig(b)
	n := storetest.BenchEdges(b, 20_000)
	g := storetest.Generate(n, 1956)
	wipe(b, cfg)
	ctx := context.Background()
	s, err := neo4j.Open(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := g.LoadEntities(ctx, s); err != nil {
		b.Fatal(err)
	}
	if err := g.LoadEdges(ctx, s); err != nil {
		b.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "generated graph: %d entities, %d edges, loaded in %v\n",
		len(g.Entities), len(g.Edges), time.Since(start).Round(time.Millisecond))
	benchStore, benchGraph = s, g
	return s, g
}

// dropGraph forgets the shared graph before a benchmark empties the
// database.
func dropGraph() {
	if benchStore != nil {
		benchStore.Close()
		benchStore, benchGraph = nil, nil
	}
}

// freshWithEntities empties the database and opens a store holding g's
// entities only.
func freshWithEntities(b *testing.B, g *storetest.Graph) *neo4j.Store {
	b.Helper()
	dropGraph()
	s := mustOpen(b)
	if err := g.LoadEntities(context.Background(), s); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkPutBatched loads the edges of the generated graph with Put,
// 10,000 edges per transaction, into a store that holds their entities.
func BenchmarkPutBatched(b *testing.B) {
	n := storetest.BenchEdges(b, 20_000)
	g := storetest.Generate(n, 2019)
	ctx := context.Background()
	b.Run(fmt.Sprintf("new/edges=%d", n), func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			s := freshWithEntities(b, g)
			b.StartTimer()
			if err := g.LoadEdges(ctx, s); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "edges/s")
	})
	// Two loaders at once, each putting every other batch: on a server
	// with a core to spare, disjoint batches run side by side.
	b.Run(fmt.Sprintf("new-2-writers/edges=%d", n), func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			s := freshWithEntities(b, g)
			b.StartTimer()
			batches := slices.Collect(slices.Chunk(g.Edges, 10_000))
			var wg sync.WaitGroup
			errs := make([]error, 2)
			for w := range 2 {
				wg.Go(func() {
					for i := w; i < len(batches) && errs[w] == nil; i += 2 {
						errs[w] = s.Put(ctx, &kg.Batch{Edges: batches[i]})
					}
				})
			}
			wg.Wait()
			if err := errors.Join(errs...); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "edges/s")
	})
	// The same edges again: every one is read back and merged, nothing
	// changes (the path of a loader run twice).
	b.Run(fmt.Sprintf("again/edges=%d", n), func(b *testing.B) {
		s := freshWithEntities(b, g)
		if err := g.LoadEdges(ctx, s); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if err := g.LoadEdges(ctx, s); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "edges/s")
	})
}

// naiveMerge is what a first attempt at loading does: one auto-commit
// query per edge. The relationship type is spliced from the kg enum.
const naiveMerge = `MATCH (a:Entity {id: $from})
MATCH (b:Entity {id: $to})
MERGE (a)-[r:%s {id: $id}]->(b)
SET r += $props`

// BenchmarkPutOneMergePerEdge loads the same edges as BenchmarkPutBatched
// one auto-commit MERGE at a time. It only sets properties, without the
// store's merge rules, so it is a lower bound of what that way costs.
func BenchmarkPutOneMergePerEdge(b *testing.B) {
	n := storetest.BenchEdges(b, 20_000)
	g := storetest.Generate(n, 2019)
	ctx := context.Background()
	cfg := testConfig(b)
	b.Run(fmt.Sprintf("new/edges=%d", n), func(b *testing.B) {
		d := driver(b, cfg)
		for b.Loop() {
			b.StopTimer()
			freshWithEntities(b, g)
			session := d.NewSession(ctx, neo4jdrv.SessionConfig{DatabaseName: cfg.Database})
			b.StartTimer()
			for _, e := range g.Edges {
				props := map[string]any{"date": e.Date.String(), "dateFirst": int64(e.Date.FirstKey()), "dateLast": int64(e.Date.LastKey()),
					"datePrecision":   int64(e.Date.Precision()),
					"evidenceArticle": []string{e.Evidence[0].Article}, "evidenceSentence": []int64{int64(e.Evidence[0].Sentence)},
					"evidenceQuote": []string{e.Evidence[0].Quote}, "evidenceStart": []int64{0}, "evidenceEnd": []int64{0}}
				res, err := session.Run(ctx, fmt.Sprintf(naiveMerge, string(e.Type)),
					map[string]any{"from": e.From, "to": e.To, "id": e.ID, "props": props})
				if err == nil {
					_, err = res.Consume(ctx)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			session.Close(ctx)
			b.StartTimer()
		}
		b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "edges/s")
	})
}

// BenchmarkEntityAndEdges measures what an entity page shows: the entity
// and its first page of 20 edges with their count, for a random entity, the
// largest hub, and the hub's tenth page (a keyset cursor away).
func BenchmarkEntityAndEdges(b *testing.B) {
	s, g := loadedGraph(b)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(1, 2))
	run := func(name string, q func() kg.EdgeQuery) {
		b.Run(fmt.Sprintf("%s/edges=%d", name, len(g.Edges)), func(b *testing.B) {
			// The first run of a query string plans it; plans are cached.
			if _, err := s.Entity(ctx, g.Nodes[0]); err != nil {
				b.Fatal(err)
			}
			if _, err := s.Edges(ctx, q()); err != nil {
				b.Fatal(err)
			}
			var lat storetest.Latencies
			for b.Loop() {
				qq := q()
				lat.Time(func() {
					if _, err := s.Entity(ctx, qq.Entity); err != nil {
						b.Fatal(err)
					}
					if _, err := s.Edges(ctx, qq); err != nil {
						b.Fatal(err)
					}
				})
			}
			lat.Report(b)
		})
	}
	run("random", func() kg.EdgeQuery { return kg.EdgeQuery{Entity: g.Nodes[r.IntN(len(g.Nodes))]} })
	run("random-window", func() kg.EdgeQuery {
		return kg.EdgeQuery{Entity: g.Nodes[r.IntN(len(g.Nodes))], From: kg.Year(1990), To: kg.Year(1999)}
	})
	run("hub", func() kg.EdgeQuery { return kg.EdgeQuery{Entity: g.States[0]} })
	run("hub-one-type", func() kg.EdgeQuery { return kg.EdgeQuery{Entity: g.States[0], Types: []kg.EdgeType{kg.PartyTo}} })
	hub := kg.EdgeQuery{Entity: g.States[0]}
	for range 9 {
		p, err := s.Edges(ctx, hub)
		if err != nil {
			b.Fatal(err)
		}
		hub.After = p.Cursors[len(p.Cursors)-1]
	}
	run("hub-page-10", func() kg.EdgeQuery { return hub })

	// A GraphQL list of 100 entities asks each for its first 5 edges: one
	// EdgesBatch, against 100 calls of Edges.
	batch := func() []kg.EdgeQuery {
		qs := make([]kg.EdgeQuery, 100)
		for i := range qs {
			qs[i] = kg.EdgeQuery{Entity: g.Nodes[r.IntN(len(g.Nodes))], First: 5}
		}
		return qs
	}
	b.Run(fmt.Sprintf("batch-100/edges=%d", len(g.Edges)), func(b *testing.B) {
		if _, err := s.EdgesBatch(ctx, batch()); err != nil { // plans the query
			b.Fatal(err)
		}
		var lat storetest.Latencies
		for b.Loop() {
			qs := batch()
			lat.Time(func() {
				if _, err := s.EdgesBatch(ctx, qs); err != nil {
					b.Fatal(err)
				}
			})
		}
		lat.Report(b)
	})
	b.Run(fmt.Sprintf("one-by-one-100/edges=%d", len(g.Edges)), func(b *testing.B) {
		var lat storetest.Latencies
		for b.Loop() {
			qs := batch()
			lat.Time(func() {
				for _, q := range qs {
					if _, err := s.Edges(ctx, q); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		lat.Report(b)
	})
}

// BenchmarkEvents measures a page of events in a random month, from a
// random month on, and the events of a random person and of the largest
// hub in a decade.
func BenchmarkEvents(b *testing.B) {
	s, g := loadedGraph(b)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(3, 4))
	run := func(name string, q func() kg.EventQuery) {
		b.Run(fmt.Sprintf("%s/edges=%d", name, len(g.Edges)), func(b *testing.B) {
			if _, err := s.Events(ctx, q()); err != nil { // plans the query
				b.Fatal(err)
			}
			var lat storetest.Latencies
			for b.Loop() {
				qq := q()
				lat.Time(func() {
					if _, err := s.Events(ctx, qq); err != nil {
						b.Fatal(err)
					}
				})
			}
			lat.Report(b)
		})
	}
	month := func() kg.Date { return kg.Month(1945+r.IntN(80), time.Month(1+r.IntN(12))) }
	run("month", func() kg.EventQuery { m := month(); return kg.EventQuery{From: m, To: m} })
	run("from", func() kg.EventQuery { return kg.EventQuery{From: month()} })
	run("person", func() kg.EventQuery { return kg.EventQuery{Entity: g.People[r.IntN(len(g.People))]} })
	run("hub-decade", func() kg.EventQuery {
		return kg.EventQuery{Entity: g.States[0], From: kg.Year(1990), To: kg.Year(1999)}
	})
}

// BenchmarkPath measures shortest paths of at most 4 hops between random
// people: most are joined within 4 hops through shared states; the rest
// exhaust the search, which is the slow case.
func BenchmarkPath(b *testing.B) {
	s, g := loadedGraph(b)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(5, 6))
	b.Run(fmt.Sprintf("4-hops/edges=%d", len(g.Edges)), func(b *testing.B) {
		s.Path(ctx, kg.PathQuery{From: g.People[0], To: g.People[1], MaxHops: 4}) // plans the query
		var lat storetest.Latencies
		found := 0
		for b.Loop() {
			q := kg.PathQuery{From: g.People[r.IntN(len(g.People))], To: g.People[r.IntN(len(g.People))], MaxHops: 4}
			lat.Time(func() {
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
		lat.Report(b)
		b.ReportMetric(float64(found)/float64(b.N), "found/op")
	})
}

// BenchmarkSearch measures a search for a full name, one of whose words
// ("minister") is shared by every person.
func BenchmarkSearch(b *testing.B) {
	s, g := loadedGraph(b)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(7, 8))
	b.Run(fmt.Sprintf("name/edges=%d", len(g.Edges)), func(b *testing.B) {
		if _, err := s.Search(ctx, kg.SearchQuery{Text: "minister 000000"}); err != nil { // plans the query
			b.Fatal(err)
		}
		var lat storetest.Latencies
		for b.Loop() {
			q := kg.SearchQuery{Text: fmt.Sprintf("minister %06d", r.IntN(len(g.People)))}
			lat.Time(func() {
				if _, err := s.Search(ctx, q); err != nil {
					b.Fatal(err)
				}
			})
		}
		lat.Report(b)
	})
}

// BenchmarkMentions measures Mentions of one article: one that no edge
// cites, one that storetest.FewCited edges cite, and one that every edge
// cites (whose list Mentions cuts at kg.MaxMentions). The last reads every
// edge of the graph whatever the index, so give it few iterations:
//
//	DIPLOGRAPH_BENCH_EDGES=100000 scripts/with-neo4j go test ./neo4j -run '^$' -bench Mentions -benchtime 50x
func BenchmarkMentions(b *testing.B) {
	s, g := loadedGraph(b)
	ctx := context.Background()
	for _, tc := range []struct {
		name, article string
		want          int // entities mentioned, at least
	}{
		{"none", "article:none", 0},
		{"few", storetest.FewArticle, storetest.FewCited},
		{"all", storetest.AllArticle, kg.MaxMentions},
	} {
		b.Run(fmt.Sprintf("%s/edges=%d", tc.name, len(g.Edges)), func(b *testing.B) {
			// The first run plans the query, and checks the answer.
			got, err := s.Mentions(ctx, []string{tc.article})
			if err != nil {
				b.Fatal(err)
			}
			if len(got) != 1 || len(got[0]) < tc.want {
				b.Fatalf("Mentions(%s) = %d lists %v, want one of at least %d entities", tc.article, len(got), got, tc.want)
			}
			var lat storetest.Latencies
			for b.Loop() {
				lat.Time(func() {
					if _, err := s.Mentions(ctx, []string{tc.article}); err != nil {
						b.Fatal(err)
					}
				})
			}
			lat.Report(b)
		})
	}
}

// BenchmarkBulkImport measures a first load through neo4j-admin instead of
// Put, end to end: the generated graph written as import files
// (ImportWriter), neo4j-admin database import full (from the test
// server's Maven artifacts) into a new home, a server started on it, and
// the store opened, which builds the constraints and indexes and waits
// for them. It reports edges/s over all of it, and over all but the
// server's start (the JVM's, the same for any size), and each phase.
//
//	DIPLOGRAPH_BENCH_EDGES=1000000 scripts/with-neo4j go test ./neo4j -run '^$' -bench BulkImport -benchtime 1x -timeout 1h
func BenchmarkBulkImport(b *testing.B) {
	n := storetest.BenchEdges(b, 20_000)
	g := storetest.Generate(n, 1956)
	for b.Loop() {
		dir := b.TempDir()
		files := dir + "/import"
		t0 := time.Now()
		w, err := neo4j.NewImportWriter(files)
		if err != nil {
			b.Fatal(err)
		}
		if err := w.Add(&kg.Batch{Articles: g.Articles, Entities: g.Entities, Edges: g.Edges}); err != nil {
			b.Fatal(err)
		}
		res, err := w.Close()
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		neo4jtest.Import(b, dir+"/neo4j", res.Args...)
		t2 := time.Now()
		srv := neo4jtest.StartServer(b, dir+"/neo4j")
		t3 := time.Now()
		s, err := neo4j.Open(context.Background(), srv.Config)
		if err != nil {
			b.Fatal(err)
		}
		t4 := time.Now()
		st, err := s.Stats(context.Background())
		s.Close()
		if err != nil || st.Edges != n {
			b.Fatalf("imported %d edges (%v), want %d", st.Edges, err, n)
		}
		srv.Stop(b)
		total := t4.Sub(t0)
		b.ReportMetric(float64(n)/total.Seconds(), "edges/s")
		b.ReportMetric(float64(n)/(total-t3.Sub(t2)).Seconds(), "edges/s-without-server-start")
		b.ReportMetric(t1.Sub(t0).Seconds(), "s-files")
		b.ReportMetric(t2.Sub(t1).Seconds(), "s-import")
		b.ReportMetric(t3.Sub(t2).Seconds(), "s-server-start")
		b.ReportMetric(t4.Sub(t3).Seconds(), "s-open-indexes")
	}
}
