package neo4j

import (
	"context"
	"fmt"
	"math"

	"github.com/diplograph/diplograph/kg"
)

// mentionsQuery returns, for each of the articles $ids, the entities its
// sentences are evidence for (either entity end of an edge; the far end of
// a MENTIONS edge, which starts at an article) with the first such
// sentence, and those MENTIONS edges from the article name without
// evidence (sentence -1), in the order of kg.Store.Mentions, at most $cap.
// Evidence lives in list properties of the relationships, which no index
// of Neo4j looks up by element, so the first part reads every relationship
// once for the whole batch.
const mentionsQuery = `CALL () {
  MATCH (x)-[r]->(y)
  WHERE any(a IN r.evidenceArticle WHERE a IN $ids)
  WITH x, y, type(r) AS t,
    [k IN range(0, size(r.evidenceArticle) - 1) WHERE r.evidenceArticle[k] IN $ids | [r.evidenceArticle[k], r.evidenceSentence[k]]] AS hits
  UNWIND hits AS h
  UNWIND CASE t WHEN 'MENTIONS' THEN [y.id] ELSE [x.id, y.id] END AS ent
  RETURN h[0] AS aid, ent, h[1] AS s
  UNION ALL
  MATCH (a:Article)-[:MENTIONS]->(y)
  WHERE a.id IN $ids
  RETURN a.id AS aid, y.id AS ent, null AS s
}
WITH aid, ent, min(s) AS s
ORDER BY aid, coalesce(s, $never), ent
RETURN aid, collect([ent, coalesce(s, -1)])[..$cap] AS mentions`

// Mentions returns what each article mentions (see kg.Store.Mentions), in
// one query for the batch. That query reads every relationship of the
// graph (see mentionsQuery), so its cost grows with the graph, not with
// the articles asked for: 0.2-0.45 s at 100,000 edges on a loaded 2-core
// machine (BENCHMARKS.md). The list is cut at kg.MaxMentions in Neo4j, so
// that an article cited by every edge sends no more; kg.MentionList then
// orders it by Go's string order.
func (s *Store) Mentions(ctx context.Context, articles []string) ([][]kg.Mention, error) {
	out := make([][]kg.Mention, len(articles))
	if len(articles) == 0 {
		return out, nil
	}
	recs, err := s.query(ctx, mentionsQuery, map[string]any{
		"ids": distinct(articles), "cap": int64(kg.MaxMentions), "never": int64(math.MaxInt64),
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
