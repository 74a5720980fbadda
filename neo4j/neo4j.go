// Package neo4j is diplograph's Neo4j store: the whole kg.Store in a Neo4j 5
// database (Community edition is enough), on the official Go driver.
//
// # Graph model
//
// Every entity is a node labelled :Entity plus one label for its kind
// (:Person, :State, :Organization, :Place, :Treaty, :Event), with the
// properties
//
//	id, kind, name       the kg.Entity fields; id is unique (a constraint)
//	aliases              LIST<STRING>, absent when there are none
//	eventType, status    absent when unknown
//	date, end            TIMEX3 strings ("1956", "1956-10-19"), absent when unknown
//	datePrecision        kg.Precision as an integer (1 decade … 7 day)
//	dateFirst, dateLast  integer yyyymmdd keys: the first day of date, and the
//	                     last day of date or end, whichever is later. They sort
//	                     and range-compare like the days they name at any
//	                     precision: a window [from, to] overlaps the entity
//	                     when dateFirst <= to.LastKey and dateLast >= from.FirstKey.
//	attr_<key>           one property per kg.Entity.Attrs entry (attr_iso3: "JPN")
//	nameFolded           internal/fold.Fold(name), the order of search results
//	searchNames          the folded name and aliases, what the full-text index holds
//
// Every edge is a relationship whose type is the kg.EdgeType
// (PARTICIPATED_IN, PARTY_TO, …), from the edge's From to its To, with id
// (unique per type, a constraint), role, status and the same date
// properties. Articles are (:Article {id, title, url, published, source,
// text}) nodes, and a MENTIONS edge is an (:Article)-[:MENTIONS]->(:Entity)
// relationship. So the graph reads in Neo4j Browser as it reads in prose:
//
//	MATCH p = (:Treaty {name: 'Soviet-Japanese Joint Declaration'})-[*..3]-(:Treaty) RETURN p
//
// Relationship types and labels cannot be Cypher parameters; they are
// spliced into query text only from the kg enums, after validation, never
// from caller text. Everything else travels as $parameters.
//
// A dated event also carries spanTier, the class of its span (up to a
// month, a year, a decade, longer), so that a window reads each class as
// one range of the (spanTier, dateFirst) index, bounded below by the
// class's longest span (events.go). One more node, (:DiplographMeta {key:
// 'eventSpanDays', value}), holds the longest span of any stored event,
// which bounds the longest class. Open creates the constraints and indexes listed in
// schema.go: uniqueness of entity, article and (per relationship type)
// edge ids, range indexes on kind, name and the event date keys, the
// full-text index of searchNames, and edge_evidence, a full-text index of
// evidenceArticle over every relationship type (see Evidence).
//
// # Evidence
//
// The evidence of an edge is stored on its relationship, as parallel lists
// evidenceArticle, evidenceSentence, evidenceQuote, evidenceStart and
// evidenceEnd (item i of each list is one kg.Evidence), rather than as
// (:Article)-[:EVIDENCE]->… relationships, because:
//   - evidence supports an edge, and a relationship cannot be the end of
//     another relationship: EVIDENCE relationships would need the edge
//     reified as a node, which breaks the (a)-[:PARTY_TO]->(b) walks above
//     and doubles every path;
//   - evidence may cite an article that is not stored (a loader can keep
//     sentences and drop bodies), so an article node is not always there to
//     point from;
//   - an edge is read with its evidence in every page and path step: on the
//     relationship that is one record, with no further expansion, and the
//     union "one item per article and sentence" is one rewrite of the
//     relationship inside the write transaction that already locks it.
//
// Articles and entities are still joined in the graph, by MENTIONS, and a
// Cypher user can find the edges an article supports with
// `WHERE $article IN r.evidenceArticle`, which reads every relationship.
// No range index looks a list up by element, so the lists are also held
// by edge_evidence, a full-text index whose keyword analyzer makes each
// article id of a list one exact term: Mentions, and a Browser user, find
// the edges that cite an article in it, reading those edges only:
//
//	CALL db.index.fulltext.queryRelationships('edge_evidence', '"article:000-525ad26aad408969"')
//	YIELD relationship RETURN relationship
//
// The id is quoted because ":" and "-" are Lucene syntax. The index is
// updated in the writing transaction (not eventually consistent), so a
// read after a Put sees its evidence.
//
// The lists are not free: on the benchmark graph they are about a third of
// the server's cost of a new edge. Packing them into one JSON string
// property saved about 15% when measured, and dropping evidence entirely
// still left writes far from the write target (see Writes), so the model
// keeps the lists, which Cypher can query and Browser shows as they are.
//
// # Writes
//
// Put is one managed write transaction (retried by the driver on deadlocks
// and other transient errors, so every statement in it is idempotent).
// Per label it runs one `UNWIND $rows AS row MERGE …` statement that
// creates what is new with its final properties and takes a write lock on
// what exists. Per relationship type it first looks every edge id up in
// the type's uniqueness index, reading and locking nothing; it then
// CREATEs the edges it did not find, with their final properties, in a
// statement that streams (no MERGE, no SET from a map, which make the
// planner buffer every row). When a concurrent Put created one of them in
// between, the uniqueness constraint fails the statement and Put runs the
// batch again, which then finds and merges it. A stored edge that already
// holds everything the batch has needs nothing (merges only ever add); the
// others are locked, read again, merged in Go with kg.MergeEdge (the rules
// every store shares) and written back in one more UNWIND. Entities work
// the same way with kg.MergeEntity, filtered by the MERGE statement
// itself. Locking before the merge's read is what makes it safe under
// Neo4j's read-committed isolation: two loaders that add aliases to one
// entity, or evidence to one edge, at once both keep theirs. A reload
// sends back only what it reads and writes nothing.
//
// On the benchmark graph (100,000 edges, 10,000 per Put, a 2-core machine
// shared with other work) a new edge costs the server about 150 µs of CPU,
// a third of it in garbage collection at the test server's 1 GiB heap:
// statements and commit take about 0.5 s and 0.35 s of a 10,000-edge Put.
// A bare CREATE of the same relationships without the id lookups costs
// about as much, and one without the five evidence lists a third less: the
// floor is Neo4j's own cost of a relationship with its properties and
// index entry, which is why BENCHMARKS.md's target of 50,000 edges/s is out
// of reach on two cores. Two Puts of disjoint batches may run at once
// (BenchmarkPutBatched new-2-writers).
//
// # Reads
//
// Every read is one parameterized Cypher query run through
// neo4j.ExecuteQuery. All sessions share one bookmark manager, so a read
// that follows a Put sees it, on a cluster too. The questions a page asks
// together are one query each (compose.go): an entity with a page of its
// edges and the entities at their ends, a timeline page with each event's
// participants, a neighbourhood with the edges among it.
//
// # Bulk import
//
// ImportWriter writes what Put would write as the CSV files of
// neo4j-admin database import full (bulk.go); a database imported from
// them gets its constraints and indexes from Open.
package neo4j

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/diplograph/diplograph/kg"
)

