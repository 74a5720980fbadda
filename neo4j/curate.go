package neo4j

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/kg"
)

var _ kg.CurationStore = (*Store)(nil)

// # Curation and the change feed
//
// The curation log, its rules and the change feed are bookkeeping nodes,
// labelled DiplographMeta (so Stats counts none and the meta key
// constraint indexes their keys) and one label of their own:
//
//	(:DiplographMeta:DiplographCuration {key: id, seq, undoneBy, subjects, record})
//	(:DiplographMeta:DiplographRule {key: "rule " + kind + " " + id, rule})
//	(:DiplographMeta:DiplographChange {key: "change " + seq, seq, change})
//
// record, rule and change hold JSON (kg.EncodeCuration, kg.EncodeRule);
// subjects lists the ids a record names. Two counters sit on meta nodes:
// changeSeq, the last change's seq, and curationSeq, the last record's,
// which is also the version of the rules Put caches.
//
// Community edition has no change data capture, so the store keeps its
// own sequence: every Put that changes something and every Curate lock the
// changeSeq node, raise it and write a change node with the new value, in
// their transaction. Two writers thus take the sequence one after the
// other, and a change's seq is in the order of commits: a reader that has
// seen seq n misses nothing by asking for what is after n. (Stamping each
// node and relationship with the seq instead would leave nothing to stamp
// for what a curation removes.)
//
// Put reads the rules in force when it starts, without a lock; at its end
// it takes the changeSeq lock and reads curationSeq again. Curate takes the
// same lock first, so a curation that committed in between has raised
// curationSeq, and Put runs again under the new rules (errCurationRace):
// no Put can resurrect what a curation removed. Curate reads what it
// checks with the lock held; a Put that changed one of those things and
// has not committed waits for the lock at its end while Curate waits for
// the thing, a deadlock Neo4j breaks by failing one of them, which the
// driver retries.

const (
	curationLabel = "DiplographCuration"
	ruleLabel     = "DiplographRule"
	changeLabel   = "DiplographChange"
	changeSeqKey  = "changeSeq"
	curationKey   = "curationSeq"
)

// curationSchema is the indexes of the curation log and the change feed;
// schema.go creates them with the rest.
var curationSchema = []string{
	`CREATE INDEX curation_seq IF NOT EXISTS FOR (c:` + curationLabel + `) ON (c.seq)`,
	`CREATE INDEX change_seq IF NOT EXISTS FOR (c:` + changeLabel + `) ON (c.seq)`,
}

// errCurationRace means that a curation committed while a Put ran under
// the rules before it: Put runs again.
var errCurationRace = errors.New("a curation committed during the write")

