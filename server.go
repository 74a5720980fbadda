// Command diplograph turns news articles about diplomacy into a dated
// knowledge graph and serves it over GraphQL.
//
//	diplograph [serve] [flags]      load the bundled articles into an empty store and serve GraphQL
//	diplograph load [flags] PATH…   extract articles and write them to the store
//	diplograph extract PATH…        print the extracted graph as JSON, touching no store
//	diplograph eval --gold DIR PATH…  score extraction against gold annotations
//
// Run "diplograph help" for the flags.
package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/diplograph/diplograph/api"
	"github.com/diplograph/diplograph/auth"
	"github.com/diplograph/diplograph/eval"
	"github.com/diplograph/diplograph/eval/tempeval"
	"github.com/diplograph/diplograph/examples"
	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/live"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/loader/gdelt"
	"github.com/diplograph/diplograph/loader/read"
	"github.com/diplograph/diplograph/metrics"
	"github.com/diplograph/diplograph/neo4j"
	"github.com/diplograph/diplograph/sqlite"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The first Ctrl-C stops the command cleanly (a load finishes the
	// batch it is writing); a second one kills it at once.
	go func() {
		<-ctx.Done()
		stop()
	}()
	m := NewMain()
	m.Stdin, m.Stdout, m.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := m.ParseFlags(os.Args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "diplograph:", err)
		os.Exit(2)
	}
	err := m.Run(ctx)
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "diplograph:", err)
		if errors.Is(err, ErrSomeInputsFailed) {
			os.Exit(exitInputsFailed)
		}
		os.Exit(1)
	}
}

// Main is the program: flags in, one command run. Tests drive it the same
// way main does, with their own arguments, streams and context.
type Main struct {
	Command string   // serve, load or extract
	Paths   []string // load and extract inputs
	// Store picks the storage engine: "sqlite" (the embedded default, one
	// file at DBPath) or "neo4j" (configured by Neo4j).
	Store  string
	DBPath string
	Neo4j  neo4j.Config
	Addr   string
	// Seed loads the bundled articles when the store is empty (serve).
	Seed        bool
	BatchSize   int
	MaxFileSize int64
	// FileTimeout bounds the extraction of one document (load, extract,
	// eval); a document that takes longer is reported and skipped.
	FileTimeout time.Duration
	// NoIntrospection turns GraphQL schema introspection off.
	NoIntrospection bool
	// CORSOrigins lists the origins whose pages may call /graphql and
	// /export/* from a browser ("*" for any); empty sends no CORS headers.
	CORSOrigins string
	// PprofAddr, when set, serves Go's runtime profiles (net/http/pprof)
	// on a listener of their own at that address, never on Addr, so that
	// profiling a running server cannot expose them to its clients.
	PprofAddr string
	// MetricsAddr, when set, serves /metrics on a listener of its own
	// there (serve and load); when empty, serve answers /metrics on Addr
	// and load serves none.
	MetricsAddr string
	// ShutdownTimeout bounds how long serve waits for requests in flight
	// once told to stop; ShutdownDelay is how long it keeps serving,
	// while /readyz says 503, before it stops taking new connections.
	ShutdownTimeout, ShutdownDelay time.Duration
	// GoldDirs hold the gold annotations eval scores against; TempEvalDirs
	// the TimeML documents it scores the temporal tagger on (TempEval-3);
	// JSON asks eval for JSON instead of Markdown.
	GoldDirs     listFlag
	TempEvalDirs listFlag
	JSON         bool
	// TokensFile holds the API tokens (curation.go); DIPLOGRAPH_TOKENS may
	// hold more. Live tunes live updates.
	TokensFile string
	Live       live.Options

	Stdin          io.Reader
	Stdout, Stderr io.Writer

	store kg.Store
	// ready, when set, receives the address the server listens on;
	// metricsReady the address of the metrics listener (MetricsAddr).
	ready, metricsReady chan<- string
	// met counts what the process does (ops.go); readiness is what
	// /readyz reports besides the store.
	met       *metrics.Metrics
	readiness api.Readiness
	// wrapStore, when set, wraps the store that is opened (tests: a store
	// that fails or blocks on demand).
	wrapStore func(kg.Store) kg.Store
	// progressEvery is how often load logs progress when stderr is no
	// terminal; 0 means DefaultProgressEvery.
	progressEvery time.Duration
	// tokens and hub serve mutations and live updates (curation.go).
	tokens *auth.Tokens
	hub    *live.Hub
}

