package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	gocmp "github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/neo4j/neo4jtest"
	"github.com/diplograph/diplograph/sqlite"
)

const seedDir = "../../shared/corpus/seed"

// stores are the engines every GraphQL test runs against.
var stores = []struct {
	name string
	open func(testing.TB) kg.Store
}{
	{"sqlite", func(tb testing.TB) kg.Store {
		s, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "graph.db"))
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { s.Close() })
		return s
	}},
	{"neo4j", func(tb testing.TB) kg.Store { return neo4jtest.Open(tb) }},
}

// eachStore runs f once per store, with a client over a store loaded with
// the seed article.
func eachStore(t *testing.T, f func(t *testing.T, c *client.Client, h http.Handler)) {
	for _, s := range stores {
		t.Run(s.name, func(t *testing.T) {
			c, h := mustSeededClient(t, s.open(t))
			f(t, c, h)
		})
	}
}

// mustSeededClient returns a GraphQL client over the real handler and
// store, loaded with the seed article by the real loader.
func mustSeededClient(tb testing.TB, store kg.Store) (*client.Client, http.Handler) {
	tb.Helper()
	ctx := context.Background()
	l := &loader.Loader{Store: store}
	sum, err := l.Load(ctx, []string{seedDir})
	if err != nil {
		tb.Fatal(err)
	}
	if sum.Articles != 1 {
		tb.Fatalf("loaded %d articles from %s, want 1 (is ../shared beside the repo?)", sum.Articles, seedDir)
	}
	h := graph.NewHandler(store, graph.Options{})
	return client.New(h), h
}

type entityJSON struct {
	ID       string
	Kind     string
	Name     string
	Aliases  []string
	Date     *string
	Typename string `json:"__typename"`
}

func TestSearchFindsTreatyByAnyWord(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		var resp struct{ Search []entityJSON }
		c.MustPost(`query($t: String!) { search(text: $t, kinds: [TREATY]) { __typename id kind name date } }`, &resp, client.Var("t", "declaration"))
		i := slices.IndexFunc(resp.Search, func(e entityJSON) bool { return e.Name == "Soviet-Japanese Joint Declaration" })
		if i < 0 {
			t.Fatalf("search(declaration) = %+v, want the Soviet-Japanese Joint Declaration", resp.Search)
		}
		got := resp.Search[i]
		if got.Kind != "TREATY" || got.Typename != "Treaty" || got.Date == nil || !strings.HasPrefix(*got.Date, "1956") {
			t.Errorf("declaration = %+v, want a TREATY of 1956", got)
		}
		for _, e := range resp.Search {
			if e.Kind != "TREATY" {
				t.Errorf("kinds filter let %+v through", e)
			}
		}
	})
}

func TestSearchIsCaseAndAccentInsensitive(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		for _, text := range []string{"lavrov", "LAVROV", "Lávrov"} {
			var resp struct{ Search []entityJSON }
			c.MustPost(`query($t: String!) { search(text: $t) { id name } }`, &resp, client.Var("t", text))
			if len(resp.Search) == 0 || resp.Search[0].Name != "Sergey Lavrov" {
				t.Errorf("search(%q) = %+v, want Sergey Lavrov first", text, resp.Search)
			}
		}
	})
}

func TestEntityEdgesPaginate(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		query := `query($id: ID!, $after: String) {
		  entity(id: $id) { name edges(first: 2, after: $after) {
		    totalCount pageInfo { hasNextPage endCursor }
		    edges { cursor node { id type date from { id } to { id } evidence { articleId sentence quote start end } } } } } }`
		type page struct {
			Entity struct {
				Name  string
				Edges struct {
					TotalCount int
					PageInfo   struct {
						HasNextPage bool
						EndCursor   *string
					}
					Edges []struct {
						Cursor string
						Node   struct {
							ID       string
							Type     string
							Date     *string
							From, To struct{ ID string }
							Evidence []struct {
								ArticleID  string
								Sentence   int
								Quote      string
								Start, End int
							}
						}
					}
				}
			}
		}
		var seen []string
		var after *string
		total := -1
		for range 50 {
			var resp page
			c.MustPost(query, &resp, client.Var("id", "state:japan"), client.Var("after", after))
			if total < 0 {
				total = resp.Entity.Edges.TotalCount
			}
			for _, e := range resp.Entity.Edges.Edges {
				if slices.Contains(seen, e.Node.ID) {
					t.Fatalf("edge %s returned twice", e.Node.ID)
				}
				seen = append(seen, e.Node.ID)
				if e.Node.From.ID != "state:japan" && e.Node.To.ID != "state:japan" {
					t.Errorf("edge %+v does not touch Japan", e.Node)
				}
				for _, ev := range e.Node.Evidence {
					if strings.HasPrefix(ev.ArticleID, kg.ReferencePrefix) {
						// A dataset's record: quoted, with no offsets.
						if ev.Quote == "" || ev.End != 0 {
							t.Errorf("edge %s has reference evidence %+v without a record", e.Node.ID, ev)
						}
						continue
					}
					if ev.Quote == "" || ev.End <= ev.Start || ev.ArticleID == "" {
						t.Errorf("edge %s has evidence %+v without a quote and offsets", e.Node.ID, ev)
					}
				}
			}
			if !resp.Entity.Edges.PageInfo.HasNextPage {
				break
			}
			after = resp.Entity.Edges.PageInfo.EndCursor
		}
		if total < 3 || len(seen) != total {
			t.Errorf("walked %d edges over pages, totalCount %d; want all of at least 3", len(seen), total)
		}
	})
}

