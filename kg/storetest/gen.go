package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// Graph is a generated diplomatic graph that every store is benchmarked
// on: states (a few of them hubs, as real coverage has them), people
// holding offices, places, treaties, and dated events with their
// participants, place and subject. All stores and the walks measure the
// same graph, so their numbers compare.
type Graph struct {
	// Articles are AllArticle, which every edge cites, and FewArticle,
	// which FewCited edges cite besides: the two ends of Store.Mentions.
	Articles []kg.Article
	Entities []kg.Entity
	Edges    []kg.Edge
	People   []string
	States   []string // States[0] is the largest hub
	Events   []string
	Nodes    []string // entities that have at least one edge
}

// The articles of a generated graph.
const (
	AllArticle = "article:gen"     // cited by every edge
	FewArticle = "article:gen-few" // cited by FewCited edges, whatever the graph's size
	FewCited   = 20
)

// Generate makes a graph of nEdges edges, the same one for the same seed.
func Generate(nEdges int, seed uint64) *Graph {
	r := rand.New(rand.NewPCG(seed, 0))
	g := &Graph{Articles: []kg.Article{{ID: AllArticle, Title: "Generated"}, {ID: FewArticle, Title: "Generated, few"}}}
	add := func(e kg.Entity) string {
		e.ID = kg.EntityID(e.Kind, e.Name)
		g.Entities = append(g.Entities, e)
		return e.ID
	}
	link := func(t kg.EdgeType, from, to string, date kg.Date) {
		g.Edges = append(g.Edges, kg.Edge{ID: kg.EdgeID(t, from, to, ""), Type: t, From: from, To: to, Date: date,
			Evidence: []kg.Evidence{{Article: AllArticle, Sentence: len(g.Edges), Quote: "Generated."}}})
	}
	day := func() kg.Date {
		return kg.DayOf(time.Date(1945, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(80*365)))
	}

	nStates, nPeople, nPlaces, nTreaties := 200, max(50, nEdges/20), max(20, nEdges/500), max(10, nEdges/100)
	for i := range nStates {
		g.States = append(g.States, add(kg.Entity{Kind: kg.State, Name: fmt.Sprintf("State %03d", i)}))
	}
	// Coverage is skewed: a few states appear in most stories.
	zipf := rand.NewZipf(r, 1.2, 2, uint64(nStates-1))
	state := func() string { return g.States[zipf.Uint64()] }
	var places, treaties []string
	for i := range nPlaces {
		places = append(places, add(kg.Entity{Kind: kg.Place, Name: fmt.Sprintf("City %05d", i)}))
		link(kg.LocatedIn, places[i], state(), kg.Date{})
	}
	for i := range nPeople {
		g.People = append(g.People, add(kg.Entity{Kind: kg.Person, Name: fmt.Sprintf("Minister %06d", i)}))
		d := day()
		link(kg.HoldsOffice, g.People[i], state(), kg.Month(d.YearNum(), time.Month(1+r.IntN(12))))
	}
	for i := range nTreaties {
		d := day()
		treaties = append(treaties, add(kg.Entity{Kind: kg.Treaty, Name: fmt.Sprintf("Treaty %05d", i), Date: d, Status: kg.Signed}))
		a, b := state(), state()
		link(kg.PartyTo, a, treaties[i], d)
		if b != a {
			link(kg.PartyTo, b, treaties[i], d)
		}
		link(kg.SignedEdge, g.People[r.IntN(nPeople)], treaties[i], d)
	}
	for i := 0; len(g.Edges) < nEdges; i++ {
		d := day()
		ev := add(kg.Entity{Kind: kg.Event, Name: fmt.Sprintf("Meeting %07d", i), EventType: kg.EventTypes[r.IntN(len(kg.EventTypes))],
			Status: kg.Occurred, Date: d})
		g.Events = append(g.Events, ev)
		link(kg.HeldIn, ev, places[r.IntN(nPlaces)], d)
		seen := map[string]bool{}
		for range 2 + r.IntN(3) {
			p := g.People[r.IntN(nPeople)]
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
	g.Edges = g.Edges[:nEdges]
	// Edges spread over the graph cite FewArticle too.
	for i := range FewCited {
		e := &g.Edges[i*len(g.Edges)/FewCited]
		e.Evidence = append(e.Evidence, kg.Evidence{Article: FewArticle, Sentence: i, Quote: "Generated, few."})
	}
	has := map[string]bool{}
	for _, e := range g.Edges {
		has[e.From], has[e.To] = true, true
	}
	for _, e := range g.Entities {
		if has[e.ID] {
			g.Nodes = append(g.Nodes, e.ID)
		}
	}
	return g
}

// LoadEntities puts g's articles and entities into s in one batch.
func (g *Graph) LoadEntities(ctx context.Context, s kg.Store) error {
	return s.Put(ctx, &kg.Batch{Articles: g.Articles, Entities: g.Entities})
}

// LoadEdges puts g's edges into s, 10,000 per batch, as the loader writes.
func (g *Graph) LoadEdges(ctx context.Context, s kg.Store) error {
	for e := range slices.Chunk(g.Edges, 10_000) {
		if err := s.Put(ctx, &kg.Batch{Edges: e}); err != nil {
			return err
		}
	}
	return nil
}

// Load puts all of g into s.
func (g *Graph) Load(ctx context.Context, s kg.Store) error {
	if err := g.LoadEntities(ctx, s); err != nil {
		return err
	}
	return g.LoadEdges(ctx, s)
}

// BenchEdges returns the benchmark graph's size: DIPLOGRAPH_BENCH_EDGES, or
// def when it is unset.
func BenchEdges(tb testing.TB, def int) int {
	v := os.Getenv("DIPLOGRAPH_BENCH_EDGES")
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1000 {
		tb.Fatalf("DIPLOGRAPH_BENCH_EDGES=%q: want a number of edges, at least 1000", v)
	}
	return n
}

// Latencies records each benchmark iteration's time, to report the
// percentiles a mean hides.
type Latencies []time.Duration

// Time runs f and records how long it took.
func (l *Latencies) Time(f func()) {
	t := time.Now()
	f()
	*l = append(*l, time.Since(t))
}

// Report adds p50-ms and p99-ms to b's results.
func (l Latencies) Report(b *testing.B) {
	if len(l) == 0 {
		return
	}
	slices.Sort(l)
	b.ReportMetric(float64(l[len(l)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(l[len(l)*99/100].Microseconds())/1000, "p99-ms")
}
