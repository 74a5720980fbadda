package neo4j

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"

	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/kg"
)

// Put writes b in one managed transaction, merging with what is stored as
// kg.Store.Put documents. It returns EINVALID for a malformed batch or an
// edge whose end is not stored (or, for a non-MENTIONS edge, is an
// article), and ECONFLICT when an id already names something else: an
// entity of another kind, an edge between other ends. On any error nothing
// of b is written.
//
// An article already stored keeps its fields, blanks aside: the evidence of
// stored edges points into its stored text.
//
// Each item is locked before it is read (see the package comment), so
// concurrent Puts of overlapping batches merge instead of overwriting each
// other; items are locked in one order (kind or type, then id) so that two
// Puts rarely deadlock, and when they do the driver retries the loser.
func (s *Store) Put(ctx context.Context, b *kg.Batch) error {
	if err := validateBatch(b); err != nil {
		return fmt.Errorf("neo4j: put batch: %w", err)
	}
	if b.Len() == 0 {
		return nil
	}
	p, err := planBatch(b)
	if err != nil {
		return fmt.Errorf("neo4j: put batch: %w", err)
	}
	for attempt := 1; ; attempt++ {
		err = s.write(ctx, func(tx neo4jdrv.ManagedTransaction) error { return p.write(ctx, tx) })
		if !errors.Is(err, errEdgeRace) || attempt == maxRaceAttempts {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("neo4j: put batch: %w", err)
	}
	return nil
}

// errEdgeRace means that an edge the batch found missing was created by
// another transaction before this one could: Put runs again, and finds
// it. (The driver retries only the server's transient errors.)
var errEdgeRace = errors.New("an edge was created concurrently")

// maxRaceAttempts bounds how often Put runs again after errEdgeRace; each
// time, at least the edges the other transaction committed are found.
const maxRaceAttempts = 10

// A plan is a batch grouped the way it is written: one group per id, in
// lock order, each with the records of the batch in batch order and what
// they fold to when nothing is stored.
type plan struct {
	articles []*articleGroup
	entities [][]*entityGroup    // by kind, in kg.Kinds order
	edges    []*edgeGroup        // in lock order: type (kg.EdgeTypes order), then id
	inBatch  map[string]nodeKind // ids of the batch's entities and articles
}

type articleGroup struct {
	recs  []*kg.Article
	fresh kg.Article
}

type entityGroup struct {
	recs  []*kg.Entity
	fresh kg.Entity
}

type edgeGroup struct {
	recs  []*kg.Edge
	fresh kg.Edge
}

// edgeGroupSet holds the edges of one relationship type whose ends carry
// the same labels: one MERGE statement.
type edgeGroupSet struct {
	typ            kg.EdgeType
	fromArt, toArt bool // the end is an article
	groups         []*edgeGroup
}

type nodeKind uint8

const (
	missing nodeKind = iota
	entityNode
	articleNode
)

// planBatch groups b. It returns ECONFLICT for two records of one id that
// contradict each other (kinds, edge ends).
func planBatch(b *kg.Batch) (*plan, error) {
	p := &plan{inBatch: map[string]nodeKind{}}

	arts := map[string]*articleGroup{}
	for i := range b.Articles {
		a := &b.Articles[i]
		g := arts[a.ID]
		if g == nil {
			g = &articleGroup{fresh: *a}
			arts[a.ID] = g
			p.articles = append(p.articles, g)
		} else {
			g.fresh = mergeArticle(&g.fresh, a)
		}
		g.recs = append(g.recs, a)
		p.inBatch[a.ID] = articleNode
	}
	slices.SortFunc(p.articles, func(x, y *articleGroup) int { return cmp.Compare(x.fresh.ID, y.fresh.ID) })

	ents := map[string]*entityGroup{}
	byKind := map[kg.Kind][]*entityGroup{}
	for i := range b.Entities {
		e := &b.Entities[i]
		g := ents[e.ID]
		switch {
		case g == nil:
			g = &entityGroup{fresh: newEntity(e)}
			ents[e.ID] = g
			byKind[e.Kind] = append(byKind[e.Kind], g)
		case g.fresh.Kind != e.Kind:
			return nil, kg.Errorf(kg.ECONFLICT, "entity %s comes as a %s and as a %s", e.ID, g.fresh.Kind, e.Kind)
		default:
			mergeEntity(&g.fresh, e)
		}
		g.recs = append(g.recs, e)
		p.inBatch[e.ID] = entityNode // an entity id wins over an article id, as in the SQLite store
	}
	for _, k := range kg.Kinds {
		gs := byKind[k]
		slices.SortFunc(gs, func(x, y *entityGroup) int { return cmp.Compare(x.fresh.ID, y.fresh.ID) })
		p.entities = append(p.entities, gs)
	}

	edges := map[string]*edgeGroup{}
	for i := range b.Edges {
		e := &b.Edges[i]
		g := edges[e.ID]
		switch {
		case g == nil:
			g = &edgeGroup{fresh: newEdge(e)}
			edges[e.ID] = g
		case g.fresh.Type != e.Type || g.fresh.From != e.From || g.fresh.To != e.To:
			return nil, kg.Errorf(kg.ECONFLICT, "edge %s comes as %s %s→%s and as %s %s→%s",
				e.ID, g.fresh.Type, g.fresh.From, g.fresh.To, e.Type, e.From, e.To)
		default:
			kg.MergeEdge(&g.fresh, e)
		}
		g.recs = append(g.recs, e)
	}
	// Edges are split by their ends' labels once the ends are known (in
	// the transaction); here they are only put in lock order.
	for _, g := range edges {
		p.edges = append(p.edges, g)
	}
	typeRank := map[kg.EdgeType]int{}
	for i, t := range kg.EdgeTypes {
		typeRank[t] = i
	}
	slices.SortFunc(p.edges, func(x, y *edgeGroup) int {
		return cmp.Or(cmp.Compare(typeRank[x.fresh.Type], typeRank[y.fresh.Type]), cmp.Compare(x.fresh.ID, y.fresh.ID))
	})
	return p, nil
}

// Statements of Put. %s marks where a label or relationship type from the
// kg enums goes (see labels and relTypes); all values are parameters.
const (
	// endsQuery returns the ids edges point at that are not stored
	// entities, and whether each is a stored article; entities, the common
	// case, cost one index probe and no record.
	endsQuery = `UNWIND $ids AS id
WITH id WHERE NOT EXISTS { MATCH (:Entity {id: id}) }
RETURN id, EXISTS { MATCH (:Article {id: id}) } AS article`

	// mergeArticles creates the batch's new articles with their final
	// properties and locks the stored ones (a SET, even of a value to
	// itself, takes the node's write lock), then returns the stored ones
	// that differ from what the batch alone would store: those need a merge.
	mergeArticles = `UNWIND $rows AS row
MERGE (a:Article {id: row.id})
ON CREATE SET a = row.props
ON MATCH SET a.id = row.id
WITH a, row WHERE properties(a) <> row.props
RETURN properties(a) AS props`

	// setArticles writes merged articles whole.
	setArticles = `UNWIND $rows AS row
MATCH (a:Article {id: row.id})
SET a = row.props`

	// mergeEntities is mergeArticles for the entities of one kind; a new
	// node gets its kind's label.
	mergeEntities = `UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e = row.props, e:%s
ON MATCH SET e.id = row.id
WITH e, row WHERE properties(e) <> row.props
RETURN properties(e) AS props`

	setEntities = `UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
SET e = row.props`

	// mergeEdges writes the edges of one type between ends of the given
	// labels (%[1]s, %[2]s; %[3]s is the type). It looks each edge up by
	// id in the type's uniqueness index (the hints keep the planner from
	// scanning an index while its statistics still count few items) and
	// creates the edges it does not find with their final properties,
	// without MERGE's second look-up and without reading them back. When
	// a concurrent Put creates one of them first, the uniqueness
	// constraint fails this statement and Put runs again (errEdgeRace).
	// Edges found are locked (a SET, even of a value to itself, takes the
	// relationship's write lock) and returned when they lie between other
	// ends (ECONFLICT) or differ from what the batch alone would store:
	// those need a merge.
	mergeEdges = `UNWIND $rows AS row
OPTIONAL MATCH (x)-[r:%[3]s {id: row.id}]->(y) USING INDEX r:%[3]s(id)
CALL (row, r) {
  WITH row WHERE r IS NULL
  MATCH (a:%[1]s {id: row.from}) USING INDEX a:%[1]s(id)
  MATCH (b:%[2]s {id: row.to}) USING INDEX b:%[2]s(id)
  CREATE (a)-[n:%[3]s]->(b)
  SET n = row.props
}
WITH row, r, x, y WHERE r IS NOT NULL
SET r.id = row.id
WITH row, r, x.id = row.from AND y.id = row.to AND x:%[1]s AND y:%[2]s AS same
WHERE NOT same OR properties(r) <> row.props
RETURN row.id AS id, same, properties(r) AS props`

	setEdges = `UNWIND $rows AS row
MATCH ()-[r:%s {id: row.id}]->()
SET r = row.props`

	// raiseEventSpan raises the longest event span. The first SET takes the
	// meta node's lock, so that the comparison in the second reads the
	// latest committed value: two Puts can then only raise it. The WHERE
	// skips the lock in the common case, where the span is long enough
	// already (it only ever grows).
	raiseEventSpan = `MATCH (m:` + metaLabel + ` {key: $key})
WHERE coalesce(m.value, 0) < $span
SET m.key = m.key
SET m.value = CASE WHEN coalesce(m.value, 0) < $span THEN $span ELSE m.value END`
)

const constraintFailed = "Neo.ClientError.Schema.ConstraintValidationFailed"

// write runs the plan in tx. It is called again from the start when the
// driver retries the transaction, and changes nothing of p.
func (p *plan) write(ctx context.Context, tx neo4jdrv.ManagedTransaction) error {
	// Edge ends first: a batch with a dangling edge fails before it writes.
	sets, err := p.splitEdges(ctx, tx)
	if err != nil {
		return err
	}
	var span int64
	if err := p.writeArticles(ctx, tx); err != nil {
		return err
	}
	for i, gs := range p.entities {
		sp, err := writeEntities(ctx, tx, kg.Kinds[i], gs)
		if err != nil {
			return err
		}
		span = max(span, sp)
	}
	for _, set := range sets {
		if err := writeEdges(ctx, tx, set); err != nil {
			return err
		}
	}
	if span > 0 {
		if _, err := run(ctx, tx, raiseEventSpan, map[string]any{"key": eventSpanKey, "span": span}); err != nil {
			return fmt.Errorf("event span: %w", err)
		}
	}
	return nil
}

// splitEdges checks the ends of the batch's edges and splits them into one
// set per type and end labels, in lock order.
func (p *plan) splitEdges(ctx context.Context, tx neo4jdrv.ManagedTransaction) ([]*edgeGroupSet, error) {
	if len(p.edges) == 0 {
		return nil, nil
	}
	kinds := map[string]nodeKind{}
	var ask []string
	for _, g := range p.edges {
		for _, id := range []string{g.fresh.From, g.fresh.To} {
			if k, ok := p.inBatch[id]; ok {
				kinds[id] = k
			} else if _, ok := kinds[id]; !ok {
				kinds[id] = entityNode // unless endsQuery says otherwise
				ask = append(ask, id)
			}
		}
	}
	if len(ask) > 0 {
		recs, err := run(ctx, tx, endsQuery, map[string]any{"ids": ask})
		if err != nil {
			return nil, fmt.Errorf("edge ends: %w", err)
		}
		for _, r := range recs {
			id, _ := r.Values[0].(string)
			kinds[id] = missing
			if article, _ := r.Values[1].(bool); article {
				kinds[id] = articleNode
			}
		}
	}

	type setKey struct {
		typ            kg.EdgeType
		fromArt, toArt bool
	}
	var sets []*edgeGroupSet
	bySet := map[setKey]*edgeGroupSet{}
	for _, g := range p.edges {
		e := &g.fresh
		for _, id := range []string{e.From, e.To} {
			switch k := kinds[id]; {
			case k == entityNode:
			case k == articleNode && e.Type == kg.Mentions:
			case k == articleNode:
				return nil, kg.Errorf(kg.EINVALID, "edge %s: only MENTIONS edges may start or end at an article, not %s", e.ID, e.Type)
			default:
				return nil, kg.Errorf(kg.EINVALID, "edge %s (%s %s→%s): no entity %s is stored", e.ID, e.Type, e.From, e.To, id)
			}
		}
		key := setKey{e.Type, kinds[e.From] == articleNode, kinds[e.To] == articleNode}
		set := bySet[key]
		if set == nil {
			set = &edgeGroupSet{typ: key.typ, fromArt: key.fromArt, toArt: key.toArt}
			bySet[key] = set
			sets = append(sets, set)
		}
		set.groups = append(set.groups, g)
	}
	return sets, nil
}

func (p *plan) writeArticles(ctx context.Context, tx neo4jdrv.ManagedTransaction) error {
	if len(p.articles) == 0 {
		return nil
	}
	rows := make([]map[string]any, len(p.articles))
	byID := make(map[string]*articleGroup, len(p.articles))
	for i, g := range p.articles {
		rows[i] = map[string]any{"id": g.fresh.ID, "props": articleProps(&g.fresh)}
		byID[g.fresh.ID] = g
	}
	recs, err := run(ctx, tx, mergeArticles, map[string]any{"rows": rows})
	if err != nil {
		return fmt.Errorf("articles: %w", err)
	}
	var changed []map[string]any
	for _, r := range recs {
		stored, err := decodeArticle(propsOf(r))
		if err != nil {
			return err
		}
		m := *stored
		for _, a := range byID[stored.ID].recs {
			m = mergeArticle(&m, a)
		}
		if m != *stored {
			changed = append(changed, map[string]any{"id": m.ID, "props": articleProps(&m)})
		}
	}
	if len(changed) > 0 {
		if _, err := run(ctx, tx, setArticles, map[string]any{"rows": changed}); err != nil {
			return fmt.Errorf("articles: %w", err)
		}
	}
	return nil
}

// writeEntities writes the entities of kind k and returns the longest span
// among the events it wrote.
func writeEntities(ctx context.Context, tx neo4jdrv.ManagedTransaction, k kg.Kind, gs []*entityGroup) (int64, error) {
	if len(gs) == 0 {
		return 0, nil
	}
	var span int64
	rows := make([]map[string]any, len(gs))
	byID := make(map[string]*entityGroup, len(gs))
	for i, g := range gs {
		rows[i] = map[string]any{"id": g.fresh.ID, "props": entityProps(&g.fresh)}
		byID[g.fresh.ID] = g
		span = max(span, spanDays(g.fresh.Date, g.fresh.End))
	}
	recs, err := run(ctx, tx, fmt.Sprintf(mergeEntities, labels[k]), map[string]any{"rows": rows})
	if err != nil {
		return 0, fmt.Errorf("%s entities: %w", labels[k], err)
	}
	var changed []map[string]any
	for _, r := range recs {
		stored, err := decodeEntity(propsOf(r))
		if err != nil {
			return 0, err
		}
		if stored.Kind != k {
			return 0, kg.Errorf(kg.ECONFLICT, "entity %s is stored as a %s, not a %s", stored.ID, stored.Kind, k)
		}
		m := *stored
		m.Aliases, m.Attrs = slices.Clone(stored.Aliases), maps.Clone(stored.Attrs) // merging changes them in place
		for _, e := range byID[stored.ID].recs {
			mergeEntity(&m, e)
		}
		if props := entityProps(&m); !reflect.DeepEqual(props, entityProps(stored)) {
			changed = append(changed, map[string]any{"id": m.ID, "props": props})
			span = max(span, spanDays(m.Date, m.End))
		}
	}
	if len(changed) > 0 {
		if _, err := run(ctx, tx, setEntities, map[string]any{"rows": changed}); err != nil {
			return 0, fmt.Errorf("%s entities: %w", labels[k], err)
		}
	}
	if k != kg.Event {
		span = 0
	}
	return span, nil
}

func writeEdges(ctx context.Context, tx neo4jdrv.ManagedTransaction, set *edgeGroupSet) error {
	endLabel := func(article bool) string {
		if article {
			return "Article"
		}
		return "Entity"
	}
	rows := make([]map[string]any, len(set.groups))
	byID := make(map[string]*edgeGroup, len(set.groups))
	for i, g := range set.groups {
		rows[i] = map[string]any{"id": g.fresh.ID, "from": g.fresh.From, "to": g.fresh.To, "props": edgeProps(&g.fresh)}
		byID[g.fresh.ID] = g
	}
	typ := relTypes[set.typ]
	q := fmt.Sprintf(mergeEdges, endLabel(set.fromArt), endLabel(set.toArt), typ)
	recs, err := run(ctx, tx, q, map[string]any{"rows": rows})
	if err != nil {
		var dbErr *neo4jdrv.Neo4jError
		if errors.As(err, &dbErr) && dbErr.Code == constraintFailed {
			// The statement found no edge under the id (an edge between
			// other ends is found and reported below), so another
			// transaction created it since: run the batch again.
			return fmt.Errorf("%s edges: %w: %s", set.typ, errEdgeRace, dbErr.Msg)
		}
		return fmt.Errorf("%s edges: %w", set.typ, err)
	}
	var changed []map[string]any
	for _, r := range recs {
		id, _ := r.Values[0].(string)
		g := byID[id]
		if g == nil {
			return fmt.Errorf("%s edges: the statement returned unknown edge %q", set.typ, id)
		}
		if same, _ := r.Values[1].(bool); !same {
			return kg.Errorf(kg.ECONFLICT, "edge %s (%s %s→%s) is stored between other ends", id, set.typ, g.fresh.From, g.fresh.To)
		}
		m := propsOf(r)
		stored, err := decodeEdge(m, string(set.typ), g.fresh.From, g.fresh.To)
		if err != nil {
			return err
		}
		merged := *stored
		merged.Evidence = slices.Clone(stored.Evidence) // merging appends to it
		for _, e := range g.recs {
			kg.MergeEdge(&merged, e)
		}
		if props := edgeProps(&merged); !reflect.DeepEqual(props, edgeProps(stored)) {
			changed = append(changed, map[string]any{"id": id, "props": props})
		}
	}
	if len(changed) > 0 {
		if _, err := run(ctx, tx, fmt.Sprintf(setEdges, typ), map[string]any{"rows": changed}); err != nil {
			return fmt.Errorf("%s edges: %w", set.typ, err)
		}
	}
	return nil
}

// propsOf returns the "props" column of a record.
func propsOf(r *neo4jdrv.Record) map[string]any {
	v, _ := r.Get("props")
	m, _ := v.(map[string]any)
	return m
}
