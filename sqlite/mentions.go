package sqlite

import (
	"context"
	"fmt"

	"github.com/diplograph/diplograph/kg"
)

// Mentions returns what each article mentions (see kg.Store.Mentions), all
// of it read in one read transaction. An article's evidence is an index
// range in sentence order (evidence_by_article), read until kg.MaxMentions
// entities are known and the sentence they were reached in is over, so even
// an article cited by a million edges costs a few thousand rows. MENTIONS
// edges without evidence from the article come after, from edges_out.
func (s *Store) Mentions(ctx context.Context, articles []string) ([][]kg.Mention, error) {
	out := make([][]kg.Mention, len(articles))
	if len(articles) == 0 {
		return out, nil
	}
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlite: mentions: %w", err)
	}
	defer tx.Rollback()
	done := map[string][]kg.Mention{}
	for i, id := range articles {
		ms, ok := done[id]
		if !ok {
			if ms, err = mentionsOf(ctx, tx, id); err != nil {
				return nil, fmt.Errorf("sqlite: mentions of %s: %w", id, err)
			}
			done[id] = ms
		}
		out[i] = ms
	}
	return out, nil
}

func mentionsOf(ctx context.Context, tx *readTx, article string) ([]kg.Mention, error) {
	var l kg.MentionList
	rows, err := tx.QueryContext(ctx, `SELECT ev.sentence, e.type, e.from_id, e.to_id
		FROM evidence ev JOIN edges e ON e.pk = ev.edge
		WHERE ev.article = ? ORDER BY ev.sentence`, article)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	full := -1 // the sentence in which the list reached kg.MaxMentions
	for rows.Next() {
		var sentence int
		var typ, from, to string
		if err := rows.Scan(&sentence, &typ, &from, &to); err != nil {
			return nil, err
		}
		if full >= 0 && sentence > full {
			break // every later entity sorts after the ones kept
		}
		l.AddEdge(kg.EdgeType(typ), from, to, sentence)
		if full < 0 && l.Len() >= kg.MaxMentions {
			full = sentence
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if full >= 0 {
		return l.List(), nil
	}
	rows, err = tx.QueryContext(ctx, `SELECT to_id FROM edges WHERE from_id = ? AND type = ? ORDER BY to_id`, article, string(kg.Mentions))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() && l.Len() < kg.MaxMentions {
		var to string
		if err := rows.Scan(&to); err != nil {
			return nil, err
		}
		l.Add(to, -1)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return l.List(), nil
}