// Defaults that help shows.
const (
	defaultAddr     = "127.0.0.1:8080"
	defaultNeo4jURI = "bolt://localhost:7687"
)

// NewMain returns a Main with the defaults.
func NewMain() *Main {
	return &Main{
		// The server has no authentication, so by default it answers
		// this machine only; --addr :8080 (as the Docker image sets)
		// listens on every interface.
		Command: "serve", Store: "sqlite", DBPath: "./data/diplograph.db", Addr: defaultAddr, Seed: true,
		Neo4j: neo4j.Config{URI: defaultNeo4jURI},
		Stdin: os.Stdin, Stdout: io.Discard, Stderr: io.Discard,
	}
}

const usage = `diplograph turns news articles about diplomacy into a dated knowledge graph
and serves it over GraphQL.

Usage:
  diplograph [serve] [flags]        serve GraphQL at /graphql, a playground at /, a timeline at
                                    /timeline and a graph explorer at /explore; an empty store is
                                    first loaded with the bundled articles
  diplograph load [flags] PATH...   load articles: text (.txt, .text), HTML (.html, .htm) and JSON
                                    Lines (.jsonl, .ndjson) files, directories recursively, - for
                                    stdin; a table named here is refused. Exit status 0: all loaded;
                                    3: some inputs failed, the rest loaded; 1: nothing loaded or the
                                    store failed; 2: bad command line
  diplograph extract [flags] PATH...  print the extracted graph as JSON on stdout (no store)
  diplograph export-neo4j-import [flags] DIR PATH...  write the graph of PATH as CSV files for
                                    neo4j-admin database import full into DIR (README: Bulk import)
  diplograph eval --gold DIR [flags] PATH...  score extraction of the articles under PATH
                                    against the gold annotations in DIR (Markdown or --json);
                                    --gold NAME=DIR names sets to score apart, side by side
  diplograph eval --tempeval DIR    score the temporal tagger on the TimeML documents under DIR
                                    with the TempEval-3 measures

Flags:
`

// ParseFlags reads the command and its flags. Environment variables give
// defaults that flags override: DIPLOGRAPH_DB, DIPLOGRAPH_ADDR.
func (m *Main) ParseFlags(args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "serve", "load", "extract", "eval", exportImportCommand:
			m.Command, args = args[0], args[1:]
		case "help", "-h", "--help", "-help":
			fs := m.flagSet()
			fs.SetOutput(m.Stdout)
			fs.Usage()
			return flag.ErrHelp
		}
	}
	if v := os.Getenv("DIPLOGRAPH_DB"); v != "" {
		m.DBPath = v
	}
	if v := os.Getenv("DIPLOGRAPH_ADDR"); v != "" {
		m.Addr = v
	}
	if v := os.Getenv("DIPLOGRAPH_STORE"); v != "" {
		m.Store = v
	}
	if v := os.Getenv("DIPLOGRAPH_CORS_ORIGINS"); v != "" {
		m.CORSOrigins = v
	}
	m.curationEnv()
	m.Neo4j = neo4j.Config{
		URI:      envOr("NEO4J_URI", defaultNeo4jURI),
		Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
	fs := m.flagSet()
	if err := fs.Parse(args); err != nil {
		return err
	}
	m.Paths = fs.Args()
	switch {
	case m.Store != "sqlite" && m.Store != "neo4j":
		return fmt.Errorf("unknown store %q: want sqlite or neo4j", m.Store)
	case m.Command == "serve" && len(m.Paths) > 0:
		return fmt.Errorf("serve takes no paths (did you mean load?)")
	case m.Command == "eval" && len(m.GoldDirs) == 0 && len(m.TempEvalDirs) == 0:
		return fmt.Errorf("eval needs --gold DIR or --tempeval DIR")
	case m.Command == "eval" && len(m.GoldDirs) == 0 && len(m.Paths) > 0:
		return fmt.Errorf("eval --tempeval takes no PATH (the TimeML documents hold their text)")
	case m.Command == exportImportCommand && len(m.Paths) < 2:
		return fmt.Errorf("%s needs a directory for the files and at least one PATH", exportImportCommand)
	case m.Command != "serve" && len(m.Paths) == 0 && !(m.Command == "eval" && len(m.GoldDirs) == 0):
		return fmt.Errorf("%s needs at least one PATH (or - for stdin)", m.Command)
	}
	return nil
}

