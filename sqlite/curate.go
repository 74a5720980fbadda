package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/diplograph/diplograph/internal/fold"
	"github.com/diplograph/diplograph/kg"
)

var _ kg.CurationStore = (*Store)(nil)

// curationSchema holds the curation log, the rules it leaves and the change
// feed (schema version 3):
//
//	curations          one row per record, the record itself as JSON; seq
//	                   is the log's order (AUTOINCREMENT: a seq is never
//	                   reused, so cursors stay valid)
//	curation_subjects  the records naming each entity, edge or article
//	curation_rules     the rules in force, one per kind and id
//	changes            the change feed: one row per committed Put or
//	                   curation that changed something, read by servers
//	                   (in this process or another) for live updates
//
// meta's curation_version counts the curations: Put reloads its cached
// rules when it has moved. edge_removals counts edges curations removed:
// the hub cache of Path, which otherwise knows a hub's neighbours only
// grow, drops its entries when it moves (see hubs.go).
var curationSchema = []string{
	`CREATE TABLE curations (
		seq       INTEGER PRIMARY KEY AUTOINCREMENT,
		id        TEXT NOT NULL UNIQUE,
		undone_by TEXT NOT NULL DEFAULT '',
		record    TEXT NOT NULL -- kg.EncodeCuration
	)`,
	`CREATE TABLE curation_subjects (
		subject TEXT NOT NULL,
		seq     INTEGER NOT NULL,
		PRIMARY KEY (subject, seq)
	) WITHOUT ROWID`,
	`CREATE TABLE curation_rules (
		kind TEXT NOT NULL,
		id   TEXT NOT NULL,
		rule TEXT NOT NULL, -- kg.EncodeRule
		PRIMARY KEY (kind, id)
	) WITHOUT ROWID`,
	`CREATE TABLE changes (
		seq    INTEGER PRIMARY KEY AUTOINCREMENT,
		change TEXT NOT NULL -- kg.Change as JSON, Seq apart
	)`,
	`INSERT INTO meta (key, value) VALUES ('curation_version', 0), ('edge_removals', 0)`,
}

// rulesCache holds the rules last read, by curation version.
type rulesCache struct {
	mu    sync.Mutex
	rules *kg.Rules
}

// rulesAt returns the rules of curation version v, read through q when the
// cache holds another version.
func (c *rulesCache) rulesAt(ctx context.Context, q queryer, v int64) (*kg.Rules, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.rules != nil && c.rules.Version == v {
		return c.rules, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT rule FROM curation_rules`)
	if err != nil {
		return nil, fmt.Errorf("read rules: %w", err)
	}
	defer rows.Close()
	var rs []*kg.Rule
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			return nil, fmt.Errorf("read rules: %w", err)
		}
		r, err := kg.DecodeRule(b)
		if err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read rules: %w", err)
	}
	c.rules = kg.NewRules(v, rs)
	return c.rules, nil
}

func curationVersion(ctx context.Context, q queryer) (int64, error) {
	var v int64
	err := q.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'curation_version'`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("read curation version: %w", err)
	}
	return v, nil
}

// rulesIn returns the rules in force as the transaction q sees them.
func (s *Store) rulesIn(ctx context.Context, q queryer) (*kg.Rules, error) {
	v, err := curationVersion(ctx, q)
	if err != nil {
		return nil, err
	}
	return s.rules.rulesAt(ctx, q, v)
}

// Rules implements kg.CurationStore.
func (s *Store) Rules(ctx context.Context) (*kg.Rules, error) {
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlite: rules: %w", err)
	}
	defer tx.Rollback()
	r, err := s.rulesIn(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("sqlite: rules: %w", err)
	}
	return r, nil
}

