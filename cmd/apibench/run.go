package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/kg/storetest"
	"github.com/diplograph/diplograph/neo4j"
	"github.com/diplograph/diplograph/sqlite"
)

// seed is the generator's seed: the graph the store benchmarks measure.
const seed = 1956

// run measures the queries of cfg and writes the report to out; progress
// goes to log.
func run(ctx context.Context, cfg config, out, log io.Writer) error {
	load0, err := loadAverage()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "apibench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if cfg.store == "sqlite" && cfg.db == "" {
		cfg.db = filepath.Join(tmp, "kg.db")
	}

	var set ids
	var shape graphShape
	var prep prepared
	if cfg.existing {
		if set, err = sampleIDs(ctx, cfg.db); err != nil {
			return err
		}
		if fi, err := os.Stat(cfg.db); err == nil {
			prep.fileSize = fi.Size()
		}
		shape.existing = cfg.db
	} else {
		g := storetest.Generate(cfg.edges, seed)
		if prep, err = prepare(ctx, cfg, g, log); err != nil {
			return err
		}
		// The queries keep only the ids they pick from. The graph itself goes
		// before the timing starts: at a million edges it is hundreds of MB of
		// heap, and each of this process's collections of it took CPU from the
		// server on a 2-core machine, in the middle of the timed requests.
		set, shape = idsOf(g), graphShape{entities: len(g.Entities), edges: len(g.Edges)}
		g = nil
	}
	qs := queries(set)
	runtime.GC()
	server := cfg.server
	if server == "" {
		server = filepath.Join(tmp, "diplograph")
		fmt.Fprintln(log, "apibench: building the server")
		build := exec.CommandContext(ctx, "go", "build", "-o", server, "github.com/diplograph/diplograph")
		build.Stdout, build.Stderr = log, log
		if err := build.Run(); err != nil {
			return fmt.Errorf("build the server: %w", err)
		}
	}
	srv, err := startServer(ctx, cfg, server, log)
	if err != nil {
		return err
	}
	defer srv.stop()
	idle, err := readMemory(srv.cmd.Process.Pid)
	if err != nil {
		return err
	}
	switch {
	case cfg.hostile:
		return runHostile(ctx, cfg, srv, set, shape, out, log)
	case cfg.clients > 0:
		return runLoad(ctx, cfg, srv, set, shape, idle, out, log)
	}
	stopSampling := make(chan struct{})
	stopPeaks := sync.OnceFunc(func() { close(stopSampling) })
	defer stopPeaks()
	peaks := memoryPeaks(srv.cmd.Process.Pid, 50*time.Millisecond, stopSampling)

	var results []result
	for _, q := range qs {
		if cfg.only != "" && !strings.Contains(q.name, cfg.only) {
			continue
		}
		fmt.Fprintf(log, "apibench: %s\n", q.name)
		n, warmup := cfg.n, cfg.warmup
		if q.most > 0 {
			n, warmup = min(n, q.most), min(warmup, q.most/10)
		}
		res, err := measure(ctx, srv.url, q, n, warmup, srv.cmd.Process.Pid)
		if err != nil {
			return fmt.Errorf("%s: %w", q.name, err)
		}
		results = append(results, res)
	}
	end, err := readMemory(srv.cmd.Process.Pid)
	stopPeaks()
	top := <-peaks
	if err != nil {
		return err
	}
	var neo *memory
	if cfg.store == "neo4j" {
		if m, err := neo4jMemory(); err != nil {
			fmt.Fprintf(log, "apibench: Neo4j's memory not read: %v\n", err)
		} else {
			neo = &m
		}
	}
	load1, err := loadAverage()
	if err != nil {
		return err
	}
	report(out, cfg, shape, prep, results, idle, end, top, neo, load0, load1)
	return nil
}

// prepared says how the store came to hold the graph.
type prepared struct {
	loaded   time.Duration // 0 when the store already held it
	fileSize int64         // sqlite: the database file
}

