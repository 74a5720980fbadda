package neo4j

import (
	"context"
	"fmt"
	"strings"

	"github.com/diplograph/diplograph/internal/fold"
	"github.com/diplograph/diplograph/kg"
)

// searchQuery finds the entities whose folded names hold every word
// ($lucene, see luceneQuery) and ranks them as kg.Store.Search says: an
// exact name or alias ($phrase), then a name or alias that starts with the
// text as whole words ($prefix is the phrase and a space), then the rest;
// each group by folded name, then id. It returns the number of matches and
// the first $limit after the cursor's key ($after: rank, folded name, id;
// without a cursor, rank -1, before every match). Ranking and counting see
// every match, which costs in proportion to how many entities share the
// words: fine for names, which are rarely shared by thousands. The page is
// cut before any match's properties are read, so that only the page's
// entities are built (for "statement", 7,416 db hits where building every
// match's properties first took 30,367).
const searchQuery = `CALL db.index.fulltext.queryNodes('entity_names', $lucene) YIELD node AS e
WHERE e:Entity AND (size($kinds) = 0 OR e.kind IN $kinds)
WITH e, CASE
    WHEN $phrase IN e.searchNames THEN 0
    WHEN any(n IN e.searchNames WHERE n STARTS WITH $prefix) THEN 1
    ELSE 2
  END AS rank, coalesce(e.nameFolded, '') AS folded
ORDER BY rank, folded, e.id
WITH collect({e: e, rank: rank, folded: folded}) AS matches
WITH size(matches) AS total, [m IN matches
  WHERE m.rank > $after.rank OR (m.rank = $after.rank AND (m.folded > $after.folded OR (m.folded = $after.folded AND m.e.id > $after.id)))
  ][..$limit] AS top
RETURN total, [m IN top | {props: properties(m.e), rank: m.rank, folded: m.folded}] AS page`

// searchTopQuery is searchQuery's first page without the count: a top-k
// of the matches in rank order, which is what Search (no cursor, no
// total) asks, and less work for the server than ranking every match
// into a list to count it.
const searchTopQuery = `CALL db.index.fulltext.queryNodes('entity_names', $lucene) YIELD node AS e
WHERE e:Entity AND (size($kinds) = 0 OR e.kind IN $kinds)
WITH e, CASE
    WHEN $phrase IN e.searchNames THEN 0
    WHEN any(n IN e.searchNames WHERE n STARTS WITH $prefix) THEN 1
    ELSE 2
  END AS rank, coalesce(e.nameFolded, '') AS folded
ORDER BY rank, folded, e.id LIMIT $limit
RETURN properties(e) AS props`

// Search returns the entities of SearchPage's page. The first page is one
// top-k query without the count (searchTopQuery).
func (s *Store) Search(ctx context.Context, q kg.SearchQuery) ([]*kg.Entity, error) {
	if q.After != "" {
		p, err := s.SearchPage(ctx, q)
		if err != nil {
			return nil, err
		}
		return p.Entities, nil
	}
	params, words, err := searchParams(q)
	if err != nil || len(words) == 0 {
		return nil, err
	}
	recs, err := s.query(ctx, searchTopQuery, params)
	if err != nil {
		return nil, fmt.Errorf("neo4j: search: %w", err)
	}
	return decodeEntities(recs)
}

// searchParams checks q (without its cursor) and returns the parameters
// of the search queries, and the folded words; no words find nothing.
func searchParams(q kg.SearchQuery) (map[string]any, []string, error) {
	if err := kg.CheckSearchText(q.Text); err != nil {
		return nil, nil, err
	}
	first, err := pageSize(q.First)
	if err != nil {
		return nil, nil, err
	}
	kinds := make([]string, 0, len(q.Kinds))
	for _, k := range q.Kinds {
		if !k.Valid() {
			return nil, nil, kg.Errorf(kg.EINVALID, "unknown kind %q", k)
		}
		kinds = append(kinds, string(k))
	}
	words := fold.Words(q.Text)
	if err := kg.CheckSearchWords(words); err != nil {
		return nil, nil, err
	}
	if len(words) == 0 {
		return nil, nil, nil
	}
	phrase := strings.Join(words, " ")
	return map[string]any{
		"lucene": luceneQuery(words),
		"kinds":  kinds,
		"phrase": phrase,
		"prefix": phrase + " ",
		"limit":  int64(first),
	}, words, nil
}

// SearchPage returns one page of the entities whose names and aliases hold
// every word of q.Text, compared after folding case and accents
// (internal/fold), best first: an exact name or alias, then a name or alias
// that starts with the text, then the rest; each group ordered by folded
// name, then id. Pages are keyset pages on that order (kg.SearchKey).
//
// Words match whole words: "lavrov" finds Lavrov, "lav" does not. A word may
// come from any of an entity's names. The text is never query syntax: it is
// folded into words of letters and digits, and each word goes to Lucene as
// a quoted, escaped term in a parameter. Text that folds to no words (only
// punctuation) finds nothing. It returns EINVALID for blank text, text or
// words over kg.MaxSearchBytes and kg.MaxSearchWords, an unknown kind, a First out of range or a cursor it
// did not issue.
func (s *Store) SearchPage(ctx context.Context, q kg.SearchQuery) (*kg.EntityPage, error) {
	params, words, err := searchParams(q)
	if err != nil {
		return nil, err
	}
	after := kg.SearchKey{Rank: -1}
	if q.After != "" {
		if after, err = kg.ParseSearchCursor(q.After); err != nil {
			return nil, err
		}
	}
	page := &kg.EntityPage{}
	if len(words) == 0 {
		return page, nil
	}
	first := int(params["limit"].(int64))
	params["limit"] = int64(first + 1)
	params["after"] = map[string]any{"rank": int64(after.Rank), "folded": after.Name, "id": after.ID}
	recs, err := s.query(ctx, searchQuery, params)
	if err != nil {
		return nil, fmt.Errorf("neo4j: search: %w", err)
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("neo4j: search: %d records", len(recs))
	}
	total, _ := recs[0].Values[0].(int64)
	rows, _ := recs[0].Values[1].([]any)
	page.TotalCount = int(total)
	for _, row := range rows {
		if len(page.Entities) == first {
			page.HasNext = true
			break
		}
		m, _ := row.(map[string]any)
		props, _ := m["props"].(map[string]any)
		e, err := decodeEntity(props)
		if err != nil {
			return nil, fmt.Errorf("neo4j: search: %w", err)
		}
		k := kg.SearchKey{ID: e.ID}
		rank, _ := m["rank"].(int64)
		k.Rank = int(rank)
		k.Name, _ = m["folded"].(string)
		page.Entities = append(page.Entities, e)
		page.Cursors = append(page.Cursors, k.Cursor())
	}
	return page, nil
}

// luceneQuery returns a Lucene query that requires every word: +"w1"
// +"w2". Folded words hold only letters and digits, so no word can be an
// operator; each is quoted and escaped all the same (luceneTerm), so that a
// change to folding could not make one.
func luceneQuery(words []string) string {
	var b strings.Builder
	for i, w := range distinct(words) {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('+')
		b.WriteString(luceneTerm(w))
	}
	return b.String()
}
