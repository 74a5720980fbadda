package sqlite

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/diplograph/diplograph/internal/fold"
	"github.com/diplograph/diplograph/kg"
)

// Search returns the entities of SearchPage's page.
func (s *Store) Search(ctx context.Context, q kg.SearchQuery) ([]*kg.Entity, error) {
	p, err := s.SearchPage(ctx, q)
	if err != nil {
		return nil, err
	}
	return p.Entities, nil
}

// SearchPage returns one page of the entities whose names and aliases hold
// every word of q.Text, compared after folding case and accents
// (internal/fold), best first: an exact name or alias, then a name or alias
// that starts with the text, then the rest; each group ordered by folded
// name, then id. Pages are keyset pages on that order (kg.SearchKey).
//
// Words match whole words: "lavrov" finds Lavrov, "lav" does not. A word may
// come from any of an entity's names. The text is never query syntax: it is
// folded into letters and digits and each word goes to FTS5 as a quoted
// string, in a parameter. Text that folds to no words (only punctuation)
// finds nothing. It returns EINVALID for blank text, text or words over
// kg.MaxSearchBytes and kg.MaxSearchWords, an unknown kind, a
// First out of range or a cursor it did not issue.
func (s *Store) SearchPage(ctx context.Context, q kg.SearchQuery) (*kg.EntityPage, error) {
	if err := kg.CheckSearchText(q.Text); err != nil {
		return nil, err
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
	after := kg.SearchKey{Rank: -1}
	if q.After != "" {
		if after, err = kg.ParseSearchCursor(q.After); err != nil {
			return nil, err
		}
	}
	page := &kg.EntityPage{}
	words := fold.Words(q.Text)
	if err := kg.CheckSearchWords(words); err != nil {
		return nil, err
	}
	if len(words) == 0 {
		return page, nil
	}
	phrase := strings.Join(words, " ")
	args := []any{
		matchExpr(words),
		phrase,
		utf8.RuneCountInString(phrase) + 1, phrase + " ",
		first + 1,
		after.Rank, after.Name, after.ID,
	}
	// Parameters are numbered: ?1 to ?8 above, kinds after.
	kinds := ""
	if len(q.Kinds) > 0 {
		nums := make([]string, len(q.Kinds))
		for i, k := range q.Kinds {
			args = append(args, string(k))
			nums[i] = fmt.Sprintf("?%d", len(args))
		}
		kinds = ` AND e.kind IN (` + strings.Join(nums, ", ") + `)`
	}

	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlite: search: %w", err)
	}
	defer tx.Rollback()
	// The FTS5 index finds the entities that have all the words; their
	// folded names rank them. Ranking looks at every match before the
	// LIMIT, which costs in proportion to how many entities share the
	// words: fine for names, which are rarely shared by thousands. The
	// count of all matches comes with each row, from the same pass.
	query := `SELECT ` + entityColumns + `, rank, folded, total FROM (
		SELECT ` + prefixed("e.", entityColumns) + `, e.folded,
			min(CASE WHEN n.folded = ?2 THEN 0 WHEN substr(n.folded, 1, ?3) = ?4 THEN 1 ELSE 2 END) AS rank,
			count(*) OVER () AS total
		FROM entity_fts f
		JOIN entities e ON e.pk = f.rowid
		JOIN entity_names n ON n.entity = e.pk
		WHERE entity_fts MATCH ?1` + kinds + `
		GROUP BY e.pk)
		WHERE (rank, folded, id) > (?6, ?7, ?8)
		ORDER BY rank, folded, id
		LIMIT ?5`
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: search: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r entityRow
		var k kg.SearchKey
		if err := rows.Scan(append(r.dest(), &k.Rank, &k.Name, &page.TotalCount)...); err != nil {
			return nil, fmt.Errorf("sqlite: search: %w", err)
		}
		if len(page.Entities) == first {
			page.HasNext = true
			break
		}
		e, err := r.entity()
		if err != nil {
			return nil, fmt.Errorf("sqlite: search: %w", err)
		}
		k.ID = e.ID
		page.Entities = append(page.Entities, e)
		page.Cursors = append(page.Cursors, k.Cursor())
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: search: %w", err)
	}
	rows.Close()
	if len(page.Entities) == 0 && q.After != "" {
		// Past the last match no row carries the count. (The kinds keep
		// their numbers, so the arguments before them stay, unused.)
		countArgs := args[:1]
		if kinds != "" {
			countArgs = args
		}
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM entity_fts f JOIN entities e ON e.pk = f.rowid
			WHERE entity_fts MATCH ?1`+kinds, countArgs...).Scan(&page.TotalCount)
		if err != nil {
			return nil, fmt.Errorf("sqlite: search: count: %w", err)
		}
	}
	return page, nil
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
