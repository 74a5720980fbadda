package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/diplograph/diplograph/neo4j/neo4jtest"
)

// startServer runs the real program (serve, bundled articles, SQLite in a
// temp dir) on a free port and returns its base URL.
func startServer(t *testing.T, flags ...string) string {
	t.Helper()
	m := NewMain()
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--db", filepath.Join(t.TempDir(), "e2e.db")}, flags...)
	if err := m.ParseFlags(args); err != nil {
		t.Fatal(err)
	}
	ready := make(chan string, 1)
	m.ready = ready
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server stopped with %v", err)
		}
		m.Close()
	})
	select {
	case addr := <-ready:
		return "http://" + addr
	case err := <-done:
		t.Fatalf("server did not start: %v", err)
	case <-time.After(60 * time.Second):
		t.Fatal("server did not start within 60s")
	}
	return ""
}

type gqlResponse struct {
	Data   json.RawMessage
	Errors []struct {
		Message    string
		Extensions map[string]any
	}
}

func postQuery(t *testing.T, base, query string, vars map[string]any) (int, gqlResponse) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	resp, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out gqlResponse
	raw, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("response %q is not JSON: %v", raw, err)
	}
	return resp.StatusCode, out
}

// TestServeEndToEnd starts the server as a user would and asks it the
// foundation's questions: the 1956 → 1960 walk, over POST and GET, a
// malformed query, and the playground.
func TestServeEndToEnd(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { serveEndToEnd(t, startServer(t)) })
	t.Run("neo4j", func(t *testing.T) {
		neo4jtest.Wipe(t, neo4jtest.Config(t)) // NEO4J_* come from the environment, as in deployment
		serveEndToEnd(t, startServer(t, "--store", "neo4j"))
	})
}

