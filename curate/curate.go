// Package curate is how people change the graph by hand: merge nodes and
// undo the merge, set an entity's name, aliases, attributes, kind, date or
// status, retract an edge or an article, assert an edge, undo any of it,
// and add articles. Each operation reads what it touches from a
// kg.CurationStore, works out the change as a kg.Diff (every thing's state
// before and after) and the rules that keep it (kg.Rule), and writes both
// with one Curate call: the store checks that nothing changed in between,
// and when something did the operation reads again and retries. The
// record it returns is the audit trail's entry.
package curate

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// Service runs curations on a store.
type Service struct {
	Store kg.CurationStore
	// Now returns the time records carry; nil means time.Now.
	Now func() time.Time
	// Committed, when set, is called after each write commits, so that
	// live updates can look for it at once instead of at their next poll.
	Committed func()
}

// Limits of one curation, so that a click cannot rewrite half the graph
// in one transaction.
const (
	// MaxMergeSources is the most entities one merge folds in.
	MaxMergeSources = 20
	// MaxEdgesMoved is the most edges one curation may touch: a merge of
	// a hub such as a state, or the retraction of a reference dataset
	// every office cites, is refused with ELIMIT.
	MaxEdgesMoved = 20000
	// MaxReason is the longest reason, in bytes.
	MaxReason = 2000
	// attempts is how often an operation reads again after a concurrent
	// write changed what it had read.
	attempts = 5
)

// NewID returns a new curation record id: the time to the second and 8
// random bytes, so that ids sort roughly by time and never collide.
func NewID(t time.Time) string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return kg.CurationPrefix + t.UTC().Format("20060102t150405") + "-" + hex.EncodeToString(b[:])
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// newRecord starts a record of op by who for reason.
func (s *Service) newRecord(who string, op kg.CurationOp, reason string) (*kg.Curation, error) {
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return nil, kg.Errorf(kg.EINVALID, "a reason is required: the audit trail says why each change was made")
	case len(reason) > MaxReason:
		return nil, kg.Errorf(kg.EINVALID, "the reason is %d bytes, more than the limit of %d", len(reason), MaxReason)
	case who == "":
		return nil, kg.Errorf(kg.EINVALID, "a curation needs someone who made it")
	}
	at := s.now()
	return &kg.Curation{ID: NewID(at), At: at, Who: who, Op: op, Reason: reason}, nil
}

// run builds a record with build and writes it, building it again when
// the store says that what it read has changed since (ECONFLICT from a
// Before that no longer matches).
func (s *Service) run(ctx context.Context, who string, op kg.CurationOp, reason string, build func(c *kg.Curation) error) (*kg.Curation, error) {
	var last error
	for range attempts {
		c, err := s.newRecord(who, op, reason)
		if err != nil {
			return nil, err
		}
		if err := build(c); err != nil {
			return nil, err
		}
		if c.Diff.IsEmpty() && op != kg.OpIngestArticles && c.Undoes == "" {
			return nil, kg.Errorf(kg.EINVALID, "nothing to change")
		}
		out, err := s.Store.Curate(ctx, c)
		if err == nil {
			if s.Committed != nil {
				s.Committed()
			}
			return out, nil
		}
		if kg.ErrorCode(err) != kg.ECONFLICT || !strings.Contains(kg.ErrorMessage(err), "since") {
			return nil, err
		}
		last = err
	}
	return nil, fmt.Errorf("curate: %s: the graph kept changing under it: %w", op, last)
}

// entity reads one entity, ENOTFOUND when there is none.
func (s *Service) entity(ctx context.Context, id string) (*kg.Entity, error) {
	if kg.KindOfID(id) == "" {
		return nil, kg.Errorf(kg.EINVALID, "%q is not an entity id", id)
	}
	return s.Store.Entity(ctx, id)
}

// allEdges reads every edge of an entity, MENTIONS included, with its
// evidence; more than MaxEdgesMoved is ELIMIT.
func (s *Service) allEdges(ctx context.Context, id string) ([]*kg.Edge, error) {
	var out []*kg.Edge
	q := kg.EdgeQuery{Entity: id, First: kg.MaxFirst}
	for {
		p, err := s.Store.Edges(ctx, q)
		if err != nil {
			return nil, err
		}
		if p.TotalCount > MaxEdgesMoved {
			return nil, kg.Errorf(kg.ELIMIT, "%s has %d edges, more than one curation may move (%d)", id, p.TotalCount, MaxEdgesMoved)
		}
		out = append(out, p.Edges...)
		if !p.HasNext {
			return out, nil
		}
		q.After = p.Cursors[len(p.Cursors)-1]
	}
}