func TestPathFrom1956To1960(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		var ids struct {
			A []entityJSON
			B []entityJSON
		}
		c.MustPost(`{ a: search(text: "1956 Declaration", kinds: [TREATY]) { id name } b: search(text: "security treaty United States Japan", kinds: [TREATY]) { id name } }`, &ids)
		if len(ids.A) == 0 || len(ids.B) == 0 {
			t.Fatalf("treaties not found: %+v", ids)
		}
		var resp struct {
			Path *struct {
				Hops  int
				Steps []struct {
					From, To struct{ ID, Name string }
					Edge     struct {
						Type     string
						Date     *string
						Evidence []struct{ Quote string }
					}
				}
			}
		}
		c.MustPost(`query($a: ID!, $b: ID!) { path(from: $a, to: $b, maxHops: 2) { hops steps { from { id name } edge { type date evidence { quote } } to { id name } } } }`,
			&resp, client.Var("a", ids.A[0].ID), client.Var("b", ids.B[0].ID))
		if resp.Path == nil {
			t.Fatalf("no path from %s to %s within 2 hops", ids.A[0].ID, ids.B[0].ID)
		}
		if resp.Path.Hops > 2 || resp.Path.Hops != len(resp.Path.Steps) {
			t.Fatalf("hops = %d with %d steps, want at most 2", resp.Path.Hops, len(resp.Path.Steps))
		}
		if resp.Path.Steps[0].From.ID != ids.A[0].ID || resp.Path.Steps[len(resp.Path.Steps)-1].To.ID != ids.B[0].ID {
			t.Errorf("path does not run from %s to %s: %+v", ids.A[0].ID, ids.B[0].ID, resp.Path.Steps)
		}
		for _, s := range resp.Path.Steps {
			// Either two-hop walk is right: through Japan as party to
			// both, or through its departure from the Declaration, which
			// the article does not date.
			if s.Edge.Date == nil && s.Edge.Type != "WITHDREW_FROM" {
				t.Errorf("step %s -%s-> %s is undated", s.From.Name, s.Edge.Type, s.To.Name)
			}
			if len(s.Edge.Evidence) == 0 {
				t.Errorf("step %s -%s-> %s has no evidence", s.From.Name, s.Edge.Type, s.To.Name)
			}
		}
	})
}

func TestTimelineInDateOrder(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		var resp struct {
			Timeline []struct {
				Name, Date, Type string
				Status           *string
				Participants     []struct{ Name string }
			}
		}
		c.MustPost(`{ timeline(from: "2019-01", to: "2019-01") { name date type status participants { name } } }`, &resp)
		if len(resp.Timeline) < 3 {
			t.Fatalf("timeline of January 2019 = %+v, want the meeting, the statement and the visit", resp.Timeline)
		}
		var dates []string
		for _, e := range resp.Timeline {
			dates = append(dates, e.Date)
		}
		if !slices.IsSorted(dates) {
			t.Errorf("timeline dates %v are not in order", dates)
		}
		meeting := slices.IndexFunc(resp.Timeline, func(e struct {
			Name, Date, Type string
			Status           *string
			Participants     []struct{ Name string }
		}) bool {
			return e.Type == "MEETING" && e.Date == "2019-01-14"
		})
		if meeting < 0 {
			t.Fatalf("no meeting on 2019-01-14 in %+v", resp.Timeline)
		}
		var names []string
		for _, p := range resp.Timeline[meeting].Participants {
			names = append(names, p.Name)
		}
		slices.Sort(names)
		if !slices.Equal(names, []string{"Sergey Lavrov", "Taro Kono"}) {
			t.Errorf("meeting participants = %v, want Kono and Lavrov", names)
		}
	})
}

func TestNodeAndEntityLookups(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		var resp struct {
			Node    *struct{ ID, Name string }
			Missing *struct{ ID string }
			Article *struct{ ID, Title string }
		}
		c.MustPost(`{ node(id: "state:japan") { id ... on State { name } } missing: entity(id: "state:atlantis") { id } article(id: "article:000-525ad26aad408969") { id title } }`, &resp)
		if resp.Node == nil || resp.Node.Name != "Japan" {
			t.Errorf("node(state:japan) = %+v", resp.Node)
		}
		if resp.Missing != nil {
			t.Errorf("entity(state:atlantis) = %+v, want null", resp.Missing)
		}
		if resp.Article == nil || !strings.Contains(resp.Article.Title, "Japan-Russia") {
			t.Errorf("article = %+v", resp.Article)
		}
	})
}

func TestInvalidArgumentsAreGraphQLErrors(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		tests := []struct{ name, query string }{
			{"huge first", `{ search(text: "japan", first: 1000000) { id } }`},
			{"negative first", `{ entity(id: "state:japan") { edges(first: -1) { totalCount } } }`},
			{"bad date", `{ timeline(from: "1956-13") { id } }`},
			{"too many hops", `{ path(from: "state:japan", to: "state:russia", maxHops: 99) { hops } }`},
			{"bad cursor", `{ entity(id: "state:japan") { edges(after: "not-a-cursor") { totalCount } } }`},
			{"empty search", `{ search(text: "  ") { id } }`},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				var resp map[string]any
				err := c.Post(tc.query, &resp)
				if err == nil {
					t.Fatalf("no error for %s", tc.query)
				}
				var errs []struct {
					Message    string
					Extensions map[string]any
				}
				if jerr := json.Unmarshal([]byte(err.Error()), &errs); jerr != nil {
					t.Fatalf("error is not a GraphQL error list: %v", err)
				}
				code, _ := errs[0].Extensions["code"].(string)
				if code != kg.EINVALID && code != "GRAPHQL_VALIDATION_FAILED" && code != "GRAPHQL_PARSE_FAILED" {
					t.Errorf("code = %q (message %q), want EINVALID", code, errs[0].Message)
				}
			})
		}
	})
}

func TestSearchInjectionIsHarmless(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		for _, text := range []string{`'; DROP TABLE entities; --`, `" OR 1=1 --`, `japan*`, `NEAR(japan russia)`, `"unbalanced`, `%_%`} {
			var resp struct{ Search []entityJSON }
			if err := c.Post(`query($t: String!) { search(text: $t) { id } }`, &resp, client.Var("t", text)); err != nil {
				t.Errorf("search(%q) failed: %v", text, err)
			}
		}
		var resp struct{ Search []entityJSON }
		c.MustPost(`{ search(text: "Japan") { id } }`, &resp)
		if len(resp.Search) == 0 {
			t.Fatal("store stopped answering after hostile searches")
		}
	})
}

