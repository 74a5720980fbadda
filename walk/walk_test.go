package walk_test

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/neo4j/neo4jtest"
	"github.com/diplograph/diplograph/sqlite"
	"github.com/diplograph/diplograph/walk"
)

// Every test runs against every store: the walks are written once on top
// of kg.Store and must mean the same thing on each. The Neo4j variants skip
// loudly without NEO4J_URI (run them with scripts/with-neo4j).
var stores = []struct {
	name string
	open func(testing.TB) kg.Store
}{
	{"sqlite", openSQLite},
	{"neo4j", func(tb testing.TB) kg.Store { return neo4jtest.Open(tb) }},
}

func openSQLite(tb testing.TB) kg.Store {
	tb.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "kg.db"))
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

// forEachStore runs f on a fresh store of each kind holding b.
func forEachStore(t *testing.T, b func() *kg.Batch, f func(t *testing.T, s kg.Store)) {
	for _, st := range stores {
		t.Run(st.name, func(t *testing.T) {
			s := st.open(t)
			if err := s.Put(context.Background(), b()); err != nil {
				t.Fatalf("Put: %v", err)
			}
			f(t, s)
		})
	}
}

// The test graph is post-war Japanese diplomacy, arranged so that walks
// between the United States and the Soviet Union go back in time unless
// they take the long way, through a 1973 visit to Moscow, an undated
// LOCATED_IN and the 1991 succession; and a small synthetic corner (Alpha to
// Delta) where the entity a time-respecting walk needs is reached first,
// and too late, by a shorter walk.
var (
	japan, soviet, russia, us = st("Japan"), st("Soviet Union"), st("Russia"), st("United States")
	alpha, beta, gamma, delta = st("Alpha"), st("Beta"), st("Gamma"), st("Delta")
	kono                      = kg.EntityID(kg.Person, "Taro Kono")
	lavrov                    = kg.EntityID(kg.Person, "Sergey Lavrov")
	hatoyama                  = kg.EntityID(kg.Person, "Ichiro Hatoyama")
	moscow                    = kg.EntityID(kg.Place, "Moscow")
	tokyo                     = kg.EntityID(kg.Place, "Tokyo")
	kurils                    = kg.EntityID(kg.Place, "Kuril Islands")
	declaration               = kg.EntityID(kg.Treaty, "Soviet-Japanese Joint Declaration")
	anpo                      = kg.EntityID(kg.Treaty, "Treaty of Mutual Cooperation and Security")
	moscowTalks               = kg.EntityID(kg.Event, "Moscow negotiations")
	tanakaVisit               = kg.EntityID(kg.Event, "Tanaka visit to Moscow")
	summit                    = kg.EntityID(kg.Event, "Abe–Putin summit in Singapore")
	konoLavrov                = kg.EntityID(kg.Event, "Kono–Lavrov meeting")
	article                   = kg.ArticleID("kono-lavrov")
)

func st(name string) string { return kg.EntityID(kg.State, name) }

var (
	eJapanDeclaration = edge(kg.PartyTo, japan, declaration, "1956-10-19", "")
	eSovietDecl       = edge(kg.PartyTo, soviet, declaration, "1956-10-19", "")
	eHatoyamaSigned   = edge(kg.SignedEdge, hatoyama, declaration, "1956-10-19", "")
	eHatoyamaOffice   = edge(kg.HoldsOffice, hatoyama, japan, "1954-12", "1956-12")
	eJapanAnpo        = edge(kg.PartyTo, japan, anpo, "1960-01-19", "")
	eUSAnpo           = edge(kg.PartyTo, us, anpo, "1960-01-19", "")
	eJapanAllied      = edge(kg.AlliedWith, japan, us, "1960", "")
	eJapanTalks       = edge(kg.ParticipatedIn, japan, moscowTalks, "1956", "")
	eSovietTalks      = edge(kg.ParticipatedIn, soviet, moscowTalks, "1956-10", "")
	eTalksConcern     = edge(kg.Concerns, moscowTalks, declaration, "", "")
	eJapanTanaka      = edge(kg.ParticipatedIn, japan, tanakaVisit, "1973-10", "")
	eTanakaMoscow     = edge(kg.HeldIn, tanakaVisit, moscow, "1973-10", "")
	eMoscowInRussia   = edge(kg.LocatedIn, moscow, russia, "", "")
	eTokyoInJapan     = edge(kg.LocatedIn, tokyo, japan, "", "")
	eJapanClaims      = edge(kg.Claims, japan, kurils, "", "")
	eSovietSucceeded  = edge(kg.SucceededBy, soviet, russia, "1991-12", "")
	eKonoOffice       = edge(kg.HoldsOffice, kono, japan, "2017-08", "2019-09")
	eLavrovOffice     = edge(kg.HoldsOffice, lavrov, russia, "2004-03-09", "")
	eJapanSummit      = edge(kg.ParticipatedIn, japan, summit, "2018-11-14", "")
	eRussiaSummit     = edge(kg.ParticipatedIn, russia, summit, "2018-11-14", "")
	eKonoMeeting      = edge(kg.ParticipatedIn, kono, konoLavrov, "2019-01-14", "")
	eLavrovMeeting    = edge(kg.ParticipatedIn, lavrov, konoLavrov, "2019-01-14", "")
	eMeetingMoscow    = edge(kg.HeldIn, konoLavrov, moscow, "2019-01-14", "")
	eMeetingConcerns  = edge(kg.Concerns, konoLavrov, declaration, "2019-01-14", "")
	eMentionsKono     = edge(kg.Mentions, article, kono, "", "")
	eMentionsLavrov   = edge(kg.Mentions, article, lavrov, "", "")

	eAlphaBeta  = edge(kg.AlliedWith, alpha, beta, "2000", "")
	eAlphaGamma = edge(kg.AlliedWith, alpha, gamma, "1950", "")
	eGammaBeta  = edge(kg.AlliedWith, gamma, beta, "1955", "")
	eBetaDelta  = edge(kg.AlliedWith, beta, delta, "1960", "")

	allEdges = []*kg.Edge{
		eJapanDeclaration, eSovietDecl, eHatoyamaSigned, eHatoyamaOffice, eJapanAnpo, eUSAnpo, eJapanAllied,
		eJapanTalks, eSovietTalks, eTalksConcern, eJapanTanaka, eTanakaMoscow, eMoscowInRussia, eTokyoInJapan,
		eJapanClaims, eSovietSucceeded, eKonoOffice, eLavrovOffice, eJapanSummit, eRussiaSummit, eKonoMeeting,
		eLavrovMeeting, eMeetingMoscow, eMeetingConcerns, eMentionsKono, eMentionsLavrov,
		eAlphaBeta, eAlphaGamma, eGammaBeta, eBetaDelta,
	}
)