var _ kg.Store = (*Store)(nil)

// Config says which Neo4j to use and how to log in.
type Config struct {
	// URI is the server's address: bolt://host:7687 for one server,
	// neo4j://host:7687 for a cluster (the driver routes).
	URI string
	// Username and Password log in with basic auth; both empty means no
	// auth (a server run with dbms.security.auth_enabled=false).
	Username, Password string
	// Database is the database to use; "" means the server's default
	// (home) database, "neo4j" on a fresh install.
	Database string
	// MaxRetryTime is how long a transaction that failed on a lost
	// connection or a transient error (a deadlock, a leader change) is
	// retried before the error is returned; 0 means the driver's 30 s. A
	// server that is back within it is not noticed by the caller.
	MaxRetryTime time.Duration
}

// Errors Open wraps, so that callers (and main's messages) can tell a
// server that is not there from one that refuses the credentials.
var (
	// ErrUnreachable means no Neo4j answered at the configured URI.
	ErrUnreachable = errors.New("neo4j unreachable")
	// ErrAuth means the server refused the username and password.
	ErrAuth = errors.New("authentication failed")
)

// Store is a kg.Store in a Neo4j database. It is safe for concurrent use.
type Store struct {
	driver neo4jdrv.DriverWithContext
	uri    string // for errors
	db     string
	// bookmarks is shared by every session and query of the store, so that
	// each one starts after everything the store has committed before.
	bookmarks neo4jdrv.BookmarkManager
	// rules caches the curation rules Put applies (curate.go).
	rules rulesCache
}