// TestHostileQueriesAreRefused sends what an attacker would and checks each
// is refused with a GraphQL error, and that the server answers afterwards.
func TestHostileQueriesAreRefused(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		deep := strings.Repeat(`edges { nodes { from { ... on State { `, 30) + "id" + strings.Repeat(" } } } }", 30)
		var aliases strings.Builder
		for i := range 1000 {
			fmt.Fprintf(&aliases, "a%d: stats { articles } ", i)
		}
		frag := `fragment F on State { id name aliases }
		query { ` + strings.Repeat(`s: entity(id: "state:japan") { ...F } `, 1) + `}`
		tests := []struct{ name, query string }{
			{"depth 120", `{ entity(id: "state:japan") { ... on State { ` + deep + ` } } }`},
			{"1000 aliases", "{ " + aliases.String() + "}"},
			{"first one million", `{ search(text: "japan", first: 1000000) { id } }`},
			{"expensive pages", `{ search(text: "a", first: 500) { ... on State { edges(first: 500) { nodes { id from { id } to { id } } } } } }`},
			{"expensive connections", `{ searchConnection(text: "a", first: 500) { nodes { ... on Event { participantsConnection(first: 500) { nodes { id } } } } } }`},
			{"a million mentions", `{ article(id: "article:000-525ad26aad408969") { mentions(first: 1000000) { totalCount } } }`},
			{"injection in a cursor", `{ searchConnection(text: "japan", after: "'; DROP TABLE entities; --") { totalCount } }`},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				var resp map[string]any
				if err := c.Post(tc.query, &resp); err == nil {
					t.Fatalf("accepted: %.80s…", tc.query)
				}
			})
		}
		var ok map[string]any
		c.MustPost(frag, &ok)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/graphql?query="+url.QueryEscape(`{ stats { articles } }`), nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("server stopped answering: %d %s", rec.Code, rec.Body)
		}
	})
}

// countingStore counts the calls made to a store.
type countingStore struct {
	kg.Store
	mu    sync.Mutex
	calls map[string]int
}

func (s *countingStore) count(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[name]++
}

func (s *countingStore) Edges(ctx context.Context, q kg.EdgeQuery) (*kg.EdgePage, error) {
	s.count("Edges")
	return s.Store.Edges(ctx, q)
}

func (s *countingStore) EdgesBatch(ctx context.Context, qs []kg.EdgeQuery) ([]*kg.EdgePage, error) {
	s.count("EdgesBatch")
	return s.Store.EdgesBatch(ctx, qs)
}

func (s *countingStore) Entity(ctx context.Context, id string) (*kg.Entity, error) {
	s.count("Entity")
	return s.Store.Entity(ctx, id)
}

func (s *countingStore) Entities(ctx context.Context, ids []string) ([]*kg.Entity, error) {
	s.count("Entities")
	return s.Store.Entities(ctx, ids)
}

func (s *countingStore) EntityEdges(ctx context.Context, q kg.EdgeQuery) (*kg.Entity, *kg.EdgePage, error) {
	s.count("EntityEdges")
	return s.Store.EntityEdges(ctx, q)
}

func (s *countingStore) Events(ctx context.Context, q kg.EventQuery) ([]*kg.Entity, error) {
	s.count("Events")
	return s.Store.Events(ctx, q)
}

func (s *countingStore) Path(ctx context.Context, q kg.PathQuery) (*kg.Path, error) {
	s.count("Path")
	return s.Store.Path(ctx, q)
}

func (s *countingStore) Neighborhood(ctx context.Context, q kg.NeighborhoodQuery) (*kg.Subgraph, error) {
	s.count("Neighborhood")
	return s.Store.Neighborhood(ctx, q)
}

func (s *countingStore) EventsEdges(ctx context.Context, q kg.EventQuery, eq kg.EdgeQuery) ([]*kg.Entity, []*kg.EdgePage, error) {
	s.count("EventsEdges")
	return s.Store.EventsEdges(ctx, q, eq)
}

// TestNoNPlusOne counts store calls for a nested query over a list: the
// edges of every entity a search returns, and both ends of each edge. With
// dataloaders that is one batch of edge walks and one batch per level of
// entity lookups, whatever the list's length.
func TestNoNPlusOne(t *testing.T) {
	for _, st := range stores {
		t.Run(st.name, func(t *testing.T) {
			counting := &countingStore{Store: st.open(t), calls: map[string]int{}}
			mustSeededClient(t, counting)
			h := graph.NewHandler(counting, graph.Options{BatchWait: 50 * time.Millisecond})
			counting.calls = map[string]int{}
			var resp struct {
				Search []struct {
					Name  string
					Edges struct {
						Nodes []struct{ From, To struct{ Name string } }
					}
				}
			}
			client.New(h).MustPost(`{ search(text: "japan", first: 20) { name
			  ... on State { edges(first: 5) { nodes { from { name } to { name } } } }
			  ... on Treaty { edges(first: 5) { nodes { from { name } to { name } } } }
			  ... on Event { edges(first: 5) { nodes { from { name } to { name } } } } } }`, &resp)
			withEdges := 0
			for _, e := range resp.Search {
				if len(e.Edges.Nodes) > 0 {
					withEdges++
				}
			}
			if withEdges < 3 {
				t.Fatalf("only %d of %d results have edges; the test needs a list", withEdges, len(resp.Search))
			}
			if counting.calls["Edges"] != 0 || counting.calls["EdgesBatch"] != 1 {
				t.Errorf("edge walks for %d entities cost %v, want one EdgesBatch", len(resp.Search), counting.calls)
			}
			if counting.calls["Entity"] != 0 || counting.calls["Entities"] > 2 {
				t.Errorf("edge ends cost %v, want at most two Entities batches", counting.calls)
			}
		})
	}
}