// Statements of Curate.
const (
	deleteEvidenceOf = `DELETE FROM evidence WHERE edge = ?`
	deleteEdgeRow    = `DELETE FROM edges WHERE pk = ?`
	subDegree        = `UPDATE degrees SET n = n - 1 WHERE entity = ? AND type = ? AND dir = ?`
	replaceEntity    = `UPDATE entities SET name = ?, folded = ?, aliases = ?, event_type = ?, status = ?,
		date = ?, end_date = ?, d_first = ?, d_prec = ?, d_last = ?, attrs = ? WHERE pk = ?`
	deleteNames     = `DELETE FROM entity_names WHERE entity = ?`
	deleteEntityRow = `DELETE FROM entities WHERE pk = ?`
	hasEdges        = `SELECT EXISTS (SELECT 1 FROM edges WHERE from_id = ?) OR EXISTS (SELECT 1 FROM edges WHERE to_id = ?)`
	deleteArticle   = `DELETE FROM articles WHERE id = ?`
	selectRule      = `SELECT rule FROM curation_rules WHERE kind = ? AND id = ?`
	upsertRule      = `INSERT INTO curation_rules (kind, id, rule) VALUES (?, ?, ?)
		ON CONFLICT (kind, id) DO UPDATE SET rule = excluded.rule`
	deleteRule      = `DELETE FROM curation_rules WHERE kind = ? AND id = ?`
	bumpMeta        = `UPDATE meta SET value = value + ? WHERE key = ?`
	insertCuration  = `INSERT INTO curations (id, record) VALUES (?, ?) RETURNING seq`
	insertSubject   = `INSERT OR IGNORE INTO curation_subjects (subject, seq) VALUES (?, ?)`
	selectUndone    = `SELECT undone_by FROM curations WHERE id = ?`
	setUndone       = `UPDATE curations SET undone_by = ? WHERE id = ?`
	insertChange    = `INSERT INTO changes (change) VALUES (?) RETURNING seq`
	pruneChanges    = `DELETE FROM changes WHERE seq <= ?`
	selectCuration  = `SELECT seq, undone_by, record FROM curations WHERE id = ?`
	edgePKByID      = `SELECT pk FROM edges WHERE id = ?`
	entityPKByID    = `SELECT pk FROM entities WHERE id = ?`
	articleEdgesPKs = `SELECT DISTINCT edge FROM evidence WHERE article = ?
		UNION SELECT pk FROM edges WHERE from_id = ? AND type = 'MENTIONS'`
)

// Curate implements kg.CurationStore: one write transaction, serialized
// with Put, that checks every Before, writes every After, and appends the
// record and its change.
func (s *Store) Curate(ctx context.Context, c *kg.Curation) (*kg.Curation, error) {
	if err := kg.CheckCuration(c); err != nil {
		return nil, fmt.Errorf("sqlite: curate: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: curate: begin: %w", err)
	}
	defer tx.Rollback()
	p := &putter{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}, known: map[string]nodeKind{}, degrees: map[degreeKey]int{}}
	defer p.close()
	out, err := p.curate(c)
	if err != nil {
		return nil, fmt.Errorf("sqlite: curate %s: %w", c.ID, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: curate %s: commit: %w", c.ID, err)
	}
	return out, nil
}

func (p *putter) curate(c *kg.Curation) (*kg.Curation, error) {
	if c.Undoes != "" {
		row, err := p.queryRow(selectUndone, c.Undoes)
		if err != nil {
			return nil, err
		}
		var by string
		switch err := row.Scan(&by); {
		case errors.Is(err, sql.ErrNoRows):
			return nil, kg.Errorf(kg.ENOTFOUND, "no curation record %q", c.Undoes)
		case err != nil:
			return nil, err
		case by != "":
			return nil, kg.Errorf(kg.ECONFLICT, "%s was undone already, by %s", c.Undoes, by)
		}
	}
	if err := p.checkBefore(&c.Diff); err != nil {
		return nil, err
	}
	removed, err := p.applyDiff(&c.Diff)
	if err != nil {
		return nil, err
	}
	if err := p.exec(bumpMeta, 1, "curation_version"); err != nil {
		return nil, err
	}
	if removed > 0 {
		if err := p.exec(bumpMeta, removed, "edge_removals"); err != nil {
			return nil, err
		}
	}
	rec := *c
	rec.UndoneBy = ""
	rec.Subjects = c.Diff.Subjects()
	for _, id := range c.Subjects {
		rec.Subjects = append(rec.Subjects, id)
	}
	rec.Subjects = distinct(rec.Subjects)
	b, err := kg.EncodeCuration(&rec)
	if err != nil {
		return nil, err
	}
	row, err := p.queryRow(insertCuration, rec.ID, string(b))
	if err != nil {
		return nil, err
	}
	if err := row.Scan(&rec.Seq); err != nil {
		if sqliteCode(err) == sqliteConstraint {
			return nil, kg.Errorf(kg.ECONFLICT, "a curation record %s exists already", rec.ID)
		}
		return nil, err
	}
	for _, id := range rec.Subjects {
		if err := p.exec(insertSubject, id, rec.Seq); err != nil {
			return nil, err
		}
	}
	if c.Undoes != "" {
		if err := p.exec(setUndone, rec.ID, c.Undoes); err != nil {
			return nil, err
		}
	}
	if err := p.recordChange(kg.ChangeOfDiff(&rec)); err != nil {
		return nil, err
	}
	return &rec, nil
}

