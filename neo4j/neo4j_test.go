package neo4j_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"

	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/kg/storetest"
	"github.com/diplograph/diplograph/neo4j"
	"github.com/diplograph/diplograph/neo4j/neo4jtest"
)

// The tests talk to a real Neo4j, named by NEO4J_URI, NEO4J_USERNAME,
// NEO4J_PASSWORD and NEO4J_DATABASE; scripts/with-neo4j starts one and sets
// them. Without NEO4J_URI they skip, loudly, unless DIPLOGRAPH_REQUIRE_NEO4J=1
// (as in CI), where they fail (see neo4jtest).
//
// Every store a test opens starts from an empty database: Community edition
// has one user database, so the tests empty it (and refuse to when it
// holds anything but diplograph's nodes). Tests therefore never run in
// parallel.

// testConfig returns the configuration of the test server, or skips.
func testConfig(tb testing.TB) neo4j.Config { return neo4jtest.Config(tb) }

// wipe empties the test database.
func wipe(tb testing.TB, cfg neo4j.Config) { neo4jtest.Wipe(tb, cfg) }

// mustOpen empties the test database and opens a store on it, closed when
// the test ends.
func mustOpen(tb testing.TB) *neo4j.Store { return neo4jtest.Open(tb) }

// driver returns a driver of the tests' own, for Cypher that goes around
// the store (what a Neo4j Browser user types, the naive load benchmark).
func driver(tb testing.TB, cfg neo4j.Config) neo4jdrv.DriverWithContext {
	return neo4jtest.Driver(tb, cfg)
}

