package neo4j_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/neo4j"
)

// evidenceIndex is the name of the store's full-text index of evidence
// articles (schema.go).
const evidenceIndex = "edge_evidence"

// admin runs Cypher around the store, as a database administrator would,
// and returns the records' values.
func admin(t *testing.T, cypher string) [][]any {
	t.Helper()
	cfg := testConfig(t)
	res, err := neo4jdrv.ExecuteQuery(t.Context(), driver(t, cfg), cypher, nil, neo4jdrv.EagerResultTransformer,
		neo4jdrv.ExecuteQueryWithDatabase(cfg.Database))
	if err != nil {
		t.Fatalf("%s: %v", cypher, err)
	}
	var out [][]any
	for _, r := range res.Records {
		out = append(out, r.Values)
	}
	return out
}

// indexDef is how an index is defined, as SHOW INDEXES tells it.
type indexDef struct {
	ID                   int64
	Types, Properties    []string
	Analyzer             string
	EventuallyConsistent bool
}

// evidenceIndexDef returns the definition of the evidence index, or nil
// when there is none.
func evidenceIndexDef(t *testing.T) *indexDef {
	t.Helper()
	rows := admin(t, `SHOW FULLTEXT INDEXES YIELD id, name, labelsOrTypes, properties, options WHERE name = '`+evidenceIndex+`'
RETURN id, labelsOrTypes, properties, options.indexConfig['fulltext.analyzer'], options.indexConfig['fulltext.eventually_consistent']`)
	if len(rows) == 0 {
		return nil
	}
	strs := func(v any) []string {
		var out []string
		for _, x := range v.([]any) {
			out = append(out, x.(string))
		}
		slices.Sort(out)
		return out
	}
	r := rows[0]
	return &indexDef{ID: r[0].(int64), Types: strs(r[1]), Properties: strs(r[2]), Analyzer: r[3].(string), EventuallyConsistent: r[4].(bool)}
}

// An existing database gets the evidence index when a store opens on it,
// built from the edges already stored; one whose index is defined
// otherwise (fewer relationship types, as before a type was added; another
// analyzer; eventual consistency) gets it defined again; one whose index is
// right keeps it.
func TestEvidenceIndexAtOpen(t *testing.T) {
	var types []string
	for _, tp := range kg.EdgeTypes {
		types = append(types, string(tp))
	}
	slices.Sort(types)
	wantDef := indexDef{Types: types, Properties: []string{"evidenceArticle"}, Analyzer: "keyword"}

	const article = "article:index-at-open"
	japan := kg.Entity{ID: kg.EntityID(kg.State, "Japan"), Kind: kg.State, Name: "Japan"}
	us := kg.Entity{ID: kg.EntityID(kg.State, "United States"), Kind: kg.State, Name: "United States"}
	anpo := kg.Entity{ID: kg.EntityID(kg.Treaty, "Anpo"), Kind: kg.Treaty, Name: "Anpo"}
	cite := func(sentence int) []kg.Evidence {
		return []kg.Evidence{{Article: article, Sentence: sentence, Quote: "Cited."}}
	}
	batch := &kg.Batch{
		Articles: []kg.Article{{ID: article, Title: "Index at open"}},
		Entities: []kg.Entity{japan, us, anpo},
		Edges: []kg.Edge{
			{ID: kg.EdgeID(kg.PartyTo, japan.ID, anpo.ID, ""), Type: kg.PartyTo, From: japan.ID, To: anpo.ID, Evidence: cite(2)},
			{ID: kg.EdgeID(kg.AlliedWith, japan.ID, us.ID, ""), Type: kg.AlliedWith, From: japan.ID, To: us.ID, Evidence: cite(1)},
			{ID: kg.EdgeID(kg.Mentions, article, anpo.ID, ""), Type: kg.Mentions, From: article, To: anpo.ID, Evidence: cite(0)},
		},
	}
	want := [][]kg.Mention{{{Entity: anpo.ID, Sentence: 0}, {Entity: japan.ID, Sentence: 1}, {Entity: us.ID, Sentence: 1}}}

	const create = "CREATE FULLTEXT INDEX " + evidenceIndex + " FOR ()-[r:%s]-() ON EACH [r.evidenceArticle] " +
		"OPTIONS {indexConfig: {`fulltext.analyzer`: '%s', `fulltext.eventually_consistent`: %s}}"
	replace := func(types, analyzer, eventually string) []string {
		return []string{"DROP INDEX " + evidenceIndex, fmt.Sprintf(create, types, analyzer, eventually), "CALL db.awaitIndexes(60)"}
	}
	tests := []struct {
		name  string
		alter []string // what an administrator, or an older version, did
		keep  bool     // the index is the one there before
	}{
		{"missing", []string{"DROP INDEX " + evidenceIndex}, false},
		{"fewer types", replace("PARTY_TO|MENTIONS", "keyword", "false"), false},
		{"other analyzer", replace(strings.Join(types, "|"), "standard", "false"), false},
		{"eventually consistent", replace(strings.Join(types, "|"), "keyword", "true"), false},
		{"current", nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := mustOpen(t)
			if err := s.Put(t.Context(), batch); err != nil {
				t.Fatal(err)
			}
			for _, stmt := range tc.alter {
				admin(t, stmt)
			}
			before := evidenceIndexDef(t)
			s2, err := neo4j.Open(t.Context(), testConfig(t))
			if err != nil {
				t.Fatal(err)
			}
			defer s2.Close()
			got := evidenceIndexDef(t)
			if got == nil {
				t.Fatalf("no index %s after Open", evidenceIndex)
			}
			if keep := before != nil && got.ID == before.ID; keep != tc.keep {
				t.Errorf("index %s kept = %v, want %v (before %+v, after %+v)", evidenceIndex, keep, tc.keep, before, got)
			}
			def := *got
			def.ID = 0
			if diff := gocmp.Diff(wantDef, def); diff != "" {
				t.Errorf("index %s after Open (-want +got):\n%s", evidenceIndex, diff)
			}
			mentions, err := s2.Mentions(t.Context(), []string{article})
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(want, mentions); diff != "" {
				t.Errorf("Mentions after Open (-want +got):\n%s", diff)
			}
		})
	}
}

