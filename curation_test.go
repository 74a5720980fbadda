package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/neo4j/neo4jtest"
)

// Tokens of the curation tests, given as a user gives them: in the
// environment, never on the command line.
const (
	writerToken = "writer-0123456789abcdef"
	readerToken = "reader-0123456789abcdef"
	testTokens  = "alice write " + writerToken + "\nbob read " + readerToken
)

// startCurationServer starts serve with the test tokens on store ("sqlite"
// or "neo4j") and returns its URL and, for SQLite, the database file.
func startCurationServer(t *testing.T, store string, flags ...string) (base, db string) {
	t.Helper()
	t.Setenv("DIPLOGRAPH_TOKENS", testTokens)
	db = filepath.Join(t.TempDir(), "cur.db")
	args := append([]string{"--db", db, "--live-poll", "50ms"}, flags...)
	if store == "neo4j" {
		neo4jtest.Wipe(t, neo4jtest.Config(t))
		args = append(args, "--store", "neo4j")
	}
	return startServer(t, args...), db
}

// gql posts a query with the given headers and returns the status and
// the decoded answer.
func gql(t *testing.T, base, method, query string, vars map[string]any, header map[string]string) (int, gqlResponse) {
	t.Helper()
	var req *http.Request
	var err error
	if method == http.MethodGet {
		q := url.Values{"query": {query}}
		if vars != nil {
			v, _ := json.Marshal(vars)
			q.Set("variables", string(v))
		}
		req, err = http.NewRequest(method, base+"/graphql?"+q.Encode(), nil)
	} else {
		body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
		req, err = http.NewRequest(method, base+"/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
	}
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out gqlResponse
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("answer %q is not JSON: %v", raw, err)
	}
	return resp.StatusCode, out
}

func writer() map[string]string { return map[string]string{"Authorization": "Bearer " + writerToken} }

// mustGQL posts as the writer and fails on any error.
func mustGQL(t *testing.T, base, query string, vars map[string]any, into any) {
	t.Helper()
	code, out := gql(t, base, http.MethodPost, query, vars, writer())
	if code != http.StatusOK || len(out.Errors) > 0 {
		t.Fatalf("%s: status %d, errors %+v", strings.Fields(query)[0:2], code, out.Errors)
	}
	if into != nil {
		if err := json.Unmarshal(out.Data, into); err != nil {
			t.Fatal(err)
		}
	}
}

func errCode(out gqlResponse) string {
	if len(out.Errors) == 0 {
		return ""
	}
	c, _ := out.Errors[0].Extensions["code"].(string)
	return c
}

// graphState is what a refused mutation must leave as it was.
const graphState = `{ stats { articles entities edges }
  kono: entity(id: "person:taro-kono") { id name aliases }
  log: curationLog(first: 1) { totalCount } }`

func stateOf(t *testing.T, base string) string {
	t.Helper()
	code, out := gql(t, base, http.MethodPost, graphState, nil, nil)
	if code != http.StatusOK || len(out.Errors) > 0 {
		t.Fatalf("state: %d %+v", code, out.Errors)
	}
	return string(out.Data)
}

// TestCurationAPI runs every mutation through the real server on both
// stores, and every refusal: none changes anything.
func TestCurationAPI(t *testing.T) {
	for _, store := range []string{"sqlite", "neo4j"} {
		t.Run(store, func(t *testing.T) {
			base, _ := startCurationServer(t, store, "--cors-origins", "https://allowed.example")
			testRefusals(t, base)
			testMutations(t, base)
		})
	}
	t.Run("no tokens", func(t *testing.T) {
		base := startServer(t, "--db", filepath.Join(t.TempDir(), "ro.db"))
		var w struct{ Writable bool }
		code, out := gql(t, base, http.MethodPost, `{ writable }`, nil, nil)
		json.Unmarshal(out.Data, &w)
		if code != 200 || w.Writable {
			t.Errorf("writable without tokens: %d %s", code, out.Data)
		}
		before := stateOf(t, base)
		code, out = gql(t, base, http.MethodPost, `mutation { retractArticle(id: "article:000-525ad26aad408969", reason: "x") { id } }`, nil, nil)
		if errCode(out) != "EFORBIDDEN" || code != http.StatusForbidden {
			t.Errorf("mutation on a server without tokens: %d %+v, want 403 EFORBIDDEN", code, out.Errors)
		}
		if after := stateOf(t, base); after != before {
			t.Errorf("a refused mutation changed the graph:\n%s\n%s", before, after)
		}
	})
}

