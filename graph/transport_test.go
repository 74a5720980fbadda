package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/kg"
)

// httpAnswer is an answer of the handler as a client sees it.
type httpAnswer struct {
	status      int
	contentType string
	body        []byte
	// one is the answer decoded as one GraphQL response; batch as a batch.
	one   map[string]json.RawMessage
	batch []map[string]json.RawMessage
}

// codes returns the extensions.code of every error of a response.
func codes(t *testing.T, resp map[string]json.RawMessage) []string {
	t.Helper()
	var errs []struct{ Extensions map[string]any }
	if raw, ok := resp["errors"]; ok {
		if err := json.Unmarshal(raw, &errs); err != nil {
			t.Fatalf("errors %s: %v", raw, err)
		}
	}
	var out []string
	for _, e := range errs {
		code, _ := e.Extensions["code"].(string)
		out = append(out, code)
	}
	return out
}

// send sends a request to h with the given method, content type, Accept
// header and body (a query string for GET).
func send(t *testing.T, h http.Handler, method, contentType, accept, body string) httpAnswer {
	t.Helper()
	var req *http.Request
	if method == http.MethodGet {
		req = httptest.NewRequest(method, "/graphql?"+body, nil)
	} else {
		req = httptest.NewRequest(method, "/graphql", strings.NewReader(body))
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	a := httpAnswer{status: rec.Code, contentType: rec.Header().Get("Content-Type"), body: rec.Body.Bytes()}
	if bytes.HasPrefix(bytes.TrimSpace(a.body), []byte("[")) {
		if err := json.Unmarshal(a.body, &a.batch); err != nil {
			t.Fatalf("%s %s: answer %s is not a JSON array: %v", method, body, a.body, err)
		}
	} else if err := json.Unmarshal(a.body, &a.one); err != nil {
		t.Fatalf("%s %s: answer %q is not JSON: %v", method, body, a.body, err)
	}
	return a
}

const (
	acceptJSON     = "application/json"
	acceptResponse = "application/graphql-response+json"
	// Apollo Client 4's default.
	acceptApollo = "application/graphql-response+json,application/json;q=0.9"
)

// TestStatusCodes checks the statuses of GraphQL over HTTP (issue #15,
// point 6): with application/json every GraphQL answer is 200, request
// errors included, so that clients show the GraphQL error; with
// application/graphql-response+json a request error is 400 and has no
// data entry; a body that is not a GraphQL request is 4xx either way.
func TestStatusCodes(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		walk := `{ a: paths(from: "state:japan", to: "state:russia", maxHops: 8) { hops } b: paths(from: "state:japan", to: "state:russia", maxHops: 8) { hops } c: paths(from: "state:japan", to: "state:russia", maxHops: 8) { hops } }`
		body := func(query string, vars map[string]any) string {
			b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
			return string(b)
		}
		tests := []struct {
			name     string
			accept   string
			body     string
			status   int
			media    string
			code     string // of the first error; "" for none
			wantData bool   // a data entry is present
		}{
			{"parse failure, json", acceptJSON, body("{", nil), 200, acceptJSON, "GRAPHQL_PARSE_FAILED", false},
			{"parse failure, graphql-response", acceptResponse, body("{", nil), 400, acceptResponse, "GRAPHQL_PARSE_FAILED", false},
			{"validation failure, json", acceptJSON, body("{ nosuchfield }", nil), 200, acceptJSON, "GRAPHQL_VALIDATION_FAILED", false},
			{"validation failure, graphql-response", acceptResponse, body("{ nosuchfield }", nil), 400, acceptResponse, "GRAPHQL_VALIDATION_FAILED", false},
			{"variable coercion, json", acceptJSON, body(`query($n: Int) { search(text: "x", first: $n) { id } }`, map[string]any{"n": "many"}), 200, acceptJSON, "GRAPHQL_VALIDATION_FAILED", false},
			{"variable coercion, graphql-response", acceptResponse, body(`query($n: Int) { search(text: "x", first: $n) { id } }`, map[string]any{"n": "many"}), 400, acceptResponse, "GRAPHQL_VALIDATION_FAILED", false},
			{"over the limits, json", acceptJSON, body(walk, nil), 200, acceptJSON, kg.ELIMIT, false},
			{"over the limits, graphql-response", acceptResponse, body(walk, nil), 400, acceptResponse, kg.ELIMIT, false},
			{"over the limits, Apollo 4's Accept", acceptApollo, body(walk, nil), 400, acceptResponse, kg.ELIMIT, false},
			{"field error, json", acceptJSON, body(`{ search(text: "japan", first: 9999) { id } }`, nil), 200, acceptJSON, kg.EINVALID, true},
			{"field error, graphql-response", acceptResponse, body(`{ search(text: "japan", first: 9999) { id } }`, nil), 200, acceptResponse, kg.EINVALID, true},
			{"no Accept", "", body("{ nosuchfield }", nil), 200, acceptJSON, "GRAPHQL_VALIDATION_FAILED", false},
			{"any type", "*/*", body("{ nosuchfield }", nil), 200, acceptJSON, "GRAPHQL_VALIDATION_FAILED", false},
			{"json preferred by quality", "application/graphql-response+json;q=0.5, application/json", body("{ nosuchfield }", nil), 200, acceptJSON, "GRAPHQL_VALIDATION_FAILED", false},
			{"ok", acceptResponse, body("{ stats { articles } }", nil), 200, acceptResponse, "", true},
			{"body not JSON, json", acceptJSON, `{"query": "{ stats { articles } }"`, 400, acceptJSON, kg.EINVALID, false},
			{"body not JSON, graphql-response", acceptResponse, `not json`, 400, acceptResponse, kg.EINVALID, false},
			{"no query", acceptJSON, `{"qeury": "{ stats { articles } }"}`, 400, acceptJSON, kg.EINVALID, false},
			{"query not a string", acceptJSON, `{"query": 7}`, 400, acceptJSON, kg.EINVALID, false},
			{"variables not an object", acceptJSON, `{"query": "{ stats { articles } }", "variables": "x"}`, 400, acceptJSON, kg.EINVALID, false},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				a := send(t, h, http.MethodPost, "application/json", tc.accept, tc.body)
				if a.status != tc.status {
					t.Errorf("status %d, want %d (%s)", a.status, tc.status, a.body)
				}
				if !strings.HasPrefix(a.contentType, tc.media) {
					t.Errorf("Content-Type %q, want %s", a.contentType, tc.media)
				}
				got := codes(t, a.one)
				if tc.code == "" && len(got) > 0 || tc.code != "" && (len(got) == 0 || got[0] != tc.code) {
					t.Errorf("codes %v, want %q first (%s)", got, tc.code, a.body)
				}
				if _, ok := a.one["data"]; ok != tc.wantData {
					t.Errorf("data entry present: %v, want %v (%s)", ok, tc.wantData, a.body)
				}
			})
		}
	})
}

