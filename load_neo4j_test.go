package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/neo4j"
	"github.com/diplograph/diplograph/neo4j/neo4jtest"
)

// Loads for the restart test: small batches, so that a load is a dozen
// transactions or more, and a short retry, so that a load whose server is gone
// gives up in seconds rather than the default 30.
var restartLoadFlags = []string{"--store", "neo4j", "--batch", "200", "--neo4j-max-retry", "2s"}

// TestLoadNeo4jStopped stops Neo4j while `diplograph load` runs, once by
// SIGKILL (a crash) and once cleanly (SIGTERM, as a service manager stops
// it). Each time the load must exit with status 1 and say which store
// failed; the server, started again on the same data, holds part of the
// load; and the same load run again completes the graph: the same nodes,
// relationships and properties, no duplicates, as a load that was never
// interrupted.
//
// The load reads its articles from a named pipe that the test holds open,
// so that it is still running, whatever the machine's speed, when the
// server goes; the server goes when a third of the articles are stored,
// while the load reads and writes the rest.
func TestLoadNeo4jStopped(t *testing.T) {
	ref := neo4jtest.Config(t)
	dir := t.TempDir()
	lines := restartCorpus(t)
	// Article sources name the input and line, so every load reads the
	// same path: a file, or a named pipe for the loads that are cut.
	feed := filepath.Join(dir, "feed.jsonl")
	writeFeed := func(t *testing.T) {
		t.Helper()
		os.Remove(feed)
		if err := os.WriteFile(feed, []byte(strings.Join(lines, "")), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// The reference: the whole load, never interrupted, on the shared
	// test server, while the test's own server starts.
	writeFeed(t)
	neo4jtest.Wipe(t, ref)
	refLoad := startLoad(t, ref, feed)
	srv := neo4jtest.StartServer(t, filepath.Join(t.TempDir(), "neo4j"))
	// The corpus holds records without text, which every load reports
	// and skips: status 3 (some inputs failed), the rest loaded.
	if code, out := refLoad.wait(t); code != exitInputsFailed {
		t.Fatalf("reference load: exit status %d, want %d:\n%s", code, exitInputsFailed, out)
	}
	want := takeSnapshot(t, ref)
	t.Logf("reference: %v, digest %s", want.Counts, want.Digest)
	if want.Counts["Article"] < 300 || want.Counts["rel"] < 500 {
		t.Fatalf("the reference load is too small to interrupt: %v", want.Counts)
	}

	for _, tc := range []struct {
		name string
		stop func(testing.TB)
		// what the failed load's message must say besides the store
		says string
	}{
		{"SIGKILL", srv.Kill, "neo4j unreachable at "},
		{"clean stop", srv.Stop, ""},
	} {
		ok := t.Run(tc.name, func(t *testing.T) {
			neo4jtest.Wipe(t, srv.Config)
			os.Remove(feed)
			if err := syscall.Mkfifo(feed, 0o644); err != nil {
				t.Fatal(err)
			}
			uri := srv.Config.URI
			load := startLoad(t, srv.Config, feed)

			// Feed the articles but for the last few, and stop the server
			// once a third of them are stored: the load is mid-way, reading
			// and writing. The last lines are held back until then, so
			// that it cannot finish first, however fast the machine.
			cut := len(lines) - 30
			rest := make(chan struct{})
			go func() {
				f, err := os.OpenFile(feed, os.O_WRONLY, 0)
				if err != nil {
					return // the load is gone: waitForArticles says so
				}
				defer f.Close()
				// Once the server is gone the load ends, and writing to it
				// fails: a broken pipe is expected, the load's exit checked.
				w := bufio.NewWriter(f)
				for _, l := range lines[:cut] {
					w.WriteString(l)
				}
				w.Flush()
				<-rest
				for _, l := range lines[cut:] {
					w.WriteString(l)
				}
				w.Flush()
			}()
			waitForArticles(t, srv.Config, want.Counts["Article"]/3, load)
			tc.stop(t)
			close(rest)

			code, out := load.wait(t)
			t.Logf("the interrupted load (exit status %d):\n%s", code, out)
			if code != 1 {
				t.Errorf("load exit status %d, want 1", code)
			}
			for _, s := range []string{"diplograph: load into the neo4j store stopped after writing ", "run the same load again", tc.says} {
				if !strings.Contains(out, s) {
					t.Errorf("the load's output does not say %q", s)
				}
			}
			if tc.says != "" && !strings.Contains(out, tc.says+uri) {
				t.Errorf("the load's output does not name the server %s", uri)
			}

			srv.Start(t)
			part := takeSnapshot(t, srv.Config)
			t.Logf("after the restart: %v", part.Counts)
			if n := part.Counts["Article"]; n == 0 || n >= want.Counts["Article"] {
				t.Errorf("after the restart the graph holds %d of %d articles; want a part of them", n, want.Counts["Article"])
			}

			writeFeed(t)
			if code, out := runLoad(t, srv.Config, feed); code != exitInputsFailed {
				t.Fatalf("the load run again: exit status %d, want %d:\n%s", code, exitInputsFailed, out)
			}
			got := takeSnapshot(t, srv.Config)
			if diff := cmp.Diff(want.Counts, got.Counts); diff != "" {
				t.Errorf("counts after the second load (-uninterrupted +interrupted and run again):\n%s", diff)
			}
			if got.Digest != want.Digest {
				t.Errorf("content digest %s, want %s (the uninterrupted load's); differences (-want +got):\n%s",
					got.Digest, want.Digest, cmp.Diff(want.Rows, got.Rows))
			}
		})
		if !ok {
			break // the next case needs the server this one restarts
		}
	}
}

// restartCorpus returns the articles of the restart test as JSON Lines:
// the first 300 Reuters-21578 records, with the 60 articles of the corpus
// (diplomacy, rich in edges) spread among them.
func restartCorpus(t *testing.T) []string {
	t.Helper()
	const shared = "../shared/corpus"
	f, err := os.Open(filepath.Join(shared, "reuters21578", "reuters21578.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var reuters []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for len(reuters) < 300 && sc.Scan() {
		reuters = append(reuters, sc.Text()+"\n")
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	paths, err := filepath.Glob(filepath.Join(shared, "articles", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no corpus articles in %s/articles: %v", shared, err)
	}
	var articles []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		// The corpus layout: title line, publication date line, body.
		parts := strings.SplitN(string(b), "\n", 3)
		if len(parts) < 3 {
			t.Fatalf("%s: not in the corpus layout", p)
		}
		line, err := json.Marshal(map[string]string{
			"id": strings.TrimSuffix(filepath.Base(p), ".txt"), "title": parts[0], "published": strings.TrimSpace(parts[1]), "text": parts[2]})
		if err != nil {
			t.Fatal(err)
		}
		articles = append(articles, string(line)+"\n")
	}
	var lines []string
	for i, l := range reuters {
		lines = append(lines, l)
		if k := i / 5; i%5 == 4 && k < len(articles) {
			lines = append(lines, articles[k])
		}
	}
	return lines
}

// loadCmd is a `diplograph load` running as a child process.
type loadCmd struct {
	cmd  *exec.Cmd
	out  *bytes.Buffer
	done chan struct{}
}

// startLoad starts `diplograph load` of paths into the Neo4j at cfg.
func startLoad(t *testing.T, cfg neo4j.Config, paths ...string) *loadCmd {
	t.Helper()
	args := append(append([]string{"load", "--neo4j-uri", cfg.URI}, restartLoadFlags...), paths...)
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "DIPLOGRAPH_TEST_MAIN=1",
		"NEO4J_USERNAME="+cfg.Username, "NEO4J_PASSWORD="+cfg.Password, "NEO4J_DATABASE="+cfg.Database)
	l := &loadCmd{cmd: cmd, out: &bytes.Buffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = l.out, l.out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		cmd.Wait()
		close(l.done)
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-l.done
	})
	return l
}

// wait waits for the load to end and returns its exit status and output.
func (l *loadCmd) wait(t *testing.T) (int, string) {
	t.Helper()
	select {
	case <-l.done:
	case <-time.After(5 * time.Minute):
		l.cmd.Process.Kill()
		<-l.done
		t.Fatalf("the load did not end within 5 minutes:\n%s", l.out)
	}
	return l.cmd.ProcessState.ExitCode(), l.out.String()
}

// runLoad runs `diplograph load` of paths into the Neo4j at cfg to its
// end.
func runLoad(t *testing.T, cfg neo4j.Config, paths ...string) (int, string) {
	t.Helper()
	return startLoad(t, cfg, paths...).wait(t)
}

// waitForArticles waits until the Neo4j at cfg holds at least n articles,
// failing if the load ends or nothing comes for two minutes.
func waitForArticles(t *testing.T, cfg neo4j.Config, n int, load *loadCmd) {
	t.Helper()
	d := neo4jtest.Driver(t, cfg)
	deadline := time.Now().Add(2 * time.Minute)
	for {
		res, err := neo4jdrv.ExecuteQuery(context.Background(), d, `MATCH (a:Article) RETURN count(a) AS n`, nil,
			neo4jdrv.EagerResultTransformer, neo4jdrv.ExecuteQueryWithDatabase(cfg.Database))
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := res.Records[0].Values[0].(int64); got >= int64(n) {
			t.Logf("%d articles stored: stopping the server", got)
			return
		}
		select {
		case <-load.done:
			t.Fatalf("the load ended before the server was stopped:\n%s", load.out)
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("fewer than %d articles stored after 2 minutes; the load says:\n%s", n, load.out)
		}
	}
}

// snapshot is everything a Neo4j database holds: every node with its
// labels and properties and every relationship with its type, ends and
// properties, one sorted JSON row each, and their digest.
type snapshot struct {
	Counts map[string]int // nodes per label, and "rel" relationships
	Rows   []string
	Digest string
}

// The snapshot is of the graph: the change feed (DiplographChange nodes
// and their counter) is a log of the writes that made it, which differs
// between a load that was interrupted and one that was not.
const (
	snapshotNodes = `MATCH (n) WHERE NOT n:DiplographChange AND NOT (n:DiplographMeta AND n.key = 'changeSeq')
RETURN labels(n) AS labels, properties(n) AS props`
	snapshotRels = `MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props`
)

func takeSnapshot(t *testing.T, cfg neo4j.Config) snapshot {
	t.Helper()
	d := neo4jtest.Driver(t, cfg)
	ctx := context.Background()
	s := snapshot{Counts: map[string]int{}}
	ids := map[string]int{}
	for _, q := range []string{snapshotNodes, snapshotRels} {
		res, err := neo4jdrv.ExecuteQuery(ctx, d, q, nil, neo4jdrv.EagerResultTransformer, neo4jdrv.ExecuteQueryWithDatabase(cfg.Database))
		if err != nil {
			t.Fatalf("snapshot: %v", err)
		}
		for _, r := range res.Records {
			row := r.AsMap()
			props, _ := row["props"].(map[string]any)
			if q == snapshotNodes {
				var labels []string
				for _, l := range row["labels"].([]any) {
					labels = append(labels, l.(string))
				}
				slices.Sort(labels)
				row["labels"] = labels
				for _, l := range labels {
					s.Counts[l]++
				}
				ids[fmt.Sprint("node ", props["id"], props["key"])]++
			} else {
				s.Counts["rel"]++
				ids[fmt.Sprint(row["type"], " ", props["id"])]++
			}
			b, err := json.Marshal(row) // map keys sorted: one spelling per content
			if err != nil {
				t.Fatal(err)
			}
			s.Rows = append(s.Rows, string(b))
		}
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("%s is stored %d times", id, n)
		}
	}
	slices.Sort(s.Rows)
	h := sha256.New()
	for _, r := range s.Rows {
		h.Write([]byte(r))
		h.Write([]byte{'\n'})
	}
	s.Digest = hex.EncodeToString(h.Sum(nil))[:16]
	return s
}
