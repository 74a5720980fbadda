package storetest

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/diplograph/diplograph/kg"
	walks "github.com/diplograph/diplograph/walk"
)

// The reads that answer several questions at once (EntityEdges,
// EventsEdges, Neighborhood, and edge pages with their ends) must answer
// exactly what the single reads they stand for answer: these tests compare
// the two on the fixture and on a generated graph.

// testEnds checks EdgeQuery.Ends: the page's ends are the entities at
// both ends of its edges, as Entities reads them, and nothing else.
func testEnds(t *testing.T, open func(t *testing.T) kg.Store) {
	s := loaded(t, open)
	qs := []kg.EdgeQuery{
		{Entity: idJapan, Ends: true},
		{Entity: idJapan, Ends: true, First: 2},
		{Entity: idKonoLavrov, Direction: kg.In, Types: []kg.EdgeType{kg.ParticipatedIn}, Ends: true},
		{Entity: idArticle, Ends: true}, // MENTIONS edges start at an article, which is no entity
		{Entity: idTokyo, Ends: true, From: kg.MustParseDate("2100")},
		{Entity: idJapan}, // no ends asked
	}
	pages, err := s.EdgesBatch(t.Context(), qs)
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range qs {
		p := pages[i]
		if !q.Ends {
			if p.Ends != nil {
				t.Errorf("query %d asked for no ends, got %d", i, len(p.Ends))
			}
			continue
		}
		var ids []string
		for _, e := range p.Edges {
			ids = append(ids, e.From, e.To)
		}
		slices.Sort(ids)
		ids = slices.Compact(ids)
		es, err := s.Entities(t.Context(), ids)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]*kg.Entity{}
		for _, e := range es {
			if e != nil {
				want[e.ID] = e
			}
		}
		if diff := gocmp.Diff(want, p.Ends, opts); diff != "" {
			t.Errorf("query %d (%+v): Ends (-want +got):\n%s", i, q, diff)
		}
		single, err := s.Edges(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(p, single, opts); diff != "" {
			t.Errorf("query %d: Edges and EdgesBatch differ (-batch +single):\n%s", i, diff)
		}
	}
}

// testEntityEdges checks that EntityEdges is Entity and Edges in one.
func testEntityEdges(t *testing.T, open func(t *testing.T) kg.Store) {
	s := loaded(t, open)
	first, err := s.Edges(t.Context(), kg.EdgeQuery{Entity: idJapan, First: 2})
	if err != nil {
		t.Fatal(err)
	}
	qs := []kg.EdgeQuery{
		{Entity: idJapan},
		{Entity: idJapan, Ends: true},
		{Entity: idJapan, First: 2, After: first.Cursors[1], Ends: true},
		{Entity: idJapan, Types: []kg.EdgeType{kg.PartyTo}, Direction: kg.Out, NoEvidence: true},
		{Entity: idDeclaration, From: kg.MustParseDate("1956"), To: kg.MustParseDate("1960"), Ends: true},
		{Entity: idKonoLavrov, Dated: true, Ends: true},
		{Entity: idTokyo},
	}
	for i, q := range qs {
		e, p, err := s.EntityEdges(t.Context(), q)
		if err != nil {
			t.Fatalf("query %d: %v", i, err)
		}
		if diff := gocmp.Diff(mustEntity(t, s, q.Entity), e, opts); diff != "" {
			t.Errorf("query %d: entity (-Entity +EntityEdges):\n%s", i, diff)
		}
		want, err := s.Edges(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(want, p, opts); diff != "" {
			t.Errorf("query %d (%+v): page (-Edges +EntityEdges):\n%s", i, q, diff)
		}
	}
	errs := []struct {
		name string
		q    kg.EdgeQuery
		code string
	}{
		{"unknown id", kg.EdgeQuery{Entity: "state:atlantis"}, kg.ENOTFOUND},
		{"an article is no entity", kg.EdgeQuery{Entity: idArticle}, kg.ENOTFOUND},
		{"bad cursor", kg.EdgeQuery{Entity: idJapan, After: "nonsense"}, kg.EINVALID},
		{"bad type", kg.EdgeQuery{Entity: idJapan, Types: []kg.EdgeType{"LOVES"}}, kg.EINVALID},
	}
	for _, tc := range errs {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := s.EntityEdges(t.Context(), tc.q)
			wantCode(t, err, tc.code)
		})
	}
}