// Open connects to the Neo4j at cfg.URI, checks that it answers and
// accepts the credentials, and creates the constraints and indexes the
// store needs (those already there are kept). It waits until every index
// is online. Errors wrap ErrUnreachable when no server answers and ErrAuth
// when the credentials are refused, besides the driver's own error.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.URI == "" {
		return nil, errors.New("neo4j: open: no URI")
	}
	auth := neo4jdrv.NoAuth()
	if cfg.Username != "" || cfg.Password != "" {
		auth = neo4jdrv.BasicAuth(cfg.Username, cfg.Password, "")
	}
	driver, err := neo4jdrv.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.UserAgent = "diplograph"
		if cfg.MaxRetryTime > 0 {
			c.MaxTransactionRetryTime = cfg.MaxRetryTime
		}
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: open %s: %w", cfg.URI, err)
	}
	s := &Store{
		driver:    driver,
		uri:       cfg.URI,
		db:        cfg.Database,
		bookmarks: neo4jdrv.NewBookmarkManager(neo4jdrv.BookmarkManagerConfig{}),
	}
	if err := driver.VerifyConnectivity(ctx); err != nil {
		driver.Close(context.Background())
		return nil, connectError(cfg, err)
	}
	if err := s.setupSchema(ctx); err != nil {
		driver.Close(context.Background())
		// The first session is where a missing database shows.
		return nil, connectError(cfg, err)
	}
	return s, nil
}

// connectError explains why the first contact with the server failed:
// no server, refused credentials, no such database, or else what the
// driver says.
func connectError(cfg Config, err error) error {
	var dbErr *neo4jdrv.Neo4jError
	if errors.As(err, &dbErr) {
		switch {
		case dbErr.IsAuthenticationFailed(), dbErr.Code == "Neo.ClientError.Security.CredentialsExpired":
			return fmt.Errorf("neo4j: open %s: %w for user %q: %w", cfg.URI, ErrAuth, cfg.Username, err)
		case dbErr.Code == "Neo.ClientError.Database.DatabaseNotFound":
			return fmt.Errorf("neo4j: open %s: the server has no database %q: %w", cfg.URI, cfg.Database, err)
		}
	}
	var authErr *neo4jdrv.InvalidAuthenticationError
	if errors.As(err, &authErr) {
		return fmt.Errorf("neo4j: open %s: %w for user %q: %w", cfg.URI, ErrAuth, cfg.Username, err)
	}
	var connErr *neo4jdrv.ConnectivityError
	if errors.As(err, &connErr) {
		return fmt.Errorf("neo4j: open: %w at %s: %w", ErrUnreachable, cfg.URI, err)
	}
	return fmt.Errorf("neo4j: open %s: %w", cfg.URI, err)
}

// Close closes the driver and its connections.
func (s *Store) Close() error {
	if err := s.driver.Close(context.Background()); err != nil {
		return fmt.Errorf("neo4j: close: %w", err)
	}
	return nil
}