// Statements of the curation log.
const (
	readCounter = `OPTIONAL MATCH (m:` + metaLabel + ` {key: $key}) RETURN coalesce(m.value, 0) AS value`

	// lockCounters takes the changeSeq lock and returns the counters.
	lockCounters = `MERGE (c:` + metaLabel + ` {key: '` + changeSeqKey + `'}) ON CREATE SET c.value = 0
SET c.key = c.key
WITH c
OPTIONAL MATCH (v:` + metaLabel + ` {key: '` + curationKey + `'})
RETURN c.value AS change, coalesce(v.value, 0) AS curation`

	setCounter = `MERGE (m:` + metaLabel + ` {key: $key}) SET m.value = $value`

	createChange = `CREATE (c:` + metaLabel + `:` + changeLabel + ` {key: $key, seq: $seq, change: $change})`
	pruneChange  = `MATCH (c:` + changeLabel + `) WHERE c.seq <= $seq DETACH DELETE c`

	readRules = `MATCH (r:` + ruleLabel + `) RETURN r.rule AS rule`
	readRule  = `MATCH (r:` + metaLabel + ` {key: $key}) WHERE r:` + ruleLabel + ` RETURN r.rule AS rule`
	setRule   = `MERGE (r:` + metaLabel + ` {key: $key}) SET r:` + ruleLabel + `, r.rule = $rule`
	dropRule  = `MATCH (r:` + metaLabel + ` {key: $key}) WHERE r:` + ruleLabel + ` DELETE r`

	readRecord = `MATCH (c:` + metaLabel + ` {key: $id}) WHERE c:` + curationLabel + `
RETURN c.seq AS seq, c.undoneBy AS undoneBy, c.record AS record`
	createRecord = `CREATE (c:` + metaLabel + `:` + curationLabel + ` {key: $id, seq: $seq, undoneBy: '', subjects: $subjects, record: $record})`
	setUndoneBy  = `MATCH (c:` + metaLabel + ` {key: $id}) WHERE c:` + curationLabel + ` SET c.undoneBy = $by`

	logPage = `MATCH (c:` + curationLabel + `) WHERE c.seq < $after AND ($subject = '' OR $subject IN c.subjects)
RETURN c.seq AS seq, c.undoneBy AS undoneBy, c.record AS record ORDER BY c.seq DESC LIMIT $n`
	logCount = `MATCH (c:` + curationLabel + `) WHERE $subject = '' OR $subject IN c.subjects RETURN count(c) AS n`

	readEntities = `UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN properties(e) AS props`
	readArticles = `UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN properties(a) AS props`
	// readEdges reads edges of one type (%s) by id.
	readEdges = `UNWIND $ids AS id MATCH (x)-[r:%s {id: id}]->(y) RETURN properties(r) AS props, x.id AS from, y.id AS to`
	// deleteEdges removes edges of one type (%s).
	deleteEdges = `UNWIND $ids AS id MATCH ()-[r:%s {id: id}]->() DELETE r`
	// createEntity creates entities of one kind (%s).
	createEntity     = `UNWIND $rows AS row CREATE (e:Entity:%s) SET e = row.props`
	writeArticleRows = `UNWIND $rows AS row MERGE (a:Article {id: row.id}) SET a = row.props`
	// deleteNode removes entities (%s Entity) or articles (Article) that
	// have no relationship left, and returns those that still have one.
	deleteNode = `UNWIND $ids AS id MATCH (n:%s {id: id})
WITH n, id, COUNT { (n)--() } AS rels
CALL (n, rels) { WITH n WHERE rels = 0 DELETE n }
WITH id WHERE rels > 0 RETURN id`
	// missingEnds returns, of $rows ({id, article}), the ids that are not
	// stored as an entity (or, when article, an article).
	missingEnds = `UNWIND $rows AS row
WITH row WHERE NOT EXISTS { MATCH (:Entity {id: row.id}) } AND NOT (row.article AND EXISTS { MATCH (:Article {id: row.id}) })
RETURN row.id AS id`
	// missingNodes returns the ids among $ids that name no entity and no
	// article: what a Put is about to create.
	missingNodes = `UNWIND $ids AS id
WITH id WHERE NOT EXISTS { MATCH (:Entity {id: id}) } AND NOT EXISTS { MATCH (:Article {id: id}) }
RETURN id`
	articleEdgesQuery = `CALL () {
  CALL db.index.fulltext.queryRelationships('` + evidenceIndex + `', $term) YIELD relationship AS r
  WITH r WHERE $id IN r.evidenceArticle
  RETURN r
  UNION
  MATCH (:Article {id: $id})-[r:MENTIONS]->()
  RETURN r
}
RETURN properties(r) AS props, type(r) AS type, startNode(r).id AS from, endNode(r).id AS to`
	changesQuery = `MATCH (c:` + changeLabel + `) WHERE c.seq > $after RETURN c.seq AS seq, c.change AS change ORDER BY c.seq LIMIT $n`
)

// rulesCache holds the rules last read, by curation version.
type rulesCache struct {
	mu    sync.Mutex
	rules *kg.Rules
}

type runner func(cypher string, params map[string]any) ([]*neo4jdrv.Record, error)

