package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/hostile"
	"github.com/diplograph/diplograph/kg/storetest"
	"github.com/diplograph/diplograph/neo4j/neo4jtest"
)

// TestRunSQLite runs the whole bench on a small SQLite graph: the server is
// built and started, every query is answered without an error, and the
// report has a row for each with its percentiles and the server's memory.
func TestRunSQLite(t *testing.T) {
	report := runSmall(t, config{store: "sqlite", edges: 2000, n: 3, warmup: 1})
	checkReport(t, report)
}

// TestRunNeo4j does the same on the test Neo4j, emptied first, and reads
// the memory of the Neo4j server too.
func TestRunNeo4j(t *testing.T) {
	neo4jtest.Wipe(t, neo4jtest.Config(t))
	report := runSmall(t, config{store: "neo4j", edges: 2000, n: 3, warmup: 1})
	checkReport(t, report)
	if !regexp.MustCompile(`Neo4j server \(JVM\) resident memory: [1-9][0-9]* MiB now, peak [1-9][0-9]* MiB`).MatchString(report) {
		t.Errorf("no Neo4j memory in\n%s", report)
	}
	// A second run finds the graph in place and loads nothing.
	report = runSmall(t, config{store: "neo4j", edges: 2000, n: 1, warmup: 0, only: "timeline"})
	if strings.Contains(report, "loaded in") || strings.Count(report, "\n| timeline") != 4 {
		t.Errorf("second run:\n%s", report)
	}
}

func runSmall(t *testing.T, cfg config) string {
	t.Helper()
	var out, log bytes.Buffer
	if err := run(t.Context(), cfg, &out, &log); err != nil {
		t.Fatalf("run: %v\n%s", err, log.String())
	}
	return out.String()
}

func checkReport(t *testing.T, report string) {
	t.Helper()
	for _, q := range queries(idsOf(storetest.Generate(2000, seed))) {
		row := regexp.MustCompile(`(?m)^\| ` + regexp.QuoteMeta(q.name) + ` \| [0-9.]+ ms \| [0-9.]+ ms \| [0-9.]+ ms \| [0-9.]+ KB \|`)
		if !row.MatchString(report) {
			t.Errorf("no row for %q in\n%s", q.name, report)
		}
	}
	if !regexp.MustCompile(`resident memory: [1-9][0-9]* MiB after start, [1-9][0-9]* MiB at the end, peak [1-9][0-9]* MiB`).MatchString(report) {
		t.Errorf("no server memory in\n%s", report)
	}
	if !regexp.MustCompile(`RssAnon: heap, stacks\): [1-9][0-9]* MiB after start, [1-9][0-9]* MiB at the end, peak [1-9][0-9]* MiB; ` +
		`mapped file pages \(RssFile: .*\): [1-9][0-9]* MiB after start, [1-9][0-9]* MiB at the end, peak [1-9][0-9]* MiB`).MatchString(report) {
		t.Errorf("no split of the server's memory into its own and mapped files in\n%s", report)
	}
	if !strings.Contains(report, "2000 edges") || !strings.Contains(report, "load average") {
		t.Errorf("report lacks the graph size or the machine's load:\n%s", report)
	}
}

func TestParseFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-store", "postgres"},
		{"-edges", "10"},
		{"-n", "0"},
		{"extra"},
	} {
		if _, err := parseFlags(args, &bytes.Buffer{}); err == nil {
			t.Errorf("parseFlags(%q) accepted", args)
		}
	}
	c, err := parseFlags([]string{"-store", "neo4j", "-edges", "100000", "-only", "path"}, &bytes.Buffer{})
	if err != nil || c.store != "neo4j" || c.edges != 100000 || c.only != "path" || c.n != 500 {
		t.Errorf("parseFlags = %+v, %v", c, err)
	}
}

// TestLoadAndHostileSQLite runs the load test for a few seconds and the
// hostile corpus on a small SQLite graph: every request of the mix is
// answered without an error, and every hostile case has its row.
func TestLoadAndHostileSQLite(t *testing.T) {
	report := runSmall(t, config{store: "sqlite", edges: 2000, n: 1, clients: 8, duration: 3 * time.Second})
	if !regexp.MustCompile(`(?m)^\| \*\*all\*\* \| 100% \| [1-9][0-9]* \| 0 \|`).MatchString(report) || !strings.Contains(report, "No errors.") {
		t.Errorf("load test with errors, or without a total:\n%s", report)
	}
	for _, m := range loadMix(idsOf(storetest.Generate(2000, seed))) {
		if !regexp.MustCompile(`(?m)^\| ` + regexp.QuoteMeta(m.name) + ` \| [0-9]+% \| [1-9][0-9]* \| 0 \|`).MatchString(report) {
			t.Errorf("no row with requests and no errors for %q in\n%s", m.name, report)
		}
	}
	report = runSmall(t, config{store: "sqlite", edges: 2000, n: 1, hostile: true})
	for _, c := range hostile.Cases(hostile.IDs{}) {
		if !strings.Contains(report, "| "+c.Name+" | ") {
			t.Errorf("no row for %q in\n%s", c.Name, report)
		}
	}
	if !strings.Contains(report, "probes `{ __typename }`") {
		t.Errorf("no probe latencies in\n%s", report)
	}
}
