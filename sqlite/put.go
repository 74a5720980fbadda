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
// An article already stored keeps its fields, blanks aside and a date that
// kg.MorePrecise refines: the evidence of stored edges points into its
// stored text.
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
	p := &putter{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}, known: map[string]nodeKind{}, degrees: map[degreeKey]int{}}
	defer p.close()
	// The curation rules of this transaction's snapshot (curate.go): a
	// batch is written as the curations committed before it say.
	rules, err := s.rulesIn(ctx, tx)
	if err != nil {
		return fmt.Errorf("sqlite: put batch: %w", err)
	}
	if err := p.put(rules.Apply(b)); err != nil {
		return fmt.Errorf("sqlite: put batch: %w", err)
	}
	if p.change.Entities != nil || p.change.Edges != nil || p.change.Articles != nil {
		p.change.Origin = kg.ChangeWrite
		if err := p.recordChange(p.change); err != nil {
			return fmt.Errorf("sqlite: put batch: %w", err)
		}
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
	stmts map[string]*sql.Stmt // by query, prepared on first use
	// known remembers which ids are entities or articles, so that the ends
	// of many edges cost one lookup each.
	known               map[string]nodeKind
	eventSpan, edgeSpan int64
	// degrees counts the edges this batch inserts, flushed into the
	// degrees table once at the end.
	degrees map[degreeKey]int
	// change collects what the batch changed, for the change feed.
	change kg.Change
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

// exec runs query, prepared once per batch: a batch runs the same few
// statements thousands of times.
func (p *putter) exec(query string, args ...any) error {
	st, err := p.stmt(query)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(p.ctx, args...)
	return err
}

// execN is exec that returns the number of rows changed.
func (p *putter) execN(query string, args ...any) (int64, error) {
	st, err := p.stmt(query)
	if err != nil {
		return 0, err
	}
	res, err := st.ExecContext(p.ctx, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// queryRow is exec for a statement that returns a row.
func (p *putter) queryRow(query string, args ...any) (*sql.Row, error) {
	st, err := p.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.QueryRowContext(p.ctx, args...), nil
}

func (p *putter) stmt(query string) (*sql.Stmt, error) {
	if st, ok := p.stmts[query]; ok {
		return st, nil
	}
	st, err := p.tx.PrepareContext(p.ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare %q: %w", query, err)
	}
	p.stmts[query] = st
	return st, nil
}

// Statements of Put.
const (
	selectArticle = `SELECT title, url, published, source, body FROM articles WHERE id = ?`
	insertArticle = `INSERT INTO articles (id, title, url, published, source, body) VALUES (?, ?, ?, ?, ?, ?)`
	updateArticle = `UPDATE articles SET title = ?, url = ?, published = ?, source = ?, body = ? WHERE id = ?`

	// Put inserts first: a new entity or edge, the common case of a load,
	// costs one statement; only one already stored is read and merged.
	insertEntity = `INSERT INTO entities
		(id, kind, name, folded, aliases, event_type, status, date, end_date, d_first, d_prec, d_last, attrs)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO NOTHING RETURNING pk`
	selectEntity = `SELECT pk, ` + entityColumns + ` FROM entities WHERE id = ?`
	updateEntity = `UPDATE entities SET aliases = ?, event_type = ?, status = ?,
		date = ?, end_date = ?, d_first = ?, d_prec = ?, d_last = ?, attrs = ? WHERE pk = ?`
	insertName = `INSERT OR IGNORE INTO entity_names (entity, folded) VALUES (?, ?)`
	deleteFTS  = `DELETE FROM entity_fts WHERE rowid = ?`
	insertFTS  = `INSERT INTO entity_fts (rowid, words) VALUES (?, ?)`

	isEntity  = `SELECT EXISTS (SELECT 1 FROM entities WHERE id = ?)`
	isArticle = `SELECT EXISTS (SELECT 1 FROM articles WHERE id = ?)`

	insertEdge = `INSERT INTO edges
		(id, type, from_id, to_id, role, status, date, end_date, d_first, d_prec, d_last)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO NOTHING RETURNING pk`
	selectEdge = `SELECT pk, ` + edgeColumns + ` FROM edges WHERE id = ?`
	updateEdge = `UPDATE edges SET status = ?, date = ?, end_date = ?,
		d_first = ?, d_prec = ?, d_last = ? WHERE pk = ?`
	insertEvidence = `INSERT OR IGNORE INTO evidence (edge, article, sentence, start, "end", quote) VALUES (?, ?, ?, ?, ?, ?)`

	addDegree = `INSERT INTO degrees (entity, type, dir, n) VALUES (?, ?, ?, ?)
		ON CONFLICT (entity, type, dir) DO UPDATE SET n = n + excluded.n`
	raiseSpan = `UPDATE meta SET value = max(value, ?) WHERE key = ?`
)

func (p *putter) put(b *kg.Batch) error {
	for i := range b.Articles {
		if err := p.putArticle(&b.Articles[i]); err != nil {
			return fmt.Errorf("article %s: %w", b.Articles[i].ID, err)
		}
	}
	for i := range b.Entities {
		if err := p.putEntity(&b.Entities[i]); err != nil {
			return fmt.Errorf("entity %s: %w", b.Entities[i].ID, err)
		}
	}
	for i := range b.Edges {
		if err := p.putEdge(&b.Edges[i]); err != nil {
			return fmt.Errorf("edge %s: %w", b.Edges[i].ID, err)
		}
	}
	for k, n := range p.degrees {
		if err := p.exec(addDegree, k.entity, string(k.typ), k.dir, n); err != nil {
			return fmt.Errorf("update degrees: %w", err)
		}
	}
	for key, span := range map[string]int64{"event_span_days": p.eventSpan, "edge_span_days": p.edgeSpan} {
		if span == 0 {
			continue
		}
		if err := p.exec(raiseSpan, span, key); err != nil {
			return fmt.Errorf("update %s: %w", key, err)
		}
	}
	return nil
}

func (p *putter) putArticle(a *kg.Article) error {
	var old kg.Article
	var published string
	row, err := p.queryRow(selectArticle, a.ID)
	if err != nil {
		return err
	}
	err = row.Scan(&old.Title, &old.URL, &published, &old.Source, &old.Text)
	if errors.Is(err, sql.ErrNoRows) {
		p.known[a.ID] = articleNode
		p.change.Articles = append(p.change.Articles, a.ID)
		return p.exec(insertArticle, a.ID, a.Title, a.URL, a.Published.String(), a.Source, a.Text)
	}
	if err != nil {
		return err
	}
	p.known[a.ID] = articleNode
	if old.Published, err = kg.ParseDate(published); err != nil {
		return fmt.Errorf("stored published date: %w", err)
	}
	m := kg.MergeArticle(&old, a)
	if m == old {
		return nil
	}
	p.change.Articles = append(p.change.Articles, a.ID)
	return p.exec(updateArticle, m.Title, m.URL, m.Published.String(), m.Source, m.Text, a.ID)
}

func (p *putter) putEntity(e *kg.Entity) error {
	m := normalizeEntity(e)
	pk, inserted, err := p.insertEntity(&m)
	if err != nil {
		return err
	}
	if inserted {
		p.change.Entities = append(p.change.Entities, e.ID)
		if err := p.indexNames(pk, &m, nil); err != nil {
			return err
		}
	} else {
		row, err := p.queryRow(selectEntity, e.ID)
		if err != nil {
			return err
		}
		var r entityRow
		if err := row.Scan(append([]any{&pk}, r.dest()...)...); err != nil {
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
			p.change.Entities = append(p.change.Entities, e.ID)
			if err := p.updateEntity(pk, &m); err != nil {
				return err
			}
			if len(m.Aliases) != len(old.Aliases) {
				if err := p.indexNames(pk, &m, old); err != nil {
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
func (p *putter) insertEntity(e *kg.Entity) (pk int64, inserted bool, err error) {
	aliases, attrs, err := encodeEntityJSON(e)
	if err != nil {
		return 0, false, err
	}
	first, prec, last := dateKeys(e.Date, e.End)
	row, err := p.queryRow(insertEntity, e.ID, string(e.Kind), e.Name, fold.Fold(e.Name), aliases, string(e.EventType), string(e.Status),
		e.Date.String(), e.End.String(), first, prec, last, attrs)
	if err != nil {
		return 0, false, err
	}
	err = row.Scan(&pk)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return pk, err == nil, err
}

func (p *putter) updateEntity(pk int64, e *kg.Entity) error {
	aliases, attrs, err := encodeEntityJSON(e)
	if err != nil {
		return err
	}
	first, prec, last := dateKeys(e.Date, e.End)
	return p.exec(updateEntity, aliases, string(e.EventType), string(e.Status), e.Date.String(), e.End.String(), first, prec, last, attrs, pk)
}

// indexNames records the folded names of e for search. Names only grow on
// merge, so the rows of old stay and the FTS row is rewritten whole.
func (p *putter) indexNames(pk int64, e *kg.Entity, old *kg.Entity) error {
	var words []string
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		f := fold.Fold(n)
		if f == "" {
			continue
		}
		words = append(words, f)
		if err := p.exec(insertName, pk, f); err != nil {
			return err
		}
	}
	if old != nil {
		if err := p.exec(deleteFTS, pk); err != nil {
			return err
		}
	}
	return p.exec(insertFTS, pk, strings.Join(words, " \n "))
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

// mergeEdge merges e into the stored edge with its id, and reports whether
// that changed the stored edge (evidence aside).
func (p *putter) mergeEdge(e *kg.Edge) (pk int64, m kg.Edge, changed bool, err error) {
	row, err := p.queryRow(selectEdge, e.ID)
	if err != nil {
		return 0, m, false, err
	}
	var r edgeRow
	if err := row.Scan(append([]any{&pk}, r.dest()...)...); err != nil {
		return 0, m, false, err
	}
	old, err := r.edge()
	if err != nil {
		return 0, m, false, err
	}
	if old.Type != e.Type || old.From != e.From || old.To != e.To {
		return 0, m, false, kg.Errorf(kg.ECONFLICT, "edge %s is stored as %s %s→%s, not %s %s→%s",
			e.ID, old.Type, old.From, old.To, e.Type, e.From, e.To)
	}
	m, changed = mergeEdge(old, e)
	if !changed {
		return pk, m, false, nil
	}
	first, prec, last := dateKeys(m.Date, m.End)
	return pk, m, true, p.exec(updateEdge, string(m.Status), m.Date.String(), m.End.String(), first, prec, last, pk)
}

// end reports what id is, looking in the database once per id and batch.
func (p *putter) end(id string) (nodeKind, error) {
	if k, ok := p.known[id]; ok {
		return k, nil
	}
	k := missing
	for _, c := range []struct {
		query string
		kind  nodeKind
	}{{isEntity, entityNode}, {isArticle, articleNode}} {
		row, err := p.queryRow(c.query, id)
		if err != nil {
			return missing, err
		}
		var ok bool
		if err := row.Scan(&ok); err != nil {
			return missing, err
		}
		if ok {
			k = c.kind
			break
		}
	}
	p.known[id] = k
	return k, nil
}

func (p *putter) putEdge(e *kg.Edge) error {
	for _, id := range []string{e.From, e.To} {
		k, err := p.end(id)
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

	m := *e
	first, prec, last := dateKeys(m.Date, m.End)
	row, err := p.queryRow(insertEdge, m.ID, string(m.Type), m.From, m.To, m.Role, string(m.Status),
		m.Date.String(), m.End.String(), first, prec, last)
	if err != nil {
		return err
	}
	var pk int64
	changed := true
	switch err := row.Scan(&pk); {
	case errors.Is(err, sql.ErrNoRows):
		if pk, m, changed, err = p.mergeEdge(e); err != nil {
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

	for _, ev := range e.Evidence {
		n, err := p.execN(insertEvidence, pk, ev.Article, ev.Sentence, ev.Start, ev.End, ev.Quote)
		if err != nil {
			return err
		}
		changed = changed || n > 0
	}
	if changed {
		p.change.Edges = append(p.change.Edges, kg.EdgeRef{ID: e.ID, Type: e.Type, From: e.From, To: e.To})
	}
	return nil
}