// edgeOrNil reads an edge, nil when there is none.
func (s *Service) edgeOrNil(ctx context.Context, id string) (*kg.Edge, error) {
	e, err := s.Store.Edge(ctx, id)
	if kg.ErrorCode(err) == kg.ENOTFOUND {
		return nil, nil
	}
	return e, err
}

// ruleDiff returns the diff that sets the rule of after's key to after,
// from what rules hold now.
func ruleDiff(rules *kg.Rules, key kg.RuleKey, after *kg.Rule) (kg.RuleDiff, bool) {
	before := rules.Get(key)
	if kg.SameRule(before, after) {
		return kg.RuleDiff{}, false
	}
	return kg.RuleDiff{Before: before, After: after}, true
}

// Merge folds the entities from into the entity into: their names and
// aliases become its aliases, their attributes fill in where it has none,
// and their edges (MENTIONS included) move to it with their evidence,
// merging with an edge it has already. The ids of from keep resolving to
// into, and records of them that a later load brings are written to it.
// Kinds may differ: into's wins. It returns ENOTFOUND for an id no entity
// has, EINVALID for into among from or for no from, ELIMIT past
// MaxMergeSources or MaxEdgesMoved.
func (s *Service) Merge(ctx context.Context, who, into string, from []string, reason string) (*kg.Curation, error) {
	from = slices.Compact(slices.Sorted(slices.Values(from)))
	switch {
	case len(from) == 0:
		return nil, kg.Errorf(kg.EINVALID, "merge needs at least one entity to merge")
	case len(from) > MaxMergeSources:
		return nil, kg.Errorf(kg.ELIMIT, "merge folds at most %d entities at once, not %d", MaxMergeSources, len(from))
	case slices.Contains(from, into):
		return nil, kg.Errorf(kg.EINVALID, "an entity cannot be merged into itself (%s)", into)
	}
	return s.run(ctx, who, kg.OpMergeEntities, reason, func(c *kg.Curation) error {
		target, err := s.entity(ctx, into)
		if err != nil {
			return err
		}
		return s.moveInto(ctx, c, target, kg.CloneEntity(target), from)
	})
}

// moveInto fills c with the merge of the entities from into target, whose
// record before the change is before (nil when the change creates it).
func (s *Service) moveInto(ctx context.Context, c *kg.Curation, before, target *kg.Entity, from []string) error {
	rules, err := s.Store.Rules(ctx)
	if err != nil {
		return err
	}
	moved := map[string]bool{}
	var sources []*kg.Entity
	for _, id := range from {
		e, err := s.entity(ctx, id)
		if err != nil {
			return err
		}
		sources = append(sources, e)
		moved[id] = true
	}
	for _, e := range sources {
		src := kg.CloneEntity(e)
		if src.Kind != target.Kind {
			src.EventType, src.Status = "", ""
		}
		kg.MergeEntity(target, src)
		c.Diff.Entities = append(c.Diff.Entities, kg.EntityDiff{Before: e})
		rule := &kg.Rule{Kind: kg.RuleRedirect, ID: e.ID, Record: c.ID, Target: target.ID, TargetKind: target.Kind, TargetName: target.Name}
		if d, ok := ruleDiff(rules, rule.Key(), rule); ok {
			c.Diff.Rules = append(c.Diff.Rules, d)
		}
	}
	c.Diff.Entities = append(c.Diff.Entities, kg.EntityDiff{Before: before, After: target})

	// Every edge of a merged entity goes, and comes back re-keyed between
	// the new ends, merged with what those ends have already.
	gone := map[string]*kg.Edge{}
	var goneOrder []string
	for _, e := range sources {
		edges, err := s.allEdges(ctx, e.ID)
		if err != nil {
			return err
		}
		for _, x := range edges {
			if gone[x.ID] == nil {
				gone[x.ID] = x
				goneOrder = append(goneOrder, x.ID)
			}
		}
	}
	if len(gone) > MaxEdgesMoved {
		return kg.Errorf(kg.ELIMIT, "the merge would move %d edges, more than one curation may (%d)", len(gone), MaxEdgesMoved)
	}
	type newEdge struct{ before, after *kg.Edge }
	made := map[string]*newEdge{}
	var madeOrder []string
	for _, id := range goneOrder {
		x := gone[id]
		c.Diff.Edges = append(c.Diff.Edges, kg.EdgeDiff{Before: x})
		m := kg.CloneEdge(x)
		if moved[m.From] {
			m.From = target.ID
		}
		if moved[m.To] {
			m.To = target.ID
		}
		m.ID = kg.EdgeID(m.Type, m.From, m.To, m.Role)
		if rules.Get(kg.RuleKey{Kind: kg.RuleRetractEdge, ID: m.ID}) != nil {
			continue // retracted between the new ends: it stays out
		}
		if n := made[m.ID]; n != nil {
			kg.MergeEdge(n.after, m)
			continue
		}
		stored, err := s.edgeOrNil(ctx, m.ID)
		if err != nil {
			return err
		}
		n := &newEdge{before: stored, after: m}
		if stored != nil {
			n.after = kg.CloneEdge(stored)
			kg.MergeEdge(n.after, m)
		}
		made[m.ID] = n
		madeOrder = append(madeOrder, m.ID)
	}
	for _, id := range madeOrder {
		n := made[id]
		if !kg.SameEdge(n.before, n.after) {
			c.Diff.Edges = append(c.Diff.Edges, kg.EdgeDiff{Before: n.before, After: n.after})
		}
	}
	c.Subjects = append(c.Subjects, target.ID)
	c.Subjects = append(c.Subjects, from...)
	return nil
}

