package neo4j

import (
	"context"
	"fmt"
	"strings"

	"github.com/diplograph/diplograph/kg"
)

const entityQuery = `MATCH (e:Entity {id: $id}) RETURN properties(e) AS props`

// Entity returns the entity with the given id, or ENOTFOUND.
func (s *Store) Entity(ctx context.Context, id string) (*kg.Entity, error) {
	recs, err := s.query(ctx, entityQuery, map[string]any{"id": id})
	if err != nil {
		return nil, fmt.Errorf("neo4j: entity %s: %w", id, err)
	}
	if len(recs) == 0 {
		return nil, kg.Errorf(kg.ENOTFOUND, "no entity %q", id)
	}
	e, err := decodeEntity(propsOf(recs[0]))
	if err != nil {
		return nil, fmt.Errorf("neo4j: %w", err)
	}
	return e, nil
}

const entitiesQuery = `UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN properties(e) AS props`

// Entities returns the entities with the given ids, in the same order, with
// nil where no entity has that id. It is one query, with each distinct id
// an index seek.
func (s *Store) Entities(ctx context.Context, ids []string) ([]*kg.Entity, error) {
	out := make([]*kg.Entity, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	byID, err := s.entitiesByID(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("neo4j: entities: %w", err)
	}
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out, nil
}

func (s *Store) entitiesByID(ctx context.Context, ids []string) (map[string]*kg.Entity, error) {
	recs, err := s.query(ctx, entitiesQuery, map[string]any{"ids": distinct(ids)})
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*kg.Entity, len(recs))
	for _, r := range recs {
		e, err := decodeEntity(propsOf(r))
		if err != nil {
			return nil, err
		}
		byID[e.ID] = e
	}
	return byID, nil
}

const articlesQuery = `UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN properties(a) AS props`

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
// nil where no article has that id. It is one query, with each distinct id
// an index seek.
func (s *Store) Articles(ctx context.Context, ids []string) ([]*kg.Article, error) {
	out := make([]*kg.Article, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := s.query(ctx, articlesQuery, map[string]any{"ids": distinct(ids)})
	if err != nil {
		if len(ids) == 1 {
			return nil, fmt.Errorf("neo4j: article %s: %w", ids[0], err)
		}
		return nil, fmt.Errorf("neo4j: articles: %w", err)
	}
	byID := make(map[string]*kg.Article, len(recs))
	for _, r := range recs {
		a, err := decodeArticle(propsOf(r))
		if err != nil {
			return nil, fmt.Errorf("neo4j: %w", err)
		}
		byID[a.ID] = a
	}
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out, nil
}

// statsQuery counts articles, relationships and the nodes of each kind
// label. Each count of a single label or of all relationships is answered
// from Neo4j's count store, without reading a node.
var statsQuery = func() string {
	var b strings.Builder
	b.WriteString("RETURN COUNT { MATCH (:Article) } AS articles, COUNT { MATCH ()-[]->() } AS edges")
	for _, k := range kg.Kinds {
		fmt.Fprintf(&b, ", COUNT { MATCH (:%s) } AS `%s`", labels[k], k)
	}
	return b.String()
}()

// Stats counts what is stored. ByKind has an entry for each kind that has
// at least one entity.
func (s *Store) Stats(ctx context.Context) (kg.Stats, error) {
	recs, err := s.query(ctx, statsQuery, nil)
	if err != nil {
		return kg.Stats{}, fmt.Errorf("neo4j: stats: %w", err)
	}
	if len(recs) != 1 {
		return kg.Stats{}, fmt.Errorf("neo4j: stats: %d records", len(recs))
	}
	r := recs[0]
	count := func(key string) int {
		v, _ := r.Get(key)
		n, _ := v.(int64)
		return int(n)
	}
	st := kg.Stats{Articles: count("articles"), Edges: count("edges"), ByKind: map[kg.Kind]int{}}
	for _, k := range kg.Kinds {
		if n := count(string(k)); n > 0 {
			st.ByKind[k] = n
			st.Entities += n
		}
	}
	return st, nil
}
