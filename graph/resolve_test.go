package graph_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	gocmp "github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/examples"
	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/loader/read"
)

// eachBundledStore runs f once per store, with a client over a store
// loaded with the articles `serve` seeds an empty store with: the graph a
// new user first queries, where "Russia" is also an alias of the Soviet
// Union and of the Russian Empire.
func eachBundledStore(t *testing.T, f func(t *testing.T, c *client.Client, h http.Handler)) {
	for _, s := range stores {
		t.Run(s.name, func(t *testing.T) {
			store := s.open(t)
			l := &loader.Loader{Store: store, Reader: read.Reader{FS: examples.Articles}}
			if _, err := l.Load(context.Background(), []string{examples.Dir}); err != nil {
				t.Fatalf("load the bundled articles: %v", err)
			}
			h := graph.NewHandler(store, graph.Options{})
			f(t, client.New(h), h)
		})
	}
}

// rawResponse is a GraphQL answer kept as it came: data and errors apart.
type rawResponse struct {
	Data   map[string]json.RawMessage
	Errors []struct {
		Message    string
		Path       []any
		Extensions map[string]any
	}
}

// postRaw answers query with the data and the errors both, which gqlgen's
// client folds into one error.
func postRaw(t *testing.T, c *client.Client, query string, opts ...client.Option) rawResponse {
	t.Helper()
	resp, err := c.RawPost(query, opts...)
	if err != nil {
		t.Fatalf("post %s: %v", query, err)
	}
	var out rawResponse
	if resp.Data != nil {
		b, _ := json.Marshal(resp.Data)
		if err := json.Unmarshal(b, &out.Data); err != nil {
			t.Fatalf("data %s: %v", b, err)
		}
	}
	if len(resp.Errors) > 0 {
		if err := json.Unmarshal(resp.Errors, &out.Errors); err != nil {
			t.Fatalf("errors %s: %v", resp.Errors, err)
		}
	}
	return out
}

// TestNameResolutionOrder: an exact id wins, then an exact canonical name,
// then an alias, then words. "Russia" is the canonical name of Russia and
// an alias of the Soviet Union and of the Russian Empire, so it is Russia,
// not an ambiguity (issue #15, point 1).
func TestNameResolutionOrder(t *testing.T) {
	eachBundledStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		tests := []struct {
			ref    string
			wantID string // "" when the answer is an error
			code   string
		}{
			{ref: "state:russia", wantID: "state:russia"},
			{ref: "Russia", wantID: "state:russia"},
			{ref: "russia", wantID: "state:russia"},
			{ref: "Japan", wantID: "state:japan"},
			{ref: "Moscow", wantID: "place:moscow"},
			{ref: "Tokyo", wantID: "place:tokyo"},
			{ref: "Soviet Union", wantID: "state:soviet-union"},
			{ref: "USSR", wantID: "state:soviet-union"},                                   // an alias
			{ref: "Lavrov", wantID: "person:sergey-lavrov"},                               // an alias
			{ref: "1956 Declaration", wantID: "treaty:soviet-japanese-joint-declaration"}, // an alias
			{ref: "Sergey", code: kg.EINVALID},                                            // words of many names
			{ref: "Atlantis", code: kg.ENOTFOUND},
		}
		for _, tc := range tests {
			t.Run(tc.ref, func(t *testing.T) {
				out := postRaw(t, c, `query($r: ID!) { neighborhood(id: $r, first: 1) { nodes { id } } }`, client.Var("r", tc.ref))
				if tc.wantID == "" {
					if len(out.Errors) != 1 || out.Errors[0].Extensions["code"] != tc.code {
						t.Fatalf("neighborhood(%q): errors %+v, want one %s", tc.ref, out.Errors, tc.code)
					}
					return
				}
				if len(out.Errors) > 0 {
					t.Fatalf("neighborhood(%q): %+v", tc.ref, out.Errors)
				}
				var sg struct{ Nodes []struct{ ID string } }
				json.Unmarshal(out.Data["neighborhood"], &sg)
				if len(sg.Nodes) == 0 || sg.Nodes[0].ID != tc.wantID {
					t.Errorf("neighborhood(%q) starts at %+v, want %s", tc.ref, sg.Nodes, tc.wantID)
				}
			})
		}
	})
}