func (m *Main) flagSet() *flag.FlagSet {
	fs := flag.NewFlagSet("diplograph "+m.Command, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	fs.StringVar(&m.Store, "store", m.Store, "storage engine: sqlite or neo4j (env DIPLOGRAPH_STORE); neo4j reads NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE")
	fs.StringVar(&m.DBPath, "db", m.DBPath, "sqlite store file (env DIPLOGRAPH_DB)")
	fs.StringVar(&m.Neo4j.URI, "neo4j-uri", m.Neo4j.URI, "neo4j: Bolt URI (env NEO4J_URI)")
	fs.DurationVar(&m.Neo4j.MaxRetryTime, "neo4j-max-retry", 30*time.Second, "neo4j: how long a write is retried while the server is unreachable or busy before the command fails")
	fs.StringVar(&m.Addr, "addr", m.Addr, "listen address for serve (env DIPLOGRAPH_ADDR); the default answers this machine only, :8080 every interface")
	fs.BoolVar(&m.Seed, "seed", m.Seed, "serve: load the bundled articles when the store is empty")
	fs.IntVar(&m.BatchSize, "batch", loader.DefaultBatchSize, "load: entities and edges per store transaction")
	fs.Int64Var(&m.MaxFileSize, "max-file-size", read.DefaultMaxFileSize, "largest article file read, in bytes")
	fs.DurationVar(&m.FileTimeout, "file-timeout", read.DefaultTimeout, "longest the extraction of one document may take; a slower one is reported and skipped")
	fs.BoolVar(&m.NoIntrospection, "no-introspection", false, "serve: disable GraphQL schema introspection")
	fs.StringVar(&m.MetricsAddr, "metrics-addr", "", "serve, load: serve Prometheus metrics at /metrics on a listener of their own at this address; empty: serve answers /metrics on --addr, load serves none")
	fs.DurationVar(&m.ShutdownTimeout, "shutdown-timeout", DefaultShutdownTimeout, "serve: how long requests in flight may take to finish once told to stop (SIGTERM, Ctrl-C)")
	fs.DurationVar(&m.ShutdownDelay, "shutdown-delay", 0, "serve: once told to stop, keep serving this long while /readyz answers 503, so that a load balancer stops sending requests first")
	fs.StringVar(&m.PprofAddr, "pprof", "", "serve: also serve Go's profiles (/debug/pprof/) on this address, e.g. 127.0.0.1:6060; empty: off")
	fs.StringVar(&m.CORSOrigins, "cors-origins", m.CORSOrigins, `serve: comma-separated origins allowed to call /graphql and /export/* from a browser, "*" for any (env DIPLOGRAPH_CORS_ORIGINS); empty: no CORS headers`)
	fs.Var(&m.GoldDirs, "gold", "eval: directory of .gold.json files (repeatable); NAME=DIR scores named sets apart, side by side")
	fs.Var(&m.TempEvalDirs, "tempeval", "eval: directory of TempEval-3 TimeML (.tml) files, searched recursively (repeatable)")
	fs.BoolVar(&m.JSON, "json", false, "eval: print the report as JSON")
	m.curationFlags(fs)
	return fs
}

// Run runs the command until it is done or ctx is cancelled, and logs
// when a serve or load starts and stops, and why it stopped.
func (m *Main) Run(ctx context.Context) (err error) {
	if m.Command == "serve" || m.Command == "load" {
		start := time.Now()
		slog.InfoContext(ctx, "diplograph started", "command", m.Command, "store", m.Store, "pid", os.Getpid())
		defer func() {
			slog.Info("diplograph stopped", "command", m.Command, "reason", stopReason(ctx, err),
				"after", time.Since(start).Round(time.Millisecond))
		}()
	}
	return m.run(ctx)
}

func (m *Main) run(ctx context.Context) error {
	switch m.Command {
	case "extract":
		return m.extract(ctx)
	case "eval":
		return m.eval(ctx)
	case "load":
		if err := m.openStore(ctx); err != nil {
			return err
		}
		return m.load(ctx)
	case exportImportCommand:
		return m.exportNeo4jImport(ctx)
	default:
		if err := m.openStore(ctx); err != nil {
			return err
		}
		return m.serve(ctx)
	}
}

// Close releases the store.
func (m *Main) Close() error {
	if m.store == nil {
		return nil
	}
	err := m.store.Close()
	m.store = nil
	return err
}

func (m *Main) openStore(ctx context.Context) error {
	switch m.Store {
	case "neo4j":
		s, err := neo4j.Open(ctx, m.Neo4j)
		if err != nil {
			return fmt.Errorf("open neo4j store at %s: %w", m.Neo4j.URI, err)
		}
		m.store = m.instrument(s)
	default:
		s, err := sqlite.Open(ctx, m.DBPath)
		if err != nil {
			return fmt.Errorf("open store %s: %w", m.DBPath, err)
		}
		m.store = m.instrument(s)
	}
	return nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func (m *Main) reader() read.Reader {
	return read.Reader{MaxFileSize: m.MaxFileSize, Stdin: m.Stdin, Timeout: m.FileTimeout}
}

// ErrSomeInputsFailed is the error of a load that loaded what it could
// but refused or failed some of its inputs (each named in the summary);
// main exits with status 3 for it, so that a script can tell it from a
// load that failed (status 1) and from a clean one (0).
var ErrSomeInputsFailed = errors.New("some inputs were not loaded (see the failures above)")

// exitInputsFailed is the exit status of ErrSomeInputsFailed.
const exitInputsFailed = 3

func (m *Main) load(ctx context.Context) error {
	stopMetrics, err := m.serveMetrics()
	if err != nil {
		return err
	}
	defer stopMetrics()
	// Inputs that are not articles by their content are refused here,
	// before extraction, so that a table named by mistake does not become
	// dozens of junk entities that no command removes. GDELT exports are
	// tables by design and go to their own reader (loadInputs).
	paths, refused := refuseNonArticles(m.Paths)
	before, err := m.store.Stats(ctx)
	if err != nil {
		return fmt.Errorf("read %s store stats: %w", m.Store, err)
	}
	rep := newLoadReporter(m.Stderr, isTerminal(m.Stderr), m.progressEvery, m.metrics())
	start := time.Now()
	var sum loader.Summary
	var gsum gdelt.Summary
	if len(paths) > 0 {
		sum, gsum, err = m.loadInputs(ctx, m.store, paths, rep) // load_inputs.go: GDELT exports, then articles
	}
	sum.Failures = append(refused, sum.Failures...)
	rep.finish(len(sum.Failures))
	after, serr := m.store.Stats(ctx)
	if err == nil && serr != nil {
		err = fmt.Errorf("read %s store stats: %w", m.Store, serr)
	}
	m.printGDELT(gsum)
	m.printSummary(sum, before, after, time.Since(start))
	if err != nil {
		// Batches are written whole or not at all, and writing one again
		// changes nothing: a load that stopped is finished by running it
		// again.
		return fmt.Errorf("load into the %s store stopped after writing %d articles, which stay (run the same load again to finish it): %w",
			m.Store, sum.Articles, err)
	}
	switch {
	case sum.Articles == 0 && len(sum.Failures) > 0:
		return fmt.Errorf("no article loaded")
	case len(sum.Failures) > 0:
		return ErrSomeInputsFailed
	}
	return nil
}

// refuseNonArticles splits paths into those to load and failures for the
// files named among them that are not articles by their content (see
// notArticle). Only regular files are looked at: a directory's files are
// chosen by the reader by their extension, and a pipe or stdin cannot be
// read twice.
func refuseNonArticles(paths []string) ([]string, []read.Failure) {
	var keep []string
	var refused []read.Failure
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && !gdelt.IsExportFile(p) {
			if why := notArticle(p); why != "" {
				refused = append(refused, read.Failure{Path: p, Reason: why})
				continue
			}
		}
		keep = append(keep, p)
	}
	return keep, refused
}

// sniffBytes is how much of a file notArticle reads.
const sniffBytes = 64 << 10

// notArticle says why the file at path is not an article, or "" when it
// may be one (the reader then judges it as it does every input). It
// recognizes a table, CSV or TSV among them: an article's lines are prose
// of every length, where a table's are rows of the same short fields.
func notArticle(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return "" // the reader reports it, with its reason
	}
	defer f.Close()
	buf := make([]byte, sniffBytes)
	n, _ := io.ReadFull(f, buf)
	sample := buf[:n]
	if n == sniffBytes {
		// Cut the partial last line off.
		if i := bytes.LastIndexByte(sample, '\n'); i > 0 {
			sample = sample[:i]
		}
	}
	if table := sniffTable(sample); table != "" {
		return "not an article: " + table + "; load articles as text, HTML or JSON Lines"
	}
	return ""
}