// testEventsEdges checks that EventsEdges is Events and EdgesBatch in one.
func testEventsEdges(t *testing.T, open func(t *testing.T) kg.Store) {
	s := loaded(t, open)
	d := kg.MustParseDate
	participants := kg.EdgeQuery{Types: []kg.EdgeType{kg.ParticipatedIn}, Direction: kg.In, First: kg.MaxFirst, NoEvidence: true, Ends: true}
	tests := []struct {
		name string
		q    kg.EventQuery
		eq   kg.EdgeQuery
	}{
		{"every event, participants", kg.EventQuery{}, participants},
		{"a window", kg.EventQuery{From: d("1956-10"), To: d("1956-10"), First: 2}, participants},
		{"a window, all edges with evidence", kg.EventQuery{From: d("1956")}, kg.EdgeQuery{First: 3}},
		{"an entity's events", kg.EventQuery{Entity: idJapan}, participants},
		{"after a cursor", kg.EventQuery{After: &kg.EventKey{Date: d("1956-10"), ID: idMoscowTalks}}, participants},
		{"nothing in the window", kg.EventQuery{From: d("1970"), To: d("1979")}, participants},
		{"an entity without events", kg.EventQuery{Entity: idTokyo}, participants},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			evs, pages, err := s.EventsEdges(t.Context(), tc.q, tc.eq)
			if err != nil {
				t.Fatal(err)
			}
			want, err := s.Events(t.Context(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(want, evs, opts); diff != "" {
				t.Errorf("events (-Events +EventsEdges):\n%s", diff)
			}
			qs := make([]kg.EdgeQuery, len(want))
			for i, e := range want {
				qs[i] = tc.eq
				qs[i].Entity = e.ID
			}
			wantPages, err := s.EdgesBatch(t.Context(), qs)
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(wantPages, pages, opts); diff != "" {
				t.Errorf("pages (-EdgesBatch +EventsEdges):\n%s", diff)
			}
		})
	}
	t.Run("unknown entity", func(t *testing.T) {
		_, _, err := s.EventsEdges(t.Context(), kg.EventQuery{Entity: "state:atlantis"}, participants)
		wantCode(t, err, kg.ENOTFOUND)
	})
	t.Run("bad edge type", func(t *testing.T) {
		_, _, err := s.EventsEdges(t.Context(), kg.EventQuery{}, kg.EdgeQuery{Types: []kg.EdgeType{"LOVES"}})
		wantCode(t, err, kg.EINVALID)
	})
}

// testNeighborhood checks that the store's Neighborhood equals the
// reference, walk.ReadNeighborhood over EdgesBatch, on the fixture and on
// a generated graph with hubs, for every hop count and for pages around
// and beyond walk.NeighborhoodEdgeBudget.
func testNeighborhood(t *testing.T, open func(t *testing.T) kg.Store, generated bool) {
	type query = kg.NeighborhoodQuery
	check := func(t *testing.T, s kg.Store, q query) {
		t.Helper()
		want, werr := walks.ReadNeighborhood(t.Context(), s, q)
		got, gerr := s.Neighborhood(t.Context(), q)
		if kg.ErrorCode(werr) != kg.ErrorCode(gerr) {
			t.Fatalf("%+v: error %v, want %v", q, gerr, werr)
		}
		if werr != nil {
			return
		}
		if diff := gocmp.Diff(want, got, opts); diff != "" {
			t.Errorf("%+v: (-walk.ReadNeighborhood +Neighborhood):\n%s", q, diff)
		}
	}
	t.Run("Fixture", func(t *testing.T) {
		s := loaded(t, open)
		d := kg.MustParseDate
		for _, q := range []query{
			{ID: idJapan, Hops: 1},
			{ID: idJapan, Hops: 2},
			{ID: idJapan, Hops: 3, First: 100},
			{ID: idJapan, Hops: 2, First: 4},
			{ID: idJapan, Hops: 2, First: 1},
			{ID: idJapan, Hops: 2, Types: []kg.EdgeType{kg.PartyTo}},
			{ID: idJapan, Hops: 2, Since: d("1960")},
			{ID: idMoscow, Hops: 1, Since: d("1900"), Until: d("2000")},
			{ID: idKono, Hops: 2, NoEvidence: true},
			{ID: idDeclaration, Hops: 3, First: 500},
			{ID: "state:atlantis", Hops: 1},
			{ID: idJapan, Hops: 0},
			{ID: idJapan, Hops: 1, Types: []kg.EdgeType{kg.Mentions}},
		} {
			check(t, s, q)
		}
		if isReadOnly(s) {
			return // the rest writes
		}
		t.Run("SelfLoop", func(t *testing.T) {
			loop := edge(kg.AlliedWith, idJapan, idJapan, "", "1950", "", "")
			mustPut(t, s, &kg.Batch{Edges: []kg.Edge{*loop}})
			check(t, s, query{ID: idJapan, Hops: 2})
			check(t, s, query{ID: idJapan, Hops: 1, First: 2})
		})
	})
	if generated {
		t.Run("Generated", func(t *testing.T) { neighborhoodGenerated(t, open, check) })
	}
}