// TestAsOfAndNames asks the questions the API is for: who held an office
// on a date, which treaties bound a state on a date, entities by name.
func TestAsOfAndNames(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		var resp struct {
			Putin struct {
				Now, Then []struct{ Role string }
			}
			Japan struct {
				In1957, In1970 []struct{ Name string }
				Succession     []struct{ Name string }
			}
			Russia struct{ Succession []struct{ Name string } }
		}
		c.MustPost(`{
		  putin: entity(id: "Putin") { ... on Person { now: offices(asOf: "2019-01-15") { role } then: offices(asOf: "2005") { role } } }
		  japan: entity(id: "Japan") { ... on State { in1957: treaties(asOf: "1957") { name } in1970: treaties(asOf: "1970-01-01") { name } succession { name } } }
		  russia: entity(id: "state:russia") { ... on State { succession { name } } }
		}`, &resp)
		if len(resp.Putin.Now) != 1 || resp.Putin.Now[0].Role != "President" || len(resp.Putin.Then) != 0 {
			t.Errorf("Putin's offices now %+v, in 2005 %+v; want President now and nothing recorded for 2005", resp.Putin.Now, resp.Putin.Then)
		}
		names := func(xs []struct{ Name string }) []string {
			var out []string
			for _, x := range xs {
				out = append(out, x.Name)
			}
			return out
		}
		const decl, anpo = "Soviet-Japanese Joint Declaration", "Treaty of Mutual Cooperation and Security between the United States and Japan"
		if got := names(resp.Japan.In1957); !slices.Contains(got, decl) || slices.Contains(got, anpo) {
			t.Errorf("Japan's treaties in 1957 = %v, want the Declaration and not the 1960 treaty", got)
		}
		if got := names(resp.Japan.In1970); !slices.Contains(got, decl) || !slices.Contains(got, anpo) {
			t.Errorf("Japan's treaties in 1970 = %v, want both", got)
		}
		if got := names(resp.Russia.Succession); !slices.Contains(got, "Soviet Union") {
			t.Errorf("Russia's succession = %v, want the Soviet Union", got)
		}

		var path struct {
			Path *struct {
				Hops  int
				Steps []struct {
					Edge struct{ Sources []struct{ ID string } }
				}
			}
		}
		c.MustPost(`{ path(from: "1956 Declaration", to: "military alliance treaty") { hops steps { edge { sources { id } } } } }`, &path)
		if path.Path == nil || path.Path.Hops > 2 {
			t.Fatalf("path by names = %+v", path.Path)
		}
		for _, s := range path.Path.Steps {
			if len(s.Edge.Sources) == 0 || s.Edge.Sources[0].ID != "article:000-525ad26aad408969" {
				t.Errorf("step sources = %+v, want the seed article", s.Edge.Sources)
			}
		}

		var amb map[string]any
		err := c.Post(`{ entity(id: "Minister") { id } }`, &amb)
		if err != nil && !strings.Contains(err.Error(), "ambiguous") {
			t.Errorf("ambiguous name: %v, want an error listing candidates", err)
		}
	})
}

// TestWalks asks for the walks the API is for: what led from one treaty
// to another (time-respecting), several walks, and a neighbourhood.
func TestWalks(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		type step struct {
			From, To struct{ Name string }
			Edge     struct{ Type, Date string }
		}
		var resp struct {
			Forward  *struct{ Steps []step }
			Backward *struct{ Steps []step }
			Plain    *struct{ Hops int }
			Paths    []struct{ Hops int }
			Hood     struct {
				Nodes     []struct{ ID string }
				Edges     []struct{ From, To struct{ ID string } }
				Truncated bool
			}
		}
		// A request holds at most two walks of two hops or more (their
		// price, graph/complexity.go), so the walks come in three.
		c.MustPost(`{
		  forward: path(from: "1956 Declaration", to: "military alliance treaty", timeRespecting: true) { steps { from { name } edge { type date } to { name } } }
		  backward: path(from: "military alliance treaty", to: "1956 Declaration", timeRespecting: true) { steps { from { name } edge { type date } to { name } } }
		}`, &resp)
		c.MustPost(`{
		  plain: path(from: "military alliance treaty", to: "1956 Declaration") { hops }
		  paths(from: "Japan", to: "Russia", maxHops: 3, first: 3) { hops }
		}`, &resp)
		c.MustPost(`{
		  hood: neighborhood(id: "Japan", hops: 1, types: [PARTY_TO]) { nodes { id } edges { from { id } to { id } } truncated }
		}`, &resp)
		if resp.Forward == nil || len(resp.Forward.Steps) != 2 {
			t.Fatalf("time-respecting 1956 → 1960 = %+v, want the 2-step walk through Japan", resp.Forward)
		}
		if resp.Plain == nil || resp.Plain.Hops != 2 {
			t.Errorf("plain 1960 → 1956 = %+v, want 2 hops", resp.Plain)
		}
		if resp.Backward != nil {
			last := ""
			for _, s := range resp.Backward.Steps {
				if s.Edge.Date != "" {
					if last != "" && s.Edge.Date < last[:min(len(last), len(s.Edge.Date))] {
						t.Errorf("time-respecting walk goes back in time: %+v", resp.Backward.Steps)
					}
					last = s.Edge.Date
				}
			}
		}
		for i := 1; i < len(resp.Paths); i++ {
			if resp.Paths[i].Hops < resp.Paths[i-1].Hops {
				t.Errorf("paths not shortest first: %+v", resp.Paths)
			}
		}
		if len(resp.Paths) == 0 {
			t.Error("no walk from Japan to Russia")
		}
		ids := map[string]bool{}
		for _, n := range resp.Hood.Nodes {
			ids[n.ID] = true
		}
		if !ids["state:japan"] || !ids["treaty:soviet-japanese-joint-declaration"] {
			t.Errorf("Japan's PARTY_TO neighbourhood = %+v", resp.Hood.Nodes)
		}
		for _, e := range resp.Hood.Edges {
			if !ids[e.From.ID] || !ids[e.To.ID] {
				t.Errorf("edge %+v leaves the subgraph", e)
			}
		}
	})
}