// sniffTable describes sample as a table ("a CSV table of 3 columns") when
// its first lines parse as delimited records of one width, or returns "".
// To tell a table from prose that has a comma on each line, it wants at
// least five rows of two or more columns, or three of three or more, every
// row as wide as the first, and short fields (a median under 40 bytes).
func sniffTable(sample []byte) string {
	trimmed := bytes.TrimSpace(sample)
	if len(trimmed) == 0 || trimmed[0] == '{' || trimmed[0] == '[' || trimmed[0] == '<' {
		return "" // JSON Lines, HTML: the reader's
	}
	const maxRows = 50
	for _, d := range []struct {
		comma rune
		name  string
	}{{',', "CSV"}, {'\t', "TSV"}, {';', "semicolon-separated"}, {'|', "pipe-separated"}} {
		r := csv.NewReader(bytes.NewReader(trimmed))
		r.Comma, r.LazyQuotes = d.comma, true
		var rows [][]string
		var err error
		for len(rows) < maxRows {
			var rec []string
			if rec, err = r.Read(); err != nil {
				break
			}
			rows = append(rows, rec)
		}
		if err != nil && !errors.Is(err, io.EOF) || len(rows) == 0 {
			continue // rows of different widths, or no rows: not this kind of table
		}
		cols := len(rows[0])
		if cols < 2 || len(rows) < 3 || cols == 2 && len(rows) < 5 {
			continue
		}
		var lens []int
		for _, row := range rows {
			for _, f := range row {
				lens = append(lens, len(strings.TrimSpace(f)))
			}
		}
		slices.Sort(lens)
		if lens[len(lens)/2] >= 40 {
			continue
		}
		return fmt.Sprintf("a %s table of %d columns", d.name, cols)
	}
	return ""
}