func edge(t kg.EdgeType, from, to, date, end string) *kg.Edge {
	return &kg.Edge{ID: kg.EdgeID(t, from, to, ""), Type: t, From: from, To: to,
		Date: kg.MustParseDate(date), End: kg.MustParseDate(end),
		Evidence: []kg.Evidence{{Article: article, Sentence: 0, Quote: "Test."}}}
}

func diplomacy() *kg.Batch {
	b := &kg.Batch{Articles: []kg.Article{{ID: article, Title: "Kono and Lavrov meet"}}}
	for _, id := range []string{japan, soviet, russia, us, alpha, beta, gamma, delta, kono, lavrov, hatoyama, moscow, tokyo, kurils,
		declaration, anpo, moscowTalks, tanakaVisit, summit, konoLavrov} {
		kind := kg.KindOfID(id)
		e := kg.Entity{ID: id, Kind: kind, Name: id[strings.Index(id, ":")+1:]}
		if kind == kg.Event {
			e.EventType, e.Status = kg.Meeting, kg.Occurred
		}
		b.Entities = append(b.Entities, e)
	}
	for _, e := range allEdges {
		c := *e
		c.Evidence = slices.Clone(e.Evidence)
		b.Edges = append(b.Edges, c)
	}
	return b
}

// stepIDs returns the edge ids of p's steps, after checking that the steps
// join up from from, are oriented along the walk and pass no entity twice.
func stepIDs(t *testing.T, p *kg.Path, from string) []string {
	t.Helper()
	ids := []string{}
	at := from
	seen := map[string]bool{from: true}
	for i, s := range p.Steps {
		if s.From == nil || s.To == nil || s.Edge == nil {
			t.Fatalf("step %d has a nil part: %+v", i, s)
		}
		if s.From.ID != at {
			t.Fatalf("step %d starts at %s, want %s", i, s.From.ID, at)
		}
		if !(s.Edge.From == s.From.ID && s.Edge.To == s.To.ID) && !(s.Edge.To == s.From.ID && s.Edge.From == s.To.ID) {
			t.Fatalf("step %d: edge %s→%s does not join %s and %s", i, s.Edge.From, s.Edge.To, s.From.ID, s.To.ID)
		}
		if seen[s.To.ID] {
			t.Fatalf("step %d: %s visited twice", i, s.To.ID)
		}
		seen[s.To.ID] = true
		at = s.To.ID
		ids = append(ids, s.Edge.ID)
	}
	return ids
}

func edgeIDs(es ...*kg.Edge) []string {
	ids := []string{}
	for _, e := range es {
		ids = append(ids, e.ID)
	}
	return ids
}

// allWalks lists, by brute force over the test graph, the simple walks q
// allows, by length and then edge ids: the oracle Path and Paths are held
// to. It applies the package's rules as written in its documentation.
func allWalks(q walk.Query) [][]*kg.Edge { return allWalksIn(allEdges, q) }

