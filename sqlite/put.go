package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/diplograph/diplograph/internal/fold"
	"github.com/diplograph/diplograph/kg"
)

// Put writes b in one transaction, merging with what is stored as
// kg.Store.Put documents (the rules are spelled out in merge.go). It returns
// EINVALID for a malformed batch or an edge whose end is not stored, and
// ECONFLICT when an id already names something of another kind (an entity
// of another kind, an edge between other ends). On any error nothing of b
// is written.
//
// An article already stored keeps its fields, blanks aside: the evidence of
// stored edges points into its stored text.
func (s *Store) Put(ctx context.Context, b *kg.Batch) error {
	if err := validateBatch(b); err != nil {
		return fmt.Errorf("sqlite: put batch: %w", err)
	}
	if b.Len() == 0 {
		return nil
	}
	// Writers queue here rather than in SQLite: a Put that waits holds no
	// connection and no lock, and cannot time out on SQLITE_BUSY.
	s.mu.Lock()
	defer s.mu.Unlock()

	tx, err := s.w.BeginTx(ctx, nil) // BEGIN IMMEDIATE, see dsn
	if err != nil {
		return fmt.Errorf("sqlite: put batch: begin: %w", err)
	}
	defer tx.Rollback()
	p := &putter{ctx: ctx, tx: tx, known: map[string]nodeKind{}}
	defer p.close()
	if err := p.put(b); err != nil {
		return fmt.Errorf("sqlite: put batch: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: put batch: commit: %w", err)
	}
	return nil
}

type nodeKind uint8

const (
	missing nodeKind = iota
	entityNode
	articleNode
)

// putter writes one batch inside one transaction with prepared statements.
type putter struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts []*sql.Stmt
	// known remembers which ids are entities or articles, so that the ends
	// of many edges cost one lookup each.
	known               map[string]nodeKind
	eventSpan, edgeSpan int64
}

func (p *putter) close() {
	for _, st := range p.stmts {
		st.Close()
	}
}

// stmt prepares query once per batch.
func (p *putter) stmt(dst **sql.Stmt, query string) (*sql.Stmt, error) {
	if *dst != nil {
		return *dst, nil
	}
	st, err := p.tx.PrepareContext(p.ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare %q: %w", query, err)
	}
	p.stmts = append(p.stmts, st)
	*dst = st
	return st, nil
}

func (p *putter) put(b *kg.Batch) error {
	for i := range b.Articles {
		if err := p.putArticle(&b.Articles[i]); err != nil {
			return fmt.Errorf("article %s: %w", b.Articles[i].ID, err)
		}
	}
	var st putStmts
	for i := range b.Entities {
		if err := p.putEntity(&st, &b.Entities[i]); err != nil {
			return fmt.Errorf("entity %s: %w", b.Entities[i].ID, err)
		}
	}
	for i := range b.Edges {
		if err := p.putEdge(&st, &b.Edges[i]); err != nil {
			return fmt.Errorf("edge %s: %w", b.Edges[i].ID, err)
		}
	}
	for key, span := range map[string]int64{"event_span_days": p.eventSpan, "edge_span_days": p.edgeSpan} {
		if span == 0 {
			continue
		}
		if _, err := p.tx.ExecContext(p.ctx, `UPDATE meta SET value = max(value, ?) WHERE key = ?`, span, key); err != nil {
			return fmt.Errorf("update %s: %w", key, err)
		}
	}
	return nil
}

// putStmts are the statements of the entity and edge loops, prepared on
// first use.
type putStmts struct {
	selEntity, insEntity, updEntity, insName, delFTS, insFTS *sql.Stmt
	isEntity, isArticle                                      *sql.Stmt
	selEdge, insEdge, updEdge, insEvidence                   *sql.Stmt
}

func (p *putter) putArticle(a *kg.Article) error {
	var old kg.Article
	var published string
	err := p.tx.QueryRowContext(p.ctx, `SELECT title, url, published, source, body FROM articles WHERE id = ?`, a.ID).
		Scan(&old.Title, &old.URL, &published, &old.Source, &old.Text)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = p.tx.ExecContext(p.ctx, `INSERT INTO articles (id, title, url, published, source, body) VALUES (?, ?, ?, ?, ?, ?)`,
			a.ID, a.Title, a.URL, a.Published.String(), a.Source, a.Text)
		p.known[a.ID] = articleNode
		return err
	}
	if err != nil {
		return err
	}
	p.known[a.ID] = articleNode
	if old.Published, err = kg.ParseDate(published); err != nil {
		return fmt.Errorf("stored published date: %w", err)
	}
	m := old
	fill := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	fill(&m.Title, a.Title)
	fill(&m.URL, a.URL)
	fill(&m.Source, a.Source)
	fill(&m.Text, a.Text)
	if refines(a.Published, m.Published) {
		m.Published = a.Published
	}
	if m == old {
		return nil
	}
	_, err = p.tx.ExecContext(p.ctx, `UPDATE articles SET title = ?, url = ?, published = ?, source = ?, body = ? WHERE id = ?`,
		m.Title, m.URL, m.Published.String(), m.Source, m.Text, a.ID)
	return err
}