// TestBatch sends batches as Apollo's BatchHttpLink and graphql-request's
// batchRequests do (issue #15, point 7): each operation is answered in
// order, in an array; the batch counts toward one request's limits.
func TestBatch(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		t.Run("answered in order", func(t *testing.T) {
			a := send(t, h, http.MethodPost, "application/json", acceptApollo, `[
			  {"operationName": "Japan", "query": "query Japan($id: ID!) { entity(id: $id) { name } }", "variables": {"id": "state:japan"}},
			  {"query": "{ nosuchfield }"},
			  {"query": "{ stats { articles } }", "extensions": {}}]`)
			if a.status != http.StatusOK || len(a.batch) != 3 {
				t.Fatalf("status %d, answer %s; want 200 and three answers", a.status, a.body)
			}
			if string(a.batch[0]["data"]) != `{"entity":{"name":"Japan"}}` || len(codes(t, a.batch[0])) > 0 {
				t.Errorf("first answer %s", a.batch[0])
			}
			if got := codes(t, a.batch[1]); !slices.Equal(got, []string{"GRAPHQL_VALIDATION_FAILED"}) {
				t.Errorf("second answer's codes %v, want its own validation error", got)
			}
			if _, ok := a.batch[1]["data"]; ok {
				t.Errorf("a request error has a data entry: %s", a.batch[1])
			}
			if !bytes.Contains(a.batch[2]["data"], []byte(`{"stats":{"articles":`)) {
				t.Errorf("third answer %s", a.batch[2])
			}
		})

		op := func(query string) map[string]any { return map[string]any{"query": query} }
		batch := func(ops ...map[string]any) string {
			b, _ := json.Marshal(ops)
			return string(b)
		}
		refusals := []struct {
			name   string
			body   string
			status int
			// codes of each answer, or of the one error answer
			codes []string
		}{
			{"too many operations", batch(slices.Repeat([]map[string]any{op("{ stats { articles } }")}, graph.DefaultLimits.MaxBatch+1)...), 400, []string{kg.ELIMIT}},
			{"empty", `[]`, 400, []string{kg.EINVALID}},
			{"not objects", `[1, 2]`, 400, []string{kg.EINVALID}},
			// Three walks of complexity 9,000: each fits the limit, together
			// they do not, and none runs.
			{"complexity summed", batch(
				op(`{ paths(from: "state:japan", to: "state:russia", maxHops: 8) { hops } }`),
				op(`{ paths(from: "state:japan", to: "state:russia", maxHops: 8) { hops } }`),
				op(`{ paths(from: "state:japan", to: "state:russia", maxHops: 8) { hops } }`)), 200,
				[]string{kg.ELIMIT, kg.ELIMIT, kg.ELIMIT}},
			// Query texts of 12 KB each: the third crosses 32 KB.
			{"query bytes summed", batch(
				op(`{ stats { articles } }`+strings.Repeat(" ", 12<<10)),
				op(`{ stats { edges } }`+strings.Repeat(" ", 12<<10)),
				op(`{ stats { entities } }`+strings.Repeat(" ", 12<<10))), 200,
				[]string{"", "", kg.ELIMIT}},
		}
		for _, tc := range refusals {
			t.Run(tc.name, func(t *testing.T) {
				a := send(t, h, http.MethodPost, "application/json", acceptJSON, tc.body)
				if a.status != tc.status {
					t.Fatalf("status %d, want %d: %.300s", a.status, tc.status, a.body)
				}
				if a.batch == nil {
					if got := codes(t, a.one); !slices.Equal(got, tc.codes) {
						t.Errorf("codes %v, want %v", got, tc.codes)
					}
					return
				}
				var got []string
				for _, ans := range a.batch {
					cs := codes(t, ans)
					if len(cs) == 0 {
						cs = []string{""}
						if len(ans["data"]) == 0 {
							t.Errorf("answer %s has neither data nor errors", ans)
						}
					} else if _, ok := ans["data"]; ok {
						t.Errorf("refused operation has data: %s", ans)
					}
					got = append(got, cs[0])
				}
				if !slices.Equal(got, tc.codes) {
					t.Errorf("codes %v, want %v", got, tc.codes)
				}
			})
		}
	})
}

