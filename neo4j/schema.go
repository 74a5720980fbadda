package neo4j

import (
	"context"
	"errors"
	"fmt"
	"slices"

	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/kg"
)

// metaLabel labels the store's bookkeeping nodes; nothing else of the graph
// carries it, and Stats counts no such node.
const metaLabel = "DiplographMeta"

// eventSpanKey names the meta node that holds the longest span, in days, of
// any stored event. Events bounds dateFirst from below with it (nothing
// that starts more than the longest span before a window can reach into
// it), which turns the window into one range of the dateFirst index
// instead of everything before the window's end.
const eventSpanKey = "eventSpanDays"

// schema lists the constraints and indexes the store needs, each created
// only if missing. Uniqueness constraints come with a range index, so the
// id lookups of every query are index seeks; edge ids are unique per
// relationship type, which is what a MERGE on (a)-[r:TYPE {id}]->(b) needs
// to find an edge, and what refuses one id between two pairs of ends.
//
// The full-text index holds searchNames, the names and aliases already
// folded by internal/fold, and splits them on whitespace only: search then
// matches exactly the words the SQLite store matches, where a Lucene
// analyzer would tokenize, fold and drop stop words its own way.
// Consistency is immediate (not eventually consistent), so a search after a
// Put finds what it wrote.
//
// The evidence index (see evidenceIndexStmt) is created last.
var schema = func() []string {
	s := []string{
		`CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE`,
		`CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE`,
		`CREATE CONSTRAINT diplograph_meta_key IF NOT EXISTS FOR (m:` + metaLabel + `) REQUIRE m.key IS UNIQUE`,
		`CREATE INDEX entity_kind IF NOT EXISTS FOR (e:Entity) ON (e.kind)`,
		`CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)`,
		// Events reads a window as a range of dateFirst in date order.
		`CREATE INDEX event_date_first IF NOT EXISTS FOR (e:Event) ON (e.dateFirst)`,
		`CREATE INDEX event_date_last IF NOT EXISTS FOR (e:Event) ON (e.dateLast)`,
		// ... one span tier at a time (see events.go).
		`CREATE INDEX event_span_date IF NOT EXISTS FOR (e:Event) ON (e.spanTier, e.dateFirst)`,
		"CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (e:Entity) ON EACH [e.searchNames] " +
			"OPTIONS {indexConfig: {`fulltext.analyzer`: 'unicode_whitespace', `fulltext.eventually_consistent`: false}}",
	}
	for _, t := range kg.EdgeTypes {
		s = append(s, fmt.Sprintf("CREATE CONSTRAINT edge_%s_id IF NOT EXISTS FOR ()-[r:%s]-() REQUIRE r.id IS UNIQUE",
			string(t), relTypes[t]))
	}
	s = append(s, curationSchema...) // curate.go
	return append(s, evidenceIndexStmt)
}()

// evidenceIndex is the full-text index of evidenceArticle over every
// relationship type, with which Mentions finds the edges an article is
// evidence for. A range index cannot: it indexes a list property as one
// value, not by element, where Lucene indexes each string of the list.
//
// The keyword analyzer makes each article id one exact, case-sensitive
// term ("article:000-abc" is not split at ":" or "-"), so a quoted id finds
// exactly the edges that cite it. A term holds at most maxIndexedTermBytes;
// Put refuses longer ids (see checkIndexedTerms). Like entity_names, the
// index is updated in the transaction that writes, not eventually, so that
// Mentions right after a Put sees it.
const evidenceIndex = "edge_evidence"

var evidenceIndexStmt = "CREATE FULLTEXT INDEX " + evidenceIndex + " IF NOT EXISTS FOR ()-[r" + relPattern(kg.EdgeTypes) + "]-() " +
	"ON EACH [r.evidenceArticle] " +
	"OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword', `fulltext.eventually_consistent`: false}}"

// showEvidenceIndex reads how the evidence index is defined, if it exists.
const showEvidenceIndex = `SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties, options
WHERE name = $name
RETURN labelsOrTypes, properties, options.indexConfig AS config`

// dropEvidenceIndex drops the evidence index; the name is a constant.
const dropEvidenceIndex = "DROP INDEX " + evidenceIndex + " IF EXISTS"

// initMeta creates the meta node Events reads, if missing. A database
// that already holds events (loaded before the node existed, or with the
// node deleted) gets the longest span among them; only then does it scan
// them.
const initMeta = `OPTIONAL MATCH (m:` + metaLabel + ` {key: $key})
WITH m WHERE m IS NULL
CALL () {
  MATCH (e:Event) WHERE e.dateFirst IS NOT NULL
  RETURN max(duration.inDays(
    date({year: e.dateFirst / 10000, month: e.dateFirst / 100 % 100, day: e.dateFirst % 100}),
    date({year: e.dateLast / 10000, month: e.dateLast / 100 % 100, day: e.dateLast % 100})).days) AS span
}
MERGE (n:` + metaLabel + ` {key: $key}) ON CREATE SET n.value = coalesce(span, 0)`