// prepare makes the store hold g: loads it into an empty store, accepts a
// store that holds it already, refuses anything else.
func prepare(ctx context.Context, cfg config, g *storetest.Graph, log io.Writer) (prepared, error) {
	var p prepared
	var s kg.Store
	var err error
	if cfg.store == "neo4j" {
		s, err = neo4j.Open(ctx, neo4jConfig())
	} else {
		s, err = sqlite.Open(ctx, cfg.db)
	}
	if err != nil {
		return p, err
	}
	defer s.Close()
	st, err := s.Stats(ctx)
	if err != nil {
		return p, err
	}
	switch {
	case st.Edges == len(g.Edges) && st.Entities == len(g.Entities) && st.Articles == len(g.Articles):
		fmt.Fprintf(log, "apibench: the store holds the graph already (%d edges)\n", st.Edges)
	case st.Edges == 0 && st.Entities == 0:
		fmt.Fprintf(log, "apibench: loading %d entities and %d edges\n", len(g.Entities), len(g.Edges))
		start := time.Now()
		if err := g.Load(ctx, s); err != nil {
			return p, fmt.Errorf("load the generated graph: %w", err)
		}
		p.loaded = time.Since(start)
	default:
		return p, fmt.Errorf("the store holds %d entities, %d edges and %d articles, not the generated graph's %d, %d and %d: give an empty store",
			st.Entities, st.Edges, st.Articles, len(g.Entities), len(g.Edges), len(g.Articles))
	}
	if cfg.store == "sqlite" {
		if err := s.Close(); err != nil {
			return p, err
		}
		if fi, err := os.Stat(cfg.db); err == nil {
			p.fileSize = fi.Size()
		}
	}
	return p, nil
}

func neo4jConfig() neo4j.Config {
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		uri = "bolt://localhost:7687"
	}
	return neo4j.Config{URI: uri, Username: os.Getenv("NEO4J_USERNAME"), Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")}
}

// server is the diplograph child process.
type server struct {
	cmd  *exec.Cmd
	url  string
	done chan error
}