// allWalksIn is allWalks over the given edges.
func allWalksIn(edges []*kg.Edge, q walk.Query) [][]*kg.Edge {
	hops := cmp.Or(q.MaxHops, 4)
	windowed := !q.Since.IsZero() || !q.Until.IsZero()
	var usable []*kg.Edge
	for _, e := range edges {
		if e.Type == kg.Mentions || (len(q.Types) > 0 && !slices.Contains(q.Types, e.Type)) {
			continue
		}
		if windowed && e.Date.IsZero() && !q.TimeRespecting {
			continue
		}
		if !e.Date.IsZero() && !e.Date.Overlaps(e.End, q.Since, q.Until) {
			continue
		}
		usable = append(usable, e)
	}
	var out [][]*kg.Edge
	var walk []*kg.Edge
	on := map[string]bool{q.From: true}
	var rec func(at string, last time.Time)
	rec = func(at string, last time.Time) {
		if at == q.To {
			out = append(out, slices.Clone(walk))
			return
		}
		if len(walk) == hops {
			return
		}
		for _, e := range usable {
			var next string
			switch at {
			case e.From:
				next = e.To
			case e.To:
				next = e.From
			default:
				continue
			}
			t := last
			if q.TimeRespecting && !e.Date.IsZero() {
				if e.Date.First().Before(last) {
					continue
				}
				t = e.Date.First()
			}
			if on[next] {
				continue
			}
			on[next] = true
			walk = append(walk, e)
			rec(next, t)
			walk = walk[:len(walk)-1]
			delete(on, next)
		}
	}
	rec(q.From, time.Time{})
	slices.SortStableFunc(out, func(a, b []*kg.Edge) int {
		if c := cmp.Compare(len(a), len(b)); c != 0 {
			return c
		}
		return slices.Compare(edgeIDs(a...), edgeIDs(b...))
	})
	return out
}

func code(err error) string { return kg.ErrorCode(err) }

func TestPath(t *testing.T) {
	d := kg.MustParseDate
	tests := []struct {
		name string
		q    walk.Query
		want []*kg.Edge // nil: only the hop count and the rules are checked, against the oracle
		// exact: the walk must be the oracle's first (the smallest edge ids
		// among shortest walks), which plain walks promise.
		exact bool
	}{
		{name: "plain, back in time", q: walk.Query{From: us, To: soviet}, exact: true},
		{name: "plain, neighbours", q: walk.Query{From: japan, To: us}, want: []*kg.Edge{eJapanAllied}},
		{name: "plain, through people", q: walk.Query{From: kono, To: lavrov}, exact: true},
		{
			name: "time-respecting takes the long way, undated in the middle",
			q:    walk.Query{From: us, To: soviet, MaxHops: 5, TimeRespecting: true},
			want: []*kg.Edge{eJapanAllied, eJapanTanaka, eTanakaMoscow, eMoscowInRussia, eSovietSucceeded},
		},
		{
			name: "time-respecting reaches an entity again, earlier",
			q:    walk.Query{From: alpha, To: delta, TimeRespecting: true},
			want: []*kg.Edge{eAlphaGamma, eGammaBeta, eBetaDelta},
		},
		{name: "plain ignores time", q: walk.Query{From: alpha, To: delta}, want: []*kg.Edge{eAlphaBeta, eBetaDelta}},
		{
			name: "window leaves out the summit and undated edges",
			q:    walk.Query{From: japan, To: russia, Until: d("2010")},
		},
		{name: "window, no window", q: walk.Query{From: japan, To: russia}, want: []*kg.Edge{eJapanSummit, eRussiaSummit}},
		{
			name: "time-respecting window keeps undated edges",
			q:    walk.Query{From: japan, To: russia, Until: d("2010"), TimeRespecting: true},
		},
		{
			name: "types",
			q:    walk.Query{From: japan, To: soviet, Types: []kg.EdgeType{kg.PartyTo}},
			want: []*kg.Edge{eJapanDeclaration, eSovietDecl},
		},
		{
			name: "same day may follow",
			q:    walk.Query{From: hatoyama, To: soviet, TimeRespecting: true},
			want: []*kg.Edge{eHatoyamaSigned, eSovietDecl},
		},
		{name: "to itself", q: walk.Query{From: japan, To: japan}, want: []*kg.Edge{}},
	}
	forEachStore(t, diplomacy, func(t *testing.T, s kg.Store) {
		ctx := context.Background()
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				p, err := walk.Path(ctx, s, tc.q)
				if err != nil {
					t.Fatalf("Path: %v", err)
				}
				got := stepIDs(t, p, tc.q.From)
				// The search reads edges without their evidence; the
				// walk's edges come with it, as the store has them.
				for _, st := range p.Steps {
					stored, err := s.Edge(ctx, st.Edge.ID)
					if err != nil {
						t.Fatal(err)
					}
					if len(stored.Evidence) == 0 {
						t.Fatalf("test broken: edge %s has no evidence", stored.ID)
					}
					if diff := gocmp.Diff(stored, st.Edge, gocmp.Transformer("TIMEX", kg.Date.String)); diff != "" {
						t.Errorf("step edge %s (-stored +walk):\n%s", stored.ID, diff)
					}
				}
				oracle := allWalks(tc.q)
				if tc.q.From == tc.q.To {
					oracle = [][]*kg.Edge{{}}
				}
				if len(oracle) == 0 {
					t.Fatalf("test broken: the oracle finds no walk")
				}
				if p.Hops() != len(oracle[0]) {
					t.Errorf("Path has %d hops, a shortest walk %d: %v", p.Hops(), len(oracle[0]), got)
				}
				if tc.exact {
					tc.want = oracle[0]
				}
				if tc.want != nil {
					if diff := gocmp.Diff(edgeIDs(tc.want...), got); diff != "" {
						t.Errorf("walk (-want +got):\n%s", diff)
					}
				}
				// Whatever the walk, it must be one the oracle allows.
				if !slices.ContainsFunc(oracle, func(w []*kg.Edge) bool { return slices.Equal(edgeIDs(w...), got) }) {
					t.Errorf("walk %v breaks the query's rules", got)
				}
				if tc.q.TimeRespecting || !tc.q.Since.IsZero() || !tc.q.Until.IsZero() || len(tc.q.Types) > 0 {
					return
				}
				// A plain walk is as short as the store's own.
				sp, err := s.Path(ctx, kg.PathQuery{From: tc.q.From, To: tc.q.To, MaxHops: tc.q.MaxHops})
				if err != nil {
					t.Fatalf("Store.Path: %v", err)
				}
				if sp.Hops() != p.Hops() {
					t.Errorf("Path has %d hops, Store.Path %d", p.Hops(), sp.Hops())
				}
			})
		}
	})
}