func testRefusals(t *testing.T, base string) {
	merge := `mutation { mergeEntities(into: "person:taro-kono", from: ["person:sergey-lavrov"], reason: "refused") { id } }`
	tests := []struct {
		name   string
		method string
		header map[string]string
		code   string
		status int
	}{
		{"no token", http.MethodPost, nil, "EUNAUTHORIZED", http.StatusUnauthorized},
		{"read-only token", http.MethodPost, map[string]string{"Authorization": "Bearer " + readerToken}, "EFORBIDDEN", http.StatusForbidden},
		{"wrong token", http.MethodPost, map[string]string{"Authorization": "Bearer wrong-0123456789abcdef"}, "EUNAUTHORIZED", http.StatusUnauthorized},
		{"over GET", http.MethodGet, writer(), "EFORBIDDEN", http.StatusForbidden},
		{"from a disallowed origin", http.MethodPost, map[string]string{"Authorization": "Bearer " + writerToken, "Origin": "https://evil.example"}, "EFORBIDDEN", http.StatusForbidden},
	}
	before := stateOf(t, base)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out := gql(t, base, tc.method, merge, nil, tc.header)
			if errCode(out) != tc.code || code != tc.status {
				t.Errorf("status %d, errors %+v; want %d %s", code, out.Errors, tc.status, tc.code)
			}
			if string(out.Data) != "" && string(out.Data) != "null" {
				t.Errorf("a refused mutation answered data %s", out.Data)
			}
		})
	}
	if after := stateOf(t, base); after != before {
		t.Errorf("refused mutations changed the graph:\n%s\n%s", before, after)
	}
	// The read-only token reads, and says who it is.
	code, out := gql(t, base, http.MethodPost, `{ me { name canWrite } writable }`, nil, map[string]string{"Authorization": "Bearer " + readerToken})
	if code != 200 || string(out.Data) != `{"me":{"name":"bob","canWrite":false},"writable":true}` {
		t.Errorf("me as the reader: %d %s %+v", code, out.Data, out.Errors)
	}
	// An allowed origin may write: checked by a harmless dry run.
	code, out = gql(t, base, http.MethodPost, `mutation { ingestArticles(articles: [{text: "Lavrov met Kono."}], dryRun: true) { articles { refused } } }`, nil,
		map[string]string{"Authorization": "Bearer " + writerToken, "Origin": "https://allowed.example"})
	if code != 200 || len(out.Errors) > 0 {
		t.Errorf("dry run from an allowed origin: %d %+v", code, out.Errors)
	}
}

const apiArticle = `Kono and Lavrov hold talks in Tokyo

Feb. 10, 2019 (EIRNS)—Russian Foreign Minister Sergey Lavrov met Japanese Foreign Minister Taro Kono in Tokyo on Feb. 9. Lavrov said Russia and Japan would continue talks on a peace treaty.`