// TestTimelineExport hands the seed's January 2019 to TimelineJS and
// vis-timeline: the meeting is there with its day, in each format. Each
// export is a JSON object (the JSON scalar), not a string of JSON.
func TestTimelineExport(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		var raw struct{ TJS, Vis map[string]any }
		c.MustPost(`{ tjs: timelineExport(from: "2019-01", to: "2019-01") vis: timelineExport(entity: "Lavrov", format: VIS) }`, &raw)
		var resp struct{ TJS, Vis []byte }
		resp.TJS, _ = json.Marshal(raw.TJS)
		resp.Vis, _ = json.Marshal(raw.Vis)
		var tjs struct {
			Events []struct {
				StartDate struct{ Year, Month, Day int } `json:"start_date"`
				Text      struct{ Headline string }
			}
		}
		if err := json.Unmarshal(resp.TJS, &tjs); err != nil {
			t.Fatalf("timelineJS is not JSON: %v", err)
		}
		found := false
		for _, e := range tjs.Events {
			if strings.Contains(e.Text.Headline, "Meeting") && e.StartDate.Year == 2019 && e.StartDate.Month == 1 && e.StartDate.Day == 14 {
				found = true
			}
		}
		if !found {
			t.Errorf("TimelineJS events lack the 2019-01-14 meeting: %s", resp.TJS)
		}
		var vis struct {
			Items  []struct{ Start, Content string }
			Groups []struct{ ID string }
		}
		if err := json.Unmarshal(resp.Vis, &vis); err != nil || len(vis.Items) == 0 {
			t.Fatalf("vis export = %s (%v)", resp.Vis, err)
		}
	})
}

// TestTimelineFilters asks what a minister attended in a month, and what
// was still planned.
func TestTimelineFilters(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		var resp struct {
			Lavrov  []struct{ Name, Date string }
			Planned []struct{ Name, Status string }
		}
		c.MustPost(`{ lavrov: timeline(entity: "Lavrov", from: "2019-01", to: "2019-01") { name date }
		  planned: timeline(statuses: [PLANNED]) { name status } }`, &resp)
		if len(resp.Lavrov) < 2 {
			t.Errorf("Lavrov's January 2019 = %+v, want the meeting and the statement", resp.Lavrov)
		}
		for _, e := range resp.Lavrov {
			if !strings.HasPrefix(e.Date, "2019-01") {
				t.Errorf("event %+v outside January 2019", e)
			}
		}
		if len(resp.Planned) == 0 {
			t.Error("no planned event (Abe's visit of 2019-01-22)")
		}
		for _, e := range resp.Planned {
			if e.Status != "PLANNED" {
				t.Errorf("status filter let %+v through", e)
			}
		}
	})
}

// TestEdgeIsANode fetches an edge by its global id, as Relay clients
// refetch any object.
func TestEdgeIsANode(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		var page struct {
			Entity struct {
				Edges struct{ Nodes []struct{ ID, Type string } }
			}
		}
		c.MustPost(`{ entity(id: "state:japan") { edges(first: 1) { nodes { id type } } } }`, &page)
		if len(page.Entity.Edges.Nodes) != 1 {
			t.Fatalf("no edge of Japan: %+v", page)
		}
		want := page.Entity.Edges.Nodes[0]
		var resp struct {
			Node *struct {
				ID, Type string
				Typename string `json:"__typename"`
			}
		}
		// An id no edge has is ENOTFOUND: TestUnknownIDs.
		c.MustPost(`query($id: ID!) { node(id: $id) { __typename id ... on Edge { type } } }`, &resp, client.Var("id", want.ID))
		if resp.Node == nil || resp.Node.ID != want.ID || resp.Node.Type != want.Type || resp.Node.Typename != "Edge" {
			t.Errorf("node(%s) = %+v, want that %s edge", want.ID, resp.Node, want.Type)
		}
	})
}

// TestTimelineItems pages through Lavrov's timeline: his events and his
// office, in date order, every item once.
func TestTimelineItems(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		type page struct {
			TimelineItems struct {
				TotalCount int
				PageInfo   struct {
					HasNextPage bool
					EndCursor   *string
				}
				Nodes []struct {
					Date  string
					Event *struct{ ID, Type string }
					Edge  *struct{ ID, Type string }
				}
			}
		}
		var seen []string
		var dates []string
		var after *string
		total := -1
		for range 20 {
			var p page
			c.MustPost(`query($after: String) { timelineItems(entity: "Lavrov", first: 1, after: $after) {
			  totalCount pageInfo { hasNextPage endCursor } nodes { date event { id type } edge { id type } } } }`, &p, client.Var("after", after))
			total = p.TimelineItems.TotalCount
			for _, n := range p.TimelineItems.Nodes {
				id := ""
				switch {
				case n.Event != nil:
					id = n.Event.ID
				case n.Edge != nil:
					id = n.Edge.ID
				default:
					t.Fatalf("item with neither event nor edge: %+v", n)
				}
				if slices.Contains(seen, id) {
					t.Fatalf("item %s twice", id)
				}
				seen = append(seen, id)
				dates = append(dates, n.Date)
			}
			if !p.TimelineItems.PageInfo.HasNextPage {
				break
			}
			after = p.TimelineItems.PageInfo.EndCursor
		}
		if total < 3 || len(seen) != total {
			t.Errorf("paged %d of %d items, want all of at least 3 (meeting, statement, office)", len(seen), total)
		}
		if !slices.IsSorted(dates) {
			t.Errorf("dates %v not in order", dates)
		}
		var bad map[string]any
		if err := c.Post(`{ timelineItems(after: "bogus") { totalCount } }`, &bad); err == nil {
			t.Error("bogus cursor accepted")
		}
	})
}

