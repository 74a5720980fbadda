package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
)

// mixItem is one kind of request of the load test, with its share of the
// requests.
type mixItem struct {
	name   string
	weight int
	// next returns the request's method, path (relative to the server's
	// root) and, for GraphQL, its body.
	next func(r *rand.Rand) (method, path string, body []byte)
}

// gql is a POST of query with variables to /graphql.
func gql(query string, vars map[string]any) (string, string, []byte) {
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return http.MethodPost, "/graphql", b
}

// loadMix is what a realistic crowd of clients asks: the pages' and the
// README's questions in the proportions of an analyst's session (mostly
// searches, entity pages and timelines; walks, neighbourhoods and exports
// now and then).
func loadMix(set ids) []mixItem {
	pick := func(r *rand.Rand, ids []string) string { return ids[r.IntN(len(ids))] }
	month := func(r *rand.Rand) string { return fmt.Sprintf("%d-%02d", 1945+r.IntN(80), 1+r.IntN(12)) }
	year := func(r *rand.Rand) string { return fmt.Sprint(1945 + r.IntN(80)) }
	const edgePage = `query($id: ID!) { entity(id: $id) { id name edges(first: 20) {
	  totalCount pageInfo { hasNextPage endCursor } nodes { id type date from { id name } to { id name } } } } }`
	return []mixItem{
		{"search, first 20", 20, func(r *rand.Rand) (string, string, []byte) {
			return gql(`query($t: String!) { searchConnection(text: $t) { totalCount edges { cursor node { id name kind } } } }`,
				map[string]any{"t": pick(r, set.words)})
		}},
		{"entity + 20 edges", 20, func(r *rand.Rand) (string, string, []byte) {
			return gql(edgePage, map[string]any{"id": pick(r, set.nodes)})
		}},
		{"entity + 20 edges, the hub", 4, func(r *rand.Rand) (string, string, []byte) {
			return gql(edgePage, map[string]any{"id": set.hub})
		}},
		{"timelineItems, a month, page of 50", 10, func(r *rand.Rand) (string, string, []byte) {
			m := month(r)
			return gql(`query($m: Date) { timelineItems(from: $m, to: $m, first: 50) { totalCount pageInfo { hasNextPage endCursor } nodes { date event { id name } edge { id type } } } }`,
				map[string]any{"m": m})
		}},
		{"timelineItems of a person", 8, func(r *rand.Rand) (string, string, []byte) {
			return gql(`query($id: ID) { timelineItems(entity: $id, first: 50) { totalCount nodes { date event { id name } edge { id type } } } }`,
				map[string]any{"id": pick(r, set.people)})
		}},
		{"timelineItems of the hub, page of 50", 3, func(r *rand.Rand) (string, string, []byte) {
			return gql(`query($id: ID) { timelineItems(entity: $id, first: 50) { totalCount nodes { date event { id name } edge { id type } } } }`,
				map[string]any{"id": set.hub})
		}},
		{"timeline, a year, with participants", 5, func(r *rand.Rand) (string, string, []byte) {
			return gql(`query($y: Date) { timeline(from: $y, to: $y) { id name date type participants { id name } } }`,
				map[string]any{"y": year(r)})
		}},
		{"path, 4 hops", 8, func(r *rand.Rand) (string, string, []byte) {
			return gql(`query($a: ID!, $b: ID!) { path(from: $a, to: $b, maxHops: 4) { hops steps { edge { id type date } to { id } } } }`,
				map[string]any{"a": pick(r, set.people), "b": pick(r, set.people)})
		}},
		{"path, 4 hops, time-respecting", 4, func(r *rand.Rand) (string, string, []byte) {
			return gql(`query($a: ID!, $b: ID!) { path(from: $a, to: $b, maxHops: 4, timeRespecting: true) { hops steps { edge { id type date } to { id } } } }`,
				map[string]any{"a": pick(r, set.people), "b": pick(r, set.events)})
		}},
		{"paths, 3 shortest", 2, func(r *rand.Rand) (string, string, []byte) {
			return gql(`query($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxHops: 4, first: 3) { hops steps { edge { type } to { name } } } }`,
				map[string]any{"a": pick(r, set.states), "b": pick(r, set.states)})
		}},
		{"neighborhood, 2 hops, first 100", 6, func(r *rand.Rand) (string, string, []byte) {
			return gql(`query($id: ID!) { neighborhood(id: $id, hops: 2, first: 100) { nodes { id name } edges { id type from { id } to { id } } truncated } }`,
				map[string]any{"id": pick(r, set.people)})
		}},
		{"timelineExport of a person", 3, func(r *rand.Rand) (string, string, []byte) {
			return gql(`query($id: ID) { timelineExport(entity: $id) }`, map[string]any{"id": pick(r, set.people)})
		}},
		{"GET /export/timeline.json", 3, func(r *rand.Rand) (string, string, []byte) {
			return http.MethodGet, "/export/timeline.json?entity=" + url.QueryEscape(pick(r, set.people)), nil
		}},
		{"GET /export/graph.graphml", 2, func(r *rand.Rand) (string, string, []byte) {
			return http.MethodGet, "/export/graph.graphml?entity=" + url.QueryEscape(pick(r, set.people)), nil
		}},
		{"article mentions", 2, func(r *rand.Rand) (string, string, []byte) {
			return gql(`query($id: ID!) { article(id: $id) { mentions(first: 20) { totalCount edges { sentence node { id } } } } }`,
				map[string]any{"id": set.fewArticle})
		}},
	}
}