func (c *rulesCache) at(version int64, run runner) (*kg.Rules, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.rules != nil && c.rules.Version == version {
		return c.rules, nil
	}
	recs, err := run(readRules, nil)
	if err != nil {
		return nil, fmt.Errorf("read rules: %w", err)
	}
	rs := make([]*kg.Rule, 0, len(recs))
	for _, r := range recs {
		s, _ := r.Values[0].(string)
		rule, err := kg.DecodeRule([]byte(s))
		if err != nil {
			return nil, err
		}
		rs = append(rs, rule)
	}
	c.rules = kg.NewRules(version, rs)
	return c.rules, nil
}

func counter(recs []*neo4jdrv.Record) int64 {
	if len(recs) == 0 {
		return 0
	}
	v, _ := recs[0].Values[0].(int64)
	return v
}

// Rules implements kg.CurationStore.
func (s *Store) Rules(ctx context.Context) (*kg.Rules, error) {
	recs, err := s.query(ctx, readCounter, map[string]any{"key": curationKey})
	if err != nil {
		return nil, fmt.Errorf("neo4j: rules: %w", err)
	}
	r, err := s.rules.at(counter(recs), func(q string, p map[string]any) ([]*neo4jdrv.Record, error) { return s.query(ctx, q, p) })
	if err != nil {
		return nil, fmt.Errorf("neo4j: rules: %w", err)
	}
	return r, nil
}

// putIn is Put's transaction: the batch as the rules in force let it be
// written, and its change recorded.
func (s *Store) putIn(ctx context.Context, tx neo4jdrv.ManagedTransaction, b *kg.Batch) error {
	recs, err := run(ctx, tx, readCounter, map[string]any{"key": curationKey})
	if err != nil {
		return fmt.Errorf("curation version: %w", err)
	}
	version := counter(recs)
	rules, err := s.rules.at(version, func(q string, p map[string]any) ([]*neo4jdrv.Record, error) { return run(ctx, tx, q, p) })
	if err != nil {
		return err
	}
	p, err := planBatch(rules.Apply(b))
	if err != nil {
		return err
	}
	p.change = &kg.Change{Origin: kg.ChangeWrite}
	if err := p.write(ctx, tx); err != nil {
		return err
	}
	ch := p.change
	if len(ch.Entities) == 0 && len(ch.Edges) == 0 && len(ch.Articles) == 0 {
		return nil
	}
	seq, cur, err := lockSequence(ctx, tx)
	if err != nil {
		return err
	}
	if cur != version {
		return errCurationRace
	}
	return recordChange(ctx, tx, seq+1, ch)
}

// lockSequence takes the changeSeq lock and returns the last change's seq
// and the curation version.
func lockSequence(ctx context.Context, tx neo4jdrv.ManagedTransaction) (change, curation int64, err error) {
	recs, err := run(ctx, tx, lockCounters, nil)
	if err != nil {
		return 0, 0, fmt.Errorf("change sequence: %w", err)
	}
	if len(recs) != 1 {
		return 0, 0, fmt.Errorf("change sequence: %d records", len(recs))
	}
	change, _ = recs[0].Values[0].(int64)
	curation, _ = recs[0].Values[1].(int64)
	return change, curation, nil
}

// recordChange writes ch as change seq and raises the counter to it,
// dropping changes older than the feed keeps.
func recordChange(ctx context.Context, tx neo4jdrv.ManagedTransaction, seq int64, ch *kg.Change) error {
	if ch.At.IsZero() {
		ch.At = time.Now().UTC()
	}
	b, err := json.Marshal(ch)
	if err != nil {
		return fmt.Errorf("encode change: %w", err)
	}
	if _, err := run(ctx, tx, createChange, map[string]any{"key": "change " + strconv.FormatInt(seq, 10), "seq": seq, "change": string(b)}); err != nil {
		return fmt.Errorf("record change: %w", err)
	}
	if _, err := run(ctx, tx, setCounter, map[string]any{"key": changeSeqKey, "value": seq}); err != nil {
		return fmt.Errorf("record change: %w", err)
	}
	if seq%100 == 0 && seq > 2*kg.KeepChanges {
		if _, err := run(ctx, tx, pruneChange, map[string]any{"seq": seq - 2*kg.KeepChanges}); err != nil {
			return fmt.Errorf("prune changes: %w", err)
		}
	}
	return nil
}

