package neo4j

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/kg"
)

// Put writes b in one managed transaction, merging with what is stored as
// kg.Store.Put documents. It returns EINVALID for a malformed batch, for
// evidence citing an article id longer than the 32,766 bytes the evidence
// index holds, or for an edge whose end is not stored (or, for a
// non-MENTIONS edge, is an article), and ECONFLICT when an id already names something else: an
// entity of another kind, an edge between other ends. On any error nothing
// of b is written.
//
// An article already stored keeps its fields, blanks aside: the evidence of
// stored edges points into its stored text.
//
// Each item is locked before the read its merge starts from (see the
// package comment), so concurrent Puts of overlapping batches merge instead
// of overwriting each other; items are locked in one order (kind or type,
// then id) so that two Puts rarely deadlock, and when they do the driver
// retries the loser.
func (s *Store) Put(ctx context.Context, b *kg.Batch) error {
	if err := validateBatch(b); err != nil {
		return fmt.Errorf("neo4j: put batch: %w", err)
	}
	if err := checkIndexedTerms(b); err != nil {
		return fmt.Errorf("neo4j: put batch: %w", err)
	}
	if b.Len() == 0 {
		return nil
	}
	// The batch is planned in the transaction, as the curation rules of
	// the moment say (curate.go), and its change recorded there.
	var err error
	for attempt := 1; ; attempt++ {
		err = s.write(ctx, func(tx neo4jdrv.ManagedTransaction) error { return s.putIn(ctx, tx, b) })
		if !(errors.Is(err, errEdgeRace) || errors.Is(err, errCurationRace)) || attempt == maxRaceAttempts {
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
	// change, when set, collects what the write changes (curate.go).
	change *kg.Change
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
// the same labels: one statement of each kind (see writeEdges).
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
//
// Every lookup by id carries USING INDEX SEEK. A plain USING INDEX is not
// enough: while the statistics say a relationship type has few edges (a new
// database, one just emptied), the planner meets it with an index scan and
// a filter, and keeps that plan cached while the type grows, so that the
// second to fourth 10,000-edge Puts of a load took seconds each: one scan
// of the whole index per edge.
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
MATCH (a:Article {id: row.id}) USING INDEX SEEK a:Article(id)
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
MATCH (e:Entity {id: row.id}) USING INDEX SEEK e:Entity(id)
SET e = row.props`

	// edgesFound returns the stored edges of one type (%[3]s) among the
	// ids $ids, with their ends, whether the ends carry the labels %[1]s
	// and %[2]s, and their properties: one seek each in the type's
	// uniqueness index. It locks nothing: finding that a
	// batch's edges are new costs one seek per edge, and finding that a
	// stored edge already holds everything the batch has needs no lock
	// either, since merges only ever add to an edge.
	edgesFound = `UNWIND $ids AS id
MATCH (x)-[r:%[3]s {id: id}]->(y) USING INDEX SEEK r:%[3]s(id)
RETURN id, x.id AS from, y.id AS to, x:%[1]s AND y:%[2]s AS labels, properties(r) AS props`

	// createEdges creates new edges of one type (%[3]s) between ends of the
	// given labels (%[1]s, %[2]s) with their final properties, which %[4]s
	// spells out (see edgePropKeys): a statement that only reads nodes
	// and creates relationships streams its rows, where MERGE, or a SET
	// from a map, makes the planner buffer them all first. When a
	// concurrent Put has created one of the edges since edgesFound, the
	// uniqueness constraint fails the statement and Put runs again
	// (errEdgeRace), then finds it.
	createEdges = `UNWIND $rows AS row
MATCH (a:%[1]s {id: row.from}) USING INDEX SEEK a:%[1]s(id)
MATCH (b:%[2]s {id: row.to}) USING INDEX SEEK b:%[2]s(id)
CREATE (a)-[:%[3]s {%[4]s}]->(b)`

	// lockEdges locks the stored edges of one type (%[1]s) that the batch
	// changes (a SET, even of a value to itself, takes the relationship's
	// write lock) and reads them again, now that no other Put can change
	// them before this one commits.
	lockEdges = `UNWIND $ids AS id
MATCH ()-[r:%[1]s {id: id}]->() USING INDEX SEEK r:%[1]s(id)
SET r.id = id
RETURN id, properties(r) AS props`

	setEdges = `UNWIND $rows AS row
MATCH ()-[r:%[1]s {id: row.id}]->() USING INDEX SEEK r:%[1]s(id)
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
	if p.change != nil {
		if err := p.noteCreated(ctx, tx); err != nil {
			return err
		}
	}
	if err := p.writeArticles(ctx, tx); err != nil {
		return err
	}
	for i, gs := range p.entities {
		sp, err := writeEntities(ctx, tx, kg.Kinds[i], gs, p.change)
		if err != nil {
			return err
		}
		span = max(span, sp)
	}
	for _, set := range sets {
		if err := writeEdges(ctx, tx, set, p.change); err != nil {
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
			if p.change != nil {
				p.change.Articles = append(p.change.Articles, m.ID)
			}
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
func writeEntities(ctx context.Context, tx neo4jdrv.ManagedTransaction, k kg.Kind, gs []*entityGroup, ch *kg.Change) (int64, error) {
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
			if ch != nil {
				ch.Entities = append(ch.Entities, m.ID)
			}
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

// createProps is the property map of createEdges: every key of
// edgePropKeys, read from the row.
var createProps = func() string {
	parts := make([]string, len(edgePropKeys))
	for i, k := range edgePropKeys {
		parts[i] = k + ": row." + k
	}
	return strings.Join(parts, ", ")
}()

// writeEdges writes the edges of one set: it finds which are stored,
// creates the others, and merges the stored ones that the batch changes.
func writeEdges(ctx context.Context, tx neo4jdrv.ManagedTransaction, set *edgeGroupSet, ch *kg.Change) error {
	endLabel := func(article bool) string {
		if article {
			return "Article"
		}
		return "Entity"
	}
	from, to, typ := endLabel(set.fromArt), endLabel(set.toArt), relTypes[set.typ]
	ids := make([]string, len(set.groups))
	byID := make(map[string]*edgeGroup, len(set.groups))
	for i, g := range set.groups {
		ids[i] = g.fresh.ID
		byID[g.fresh.ID] = g
	}
	recs, err := run(ctx, tx, fmt.Sprintf(edgesFound, from, to, typ), map[string]any{"ids": ids})
	if err != nil {
		return fmt.Errorf("%s edges: %w", set.typ, err)
	}
	found := make(map[string]bool, len(recs))
	var lock []string
	for _, r := range recs {
		id, _ := r.Values[0].(string)
		g := byID[id]
		if g == nil {
			return fmt.Errorf("%s edges: the statement returned unknown edge %q", set.typ, id)
		}
		found[id] = true
		f, _ := r.Values[1].(string)
		t, _ := r.Values[2].(string)
		if labels, _ := r.Values[3].(bool); !labels || f != g.fresh.From || t != g.fresh.To {
			return kg.Errorf(kg.ECONFLICT, "edge %s (%s %s→%s) is stored between other ends", id, set.typ, g.fresh.From, g.fresh.To)
		}
		// Without a lock, Neo4j reads committed properties one record at a
		// time, so a read can meet an edge half-way through another Put's
		// commit (evidence lists of different lengths). Such an edge is
		// read again under its lock below, where it is whole; a read
		// that still fails there is an error.
		if changed, err := mergeStored(propsOf(r), set.typ, g); err != nil || changed != nil {
			lock = append(lock, id)
		}
	}

	var create []map[string]any
	for _, g := range set.groups {
		if !found[g.fresh.ID] {
			row := edgeProps(&g.fresh)
			row["from"], row["to"] = g.fresh.From, g.fresh.To // no property of its own is called so
			create = append(create, row)
			if ch != nil {
				ch.Edges = append(ch.Edges, kg.EdgeRef{ID: g.fresh.ID, Type: g.fresh.Type, From: g.fresh.From, To: g.fresh.To})
			}
		}
	}
	if len(create) > 0 {
		if err := createNewEdges(ctx, tx, fmt.Sprintf(createEdges, from, to, typ, createProps), create); err != nil {
			return fmt.Errorf("%s edges: %w", set.typ, err)
		}
	}
	if len(lock) == 0 {
		return nil
	}

	// Merge again what the lock guards: another Put may have added to
	// these edges since edgesFound read them.
	recs, err = run(ctx, tx, fmt.Sprintf(lockEdges, typ), map[string]any{"ids": lock})
	if err != nil {
		return fmt.Errorf("%s edges: %w", set.typ, err)
	}
	if len(recs) != len(lock) {
		return fmt.Errorf("%s edges: %d of %d stored edges found again", set.typ, len(recs), len(lock))
	}
	var changed []map[string]any
	for _, r := range recs {
		id, _ := r.Values[0].(string)
		g := byID[id]
		if g == nil {
			return fmt.Errorf("%s edges: the statement returned unknown edge %q", set.typ, id)
		}
		props, err := mergeStored(propsOf(r), set.typ, g)
		if err != nil {
			return err
		}
		if props != nil {
			changed = append(changed, map[string]any{"id": id, "props": props})
			if ch != nil {
				ch.Edges = append(ch.Edges, kg.EdgeRef{ID: id, Type: g.fresh.Type, From: g.fresh.From, To: g.fresh.To})
			}
		}
	}
	if len(changed) > 0 {
		if _, err := run(ctx, tx, fmt.Sprintf(setEdges, typ), map[string]any{"rows": changed}); err != nil {
			return fmt.Errorf("%s edges: %w", set.typ, err)
		}
	}
	return nil
}

// mergeStored merges the records of g into the stored properties m of
// their edge, and returns the merged properties, or nil when the merge
// changes nothing.
func mergeStored(m map[string]any, typ kg.EdgeType, g *edgeGroup) (map[string]any, error) {
	stored, err := decodeEdge(m, string(typ), g.fresh.From, g.fresh.To)
	if err != nil {
		return nil, err
	}
	merged := *stored
	merged.Evidence = slices.Clone(stored.Evidence) // merging appends to it
	for _, e := range g.recs {
		kg.MergeEdge(&merged, e)
	}
	if props := edgeProps(&merged); !reflect.DeepEqual(props, edgeProps(stored)) {
		return props, nil
	}
	return nil, nil
}

// createNewEdges runs createEdges and checks that it created a
// relationship for every row.
func createNewEdges(ctx context.Context, tx neo4jdrv.ManagedTransaction, query string, rows []map[string]any) error {
	res, err := tx.Run(ctx, query, map[string]any{"rows": rows})
	var sum neo4jdrv.ResultSummary
	if err == nil {
		sum, err = res.Consume(ctx)
	}
	if err != nil {
		var dbErr *neo4jdrv.Neo4jError
		if errors.As(err, &dbErr) && dbErr.Code == constraintFailed {
			// edgesFound did not find the edge, so another transaction
			// created it since: run the batch again, which merges into it.
			return fmt.Errorf("%w: %s", errEdgeRace, dbErr.Msg)
		}
		return err
	}
	// The ends were checked at the start of the transaction, and only a
	// curation deletes, under the lock a Put takes before it commits: a
	// shortfall means the database changed under it.
	if n := sum.Counters().RelationshipsCreated(); n != len(rows) {
		return fmt.Errorf("created %d of %d new edges: an end node is gone", n, len(rows))
	}
	return nil
}

// propsOf returns the "props" column of a record.
func propsOf(r *neo4jdrv.Record) map[string]any {
	v, _ := r.Get("props")
	m, _ := v.(map[string]any)
	return m
}