// outcome is one request of the load test.
type outcome struct {
	item    int
	took    time.Duration
	failure string // "" for an answer; else what went wrong
}

// classify tells an answer from a failure. ENOTFOUND (no walk) and a walk
// refused as too broad are answers a client acts on; timeouts, limits,
// internal errors, non-200 statuses and transport errors are failures.
func classify(status int, b []byte, get bool) string {
	if status != http.StatusOK {
		return fmt.Sprintf("status %d", status)
	}
	if get {
		return ""
	}
	var answer struct {
		Errors []struct {
			Message    string
			Extensions struct{ Code string }
		}
	}
	if err := json.Unmarshal(b, &answer); err != nil {
		return "undecodable answer"
	}
	for _, e := range answer.Errors {
		switch {
		case e.Extensions.Code == "ENOTFOUND":
		case e.Extensions.Code == "EINVALID" && strings.Contains(e.Message, "too broad"):
		default:
			return e.Extensions.Code
		}
	}
	return ""
}

// runLoad runs cfg.clients clients for cfg.duration, each sending the next
// request of the mix as soon as it has its answer, and reports errors,
// latency percentiles by kind of request and overall, throughput, and the
// server's CPU and memory.
func runLoad(ctx context.Context, cfg config, srv *server, set ids, shape graphShape, idle memory, out, log io.Writer) error {
	mix := loadMix(set)
	total := 0
	for _, m := range mix {
		total += m.weight
	}
	base := strings.TrimSuffix(srv.url, "graphql")
	pid := srv.cmd.Process.Pid
	stopSampling := make(chan struct{})
	peaks := memoryPeaks(pid, 50*time.Millisecond, stopSampling)
	cpu0, err := cpuTime(pid)
	if err != nil {
		return err
	}
	fmt.Fprintf(log, "apibench: %d clients for %s\n", cfg.clients, cfg.duration)
	transport := &http.Transport{MaxIdleConnsPerHost: cfg.clients}
	client := &http.Client{Timeout: 2 * time.Minute, Transport: transport}
	ctx, cancel := context.WithTimeout(ctx, cfg.duration)
	defer cancel()
	start := time.Now()
	results := make([][]outcome, cfg.clients)
	var wg sync.WaitGroup
	for c := range cfg.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(seed, uint64(100+c)))
			for ctx.Err() == nil {
				w := r.IntN(total)
				i := 0
				for ; w >= mix[i].weight; i++ {
					w -= mix[i].weight
				}
				method, path, body := mix[i].next(r)
				req, err := http.NewRequest(method, base+strings.TrimPrefix(path, "/"), bytes.NewReader(body))
				if err != nil {
					results[c] = append(results[c], outcome{item: i, failure: err.Error()})
					continue
				}
				if body != nil {
					req.Header.Set("Content-Type", "application/json")
				}
				t0 := time.Now()
				resp, err := client.Do(req)
				o := outcome{item: i}
				if err != nil {
					o.failure = "transport: " + err.Error()
				} else {
					b, rerr := io.ReadAll(resp.Body)
					resp.Body.Close()
					if rerr != nil {
						o.failure = "read: " + rerr.Error()
					} else {
						o.failure = classify(resp.StatusCode, b, method == http.MethodGet)
					}
				}
				o.took = time.Since(t0)
				if ctx.Err() != nil && o.failure != "" {
					break // cut by the end of the run, not the server's doing
				}
				results[c] = append(results[c], o)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	cpu1, err := cpuTime(pid)
	if err != nil {
		return err
	}
	end, err := readMemory(pid)
	close(stopSampling)
	top := <-peaks
	if err != nil {
		return err
	}

	var all []outcome
	for _, r := range results {
		all = append(all, r...)
	}
	host, _ := os.Hostname()
	fmt.Fprintf(out, "### Load test, %s, %s\n\n", cfg.store, shape)
	fmt.Fprintf(out, "`%s` — %s, %d CPUs, host %s; the clients share the machine with the server. Each client sends its next request when it has the answer to the last.\n\n",
		command(cfg), time.Now().UTC().Format("2006-01-02 15:04 MST"), runtime.NumCPU(), host)
	fmt.Fprintln(out, "| request | share | requests | errors | p50 | p99 |")
	fmt.Fprintln(out, "|---|---:|---:|---:|---:|---:|")
	failures := map[string]int{}
	row := func(name string, share string, os []outcome) {
		var lat []time.Duration
		errs := 0
		for _, o := range os {
			lat = append(lat, o.took)
			if o.failure != "" {
				errs++
				failures[o.failure]++
			}
		}
		if len(lat) == 0 {
			fmt.Fprintf(out, "| %s | %s | 0 | 0 | | |\n", name, share)
			return
		}
		slices.Sort(lat)
		fmt.Fprintf(out, "| %s | %s | %d | %d | %s | %s |\n", name, share, len(os), errs,
			ms(lat[(len(lat)-1)*50/100]), ms(lat[(len(lat)-1)*99/100]))
	}
	for i, m := range mix {
		var os []outcome
		for _, o := range all {
			if o.item == i {
				os = append(os, o)
			}
		}
		row(m.name, fmt.Sprintf("%d%%", 100*m.weight/total), os)
	}
	clear(failures) // counted again by the total row
	row("**all**", "100%", all)
	fmt.Fprintf(out, "\n%d requests in %s: %.0f a second; server CPU %.0f%% of one core. ",
		len(all), elapsed.Round(time.Second), float64(len(all))/elapsed.Seconds(), 100*(cpu1-cpu0).Seconds()/elapsed.Seconds())
	if len(failures) == 0 {
		fmt.Fprintln(out, "No errors.")
	} else {
		fmt.Fprintf(out, "Errors: %v.\n", failures)
	}
	fmt.Fprintf(out, "Server memory: RssAnon (its own) %s after start, peak %s, %s at the end; RssFile (mapped pages of the binary and the SQLite file, page cache) peak %s.\n",
		mib(idle.anon), mib(top.anon), mib(end.anon), mib(top.file))
	return nil
}