// Evidence that cites an article id longer than a Lucene term is refused
// before anything is written: Neo4j would fail such a commit only after
// logging it, and stop the database. The longest id that fits is stored
// and found.
func TestPutLongEvidenceArticle(t *testing.T) {
	s := mustOpen(t)
	japan := kg.Entity{ID: kg.EntityID(kg.State, "Japan"), Kind: kg.State, Name: "Japan"}
	town := kg.Entity{ID: kg.EntityID(kg.Place, "Long Town"), Kind: kg.Place, Name: "Long Town"}
	located := func(article string) *kg.Batch {
		return &kg.Batch{Entities: []kg.Entity{japan, town}, Edges: []kg.Edge{{
			ID: kg.EdgeID(kg.LocatedIn, town.ID, japan.ID, ""), Type: kg.LocatedIn, From: town.ID, To: japan.ID,
			Evidence: []kg.Evidence{{Article: article, Sentence: 3, Quote: "A town."}},
		}}}
	}
	tooLong := "article:" + strings.Repeat("é", 16380) // 32,768 bytes
	err := s.Put(t.Context(), located(tooLong))
	if code := kg.ErrorCode(err); code != kg.EINVALID {
		t.Fatalf("Put of evidence citing a %d-byte article id = %v (code %q), want EINVALID", len(tooLong), err, code)
	}
	if _, err := s.Entity(t.Context(), town.ID); kg.ErrorCode(err) != kg.ENOTFOUND {
		t.Errorf("Entity(%s) after the refused Put = %v, want ENOTFOUND", town.ID, err)
	}

	longest := strings.Repeat("z", 32766)
	if err := s.Put(t.Context(), located(longest)); err != nil {
		t.Fatalf("Put of evidence citing a %d-byte article id: %v", len(longest), err)
	}
	got, err := s.Mentions(t.Context(), []string{longest, tooLong})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]kg.Mention{{{Entity: town.ID, Sentence: 3}, {Entity: japan.ID, Sentence: 3}}, nil}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("Mentions (-want +got):\n%s", diff)
	}
}
