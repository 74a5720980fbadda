// Command apibench measures diplograph's GraphQL API end to end, the way a
// client sees it: it generates the benchmark graph (storetest.Generate)
// into a store, starts the real server on that store as a child process,
// sends each query of a fixed set through HTTP one at a time, and prints
// p50 and p99 latencies with the server's resident memory (from
// /proc/PID/status) as Markdown, ready to paste into BENCHMARKS.md.
//
//	go run ./cmd/apibench -store sqlite -edges 1000000 -db /tmp/bench-1m.db
//	scripts/with-neo4j go run ./cmd/apibench -store neo4j -edges 100000
//
// The server is a separate process so that its memory is its own: the
// generator's graph, held here to pick query arguments, is not counted. A
// SQLite file of the same graph is reused rather than loaded again, so a
// rerun measures only the queries; a Neo4j database must be empty or hold
// the same graph. scripts/bench runs both.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg, err := parseFlags(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "apibench:", err)
		os.Exit(2)
	}
	if err := run(ctx, cfg, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "apibench:", err)
		os.Exit(1)
	}
}

// config is what one run measures.
type config struct {
	store  string // sqlite or neo4j
	edges  int    // size of the generated graph
	db     string // sqlite file; "" for one in a temporary directory
	server string // diplograph binary; "" to build one
	n      int    // timed requests per query
	warmup int    // untimed requests per query before them
	only   string // run only the queries whose names contain this
	pprof  string // the server's --pprof address; "" for none
	// existing measures the SQLite store at db as it is (the Reuters
	// load, say), with ids sampled from it, instead of a generated graph.
	existing bool
	// clients and duration, when clients is set, run the load test
	// (loadtest.go) instead of the latency table.
	clients  int
	duration time.Duration
	// hostile runs the hostile corpus (internal/hostile) instead.
	hostile bool
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("apibench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.store, "store", "sqlite", "store to measure: sqlite or neo4j (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE)")
	fs.IntVar(&c.edges, "edges", 100_000, "edges of the generated graph")
	fs.StringVar(&c.db, "db", "", "sqlite: store file, reused when it holds the same graph (default: a temporary file)")
	fs.StringVar(&c.server, "server", "", "diplograph binary to serve with (default: build one from this module with go build)")
	fs.IntVar(&c.n, "n", 500, "timed requests per query")
	fs.IntVar(&c.warmup, "warmup", 20, "untimed requests per query first")
	fs.StringVar(&c.only, "only", "", "run only the queries whose names contain this text")
	fs.BoolVar(&c.existing, "existing", false, "sqlite: measure the store at -db as it is, sampling entity ids from it, instead of a generated graph")
	fs.IntVar(&c.clients, "clients", 0, "run the load test with this many concurrent clients (a mix of searches, entity pages, timelines, paths, neighbourhoods and exports) instead of the latency table")
	fs.DurationVar(&c.duration, "duration", time.Minute, "how long the load test runs")
	fs.BoolVar(&c.hostile, "hostile", false, "run the hostile corpus (internal/hostile) instead of the latency table: each case alone, then all at once with a probe")
	fs.StringVar(&c.pprof, "pprof", "", "serve the server's Go profiles on this address (its --pprof flag), e.g. 127.0.0.1:6060, to profile it while the bench runs")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	switch {
	case c.store != "sqlite" && c.store != "neo4j":
		return c, fmt.Errorf("unknown store %q: want sqlite or neo4j", c.store)
	case c.edges < 1000:
		return c, fmt.Errorf("-edges %d: want at least 1000", c.edges)
	case c.existing && (c.store != "sqlite" || c.db == ""):
		return c, fmt.Errorf("-existing needs -store sqlite and -db FILE")
	case c.clients < 0 || c.duration <= 0:
		return c, fmt.Errorf("-clients must not be negative and -duration must be positive")
	case c.n < 1 || c.warmup < 0:
		return c, fmt.Errorf("-n must be positive and -warmup not negative")
	case fs.NArg() > 0:
		return c, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	return c, nil
}