// TestFieldErrorKeepsSiblings runs the README's combined example, which
// failed whole on "Russia", and then one whose walk cannot resolve its
// end: the error is that field's alone, and its siblings keep their data.
func TestFieldErrorKeepsSiblings(t *testing.T) {
	eachBundledStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		readme := `{ putin: entity(id: "Putin") { ... on Person { offices(asOf: "2019-01-15") { role to { name } } } }
  japan: entity(id: "Japan") { ... on State { treaties(asOf: "1970-01-01") { name date } } }
  neighborhood(id: "Japan", hops: 2, types: [PARTY_TO, PARTICIPATED_IN], first: 200) { nodes { id name } edges { type from { id } to { id } } truncated }
  paths(from: "Japan", to: "Russia", maxHops: 3, first: 3) { hops steps { edge { type } to { name } } } }`
		out := postRaw(t, c, readme)
		if len(out.Errors) > 0 {
			t.Fatalf("README example: %+v", out.Errors)
		}
		for _, f := range []string{"putin", "japan", "neighborhood", "paths"} {
			if v := out.Data[f]; len(v) == 0 || string(v) == "null" || string(v) == "[]" {
				t.Errorf("README example: %s = %s", f, v)
			}
		}

		// Every root field that resolves a name fails alone.
		fields := map[string]string{
			"entity":         `entity(id: "Sergey") { id }`,
			"path":           `path(from: "Sergey", to: "Japan") { hops }`,
			"paths":          `paths(from: "Sergey", to: "Japan") { hops }`,
			"neighborhood":   `neighborhood(id: "Sergey") { truncated }`,
			"timeline":       `timeline(entity: "Sergey") { id }`,
			"timelineItems":  `timelineItems(entity: "Sergey") { totalCount }`,
			"timelineExport": `timelineExport(entity: "Sergey")`,
		}
		for name, field := range fields {
			t.Run(name, func(t *testing.T) {
				out := postRaw(t, c, `{ stats { articles } japan: entity(id: "Japan") { id } `+field+` }`)
				if len(out.Errors) != 1 || out.Errors[0].Extensions["code"] != kg.EINVALID {
					t.Fatalf("errors = %+v, want one EINVALID for the ambiguous name", out.Errors)
				}
				if diff := gocmp.Diff([]any{name}, out.Errors[0].Path); diff != "" {
					t.Errorf("error path (-want +got):\n%s", diff)
				}
				if string(out.Data[name]) != "null" {
					t.Errorf("%s = %s, want null", name, out.Data[name])
				}
				if string(out.Data["japan"]) != `{"id":"state:japan"}` || len(out.Data["stats"]) < 10 {
					t.Errorf("siblings lost: %v", out.Data)
				}
			})
		}
	})
}

// TestUnknownIDs: a global id that names nothing is ENOTFOUND in node and
// in every field that needs an entity to work on, as it is in path (issue
// #15, point 14); entity and article, typed lookups, answer null.
func TestUnknownIDs(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		for _, tc := range []struct {
			field, query string
			code         string // "" for null without an error
		}{
			{"node", `node(id: "state:atlantis") { id }`, kg.ENOTFOUND},
			{"node", `node(id: "edge:0000") { id }`, kg.ENOTFOUND},
			{"node", `node(id: "article:nowhere") { id }`, kg.ENOTFOUND},
			{"path", `path(from: "state:atlantis", to: "state:japan") { hops }`, kg.ENOTFOUND},
			{"paths", `paths(from: "state:japan", to: "state:atlantis") { hops }`, kg.ENOTFOUND},
			{"neighborhood", `neighborhood(id: "state:atlantis") { truncated }`, kg.ENOTFOUND},
			{"timelineItems", `timelineItems(entity: "state:atlantis") { totalCount }`, kg.ENOTFOUND},
			{"entity", `entity(id: "state:atlantis") { id }`, ""},
			{"article", `article(id: "article:nowhere") { id }`, ""},
		} {
			t.Run(tc.query, func(t *testing.T) {
				out := postRaw(t, c, `{ `+tc.query+` }`)
				if string(out.Data[tc.field]) != "null" {
					t.Errorf("%s = %s, want null", tc.field, out.Data[tc.field])
				}
				switch {
				case tc.code == "" && len(out.Errors) > 0:
					t.Errorf("errors %+v, want none", out.Errors)
				case tc.code != "" && (len(out.Errors) != 1 || out.Errors[0].Extensions["code"] != tc.code):
					t.Errorf("errors %+v, want one %s", out.Errors, tc.code)
				case tc.code != "" && !strings.Contains(out.Errors[0].Message, "atlantis") && !strings.Contains(out.Errors[0].Message, "nowhere") && !strings.Contains(out.Errors[0].Message, "0000"):
					t.Errorf("message %q does not name the id", out.Errors[0].Message)
				}
			})
		}
		// A known id is a node as before.
		out := postRaw(t, c, `{ node(id: "state:japan") { id } }`)
		if len(out.Errors) > 0 || string(out.Data["node"]) != `{"id":"state:japan"}` {
			t.Errorf("node(state:japan): %+v %s", out.Errors, out.Data["node"])
		}
	})
}