// TestStoreCalls counts the store calls of queries whose fields lie
// outside every list, which ask the store directly instead of waiting for
// a batch, and of lists, which batch: an entity with a page of its edges,
// their ends included, is one EntityEdges call (prefetch.go), a timeline
// with its participants one EventsEdges call, and a page of edges brings
// the entities at its ends with it. Each answer's ends are checked
// against the store.
func TestStoreCalls(t *testing.T) {
	for _, st := range stores {
		t.Run(st.name, func(t *testing.T) {
			store := st.open(t)
			mustSeededClient(t, store)
			for _, tc := range []struct {
				name, query string
				want        map[string]int
				vars        []client.Option
			}{
				{"an entity's edges with their ends",
					`{ entity(id: "state:japan") { edges(first: 5) { nodes { from { id name } to { id name } } } } }`,
					map[string]int{"EntityEdges": 1}, nil},
				{"an entity's edges with their ends, through edges { node }",
					`{ entity(id: "state:japan") { edges(first: 5) { edges { node { to { id name } } } } } }`,
					map[string]int{"EntityEdges": 1}, nil},
				{"an entity's edges without their ends",
					`{ entity(id: "state:japan") { id name edges(first: 5) { totalCount nodes { id type } } } }`,
					map[string]int{"EntityEdges": 1}, nil},
				{"an entity's edges in a fragment, with variables",
					`query($n: Int, $t: [EdgeType!]) { entity(id: "state:japan") { ... on State { edges(first: $n, types: $t, direction: OUT) { nodes { to { id name } } } } } }`,
					map[string]int{"EntityEdges": 1}, []client.Option{client.Var("n", 3), client.Var("t", []string{"PARTY_TO"})}},
				{"an entity's edges twice: no prefetch",
					`{ entity(id: "state:japan") { id name a: edges(first: 2) { totalCount } b: edges(first: 3) { totalCount } } }`,
					map[string]int{"Entity": 1, "Edges": 2}, nil},
				{"an entity by name",
					`{ entity(id: "Japan") { id name edges(first: 2) { totalCount } } }`,
					map[string]int{"Edges": 1}, nil}, // the name is found by Search, which is not counted
				{"a treaty's parties",
					`{ entity(id: "treaty:soviet-japanese-joint-declaration") { ... on Treaty { parties { id name } } } }`,
					map[string]int{"Entity": 1, "Edges": 1}, nil},
				{"a timeline with participants",
					`{ timeline(first: 50) { id name participants { id name } } }`,
					map[string]int{"EventsEdges": 1}, nil},
				{"a neighbourhood with its edges' ends",
					`{ neighborhood(id: "state:japan", hops: 2, first: 50) { nodes { id name } edges { id from { id name } to { id name } } } }`,
					map[string]int{"Neighborhood": 1}, nil},
				{"a path between two ids",
					`{ path(from: "state:japan", to: "treaty:soviet-japanese-joint-declaration") { hops steps { from { id name } to { id name } } } }`,
					map[string]int{"Path": 1}, nil},
				{"no path between two ids",
					`{ japan: entity(id: "state:japan") { id name } path(from: "state:japan", to: "treaty:soviet-japanese-joint-declaration", types: [SUCCEEDED_BY], maxHops: 1) { hops } }`,
					map[string]int{"Path": 1, "Entity": 1}, nil}, // null, known from the store's kg.ErrNoWalk
				{"a timeline without participants",
					`{ timeline(first: 50) { id name } }`,
					map[string]int{"Events": 1}, nil},
				{"a list's edges with their ends",
					`{ search(text: "japan", first: 20) { ... on State { edges(first: 5) { nodes { from { id name } to { id name } } } }
					  ... on Treaty { edges(first: 5) { nodes { from { id name } to { id name } } } } } }`,
					map[string]int{"EdgesBatch": 1}, nil},
			} {
				t.Run(tc.name, func(t *testing.T) {
					counting := &countingStore{Store: store, calls: map[string]int{}}
					// A long wait, so that a slow machine cannot split a
					// list's batch in two.
					h := graph.NewHandler(counting, graph.Options{BatchWait: 50 * time.Millisecond})
					var resp map[string]any
					client.New(h).MustPost(tc.query, &resp, tc.vars...)
					if diff := gocmp.Diff(tc.want, counting.calls); diff != "" {
						t.Errorf("store calls (-want +got):\n%s", diff)
					}
					named := 0
					for _, e := range namedEntities(resp) {
						named++
						want, err := store.Entity(context.Background(), e.ID)
						if err != nil || want.Name != e.Name {
							t.Errorf("entity %s answered with name %q, the store has %v (%v)", e.ID, e.Name, want, err)
						}
					}
					if named == 0 {
						t.Errorf("the answer names no entity: %v", resp)
					}
				})
			}
		})
	}
}

// namedEntities returns every object with an id and a name in a GraphQL
// answer.
func namedEntities(v any) []entityJSON {
	var out []entityJSON
	switch v := v.(type) {
	case map[string]any:
		id, _ := v["id"].(string)
		name, ok := v["name"].(string)
		if id != "" && ok {
			out = append(out, entityJSON{ID: id, Name: name})
		}
		for _, x := range v {
			out = append(out, namedEntities(x)...)
		}
	case []any:
		for _, x := range v {
			out = append(out, namedEntities(x)...)
		}
	}
	return out
}

