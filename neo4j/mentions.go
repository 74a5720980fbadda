package neo4j

import (
	"context"
	"fmt"

	"github.com/diplograph/diplograph/kg"
)

// mentionsQuery returns, for the articles $ids, every edge their sentences
// are evidence for, with the first such sentence, and the MENTIONS edges
// that start at them (sentence -1: MentionList keeps the evidence's
// sentence where there is one). Evidence lives in list properties of the
// relationships, which no index of Neo4j can look up by element, so the
// first part reads every relationship once for the whole batch.
const mentionsQuery = `CALL () {
  MATCH (x)-[r]->(y)
  WHERE any(a IN r.evidenceArticle WHERE a IN $ids)
  UNWIND range(0, size(r.evidenceArticle) - 1) AS k
  WITH r, x, y, r.evidenceArticle[k] AS aid, r.evidenceSentence[k] AS s
  WHERE aid IN $ids
  RETURN aid, type(r) AS type, x.id AS from, y.id AS to, min(s) AS s
  UNION ALL
  MATCH (a:Article)-[:MENTIONS]->(y)
  WHERE a.id IN $ids
  RETURN a.id AS aid, 'MENTIONS' AS type, a.id AS from, y.id AS to, -1 AS s
}
RETURN aid, type, from, to, s`

// Mentions returns what each article mentions (see kg.Store.Mentions), in
// one query for the batch. That query reads every relationship of the
// graph (see mentionsQuery), so its cost grows with the graph, not with
// the articles asked for.
func (s *Store) Mentions(ctx context.Context, articles []string) ([][]kg.Mention, error) {
	out := make([][]kg.Mention, len(articles))
	if len(articles) == 0 {
		return out, nil
	}
	ids := distinct(articles)
	recs, err := s.query(ctx, mentionsQuery, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("neo4j: mentions: %w", err)
	}
	lists := make(map[string]*kg.MentionList, len(ids))
	for _, r := range recs {
		aid, _ := r.Values[0].(string)
		typ, _ := r.Values[1].(string)
		from, _ := r.Values[2].(string)
		to, _ := r.Values[3].(string)
		s, ok := r.Values[4].(int64)
		if !ok || to == "" {
			return nil, fmt.Errorf("neo4j: mentions: unexpected record %v", r.Values)
		}
		l := lists[aid]
		if l == nil {
			l = &kg.MentionList{}
			lists[aid] = l
		}
		l.AddEdge(kg.EdgeType(typ), from, to, int(s))
	}
	for i, id := range articles {
		if l := lists[id]; l != nil {
			out[i] = l.List()
		}
	}
	return out, nil
}
