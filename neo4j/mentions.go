package neo4j

import (
	"context"
	"fmt"
	"math"

	"github.com/diplograph/diplograph/kg"
)

// mentionsQuery returns, for each of the articles $articles ({id, term}:
// the id and the id as a quoted Lucene term), the entities its sentences
// are evidence for (either entity end of an edge; the far end of a
// MENTIONS edge, which starts at an article) with the first such sentence,
// and those MENTIONS edges from the article name without evidence
// (sentence -1), in the order of kg.Store.Mentions, at most $cap.
//
// The evidence index (schema.go) finds the edges that cite an article, one
// Lucene query of one term per article, so the query reads those edges and
// no other: its cost grows with what the article cites, not with the
// graph. The index only narrows; the list comprehension then keeps the
// evidence items whose article is exactly the id, which also gives their
// sentences. Rows are grouped by node and each node's id read once after
// (a quarter less time than grouping by id for an article cited by
// 100,000 edges).
//
// Lucene returns every hit when no limit is given, in score order, which
// says nothing of sentences: the first kg.MaxMentions by sentence are
// known only once every edge that cites the article is read. An article
// cited by every edge of the graph therefore costs what the whole graph
// does (BENCHMARKS.md), where SQLite reads its index in sentence order and
// stops early. (The 60 articles of the shared corpus cite 18 edges each,
// the most 93.)
const mentionsQuery = `CALL () {
  UNWIND $articles AS a
  CALL db.index.fulltext.queryRelationships('` + evidenceIndex + `', a.term) YIELD relationship AS r
  UNWIND [k IN range(0, size(r.evidenceArticle) - 1) WHERE r.evidenceArticle[k] = a.id | r.evidenceSentence[k]] AS s
  UNWIND CASE type(r) WHEN 'MENTIONS' THEN [endNode(r)] ELSE [startNode(r), endNode(r)] END AS n
  RETURN a.id AS aid, n, s
  UNION ALL
  MATCH (a:Article)-[:MENTIONS]->(n)
  WHERE a.id IN $ids
  RETURN a.id AS aid, n, null AS s
}
WITH aid, n, min(s) AS s
WITH aid, n.id AS ent, s
ORDER BY aid, coalesce(s, $never), ent
RETURN aid, collect([ent, coalesce(s, -1)])[..$cap] AS mentions`

// Mentions returns what each article mentions (see kg.Store.Mentions), in
// one query for the batch, which reads only the edges that cite the
// articles, found in the evidence index (see mentionsQuery). The list is
// cut at kg.MaxMentions in Neo4j, so that an article cited by every edge
// sends no more; kg.MentionList then orders it by Go's string order.
func (s *Store) Mentions(ctx context.Context, articles []string) ([][]kg.Mention, error) {
	out := make([][]kg.Mention, len(articles))
	if len(articles) == 0 {
		return out, nil
	}
	ids := distinct(articles)
	terms := make([]map[string]any, len(ids))
	for i, id := range ids {
		terms[i] = map[string]any{"id": id, "term": luceneTerm(id)}
	}
	recs, err := s.query(ctx, mentionsQuery, map[string]any{
		"articles": terms, "ids": ids, "cap": int64(kg.MaxMentions), "never": int64(math.MaxInt64),
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: mentions: %w", err)
	}
	lists := make(map[string][]kg.Mention, len(recs))
	for _, r := range recs {
		aid, _ := r.Values[0].(string)
		pairs, _ := r.Values[1].([]any)
		var l kg.MentionList
		for _, p := range pairs {
			pair, _ := p.([]any)
			if len(pair) != 2 {
				return nil, fmt.Errorf("neo4j: mentions of %s: unexpected value %v", aid, p)
			}
			ent, _ := pair[0].(string)
			sentence, ok := pair[1].(int64)
			if ent == "" || !ok {
				return nil, fmt.Errorf("neo4j: mentions of %s: unexpected value %v", aid, p)
			}
			l.Add(ent, int(sentence))
		}
		lists[aid] = l.List()
	}
	for i, id := range articles {
		out[i] = lists[id]
	}
	return out, nil
}