func (p *putter) putEntity(st *putStmts, e *kg.Entity) error {
	sel, err := p.stmt(&st.selEntity, `SELECT pk, `+entityColumns+` FROM entities WHERE id = ?`)
	if err != nil {
		return err
	}
	var pk int64
	var old *kg.Entity
	var r entityRow
	switch err := sel.QueryRowContext(p.ctx, e.ID).Scan(append([]any{&pk}, r.dest()...)...); {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return err
	default:
		if old, err = r.entity(); err != nil {
			return err
		}
	}

	var m kg.Entity
	if old == nil {
		m = normalizeEntity(e)
		if pk, err = p.insertEntity(st, &m); err != nil {
			return err
		}
		if err := p.indexNames(st, pk, &m, nil); err != nil {
			return err
		}
	} else {
		if old.Kind != e.Kind {
			return kg.Errorf(kg.ECONFLICT, "entity %s is stored as a %s, not a %s", e.ID, old.Kind, e.Kind)
		}
		var changed bool
		if m, changed = mergeEntity(old, e); !changed {
			p.known[e.ID] = entityNode
			return nil
		}
		if err := p.updateEntity(st, pk, &m); err != nil {
			return err
		}
		if len(m.Aliases) != len(old.Aliases) {
			if err := p.indexNames(st, pk, &m, old); err != nil {
				return err
			}
		}
	}
	p.known[e.ID] = entityNode
	if m.Kind == kg.Event {
		p.eventSpan = max(p.eventSpan, spanDays(m.Date, m.End))
	}
	return nil
}