// printSummary prints what a load did: what it read and wrote, whether the
// store changed, and every input it refused or failed. A load of articles
// the store already held writes the same records again and changes
// nothing (ids derive from names), which "unchanged" says: the store holds
// as many articles, entities and edges as before.
func (m *Main) printSummary(sum loader.Summary, before, after kg.Stats, took time.Duration) {
	unchanged := before.Articles == after.Articles && before.Entities == after.Entities && before.Edges == after.Edges
	if sum.Articles > 0 && unchanged {
		fmt.Fprintf(m.Stdout, "unchanged: %d articles, %d entities, %d edges read in %s were all in the store already; %d failures\n",
			sum.Articles, sum.Entities, sum.Edges, took.Round(time.Millisecond), len(sum.Failures))
	} else {
		fmt.Fprintf(m.Stdout, "loaded %d articles, %d entities, %d edges in %s; %d entities and %d edges new to the store; %d failures\n",
			sum.Articles, sum.Entities, sum.Edges, took.Round(time.Millisecond),
			after.Entities-before.Entities, after.Edges-before.Edges, len(sum.Failures))
	}
	const show = 20 // a corpus with thousands of bad records should not bury the summary
	for i, f := range sum.Failures {
		if i == show {
			fmt.Fprintf(m.Stdout, "  … and %d more failures\n", len(sum.Failures)-show)
			break
		}
		fmt.Fprintf(m.Stdout, "  failed: %s\n", f)
	}
	for i, u := range sum.Undated {
		if i == show {
			fmt.Fprintf(m.Stdout, "  … and %d more articles without a publication date\n", len(sum.Undated)-show)
			break
		}
		fmt.Fprintf(m.Stdout, "  no publication date (relative dates skipped): %s\n", u)
	}
}

