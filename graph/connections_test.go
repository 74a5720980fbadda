package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	gocmp "github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader"
)

const seedArticle = "article:000-525ad26aad408969"

// pageInfo is Relay's PageInfo as the tests read it.
type pageInfo struct {
	HasNextPage     bool
	HasPreviousPage bool
	StartCursor     *string
	EndCursor       *string
}

// walkPages asks for pages of first items until hasNextPage is false and
// returns the ids of every page in order. page runs the query for a cursor
// and returns the page's ids, cursors, page info and totalCount, which
// walkPages checks on every page.
func walkPages(t *testing.T, first int, page func(after *string) (ids, cursors []string, pi pageInfo, total int)) (all []string, total int) {
	t.Helper()
	var after *string
	total = -1
	for pages := 0; ; pages++ {
		if pages > 1000 {
			t.Fatal("more than 1000 pages")
		}
		ids, cursors, pi, n := page(after)
		if total >= 0 && n != total {
			t.Errorf("page %d: totalCount %d, earlier %d", pages, n, total)
		}
		total = n
		if len(ids) > first || len(cursors) != len(ids) {
			t.Errorf("page %d: %d items and %d cursors, want at most %d", pages, len(ids), len(cursors), first)
		}
		if pi.HasPreviousPage != (after != nil) {
			t.Errorf("page %d: hasPreviousPage %v", pages, pi.HasPreviousPage)
		}
		if len(cursors) > 0 && (pi.StartCursor == nil || *pi.StartCursor != cursors[0] || pi.EndCursor == nil || *pi.EndCursor != cursors[len(cursors)-1]) {
			t.Errorf("page %d: start and end cursors %v, %v do not match the items' %v", pages, pi.StartCursor, pi.EndCursor, cursors)
		}
		all = append(all, ids...)
		if !pi.HasNextPage {
			return all, total
		}
		after = pi.EndCursor
	}
}

type entityPage struct {
	TotalCount int
	PageInfo   pageInfo
	Edges      []struct {
		Cursor string
		Node   struct{ ID string }
	}
	Nodes []struct{ ID string }
}

// ids returns the page's node ids, checking that edges and nodes agree.
func (p entityPage) ids(t *testing.T) (ids, cursors []string) {
	t.Helper()
	for i, e := range p.Edges {
		ids = append(ids, e.Node.ID)
		cursors = append(cursors, e.Cursor)
		if i >= len(p.Nodes) || p.Nodes[i].ID != e.Node.ID {
			t.Errorf("edges and nodes differ: %+v", p)
		}
	}
	return ids, cursors
}