func (p *putter) insertEntity(st *putStmts, e *kg.Entity) (int64, error) {
	ins, err := p.stmt(&st.insEntity, `INSERT INTO entities
		(id, kind, name, folded, aliases, event_type, status, date, end_date, d_first, d_prec, d_last, attrs)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return 0, err
	}
	aliases, attrs, err := encodeEntityJSON(e)
	if err != nil {
		return 0, err
	}
	first, prec, last := dateKeys(e.Date, e.End)
	res, err := ins.ExecContext(p.ctx, e.ID, string(e.Kind), e.Name, fold.Fold(e.Name), aliases, string(e.EventType), string(e.Status),
		e.Date.String(), e.End.String(), first, prec, last, attrs)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func (p *putter) updateEntity(st *putStmts, pk int64, e *kg.Entity) error {
	upd, err := p.stmt(&st.updEntity, `UPDATE entities SET aliases = ?, event_type = ?, status = ?,
		date = ?, end_date = ?, d_first = ?, d_prec = ?, d_last = ?, attrs = ? WHERE pk = ?`)
	if err != nil {
		return err
	}
	aliases, attrs, err := encodeEntityJSON(e)
	if err != nil {
		return err
	}
	first, prec, last := dateKeys(e.Date, e.End)
	_, err = upd.ExecContext(p.ctx, aliases, string(e.EventType), string(e.Status), e.Date.String(), e.End.String(), first, prec, last, attrs, pk)
	return err
}

// indexNames records the folded names of e for search. Names only grow on
// merge, so the rows of old stay and the FTS row is rewritten whole.
func (p *putter) indexNames(st *putStmts, pk int64, e *kg.Entity, old *kg.Entity) error {
	insName, err := p.stmt(&st.insName, `INSERT OR IGNORE INTO entity_names (entity, folded) VALUES (?, ?)`)
	if err != nil {
		return err
	}
	var words []string
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		f := fold.Fold(n)
		if f == "" {
			continue
		}
		words = append(words, f)
		if _, err := insName.ExecContext(p.ctx, pk, f); err != nil {
			return err
		}
	}
	if old != nil {
		del, err := p.stmt(&st.delFTS, `DELETE FROM entity_fts WHERE rowid = ?`)
		if err != nil {
			return err
		}
		if _, err := del.ExecContext(p.ctx, pk); err != nil {
			return err
		}
	}
	ins, err := p.stmt(&st.insFTS, `INSERT INTO entity_fts (rowid, words) VALUES (?, ?)`)
	if err != nil {
		return err
	}
	_, err = ins.ExecContext(p.ctx, pk, strings.Join(words, " \n "))
	return err
}

func encodeEntityJSON(e *kg.Entity) (aliases, attrs string, err error) {
	a, err := json.Marshal(nonNil(e.Aliases))
	if err != nil {
		return "", "", err
	}
	m := e.Attrs
	if m == nil {
		m = map[string]string{}
	}
	b, err := json.Marshal(m)
	if err != nil {
		return "", "", err
	}
	return string(a), string(b), nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// end reports what id is, looking in the database once per id and batch.
func (p *putter) end(st *putStmts, id string) (nodeKind, error) {
	if k, ok := p.known[id]; ok {
		return k, nil
	}
	isEntity, err := p.stmt(&st.isEntity, `SELECT EXISTS (SELECT 1 FROM entities WHERE id = ?)`)
	if err != nil {
		return missing, err
	}
	isArticle, err := p.stmt(&st.isArticle, `SELECT EXISTS (SELECT 1 FROM articles WHERE id = ?)`)
	if err != nil {
		return missing, err
	}
	var ok bool
	k := missing
	if err := isEntity.QueryRowContext(p.ctx, id).Scan(&ok); err != nil {
		return missing, err
	}
	if ok {
		k = entityNode
	} else {
		if err := isArticle.QueryRowContext(p.ctx, id).Scan(&ok); err != nil {
			return missing, err
		}
		if ok {
			k = articleNode
		}
	}
	p.known[id] = k
	return k, nil
}

func (p *putter) putEdge(st *putStmts, e *kg.Edge) error {
	for _, id := range []string{e.From, e.To} {
		k, err := p.end(st, id)
		if err != nil {
			return err
		}
		switch {
		case k == entityNode:
		case k == articleNode && e.Type == kg.Mentions:
		case k == articleNode:
			return kg.Errorf(kg.EINVALID, "edge %s: only MENTIONS edges may start or end at an article, not %s", e.ID, e.Type)
		default:
			return kg.Errorf(kg.EINVALID, "edge %s (%s %s→%s): no entity %s is stored", e.ID, e.Type, e.From, e.To, id)
		}
	}

	sel, err := p.stmt(&st.selEdge, `SELECT pk, `+edgeColumns+` FROM edges WHERE id = ?`)
	if err != nil {
		return err
	}
	var pk int64
	var r edgeRow
	var m kg.Edge
	switch err := sel.QueryRowContext(p.ctx, e.ID).Scan(append([]any{&pk}, r.dest()...)...); {
	case errors.Is(err, sql.ErrNoRows):
		m = *e
		ins, err := p.stmt(&st.insEdge, `INSERT INTO edges
			(id, type, from_id, to_id, role, status, date, end_date, d_first, d_prec, d_last)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		first, prec, last := dateKeys(m.Date, m.End)
		res, err := ins.ExecContext(p.ctx, m.ID, string(m.Type), m.From, m.To, m.Role, string(m.Status),
			m.Date.String(), m.End.String(), first, prec, last)
		if err != nil {
			return err
		}
		if pk, err = res.LastInsertId(); err != nil {
			return err
		}
	case err != nil:
		return err
	default:
		old, err := r.edge()
		if err != nil {
			return err
		}
		if old.Type != e.Type || old.From != e.From || old.To != e.To {
			return kg.Errorf(kg.ECONFLICT, "edge %s is stored as %s %s→%s, not %s %s→%s",
				e.ID, old.Type, old.From, old.To, e.Type, e.From, e.To)
		}
		var changed bool
		if m, changed = mergeEdge(old, e); changed {
			upd, err := p.stmt(&st.updEdge, `UPDATE edges SET role = ?, status = ?, date = ?, end_date = ?,
				d_first = ?, d_prec = ?, d_last = ? WHERE pk = ?`)
			if err != nil {
				return err
			}
			first, prec, last := dateKeys(m.Date, m.End)
			if _, err := upd.ExecContext(p.ctx, m.Role, string(m.Status), m.Date.String(), m.End.String(), first, prec, last, pk); err != nil {
				return err
			}
		}
	}
	p.edgeSpan = max(p.edgeSpan, spanDays(m.Date, m.End))

	if len(e.Evidence) > 0 {
		ins, err := p.stmt(&st.insEvidence, `INSERT OR IGNORE INTO evidence (edge, article, sentence, start, "end", quote)
			VALUES (?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		for _, ev := range e.Evidence {
			if _, err := ins.ExecContext(p.ctx, pk, ev.Article, ev.Sentence, ev.Start, ev.End, ev.Quote); err != nil {
				return err
			}
		}
	}
	return nil
}
