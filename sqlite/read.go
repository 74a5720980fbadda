package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/diplograph/diplograph/kg"
)

// entityColumns are the columns entityRow scans, in its order.
const entityColumns = `id, kind, name, aliases, event_type, status, date, end_date, attrs`

// entityRow is an entities row as the driver returns it.
type entityRow struct {
	id, kind, name, aliases, eventType, status, date, end, attrs string
}

func (r *entityRow) dest() []any {
	return []any{&r.id, &r.kind, &r.name, &r.aliases, &r.eventType, &r.status, &r.date, &r.end, &r.attrs}
}

func (r *entityRow) entity() (*kg.Entity, error) {
	e := &kg.Entity{ID: r.id, Kind: kg.Kind(r.kind), Name: r.name, EventType: kg.EventType(r.eventType), Status: kg.Status(r.status)}
	var err error
	if e.Date, err = kg.ParseDate(r.date); err != nil {
		return nil, fmt.Errorf("entity %s: stored date: %w", r.id, err)
	}
	if e.End, err = kg.ParseDate(r.end); err != nil {
		return nil, fmt.Errorf("entity %s: stored end date: %w", r.id, err)
	}
	// Most entities have neither aliases nor attributes, and decoding "[]"
	// and "{}" cost a timeline of a few hundred events a tenth of its time.
	if r.aliases != "[]" {
		if err := json.Unmarshal([]byte(r.aliases), &e.Aliases); err != nil {
			return nil, fmt.Errorf("entity %s: stored aliases: %w", r.id, err)
		}
	}
	if r.attrs != "{}" {
		if err := json.Unmarshal([]byte(r.attrs), &e.Attrs); err != nil {
			return nil, fmt.Errorf("entity %s: stored attributes: %w", r.id, err)
		}
	}
	// Empty collections come back as nil, whatever was put.
	if len(e.Aliases) == 0 {
		e.Aliases = nil
	}
	if len(e.Attrs) == 0 {
		e.Attrs = nil
	}
	return e, nil
}