// extractPaths extracts every article under m.Paths, in input order, and
// reports the inputs it skipped on stderr.
func (m *Main) extractPaths(ctx context.Context) ([]*loader.Result, []read.Failure, error) {
	var results []*loader.Result
	r := m.reader()
	fails, err := loader.ExtractAll(ctx, &r, m.Paths, func(res *loader.Result) error {
		results = append(results, res)
		return nil
	})
	for _, f := range fails {
		fmt.Fprintf(m.Stderr, "diplograph: skipped %s\n", f)
	}
	return results, fails, err
}

func (m *Main) extract(ctx context.Context) error {
	results, fails, err := m.extractPaths(ctx)
	if err != nil {
		return err
	}
	g := loader.NewGraph(results)
	g.Failures = fails
	enc := json.NewEncoder(m.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(g); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	if len(results) == 0 && len(fails) > 0 {
		return fmt.Errorf("no article could be read")
	}
	return nil
}

// eval scores extraction against gold annotations: each gold file is
// compared with the extraction of its own article, so that entities of
// other articles never count against it.
func (m *Main) eval(ctx context.Context) error {
	if len(m.GoldDirs) == 0 {
		return m.tempEval()
	}
	// Directories given as NAME=DIR form named sets, scored apart and
	// shown side by side; unnamed directories pool into one set.
	var names []string
	sets := map[string][]*eval.Gold{}
	for _, arg := range m.GoldDirs {
		name, dir, ok := strings.Cut(arg, "=")
		if !ok {
			name, dir = "", arg
		}
		gs, err := eval.ReadGoldDir(dir)
		if err != nil {
			return err
		}
		if _, seen := sets[name]; !seen {
			names = append(names, name)
		}
		sets[name] = append(sets[name], gs...)
	}
	results, _, err := m.extractPaths(ctx)
	if err != nil {
		return err
	}
	reports := make([]*eval.Report, len(names))
	for i, name := range names {
		reports[i] = eval.ScoreResults(sets[name], results)
		reports[i].Name = name
	}
	var out []byte
	switch {
	case m.JSON && len(reports) == 1:
		out, err = reports[0].JSON()
		out = append(out, '\n')
	case m.JSON:
		out, err = json.MarshalIndent(reports, "", "  ")
		out = append(out, '\n')
	case len(reports) == 1:
		out = []byte(reports[0].Markdown())
	default:
		out = []byte(eval.MarkdownSets(reports...))
	}
	if err != nil {
		return err
	}
	if _, err = m.Stdout.Write(out); err != nil {
		return err
	}
	if len(m.TempEvalDirs) > 0 {
		if _, err := io.WriteString(m.Stdout, "\n"); err != nil {
			return err
		}
		return m.tempEval()
	}
	return nil
}

// tempEval scores the temporal tagger on each TimeML directory with the
// TempEval-3 measures, anchored at each document's creation time.
func (m *Main) tempEval() error {
	var reports []*tempeval.Report
	for _, dir := range m.TempEvalDirs {
		docs, err := tempeval.ReadDir(dir)
		if err != nil {
			return err
		}
		reports = append(reports, tempeval.Score(filepath.Base(filepath.Clean(dir)), docs, tempeval.TimexTagger))
	}
	if m.JSON {
		b, err := json.MarshalIndent(reports, "", "  ")
		if err != nil {
			return err
		}
		_, err = m.Stdout.Write(append(b, '\n'))
		return err
	}
	_, err := io.WriteString(m.Stdout, tempeval.Markdown(reports...))
	return err
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

// Set implements flag.Value.
func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// seed loads the bundled articles into an empty store.
func (m *Main) seed(ctx context.Context) error {
	st, err := m.store.Stats(ctx)
	if err != nil {
		return fmt.Errorf("read store stats: %w", err)
	}
	if st.Articles > 0 {
		return nil
	}
	rep := &loadReporter{met: m.metrics()} // counted, not shown
	l := &loader.Loader{Store: m.store, Reader: read.Reader{FS: examples.Articles}, Progress: rep.update}
	sum, err := l.Load(ctx, []string{examples.Dir})
	if err != nil {
		return fmt.Errorf("load bundled articles: %w", err)
	}
	slog.InfoContext(ctx, "loaded bundled articles", "articles", sum.Articles, "entities", sum.Entities, "edges", sum.Edges)
	return nil
}

// Handler returns the HTTP routes (package api) over the open store,
// counted by the process's metrics.
func (m *Main) Handler() http.Handler {
	met := m.metrics()
	var metricsHandler http.Handler
	if m.MetricsAddr == "" {
		metricsHandler = met.Handler()
	}
	return met.HTTP(api.New(m.store, api.Config{
		GraphQL: graph.Options{DisableIntrospection: m.NoIntrospection, Curator: m.curator(),
			Extensions: []graphql.HandlerExtension{met.GraphQL()}},
		CORSOrigins: api.ParseOrigins(m.CORSOrigins),
		Tokens:      m.tokens,
		Metrics:     metricsHandler,
		Readiness:   &m.readiness,
	}))
}

func (m *Main) serve(ctx context.Context) error {
	// The server's live heap is a few MB, so at Go's default target (twice
	// the live heap) a page of a hundred timeline events, some 400 KB of
	// gqlgen field contexts and rows, set off a collection every ten
	// requests. Four times the live heap costs some 40 MB more and 5-15%
	// less CPU per request (BENCHMARKS.md). GOGC, when set, decides.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if err := m.loadTokens(); err != nil {
		return err
	}
	if m.Seed {
		if err := m.seed(ctx); err != nil {
			return err
		}
	}
	stopLive, err := m.startLive(ctx)
	if err != nil {
		return err
	}
	defer stopLive()
	ln, err := net.Listen("tcp", m.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", m.Addr, err)
	}
	if m.PprofAddr != "" {
		stop, err := api.ServePprof(m.PprofAddr, m.Stdout)
		if err != nil {
			ln.Close()
			return err
		}
		defer stop()
	}
	stopMetrics, err := m.serveMetrics()
	if err != nil {
		ln.Close()
		return err
	}
	defer stopMetrics()
	h, inFlight := countInFlight(m.Handler())
	srv := api.NewServer(h)
	addr := ln.Addr().String()
	where := m.DBPath
	if m.Store == "neo4j" {
		where = m.Neo4j.URI
	}
	slog.InfoContext(ctx, "serving GraphQL", "graphql", "http://"+addr+"/graphql", "playground", "http://"+addr+"/", "store", m.Store, "at", where)
	fmt.Fprintf(m.Stdout, "diplograph serving on http://%s/ (GraphQL at /graphql)\n", addr)
	if m.ready != nil {
		m.ready <- addr
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
		return m.shutdown(ctx, srv, inFlight)
	}
}