// TestStore runs the conformance suite. Its stores share the one database:
// where a test opens two at once (ConcurrentPuts compares a sequential load
// with a concurrent one), the second open empties the first, so both read
// the same data; TestConcurrentPutsMerge checks that case on its own.
func TestStore(t *testing.T) {
	testConfig(t) // skips or fails the whole suite at once
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

	t.Run("no such database", func(t *testing.T) {
		bad := cfg
		bad.Database = "nosuchdatabase"
		s, err := neo4j.Open(ctx, bad)
		if err == nil {
			s.Close()
			t.Fatal("Open of a missing database succeeded")
		}
		var dbErr *neo4jdrv.Neo4jError
		if !errors.As(err, &dbErr) || dbErr.Code != "Neo.ClientError.Database.DatabaseNotFound" {
			t.Errorf("Open = %v, want the driver's DatabaseNotFound inside", err)
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

// Two Puts that merge into the same edges and entities at once both keep
// what they add: each locks what it merges before reading it. Two Puts
// that create the same edges at once do too: the one that seeks an edge
// second waits for the first to commit, then merges into its edge instead
// of failing the uniqueness constraint. (The suite's ConcurrentPuts cannot
// tell, since its two stores share the database.)
func TestConcurrentPutsMerge(t *testing.T) {
	testConfig(t)
	const people = 100
	summit := kg.EntityID(kg.Event, "Geneva Summit")
	person := func(i int) string { return kg.EntityID(kg.Person, fmt.Sprintf("Delegate %03d", i)) }
	edge := func(i int) kg.Edge {
		return kg.Edge{ID: kg.EdgeID(kg.ParticipatedIn, person(i), summit, ""), Type: kg.ParticipatedIn, From: person(i), To: summit}
	}
	base := func(withEdges bool) *kg.Batch {
		b := &kg.Batch{Entities: []kg.Entity{{ID: summit, Kind: kg.Event, Name: "Geneva Summit", EventType: kg.Summit}}}
		for i := range people {
			b.Entities = append(b.Entities, kg.Entity{ID: person(i), Kind: kg.Person, Name: fmt.Sprintf("Delegate %03d", i)})
			if withEdges {
				b.Edges = append(b.Edges, edge(i))
			}
		}
		return b
	}
	// Batch a covers people 0–69, b 30–99; both cite their own article for
	// every edge and give every entity an alias of their own.
	batch := func(lo, hi int, source string, withEntities bool) *kg.Batch {
		b := &kg.Batch{}
		for i := lo; i < hi; i++ {
			e := edge(i)
			e.Evidence = []kg.Evidence{{Article: kg.ArticleID(source), Sentence: i, Quote: "They met."}}
			b.Edges = append(b.Edges, e)
			if withEntities {
				b.Entities = append(b.Entities, kg.Entity{ID: person(i), Kind: kg.Person, Name: fmt.Sprintf("Delegate %03d", i),
					Aliases: []string{fmt.Sprintf("Delegate %03d (%s)", i, source)}})
			}
		}
		return b
	}
	for _, tc := range []struct{ withEntities, edgesExist bool }{{false, true}, {true, true}, {false, false}, {true, false}} {
		withEntities := tc.withEntities
		t.Run(fmt.Sprintf("entities=%v/edgesExist=%v", withEntities, tc.edgesExist), func(t *testing.T) {
			for round := range 3 {
				s := mustOpen(t)
				if err := s.Put(t.Context(), base(tc.edgesExist)); err != nil {
					t.Fatal(err)
				}
				var wg sync.WaitGroup
				errs := make([]error, 2)
				for i, b := range []*kg.Batch{batch(0, 70, "tass", withEntities), batch(30, people, "reuters", withEntities)} {
					wg.Go(func() { errs[i] = s.Put(context.Background(), b) })
				}
				wg.Wait()
				if err := errors.Join(errs...); err != nil {
					t.Fatalf("round %d: concurrent Put: %v", round, err)
				}
				p, err := s.Edges(t.Context(), kg.EdgeQuery{Entity: summit, First: kg.MaxFirst})
				if err != nil {
					t.Fatal(err)
				}
				if p.TotalCount != people {
					t.Fatalf("round %d: %d edges, want %d", round, p.TotalCount, people)
				}
				for _, e := range p.Edges {
					var i int
					fmt.Sscanf(e.From, "person:delegate-%d", &i)
					want := 1
					if i >= 30 && i < 70 {
						want = 2
					}
					if len(e.Evidence) != want {
						t.Errorf("round %d: edge of delegate %d has %d evidence items, want %d: %+v", round, i, len(e.Evidence), want, e.Evidence)
					}
				}
				if withEntities {
					d, err := s.Entity(t.Context(), person(50))
					if err != nil {
						t.Fatal(err)
					}
					if len(d.Aliases) != 2 {
						t.Errorf("round %d: delegate 50 has aliases %q, want both batches'", round, d.Aliases)
					}
				}
			}
		})
	}
}

// The graph reads in Neo4j Browser as the package comment promises: a
// treaty-to-treaty walk through the states party to both.
func TestBrowserQuery(t *testing.T) {
	s := mustOpen(t)
	japan := kg.Entity{ID: kg.EntityID(kg.State, "Japan"), Kind: kg.State, Name: "Japan"}
	decl := kg.Entity{ID: kg.EntityID(kg.Treaty, "Soviet-Japanese Joint Declaration"), Kind: kg.Treaty, Name: "Soviet-Japanese Joint Declaration",
		Date: kg.MustParseDate("1956-10-19")}
	anpo := kg.Entity{ID: kg.EntityID(kg.Treaty, "Anpo"), Kind: kg.Treaty, Name: "Anpo", Date: kg.MustParseDate("1960-01-19")}
	party := func(treaty string) kg.Edge {
		return kg.Edge{ID: kg.EdgeID(kg.PartyTo, japan.ID, treaty, ""), Type: kg.PartyTo, From: japan.ID, To: treaty,
			Evidence: []kg.Evidence{{Article: "article:x", Sentence: 1, Quote: "Japan signed.", Start: 0, End: 13}}}
	}
	if err := s.Put(t.Context(), &kg.Batch{Entities: []kg.Entity{japan, decl, anpo}, Edges: []kg.Edge{party(decl.ID), party(anpo.ID)}}); err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(t)
	res, err := neo4jdrv.ExecuteQuery(t.Context(), driver(t, cfg),
		`MATCH p=(:Treaty {name:'Soviet-Japanese Joint Declaration'})-[*..3]-(:Treaty) RETURN [n IN nodes(p) | n.name] AS names, [r IN relationships(p) | type(r)] AS types, [n IN nodes(p) | labels(n)] AS labels, [r IN relationships(p) | r.evidenceQuote] AS quotes`,
		nil, neo4jdrv.EagerResultTransformer, neo4jdrv.ExecuteQueryWithDatabase(cfg.Database))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) != 1 {
		t.Fatalf("%d paths, want 1", len(res.Records))
	}
	got := fmt.Sprint(res.Records[0].Values...)
	const want = "[Soviet-Japanese Joint Declaration Japan Anpo] [PARTY_TO PARTY_TO] [[Entity Treaty] [Entity State] [Entity Treaty]] [[Japan signed.] [Japan signed.]]"
	if got != want {
		t.Errorf("path = %s\nwant    %s", got, want)
	}

	// The edges an article is evidence for, from the evidence index, as
	// the package comment shows it.
	res, err = neo4jdrv.ExecuteQuery(t.Context(), driver(t, cfg),
		`CALL db.index.fulltext.queryRelationships('edge_evidence', '"article:x"') YIELD relationship
RETURN type(relationship) AS type, endNode(relationship).name AS to ORDER BY to`,
		nil, neo4jdrv.EagerResultTransformer, neo4jdrv.ExecuteQueryWithDatabase(cfg.Database))
	if err != nil {
		t.Fatal(err)
	}
	var cited []string
	for _, r := range res.Records {
		cited = append(cited, fmt.Sprintf("%v %v", r.Values...))
	}
	if got, want := strings.Join(cited, "; "), "PARTY_TO Anpo; PARTY_TO Soviet-Japanese Joint Declaration"; got != want {
		t.Errorf("edges citing article:x = %s\nwant                  %s", got, want)
	}
}

// An edge id already stored between other ends is ECONFLICT (the
// relationship uniqueness constraint refuses the second MERGE), and the
// batch leaves no trace.
func TestEdgeConflict(t *testing.T) {
	s := mustOpen(t)
	japan := kg.Entity{ID: kg.EntityID(kg.State, "Japan"), Kind: kg.State, Name: "Japan"}
	us := kg.Entity{ID: kg.EntityID(kg.State, "United States"), Kind: kg.State, Name: "United States"}
	korea := kg.Entity{ID: kg.EntityID(kg.State, "South Korea"), Kind: kg.State, Name: "South Korea"}
	allied := kg.Edge{ID: kg.EdgeID(kg.AlliedWith, japan.ID, us.ID, ""), Type: kg.AlliedWith, From: japan.ID, To: us.ID}
	if err := s.Put(t.Context(), &kg.Batch{Entities: []kg.Entity{japan, us}, Edges: []kg.Edge{allied}}); err != nil {
		t.Fatal(err)
	}
	for name, e := range map[string]kg.Edge{
		"other end": {ID: allied.ID, Type: kg.AlliedWith, From: japan.ID, To: korea.ID},
		"reversed":  {ID: allied.ID, Type: kg.AlliedWith, From: us.ID, To: japan.ID},
	} {
		t.Run(name, func(t *testing.T) {
			err := s.Put(t.Context(), &kg.Batch{Entities: []kg.Entity{korea}, Edges: []kg.Edge{e}})
			if code := kg.ErrorCode(err); code != kg.ECONFLICT {
				t.Errorf("Put = %v (code %q), want ECONFLICT", err, code)
			}
			if _, err := s.Entity(t.Context(), korea.ID); kg.ErrorCode(err) != kg.ENOTFOUND {
				t.Errorf("Entity(%s) after a failed Put: %v, want ENOTFOUND", korea.ID, err)
			}
		})
	}
}