func TestPathErrors(t *testing.T) {
	d := kg.MustParseDate
	tests := []struct {
		name string
		q    walk.Query
		code string
	}{
		{"no time-respecting walk within 4 hops", walk.Query{From: us, To: soviet, TimeRespecting: true}, kg.ENOTFOUND},
		{"maxHops bounds", walk.Query{From: us, To: soviet, MaxHops: 2}, kg.ENOTFOUND},
		{"no time-respecting walk at all", walk.Query{From: kono, To: soviet, MaxHops: 8, TimeRespecting: true}, kg.ENOTFOUND},
		{"window leaves nothing", walk.Query{From: us, To: soviet, Since: d("1970")}, kg.ENOTFOUND},
		{"other component", walk.Query{From: japan, To: alpha}, kg.ENOTFOUND},
		{"unknown from", walk.Query{From: "state:atlantis", To: japan}, kg.ENOTFOUND},
		{"unknown to", walk.Query{From: japan, To: "state:atlantis"}, kg.ENOTFOUND},
		{"article is no entity", walk.Query{From: article, To: japan}, kg.ENOTFOUND},
		{"empty from", walk.Query{To: japan}, kg.EINVALID},
		{"maxHops too large", walk.Query{From: us, To: soviet, MaxHops: kg.MaxHops + 1}, kg.EINVALID},
		{"maxHops negative", walk.Query{From: us, To: soviet, MaxHops: -1}, kg.EINVALID},
		{"mentions", walk.Query{From: kono, To: lavrov, Types: []kg.EdgeType{kg.Mentions}}, kg.EINVALID},
		{"unknown type", walk.Query{From: kono, To: lavrov, Types: []kg.EdgeType{"LIKES"}}, kg.EINVALID},
		{"window backwards", walk.Query{From: us, To: soviet, Since: d("1990"), Until: d("1980")}, kg.EINVALID},
	}
	forEachStore(t, diplomacy, func(t *testing.T, s kg.Store) {
		ctx := context.Background()
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				p, err := walk.Path(ctx, s, tc.q)
				if code(err) != tc.code {
					t.Fatalf("Path = %v, %v; want code %s", p, err, tc.code)
				}
				ps, err := walk.Paths(ctx, s, tc.q, 3)
				if code(err) != tc.code {
					t.Fatalf("Paths = %v, %v; want code %s", ps, err, tc.code)
				}
			})
		}
		for _, k := range []int{-1, 0, walk.MaxPaths + 1} {
			if _, err := walk.Paths(ctx, s, walk.Query{From: us, To: soviet}, k); code(err) != kg.EINVALID {
				t.Errorf("Paths(k=%d) = %v, want EINVALID", k, err)
			}
		}
	})
}

func TestPaths(t *testing.T) {
	d := kg.MustParseDate
	tests := []struct {
		name string
		q    walk.Query
		k    int
	}{
		{"plain", walk.Query{From: us, To: soviet}, 10},
		{"plain, many", walk.Query{From: us, To: soviet, MaxHops: 6}, walk.MaxPaths},
		{"one", walk.Query{From: us, To: soviet}, 1},
		{"time-respecting", walk.Query{From: us, To: soviet, MaxHops: 6, TimeRespecting: true}, 5},
		{"time-respecting, reached again earlier", walk.Query{From: alpha, To: delta, TimeRespecting: true}, 5},
		{"window", walk.Query{From: japan, To: russia, Until: d("2010"), MaxHops: 5}, 10},
		{"time-respecting window", walk.Query{From: japan, To: russia, Until: d("2010"), MaxHops: 5, TimeRespecting: true}, 10},
		{"types", walk.Query{From: kono, To: lavrov, Types: []kg.EdgeType{kg.ParticipatedIn, kg.HoldsOffice}, MaxHops: 6}, 10},
	}
	forEachStore(t, diplomacy, func(t *testing.T, s kg.Store) {
		ctx := context.Background()
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				ps, err := walk.Paths(ctx, s, tc.q, tc.k)
				if err != nil {
					t.Fatalf("Paths: %v", err)
				}
				var got [][]string
				for _, p := range ps {
					got = append(got, stepIDs(t, p, tc.q.From)) // checks no entity repeats
				}
				oracle := allWalks(tc.q)
				var want [][]string
				for _, w := range oracle[:min(tc.k, len(oracle))] {
					want = append(want, edgeIDs(w...))
				}
				if diff := gocmp.Diff(want, got); diff != "" {
					t.Errorf("walks (-want +got):\n%s", diff)
				}
				seen := map[string]bool{}
				for i, w := range got {
					key := strings.Join(w, ",")
					if seen[key] {
						t.Errorf("walk %d repeats an earlier one", i)
					}
					seen[key] = true
					if i > 0 && len(w) < len(got[i-1]) {
						t.Errorf("walk %d is shorter than walk %d", i, i-1)
					}
				}
				if len(ps) > 0 {
					p, err := walk.Path(ctx, s, tc.q)
					if err != nil {
						t.Fatalf("Path: %v", err)
					}
					if p.Hops() != ps[0].Hops() {
						t.Errorf("Path has %d hops, the first of Paths %d", p.Hops(), ps[0].Hops())
					}
				}
			})
		}
	})
}