// TestEdgesEvidenceOnlyWhenAsked asks for an entity's edges, and for its
// neighbourhood's, with and without the fields that read evidence (the
// store then skips reading it): the same edges either way, and whichever of evidence, sourceCount
// and sources is asked for answers as the store has it.
func TestEdgesEvidenceOnlyWhenAsked(t *testing.T) {
	for _, st := range stores {
		t.Run(st.name, func(t *testing.T) {
			store := st.open(t)
			c, _ := mustSeededClient(t, store)
			type edgeJSON struct {
				ID          string
				SourceCount *int
				Evidence    []struct{ Quote string }
				Sources     []struct{ ID string }
			}
			for _, tc := range []struct {
				name, fields string
			}{
				{"no evidence", "id"},
				{"sourceCount alone", "id sourceCount"},
				{"sources alone", "id sources { id }"},
				{"evidence", "id evidence { quote }"},
				{"through edges { node }", "id sourceCount"},
				{"neighbourhood, no evidence", "id"},
				{"neighbourhood, sourceCount", "id sourceCount"},
				{"neighbourhood, evidence", "id evidence { quote }"},
			} {
				t.Run(tc.name, func(t *testing.T) {
					var resp struct {
						Entity struct {
							Edges struct {
								Nodes []edgeJSON
								Edges []struct{ Node edgeJSON }
							}
						}
						Neighborhood struct{ Edges []edgeJSON }
					}
					sel := "nodes { " + tc.fields + " }"
					if strings.HasPrefix(tc.name, "through") {
						sel = "edges { node { " + tc.fields + " } }"
					}
					if strings.HasPrefix(tc.name, "neighbourhood") {
						c.MustPost(`{ neighborhood(id: "state:japan", hops: 1) { edges { `+tc.fields+` } } }`, &resp)
					} else {
						c.MustPost(`{ entity(id: "state:japan") { edges(first: 10) { `+sel+` } } }`, &resp)
					}
					got := append(resp.Entity.Edges.Nodes, resp.Neighborhood.Edges...)
					for _, e := range resp.Entity.Edges.Edges {
						got = append(got, e.Node)
					}
					if len(got) < 2 {
						t.Fatalf("Japan has %d edges; the test needs a few", len(got))
					}
					for _, e := range got {
						stored, err := store.Edge(context.Background(), e.ID)
						if err != nil {
							t.Fatal(err)
						}
						if len(stored.Evidence) == 0 {
							t.Fatalf("test broken: edge %s has no evidence", e.ID)
						}
						if strings.Contains(tc.fields, "sourceCount") && (e.SourceCount == nil || *e.SourceCount != stored.SourceCount()) {
							t.Errorf("edge %s: sourceCount %v, the store's edge has %d", e.ID, e.SourceCount, stored.SourceCount())
						}
						if strings.Contains(tc.fields, "sources") && len(e.Sources) != len(stored.Sources()) {
							t.Errorf("edge %s: %d sources, the store's edge has %d", e.ID, len(e.Sources), len(stored.Sources()))
						}
						if strings.Contains(tc.fields, "evidence") {
							var quotes []string
							for _, ev := range stored.Evidence {
								quotes = append(quotes, ev.Quote)
							}
							var gotQuotes []string
							for _, ev := range e.Evidence {
								gotQuotes = append(gotQuotes, ev.Quote)
							}
							if diff := gocmp.Diff(quotes, gotQuotes); diff != "" {
								t.Errorf("edge %s evidence (-store +answer):\n%s", e.ID, diff)
							}
						}
					}
				})
			}
		})
	}
}

// TestTimelineItemsLongWindow gives an entity more events than one store
// page holds (kg.MaxFirst) and a dated office early in the window: the
// office is on the timeline, and every item is counted once.
func TestTimelineItemsLongWindow(t *testing.T) {
	for _, st := range stores {
		t.Run(st.name, func(t *testing.T) {
			store := st.open(t)
			envoy := kg.EntityID(kg.Person, "Envoy Example")
			state := kg.EntityID(kg.State, "Examplestan")
			b := &kg.Batch{Entities: []kg.Entity{
				{ID: envoy, Kind: kg.Person, Name: "Envoy Example"},
				{ID: state, Kind: kg.State, Name: "Examplestan"},
			}}
			start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
			events := kg.MaxFirst + 100
			for i := range events {
				d := start.AddDate(0, 0, i+1)
				name := fmt.Sprintf("Meeting %04d", i)
				ev := kg.EntityID(kg.Event, name)
				b.Entities = append(b.Entities, kg.Entity{ID: ev, Kind: kg.Event, Name: name, EventType: kg.Meeting, Status: kg.Occurred, Date: kg.DayOf(d)})
				b.Edges = append(b.Edges, kg.Edge{ID: kg.EdgeID(kg.ParticipatedIn, envoy, ev, ""), Type: kg.ParticipatedIn, From: envoy, To: ev, Date: kg.DayOf(d)})
			}
			office := kg.Edge{ID: kg.EdgeID(kg.HoldsOffice, envoy, state, "Ambassador"), Type: kg.HoldsOffice, From: envoy, To: state, Role: "Ambassador", Date: kg.DayOf(start)}
			b.Edges = append(b.Edges, office)
			if err := store.Put(t.Context(), b); err != nil {
				t.Fatal(err)
			}
			c := client.New(graph.NewHandler(store, graph.Options{}))
			var resp struct {
				TimelineItems struct {
					TotalCount int
					Nodes      []struct {
						Date string
						Edge *struct{ ID string }
					}
				}
			}
			c.MustPost(`query($id: ID) { timelineItems(entity: $id, from: "2000", to: "2002", first: 3) { totalCount nodes { date edge { id } } } }`,
				&resp, client.Var("id", envoy))
			if got, want := resp.TimelineItems.TotalCount, events+1; got != want {
				t.Errorf("totalCount = %d, want %d (every meeting and the office)", got, want)
			}
			if n := resp.TimelineItems.Nodes; len(n) == 0 || n[0].Edge == nil || n[0].Edge.ID != office.ID || n[0].Date != "2000-01-01" {
				t.Errorf("first item = %+v, want the office of 2000-01-01", n)
			}

			// Without the entity, pages of the largest size: the store is
			// asked for no more than its cap, and the first page still
			// knows that another follows.
			var after *string
			var pages []int
			for range 3 {
				var p struct {
					TimelineItems struct {
						TotalCount int
						PageInfo   struct {
							HasNextPage bool
							EndCursor   *string
						}
						Nodes []struct{ Date string }
					}
				}
				c.MustPost(`query($a: String, $n: Int) { timelineItems(from: "2000", to: "2002", first: $n, after: $a) {
				  totalCount pageInfo { hasNextPage endCursor } nodes { date } } }`, &p, client.Var("a", after), client.Var("n", kg.MaxFirst))
				if p.TimelineItems.TotalCount != events {
					t.Errorf("window without the entity: totalCount = %d, want %d", p.TimelineItems.TotalCount, events)
				}
				pages = append(pages, len(p.TimelineItems.Nodes))
				if !p.TimelineItems.PageInfo.HasNextPage {
					break
				}
				after = p.TimelineItems.PageInfo.EndCursor
			}
			if !slices.Equal(pages, []int{kg.MaxFirst, events - kg.MaxFirst}) {
				t.Errorf("pages of %d hold %v events, want [%d %d]", kg.MaxFirst, pages, kg.MaxFirst, events-kg.MaxFirst)
			}
		})
	}
}

