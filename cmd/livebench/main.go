// Command livebench measures writing through the API and live updates,
// on the real server in its own process with a fresh SQLite store (the
// bundled articles seeded):
//
//   - ingest latency: one 3 KB article per ingestArticles request, each a
//     new article (extraction, merge and the write), sequential; and the
//     same with dryRun (extraction and the reads that say what is new);
//   - fan-out: -clients subscribers of graphChanged over graphql-ws, then
//     a `diplograph load` of the first -articles articles of Reuters-21578
//     in a second process on the same store; for every change and
//     subscriber, the delay from the change's commit (its `at`) to its
//     arrival. That delay includes the server's poll of the feed
//     (--live-poll, 250 ms by default), since the writer is another process.
//
// It prints Markdown for BENCHMARKS.md.
//
//	go run ./cmd/livebench [-server PATH] [-clients 100] [-articles 1000]
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	coderws "github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"
)

const token = "bench-0123456789abcdef0123"

func main() {
	server := flag.String("server", "", "diplograph binary (default: built from this module)")
	clients := flag.Int("clients", 100, "live subscribers")
	articles := flag.Int("articles", 1000, "articles the second process loads")
	ingests := flag.Int("ingests", 100, "ingest requests timed")
	corpus := flag.String("corpus", "../shared/corpus/reuters21578/reuters21578.jsonl", "JSON Lines the load reads")
	batch := flag.Int("batch", 0, "the load's --batch (0: its default)")
	poll := flag.Duration("poll", 0, "the server's --live-poll (0: its default)")
	flag.Parse()
	if err := run(*server, *clients, *articles, *ingests, *corpus, *batch, *poll); err != nil {
		fmt.Fprintln(os.Stderr, "livebench:", err)
		os.Exit(1)
	}
}

func run(server string, clients, articles, ingests int, corpus string, batch int, poll time.Duration) error {
	tmp, err := os.MkdirTemp("", "livebench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if server == "" {
		server = filepath.Join(tmp, "diplograph")
		b := exec.Command("go", "build", "-o", server, "github.com/diplograph/diplograph")
		b.Stdout, b.Stderr = os.Stderr, os.Stderr
		if err := b.Run(); err != nil {
			return fmt.Errorf("build the server: %w", err)
		}
	}
	db := filepath.Join(tmp, "live.db")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	addr := ln.Addr().String()
	ln.Close()
	args := []string{"serve", "--db", db, "--addr", addr, "--live-per-client", fmt.Sprint(clients + 10)}
	if poll > 0 {
		args = append(args, "--live-poll", poll.String())
	}
	srv := exec.Command(server, args...)
	srv.Env = append(os.Environ(), "DIPLOGRAPH_TOKENS=bench write "+token)
	var srvOut bytes.Buffer
	srv.Stdout, srv.Stderr = &srvOut, &srvOut
	if err := srv.Start(); err != nil {
		return err
	}
	defer func() { srv.Process.Signal(os.Interrupt); srv.Wait() }()
	base := "http://" + addr
	if err := waitUp(base); err != nil {
		return fmt.Errorf("%w\n%s", err, srvOut.String())
	}

	fmt.Printf("### Writes through the API and live updates (SQLite)\n\n")
	fmt.Printf("Machine: %d cores (%s, %s/%s); load average before: %s.\n\n", runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH, loadavg())

	// Ingest latency.
	for _, dry := range []bool{true, false} {
		var lat []time.Duration
		for i := range ingests {
			text := article3KB(i, dry)
			start := time.Now()
			if err := ingest(base, text, dry); err != nil {
				return err
			}
			lat = append(lat, time.Since(start))
		}
		what := "ingestArticles, one new 3 KB article"
		if dry {
			what = "ingestArticles(dryRun), one 3 KB article"
		}
		fmt.Printf("- %s: %d requests, p50 %s, p99 %s, mean %s\n", what, len(lat), pct(lat, 50), pct(lat, 99), mean(lat))
	}

	// Fan-out.
	var mu sync.Mutex
	var lags []time.Duration
	got := map[int]int{} // seq → deliveries
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var ready sync.WaitGroup
	for c := range clients {
		ready.Add(1)
		go func() {
			err := subscribe(ctx, base, &ready, func(seq int, at time.Time) {
				d := time.Since(at)
				mu.Lock()
				lags = append(lags, d)
				got[seq]++
				mu.Unlock()
			})
			if err != nil && ctx.Err() == nil {
				fmt.Fprintf(os.Stderr, "livebench: subscriber %d: %v\n", c, err)
			}
		}()
	}
	ready.Wait()
	time.Sleep(500 * time.Millisecond)
	part := filepath.Join(tmp, "articles.jsonl")
	if err := head(corpus, part, articles); err != nil {
		return err
	}
	loadArgs := []string{"load", "--db", db}
	if batch > 0 {
		loadArgs = append(loadArgs, "--batch", fmt.Sprint(batch))
	}
	load := exec.Command(server, append(loadArgs, part)...)
	start := time.Now()
	out, err := load.CombinedOutput()
	took := time.Since(start)
	if err != nil {
		return fmt.Errorf("load: %w\n%s", err, out)
	}
	// Wait until every subscriber has every change, or 30 s.
	deadline := time.Now().Add(30 * time.Second)
	var changes, complete int
	for time.Now().Before(deadline) {
		mu.Lock()
		changes, complete = len(got), 0
		for _, n := range got {
			if n == clients {
				complete++
			}
		}
		mu.Unlock()
		if changes > 0 && complete == changes && time.Since(start) > took+2*time.Second {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	cancel()
	mu.Lock()
	defer mu.Unlock()
	summary := ""
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "loaded ") {
			summary = strings.TrimSpace(line)
		}
	}
	b := "default batches"
	if batch > 0 {
		b = fmt.Sprintf("--batch %d", batch)
	}
	fmt.Printf("- fan-out: %d subscribers over graphql-ws; a load of %d Reuters-21578 articles (%s) in a second process (%s; %s)\n",
		clients, articles, b, summary, took.Round(time.Millisecond))
	fmt.Printf("  - %d changes, %d deliveries (%d changes reached every subscriber)\n", changes, len(lags), complete)
	fmt.Printf("  - delivery lag from commit: p50 %s, p99 %s, max %s\n", pct(lags, 50), pct(lags, 99), pct(lags, 100))
	return nil
}

