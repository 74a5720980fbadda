// Package neo4jtest opens Neo4j stores for tests of any package: the
// server comes from NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and
// NEO4J_DATABASE (scripts/with-neo4j starts one and sets them). Without
// NEO4J_URI a test skips loudly, unless DIPLOGRAPH_REQUIRE_NEO4J=1 (as in
// CI), where it fails.
//
// StartServer starts a Neo4j of a test's own on a data directory that
// outlives it, for tests that stop, kill and restart the server.
//
// Every store Open returns starts from an empty database. Community
// edition has one user database, so packages whose tests use it must not
// run at the same time: the test command runs `go test -p 1`.
package neo4jtest

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"

	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/neo4j"
)

// Config returns the configuration of the test server, or skips (or fails
// under DIPLOGRAPH_REQUIRE_NEO4J=1) when there is none.
func Config(tb testing.TB) neo4j.Config {
	tb.Helper()
	cfg := neo4j.Config{
		URI:      os.Getenv("NEO4J_URI"),
		Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
	if cfg.URI == "" {
		const msg = "NEO4J_URI is not set: the Neo4j store is NOT TESTED. Run the tests with scripts/with-neo4j (bash scripts/test does)."
		if os.Getenv("DIPLOGRAPH_REQUIRE_NEO4J") == "1" {
			tb.Fatal("DIPLOGRAPH_REQUIRE_NEO4J=1 but " + msg)
		}
		fmt.Fprintln(os.Stderr, "\n*** SKIP neo4j: "+msg+" ***")
		tb.Skip("SKIP: " + msg)
	}
	return cfg
}

var (
	adminMu      sync.Mutex
	adminDrivers = map[neo4j.Config]neo4jdrv.DriverWithContext{}
)

// Driver returns a driver of the tests' own, one per test binary and
// server, for Cypher that goes around the store: emptying the database,
// what a Neo4j Browser user would type, naive load benchmarks.
func Driver(tb testing.TB, cfg neo4j.Config) neo4jdrv.DriverWithContext { return admin(tb, cfg) }

// admin returns the tests' own driver for cfg.
func admin(tb testing.TB, cfg neo4j.Config) neo4jdrv.DriverWithContext {
	tb.Helper()
	adminMu.Lock()
	defer adminMu.Unlock()
	if d := adminDrivers[cfg]; d != nil {
		return d
	}
	auth := neo4jdrv.NoAuth()
	if cfg.Username != "" || cfg.Password != "" {
		auth = neo4jdrv.BasicAuth(cfg.Username, cfg.Password, "")
	}
	d, err := neo4jdrv.NewDriverWithContext(cfg.URI, auth)
	if err != nil {
		tb.Fatal(err)
	}
	adminDrivers[cfg] = d
	return d
}

const (
	foreignNodes = `MATCH (n) WHERE NOT (n:Entity OR n:Article OR n:DiplographMeta) RETURN count(n) AS n`
	deleteAll    = `MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`
)

// Wipe empties the test database, refusing to when it holds nodes that
// are not diplograph's. CALL … IN TRANSACTIONS needs an auto-commit
// transaction, hence session.Run.
func Wipe(tb testing.TB, cfg neo4j.Config) {
	tb.Helper()
	ctx := context.Background()
	d := admin(tb, cfg)
	res, err := neo4jdrv.ExecuteQuery(ctx, d, foreignNodes, nil, neo4jdrv.EagerResultTransformer, neo4jdrv.ExecuteQueryWithDatabase(cfg.Database))
	if err != nil {
		tb.Fatalf("wipe: %v", err)
	}
	if n, _ := res.Records[0].Values[0].(int64); n > 0 {
		tb.Fatalf("the database at %s holds %d nodes that are not diplograph's: refusing to empty it for a test", cfg.URI, n)
	}
	session := d.NewSession(ctx, neo4jdrv.SessionConfig{DatabaseName: cfg.Database})
	defer session.Close(ctx)
	r, err := session.Run(ctx, deleteAll, nil)
	if err == nil {
		_, err = r.Consume(ctx)
	}
	if err != nil {
		tb.Fatalf("wipe: %v", err)
	}
}

// Open empties the test database and opens a store on it, closed when the
// test ends.
func Open(tb testing.TB) *neo4j.Store {
	tb.Helper()
	cfg := Config(tb)
	Wipe(tb, cfg)
	s, err := neo4j.Open(context.Background(), cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}
