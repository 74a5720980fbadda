// Package hostile is a corpus of requests an attacker, or a careless
// client, sends a GraphQL server: documents that are cheap to send and
// costly to parse, validate or plan (fragment fan-out, repeated fields,
// directive and token floods), floods of words and list items, aliases of
// every costly field, oversized cursors and bodies. Each must be refused,
// or answered, within a second of CPU and bounded memory, while the server
// goes on answering cheap queries at once (issue #12). The graph tests run
// it on both stores; cmd/apibench -hostile runs it against a real server
// on a million-edge store and reports CPU, memory and the latency of a
// cheap probe meanwhile.
package hostile

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Case is one hostile request.
type Case struct {
	Name string
	// Body is the JSON body of a POST to /graphql.
	Body []byte
	// Codes are the extensions.code values a refusal may carry. A case may
	// also be answered, with data and no error, if it stays within the
	// bounds: the last cases are valid queries that should be.
	Codes []string
}

// IDs are the entities of the store the corpus is run against.
type IDs struct {
	// Hub is the entity with the most edges; Other is another entity,
	// far from it.
	Hub, Other string
}

func body(query string, vars map[string]any) []byte {
	b, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		panic(err)
	}
	return b
}

// refused are the codes of a refusal before execution, or of an argument
// the resolvers reject.
var refused = []string{"ELIMIT", "EINVALID", "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED"}

// fragmentFanOut spreads the fragment of the level below ten times at each
// of levels levels: 10^levels fields once expanded, from a document of a
// few hundred bytes.
func fragmentFanOut(levels int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "query { stats { ...F%d } } fragment F0 on Stats { articles } ", levels)
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, "fragment F%d on Stats {%s } ", i, strings.Repeat(fmt.Sprintf(" ...F%d", i-1), 10))
	}
	return b.String()
}

func repeat(s string, n int) string { return strings.Repeat(s, n) }

// batch is a batched body (a JSON array, as Apollo's BatchHttpLink sends)
// of n copies of query.
func batch(n int, query string) []byte {
	ops := make([]map[string]any, n)
	for i := range ops {
		ops[i] = map[string]any{"query": query}
	}
	b, err := json.Marshal(ops)
	if err != nil {
		panic(err)
	}
	return b
}

// Decode reads an answer, one GraphQL response or a batch's array of them:
// the extensions.code of every error, and whether any response has data
// that is not null.
func Decode(answer []byte) (codes []string, data bool) {
	type response struct {
		Data   json.RawMessage
		Errors []struct{ Extensions map[string]any }
	}
	var rs []response
	if err := json.Unmarshal(answer, &rs); err != nil {
		var r response
		json.Unmarshal(answer, &r)
		rs = []response{r}
	}
	for _, r := range rs {
		data = data || len(r.Data) > 0 && string(r.Data) != "null"
		for _, e := range r.Errors {
			code, _ := e.Extensions["code"].(string)
			codes = append(codes, code)
		}
	}
	return codes, data
}

// aliases repeats field under n aliases.
func aliases(n int, field string) string {
	var b strings.Builder
	b.WriteString("{ ")
	for i := range n {
		fmt.Fprintf(&b, "a%d: %s ", i, field)
	}
	b.WriteString("}")
	return b.String()
}