// startServer runs `diplograph serve` on the store, on a free loopback
// port, and waits until it says where it listens.
func startServer(ctx context.Context, cfg config, bin string, log io.Writer) (*server, error) {
	args := []string{"serve", "--store", cfg.store, "--seed=false", "--addr", "127.0.0.1:0"}
	if cfg.pprof != "" {
		args = append(args, "--pprof", cfg.pprof)
	}
	if cfg.store == "sqlite" {
		args = append(args, "--db", cfg.db)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stderr = log
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	s := &server{cmd: cmd, done: make(chan error, 1)}
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			// "diplograph serving on http://ADDR/ (GraphQL at /graphql)"
			if _, rest, ok := strings.Cut(sc.Text(), "serving on "); ok {
				ready <- strings.Fields(rest)[0] + "graphql"
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	go func() { s.done <- cmd.Wait() }()
	select {
	case s.url = <-ready:
		return s, nil
	case err := <-s.done:
		return nil, fmt.Errorf("the server exited before it was ready: %v", err)
	case <-time.After(2 * time.Minute):
		s.stop()
		return nil, fmt.Errorf("the server was not ready after 2 minutes")
	case <-ctx.Done():
		s.stop()
		return nil, ctx.Err()
	}
}

// stop ends the server with SIGTERM, and SIGKILL if it lingers.
func (s *server) stop() {
	if s.cmd.ProcessState != nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
	}
}

// query is one kind of request: args returns the variables of the next
// one. most, when set, caps the timed requests: a query that is slow by
// design on a store would otherwise make a run last an hour.
type query struct {
	name string
	text string
	args func() map[string]any
	most int
}

// graphShape is what the report says of the generated graph, or of the
// existing store measured.
type graphShape struct {
	entities, edges int
	existing        string // the store's file, for -existing
}

// queries returns the measured set, each with its own random source, so
// that every run asks the same questions in the same order. The queries
// hold g's id lists, not g.
func queries(set ids) []query {
	nodes, people, events, hub := set.nodes, set.people, set.events, set.hub
	rng := func(i uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, i)) }
	pick := func(r *rand.Rand, ids []string) string { return ids[r.IntN(len(ids))] }
	month := func(r *rand.Rand) string { return fmt.Sprintf("%d-%02d", 1945+r.IntN(80), 1+r.IntN(12)) }
	year := func(r *rand.Rand) string { return fmt.Sprint(1945 + r.IntN(80)) }
	r1, r2, r3, r4, r5, r6, r7, r8, r9 := rng(1), rng(2), rng(3), rng(4), rng(5), rng(6), rng(7), rng(8), rng(9)
	const edgePage = `query($id: ID!) { entity(id: $id) { id name edges(first: 20) {
	  totalCount pageInfo { hasNextPage endCursor } nodes { id type date from { id name } to { id name } } } } }`
	return []query{
		{"entity + first 20 edges, random entity", edgePage,
			func() map[string]any { return map[string]any{"id": pick(r1, nodes)} }, 0},
		{"entity + first 20 edges, largest hub", edgePage,
			func() map[string]any { return map[string]any{"id": hub} }, 0},
		{"timeline, one month (first 100)",
			`query($m: Date) { timeline(from: $m, to: $m) { id name date type status } }`,
			func() map[string]any { return map[string]any{"m": month(r2)} }, 0},
		{"timeline, one year (first 100), with participants",
			`query($y: Date) { timeline(from: $y, to: $y) { id name date type participants { id name } } }`,
			func() map[string]any { return map[string]any{"y": year(r3)} }, 0},
		{"timelineItems, one month, first page of 50",
			`query($m: Date) { timelineItems(from: $m, to: $m, first: 50) { totalCount pageInfo { hasNextPage endCursor } nodes { date event { id name } edge { id type } } } }`,
			func() map[string]any { return map[string]any{"m": month(r4)} }, 0},
		{"timelineItems of a person, first page of 50",
			`query($id: ID) { timelineItems(entity: $id, first: 50) { totalCount nodes { date event { id name } edge { id type } } } }`,
			func() map[string]any { return map[string]any{"id": pick(r5, people)} }, 0},
		{"path, up to 4 hops, person to person",
			`query($a: ID!, $b: ID!) { path(from: $a, to: $b, maxHops: 4) { hops steps { edge { id type date } to { id } } } }`,
			func() map[string]any { return map[string]any{"a": pick(r6, people), "b": pick(r6, people)} }, 0},
		{"path, up to 4 hops, time-respecting, person to meeting",
			`query($a: ID!, $b: ID!) { path(from: $a, to: $b, maxHops: 4, timeRespecting: true) { hops steps { edge { id type date } to { id } } } }`,
			func() map[string]any { return map[string]any{"a": pick(r7, people), "b": pick(r7, events)} }, 0},
		{"neighborhood, 2 hops, first 100, random person",
			`query($id: ID!) { neighborhood(id: $id, hops: 2, first: 100) { nodes { id name } edges { id type from { id } to { id } } truncated } }`,
			func() map[string]any { return map[string]any{"id": pick(r8, people)} }, 0},
		{"searchConnection, a minister's name, first 20",
			`query($t: String!) { searchConnection(text: $t) { totalCount edges { cursor node { id name } } } }`,
			func() map[string]any {
				return map[string]any{"t": set.words[r9.IntN(len(set.words))]}
			}, 0},
		{"article mentions, an article cited by few edges, first 20",
			`query($id: ID!) { article(id: $id) { mentions(first: 20) { totalCount edges { sentence node { id } } } } }`,
			func() map[string]any { return map[string]any{"id": set.fewArticle} }, 0},
		{"article mentions, the article cited by most edges, first 20 (at most 50 requests)",
			`query($id: ID!) { article(id: $id) { mentions(first: 20) { totalCount edges { sentence node { id } } } } }`,
			func() map[string]any { return map[string]any{"id": set.allArticle} }, 50},
	}
}

// result is what measure found for one query.
type result struct {
	name     string
	lat      []time.Duration // sorted
	cpu      time.Duration   // the server's CPU time per timed request
	null     int             // answers whose data was null (no path)
	refused  int             // EINVALID answers (a walk cut by its bounds)
	sizeMean int             // bytes of answer, on average
}