// sqliteConstraint is SQLITE_CONSTRAINT.
const sqliteConstraint = 19

// checkBefore returns ECONFLICT unless every Before of d is what is stored.
func (p *putter) checkBefore(d *kg.Diff) error {
	for _, x := range d.Entities {
		cur, _, err := p.entityNow(x.ID())
		if err != nil {
			return err
		}
		if !kg.SameEntity(cur, x.Before) {
			return kg.Errorf(kg.ECONFLICT, "entity %s has changed since it was read", x.ID())
		}
	}
	for _, x := range d.Edges {
		cur, _, err := p.edgeNow(x.ID())
		if err != nil {
			return err
		}
		if !kg.SameEdge(cur, x.Before) {
			return kg.Errorf(kg.ECONFLICT, "edge %s has changed since it was read", x.ID())
		}
	}
	for _, x := range d.Articles {
		cur, err := p.articleNow(x.ID())
		if err != nil {
			return err
		}
		if !kg.SameArticle(cur, x.Before) {
			return kg.Errorf(kg.ECONFLICT, "article %s has changed since it was read", x.ID())
		}
	}
	for _, x := range d.Rules {
		cur, err := p.ruleNow(x.Key())
		if err != nil {
			return err
		}
		if !kg.SameRule(cur, x.Before) {
			return kg.Errorf(kg.ECONFLICT, "rule %s has changed since it was read", x.Key())
		}
	}
	return nil
}