// Undo undoes the record id: a new record whose diff takes back what that
// one did (see kg.Revert), and lifts the rules it set. Undoing a merge
// splits the merged entities off again with the edges and aliases they
// brought; undoing an ingest retracts its articles; undoing an undo does
// again what was undone. It returns ENOTFOUND for no such record and
// ECONFLICT when the record was undone already, or when a later curation
// removed something it changed (undo that one first).
func (s *Service) Undo(ctx context.Context, who, id, reason string) (*kg.Curation, error) {
	return s.undo(ctx, who, id, reason, kg.OpUndo)
}

// Split undoes the merge recorded as id (a MERGE_ENTITIES record): the
// merged entities come back with their own edges, aliases and attributes;
// what loads wrote to the survivor since stays with it. It returns
// EINVALID when id records something other than a merge.
func (s *Service) Split(ctx context.Context, who, id, reason string) (*kg.Curation, error) {
	return s.undo(ctx, who, id, reason, kg.OpSplitEntity)
}

func (s *Service) undo(ctx context.Context, who, id, reason string, op kg.CurationOp) (*kg.Curation, error) {
	rec, err := s.Store.Curation(ctx, id)
	if err != nil {
		return nil, err
	}
	switch {
	case rec.UndoneBy != "":
		return nil, kg.Errorf(kg.ECONFLICT, "%s was undone already, by %s", id, rec.UndoneBy)
	case op == kg.OpSplitEntity && rec.Op != kg.OpMergeEntities:
		return nil, kg.Errorf(kg.EINVALID, "%s records %s, not a merge: undo it instead", id, rec.Op)
	case rec.Op == kg.OpIngestArticles:
		var articles []string
		for _, sub := range rec.Subjects {
			if strings.HasPrefix(sub, "article:") {
				articles = append(articles, sub)
			}
		}
		return s.retractArticles(ctx, who, articles, reason, kg.OpUndo, rec.ID)
	}
	return s.run(ctx, who, op, reason, func(c *kg.Curation) error {
		c.Undoes = rec.ID
		now, err := s.current(ctx, &rec.Diff)
		if err != nil {
			return err
		}
		d, err := kg.Revert(&rec.Diff, now)
		if err != nil {
			return err
		}
		for i := range d.Rules {
			if r := d.Rules[i].After; r != nil {
				// A rule that comes back is now held by the undo.
				cp := *r
				cp.Record = c.ID
				d.Rules[i].After = &cp
			}
		}
		c.Diff = *d
		// When nothing is left to take back (what it did was undone some
		// other way), the record still marks it undone.
		c.Subjects = rec.Subjects
		return nil
	})
}

// current reads the state now of everything d touches, in d's shape.
func (s *Service) current(ctx context.Context, d *kg.Diff) (*kg.Diff, error) {
	now := &kg.Diff{
		Entities: make([]kg.EntityDiff, len(d.Entities)),
		Edges:    make([]kg.EdgeDiff, len(d.Edges)),
		Articles: make([]kg.ArticleDiff, len(d.Articles)),
		Rules:    make([]kg.RuleDiff, len(d.Rules)),
	}
	ids := make([]string, len(d.Entities))
	for i, x := range d.Entities {
		ids[i] = x.ID()
	}
	es, err := s.Store.Entities(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i, e := range es {
		now.Entities[i].Before = e
	}
	for i, x := range d.Edges {
		if now.Edges[i].Before, err = s.edgeOrNil(ctx, x.ID()); err != nil {
			return nil, err
		}
	}
	for i, x := range d.Articles {
		a, err := s.Store.Article(ctx, x.ID())
		if err != nil && kg.ErrorCode(err) != kg.ENOTFOUND {
			return nil, err
		}
		now.Articles[i].Before = a
	}
	rules, err := s.Store.Rules(ctx)
	if err != nil {
		return nil, err
	}
	for i, x := range d.Rules {
		now.Rules[i].Before = rules.Get(x.Key())
	}
	return now, nil
}