// noteCreated records in p.change the batch's entities and articles that
// are not stored yet (read before they are written).
func (p *plan) noteCreated(ctx context.Context, tx neo4jdrv.ManagedTransaction) error {
	var ids []string
	for _, g := range p.articles {
		ids = append(ids, g.fresh.ID)
	}
	for _, gs := range p.entities {
		for _, g := range gs {
			ids = append(ids, g.fresh.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	recs, err := run(ctx, tx, missingNodes, map[string]any{"ids": ids})
	if err != nil {
		return fmt.Errorf("new nodes: %w", err)
	}
	for _, r := range recs {
		id, _ := r.Values[0].(string)
		if p.inBatch[id] == articleNode {
			p.change.Articles = append(p.change.Articles, id)
		} else {
			p.change.Entities = append(p.change.Entities, id)
		}
	}
	return nil
}

// Curate implements kg.CurationStore in one managed transaction (see the
// comment at the top of this file).
func (s *Store) Curate(ctx context.Context, c *kg.Curation) (*kg.Curation, error) {
	if err := kg.CheckCuration(c); err != nil {
		return nil, fmt.Errorf("neo4j: curate: %w", err)
	}
	var b kg.Batch
	for _, d := range c.Diff.Edges {
		if d.After != nil {
			b.Edges = append(b.Edges, *d.After)
		}
	}
	if err := checkIndexedTerms(&b); err != nil {
		return nil, fmt.Errorf("neo4j: curate: %w", err)
	}
	var out *kg.Curation
	err := s.write(ctx, func(tx neo4jdrv.ManagedTransaction) error {
		var err error
		out, err = curateIn(ctx, tx, c)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: curate %s: %w", c.ID, err)
	}
	return out, nil
}

func curateIn(ctx context.Context, tx neo4jdrv.ManagedTransaction, c *kg.Curation) (*kg.Curation, error) {
	change, curation, err := lockSequence(ctx, tx)
	if err != nil {
		return nil, err
	}
	if c.Undoes != "" {
		recs, err := run(ctx, tx, readRecord, map[string]any{"id": c.Undoes})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, kg.Errorf(kg.ENOTFOUND, "no curation record %q", c.Undoes)
		}
		if by, _ := recs[0].Values[1].(string); by != "" {
			return nil, kg.Errorf(kg.ECONFLICT, "%s was undone already, by %s", c.Undoes, by)
		}
	}
	if recs, err := run(ctx, tx, readRecord, map[string]any{"id": c.ID}); err != nil {
		return nil, err
	} else if len(recs) > 0 {
		return nil, kg.Errorf(kg.ECONFLICT, "a curation record %s exists already", c.ID)
	}
	if err := checkBefore(ctx, tx, &c.Diff); err != nil {
		return nil, err
	}
	span, err := applyDiff(ctx, tx, &c.Diff)
	if err != nil {
		return nil, err
	}
	if span > 0 {
		if _, err := run(ctx, tx, raiseEventSpan, map[string]any{"key": eventSpanKey, "span": span}); err != nil {
			return nil, fmt.Errorf("event span: %w", err)
		}
	}
	rec := *c
	rec.UndoneBy = ""
	rec.Seq = curation + 1
	rec.Subjects = distinct(append(c.Diff.Subjects(), c.Subjects...))
	js, err := kg.EncodeCuration(&rec)
	if err != nil {
		return nil, err
	}
	if _, err := run(ctx, tx, createRecord, map[string]any{"id": rec.ID, "seq": rec.Seq, "subjects": rec.Subjects, "record": string(js)}); err != nil {
		return nil, fmt.Errorf("write record: %w", err)
	}
	if _, err := run(ctx, tx, setCounter, map[string]any{"key": curationKey, "value": rec.Seq}); err != nil {
		return nil, fmt.Errorf("write record: %w", err)
	}
	if c.Undoes != "" {
		if _, err := run(ctx, tx, setUndoneBy, map[string]any{"id": c.Undoes, "by": rec.ID}); err != nil {
			return nil, fmt.Errorf("mark %s undone: %w", c.Undoes, err)
		}
	}
	ch := kg.ChangeOfDiff(&rec)
	if err := recordChange(ctx, tx, change+1, &ch); err != nil {
		return nil, err
	}
	return &rec, nil
}

// edgeType returns the type of the edge of d.
func edgeType(d kg.EdgeDiff) kg.EdgeType {
	if d.Before != nil {
		return d.Before.Type
	}
	return d.After.Type
}

// checkBefore returns ECONFLICT unless every Before of d is what is
// stored, read in tx.
func checkBefore(ctx context.Context, tx neo4jdrv.ManagedTransaction, d *kg.Diff) error {
	if len(d.Entities) > 0 {
		ids := make([]string, len(d.Entities))
		for i, x := range d.Entities {
			ids[i] = x.ID()
		}
		recs, err := run(ctx, tx, readEntities, map[string]any{"ids": ids})
		if err != nil {
			return fmt.Errorf("read entities: %w", err)
		}
		stored := map[string]*kg.Entity{}
		for _, r := range recs {
			e, err := decodeEntity(propsOf(r))
			if err != nil {
				return err
			}
			stored[e.ID] = e
		}
		for _, x := range d.Entities {
			if !kg.SameEntity(stored[x.ID()], x.Before) {
				return kg.Errorf(kg.ECONFLICT, "entity %s has changed since it was read", x.ID())
			}
		}
	}
	byType := map[kg.EdgeType][]string{}
	for _, x := range d.Edges {
		byType[edgeType(x)] = append(byType[edgeType(x)], x.ID())
	}
	stored := map[string]*kg.Edge{}
	for t, ids := range byType {
		recs, err := run(ctx, tx, fmt.Sprintf(readEdges, relTypes[t]), map[string]any{"ids": ids})
		if err != nil {
			return fmt.Errorf("read %s edges: %w", t, err)
		}
		for _, r := range recs {
			from, _ := r.Values[1].(string)
			to, _ := r.Values[2].(string)
			e, err := decodeEdge(propsOf(r), string(t), from, to)
			if err != nil {
				return err
			}
			stored[e.ID] = e
		}
	}
	for _, x := range d.Edges {
		if !kg.SameEdge(stored[x.ID()], x.Before) {
			return kg.Errorf(kg.ECONFLICT, "edge %s has changed since it was read", x.ID())
		}
	}
	if len(d.Articles) > 0 {
		ids := make([]string, len(d.Articles))
		for i, x := range d.Articles {
			ids[i] = x.ID()
		}
		recs, err := run(ctx, tx, readArticles, map[string]any{"ids": ids})
		if err != nil {
			return fmt.Errorf("read articles: %w", err)
		}
		stored := map[string]*kg.Article{}
		for _, r := range recs {
			a, err := decodeArticle(propsOf(r))
			if err != nil {
				return err
			}
			stored[a.ID] = a
		}
		for _, x := range d.Articles {
			if !kg.SameArticle(stored[x.ID()], x.Before) {
				return kg.Errorf(kg.ECONFLICT, "article %s has changed since it was read", x.ID())
			}
		}
	}
	for _, x := range d.Rules {
		recs, err := run(ctx, tx, readRule, map[string]any{"key": ruleKey(x.Key())})
		if err != nil {
			return fmt.Errorf("read rule: %w", err)
		}
		var cur *kg.Rule
		if len(recs) > 0 {
			js, _ := recs[0].Values[0].(string)
			if cur, err = kg.DecodeRule([]byte(js)); err != nil {
				return err
			}
		}
		if !kg.SameRule(cur, x.Before) {
			return kg.Errorf(kg.ECONFLICT, "rule %s has changed since it was read", x.Key())
		}
	}
	return nil
}

func ruleKey(k kg.RuleKey) string { return "rule " + string(k.Kind) + " " + k.ID }

// applyDiff writes the Afters of d, whose Befores are stored, and returns
// the longest span of the events it writes. Edges are removed first, so
// that their ends may go; new entities and articles come before the edges
// that point at them.
func applyDiff(ctx context.Context, tx neo4jdrv.ManagedTransaction, d *kg.Diff) (span int64, err error) {
	gone := map[kg.EdgeType][]string{}
	for _, x := range d.Edges {
		if x.After == nil && x.Before != nil {
			gone[x.Before.Type] = append(gone[x.Before.Type], x.Before.ID)
		}
	}
	for _, t := range kg.EdgeTypes {
		if ids := gone[t]; len(ids) > 0 {
			if _, err := run(ctx, tx, fmt.Sprintf(deleteEdges, relTypes[t]), map[string]any{"ids": ids}); err != nil {
				return 0, fmt.Errorf("remove %s edges: %w", t, err)
			}
		}
	}
	var arts []map[string]any
	for _, x := range d.Articles {
		if x.After != nil {
			arts = append(arts, map[string]any{"id": x.After.ID, "props": articleProps(x.After)})
		}
	}
	if len(arts) > 0 {
		if _, err := run(ctx, tx, writeArticleRows, map[string]any{"rows": arts}); err != nil {
			return 0, fmt.Errorf("write articles: %w", err)
		}
	}
	created := map[kg.Kind][]map[string]any{}
	var replaced []map[string]any
	for _, x := range d.Entities {
		if x.After == nil {
			continue
		}
		e := *x.After
		e.Aliases = kg.CleanAliases(e.Name, e.Aliases)
		row := map[string]any{"id": e.ID, "props": entityProps(&e)}
		if x.Before == nil {
			created[e.Kind] = append(created[e.Kind], row)
		} else {
			replaced = append(replaced, row)
		}
		if e.Kind == kg.Event {
			span = max(span, spanDays(e.Date, e.End))
		}
	}
	for _, k := range kg.Kinds {
		if rows := created[k]; len(rows) > 0 {
			if _, err := run(ctx, tx, fmt.Sprintf(createEntity, labels[k]), map[string]any{"rows": rows}); err != nil {
				return 0, fmt.Errorf("create %s entities: %w", k, err)
			}
		}
	}
	if len(replaced) > 0 {
		if _, err := run(ctx, tx, setEntities, map[string]any{"rows": replaced}); err != nil {
			return 0, fmt.Errorf("write entities: %w", err)
		}
	}
	if err := writeDiffEdges(ctx, tx, d); err != nil {
		return 0, err
	}
	var entities, articles []string
	for _, x := range d.Entities {
		if x.After == nil && x.Before != nil {
			entities = append(entities, x.Before.ID)
		}
	}
	for _, x := range d.Articles {
		if x.After == nil && x.Before != nil {
			articles = append(articles, x.Before.ID)
		}
	}
	for _, g := range []struct {
		label string
		ids   []string
	}{{"Entity", entities}, {"Article", articles}} {
		if len(g.ids) == 0 {
			continue
		}
		recs, err := run(ctx, tx, fmt.Sprintf(deleteNode, g.label), map[string]any{"ids": g.ids})
		if err != nil {
			return 0, fmt.Errorf("remove %s nodes: %w", g.label, err)
		}
		if len(recs) > 0 {
			id, _ := recs[0].Values[0].(string)
			return 0, kg.Errorf(kg.ECONFLICT, "%s still has edges it gained since it was read", id)
		}
	}
	for _, x := range d.Rules {
		key := ruleKey(x.Key())
		if x.After == nil {
			if _, err := run(ctx, tx, dropRule, map[string]any{"key": key}); err != nil {
				return 0, fmt.Errorf("remove rule: %w", err)
			}
			continue
		}
		js, err := kg.EncodeRule(x.After)
		if err != nil {
			return 0, err
		}
		if _, err := run(ctx, tx, setRule, map[string]any{"key": key, "rule": string(js)}); err != nil {
			return 0, fmt.Errorf("write rule: %w", err)
		}
	}
	return span, nil
}

// writeDiffEdges creates and replaces the edges of d that it keeps.
func writeDiffEdges(ctx context.Context, tx neo4jdrv.ManagedTransaction, d *kg.Diff) error {
	var ends []map[string]any
	for _, x := range d.Edges {
		if x.After == nil || x.Before != nil {
			continue
		}
		e := x.After
		ends = append(ends, map[string]any{"id": e.From, "article": e.Type == kg.Mentions}, map[string]any{"id": e.To, "article": false})
	}
	if len(ends) > 0 {
		recs, err := run(ctx, tx, missingEnds, map[string]any{"rows": ends})
		if err != nil {
			return fmt.Errorf("edge ends: %w", err)
		}
		if len(recs) > 0 {
			id, _ := recs[0].Values[0].(string)
			return kg.Errorf(kg.EINVALID, "an edge of the curation ends at %s, which is not stored", id)
		}
	}
	type key struct {
		t       kg.EdgeType
		article bool
	}
	create := map[key][]map[string]any{}
	set := map[kg.EdgeType][]map[string]any{}
	for _, x := range d.Edges {
		if x.After == nil {
			continue
		}
		e := x.After
		if x.Before != nil {
			set[e.Type] = append(set[e.Type], map[string]any{"id": e.ID, "props": edgeProps(e)})
			continue
		}
		row := edgeProps(e)
		row["from"], row["to"] = e.From, e.To
		k := key{e.Type, false}
		if e.Type == kg.Mentions {
			// A MENTIONS edge starts at an article, or (moved by a merge
			// from one) at nothing else: articles are never merged.
			k.article = !isEntityID(e.From)
		}
		create[k] = append(create[k], row)
	}
	for k, rows := range create {
		from := "Entity"
		if k.article {
			from = "Article"
		}
		if err := createNewEdges(ctx, tx, fmt.Sprintf(createEdges, from, "Entity", relTypes[k.t], createProps), rows); err != nil {
			if errors.Is(err, errEdgeRace) {
				return kg.Errorf(kg.ECONFLICT, "an edge of the curation has been created since it was read")
			}
			return fmt.Errorf("create %s edges: %w", k.t, err)
		}
	}
	for t, rows := range set {
		if _, err := run(ctx, tx, fmt.Sprintf(setEdges, relTypes[t]), map[string]any{"rows": rows}); err != nil {
			return fmt.Errorf("write %s edges: %w", t, err)
		}
	}
	return nil
}

func isEntityID(id string) bool { return kg.KindOfID(id) != "" }

// Curation implements kg.CurationStore.
func (s *Store) Curation(ctx context.Context, id string) (*kg.Curation, error) {
	recs, err := s.query(ctx, readRecord, map[string]any{"id": id})
	if err != nil {
		return nil, fmt.Errorf("neo4j: curation %s: %w", id, err)
	}
	if len(recs) == 0 {
		return nil, kg.Errorf(kg.ENOTFOUND, "no curation record %q", id)
	}
	c, err := decodeRecord(recs[0])
	if err != nil {
		return nil, fmt.Errorf("neo4j: curation %s: %w", id, err)
	}
	return c, nil
}

func decodeRecord(r *neo4jdrv.Record) (*kg.Curation, error) {
	seq, _ := r.Values[0].(int64)
	by, _ := r.Values[1].(string)
	js, _ := r.Values[2].(string)
	c, err := kg.DecodeCuration([]byte(js))
	if err != nil {
		return nil, err
	}
	c.Seq, c.UndoneBy = seq, by
	return c, nil
}

// CurationLog implements kg.CurationStore: a range of the seq index, newest
// first; a subject filters on each record's list, which reads the log
// (records are few beside the graph).
func (s *Store) CurationLog(ctx context.Context, q kg.CurationQuery) (*kg.CurationPage, error) {
	n, err := pageSize(q.First)
	if err != nil {
		return nil, fmt.Errorf("neo4j: curation log: %w", err)
	}
	after, err := kg.DecodeCurationCursor(q.After)
	if err != nil {
		return nil, fmt.Errorf("neo4j: curation log: %w", err)
	}
	recs, err := s.query(ctx, logPage, map[string]any{"after": after, "subject": q.Subject, "n": int64(n + 1)})
	if err != nil {
		return nil, fmt.Errorf("neo4j: curation log: %w", err)
	}
	count, err := s.query(ctx, logCount, map[string]any{"subject": q.Subject})
	if err != nil {
		return nil, fmt.Errorf("neo4j: curation log: %w", err)
	}
	page := &kg.CurationPage{TotalCount: int(counter(count))}
	for _, r := range recs {
		if len(page.Records) == n {
			page.HasNext = true
			break
		}
		c, err := decodeRecord(r)
		if err != nil {
			return nil, fmt.Errorf("neo4j: curation log: %w", err)
		}
		page.Records = append(page.Records, c)
		page.Cursors = append(page.Cursors, kg.EncodeCurationCursor(c.Seq))
	}
	return page, nil
}

// ArticleEdges implements kg.CurationStore with the evidence index, as
// Mentions reads it.
func (s *Store) ArticleEdges(ctx context.Context, article string) ([]*kg.Edge, error) {
	recs, err := s.query(ctx, articleEdgesQuery, map[string]any{"id": article, "term": luceneTerm(article)})
	if err != nil {
		return nil, fmt.Errorf("neo4j: edges of article %s: %w", article, err)
	}
	out := make([]*kg.Edge, 0, len(recs))
	for _, r := range recs {
		typ, _ := r.Values[1].(string)
		from, _ := r.Values[2].(string)
		to, _ := r.Values[3].(string)
		e, err := decodeEdge(propsOf(r), typ, from, to)
		if err != nil {
			return nil, fmt.Errorf("neo4j: edges of article %s: %w", article, err)
		}
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b *kg.Edge) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// Changes implements kg.CurationStore.
func (s *Store) Changes(ctx context.Context, after int64, limit int) ([]kg.Change, error) {
	if limit <= 0 || limit > kg.MaxChanges {
		limit = kg.MaxChanges
	}
	recs, err := s.query(ctx, changesQuery, map[string]any{"after": after, "n": int64(limit)})
	if err != nil {
		return nil, fmt.Errorf("neo4j: changes: %w", err)
	}
	out := make([]kg.Change, 0, len(recs))
	for _, r := range recs {
		seq, _ := r.Values[0].(int64)
		js, _ := r.Values[1].(string)
		var ch kg.Change
		if err := json.Unmarshal([]byte(js), &ch); err != nil {
			return nil, fmt.Errorf("neo4j: change %d: %w", seq, err)
		}
		ch.Seq = seq
		out = append(out, ch)
	}
	return out, nil
}

// LastChange implements kg.CurationStore.
func (s *Store) LastChange(ctx context.Context) (int64, error) {
	recs, err := s.query(ctx, readCounter, map[string]any{"key": changeSeqKey})
	if err != nil {
		return 0, fmt.Errorf("neo4j: last change: %w", err)
	}
	return counter(recs), nil
}
