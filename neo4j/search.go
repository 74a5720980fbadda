package neo4j

import (
	"context"
	"fmt"
	"strings"

	"github.com/diplograph/diplograph/internal/fold"
	"github.com/diplograph/diplograph/kg"
)

// maxSearchWords bounds the words of a search: each is one clause of a
// Lucene query, which refuses more than 1024.
const maxSearchWords = 256

// searchQuery finds the entities whose folded names hold every word
// ($lucene, see luceneQuery) and ranks them as kg.Store.Search says: an
// exact name or alias ($phrase), then a name or alias that starts with the
// text as whole words ($prefix is the phrase and a space), then the rest;
// each group by folded name, then id. Ranking sees every match before the
// LIMIT, which costs in proportion to how many entities share the words:
// fine for names, which are rarely shared by thousands.
const searchQuery = `CALL db.index.fulltext.queryNodes('entity_names', $lucene) YIELD node AS e
WHERE e:Entity AND (size($kinds) = 0 OR e.kind IN $kinds)
WITH e, CASE
    WHEN $phrase IN e.searchNames THEN 0
    WHEN any(n IN e.searchNames WHERE n STARTS WITH $prefix) THEN 1
    ELSE 2
  END AS rank
RETURN properties(e) AS props
ORDER BY rank, e.nameFolded, e.id
LIMIT $first`

// Search returns entities whose names and aliases hold every word of
// q.Text, compared after folding case and accents (internal/fold), best
// first: an exact name or alias, then a name or alias that starts with the
// text, then the rest; each group ordered by folded name, then id.
//
// Words match whole words: "lavrov" finds Lavrov, "lav" does not. A word may
// come from any of an entity's names. The text is never query syntax: it is
// folded into words of letters and digits, and each word goes to Lucene as
// a quoted, escaped term in a parameter. Text that folds to no words (only
// punctuation) finds nothing. It returns EINVALID for blank text, more than
// 256 distinct words, an unknown kind or a First out of range.
func (s *Store) Search(ctx context.Context, q kg.SearchQuery) ([]*kg.Entity, error) {
	if strings.TrimSpace(q.Text) == "" {
		return nil, kg.Errorf(kg.EINVALID, "search text is empty")
	}
	first, err := pageSize(q.First)
	if err != nil {
		return nil, err
	}
	kinds := make([]string, 0, len(q.Kinds))
	for _, k := range q.Kinds {
		if !k.Valid() {
			return nil, kg.Errorf(kg.EINVALID, "unknown kind %q", k)
		}
		kinds = append(kinds, string(k))
	}
	words := fold.Words(q.Text)
	if len(words) == 0 {
		return nil, nil
	}
	if len(distinct(words)) > maxSearchWords {
		return nil, kg.Errorf(kg.EINVALID, "search text has more than %d different words", maxSearchWords)
	}
	phrase := strings.Join(words, " ")
	recs, err := s.query(ctx, searchQuery, map[string]any{
		"lucene": luceneQuery(words),
		"kinds":  kinds,
		"phrase": phrase,
		"prefix": phrase + " ",
		"first":  int64(first),
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: search: %w", err)
	}
	out := make([]*kg.Entity, 0, len(recs))
	for _, r := range recs {
		e, err := decodeEntity(propsOf(r))
		if err != nil {
			return nil, fmt.Errorf("neo4j: search: %w", err)
		}
		out = append(out, e)
	}
	return out, nil
}

// luceneQuery returns a Lucene query that requires every word: +"w1"
// +"w2". Folded words hold only letters and digits, so no word can be an
// operator; each is quoted and escaped all the same, so that a change to
// folding could not make one.
func luceneQuery(words []string) string {
	var b strings.Builder
	for i, w := range distinct(words) {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(`+"`)
		for _, r := range w {
			if r == '"' || r == '\\' {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		b.WriteByte('"')
	}
	return b.String()
}