func serveEndToEnd(t *testing.T, base string) {

	code, out := postQuery(t, base, `{ a: search(text: "declaration", kinds: [TREATY]) { id name } b: search(text: "security treaty", kinds: [TREATY]) { id name } }`, nil)
	if code != http.StatusOK || len(out.Errors) > 0 {
		t.Fatalf("search: %d %+v", code, out.Errors)
	}
	var found struct{ A, B []struct{ ID, Name string } }
	json.Unmarshal(out.Data, &found)
	var from, to string
	for _, e := range found.A {
		if e.Name == "Soviet-Japanese Joint Declaration" {
			from = e.ID
		}
	}
	for _, e := range found.B {
		if strings.Contains(e.Name, "Mutual Cooperation and Security") {
			to = e.ID
		}
	}
	if from == "" || to == "" {
		t.Fatalf("seed treaties not served: %s", out.Data)
	}

	code, out = postQuery(t, base, `query($f: ID!, $t: ID!) { path(from: $f, to: $t) { hops steps { from { name } edge { type date } to { name } } } }`, map[string]any{"f": from, "t": to})
	var path struct {
		Path *struct {
			Hops  int
			Steps []struct {
				Edge struct{ Type, Date string }
			}
		}
	}
	json.Unmarshal(out.Data, &path)
	if code != http.StatusOK || path.Path == nil || path.Path.Hops > 2 {
		t.Fatalf("path 1956 → 1960: %d %s %+v", code, out.Data, out.Errors)
	}
	for _, s := range path.Path.Steps {
		// Japan's departure from the Declaration is the one undated step
		// a two-hop walk may take (the article does not date it).
		if s.Edge.Date == "" && s.Edge.Type != "WITHDREW_FROM" {
			t.Errorf("undated step %+v", s)
		}
	}

	// GET carries queries too.
	resp, err := http.Get(base + "/graphql?query=" + url.QueryEscape(`{ stats { articles entities edges } }`))
	if err != nil {
		t.Fatal(err)
	}
	var stats struct {
		Data struct {
			Stats struct{ Articles, Entities, Edges int }
		}
	}
	json.NewDecoder(resp.Body).Decode(&stats)
	resp.Body.Close()
	if stats.Data.Stats.Articles < 2 || stats.Data.Stats.Edges == 0 {
		t.Errorf("stats over GET = %+v, want the bundled articles loaded", stats.Data.Stats)
	}

	// Malformed GraphQL: in application/json a 200 with a GraphQL error
	// (GraphQL over HTTP), and the server stays up.
	code, out = postQuery(t, base, `{ search(text: `, nil)
	if code != http.StatusOK || len(out.Errors) == 0 || out.Errors[0].Extensions["code"] != "GRAPHQL_PARSE_FAILED" {
		t.Errorf("malformed query: status %d, errors %+v; want 200 with a GRAPHQL_PARSE_FAILED error", code, out.Errors)
	}
	code, _ = postQuery(t, base, `{ stats { articles } }`, nil)
	if code != http.StatusOK {
		t.Errorf("server not answering after a malformed query: %d", code)
	}

	// Oversized body is refused, not read.
	big := strings.Repeat("a", 2<<20)
	resp, err = http.Post(base+"/graphql", "application/json", strings.NewReader(`{"query":"{ search(text: \"`+big+`\") { id } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		t.Errorf("2 MB body accepted")
	}

	resp, err = http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !bytes.Contains(page, []byte(`src="/assets/playground.js"`)) {
		t.Errorf("playground: %d, page does not load the embedded GraphiQL:\n%s", resp.StatusCode, page)
	}
}

// TestLoadCommandReportsFailures runs `load` over a directory with a good
// article and bad files: the summary counts the good one and names each bad
// file with its reason, once, and the load ends with ErrSomeInputsFailed.
func TestLoadCommandReportsFailures(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "bad.txt"), []byte("\xff\xfe bad"), 0o644)
	seed, err := os.ReadFile("../shared/corpus/seed/000_525ad26aad408969.txt")
	if err != nil {
		t.Fatalf("read seed (is ../shared beside the repo?): %v", err)
	}
	os.WriteFile(filepath.Join(dir, "seed.txt"), seed, 0o644)

	var stdout bytes.Buffer
	m := NewMain()
	m.Stdout = &stdout
	if err := m.ParseFlags([]string{"load", "--db", filepath.Join(t.TempDir(), "load.db"), dir}); err != nil {
		t.Fatal(err)
	}
	err = m.Run(context.Background())
	m.Close()
	if !errors.Is(err, ErrSomeInputsFailed) {
		t.Fatalf("load: %v, want ErrSomeInputsFailed\n%s", err, stdout.String())
	}
	out := stdout.String()
	for _, want := range []string{"loaded 1 articles", "2 failures", "empty.txt: empty file", "bad.txt: invalid UTF-8"} {
		if !strings.Contains(out, want) {
			t.Errorf("load output lacks %q:\n%s", want, out)
		}
	}
}

// runProgram runs the real program as a child process (see TestMain) and
// returns its exit status, stdout and stderr.
func runProgram(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "DIPLOGRAPH_TEST_MAIN=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()
}

// TestLoadCommand runs `load` as a user does, the program in a process of
// its own (issue #15, point 12): a table named on the command line is
// refused by its content, not read as an article; each failure is printed
// once; any failure makes the exit status 3 while the rest loads; a second
// load of the same article says it changed nothing.
func TestLoadCommand(t *testing.T) {
	dir := t.TempDir()
	seed := "../shared/corpus/seed/000_525ad26aad408969.txt"
	files := map[string]string{
		"states.csv":  "name,iso3,capital\nJapan,JPN,Tokyo\nRussia,RUS,Moscow\nChina,CHN,Beijing\nFrance,FRA,Paris\n",
		"offices.tsv": "person\toffice\tfrom\tto\nTaro Kono\tForeign Minister\t2017\t2019\nSergey Lavrov\tForeign Minister\t2004\t\nShinzo Abe\tPrime Minister\t2012\t2020\n",
		"table.txt":   "id;name;kind\n1;Japan;STATE\n2;Russia;STATE\n3;UN;ORGANIZATION\n",
		"empty.txt":   "",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "load.db")
	args := []string{"load", "--db", db, seed}
	for _, name := range []string{"states.csv", "offices.tsv", "table.txt", "empty.txt"} {
		args = append(args, filepath.Join(dir, name))
	}
	code, stdout, stderr := runProgram(t, args...)
	if code != 3 {
		t.Errorf("exit status %d, want 3 (some inputs failed)\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	for _, want := range []string{"loaded 1 articles", "4 failures",
		"states.csv: not an article: a CSV table of 3 columns", "offices.tsv: not an article: a TSV table of 4 columns",
		"table.txt: not an article: a semicolon-separated table of 3 columns", "empty.txt: empty file"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	for _, name := range []string{"states.csv", "offices.tsv", "table.txt", "empty.txt"} {
		if n := strings.Count(stdout+stderr, name); n != 1 {
			t.Errorf("%s printed %d times, want once:\nstdout:\n%s\nstderr:\n%s", name, n, stdout, stderr)
		}
	}
	if !strings.Contains(stderr, "some inputs were not loaded") {
		t.Errorf("stderr does not say why the status is not 0:\n%s", stderr)
	}

	// The same article again: nothing changes, and the summary says so.
	code, stdout, stderr = runProgram(t, "load", "--db", db, seed)
	if code != 0 || !strings.HasPrefix(stdout, "unchanged: 1 articles") {
		t.Errorf("second load: exit %d, stdout:\n%s\nstderr:\n%s; want 0 and unchanged", code, stdout, stderr)
	}
	// Nothing loadable at all: status 1.
	code, _, stderr = runProgram(t, "load", "--db", db, filepath.Join(dir, "states.csv"))
	if code != 1 || !strings.Contains(stderr, "no article loaded") {
		t.Errorf("a table alone: exit %d, stderr %s; want 1 and no article loaded", code, stderr)
	}
}

// TestNoArticleLooksLikeATable runs the content check of load over every
// article of the corpora and the bundled examples: none is refused as a
// table, while TimeBank-Dense's relation table, a .txt, is.
func TestNoArticleLooksLikeATable(t *testing.T) {
	const table = "../shared/corpus/tempeval3/TimebankDense.full.txt"
	if why := notArticle(table); !strings.Contains(why, "TSV table of 4 columns") {
		t.Errorf("%s: %q, want a TSV table", table, why)
	}
	var n int
	for _, root := range []string{"../shared/corpus", "examples/articles", "eval/validation"} {
		err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err != nil || path == table {
				return err
			}
			switch filepath.Ext(path) {
			case ".txt", ".text", ".html", ".htm", ".jsonl", ".ndjson":
			default:
				return nil
			}
			n++
			if why := notArticle(path); why != "" {
				t.Errorf("%s refused: %s", path, why)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n < 100 {
		t.Errorf("checked %d articles; is ../shared beside the repo?", n)
	}
	t.Logf("%d articles checked", n)
}

// TestExtractCommandShape checks the documented JSON shape of `extract`,
// which evaluations outside the repository read.
func TestExtractCommandShape(t *testing.T) {
	var stdout bytes.Buffer
	m := NewMain()
	m.Stdout = &stdout
	if err := m.ParseFlags([]string{"extract", "../shared/corpus/seed/000_525ad26aad408969.txt"}); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	var g map[string][]map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &g); err != nil {
		t.Fatalf("extract output is not the documented JSON: %v", err)
	}
	required := map[string][]string{
		"articles": {"id", "title", "published"},
		"entities": {"id", "kind", "name", "aliases"},
		"edges":    {"type", "from", "to", "evidence"},
		"timexes":  {"article", "text", "value", "start", "end"},
	}
	for list, fields := range required {
		if len(g[list]) == 0 {
			t.Errorf("%s is empty", list)
			continue
		}
		for _, item := range g[list] {
			for _, f := range fields {
				if _, ok := item[f]; !ok {
					t.Errorf("%s item %v lacks %q", list, item, f)
				}
			}
		}
	}
	for _, e := range g["edges"] {
		if d, ok := e["date"].(map[string]any); ok {
			if _, ok := d["value"].(string); !ok {
				t.Errorf("edge date %v has no value", d)
			}
		}
		for _, ev := range e["evidence"].([]any) {
			for _, f := range []string{"article", "sentence", "quote", "start", "end"} {
				if _, ok := ev.(map[string]any)[f]; !ok {
					t.Errorf("evidence %v lacks %q", ev, f)
				}
			}
		}
	}
}

func TestParseFlags(t *testing.T) {
	t.Setenv("DIPLOGRAPH_DB", "/tmp/from-env.db")
	t.Setenv("DIPLOGRAPH_ADDR", ":9999")
	m := NewMain()
	if err := m.ParseFlags(nil); err != nil || m.Command != "serve" || m.DBPath != "/tmp/from-env.db" || m.Addr != ":9999" {
		t.Errorf("env defaults: %+v, %v", m, err)
	}
	t.Setenv("DIPLOGRAPH_ADDR", "")
	if m := NewMain(); m.ParseFlags(nil) != nil || m.Addr != "127.0.0.1:8080" {
		t.Errorf("default address %q, want 127.0.0.1:8080: the server has no authentication, so it answers this machine only", m.Addr)
	}
	t.Setenv("DIPLOGRAPH_ADDR", ":9999")
	m = NewMain()
	if err := m.ParseFlags([]string{"serve", "--db", "x.db", "--addr", ":1"}); err != nil || m.DBPath != "x.db" || m.Addr != ":1" {
		t.Errorf("flags override env: %+v, %v", m, err)
	}
	for _, args := range [][]string{{"load"}, {"extract"}, {"serve", "extra"}, {"serve", "--nope"}, {"eval"}, {"eval", "x"},
		{"eval", "--tempeval", "dir", "x"}, {"eval", "--gold", "dir"}} {
		if err := NewMain().ParseFlags(args); err == nil {
			t.Errorf("ParseFlags(%q) accepted", args)
		}
	}
}

// runMain runs the program with args to its end and returns what it
// printed.
func runMain(t *testing.T, args ...string) string {
	t.Helper()
	var stdout bytes.Buffer
	m := NewMain()
	m.Stdout = &stdout
	if err := m.ParseFlags(args); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	return stdout.String()
}

// TestEvalTempEvalCommand runs `eval --tempeval` on the TempEval-3 platinum
// set, in Markdown and in JSON.
func TestEvalTempEvalCommand(t *testing.T) {
	const dir = "../shared/corpus/tempeval3/te3-platinum"
	run := func(args ...string) string { t.Helper(); return runMain(t, args...) }
	md := run("eval", "--tempeval", dir)
	for _, want := range []string{"| set | docs | gold |", "| te3-platinum | 20 | 138 |", "| te3-platinum | DURATION |"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	var reports []struct {
		Name      string  `json:"name"`
		Docs      int     `json:"docs"`
		Gold      int     `json:"gold"`
		RelaxedF1 float64 `json:"relaxed_f1"`
		ValueF1   float64 `json:"value_f1"`
		ByType    map[string]struct {
			Gold int `json:"gold"`
		} `json:"by_type"`
	}
	if err := json.Unmarshal([]byte(run("eval", "--json", "--tempeval", dir)), &reports); err != nil {
		t.Fatal(err)
	}
	if len(reports) != 1 || reports[0].Name != "te3-platinum" || reports[0].Docs != 20 || reports[0].Gold != 138 ||
		reports[0].RelaxedF1 <= 0 || reports[0].ValueF1 <= 0 || reports[0].ValueF1 > reports[0].RelaxedF1 || reports[0].ByType["DATE"].Gold == 0 {
		t.Errorf("JSON reports = %+v", reports)
	}
}

// TestEvalGoldSets runs `eval` with two named gold sets: one side-by-side
// Markdown report, and in JSON one report per set under its name.
func TestEvalGoldSets(t *testing.T) {
	run := func(args ...string) string { t.Helper(); return runMain(t, args...) }
	args := []string{"--gold", "seed=../shared/corpus/seed", "--gold", "validation=eval/validation",
		"../shared/corpus/seed/000_525ad26aad408969.txt", "../shared/corpus/articles/milestones_yalta-conf.txt"}
	md := run(append([]string{"eval"}, args...)...)
	for _, want := range []string{"| | seed (1 articles) | validation (8 articles) |", "## seed: extraction scores", "## validation: extraction scores",
		"| milestones_yalta-conf.txt |", "| reuters21578_11487_chirac-reagan-discuss-arms-control-trade.txt (not in the graph) |"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	var reports []struct {
		Name     string `json:"name"`
		Articles []struct {
			File string `json:"file"`
		} `json:"articles"`
	}
	if err := json.Unmarshal([]byte(run(append([]string{"eval", "--json"}, args...)...)), &reports); err != nil {
		t.Fatal(err)
	}
	if len(reports) != 2 || reports[0].Name != "seed" || len(reports[0].Articles) != 1 || reports[1].Name != "validation" || len(reports[1].Articles) != 8 {
		t.Errorf("JSON reports = %+v", reports)
	}
	var one struct {
		Name    string          `json:"name"`
		Overall json.RawMessage `json:"overall"`
	}
	if err := json.Unmarshal([]byte(run("eval", "--json", "--gold", "../shared/corpus/seed", "../shared/corpus/seed")), &one); err != nil || one.Name != "" || one.Overall == nil {
		t.Errorf("an unnamed set is one report without a name: %+v, %v", one, err)
	}
}

// TestHelp: help lists every input `load` reads, its exit statuses, and
// the defaults a user needs, the Neo4j URI and the listen address among
// them (issue #15, point 14).
func TestHelp(t *testing.T) {
	var out bytes.Buffer
	m := NewMain()
	m.Stdout = &out
	if err := m.ParseFlags([]string{"help"}); !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("help: %v", err)
	}
	for _, want := range []string{".txt", ".text", ".html", ".htm", ".jsonl", ".ndjson", "- for\n", "stdin",
		"3: some inputs failed", `(default "bolt://localhost:7687")`, `(default "127.0.0.1:8080")`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("help lacks %q:\n%s", want, out.String())
		}
	}
}

// TestServeLogsItsStop: a server told to stop says that it is stopping and
// that it stopped (issue #15, point 14: it used to stop without a word).
func TestServeLogsItsStop(t *testing.T) {
	var logged syncBuffer
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logged, nil)))
	t.Cleanup(func() { slog.SetDefault(prev) })

	m := NewMain()
	if err := m.ParseFlags([]string{"serve", "--addr", "127.0.0.1:0", "--db", filepath.Join(t.TempDir(), "stop.db")}); err != nil {
		t.Fatal(err)
	}
	ready := make(chan string, 1)
	m.ready = ready
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("server did not start: %v", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run after cancel: %v", err)
	}
	m.Close()
	for _, want := range []string{"msg=\"shutting down: finishing requests in flight", "msg=\"diplograph stopped\""} {
		if !strings.Contains(logged.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, logged.String())
		}
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