func waitUp(base string) error {
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return nil
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	return fmt.Errorf("the server did not come up")
}

// article3KB returns a news story of about 3 KB, different for each i.
func article3KB(i int, dry bool) string {
	day := 1 + i%28
	month := []string{"Jan.", "Feb.", "March", "April", "May", "June"}[i%6]
	year := 2000 + i%20
	kind := "live"
	if dry {
		kind = "preview"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Foreign ministers meet in Geneva (%s %d)\n\n", kind, i)
	fmt.Fprintf(&b, "%s %d, %d (EIRNS)—Russian Foreign Minister Sergey Lavrov met Japanese Foreign Minister Taro Kono in Geneva on %s %d. ", month, day, year, month, day)
	fmt.Fprintf(&b, "The two ministers discussed a peace treaty on the basis of the 1956 Soviet-Japanese Joint Declaration, and the Kuril Islands. ")
	paras := []string{
		"U.S. Secretary of State Mike Pompeo spoke with Chinese Foreign Minister Wang Yi by telephone the same week, and the two discussed North Korea.",
		"The meeting in Geneva followed a summit of Vladimir Putin and Shinzo Abe in Singapore, where both leaders agreed to accelerate negotiations.",
		"German Chancellor Angela Merkel visited Tokyo, where she met Prime Minister Shinzo Abe to discuss trade between the European Union and Japan.",
		"India and Pakistan agreed to resume talks; the foreign secretaries of both countries will meet in New Delhi next month, officials said.",
		"The United Nations Security Council met in New York to discuss the situation in Syria, at the request of France and the United Kingdom.",
	}
	for b.Len() < 3000 {
		for j, p := range paras {
			if b.Len() >= 3000 {
				break
			}
			fmt.Fprintf(&b, "\n\n%s (Report %d.%d.)", p, i, j)
		}
	}
	return b.String()
}

func ingest(base, text string, dry bool) error {
	body, _ := json.Marshal(map[string]any{
		"query":     `mutation($t: String!, $dry: Boolean) { ingestArticles(articles: [{text: $t}], dryRun: $dry) { articles { refused newEdgeIds } } }`,
		"variables": map[string]any{"t": text, "dry": dry},
	})
	req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var out struct {
		Errors []struct{ Message string }
		Data   struct {
			IngestArticles struct {
				Articles []struct{ Refused *string }
			}
		}
	}
	raw, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(raw, &out); err != nil || len(out.Errors) > 0 {
		return fmt.Errorf("ingest: %d %s", resp.StatusCode, raw)
	}
	if a := out.Data.IngestArticles.Articles; len(a) != 1 || a[0].Refused != nil {
		return fmt.Errorf("ingest refused: %s", raw)
	}
	return nil
}

// subscribe follows graphChanged over graphql-transport-ws, calling fn
// with each change's seq and commit time.
func subscribe(ctx context.Context, base string, ready *sync.WaitGroup, fn func(int, time.Time)) error {
	c, _, err := coderws.Dial(ctx, "ws"+strings.TrimPrefix(base, "http")+"/graphql", &coderws.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		ready.Done()
		return err
	}
	defer c.CloseNow()
	c.SetReadLimit(64 << 20)
	wsjson.Write(ctx, c, map[string]any{"type": "connection_init"})
	var ack struct{ Type string }
	if err := wsjson.Read(ctx, c, &ack); err != nil {
		ready.Done()
		return err
	}
	wsjson.Write(ctx, c, map[string]any{"id": "1", "type": "subscribe", "payload": map[string]any{
		"query": `subscription { graphChanged { seq at origin edges { id type fromId toId } } }`}})
	ready.Done()
	for {
		var msg struct {
			Type    string
			Payload struct {
				Data struct {
					GraphChanged struct {
						Seq int
						At  time.Time
					}
				}
				Errors []any
			}
		}
		if err := wsjson.Read(ctx, c, &msg); err != nil {
			return err
		}
		switch msg.Type {
		case "next":
			if len(msg.Payload.Errors) > 0 {
				return fmt.Errorf("errors: %v", msg.Payload.Errors)
			}
			fn(msg.Payload.Data.GraphChanged.Seq, msg.Payload.Data.GraphChanged.At)
		case "ping":
			wsjson.Write(ctx, c, map[string]any{"type": "pong"})
		case "complete", "error":
			return fmt.Errorf("subscription ended: %s", msg.Type)
		}
	}
}

// head copies the first n lines of src to dst.
func head(src, dst string, n int) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	defer out.Close()
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	w := bufio.NewWriter(out)
	for i := 0; i < n && sc.Scan(); i++ {
		w.Write(sc.Bytes())
		w.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return w.Flush()
}

func pct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (len(s) - 1) * p / 100
	return s[i].Round(100 * time.Microsecond)
}

func mean(ds []time.Duration) time.Duration {
	var t time.Duration
	for _, d := range ds {
		t += d
	}
	return (t / time.Duration(max(1, len(ds)))).Round(100 * time.Microsecond)
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}