// stallingStore holds every Search until the request's context ends, then
// asks the real store with that context: a query slower than the request's
// deadline, answered the way the store answers cancellation.
type stallingStore struct{ kg.Store }

func (s stallingStore) Search(ctx context.Context, q kg.SearchQuery) ([]*kg.Entity, error) {
	<-ctx.Done()
	return s.Store.Search(ctx, q)
}

// TestRequestTimeout runs a request past the handler's deadline: the store
// call is stopped, the client gets ETIMEOUT, and the next request is served.
// The deadline is long enough for the next request's store call on a
// Neo4j that has only just started.
func TestRequestTimeout(t *testing.T) {
	const deadline = 2 * time.Second
	for _, st := range stores {
		t.Run(st.name, func(t *testing.T) {
			store := st.open(t)
			mustSeededClient(t, store)
			c := client.New(graph.NewHandler(stallingStore{store}, graph.Options{Timeout: deadline}))
			var resp struct{ Search []struct{ Name string } }
			start := time.Now()
			err := c.Post(`{ search(text: "japan") { name } }`, &resp)
			if took := time.Since(start); took < deadline || took > deadline+10*time.Second {
				t.Errorf("a request with a %v deadline took %v", deadline, took)
			}
			if err == nil || !strings.Contains(err.Error(), "request timed out") || !strings.Contains(err.Error(), kg.ETIMEOUT) {
				t.Fatalf("stalled request: err = %v, want ETIMEOUT request timed out", err)
			}
			var next struct{ Entity *struct{ Name string } }
			c.MustPost(`{ entity(id: "state:japan") { name } }`, &next)
			if next.Entity == nil || next.Entity.Name != "Japan" {
				t.Errorf("after the timeout, entity = %+v", next.Entity)
			}
		})
	}
}

func (s *countingStore) CountEvents(ctx context.Context, q kg.EventQuery) (int, error) {
	s.count("CountEvents")
	return s.Store.CountEvents(ctx, q)
}

// TestTimelineItemsWindowPages pages through a window without an entity,
// which the store pages by its date index: one event a page, every event
// of the window once, in the order `timeline` lists them; totalCount is
// counted only when asked for.
func TestTimelineItemsWindowPages(t *testing.T) {
	for _, st := range stores {
		t.Run(st.name, func(t *testing.T) {
			counting := &countingStore{Store: st.open(t), calls: map[string]int{}}
			mustSeededClient(t, counting)
			c := client.New(graph.NewHandler(counting, graph.Options{}))
			var all struct{ Timeline []struct{ ID string } }
			c.MustPost(`{ timeline(from: "1900", first: 500) { id } }`, &all)
			var want []string
			for _, e := range all.Timeline {
				want = append(want, e.ID)
			}
			if len(want) < 3 {
				t.Fatalf("the seeded store has %d dated events; the test needs a few pages", len(want))
			}

			var got []string
			var after *string
			for range len(want) {
				var p struct {
					TimelineItems struct {
						TotalCount int
						PageInfo   struct {
							HasNextPage bool
							EndCursor   *string
						}
						Nodes []struct{ Event *struct{ ID string } }
					}
				}
				counting.calls = map[string]int{}
				c.MustPost(`query($after: String) { timelineItems(from: "1900", first: 1, after: $after) {
				  pageInfo { hasNextPage endCursor } nodes { event { id } } } }`, &p, client.Var("after", after))
				if n := counting.calls["CountEvents"]; n != 0 {
					t.Errorf("a page without totalCount counted the window %d times", n)
				}
				for _, n := range p.TimelineItems.Nodes {
					if n.Event == nil {
						t.Fatalf("an item of a window without an entity is not an event: %+v", n)
					}
					got = append(got, n.Event.ID)
				}
				if !p.TimelineItems.PageInfo.HasNextPage {
					break
				}
				after = p.TimelineItems.PageInfo.EndCursor
			}
			if !slices.Equal(got, want) {
				t.Errorf("pages of 1 = %v, want %v", got, want)
			}

			var counted struct{ TimelineItems struct{ TotalCount int } }
			c.MustPost(`{ timelineItems(from: "1900", first: 1) { totalCount } }`, &counted)
			if counted.TimelineItems.TotalCount != len(want) {
				t.Errorf("totalCount = %d, want %d", counted.TimelineItems.TotalCount, len(want))
			}
			var bad map[string]any
			for _, cur := range []string{"bogus", "dDE6Om5vLWRhdGU"} { // the second is "t1::no-date"
				if err := c.Post(`query($a: String) { timelineItems(from: "1900", after: $a) { totalCount } }`, &bad, client.Var("a", cur)); err == nil || !strings.Contains(err.Error(), kg.EINVALID) {
					t.Errorf("cursor %q: err = %v, want EINVALID", cur, err)
				}
			}
		})
	}
}