// measure sends warmup untimed requests, then n timed ones, one at a time,
// to the server of process pid.
func measure(ctx context.Context, url string, q query, n, warmup, pid int) (result, error) {
	res := result{name: q.name}
	client := &http.Client{Timeout: time.Minute}
	total := 0
	var cpu0 time.Duration
	for i := range warmup + n {
		if i == warmup {
			var err error
			if cpu0, err = cpuTime(pid); err != nil {
				return res, err
			}
		}
		body, err := json.Marshal(map[string]any{"query": q.text, "variables": q.args()})
		if err != nil {
			return res, err
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return res, err
		}
		req.Header.Set("Content-Type", "application/json")
		start := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			return res, err
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		took := time.Since(start)
		if err != nil {
			return res, err
		}
		if resp.StatusCode != http.StatusOK {
			return res, fmt.Errorf("status %d: %.300s", resp.StatusCode, b)
		}
		var answer struct {
			Data   map[string]any
			Errors []struct {
				Message    string
				Extensions struct{ Code string }
			}
		}
		if err := json.Unmarshal(b, &answer); err != nil {
			return res, fmt.Errorf("answer %.300s: %w", b, err)
		}
		if i < warmup {
			continue
		}
		switch {
		case len(answer.Errors) > 0 && answer.Errors[0].Extensions.Code == kg.EINVALID && strings.Contains(answer.Errors[0].Message, "too broad"):
			res.refused++
		case len(answer.Errors) > 0:
			return res, fmt.Errorf("error: %s (%s)", answer.Errors[0].Message, answer.Errors[0].Extensions.Code)
		case slices.ContainsFunc(slicesOf(answer.Data), func(v any) bool { return v == nil }):
			res.null++
		}
		res.lat = append(res.lat, took)
		total += len(b)
	}
	cpu1, err := cpuTime(pid)
	if err != nil {
		return res, err
	}
	res.cpu = (cpu1 - cpu0) / time.Duration(n)
	slices.Sort(res.lat)
	res.sizeMean = total / n
	return res, nil
}

// clockTick is the unit of /proc/PID/stat's times: USER_HZ, 100 on every
// Linux architecture Go supports.
const clockTick = 10 * time.Millisecond

// cpuTime reads the user and system CPU time process pid has used.
func cpuTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("read the CPU time of process %d (Linux /proc only): %w", pid, err)
	}
	// The command name, field 2, is in parentheses and may hold spaces;
	// utime and stime are fields 14 and 15.
	_, rest, ok := strings.Cut(string(b), ") ")
	f := strings.Fields(rest)
	if !ok || len(f) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: %q", pid, b)
	}
	var utime, stime int64
	if _, err := fmt.Sscan(f[11]+" "+f[12], &utime, &stime); err != nil {
		return 0, fmt.Errorf("/proc/%d/stat: %w", pid, err)
	}
	return time.Duration(utime+stime) * clockTick, nil
}

// slicesOf returns the values of the top-level fields of an answer.
func slicesOf(m map[string]any) []any {
	out := make([]any, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func (r result) percentile(p int) time.Duration { return r.lat[(len(r.lat)-1)*p/100] }

// memory is a process's resident memory, from /proc/PID/status.
type memory struct {
	rss, peak int64 // VmRSS and VmHWM, in bytes
	// anon is RssAnon, the process's own memory (Go's heap and stacks);
	// file is RssFile, pages of mapped files: the SQLite readers map the
	// database, so every page a query touched counts in VmRSS though it
	// is the kernel's page cache, shared and dropped under pressure.
	anon, file int64
}

// readMemory reads the resident memory of process pid.
func readMemory(pid int) (memory, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return memory{}, fmt.Errorf("read the memory of process %d (Linux /proc only): %w", pid, err)
	}
	var m memory
	for _, line := range strings.Split(string(b), "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		var kb int64
		fmt.Sscan(value, &kb)
		switch name {
		case "VmRSS":
			m.rss = kb << 10
		case "VmHWM":
			m.peak = kb << 10
		case "RssAnon":
			m.anon = kb << 10
		case "RssFile":
			m.file = kb << 10
		}
	}
	return m, nil
}

// memoryPeaks samples the memory of process pid every interval until
// stop is closed, and returns the largest RssAnon and RssFile seen (the
// kernel keeps a peak of VmRSS only).
func memoryPeaks(pid int, interval time.Duration, stop <-chan struct{}) <-chan memory {
	out := make(chan memory, 1)
	go func() {
		var top memory
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			if m, err := readMemory(pid); err == nil {
				top.anon, top.file = max(top.anon, m.anon), max(top.file, m.file)
				top.rss, top.peak = max(top.rss, m.rss), max(top.peak, m.peak)
			}
			select {
			case <-stop:
				out <- top
				return
			case <-tick.C:
			}
		}
	}()
	return out
}

// loadAverage returns /proc/loadavg's 1, 5 and 15 minute averages.
func loadAverage() (string, error) {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "", fmt.Errorf("read the load average (Linux /proc only): %w", err)
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "", fmt.Errorf("/proc/loadavg: %q", b)
	}
	return strings.Join(f[:3], ", "), nil
}