// list returns n copies of v.
func list(n int, v any) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// Cases returns the corpus for a store whose entities include ids.
func Cases(ids IDs) []Case {
	hub, other := ids.Hub, ids.Other
	words := make([]string, 50_000)
	for i := range words {
		words[i] = fmt.Sprintf("w%d", i)
	}
	cases := []Case{
		{Name: "fragment fan-out, 9 levels (715 bytes)", Body: body(fragmentFanOut(9), nil)},
		{Name: "fragment fan-out, 12 levels", Body: body(fragmentFanOut(12), nil)},
		{Name: "8,000 repeated fields (125 KB)", Body: body("{ "+repeat("stats { articles } ", 8000)+"}", nil)},
		{Name: "1,700 repeated fields under the size limit", Body: body("{ "+repeat("stats { articles } ", 1700)+"}", nil)},
		{Name: "3,000 fields in an unused fragment", Body: body("{ stats { articles } } fragment U on Stats { "+repeat("articles ", 3000)+"}", nil)},
		{Name: "1,800 directives", Body: body("{ stats { articles "+repeat("@include(if: true) ", 1700)+"} }", nil)},
		{Name: "10,000 directives (170 KB)", Body: body("{ stats { articles "+repeat("@include(if: true) ", 10_000)+"} }", nil)},
		{Name: "16,000 tokens", Body: body("{ __typename"+repeat(" a", 16_000)+" }", nil)},
		{Name: "depth 120", Body: body("{ entity(id: \""+hub+"\") { ... on State { "+repeat("edges { nodes { from { ... on State { ", 30)+"id"+repeat(" } } } }", 30)+" } } }", nil)},
		{Name: "search of 50,000 words (375 KB)", Body: body(`query($t: String!) { search(text: $t) { id } }`, map[string]any{"t": strings.Join(words, " ")})},
		{Name: "search of 33 words", Body: body(`query($t: String!) { search(text: $t) { id } }`, map[string]any{"t": strings.Join(words[:33], " ")})},
		{Name: "40,000 kinds", Body: body(`query($k: [EntityKind!]) { search(text: "state", kinds: $k) { id } }`, map[string]any{"k": list(40_000, "STATE")})},
		{Name: "60,000 event types", Body: body(`query($t: [EventType!]) { timeline(types: $t) { id } }`, map[string]any{"t": list(60_000, "MEETING")})},
		{Name: "50,000 path types", Body: body(`query($t: [EdgeType!]) { path(from: "`+hub+`", to: "`+other+`", types: $t) { hops } }`, map[string]any{"t": list(50_000, "PARTY_TO")})},
		{Name: "60 aliases of paths(maxHops: 8, first: 20)", Body: body(aliases(60, `paths(from: "`+hub+`", to: "`+other+`", maxHops: 8, first: 20) { hops steps { edge { type } } }`), nil)},
		{Name: "60 aliases of path(maxHops: 8, timeRespecting)", Body: body(aliases(60, `path(from: "`+hub+`", to: "`+other+`", maxHops: 8, timeRespecting: true) { hops }`), nil)},
		{Name: "10 aliases of neighborhood(hops: 3, first: 500)", Body: body(aliases(10, `neighborhood(id: "`+hub+`", hops: 3, first: 500) { nodes { id } edges { id } }`), nil)},
		{Name: "10 aliases of timelineExport(hub)", Body: body(aliases(10, `timelineExport(entity: "`+hub+`")`), nil)},
		{Name: "10 aliases of timelineItems(hub, first: 500)", Body: body(aliases(10, `timelineItems(entity: "`+hub+`", first: 500) { totalCount nodes { date } }`), nil)},
		{Name: "search first 500 with 500 edges each", Body: body(`{ search(text: "state", first: 500) { ... on State { edges(first: 500) { nodes { id from { id } to { id } } } } } }`, nil)},
		{Name: "a 100 KB cursor", Body: body(`query($c: String) { searchConnection(text: "state", after: $c) { totalCount } }`, map[string]any{"c": repeat("A", 100<<10)})},
		{Name: "a body that is not JSON (900 KB)", Body: []byte(`{"query": "` + repeat("x", 900<<10))},
		// Batches count toward one request's limits, not each operation
		// toward its own.
		{Name: "a batch of 10,000 operations", Body: batch(10_000, `{ stats { articles } }`)},
		{Name: "a batch of 10 walks of 8 hops", Body: batch(10, `{ paths(from: "`+hub+`", to: "`+other+`", maxHops: 8, first: 20) { hops } }`)},
		{Name: "a batch of 10 timelineExport(hub)", Body: batch(10, `{ timelineExport(entity: "`+hub+`") }`)},
		{Name: "a batch of 10 × 1,700 repeated fields", Body: batch(10, "{ "+repeat("stats { articles } ", 1700)+"}")},
		{Name: "a batch of 10 fragment fan-outs, 9 levels", Body: batch(10, fragmentFanOut(9))},
		// Valid, costly queries within the limits: answered, but bounded.
		{Name: "2 aliases of paths(maxHops: 8, first: 20)", Body: body(aliases(2, `paths(from: "`+hub+`", to: "`+other+`", maxHops: 8, first: 20) { hops }`), nil)},
		{Name: "timelineItems(hub, first: 500) with totalCount", Body: body(`{ timelineItems(entity: "`+hub+`", first: 500) { totalCount nodes { date } } }`, nil)},
		{Name: "timelineExport(hub)", Body: body(`{ timelineExport(entity: "`+hub+`") }`, nil)},
		{Name: "neighborhood(hub, hops: 3, first: 500)", Body: body(`{ neighborhood(id: "`+hub+`", hops: 3, first: 500) { nodes { id } edges { id } } }`, nil)},
	}
	for i := range cases {
		cases[i].Codes = append(refused, "ENOTFOUND")
	}
	return cases
}