func (p *putter) entityNow(id string) (*kg.Entity, int64, error) {
	row, err := p.queryRow(selectEntity, id)
	if err != nil {
		return nil, 0, err
	}
	var pk int64
	var r entityRow
	err = row.Scan(append([]any{&pk}, r.dest()...)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	e, err := r.entity()
	return e, pk, err
}

func (p *putter) edgeNow(id string) (*kg.Edge, int64, error) {
	row, err := p.queryRow(edgePKByID, id)
	if err != nil {
		return nil, 0, err
	}
	var pk int64
	err = row.Scan(&pk)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	byPK, err := loadEdgesByPK(p.ctx, p.tx, []int64{pk})
	if err != nil {
		return nil, 0, err
	}
	return byPK[pk], pk, nil
}

func (p *putter) articleNow(id string) (*kg.Article, error) {
	row, err := p.queryRow(selectArticle, id)
	if err != nil {
		return nil, err
	}
	a := &kg.Article{ID: id}
	var published string
	err = row.Scan(&a.Title, &a.URL, &published, &a.Source, &a.Text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	a.Published, err = kg.ParseDate(published)
	return a, err
}

func (p *putter) ruleNow(k kg.RuleKey) (*kg.Rule, error) {
	row, err := p.queryRow(selectRule, string(k.Kind), k.ID)
	if err != nil {
		return nil, err
	}
	var b []byte
	err = row.Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return kg.DecodeRule(b)
}

// applyDiff writes the Afters of d, whose Befores are stored, and returns
// how many edges it removed. Order matters: edges go first, so that their
// ends may go; new entities and articles come before the edges that point
// at them.
func (p *putter) applyDiff(d *kg.Diff) (removed int64, err error) {
	for _, x := range d.Edges {
		if x.After == nil && x.Before != nil {
			if err := p.deleteEdge(x.Before); err != nil {
				return 0, fmt.Errorf("edge %s: %w", x.ID(), err)
			}
			removed++
		}
	}
	for _, x := range d.Articles {
		if x.After != nil {
			if err := p.writeArticle(x.After, x.Before != nil); err != nil {
				return 0, fmt.Errorf("article %s: %w", x.ID(), err)
			}
		}
	}
	for _, x := range d.Entities {
		if x.After == nil {
			continue
		}
		if err := p.writeEntity(x.After, x.Before != nil); err != nil {
			return 0, fmt.Errorf("entity %s: %w", x.ID(), err)
		}
	}
	for _, x := range d.Edges {
		switch {
		case x.After == nil:
		case x.Before == nil:
			if err := p.putEdge(x.After); err != nil {
				return 0, fmt.Errorf("edge %s: %w", x.ID(), err)
			}
		default:
			if err := p.replaceEdge(x.After); err != nil {
				return 0, fmt.Errorf("edge %s: %w", x.ID(), err)
			}
		}
	}
	for k, n := range p.degrees {
		if err := p.exec(addDegree, k.entity, string(k.typ), k.dir, n); err != nil {
			return 0, fmt.Errorf("update degrees: %w", err)
		}
	}
	clear(p.degrees)
	if p.edgeSpan > 0 {
		if err := p.exec(raiseSpan, p.edgeSpan, "edge_span_days"); err != nil {
			return 0, err
		}
	}
	if p.eventSpan > 0 {
		if err := p.exec(raiseSpan, p.eventSpan, "event_span_days"); err != nil {
			return 0, err
		}
	}
	for _, x := range d.Entities {
		if x.After != nil || x.Before == nil {
			continue
		}
		if err := p.deleteEntity(x.Before.ID); err != nil {
			return 0, fmt.Errorf("entity %s: %w", x.ID(), err)
		}
	}
	for _, x := range d.Articles {
		if x.After != nil || x.Before == nil {
			continue
		}
		row, err := p.queryRow(hasEdges, x.Before.ID, x.Before.ID)
		if err != nil {
			return 0, err
		}
		var has bool
		if err := row.Scan(&has); err != nil {
			return 0, err
		}
		if has {
			return 0, kg.Errorf(kg.ECONFLICT, "article %s still has edges", x.Before.ID)
		}
		if err := p.exec(deleteArticle, x.Before.ID); err != nil {
			return 0, err
		}
	}
	for _, x := range d.Rules {
		k := x.Key()
		if x.After == nil {
			if err := p.exec(deleteRule, string(k.Kind), k.ID); err != nil {
				return 0, err
			}
			continue
		}
		b, err := kg.EncodeRule(x.After)
		if err != nil {
			return 0, err
		}
		if err := p.exec(upsertRule, string(k.Kind), k.ID, string(b)); err != nil {
			return 0, err
		}
	}
	return removed, nil
}

func (p *putter) deleteEdge(e *kg.Edge) error {
	row, err := p.queryRow(edgePKByID, e.ID)
	if err != nil {
		return err
	}
	var pk int64
	if err := row.Scan(&pk); err != nil {
		return err
	}
	if err := p.exec(deleteEvidenceOf, pk); err != nil {
		return err
	}
	if err := p.exec(deleteEdgeRow, pk); err != nil {
		return err
	}
	dirs := []struct {
		entity string
		dir    int
	}{{e.From, degreeOut}, {e.To, degreeIn}}
	if e.From == e.To {
		dirs = append(dirs, struct {
			entity string
			dir    int
		}{e.From, degreeSelf})
	}
	for _, d := range dirs {
		if err := p.exec(subDegree, d.entity, string(e.Type), d.dir); err != nil {
			return err
		}
	}
	return nil
}

func (p *putter) writeArticle(a *kg.Article, exists bool) error {
	p.known[a.ID] = articleNode
	if exists {
		return p.exec(updateArticle, a.Title, a.URL, a.Published.String(), a.Source, a.Text, a.ID)
	}
	return p.exec(insertArticle, a.ID, a.Title, a.URL, a.Published.String(), a.Source, a.Text)
}

// writeEntity stores e as it is, replacing what is stored under its id.
func (p *putter) writeEntity(e *kg.Entity, exists bool) error {
	m := *e
	m.Aliases = kg.CleanAliases(m.Name, m.Aliases)
	p.known[e.ID] = entityNode
	if m.Kind == kg.Event {
		p.eventSpan = max(p.eventSpan, spanDays(m.Date, m.End))
	}
	if !exists {
		pk, inserted, err := p.insertEntity(&m)
		if err != nil {
			return err
		}
		if !inserted {
			return kg.Errorf(kg.ECONFLICT, "entity %s exists already", e.ID)
		}
		return p.indexNames(pk, &m, nil)
	}
	row, err := p.queryRow(entityPKByID, e.ID)
	if err != nil {
		return err
	}
	var pk int64
	if err := row.Scan(&pk); err != nil {
		return err
	}
	aliases, attrs, err := encodeEntityJSON(&m)
	if err != nil {
		return err
	}
	first, prec, last := dateKeys(m.Date, m.End)
	if err := p.exec(replaceEntity, m.Name, fold.Fold(m.Name), aliases, string(m.EventType), string(m.Status),
		m.Date.String(), m.End.String(), first, prec, last, attrs, pk); err != nil {
		return err
	}
	if err := p.exec(deleteNames, pk); err != nil {
		return err
	}
	return p.indexNames(pk, &m, &m)
}

// replaceEdge stores e as it is over the stored edge of its id.
func (p *putter) replaceEdge(e *kg.Edge) error {
	row, err := p.queryRow(edgePKByID, e.ID)
	if err != nil {
		return err
	}
	var pk int64
	if err := row.Scan(&pk); err != nil {
		return err
	}
	first, prec, last := dateKeys(e.Date, e.End)
	if err := p.exec(updateEdge, string(e.Status), e.Date.String(), e.End.String(), first, prec, last, pk); err != nil {
		return err
	}
	p.edgeSpan = max(p.edgeSpan, spanDays(e.Date, e.End))
	if err := p.exec(deleteEvidenceOf, pk); err != nil {
		return err
	}
	for _, ev := range e.Evidence {
		if err := p.exec(insertEvidence, pk, ev.Article, ev.Sentence, ev.Start, ev.End, ev.Quote); err != nil {
			return err
		}
	}
	return nil
}

func (p *putter) deleteEntity(id string) error {
	row, err := p.queryRow(hasEdges, id, id)
	if err != nil {
		return err
	}
	var has bool
	if err := row.Scan(&has); err != nil {
		return err
	}
	if has {
		return kg.Errorf(kg.ECONFLICT, "entity %s still has edges it gained since it was read", id)
	}
	row, err = p.queryRow(entityPKByID, id)
	if err != nil {
		return err
	}
	var pk int64
	if err := row.Scan(&pk); err != nil {
		return err
	}
	for _, q := range []string{deleteNames, deleteFTS, deleteEntityRow} {
		if err := p.exec(q, pk); err != nil {
			return err
		}
	}
	return nil
}

// recordChange appends ch to the change feed and drops what is older than
// the feed keeps.
func (p *putter) recordChange(ch kg.Change) error {
	if ch.At.IsZero() {
		ch.At = time.Now().UTC()
	}
	b, err := json.Marshal(ch)
	if err != nil {
		return fmt.Errorf("encode change: %w", err)
	}
	row, err := p.queryRow(insertChange, string(b))
	if err != nil {
		return err
	}
	var seq int64
	if err := row.Scan(&seq); err != nil {
		return fmt.Errorf("record change: %w", err)
	}
	if seq%100 == 0 && seq > 2*kg.KeepChanges {
		if err := p.exec(pruneChanges, seq-2*kg.KeepChanges); err != nil {
			return fmt.Errorf("prune changes: %w", err)
		}
	}
	return nil
}

// Curation implements kg.CurationStore.
func (s *Store) Curation(ctx context.Context, id string) (*kg.Curation, error) {
	var seq int64
	var undone string
	var b []byte
	err := s.read().QueryRowContext(ctx, selectCuration, id).Scan(&seq, &undone, &b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kg.Errorf(kg.ENOTFOUND, "no curation record %q", id)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: curation %s: %w", id, err)
	}
	c, err := kg.DecodeCuration(b)
	if err != nil {
		return nil, fmt.Errorf("sqlite: curation %s: %w", id, err)
	}
	c.Seq, c.UndoneBy = seq, undone
	return c, nil
}

// CurationLog implements kg.CurationStore. Pages are keyset pages on seq,
// newest first; the cursor is the last seq of the page.
func (s *Store) CurationLog(ctx context.Context, q kg.CurationQuery) (*kg.CurationPage, error) {
	n, err := pageSize(q.First)
	if err != nil {
		return nil, fmt.Errorf("sqlite: curation log: %w", err)
	}
	after, err := kg.DecodeCurationCursor(q.After)
	if err != nil {
		return nil, fmt.Errorf("sqlite: curation log: %w", err)
	}
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlite: curation log: %w", err)
	}
	defer tx.Rollback()
	var rows *sql.Rows
	page := &kg.CurationPage{}
	if q.Subject == "" {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM curations`).Scan(&page.TotalCount); err != nil {
			return nil, fmt.Errorf("sqlite: curation log: %w", err)
		}
		rows, err = tx.QueryContext(ctx, `SELECT seq, undone_by, record FROM curations WHERE seq < ? ORDER BY seq DESC LIMIT ?`, after, n+1)
	} else {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM curation_subjects WHERE subject = ?`, q.Subject).Scan(&page.TotalCount); err != nil {
			return nil, fmt.Errorf("sqlite: curation log: %w", err)
		}
		rows, err = tx.QueryContext(ctx, `SELECT c.seq, c.undone_by, c.record FROM curation_subjects s JOIN curations c ON c.seq = s.seq
			WHERE s.subject = ? AND s.seq < ? ORDER BY s.seq DESC LIMIT ?`, q.Subject, after, n+1)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: curation log: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var seq int64
		var undone string
		var b []byte
		if err := rows.Scan(&seq, &undone, &b); err != nil {
			return nil, fmt.Errorf("sqlite: curation log: %w", err)
		}
		if len(page.Records) == n {
			page.HasNext = true
			break
		}
		c, err := kg.DecodeCuration(b)
		if err != nil {
			return nil, fmt.Errorf("sqlite: curation log: %w", err)
		}
		c.Seq, c.UndoneBy = seq, undone
		page.Records = append(page.Records, c)
		page.Cursors = append(page.Cursors, kg.EncodeCurationCursor(seq))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: curation log: %w", err)
	}
	return page, nil
}

