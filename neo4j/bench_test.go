package neo4j_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/neo4j"
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

// graph is a generated diplomatic graph: states (a few of them hubs, as
// real coverage has them), people holding offices, places, treaties, and
// dated events with their participants, place and subject. It is the
// SQLite store's benchmark graph, so that the numbers compare.
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

// putBatch is how many edges the benchmarks put per batch, as the loader
// does.
const putBatch = 10_000

// loadEntities puts g's entities and its one article.
func (g *graph) loadEntities(ctx context.Context, s kg.Store) error {
	return s.Put(ctx, &kg.Batch{Articles: []kg.Article{{ID: "article:gen", Title: "Generated"}}, Entities: g.entities})
}

// loadEdges puts g's edges putBatch at a time.
func (g *graph) loadEdges(ctx context.Context, s kg.Store) error {
	for e := range slices.Chunk(g.edges, putBatch) {
		if err := s.Put(ctx, &kg.Batch{Edges: e}); err != nil {
			return err
		}
	}
	return nil
}

// The read benchmarks share one loaded graph; a Put benchmark, which
// empties the database, drops it.
var (
	benchStore *neo4j.Store
	benchGraph *graph
)

func loadedGraph(b *testing.B) (*neo4j.Store, *graph) {
	b.Helper()
	if benchStore != nil {
		return benchStore, benchGraph
	}
	cfg := testConfig(b)
	n := benchEdges(b)
	g := generate(n, 1956)
	wipe(b, cfg)
	ctx := context.Background()
	s, err := neo4j.Open(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := g.loadEntities(ctx, s); err != nil {
		b.Fatal(err)
	}
	if err := g.loadEdges(ctx, s); err != nil {
		b.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "generated graph: %d entities, %d edges, loaded in %v\n",
		len(g.entities), len(g.edges), time.Since(start).Round(time.Millisecond))
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
func freshWithEntities(b *testing.B, g *graph) *neo4j.Store {
	b.Helper()
	dropGraph()
	s := mustOpen(b)
	if err := g.loadEntities(context.Background(), s); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkPutBatched loads the edges of the generated graph with Put,
// putBatch edges per transaction, into a store that holds their entities.
func BenchmarkPutBatched(b *testing.B) {
	n := benchEdges(b)
	g := generate(n, 2019)
	ctx := context.Background()
	b.Run(fmt.Sprintf("new/edges=%d", n), func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			s := freshWithEntities(b, g)
			b.StartTimer()
			if err := g.loadEdges(ctx, s); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "edges/s")
	})
	// The same edges again: every one is read back and merged, nothing
	// changes (the path of a loader run twice).
	b.Run(fmt.Sprintf("again/edges=%d", n), func(b *testing.B) {
		s := freshWithEntities(b, g)
		if err := g.loadEdges(ctx, s); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if err := g.loadEdges(ctx, s); err != nil {
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
	n := benchEdges(b)
	g := generate(n, 2019)
	ctx := context.Background()
	cfg := testConfig(b)
	b.Run(fmt.Sprintf("new/edges=%d", n), func(b *testing.B) {
		d := driver(b, cfg)
		for b.Loop() {
			b.StopTimer()
			freshWithEntities(b, g)
			session := d.NewSession(ctx, neo4jdrv.SessionConfig{DatabaseName: cfg.Database})
			b.StartTimer()
			for _, e := range g.edges {
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
	b.ReportMetric(float64(l[len(l)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(l[len(l)*99/100].Microseconds())/1000, "p99-ms")
}

// BenchmarkEntityAndEdges measures what an entity page shows: the entity
// and its first page of 20 edges with their count, for a random entity, the
// largest hub, and the hub's tenth page (a keyset cursor away).
func BenchmarkEntityAndEdges(b *testing.B) {
	s, g := loadedGraph(b)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(1, 2))
	run := func(name string, q func() kg.EdgeQuery) {
		b.Run(fmt.Sprintf("%s/edges=%d", name, len(g.edges)), func(b *testing.B) {
			// The first run of a query string plans it; plans are cached.
			if _, err := s.Entity(ctx, g.nodes[0]); err != nil {
				b.Fatal(err)
			}
			if _, err := s.Edges(ctx, q()); err != nil {
				b.Fatal(err)
			}
			var lat latencies
			for b.Loop() {
				qq := q()
				lat.time(func() {
					if _, err := s.Entity(ctx, qq.Entity); err != nil {
						b.Fatal(err)
					}
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

	// A GraphQL list of 100 entities asks each for its first 5 edges: one
	// EdgesBatch, against 100 calls of Edges.
	batch := func() []kg.EdgeQuery {
		qs := make([]kg.EdgeQuery, 100)
		for i := range qs {
			qs[i] = kg.EdgeQuery{Entity: g.nodes[r.IntN(len(g.nodes))], First: 5}
		}
		return qs
	}
	b.Run(fmt.Sprintf("batch-100/edges=%d", len(g.edges)), func(b *testing.B) {
		if _, err := s.EdgesBatch(ctx, batch()); err != nil { // plans the query
			b.Fatal(err)
		}
		var lat latencies
		for b.Loop() {
			qs := batch()
			lat.time(func() {
				if _, err := s.EdgesBatch(ctx, qs); err != nil {
					b.Fatal(err)
				}
			})
		}
		lat.report(b)
	})
	b.Run(fmt.Sprintf("one-by-one-100/edges=%d", len(g.edges)), func(b *testing.B) {
		var lat latencies
		for b.Loop() {
			qs := batch()
			lat.time(func() {
				for _, q := range qs {
					if _, err := s.Edges(ctx, q); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		lat.report(b)
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
		b.Run(fmt.Sprintf("%s/edges=%d", name, len(g.edges)), func(b *testing.B) {
			if _, err := s.Events(ctx, q()); err != nil { // plans the query
				b.Fatal(err)
			}
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
		s.Path(ctx, kg.PathQuery{From: g.people[0], To: g.people[1], MaxHops: 4}) // plans the query
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

// BenchmarkSearch measures a search for a full name, one of whose words
// ("minister") is shared by every person.
func BenchmarkSearch(b *testing.B) {
	s, g := loadedGraph(b)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(7, 8))
	b.Run(fmt.Sprintf("name/edges=%d", len(g.edges)), func(b *testing.B) {
		if _, err := s.Search(ctx, kg.SearchQuery{Text: "minister 000000"}); err != nil { // plans the query
			b.Fatal(err)
		}
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
