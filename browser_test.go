package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// chromiumPath is where Debian's chromium package puts the browser; the
// browser tests drive it and never download one.
const chromiumPath = "/usr/bin/chromium"

// browserTools returns node and chromium, or why the browser tests cannot
// run here.
func browserTools() (node, chromium string, err error) {
	node, err = exec.LookPath("node")
	if err != nil {
		return "", "", fmt.Errorf("node is not on PATH (%w)", err)
	}
	chromium = chromiumPath
	if v := os.Getenv("DIPLOGRAPH_CHROMIUM"); v != "" {
		chromium = v
	}
	if _, err := os.Stat(chromium); err != nil {
		return "", "", fmt.Errorf("no Chromium at %s (apt-get install chromium): %w", chromium, err)
	}
	if _, err := os.Stat(filepath.Join("web", "node_modules", "playwright-core")); err != nil {
		return "", "", fmt.Errorf("playwright-core is not installed (npm ci --prefix web): %w", err)
	}
	return node, chromium, nil
}

// devCorpus lists the articles of ../shared/corpus/articles that have a
// gold annotation: the dev set the pages are tested on, beside the bundled
// examples.
func devCorpus(t *testing.T) []string {
	t.Helper()
	golds, err := filepath.Glob("../shared/corpus/gold/*.gold.json")
	if err != nil || len(golds) == 0 {
		t.Fatalf("no gold annotations under ../shared/corpus/gold (is ../shared beside the repo?): %v", err)
	}
	var paths []string
	for _, g := range golds {
		p := filepath.Join("../shared/corpus/articles", strings.TrimSuffix(filepath.Base(g), ".gold.json")+".txt")
		if _, err := os.Stat(p); err == nil {
			paths = append(paths, p)
		} else if !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
	}
	return paths
}

// TestBrowser runs web/test/browser.mjs in Debian's Chromium against the
// real server, with the bundled articles and the dev corpus in a fresh
// SQLite store: the playground, the timeline and the explorer, their
// keyboard use and empty and error states, that no request leaves the
// server, and the explorer's timings with 2,000 nodes. Screenshots and the
// timings go to test-output/browser/.
//
// Without node, Chromium or web/node_modules the test skips loudly, unless
// DIPLOGRAPH_REQUIRE_BROWSER=1 (set by scripts/test, which installs them)
// makes it fail.
func TestBrowser(t *testing.T) {
	node, chromium, err := browserTools()
	if err != nil {
		msg := "browser tests cannot run: " + err.Error()
		if os.Getenv("DIPLOGRAPH_REQUIRE_BROWSER") == "1" {
			t.Fatal("DIPLOGRAPH_REQUIRE_BROWSER=1 but " + msg)
		}
		fmt.Fprintln(os.Stderr, "\n*** SKIP browser: "+msg+" ***")
		t.Skip("SKIP: " + msg)
	}

	db := filepath.Join(t.TempDir(), "browser.db")
	load := NewMain()
	if err := load.ParseFlags(append([]string{"load", "--db", db, "examples/articles"}, devCorpus(t)...)); err != nil {
		t.Fatal(err)
	}
	err = load.Run(context.Background())
	if cerr := load.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatalf("load the examples and the dev corpus: %v", err)
	}
	// A page of another origin on this machine, which browser.mjs serves
	// itself, calls the server across origins; its port is chosen here so
	// that the server can be told to allow it.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	clientOrigin := "http://" + ln.Addr().String()
	ln.Close()
	// The cross-origin page sends a reader's token: a token the server
	// does not know is refused (EUNAUTHORIZED).
	t.Setenv("DIPLOGRAPH_TOKENS", testTokens)
	base := startServer(t, "--db", db, "--cors-origins", clientOrigin)

	out := filepath.Join("test-output", "browser")
	if err := os.RemoveAll(out); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, filepath.Join("web", "test", "browser.mjs"), base, out)
	cmd.Env = append(os.Environ(), "DIPLOGRAPH_CHROMIUM="+chromium, "DIPLOGRAPH_CLIENT_ORIGIN="+clientOrigin, "DIPLOGRAPH_CLIENT_TOKEN="+readerToken)
	output, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("browser tests failed (%v):\n%s", err, output)
	}
	t.Logf("browser tests:\n%s", output)
	for _, shot := range []string{"playground.png", "playground-tabs.png", "timeline.png", "timeline-items.png", "timeline-dense.png",
		"timeline-all.png", "timeline-participants.png", "explore.png", "explore-labels.png", "explore-hover.png"} {
		if fi, err := os.Stat(filepath.Join(out, shot)); err != nil || fi.Size() == 0 {
			t.Errorf("screenshot %s not written: %v", shot, err)
		}
	}
}