func mib(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }

func ms(d time.Duration) string {
	v := float64(d.Microseconds()) / 1000
	switch {
	case v < 10:
		return fmt.Sprintf("%.2f ms", v)
	case v < 100:
		return fmt.Sprintf("%.1f ms", v)
	}
	return fmt.Sprintf("%.0f ms", v)
}

// report writes the results as Markdown.
// idle, end and top are the server's memory after start, at the end and
// the largest sampled.
func report(w io.Writer, cfg config, g graphShape, prep prepared, results []result, idle, end, top memory, neo *memory, load0, load1 string) {
	host, _ := os.Hostname()
	fmt.Fprintf(w, "### GraphQL API, %s, %s\n\n", cfg.store, g)
	fmt.Fprintf(w, "`%s` — %s, %d CPUs, %s, host %s, load average %s before and %s after.\n",
		command(cfg), time.Now().UTC().Format("2006-01-02 15:04 MST"), runtime.NumCPU(), runtime.Version(), host, load0, load1)
	if g.existing != "" {
		fmt.Fprintf(w, "Store: %s as it is, ids sampled from it", g.existing)
	} else {
		fmt.Fprintf(w, "Graph: %d entities, %d edges (storetest.Generate, seed %d)", g.entities, g.edges, seed)
	}
	if prep.loaded > 0 {
		fmt.Fprintf(w, ", loaded in %s", prep.loaded.Round(time.Second))
	}
	if prep.fileSize > 0 {
		fmt.Fprintf(w, ", %s on disk", mib(prep.fileSize))
	}
	fmt.Fprintf(w, ". %d requests per query, one at a time, after %d untimed. "+
		"Latencies are wall-clock at the client, so they grow with the machine's load; the server's CPU time per request (from /proc, in 10 ms ticks over all requests) much less.\n\n", cfg.n, cfg.warmup)
	fmt.Fprintln(w, "| query | p50 | p99 | server CPU per request | answer | no result |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|")
	for _, r := range results {
		none := ""
		if r.null > 0 || r.refused > 0 {
			none = fmt.Sprintf("%d%%", 100*(r.null+r.refused)/len(r.lat))
			if r.refused > 0 {
				none += fmt.Sprintf(" (%d%% too broad)", 100*r.refused/len(r.lat))
			}
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %.1f KB | %s |\n", r.name, ms(r.percentile(50)), ms(r.percentile(99)), ms(r.cpu), float64(r.sizeMean)/1000, none)
	}
	fmt.Fprintf(w, "\nServer (diplograph) resident memory: %s after start, %s at the end, peak %s.\n", mib(idle.rss), mib(end.rss), mib(end.peak))
	fmt.Fprintf(w, "Of it, its own memory (RssAnon: heap, stacks): %s after start, %s at the end, peak %s; "+
		"mapped file pages (RssFile: the binary, and the SQLite file the readers map, which is page cache the kernel may drop): %s after start, %s at the end, peak %s "+
		"(peaks sampled every 50 ms).\n",
		mib(idle.anon), mib(end.anon), mib(top.anon), mib(idle.file), mib(end.file), mib(top.file))
	if neo != nil {
		fmt.Fprintf(w, "Neo4j server (JVM) resident memory: %s now, peak %s.\n", mib(neo.rss), mib(neo.peak))
	}
}

// String names the graph in a report's heading.
func (g graphShape) String() string {
	if g.existing != "" {
		return filepath.Base(g.existing)
	}
	return fmt.Sprintf("%d edges", g.edges)
}

// command returns the command line that reruns cfg.
func command(cfg config) string {
	c := fmt.Sprintf("go run ./cmd/apibench -store %s -edges %d -n %d", cfg.store, cfg.edges, cfg.n)
	if cfg.existing {
		c = fmt.Sprintf("go run ./cmd/apibench -store sqlite -existing -db %s", cfg.db)
	}
	switch {
	case cfg.hostile:
		c += " -hostile"
	case cfg.clients > 0:
		c += fmt.Sprintf(" -clients %d -duration %s", cfg.clients, cfg.duration)
	}
	if cfg.store == "neo4j" {
		c = "scripts/with-neo4j " + c
	}
	if cfg.only != "" {
		c += fmt.Sprintf(" -only %q", cfg.only)
	}
	return c
}