// gatedStore holds every Search until gate is closed (or the request ends).
type gatedStore struct {
	kg.Store
	gate chan struct{}
}

func (s gatedStore) Search(ctx context.Context, q kg.SearchQuery) ([]*kg.Entity, error) {
	select {
	case <-s.gate:
	case <-ctx.Done():
	}
	return s.Store.Search(ctx, q)
}

// TestBatchTakesACostlySlot: operations that are each cheap but costly
// together wait, as a batch, for a costly slot, so that batching cheap
// operations cannot get round the admission of costly work; a cheap
// request alone still never waits.
func TestBatchTakesACostlySlot(t *testing.T) {
	for _, st := range stores {
		t.Run(st.name, func(t *testing.T) {
			store := st.open(t)
			mustSeededClient(t, store)
			gate := make(chan struct{})
			// search(first: 20) { id } costs 21: costly. entity { id } costs 2:
			// cheap alone, 20 in a batch of ten: costly.
			h := graph.NewHandler(gatedStore{store, gate}, graph.Options{
				Limits:  graph.Limits{CostlyComplexity: 15, CostlySlots: 1},
				Timeout: time.Minute,
			})
			held := make(chan httpAnswer)
			go func() {
				held <- send(t, h, http.MethodPost, "application/json", acceptJSON, `{"query": "{ search(text: \"japan\") { id } }"}`)
			}()
			// The search holds the only slot once it reaches the store; a
			// cheap request is answered meanwhile.
			time.Sleep(200 * time.Millisecond)
			one := send(t, h, http.MethodPost, "application/json", acceptJSON, `{"query": "{ entity(id: \"state:japan\") { id } }"}`)
			if one.status != 200 || len(codes(t, one.one)) > 0 {
				t.Fatalf("cheap request while the slot is held: %d %s", one.status, one.body)
			}
			ops := slices.Repeat([]string{`{"query": "{ entity(id: \"state:japan\") { id } }"}`}, 10)
			done := make(chan httpAnswer)
			go func() {
				done <- send(t, h, http.MethodPost, "application/json", acceptJSON, "["+strings.Join(ops, ",")+"]")
			}()
			select {
			case a := <-done:
				t.Fatalf("a costly batch ran while the only costly slot was held: %s", a.body)
			case <-time.After(500 * time.Millisecond):
			}
			close(gate)
			if a := <-held; len(codes(t, a.one)) > 0 {
				t.Errorf("held search: %s", a.body)
			}
			a := <-done
			if len(a.batch) != 10 {
				t.Fatalf("batch answer %s", a.body)
			}
			for _, ans := range a.batch {
				if string(ans["data"]) != `{"entity":{"id":"state:japan"}}` {
					t.Errorf("batch answer %s", ans)
				}
			}
		})
	}
}