func TestNeighborhood(t *testing.T) {
	d := kg.MustParseDate
	partyTo := []kg.EdgeType{kg.PartyTo}
	tests := []struct {
		name         string
		id           string
		hops         int
		types        []kg.EdgeType
		since, until kg.Date
		first        int
		nodes        []string
		edges        []*kg.Edge
		truncated    bool
	}{
		{
			name: "one hop", id: japan, hops: 1, types: partyTo,
			nodes: []string{japan, anpo, declaration}, edges: []*kg.Edge{eJapanDeclaration, eJapanAnpo},
		},
		{
			name: "two hops", id: japan, hops: 2, types: partyTo,
			nodes: []string{japan, anpo, declaration, us, soviet},
			edges: []*kg.Edge{eJapanDeclaration, eSovietDecl, eJapanAnpo, eUSAnpo},
		},
		{
			name: "two hops in a window", id: japan, hops: 2, types: partyTo, since: d("1960"),
			nodes: []string{japan, anpo, us}, edges: []*kg.Edge{eJapanAnpo, eUSAnpo},
		},
		{
			// The outermost ring's own edges are shown: Japan and the
			// United States are both one hop from the treaty.
			name: "edges within the outer ring", id: anpo, hops: 1,
			nodes: []string{anpo, japan, us}, edges: []*kg.Edge{eJapanAnpo, eUSAnpo, eJapanAllied},
		},
		{
			name: "undated edges left out by a window", id: moscow, hops: 1, since: d("1900"),
			nodes: []string{moscow, konoLavrov, tanakaVisit}, edges: []*kg.Edge{eTanakaMoscow, eMeetingMoscow},
		},
		{
			name: "first caps the nodes", id: japan, hops: 2, first: 4, truncated: true,
		},
		{
			name: "mentions are not walked", id: kono, hops: 1,
			nodes: []string{kono, japan, konoLavrov}, edges: []*kg.Edge{eKonoOffice, eKonoMeeting},
		},
	}
	forEachStore(t, diplomacy, func(t *testing.T, s kg.Store) {
		ctx := context.Background()
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				g, err := walk.Neighborhood(ctx, s, walk.NeighborhoodQuery{ID: tc.id, Hops: tc.hops, Types: tc.types, Since: tc.since, Until: tc.until, First: tc.first})
				if err != nil {
					t.Fatalf("Neighborhood: %v", err)
				}
				var nodes []string
				in := map[string]bool{}
				for _, n := range g.Nodes {
					nodes = append(nodes, n.ID)
					in[n.ID] = true
				}
				if g.Truncated != tc.truncated {
					t.Errorf("Truncated = %v, want %v", g.Truncated, tc.truncated)
				}
				if tc.first > 0 && len(nodes) > tc.first {
					t.Errorf("%d nodes, more than first=%d", len(nodes), tc.first)
				}
				if len(nodes) == 0 || nodes[0] != tc.id {
					t.Errorf("nodes %v do not start with %s", nodes, tc.id)
				}
				for _, e := range g.Edges {
					if !in[e.From] || !in[e.To] {
						t.Errorf("edge %s→%s leaves the subgraph", e.From, e.To)
					}
				}
				if tc.nodes == nil {
					return
				}
				// Within a hop the order is the walk's (edges by id), which
				// the test does not fix; the hops must be in order.
				if diff := gocmp.Diff(tc.nodes[0], nodes[0]); diff != "" {
					t.Errorf("centre (-want +got):\n%s", diff)
				}
				want := slices.Sorted(slices.Values(tc.nodes)) // the table is shared by the stores: no sorting in place
				slices.Sort(nodes)
				if diff := gocmp.Diff(want, nodes); diff != "" {
					t.Errorf("nodes (-want +got):\n%s", diff)
				}
				wantEdges := edgeIDs(tc.edges...)
				slices.Sort(wantEdges)
				if diff := gocmp.Diff(wantEdges, edgeIDs(g.Edges...)); diff != "" {
					t.Errorf("edges (-want +got):\n%s", diff)
				}
			})
		}
		t.Run("evidence only when asked", func(t *testing.T) {
			// Without evidence the same subgraph; with it, each edge's
			// evidence as the store holds it.
			with, err := walk.Neighborhood(ctx, s, walk.NeighborhoodQuery{ID: japan, Hops: 2})
			if err != nil {
				t.Fatal(err)
			}
			without, err := walk.Neighborhood(ctx, s, walk.NeighborhoodQuery{ID: japan, Hops: 2, NoEvidence: true})
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(edgeIDs(with.Edges...), edgeIDs(without.Edges...)); diff != "" {
				t.Errorf("edges with and without evidence differ (-with +without):\n%s", diff)
			}
			cited := 0
			for _, e := range with.Edges {
				stored, err := s.Edge(ctx, e.ID)
				if err != nil {
					t.Fatal(err)
				}
				if diff := gocmp.Diff(stored.Evidence, e.Evidence); diff != "" {
					t.Errorf("edge %s evidence (-stored +neighbourhood):\n%s", e.ID, diff)
				}
				cited += len(e.Evidence)
			}
			if cited == 0 {
				t.Error("no edge of Japan's neighbourhood has evidence: the test checks nothing")
			}
		})
		t.Run("nearest first", func(t *testing.T) {
			g, err := walk.Neighborhood(ctx, s, walk.NeighborhoodQuery{ID: japan, Hops: 2, Types: partyTo})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, n := range g.Nodes {
				got = append(got, n.ID)
			}
			ring1 := []string{anpo, declaration}
			if len(got) != 5 || !slices.Contains(ring1, got[1]) || !slices.Contains(ring1, got[2]) {
				t.Errorf("nodes %v: want Japan, then the treaties, then the other parties", got)
			}
		})
		t.Run("errors", func(t *testing.T) {
			for _, c := range []struct {
				id          string
				hops, first int
				types       []kg.EdgeType
				since       kg.Date
				until       kg.Date
				code        string
			}{
				{id: "state:atlantis", hops: 1, code: kg.ENOTFOUND},
				{id: japan, hops: 0, code: kg.EINVALID},
				{id: japan, hops: 4, code: kg.EINVALID},
				{id: japan, hops: 1, first: -1, code: kg.EINVALID},
				{id: japan, hops: 1, first: kg.MaxFirst + 1, code: kg.EINVALID},
				{id: japan, hops: 1, types: []kg.EdgeType{kg.Mentions}, code: kg.EINVALID},
				{id: japan, hops: 1, since: d("2000"), until: d("1990"), code: kg.EINVALID},
			} {
				_, err := walk.Neighborhood(ctx, s, walk.NeighborhoodQuery{ID: c.id, Hops: c.hops, Types: c.types, Since: c.since, Until: c.until, First: c.first})
				if code(err) != c.code {
					t.Errorf("Neighborhood(%q, hops %d, first %d, %v, %s..%s) = %v, want %s", c.id, c.hops, c.first, c.types, c.since, c.until, err, c.code)
				}
			}
		})
	})
}

