package neo4j_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"testing"

	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/kg/storetest"
	"github.com/diplograph/diplograph/neo4j"
)

// The tests talk to a real Neo4j, named by NEO4J_URI, NEO4J_USERNAME,
// NEO4J_PASSWORD and NEO4J_DATABASE; scripts/with-neo4j starts one and sets
// them. Without NEO4J_URI they skip, loudly, unless DIPLOGRAPH_REQUIRE_NEO4J=1
// (as in CI), where they fail.
//
// Every store a test opens starts from an empty database: Community edition
// has one user database, so the tests empty it (and refuse to when it
// holds anything but diplograph's nodes). Tests therefore never run in
// parallel.

// testConfig returns the configuration of the test server, or skips.
func testConfig(tb testing.TB) neo4j.Config {
	tb.Helper()
	cfg := neo4j.Config{
		URI:      os.Getenv("NEO4J_URI"),
		Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
	if cfg.URI == "" {
		const msg = "NEO4J_URI is not set: the Neo4j store is NOT TESTED. Run `scripts/with-neo4j go test ./neo4j/`."
		if os.Getenv("DIPLOGRAPH_REQUIRE_NEO4J") == "1" {
			tb.Fatal("DIPLOGRAPH_REQUIRE_NEO4J=1 but " + msg)
		}
		fmt.Fprintln(os.Stderr, "\n*** SKIP neo4j: "+msg+" ***")
		tb.Skip("SKIP: " + msg)
	}
	return cfg
}

var (
	adminOnce   sync.Once
	adminDriver neo4jdrv.DriverWithContext
	adminErr    error
)

// admin returns a driver of the tests' own, to empty the database.
func admin(tb testing.TB, cfg neo4j.Config) neo4jdrv.DriverWithContext {
	tb.Helper()
	adminOnce.Do(func() {
		auth := neo4jdrv.NoAuth()
		if cfg.Username != "" || cfg.Password != "" {
			auth = neo4jdrv.BasicAuth(cfg.Username, cfg.Password, "")
		}
		adminDriver, adminErr = neo4jdrv.NewDriverWithContext(cfg.URI, auth)
	})
	if adminErr != nil {
		tb.Fatal(adminErr)
	}
	return adminDriver
}

const (
	foreignNodes = `MATCH (n) WHERE NOT (n:Entity OR n:Article OR n:DiplographMeta) RETURN count(n) AS n`
	deleteAll    = `MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`
)

// wipe empties the test database. CALL … IN TRANSACTIONS needs an
// auto-commit transaction, hence session.Run.
func wipe(tb testing.TB, cfg neo4j.Config) {
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

// mustOpen empties the test database and opens a store on it, closed when
// the test ends.
func mustOpen(tb testing.TB) *neo4j.Store {
	tb.Helper()
	cfg := testConfig(tb)
	wipe(tb, cfg)
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

// TestStore runs the conformance suite. Its stores share the one database:
// where a test opens two at once (ConcurrentPuts compares a sequential load
// with a concurrent one), the second open empties the first, so both read
// the same data; TestConcurrentPutsMerge checks that case on its own.
func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) kg.Store { return mustOpen(t) })
}

func TestOpenErrors(t *testing.T) {
	cfg := testConfig(t)
	ctx := t.Context()

	t.Run("unreachable", func(t *testing.T) {
		// A port that was free a moment ago: nothing listens there.
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		bad := cfg
		bad.URI = "bolt://" + addr
		s, err := neo4j.Open(ctx, bad)
		if err == nil {
			s.Close()
			t.Fatalf("Open(%s) succeeded", bad.URI)
		}
		if !errors.Is(err, neo4j.ErrUnreachable) || errors.Is(err, neo4j.ErrAuth) {
			t.Errorf("Open(%s) = %v, want ErrUnreachable", bad.URI, err)
		}
		var connErr *neo4jdrv.ConnectivityError
		if !errors.As(err, &connErr) {
			t.Errorf("Open(%s) = %v, want the driver's ConnectivityError inside", bad.URI, err)
		}
		t.Logf("Open(%s): %v", bad.URI, err)
	})

	t.Run("wrong password", func(t *testing.T) {
		if cfg.Password == "" {
			t.Skip("the test server runs without auth (NEO4J_PASSWORD is empty)")
		}
		bad := cfg
		bad.Password = cfg.Password + "-wrong"
		s, err := neo4j.Open(ctx, bad)
		if err == nil {
			s.Close()
			t.Fatal("Open with a wrong password succeeded")
		}
		if !errors.Is(err, neo4j.ErrAuth) || errors.Is(err, neo4j.ErrUnreachable) {
			t.Errorf("Open = %v, want ErrAuth", err)
		}
		var dbErr *neo4jdrv.Neo4jError
		if !errors.As(err, &dbErr) || !dbErr.IsAuthenticationFailed() {
			t.Errorf("Open = %v, want the driver's authentication error inside", err)
		}
		t.Logf("Open: %v", err)
	})

	t.Run("no URI", func(t *testing.T) {
		if _, err := neo4j.Open(ctx, neo4j.Config{}); err == nil {
			t.Fatal("Open without a URI succeeded")
		}
	})

	t.Run("bad URI", func(t *testing.T) {
		bad := cfg
		bad.URI = "http://" + "127.0.0.1:7474"
		if _, err := neo4j.Open(ctx, bad); err == nil {
			t.Fatal("Open of an http URI succeeded")
		}
	})
}

// Opening a store that is already set up keeps its data and its schema.
func TestReopen(t *testing.T) {
	s := mustOpen(t)
	lavrov := kg.Entity{ID: kg.EntityID(kg.Person, "Sergey Lavrov"), Kind: kg.Person, Name: "Sergey Lavrov", Aliases: []string{"Сергей Лавров"}}
	if err := s.Put(t.Context(), &kg.Batch{Entities: []kg.Entity{lavrov}}); err != nil {
		t.Fatal(err)
	}
	s2, err := neo4j.Open(t.Context(), testConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	found, err := s2.Search(t.Context(), kg.SearchQuery{Text: "лавров"})
	if err != nil || len(found) != 1 {
		t.Errorf("Search after reopening = %v, %v; want Lavrov", found, err)
	}
}