// TestEveryErrorHasACode sends what gqlgen answered without a code, or by
// echoing the body (issue #15, point 8): each answer is JSON with
// extensions.code on every error, and never holds the body it refuses.
func TestEveryErrorHasACode(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		secret := strings.Repeat("SECRET", 200)
		tests := []struct {
			name, method, contentType, body string
			status                          int
			code                            string
		}{
			{"APQ hash mismatch", "POST", "application/json", `{"query": "{ stats { articles } }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}`, 200, kg.EINVALID},
			{"APQ unsupported version", "POST", "application/json", `{"query": "{ stats { articles } }", "extensions": {"persistedQuery": {"version": 2, "sha256Hash": "abc"}}}`, 200, kg.EINVALID},
			{"APQ not found", "POST", "application/json", `{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "0000000000000000000000000000000000000000000000000000000000000000"}}}`, 200, "PERSISTED_QUERY_NOT_FOUND"},
			{"undecodable body", "POST", "application/json", `{"query": "` + secret + `", garbage`, 400, kg.EINVALID},
			{"undecodable batch", "POST", "application/json", `[{"query": "` + secret + `"}, garbage]`, 400, kg.EINVALID},
			{"text/plain", "POST", "text/plain", `{"query": "{ stats { articles } }"}`, 415, kg.EINVALID},
			{"no content type", "POST", "", `{"query": "{ stats { articles } }"}`, 415, kg.EINVALID},
			{"form", "POST", "application/x-www-form-urlencoded", `query=` + secret, 415, kg.EINVALID},
			{"PUT", "PUT", "application/json", `{"query": "{ stats { articles } }"}`, 405, kg.EINVALID},
			{"GET without query", "GET", "", ``, 400, kg.EINVALID},
			{"GET with bad variables", "GET", "", `query=` + url.QueryEscape(`query($t: String!) { search(text: $t) { id } }`) + `&variables=` + secret, 400, kg.EINVALID},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				a := send(t, h, tc.method, tc.contentType, acceptJSON, tc.body)
				if a.status != tc.status {
					t.Errorf("status %d, want %d: %s", a.status, tc.status, a.body)
				}
				if !strings.HasPrefix(a.contentType, "application/json") {
					t.Errorf("Content-Type %q, want JSON", a.contentType)
				}
				got := codes(t, a.one)
				if len(got) == 0 || got[0] != tc.code {
					t.Errorf("codes %v, want %s: %s", got, tc.code, a.body)
				}
				for _, code := range got {
					if code == "" {
						t.Errorf("an error without a code: %s", a.body)
					}
				}
				if bytes.Contains(a.body, []byte("SECRETSECRET")) {
					t.Errorf("the answer echoes the body: %.200s…", a.body)
				}
			})
		}
	})
}

// TestIntrospectionDisabled: with introspection off, a request for the
// schema is the client's error, with a code of its own, before anything
// runs, and nothing is logged at ERROR (issue #15, point 3).
func TestIntrospectionDisabled(t *testing.T) {
	var logged bytes.Buffer
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelError})))
	t.Cleanup(func() { slog.SetDefault(prev) })

	for _, st := range stores {
		t.Run(st.name, func(t *testing.T) {
			store := st.open(t)
			mustSeededClient(t, store)
			h := graph.NewHandler(store, graph.Options{DisableIntrospection: true})
			for _, q := range []string{
				`{ __schema { queryType { name } } }`,
				`{ stats { articles } __type(name: "Query") { name } }`,
				`query { ...F } fragment F on Query { ... on Query { __schema { types { name } } } }`,
			} {
				b, _ := json.Marshal(map[string]string{"query": q})
				for _, tc := range []struct {
					accept string
					status int
				}{{acceptJSON, 200}, {acceptResponse, 400}} {
					a := send(t, h, http.MethodPost, "application/json", tc.accept, string(b))
					if got := codes(t, a.one); a.status != tc.status || !slices.Equal(got, []string{graph.EINTROSPECTION}) {
						t.Errorf("%s (%s): status %d, codes %v; want %d and %s", q, tc.accept, a.status, got, tc.status, graph.EINTROSPECTION)
					}
					if _, ok := a.one["data"]; ok {
						t.Errorf("%s: refused before execution, yet a data entry: %s", q, a.body)
					}
				}
			}
			a := send(t, h, http.MethodPost, "application/json", acceptJSON, `{"query": "{ __typename stats { articles } }"}`)
			if len(codes(t, a.one)) > 0 || !bytes.Contains(a.one["data"], []byte(`"__typename":"Query"`)) {
				t.Errorf("__typename with introspection off: %s", a.body)
			}
		})
	}
	if logged.Len() > 0 {
		t.Errorf("refused introspection logged at ERROR:\n%s", logged.String())
	}
}