// counting is a store that counts its edge calls.
type counting struct {
	kg.Store
	mu      sync.Mutex
	batches int
	queries int
	singles int
}

func (c *counting) EdgesBatch(ctx context.Context, qs []kg.EdgeQuery) ([]*kg.EdgePage, error) {
	c.mu.Lock()
	c.batches++
	c.queries += len(qs)
	c.mu.Unlock()
	return c.Store.EdgesBatch(ctx, qs)
}

func (c *counting) Edges(ctx context.Context, q kg.EdgeQuery) (*kg.EdgePage, error) {
	c.mu.Lock()
	c.singles++
	c.mu.Unlock()
	return c.Store.Edges(ctx, q)
}

func (c *counting) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.batches, c.queries, c.singles = 0, 0, 0
}

// hubEvents is how many events the hub state takes part in: more than a
// walk reads of one entity.
const hubEvents = 3000

// hub2Events is how many events the second hub, apart from the first,
// takes part in: also more than a walk reads of one entity.
const hub2Events = walk.MaxNodeEdges + 200

var (
	hub      = st("Hub")
	hub2     = st("Second hub")
	loner    = st("Loner")
	lonerPal = st("Loner's ally")
)

func hubEvent(i int) string  { return kg.EntityID(kg.Event, fmt.Sprintf("Summit %04d", i)) }
func hub2Event(i int) string { return kg.EntityID(kg.Event, fmt.Sprintf("Forum %04d", i)) }

