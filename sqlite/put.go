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
	p := &putter{ctx: ctx, tx: tx, known: map[string]nodeKind{}, degrees: map[degreeKey]int{}}
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
	// degrees counts the edges this batch inserts, flushed into the
	// degrees table once at the end.
	degrees map[degreeKey]int
}

type degreeKey struct {
	entity string
	typ    kg.EdgeType
	dir    int
}

// Directions of the degrees table.
const (
	degreeOut = iota
	degreeIn
	degreeSelf
)

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
	if len(p.degrees) > 0 {
		st, err := p.tx.PrepareContext(p.ctx, `INSERT INTO degrees (entity, type, dir, n) VALUES (?, ?, ?, ?)
			ON CONFLICT (entity, type, dir) DO UPDATE SET n = n + excluded.n`)
		if err != nil {
			return fmt.Errorf("prepare degrees: %w", err)
		}
		defer st.Close()
		for k, n := range p.degrees {
			if _, err := st.ExecContext(p.ctx, k.entity, string(k.typ), k.dir, n); err != nil {
				return fmt.Errorf("update degrees: %w", err)
			}
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
	// Insert first: a new entity, the common case of a load, costs one
	// statement; only an entity already stored is read and merged.
	m := normalizeEntity(e)
	pk, inserted, err := p.insertEntity(st, &m)
	if err != nil {
		return err
	}
	if inserted {
		if err := p.indexNames(st, pk, &m, nil); err != nil {
			return err
		}
	} else {
		sel, err := p.stmt(&st.selEntity, `SELECT pk, `+entityColumns+` FROM entities WHERE id = ?`)
		if err != nil {
			return err
		}
		var r entityRow
		if err := sel.QueryRowContext(p.ctx, e.ID).Scan(append([]any{&pk}, r.dest()...)...); err != nil {
			return err
		}
		old, err := r.entity()
		if err != nil {
			return err
		}
		if old.Kind != e.Kind {
			return kg.Errorf(kg.ECONFLICT, "entity %s is stored as a %s, not a %s", e.ID, old.Kind, e.Kind)
		}
		var changed bool
		if m, changed = mergeEntity(old, e); changed {
			if err := p.updateEntity(st, pk, &m); err != nil {
				return err
			}
			if len(m.Aliases) != len(old.Aliases) {
				if err := p.indexNames(st, pk, &m, old); err != nil {
					return err
				}
			}
		}
	}
	p.known[e.ID] = entityNode
	if m.Kind == kg.Event {
		p.eventSpan = max(p.eventSpan, spanDays(m.Date, m.End))
	}
	return nil
}

// insertEntity inserts e unless its id is taken, and reports whether it did.
func (p *putter) insertEntity(st *putStmts, e *kg.Entity) (pk int64, inserted bool, err error) {
	ins, err := p.stmt(&st.insEntity, `INSERT INTO entities
		(id, kind, name, folded, aliases, event_type, status, date, end_date, d_first, d_prec, d_last, attrs)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO NOTHING RETURNING pk`)
	if err != nil {
		return 0, false, err
	}
	aliases, attrs, err := encodeEntityJSON(e)
	if err != nil {
		return 0, false, err
	}
	first, prec, last := dateKeys(e.Date, e.End)
	err = ins.QueryRowContext(p.ctx, e.ID, string(e.Kind), e.Name, fold.Fold(e.Name), aliases, string(e.EventType), string(e.Status),
		e.Date.String(), e.End.String(), first, prec, last, attrs).Scan(&pk)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return pk, err == nil, err
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

// mergeEdge merges e into the stored edge with its id.
func (p *putter) mergeEdge(st *putStmts, e *kg.Edge) (pk int64, m kg.Edge, err error) {
	sel, err := p.stmt(&st.selEdge, `SELECT pk, `+edgeColumns+` FROM edges WHERE id = ?`)
	if err != nil {
		return 0, m, err
	}
	var r edgeRow
	if err := sel.QueryRowContext(p.ctx, e.ID).Scan(append([]any{&pk}, r.dest()...)...); err != nil {
		return 0, m, err
	}
	old, err := r.edge()
	if err != nil {
		return 0, m, err
	}
	if old.Type != e.Type || old.From != e.From || old.To != e.To {
		return 0, m, kg.Errorf(kg.ECONFLICT, "edge %s is stored as %s %s→%s, not %s %s→%s",
			e.ID, old.Type, old.From, old.To, e.Type, e.From, e.To)
	}
	m, changed := mergeEdge(old, e)
	if !changed {
		return pk, m, nil
	}
	upd, err := p.stmt(&st.updEdge, `UPDATE edges SET status = ?, date = ?, end_date = ?,
		d_first = ?, d_prec = ?, d_last = ? WHERE pk = ?`)
	if err != nil {
		return 0, m, err
	}
	first, prec, last := dateKeys(m.Date, m.End)
	_, err = upd.ExecContext(p.ctx, string(m.Status), m.Date.String(), m.End.String(), first, prec, last, pk)
	return pk, m, err
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

	// Insert first, as for entities.
	ins, err := p.stmt(&st.insEdge, `INSERT INTO edges
		(id, type, from_id, to_id, role, status, date, end_date, d_first, d_prec, d_last)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO NOTHING RETURNING pk`)
	if err != nil {
		return err
	}
	m := *e
	var pk int64
	first, prec, last := dateKeys(m.Date, m.End)
	err = ins.QueryRowContext(p.ctx, m.ID, string(m.Type), m.From, m.To, m.Role, string(m.Status),
		m.Date.String(), m.End.String(), first, prec, last).Scan(&pk)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if pk, m, err = p.mergeEdge(st, e); err != nil {
			return err
		}
	case err != nil:
		return err
	default:
		p.degrees[degreeKey{e.From, e.Type, degreeOut}]++
		p.degrees[degreeKey{e.To, e.Type, degreeIn}]++
		if e.From == e.To {
			p.degrees[degreeKey{e.From, e.Type, degreeSelf}]++
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