const entityPageFields = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } nodes { id }`

func TestSearchConnection(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		for _, q := range []struct {
			text  string
			kinds []string
		}{{"japan", nil}, {"lavrov", nil}, {"treaty", []string{"TREATY"}}} {
			var list struct{ Search []entityJSON }
			c.MustPost(`query($t: String!, $k: [EntityKind!]) { search(text: $t, kinds: $k, first: 500) { id } }`, &list,
				client.Var("t", q.text), client.Var("k", q.kinds))
			var want []string
			for _, e := range list.Search {
				want = append(want, e.ID)
			}
			if len(want) < 2 {
				t.Fatalf("search(%q) finds %v; the test needs at least two", q.text, want)
			}
			for _, first := range []int{1, 2, 500} {
				got, total := walkPages(t, first, func(after *string) ([]string, []string, pageInfo, int) {
					var resp struct{ SearchConnection entityPage }
					c.MustPost(`query($t: String!, $k: [EntityKind!], $first: Int, $after: String) {
					  searchConnection(text: $t, kinds: $k, first: $first, after: $after) { `+entityPageFields+` } }`, &resp,
						client.Var("t", q.text), client.Var("k", q.kinds), client.Var("first", first), client.Var("after", after))
					ids, cursors := resp.SearchConnection.ids(t)
					return ids, cursors, resp.SearchConnection.PageInfo, resp.SearchConnection.TotalCount
				})
				if diff := gocmp.Diff(want, got); diff != "" || total != len(want) {
					t.Errorf("searchConnection(%q) in pages of %d: totalCount %d, ids (-search +pages):\n%s", q.text, first, total, diff)
				}
			}
		}
	})
}

func TestArticleMentions(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		type mentions struct {
			TotalCount int
			PageInfo   pageInfo
			Edges      []struct {
				Cursor   string
				Sentence *int
				Node     struct{ ID, Name string }
			}
			Nodes []struct{ ID string }
		}
		var all struct{ Article struct{ Mentions mentions } }
		c.MustPost(`query($id: ID!) { article(id: $id) { mentions(first: 500) {
		  totalCount pageInfo { hasNextPage } edges { cursor sentence node { id name } } nodes { id } } } }`, &all, client.Var("id", seedArticle))
		ms := all.Article.Mentions
		if ms.TotalCount != len(ms.Edges) || ms.PageInfo.HasNextPage || len(ms.Nodes) != len(ms.Edges) {
			t.Fatalf("mentions(first: 500): totalCount %d, %d edges, %d nodes, hasNextPage %v", ms.TotalCount, len(ms.Edges), len(ms.Nodes), ms.PageInfo.HasNextPage)
		}

		// The oracle: every entity whose edges cite the article, with the
		// first sentence that does, read from the entities' own edges.
		var ids []string
		for _, m := range ms.Edges {
			ids = append(ids, m.Node.ID)
		}
		for _, name := range []string{"Sergey Lavrov", "Taro Kono", "Japan", "Soviet-Japanese Joint Declaration"} {
			if !slices.ContainsFunc(ms.Edges, func(m struct {
				Cursor   string
				Sentence *int
				Node     struct{ ID, Name string }
			}) bool {
				return m.Node.Name == name
			}) {
				t.Errorf("mentions of the seed article lack %s: %v", name, ids)
			}
		}
		prev := -1
		for _, m := range ms.Edges {
			var resp struct {
				Entity struct {
					Edges struct {
						Nodes []struct {
							Evidence []struct {
								ArticleID string
								Sentence  int
							}
						}
					}
				}
			}
			c.MustPost(`query($id: ID!) { entity(id: $id) { edges(first: 500) { nodes { evidence { articleId sentence } } } } }`, &resp, client.Var("id", m.Node.ID))
			first := -1
			for _, e := range resp.Entity.Edges.Nodes {
				for _, ev := range e.Evidence {
					if ev.ArticleID == seedArticle && (first < 0 || ev.Sentence < first) {
						first = ev.Sentence
					}
				}
			}
			if m.Sentence == nil || *m.Sentence != first {
				t.Errorf("%s: sentence %v, want %d, the first of its edges' evidence from the article", m.Node.ID, m.Sentence, first)
			}
			if m.Sentence != nil && *m.Sentence < prev {
				t.Errorf("%s: sentence %d after %d: not in the order the article cites them", m.Node.ID, *m.Sentence, prev)
			}
			if m.Sentence != nil {
				prev = *m.Sentence
			}
		}

		got, total := walkPages(t, 3, func(after *string) ([]string, []string, pageInfo, int) {
			var resp struct{ Article struct{ Mentions mentions } }
			c.MustPost(`query($id: ID!, $after: String) { article(id: $id) { mentions(first: 3, after: $after) {
			  totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } } }`, &resp,
				client.Var("id", seedArticle), client.Var("after", after))
			var ids, cursors []string
			for _, e := range resp.Article.Mentions.Edges {
				ids, cursors = append(ids, e.Node.ID), append(cursors, e.Cursor)
			}
			return ids, cursors, resp.Article.Mentions.PageInfo, resp.Article.Mentions.TotalCount
		})
		if diff := gocmp.Diff(ids, got); diff != "" || total != len(ids) {
			t.Errorf("mentions in pages of 3: totalCount %d (-whole +pages):\n%s", total, diff)
		}
	})
}

// TestListConnections pages the connections that sit beside plain list
// fields, one item a page, and compares them with the lists.
func TestListConnections(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		tests := []struct {
			name, list, conn string
			vars             map[string]any
		}{
			{"participants", `query($id: ID!) { entity(id: $id) { ... on Event { items: participants { id } } } }`,
				`query($id: ID!, $after: String) { entity(id: $id) { ... on Event { conn: participantsConnection(first: 1, after: $after) { ` + entityPageFields + ` } } } }`,
				map[string]any{"id": "event:meeting-of-sergey-lavrov-and-taro-kono-2019-01-14"}},
			{"parties", `query($id: ID!) { entity(id: $id) { ... on Treaty { items: parties { id } } } }`,
				`query($id: ID!, $after: String) { entity(id: $id) { ... on Treaty { conn: partiesConnection(first: 1, after: $after) { ` + entityPageFields + ` } } } }`,
				map[string]any{"id": "treaty:soviet-japanese-joint-declaration"}},
			{"treaties", `query($id: ID!) { entity(id: $id) { ... on State { items: treaties { id } } } }`,
				`query($id: ID!, $after: String) { entity(id: $id) { ... on State { conn: treatiesConnection(first: 1, after: $after) { ` + entityPageFields + ` } } } }`,
				map[string]any{"id": "state:japan"}},
			{"treaties as of 1970", `query($id: ID!) { entity(id: $id) { ... on State { items: treaties(asOf: "1970-01-01") { id } } } }`,
				`query($id: ID!, $after: String) { entity(id: $id) { ... on State { conn: treatiesConnection(asOf: "1970-01-01", first: 1, after: $after) { ` + entityPageFields + ` } } } }`,
				map[string]any{"id": "state:japan"}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				vars := func(extra ...client.Option) []client.Option {
					var opts []client.Option
					for k, v := range tc.vars {
						opts = append(opts, client.Var(k, v))
					}
					return append(opts, extra...)
				}
				var list struct {
					Entity struct{ Items []struct{ ID string } }
				}
				c.MustPost(tc.list, &list, vars()...)
				var want []string
				for _, it := range list.Entity.Items {
					want = append(want, it.ID)
				}
				if len(want) < 2 {
					t.Fatalf("%s has %v; the test needs at least two", tc.name, want)
				}
				got, total := walkPages(t, 1, func(after *string) ([]string, []string, pageInfo, int) {
					var resp struct{ Entity struct{ Conn entityPage } }
					c.MustPost(tc.conn, &resp, vars(client.Var("after", after))...)
					ids, cursors := resp.Entity.Conn.ids(t)
					return ids, cursors, resp.Entity.Conn.PageInfo, resp.Entity.Conn.TotalCount
				})
				if diff := gocmp.Diff(want, got); diff != "" || total != len(want) {
					t.Errorf("totalCount %d (-list +pages):\n%s", total, diff)
				}
			})
		}

		t.Run("evidence", func(t *testing.T) {
			var edges struct {
				Entity struct {
					Edges struct {
						Nodes []struct {
							ID       string
							Evidence []struct {
								ArticleID string
								Sentence  int
							}
						}
					}
				}
			}
			c.MustPost(`{ entity(id: "state:japan") { edges(first: 500) { nodes { id evidence { articleId sentence } } } } }`, &edges)
			i := slices.IndexFunc(edges.Entity.Edges.Nodes, func(e struct {
				ID       string
				Evidence []struct {
					ArticleID string
					Sentence  int
				}
			}) bool {
				return len(e.Evidence) >= 3
			})
			if i < 0 {
				t.Fatal("no edge of Japan has three sentences of evidence")
			}
			e := edges.Entity.Edges.Nodes[i]
			var want []string
			for _, ev := range e.Evidence {
				want = append(want, fmt.Sprintf("%s#%d", ev.ArticleID, ev.Sentence))
			}
			got, total := walkPages(t, 1, func(after *string) ([]string, []string, pageInfo, int) {
				var resp struct {
					Node struct {
						EvidenceConnection struct {
							TotalCount int
							PageInfo   pageInfo
							Edges      []struct {
								Cursor string
								Node   struct {
									ArticleID string
									Sentence  int
								}
							}
						}
					}
				}
				c.MustPost(`query($id: ID!, $after: String) { node(id: $id) { ... on Edge { evidenceConnection(first: 1, after: $after) {
				  totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { articleId sentence } } } } } }`,
					&resp, client.Var("id", e.ID), client.Var("after", after))
				var ids, cursors []string
				for _, x := range resp.Node.EvidenceConnection.Edges {
					ids = append(ids, fmt.Sprintf("%s#%d", x.Node.ArticleID, x.Node.Sentence))
					cursors = append(cursors, x.Cursor)
				}
				return ids, cursors, resp.Node.EvidenceConnection.PageInfo, resp.Node.EvidenceConnection.TotalCount
			})
			if diff := gocmp.Diff(want, got); diff != "" || total != len(want) {
				t.Errorf("evidence of %s: totalCount %d (-list +pages):\n%s", e.ID, total, diff)
			}
		})
	})
}

// TestConnectionErrors: cursors a connection did not issue, and page sizes
// out of range, are EINVALID errors.
func TestConnectionErrors(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		var mention struct {
			Article struct {
				Mentions struct{ Edges []struct{ Cursor string } }
			}
		}
		c.MustPost(`query($id: ID!) { article(id: $id) { mentions(first: 1) { edges { cursor } } } }`, &mention, client.Var("id", seedArticle))
		if len(mention.Article.Mentions.Edges) != 1 {
			t.Fatal("the seed article mentions nothing")
		}
		otherCursor := mention.Article.Mentions.Edges[0].Cursor
		for _, tc := range []struct {
			name, query string
			vars        map[string]any
		}{
			{"search: bad cursor", `{ searchConnection(text: "japan", after: "bogus") { totalCount } }`, nil},
			{"search: a mention's cursor", `query($c: String) { searchConnection(text: "japan", after: $c) { totalCount } }`, map[string]any{"c": otherCursor}},
			{"search: first -1", `{ searchConnection(text: "japan", first: -1) { totalCount } }`, nil},
			{"search: first 501", `{ searchConnection(text: "japan", first: 501) { totalCount } }`, nil},
			{"search: blank", `{ searchConnection(text: " ") { totalCount } }`, nil},
			{"mentions: bad cursor", `query($id: ID!) { article(id: $id) { mentions(after: "bogus") { totalCount } } }`, map[string]any{"id": seedArticle}},
			{"mentions: first -1", `query($id: ID!) { article(id: $id) { mentions(first: -1) { totalCount } } }`, map[string]any{"id": seedArticle}},
			{"participants: bad cursor", `{ entity(id: "event:meeting-of-sergey-lavrov-and-taro-kono-2019-01-14") { ... on Event { participantsConnection(after: "bogus") { totalCount } } } }`, nil},
			{"treaties: first 501", `{ entity(id: "state:japan") { ... on State { treatiesConnection(first: 501) { totalCount } } } }`, nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				var opts []client.Option
				for k, v := range tc.vars {
					opts = append(opts, client.Var(k, v))
				}
				var resp map[string]any
				err := c.Post(tc.query, &resp, opts...)
				if err == nil {
					t.Fatalf("accepted: %s", tc.query)
				}
				var errs []struct{ Extensions map[string]any }
				if jerr := json.Unmarshal([]byte(err.Error()), &errs); jerr != nil || len(errs) == 0 {
					t.Fatalf("not a GraphQL error list: %v", err)
				}
				if code, _ := errs[0].Extensions["code"].(string); code != kg.EINVALID {
					t.Errorf("code %q, want %s (%v)", code, kg.EINVALID, err)
				}
			})
		}
	})
}

func (s *countingStore) Mentions(ctx context.Context, ids []string) ([][]kg.Mention, error) {
	s.count("Mentions")
	return s.Store.Mentions(ctx, ids)
}

func (s *countingStore) Article(ctx context.Context, id string) (*kg.Article, error) {
	s.count("Article")
	return s.Store.Article(ctx, id)
}

func (s *countingStore) Articles(ctx context.Context, ids []string) ([]*kg.Article, error) {
	s.count("Articles")
	return s.Store.Articles(ctx, ids)
}

// TestNoNPlusOneArticles counts the store calls of a list of edges that
// asks for their sources, what each source mentions and the article of
// each sentence of evidence: one Articles batch and one Mentions batch,
// however many articles there are.
func TestNoNPlusOneArticles(t *testing.T) {
	for _, st := range stores {
		t.Run(st.name, func(t *testing.T) {
			counting := &countingStore{Store: st.open(t), calls: map[string]int{}}
			mustSeededClient(t, counting)
			l := &loader.Loader{Store: counting}
			if _, err := l.Load(context.Background(), []string{
				"../../shared/corpus/articles/milestones_japanese-relations.txt",
				"../../shared/corpus/articles/milestones_u-s-soviet-relations.txt",
				"../../shared/corpus/articles/milestones_anzus.txt",
			}); err != nil {
				t.Fatal(err)
			}
			h := graph.NewHandler(counting, graph.Options{BatchWait: 50 * time.Millisecond})
			counting.calls = map[string]int{}
			var resp struct {
				Entity struct {
					Edges struct {
						Nodes []struct {
							Sources []struct {
								ID       string
								Mentions struct{ TotalCount int }
							}
							Evidence []struct{ Article *struct{ Title string } }
						}
					}
				}
			}
			client.New(h).MustPost(`{ entity(id: "state:japan") { edges(first: 100) { nodes {
			  sources { id mentions(first: 1) { totalCount } }
			  evidence { article { title } } } } } }`, &resp)
			articles := map[string]bool{}
			for _, e := range resp.Entity.Edges.Nodes {
				for _, s := range e.Sources {
					articles[s.ID] = true
					if s.Mentions.TotalCount == 0 {
						t.Errorf("source %s mentions nothing", s.ID)
					}
				}
				for _, ev := range e.Evidence {
					if ev.Article == nil || ev.Article.Title == "" {
						t.Errorf("evidence without its article: %+v", ev)
					}
				}
			}
			if len(articles) < 2 {
				t.Fatalf("Japan's edges cite %d articles; the test needs a list", len(articles))
			}
			if counting.calls["Article"] != 0 || counting.calls["Articles"] != 1 || counting.calls["Mentions"] != 1 {
				t.Errorf("%d articles cost %v, want one Articles and one Mentions call", len(articles), counting.calls)
			}
		})
	}
}