func testMutations(t *testing.T, base string) {
	// ingestArticles: a preview, then the write.
	var ing struct {
		IngestArticles struct {
			Articles []struct {
				Refused      *string
				Article      struct{ ID, Title string }
				NewEntityIds []string
				NewEdgeIds   []string
				Edges        []struct{ Type, FromID, ToID string }
			}
			Record *struct{ ID, Who, Op string }
		}
	}
	const ingest = `mutation($a: [ArticleInput!]!, $dry: Boolean) { ingestArticles(articles: $a, dryRun: $dry, reason: "a test article") {
		articles { refused article { id title } newEntityIds newEdgeIds edges { type fromId toId } } record { id who op } } }`
	arts := []any{map[string]any{"text": apiArticle, "url": "https://example.org/tokyo-talks"}}
	mustGQL(t, base, ingest, map[string]any{"a": arts, "dry": true}, &ing)
	preview := ing.IngestArticles.Articles[0]
	if preview.Refused != nil || ing.IngestArticles.Record != nil || len(preview.NewEdgeIds) == 0 || len(preview.Edges) == 0 {
		t.Fatalf("preview = %+v", ing.IngestArticles)
	}
	var st struct{ Article *struct{ ID string } }
	mustGQL(t, base, `query($id: ID!) { article(id: $id) { id } }`, map[string]any{"id": preview.Article.ID}, &st)
	if st.Article != nil {
		t.Fatalf("a dry run stored the article")
	}
	mustGQL(t, base, ingest, map[string]any{"a": arts}, &ing)
	rec := ing.IngestArticles.Record
	if rec == nil || rec.Who != "alice" || rec.Op != "INGEST_ARTICLES" {
		t.Fatalf("ingest record = %+v", rec)
	}
	mustGQL(t, base, `query($id: ID!) { article(id: $id) { id } }`, map[string]any{"id": preview.Article.ID}, &st)
	if st.Article == nil {
		t.Fatalf("the ingested article is not stored")
	}

	// mergeEntities, and the merged id resolving to the survivor.
	var merged struct {
		MergeEntities struct {
			ID, Who, Op, Reason string
			Entities            []struct {
				ID            string
				Before, After *struct{ Name string }
			}
		}
	}
	mustGQL(t, base, `mutation { mergeEntities(into: "state:russia", from: ["state:soviet-union"], reason: "one state for this test") {
		id who op reason entities { id before { name } after { name } } } }`, nil, &merged)
	m := merged.MergeEntities
	if m.Who != "alice" || m.Op != "MERGE_ENTITIES" || len(m.Entities) != 2 {
		t.Fatalf("merge record = %+v", m)
	}
	var res struct {
		Entity *struct {
			ID      string
			Aliases []string
		}
		Log struct {
			TotalCount int
			Nodes      []struct{ ID string }
		}
	}
	mustGQL(t, base, `{ entity(id: "state:soviet-union") { id aliases } log: curationLog(entity: "state:soviet-union") { totalCount nodes { id } } }`, nil, &res)
	if res.Entity == nil || res.Entity.ID != "state:russia" || !contains(res.Entity.Aliases, "Soviet Union") {
		t.Errorf("entity(state:soviet-union) after the merge = %+v, want Russia with the name as an alias", res.Entity)
	}
	if res.Log.TotalCount != 1 || res.Log.Nodes[0].ID != m.ID {
		t.Errorf("curationLog of the merged entity = %+v", res.Log)
	}
	var sp struct {
		SplitEntity struct {
			Op     string
			Undoes struct{ ID string }
		}
	}
	mustGQL(t, base, `mutation($m: ID!) { splitEntity(merge: $m, reason: "two states after all") { op undoes { id } } }`, map[string]any{"m": m.ID}, &sp)
	if sp.SplitEntity.Op != "SPLIT_ENTITY" || sp.SplitEntity.Undoes.ID != m.ID {
		t.Errorf("split = %+v", sp.SplitEntity)
	}
	mustGQL(t, base, `{ entity(id: "state:soviet-union") { id aliases } log: curationLog(entity: "state:soviet-union") { totalCount nodes { id } } }`, nil, &res)
	if res.Entity == nil || res.Entity.ID != "state:soviet-union" {
		t.Errorf("Soviet Union after the split = %+v", res.Entity)
	}

	// updateEntity: a rename, an attribute.
	var upd struct {
		UpdateEntity struct{ ID string }
	}
	mustGQL(t, base, `mutation { updateEntity(id: "person:taro-kono", name: "Kōno Tarō", attributes: [{key: "born", value: "1963"}], reason: "as he writes it") { id } }`, nil, &upd)
	var kono struct {
		Entity struct {
			Name       string
			Aliases    []string
			Attributes []struct{ Key, Value string }
		}
	}
	mustGQL(t, base, `{ entity(id: "person:taro-kono") { name aliases attributes { key value } } }`, nil, &kono)
	if kono.Entity.Name != "Kōno Tarō" || !contains(kono.Entity.Aliases, "Taro Kono") {
		t.Errorf("after the rename: %+v", kono.Entity)
	}

	// retractEdge, then assertEdge of the same edge: CURATION evidence.
	var edges struct {
		Entity struct {
			Edges struct {
				Nodes []struct {
					ID   string
					Type string
					To   struct{ ID string }
				}
			}
		}
	}
	mustGQL(t, base, `{ entity(id: "state:japan") { edges(types: [PARTY_TO], direction: OUT, first: 1) { nodes { id type to { id } } } } }`, nil, &edges)
	if len(edges.Entity.Edges.Nodes) == 0 {
		t.Fatal("Japan has no PARTY_TO edge")
	}
	party := edges.Entity.Edges.Nodes[0]
	var ret struct{ RetractEdge struct{ ID string } }
	mustGQL(t, base, `mutation($id: ID!) { retractEdge(id: $id, reason: "test") { id } }`, map[string]any{"id": party.ID}, &ret)
	// node of an id that names nothing (any more) is null with ENOTFOUND.
	_, out := gql(t, base, http.MethodPost, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": party.ID}, writer())
	if string(out.Data) != `{"node":null}` || errCode(out) != "ENOTFOUND" {
		t.Errorf("the retracted edge: node answers %s, %+v; want null and ENOTFOUND", out.Data, out.Errors)
	}
	var as struct {
		AssertEdge struct {
			ID    string
			Edges []struct {
				After *struct {
					ID       string
					Evidence []struct {
						Kind     string
						Quote    string
						Curation *struct{ Who string }
					}
				}
			}
		}
	}
	mustGQL(t, base, `mutation($to: ID!) { assertEdge(from: "state:japan", type: PARTY_TO, to: $to, status: IN_FORCE, reason: "it is in force") {
		id edges { after { id evidence { kind quote curation { who } } } } } }`, map[string]any{"to": party.To.ID}, &as)
	after := as.AssertEdge.Edges[0].After
	if after == nil || after.ID != party.ID || len(after.Evidence) != 1 || after.Evidence[0].Kind != "CURATION" ||
		after.Evidence[0].Quote != "it is in force" || after.Evidence[0].Curation == nil || after.Evidence[0].Curation.Who != "alice" {
		t.Errorf("asserted edge = %+v", after)
	}

	// retractArticle and undoCuration.
	var ra struct{ RetractArticle struct{ ID string } }
	mustGQL(t, base, `mutation($id: ID!) { retractArticle(id: $id, reason: "test") { id } }`, map[string]any{"id": preview.Article.ID}, &ra)
	mustGQL(t, base, `query($id: ID!) { article(id: $id) { id } }`, map[string]any{"id": preview.Article.ID}, &st)
	if st.Article != nil {
		t.Errorf("the retracted article is still served")
	}
	var undo struct{ UndoCuration struct{ Op string } }
	mustGQL(t, base, `mutation($id: ID!) { undoCuration(id: $id, reason: "it was fine") { op } }`, map[string]any{"id": ra.RetractArticle.ID}, &undo)
	mustGQL(t, base, `query($id: ID!) { article(id: $id) { id } }`, map[string]any{"id": preview.Article.ID}, &st)
	if st.Article == nil {
		t.Errorf("the article is not back after the undo")
	}
	// Undoing twice is a conflict.
	code, out := gql(t, base, http.MethodPost, `mutation($id: ID!) { undoCuration(id: $id, reason: "again") { op } }`, map[string]any{"id": ra.RetractArticle.ID}, writer())
	if errCode(out) != "ECONFLICT" {
		t.Errorf("a second undo: %d %+v, want ECONFLICT", code, out.Errors)
	}
	var log struct{ CurationLog struct{ TotalCount int } }
	mustGQL(t, base, `{ curationLog { totalCount } }`, nil, &log)
	if log.CurationLog.TotalCount != 8 {
		t.Errorf("the log holds %d records, want 8 (ingest, merge, split, update, retract, assert, retract article, undo)", log.CurationLog.TotalCount)
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// TestLoadTokens reads tokens as serve does: from a file that only its
// owner may read, and from DIPLOGRAPH_TOKENS.
func TestLoadTokens(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
	private := write("private", "carol write carol-0123456789abcdef\n", 0o600)
	public := write("public", "carol write carol-0123456789abcdef\n", 0o644)
	bad := write("bad", "carol admin carol-0123456789abcdef\n", 0o600)
	tests := []struct {
		name, file, env string
		n               int
		err             string
	}{
		{"none: writes off", "", "", 0, ""},
		{"environment", "", testTokens, 2, ""},
		{"file and environment", private, testTokens, 3, ""},
		{"a file others can read", public, "", 0, "can be read by others"},
		{"a bad line", bad, "", 0, "role"},
		{"no such file", filepath.Join(dir, "missing"), "", 0, "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("DIPLOGRAPH_TOKENS", tc.env)
			m := NewMain()
			args := []string{"serve"}
			if tc.file != "" {
				args = append(args, "--tokens-file", tc.file)
			}
			if err := m.ParseFlags(args); err != nil {
				t.Fatal(err)
			}
			err := m.loadTokens()
			switch {
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Errorf("loadTokens error = %v, want one with %q", err, tc.err)
			case tc.err == "" && err != nil:
				t.Errorf("loadTokens: %v", err)
			case tc.err == "" && m.tokens.Len() != tc.n:
				t.Errorf("%d tokens, want %d", m.tokens.Len(), tc.n)
			}
			if err != nil && strings.Contains(err.Error(), "0123456789abcdef") {
				t.Errorf("the error shows a secret: %v", err)
			}
		})
	}
}