// awaitIndexes waits until every index is online, so that the first query
// after Open is served by them (a new index is populated in the
// background). The argument is a timeout in seconds.
const awaitIndexes = `CALL db.awaitIndexes(300)`

// Schema errors that mean another process created the same thing first.
var alreadyThere = []string{
	"Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
	"Neo.ClientError.Schema.ConstraintAlreadyExists",
	"Neo.ClientError.Schema.IndexAlreadyExists",
}

// setupSchema creates what schema lists. Schema commands cannot share a
// transaction with writes, so each runs on its own.
func (s *Store) setupSchema(ctx context.Context) error {
	session := s.driver.NewSession(ctx, neo4jdrv.SessionConfig{
		DatabaseName:    s.db,
		AccessMode:      neo4jdrv.AccessModeWrite,
		BookmarkManager: s.bookmarks,
	})
	defer session.Close(context.Background())
	if err := dropStaleEvidenceIndex(ctx, session); err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	for _, stmt := range schema {
		_, err := session.ExecuteWrite(ctx, func(tx neo4jdrv.ManagedTransaction) (any, error) {
			return run(ctx, tx, stmt, nil)
		})
		var dbErr *neo4jdrv.Neo4jError
		if errors.As(err, &dbErr) && slices.Contains(alreadyThere, dbErr.Code) {
			continue
		}
		if err != nil {
			return fmt.Errorf("schema: %s: %w", stmt, err)
		}
	}
	_, err := session.ExecuteWrite(ctx, func(tx neo4jdrv.ManagedTransaction) (any, error) {
		return run(ctx, tx, initMeta, map[string]any{"key": eventSpanKey})
	})
	if err != nil {
		return fmt.Errorf("schema: meta node: %w", err)
	}
	if err := setSpanTiers(ctx, session); err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	_, err = session.ExecuteRead(ctx, func(tx neo4jdrv.ManagedTransaction) (any, error) {
		return run(ctx, tx, awaitIndexes, nil)
	})
	if err != nil {
		return fmt.Errorf("schema: await indexes: %w", err)
	}
	return nil
}

// missingSpanTiers gives the dated events of a database written before
// span tiers (or imported without them) their tier, in transactions of
// 10,000, so that Events finds them. On a database that has them all, it
// costs one pass over the events' dateFirst index entries.
var missingSpanTiers = `MATCH (e:Event) WHERE e.dateFirst IS NOT NULL AND e.spanTier IS NULL
CALL (e) { SET e.spanTier = ` + spanTierExpr + ` } IN TRANSACTIONS OF 10000 ROWS`

// setSpanTiers runs missingSpanTiers. CALL … IN TRANSACTIONS needs an
// auto-commit transaction, hence session.Run.
func setSpanTiers(ctx context.Context, session neo4jdrv.SessionWithContext) error {
	res, err := session.Run(ctx, missingSpanTiers, nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return fmt.Errorf("event span tiers: %w", err)
	}
	return nil
}

// dropStaleEvidenceIndex drops the evidence index when it is defined other
// than evidenceIndexStmt says: over fewer relationship types (a database
// set up before kg.EdgeTypes grew), or with another analyzer or eventual
// consistency. CREATE … IF NOT EXISTS keeps an index of the same name
// whatever its definition, and Mentions would then miss edges without a
// word; dropped, the index is created again below and populated from the
// stored edges, which db.awaitIndexes waits for.
func dropStaleEvidenceIndex(ctx context.Context, session neo4jdrv.SessionWithContext) error {
	recs, err := session.ExecuteRead(ctx, func(tx neo4jdrv.ManagedTransaction) (any, error) {
		return run(ctx, tx, showEvidenceIndex, map[string]any{"name": evidenceIndex})
	})
	if err != nil {
		return fmt.Errorf("read index %s: %w", evidenceIndex, err)
	}
	rs, _ := recs.([]*neo4jdrv.Record)
	if len(rs) == 0 || evidenceIndexCurrent(rs[0]) {
		return nil
	}
	_, err = session.ExecuteWrite(ctx, func(tx neo4jdrv.ManagedTransaction) (any, error) {
		return run(ctx, tx, dropEvidenceIndex, nil)
	})
	if err != nil {
		return fmt.Errorf("drop stale index %s: %w", evidenceIndex, err)
	}
	return nil
}

// evidenceIndexCurrent reports whether a record of showEvidenceIndex
// describes the index evidenceIndexStmt creates.
func evidenceIndexCurrent(r *neo4jdrv.Record) bool {
	types, _ := r.Values[0].([]any)
	props, _ := r.Values[1].([]any)
	config, _ := r.Values[2].(map[string]any)
	var got []string
	for _, t := range types {
		s, _ := t.(string)
		got = append(got, s)
	}
	want := make([]string, len(kg.EdgeTypes))
	for i, t := range kg.EdgeTypes {
		want[i] = string(t)
	}
	return slices.Equal(distinct(got), distinct(want)) &&
		len(props) == 1 && props[0] == "evidenceArticle" &&
		config["fulltext.analyzer"] == "keyword" && config["fulltext.eventually_consistent"] == false
}