// query runs one read query through a managed, retried transaction and
// returns all its records.
func (s *Store) query(ctx context.Context, cypher string, params map[string]any) ([]*neo4jdrv.Record, error) {
	res, err := neo4jdrv.ExecuteQuery(ctx, s.driver, cypher, params, neo4jdrv.EagerResultTransformer,
		neo4jdrv.ExecuteQueryWithDatabase(s.db),
		neo4jdrv.ExecuteQueryWithReadersRouting(),
		neo4jdrv.ExecuteQueryWithBookmarkManager(s.bookmarks))
	if err != nil {
		return nil, err
	}
	return res.Records, nil
}

// write runs work in one managed write transaction. The driver retries it
// on transient errors (deadlocks, leader changes, a lost connection), so
// work must be idempotent; an error work returns rolls the transaction back.
// When the server could not be reached for Config.MaxRetryTime, the error
// wraps ErrUnreachable.
func (s *Store) write(ctx context.Context, work func(tx neo4jdrv.ManagedTransaction) error) error {
	err := s.writeOnce(ctx, work)
	if err != nil && lostConnection(err) {
		return fmt.Errorf("%w at %s: %w", ErrUnreachable, s.uri, err)
	}
	return err
}

// lostConnection reports whether err, or the last attempt of a retried
// transaction, is a failure to reach the server or a connection lost on
// the way.
func lostConnection(err error) bool {
	var limit *neo4jdrv.TransactionExecutionLimit
	if errors.As(err, &limit) && len(limit.Errors) > 0 {
		err = limit.Errors[len(limit.Errors)-1]
	}
	var connErr *neo4jdrv.ConnectivityError
	return errors.As(err, &connErr)
}

func (s *Store) writeOnce(ctx context.Context, work func(tx neo4jdrv.ManagedTransaction) error) error {
	session := s.driver.NewSession(ctx, neo4jdrv.SessionConfig{
		DatabaseName:    s.db,
		AccessMode:      neo4jdrv.AccessModeWrite,
		BookmarkManager: s.bookmarks,
	})
	defer session.Close(context.Background())
	var last error
	_, err := session.ExecuteWrite(ctx, func(tx neo4jdrv.ManagedTransaction) (any, error) {
		last = work(tx)
		// The driver tells a lost connection, which it retries, by the
		// type of the error itself, not of its chain: give it the
		// driver's own error, and keep the one with context for the
		// caller. (Server errors it finds with errors.As.)
		var connErr *neo4jdrv.ConnectivityError
		if errors.As(last, &connErr) {
			return nil, connErr
		}
		return nil, last
	})
	if err != nil && last != nil && errors.Is(last, err) {
		return last
	}
	return err
}

// run runs one statement in tx and returns its records.
func run(ctx context.Context, tx neo4jdrv.ManagedTransaction, cypher string, params map[string]any) ([]*neo4jdrv.Record, error) {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// labels holds the node label of each entity kind: PERSON → Person. Labels
// come from kg.Kinds only, so they are safe to splice into Cypher.
var labels = func() map[kg.Kind]string {
	m := map[kg.Kind]string{}
	for _, k := range kg.Kinds {
		s := strings.ToLower(string(k))
		m[k] = strings.ToUpper(s[:1]) + s[1:]
	}
	return m
}()

// relTypes holds the relationship type of each edge type, spelled as in
// kg.EdgeTypes: the only strings that become relationship types in Cypher.
var relTypes = func() map[kg.EdgeType]string {
	m := map[kg.EdgeType]string{}
	for _, t := range kg.EdgeTypes {
		m[t] = "`" + string(t) + "`"
	}
	return m
}()

// relPattern returns ":A|B" for the given (validated) edge types, "" for
// none.
func relPattern(types []kg.EdgeType) string {
	if len(types) == 0 {
		return ""
	}
	parts := make([]string, 0, len(types))
	for _, t := range types {
		parts = append(parts, relTypes[t])
	}
	return ":" + strings.Join(parts, "|")
}
