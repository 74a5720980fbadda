package sqlite

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/diplograph/diplograph/internal/fold"
	"github.com/diplograph/diplograph/kg"
)

// Search returns entities whose names and aliases hold every word of
// q.Text, compared after folding case and accents (internal/fold), best
// first: an exact name or alias, then a name or alias that starts with the
// text, then the rest; each group ordered by folded name, then id.
//
// Words match whole words: "lavrov" finds Lavrov, "lav" does not. A word may
// come from any of an entity's names. The text is never query syntax: it is
// folded into letters and digits and each word goes to FTS5 as a quoted
// string, in a parameter. Text that folds to no words (only punctuation)
// finds nothing. It returns EINVALID for blank text, an unknown kind or a
// First out of range.
func (s *Store) Search(ctx context.Context, q kg.SearchQuery) ([]*kg.Entity, error) {
	if strings.TrimSpace(q.Text) == "" {
		return nil, kg.Errorf(kg.EINVALID, "search text is empty")
	}
	first, err := pageSize(q.First)
	if err != nil {
		return nil, err
	}
	for _, k := range q.Kinds {
		if !k.Valid() {
			return nil, kg.Errorf(kg.EINVALID, "unknown kind %q", k)
		}
	}
	words := fold.Words(q.Text)
	if len(words) == 0 {
		return nil, nil
	}
	phrase := strings.Join(words, " ")
	args := []any{
		matchExpr(words),
		phrase,
		utf8.RuneCountInString(phrase) + 1, phrase + " ",
	}
	args = append(args, first)
	// Parameters are numbered: ?1 to ?5 above, kinds after.
	kinds := ""
	if len(q.Kinds) > 0 {
		nums := make([]string, len(q.Kinds))
		for i, k := range q.Kinds {
			args = append(args, string(k))
			nums[i] = fmt.Sprintf("?%d", len(args))
		}
		kinds = ` AND e.kind IN (` + strings.Join(nums, ", ") + `)`
	}

	// The FTS5 index finds the entities that have all the words; their
	// folded names rank them. Ranking looks at every match before the
	// LIMIT, which costs in proportion to how many entities share the
	// words: fine for names, which are rarely shared by thousands.
	query := `SELECT ` + prefixed("e.", entityColumns) + `
		FROM entity_fts f
		JOIN entities e ON e.pk = f.rowid
		JOIN entity_names n ON n.entity = e.pk
		WHERE entity_fts MATCH ?1` + kinds + `
		GROUP BY e.pk
		ORDER BY min(CASE WHEN n.folded = ?2 THEN 0 WHEN substr(n.folded, 1, ?3) = ?4 THEN 1 ELSE 2 END),
			e.folded, e.id
		LIMIT ?5`
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: search: %w", err)
	}
	es, err := scanEntities(rows)
	if err != nil {
		return nil, fmt.Errorf("sqlite: search: %w", err)
	}
	return es, nil
}

// matchExpr returns an FTS5 query that requires every word: each word is a
// quoted string (quotes doubled, although folded words hold only letters
// and digits), so no word can be an operator such as AND, NEAR or *.
func matchExpr(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
	}
	return strings.Join(quoted, " AND ")
}

// placeholders returns n comma-separated question marks.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// prefixed qualifies each column of a comma-separated list with prefix.
func prefixed(prefix, columns string) string {
	cols := strings.Split(columns, ", ")
	for i, c := range cols {
		cols[i] = prefix + c
	}
	return strings.Join(cols, ", ")
}