// ArticleEdges implements kg.CurationStore.
func (s *Store) ArticleEdges(ctx context.Context, article string) ([]*kg.Edge, error) {
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlite: edges of article %s: %w", article, err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, articleEdgesPKs, article, article)
	if err != nil {
		return nil, fmt.Errorf("sqlite: edges of article %s: %w", article, err)
	}
	var pks []int64
	for rows.Next() {
		var pk int64
		if err := rows.Scan(&pk); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: edges of article %s: %w", article, err)
		}
		pks = append(pks, pk)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: edges of article %s: %w", article, err)
	}
	byPK, err := loadEdgesByPK(ctx, tx, pks)
	if err != nil {
		return nil, fmt.Errorf("sqlite: edges of article %s: %w", article, err)
	}
	out := make([]*kg.Edge, 0, len(byPK))
	for _, e := range byPK {
		out = append(out, e)
	}
	sortEdgesByID(out)
	return out, nil
}

// Changes implements kg.CurationStore.
func (s *Store) Changes(ctx context.Context, after int64, limit int) ([]kg.Change, error) {
	if limit <= 0 || limit > kg.MaxChanges {
		limit = kg.MaxChanges
	}
	rows, err := s.read().QueryContext(ctx, `SELECT seq, change FROM changes WHERE seq > ? ORDER BY seq LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: changes: %w", err)
	}
	defer rows.Close()
	var out []kg.Change
	for rows.Next() {
		var seq int64
		var b []byte
		if err := rows.Scan(&seq, &b); err != nil {
			return nil, fmt.Errorf("sqlite: changes: %w", err)
		}
		var ch kg.Change
		if err := json.Unmarshal(b, &ch); err != nil {
			return nil, fmt.Errorf("sqlite: change %d: %w", seq, err)
		}
		ch.Seq = seq
		out = append(out, ch)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: changes: %w", err)
	}
	return out, nil
}

// LastChange implements kg.CurationStore.
func (s *Store) LastChange(ctx context.Context) (int64, error) {
	var seq sql.NullInt64
	if err := s.read().QueryRowContext(ctx, `SELECT max(seq) FROM changes`).Scan(&seq); err != nil {
		return 0, fmt.Errorf("sqlite: last change: %w", err)
	}
	return seq.Int64, nil
}

func sortEdgesByID(es []*kg.Edge) {
	slices.SortFunc(es, func(a, b *kg.Edge) int { return cmp.Compare(a.ID, b.ID) })
}