// hubGraph is a state in thousands of events, each event also attended by
// one of a few other states, and two states on their own.
func hubGraph() *kg.Batch {
	b := &kg.Batch{Articles: []kg.Article{{ID: article, Title: "Hub"}}}
	b.Entities = append(b.Entities, kg.Entity{ID: hub, Kind: kg.State, Name: "Hub"},
		kg.Entity{ID: loner, Kind: kg.State, Name: "Loner"}, kg.Entity{ID: lonerPal, Kind: kg.State, Name: "Loner's ally"})
	others := make([]string, 10)
	for i := range others {
		others[i] = st(fmt.Sprintf("Other %d", i))
		b.Entities = append(b.Entities, kg.Entity{ID: others[i], Kind: kg.State, Name: fmt.Sprintf("Other %d", i)})
	}
	start := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range hubEvents {
		ev := hubEvent(i)
		day := kg.DayOf(start.AddDate(0, 0, i*7))
		b.Entities = append(b.Entities, kg.Entity{ID: ev, Kind: kg.Event, Name: fmt.Sprintf("Summit %04d", i), EventType: kg.Summit, Status: kg.Occurred, Date: day})
		for _, p := range []string{hub, others[i%len(others)]} {
			b.Edges = append(b.Edges, kg.Edge{ID: kg.EdgeID(kg.ParticipatedIn, p, ev, ""), Type: kg.ParticipatedIn, From: p, To: ev, Date: day})
		}
	}
	b.Entities = append(b.Entities, kg.Entity{ID: hub2, Kind: kg.State, Name: "Second hub"})
	for i := range hub2Events {
		ev := hub2Event(i)
		day := kg.DayOf(start.AddDate(0, 0, i*7))
		b.Entities = append(b.Entities, kg.Entity{ID: ev, Kind: kg.Event, Name: fmt.Sprintf("Forum %04d", i), EventType: kg.Conference, Status: kg.Occurred, Date: day})
		b.Edges = append(b.Edges, kg.Edge{ID: kg.EdgeID(kg.ParticipatedIn, hub2, ev, ""), Type: kg.ParticipatedIn, From: hub2, To: ev, Date: day})
	}
	b.Edges = append(b.Edges, kg.Edge{ID: kg.EdgeID(kg.AlliedWith, loner, lonerPal, ""), Type: kg.AlliedWith, From: loner, To: lonerPal})
	return b
}

// TestHubBounded checks that walks through a hub read it in a few batch
// calls, never one call per entity, and say when they could not read it
// all.
func TestHubBounded(t *testing.T) {
	// Each level costs at most maxRounds (3) batch calls, plus one for the
	// levels a walk's first read covers; a few more for Neighborhood's outer
	// ring.
	const perHop = 3
	forEachStore(t, hubGraph, func(t *testing.T, s kg.Store) {
		ctx := context.Background()
		c := &counting{Store: s}
		check := func(t *testing.T, hops int) {
			t.Helper()
			if c.singles > 0 {
				t.Errorf("%d single Edges calls, want none", c.singles)
			}
			if c.batches > perHop*(hops+1) {
				t.Errorf("%d EdgesBatch calls for %d hops, want at most %d", c.batches, hops, perHop*(hops+1))
			}
			t.Logf("%d EdgesBatch calls, %d queries", c.batches, c.queries)
		}
		t.Run("neighborhood", func(t *testing.T) {
			c.reset()
			g, err := walk.Neighborhood(ctx, c, walk.NeighborhoodQuery{ID: hub, Hops: 2, First: kg.MaxFirst})
			if err != nil {
				t.Fatal(err)
			}
			if !g.Truncated || len(g.Nodes) != kg.MaxFirst {
				t.Errorf("Truncated = %v with %d nodes, want true with %d", g.Truncated, len(g.Nodes), kg.MaxFirst)
			}
			check(t, 2)
		})
		t.Run("path through the hub", func(t *testing.T) {
			c.reset()
			p, err := walk.Path(ctx, c, walk.Query{From: hubEvent(0), To: hubEvent(1)})
			if err != nil {
				t.Fatal(err)
			}
			if p.Hops() != 2 {
				t.Errorf("%d hops, want 2", p.Hops())
			}
			check(t, 2)
		})
		t.Run("path between far ends of the hub", func(t *testing.T) {
			c.reset()
			p, err := walk.Path(ctx, c, walk.Query{From: hubEvent(0), To: hubEvent(hubEvents - 1)})
			if err != nil {
				t.Fatal(err)
			}
			if p.Hops() != 2 {
				t.Errorf("%d hops, want 2", p.Hops())
			}
			check(t, 2)
		})
		t.Run("no path, search cut", func(t *testing.T) {
			// Both ends lie behind hubs the walk cannot read whole: that
			// no walk exists is not established.
			c.reset()
			_, err := walk.Path(ctx, c, walk.Query{From: hubEvent(0), To: hub2Event(0), MaxHops: 4})
			if code(err) != kg.EINVALID {
				t.Errorf("Path = %v, want EINVALID: the hubs were not read whole", err)
			}
			check(t, 4)
		})
		t.Run("paths, search cut", func(t *testing.T) {
			c.reset()
			_, err := walk.Paths(ctx, c, walk.Query{From: hubEvent(0), To: hub2Event(0), MaxHops: 4}, 3)
			if code(err) != kg.EINVALID {
				t.Errorf("Paths = %v, want EINVALID: the hubs were not read whole", err)
			}
			check(t, 4)
		})
		t.Run("no path, one end complete", func(t *testing.T) {
			// The loner's side runs out of entities, read whole: no walk
			// exists, however much of the hub went unread.
			c.reset()
			_, err := walk.Path(ctx, c, walk.Query{From: hubEvent(0), To: loner, MaxHops: 4})
			if code(err) != kg.ENOTFOUND {
				t.Errorf("Path = %v, want ENOTFOUND", err)
			}
			check(t, 1)
		})
	})
}