// scanEntities reads rows of entityColumns.
func scanEntities(rows *sql.Rows) ([]*kg.Entity, error) {
	defer rows.Close()
	var out []*kg.Entity
	for rows.Next() {
		var r entityRow
		if err := rows.Scan(r.dest()...); err != nil {
			return nil, err
		}
		e, err := r.entity()
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// edgeColumns are the columns edgeRow scans, in its order.
const edgeColumns = `id, type, from_id, to_id, role, status, date, end_date`

type edgeRow struct {
	id, typ, from, to, role, status, date, end string
}

func (r *edgeRow) dest() []any {
	return []any{&r.id, &r.typ, &r.from, &r.to, &r.role, &r.status, &r.date, &r.end}
}

func (r *edgeRow) edge() (*kg.Edge, error) {
	e := &kg.Edge{ID: r.id, Type: kg.EdgeType(r.typ), From: r.from, To: r.to, Role: r.role, Status: kg.Status(r.status)}
	var err error
	if e.Date, err = kg.ParseDate(r.date); err != nil {
		return nil, fmt.Errorf("edge %s: stored date: %w", r.id, err)
	}
	if e.End, err = kg.ParseDate(r.end); err != nil {
		return nil, fmt.Errorf("edge %s: stored end date: %w", r.id, err)
	}
	return e, nil
}

// Entity returns the entity with the given id, or ENOTFOUND.
func (s *Store) Entity(ctx context.Context, id string) (*kg.Entity, error) {
	var r entityRow
	err := s.read().QueryRowContext(ctx, `SELECT `+entityColumns+` FROM entities WHERE id = ?`, id).Scan(r.dest()...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kg.Errorf(kg.ENOTFOUND, "no entity %q", id)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: entity %s: %w", id, err)
	}
	e, err := r.entity()
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	return e, nil
}

// Entities returns the entities with the given ids, in the same order, with
// nil where no entity has that id. It is one query however many ids there
// are: they travel as one JSON array parameter.
func (s *Store) Entities(ctx context.Context, ids []string) ([]*kg.Entity, error) {
	out := make([]*kg.Entity, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	byID, err := loadEntities(ctx, s.read(), ids)
	if err != nil {
		return nil, fmt.Errorf("sqlite: entities: %w", err)
	}
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out, nil
}

// loadEntities returns the stored entities among ids, by id.
func loadEntities(ctx context.Context, q queryer, ids []string) (map[string]*kg.Entity, error) {
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT `+entityColumns+` FROM entities WHERE id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, err
	}
	es, err := scanEntities(rows)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*kg.Entity, len(es))
	for _, e := range es {
		byID[e.ID] = e
	}
	return byID, nil
}

// loadEvidence fills in the evidence of edges, keyed by edges.pk, in one
// query.
func loadEvidence(ctx context.Context, q queryer, edges map[int64]*kg.Edge) error {
	if len(edges) == 0 {
		return nil
	}
	pks := make([]int64, 0, len(edges))
	for pk := range edges {
		pks = append(pks, pk)
	}
	list, err := json.Marshal(pks)
	if err != nil {
		return err
	}
	rows, err := q.QueryContext(ctx, `SELECT edge, article, sentence, start, "end", quote FROM evidence
		WHERE edge IN (SELECT value FROM json_each(?)) ORDER BY edge, rowid`, string(list))
	if err != nil {
		return fmt.Errorf("evidence: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var pk int64
		var ev kg.Evidence
		if err := rows.Scan(&pk, &ev.Article, &ev.Sentence, &ev.Start, &ev.End, &ev.Quote); err != nil {
			return fmt.Errorf("evidence: %w", err)
		}
		e := edges[pk]
		e.Evidence = append(e.Evidence, ev)
	}
	return rows.Err()
}

// Article returns the article with the given id, or ENOTFOUND.
func (s *Store) Article(ctx context.Context, id string) (*kg.Article, error) {
	as, err := s.Articles(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	if as[0] == nil {
		return nil, kg.Errorf(kg.ENOTFOUND, "no article %q", id)
	}
	return as[0], nil
}

// Articles returns the articles with the given ids, in the same order, with
// nil where no article has that id, in one query.
func (s *Store) Articles(ctx context.Context, ids []string) ([]*kg.Article, error) {
	out := make([]*kg.Article, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, fmt.Errorf("sqlite: articles: %w", err)
	}
	rows, err := s.read().QueryContext(ctx, `SELECT id, title, url, published, source, body FROM articles
		WHERE id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, fmt.Errorf("sqlite: articles: %w", err)
	}
	defer rows.Close()
	byID := map[string]*kg.Article{}
	for rows.Next() {
		a := &kg.Article{}
		var published string
		if err := rows.Scan(&a.ID, &a.Title, &a.URL, &published, &a.Source, &a.Text); err != nil {
			return nil, fmt.Errorf("sqlite: articles: %w", err)
		}
		if a.Published, err = kg.ParseDate(published); err != nil {
			return nil, fmt.Errorf("sqlite: article %s: stored published date: %w", a.ID, err)
		}
		byID[a.ID] = a
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: articles: %w", err)
	}
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out, nil
}

// Stats counts what is stored. ByKind has an entry for each kind that has
// at least one entity.
func (s *Store) Stats(ctx context.Context) (kg.Stats, error) {
	st := kg.Stats{ByKind: map[kg.Kind]int{}}
	tx, err := s.readTx(ctx)
	if err != nil {
		return kg.Stats{}, fmt.Errorf("sqlite: stats: %w", err)
	}
	defer tx.Rollback()
	err = tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM edges)`).Scan(&st.Articles, &st.Edges)
	if err != nil {
		return kg.Stats{}, fmt.Errorf("sqlite: stats: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT kind, count(*) FROM entities GROUP BY kind`)
	if err != nil {
		return kg.Stats{}, fmt.Errorf("sqlite: stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return kg.Stats{}, fmt.Errorf("sqlite: stats: %w", err)
		}
		st.ByKind[kg.Kind(k)] = n
		st.Entities += n
	}
	if err := rows.Err(); err != nil {
		return kg.Stats{}, fmt.Errorf("sqlite: stats: %w", err)
	}
	return st, nil
}