// neighborhoodGenerated is testNeighborhood on a generated graph, in a
// store of its own.
func neighborhoodGenerated(t *testing.T, open func(t *testing.T) kg.Store, check func(*testing.T, kg.Store, kg.NeighborhoodQuery)) {
	type query = kg.NeighborhoodQuery
	s := open(t)
	g := Generate(4000, 17)
	if err := g.Load(t.Context(), s); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(17, 1))
	types := [][]kg.EdgeType{nil, {kg.ParticipatedIn}, {kg.PartyTo, kg.SignedEdge, kg.HoldsOffice}}
	firsts := []int{1, 5, 20, 100, walks.NeighborhoodEdgeBudget, walks.NeighborhoodEdgeBudget + 1}
	centres := append([]string{g.States[0], g.States[1], g.People[0]}, g.Nodes[r.IntN(len(g.Nodes))], g.Nodes[r.IntN(len(g.Nodes))])
	for i, id := range centres {
		for hops := 1; hops <= kg.MaxNeighborhoodHops; hops++ {
			q := query{ID: id, Hops: hops, First: firsts[(i+hops)%len(firsts)], Types: types[(i*hops)%len(types)], NoEvidence: hops > 1}
			if i%2 == 1 {
				q.Since = kg.Year(1960 + 10*hops)
				q.Until = kg.Year(1990 + 10*hops)
			}
			check(t, s, q)
		}
	}
}

// testLongSpans stores events of every span, from a day to a century,
// and checks every window's events, pages and count against a reading of
// the events in Go: a store that keeps long-span events apart must still
// find them, and short ones before and after them.
func testLongSpans(t *testing.T, open func(t *testing.T) kg.Store) {
	s := open(t)
	d := kg.MustParseDate
	var b kg.Batch
	add := func(name, date, end string) {
		e := kg.Entity{ID: kg.EntityID(kg.Event, name), Kind: kg.Event, Name: name, EventType: kg.Meeting, Status: kg.Occurred, Date: d(date)}
		if end != "" {
			e.End = d(end)
		}
		b.Entities = append(b.Entities, e)
	}
	add("the century", "190X", "199X")
	add("a decade", "197X", "")
	add("two decades", "1960", "1979")
	add("a year", "1975", "")
	add("a season", "1975-SU", "")
	add("a quarter", "1975-Q4", "")
	add("a month", "1975-03", "")
	add("a week", "1975-W10", "")
	add("forty days", "1975-02-20", "1975-03-31")
	for i := range 60 {
		day := time.Date(1974, 11, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 5*i)
		add(fmt.Sprintf("day %02d", i), day.Format("2006-01-02"), "")
	}
	add("after the century", "2005", "")
	mustPut(t, s, &b)

	oracle := func(q kg.EventQuery) []string {
		var out []*kg.Entity
		for i := range b.Entities {
			e := &b.Entities[i]
			if e.Date.Overlaps(e.End, q.From, q.To) {
				out = append(out, e)
			}
		}
		slices.SortFunc(out, func(a, c *kg.Entity) int {
			return cmp.Or(cmp.Compare(a.Date.FirstKey(), c.Date.FirstKey()), cmp.Compare(a.Date.Precision(), c.Date.Precision()), cmp.Compare(a.ID, c.ID))
		})
		return entityIDs(out)
	}
	windows := []struct{ from, to string }{
		{"1975-03", "1975-03"}, {"1975-03-05", "1975-03-05"}, {"1975", "1975"}, {"1950", "1950"},
		{"1999-12-31", ""}, {"", "1901"}, {"1974-12", "1975-01"}, {"2000", "2010"}, {"1975-W10", "1975-W10"},
		{"1975-SU", "1975-FA"}, {"1900", "2100"}, {"", ""},
	}
	for _, w := range windows {
		q := kg.EventQuery{First: kg.MaxFirst}
		if w.from != "" {
			q.From = d(w.from)
		}
		if w.to != "" {
			q.To = d(w.to)
		}
		t.Run(w.from+".."+w.to, func(t *testing.T) {
			want := oracle(q)
			got, err := s.Events(t.Context(), q)
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(want, entityIDs(got), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Events (-oracle +store):\n%s", diff)
			}
			if n, err := s.CountEvents(t.Context(), q); err != nil || n != len(want) {
				t.Errorf("CountEvents = %d, %v; want %d", n, err, len(want))
			}
			var paged []string
			pq := q
			pq.First = 3
			for range len(want) + 1 {
				page, err := s.Events(t.Context(), pq)
				if err != nil {
					t.Fatal(err)
				}
				paged = append(paged, entityIDs(page)...)
				if len(page) < pq.First {
					break
				}
				last := page[len(page)-1]
				pq.After = &kg.EventKey{Date: last.Date, ID: last.ID}
			}
			if diff := gocmp.Diff(want, paged, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("pages of 3 (-oracle +store):\n%s", diff)
			}
		})
	}
}