// randomGraphs are small random graphs, one component each, with parallel
// edges, undated edges and dates of every precision from decade to day:
// the oracle checks Path and Paths on all of them.
type randomGraphs struct {
	batch *kg.Batch
	nodes [][]string
	edges [][]*kg.Edge
}

func makeRandomGraphs(n int) *randomGraphs {
	r := rand.New(rand.NewPCG(1956, 1960))
	g := &randomGraphs{batch: &kg.Batch{Articles: []kg.Article{{ID: article, Title: "Random"}}}}
	dates := func() kg.Date {
		y := 1950 + r.IntN(12)
		switch r.IntN(6) {
		case 0:
			return kg.Date{}
		case 1:
			return kg.Decade(y)
		case 2:
			return kg.Year(y)
		case 3:
			return kg.Month(y, time.Month(1+r.IntN(12)))
		}
		return kg.Day(y, time.Month(1+r.IntN(12)), 1+r.IntN(28))
	}
	for i := range n {
		var nodes []string
		for j := range 8 {
			name := fmt.Sprintf("Random %02d-%d", i, j)
			id := kg.EntityID(kg.State, name)
			nodes = append(nodes, id)
			g.batch.Entities = append(g.batch.Entities, kg.Entity{ID: id, Kind: kg.State, Name: name})
		}
		var edges []*kg.Edge
		seen := map[string]bool{}
		for len(edges) < 12 {
			a, b := nodes[r.IntN(len(nodes))], nodes[r.IntN(len(nodes))]
			role := fmt.Sprint(r.IntN(2)) // two roles make parallel edges
			id := kg.EdgeID(kg.AlliedWith, a, b, role)
			if a == b || seen[id] {
				continue
			}
			seen[id] = true
			e := &kg.Edge{ID: id, Type: kg.AlliedWith, From: a, To: b, Role: role, Date: dates()}
			edges = append(edges, e)
			g.batch.Edges = append(g.batch.Edges, *e)
		}
		g.nodes, g.edges = append(g.nodes, nodes), append(g.edges, edges)
	}
	return g
}

// TestAgainstOracle holds Path and Paths to brute force on random graphs,
// where time-respecting walks often must reach an entity twice, the second
// time earlier.
func TestAgainstOracle(t *testing.T) {
	g := makeRandomGraphs(40)
	forEachStore(t, func() *kg.Batch { return g.batch }, func(t *testing.T, s kg.Store) {
		ctx := context.Background()
		r := rand.New(rand.NewPCG(7, 7))
		checked, longer := 0, 0
		for i := range g.nodes {
			for range 20 {
				q := walk.Query{
					From: g.nodes[i][r.IntN(8)], To: g.nodes[i][r.IntN(8)],
					MaxHops: 1 + r.IntN(5), TimeRespecting: r.IntN(3) > 0,
				}
				if r.IntN(3) == 0 {
					q.Since = kg.Year(1950 + r.IntN(6))
				}
				if q.From == q.To {
					continue
				}
				name := fmt.Sprintf("%s→%s/hops=%d/tr=%v/since=%s", q.From, q.To, q.MaxHops, q.TimeRespecting, q.Since)
				oracle := allWalksIn(g.edges[i], q)
				p, err := walk.Path(ctx, s, q)
				switch {
				case len(oracle) == 0:
					if code(err) != kg.ENOTFOUND {
						t.Errorf("%s: Path = %v, want ENOTFOUND", name, err)
					}
					continue
				case err != nil:
					t.Errorf("%s: Path: %v; want %d hops", name, err, len(oracle[0]))
					continue
				}
				got := stepIDs(t, p, q.From)
				if len(got) != len(oracle[0]) || !slices.ContainsFunc(oracle, func(w []*kg.Edge) bool { return slices.Equal(edgeIDs(w...), got) }) {
					t.Errorf("%s: Path = %v, want a walk of %d hops the query allows", name, got, len(oracle[0]))
				}
				ps, err := walk.Paths(ctx, s, q, 4)
				if err != nil {
					t.Errorf("%s: Paths: %v", name, err)
					continue
				}
				var gotAll, want [][]string
				for _, p := range ps {
					gotAll = append(gotAll, stepIDs(t, p, q.From))
				}
				for _, w := range oracle[:min(4, len(oracle))] {
					want = append(want, edgeIDs(w...))
				}
				if diff := gocmp.Diff(want, gotAll); diff != "" {
					t.Errorf("%s: Paths (-want +got):\n%s", name, diff)
				}
				checked++
				plain := q
				plain.TimeRespecting = false
				if q.TimeRespecting && q.Since.IsZero() {
					if pw := allWalksIn(g.edges[i], plain); len(pw[0]) < len(oracle[0]) {
						longer++
					}
				}
			}
		}
		if longer == 0 {
			t.Errorf("no time-respecting walk was longer than the plain one: the random graphs test little")
		}
		t.Logf("%d time-respecting walks longer than the plain shortest", longer)
		if checked < 30 {
			t.Errorf("only %d queries had walks: the random graphs are too sparse to test much", checked)
		}
		t.Logf("%d queries with walks checked", checked)
	})
}
