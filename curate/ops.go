package curate

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/kg"
)

// EntityUpdate holds what UpdateEntity sets; nil fields stay as they are.
type EntityUpdate struct {
	Name *string
	// Aliases, when set, is the whole new list. When only Name changes,
	// the old name becomes an alias.
	Aliases *[]string
	// Attrs sets each key to its value; a nil value removes the key.
	Attrs  map[string]*string
	Kind   *kg.Kind
	Date   *kg.Date
	End    *kg.Date
	Status *kg.Status
}

func (u *EntityUpdate) check(kind kg.Kind) error {
	if u.Name != nil && strings.TrimSpace(*u.Name) == "" {
		return kg.Errorf(kg.EINVALID, "a name cannot be empty")
	}
	if u.Kind != nil && !u.Kind.Valid() {
		return kg.Errorf(kg.EINVALID, "unknown kind %q", *u.Kind)
	}
	if u.Kind != nil {
		kind = *u.Kind
	}
	if u.Status != nil && *u.Status != "" {
		switch {
		case kind == kg.Event && !slices.Contains(kg.EventStatuses, *u.Status),
			kind == kg.Treaty && !slices.Contains(kg.TreatyStatuses, *u.Status),
			kind != kg.Event && kind != kg.Treaty:
			return kg.Errorf(kg.EINVALID, "a %s cannot have status %s", kind, *u.Status)
		}
	}
	if u.Aliases != nil {
		for _, a := range *u.Aliases {
			if strings.TrimSpace(a) == "" {
				return kg.Errorf(kg.EINVALID, "an alias cannot be empty")
			}
		}
	}
	for k := range u.Attrs {
		if strings.TrimSpace(k) == "" {
			return kg.Errorf(kg.EINVALID, "an attribute needs a key")
		}
	}
	if u.Name == nil && u.Aliases == nil && len(u.Attrs) == 0 && u.Kind == nil && u.Date == nil && u.End == nil && u.Status == nil {
		return kg.Errorf(kg.EINVALID, "nothing to update")
	}
	return nil
}

// apply sets u's fields on e.
func (u *EntityUpdate) apply(e *kg.Entity) {
	if u.Name != nil && kg.CollapseSpace(*u.Name) != e.Name {
		if u.Aliases == nil {
			e.Aliases = append(e.Aliases, e.Name)
		}
		e.Name = kg.CollapseSpace(*u.Name)
	}
	if u.Aliases != nil {
		e.Aliases = slices.Clone(*u.Aliases)
	}
	e.Aliases = kg.CleanAliases(e.Name, e.Aliases)
	if len(e.Aliases) == 0 {
		e.Aliases = nil
	}
	for k, v := range u.Attrs {
		if v == nil {
			delete(e.Attrs, k)
			continue
		}
		if e.Attrs == nil {
			e.Attrs = map[string]string{}
		}
		e.Attrs[k] = *v
	}
	if len(e.Attrs) == 0 {
		e.Attrs = nil
	}
	if u.Date != nil {
		e.Date = *u.Date
	}
	if u.End != nil {
		e.End = *u.End
	}
	if u.Status != nil {
		e.Status = *u.Status
	}
}

// pin returns prev (nil for none) with what u set on old to make after.
func (u *EntityUpdate) pin(prev *kg.EntityPin, old, after *kg.Entity, record string) *kg.EntityPin {
	p := &kg.EntityPin{}
	if prev != nil {
		*p = *prev
		p.DropAliases = slices.Clone(prev.DropAliases)
		p.Attrs = maps.Clone(prev.Attrs)
		p.DropAttrs = slices.Clone(prev.DropAttrs)
		p.AttrRecords = maps.Clone(prev.AttrRecords)
	}
	if u.Name != nil {
		p.Name = after.Name
	}
	if u.Aliases != nil {
		kept := append(slices.Clone(after.Aliases), after.Name)
		for _, a := range append(slices.Clone(old.Aliases), old.Name) {
			if !slices.Contains(kept, a) && !slices.Contains(p.DropAliases, a) {
				p.DropAliases = append(p.DropAliases, a)
			}
		}
		p.DropAliases = slices.DeleteFunc(p.DropAliases, func(a string) bool { return slices.Contains(kept, a) })
		slices.Sort(p.DropAliases)
	}
	for k, v := range u.Attrs {
		if v == nil {
			delete(p.Attrs, k)
			delete(p.AttrRecords, k)
			if !slices.Contains(p.DropAttrs, k) {
				p.DropAttrs = append(p.DropAttrs, k)
			}
			continue
		}
		if p.Attrs == nil {
			p.Attrs = map[string]string{}
		}
		if p.AttrRecords == nil {
			p.AttrRecords = map[string]string{}
		}
		p.Attrs[k], p.AttrRecords[k] = *v, record
		p.DropAttrs = slices.DeleteFunc(p.DropAttrs, func(x string) bool { return x == k })
	}
	slices.Sort(p.DropAttrs)
	if u.Date != nil || u.End != nil {
		p.DatePinned, p.Date, p.End = true, after.Date, after.End
	}
	if u.Status != nil {
		p.StatusPinned, p.Status = true, after.Status
	}
	if len(p.DropAliases) == 0 {
		p.DropAliases = nil
	}
	if len(p.DropAttrs) == 0 {
		p.DropAttrs = nil
	}
	return p
}

// UpdateEntity sets what u gives on the entity id, and pins it: a later
// load keeps the name, does not bring back removed aliases or attributes,
// and does not change a date or status set here. Attributes set here cite
// the record (kg.EntityPin.AttrRecords). A new kind makes a new entity,
// with the id of that kind and the name (kg.EntityID), into which the old
// one is merged as Merge would (into the entity of that id, when there is
// one already). It returns ENOTFOUND for no such entity and EINVALID for
// an empty name or alias, an unknown kind, or a status the kind cannot
// have.
func (s *Service) UpdateEntity(ctx context.Context, who, id string, u EntityUpdate, reason string) (*kg.Curation, error) {
	return s.run(ctx, who, kg.OpUpdateEntity, reason, func(c *kg.Curation) error {
		old, err := s.entity(ctx, id)
		if err != nil {
			return err
		}
		if err := u.check(old.Kind); err != nil {
			return err
		}
		rules, err := s.Store.Rules(ctx)
		if err != nil {
			return err
		}
		updated := kg.CloneEntity(old)
		u.apply(updated)
		final := updated
		if u.Kind != nil && *u.Kind != old.Kind {
			tid := kg.EntityID(*u.Kind, updated.Name)
			existing, err := s.Store.Entity(ctx, tid)
			if err != nil && kg.ErrorCode(err) != kg.ENOTFOUND {
				return err
			}
			if existing != nil {
				final = kg.CloneEntity(existing)
				u.apply(final)
			} else {
				final = kg.CloneEntity(updated)
				final.ID, final.Kind = tid, *u.Kind
				if final.Kind != kg.Event {
					final.EventType = ""
				}
				if final.Kind != kg.Event && final.Kind != kg.Treaty {
					final.Status = ""
				}
				final.Aliases = slices.DeleteFunc(final.Aliases, func(a string) bool { return a == old.Name })
			}
			if err := s.moveInto(ctx, c, existing, final, []string{old.ID}); err != nil {
				return err
			}
		} else {
			if kg.SameEntity(old, updated) {
				return kg.Errorf(kg.EINVALID, "%s has these values already", id)
			}
			c.Diff.Entities = append(c.Diff.Entities, kg.EntityDiff{Before: old, After: updated})
			c.Subjects = append(c.Subjects, id)
		}
		key := kg.RuleKey{Kind: kg.RulePinEntity, ID: final.ID}
		var prev *kg.EntityPin
		if r := rules.Get(key); r != nil {
			prev = r.Entity
		}
		rule := &kg.Rule{Kind: kg.RulePinEntity, ID: final.ID, Record: c.ID, Entity: u.pin(prev, old, final, c.ID)}
		if d, ok := ruleDiff(rules, key, rule); ok {
			c.Diff.Rules = append(c.Diff.Rules, d)
		}
		return nil
	})
}

// RetractEdge removes the edge id with all its evidence, and keeps it out
// of later loads. It returns ENOTFOUND for no such edge.
func (s *Service) RetractEdge(ctx context.Context, who, id, reason string) (*kg.Curation, error) {
	return s.run(ctx, who, kg.OpRetractEdge, reason, func(c *kg.Curation) error {
		e, err := s.Store.Edge(ctx, id)
		if err != nil {
			return err
		}
		rules, err := s.Store.Rules(ctx)
		if err != nil {
			return err
		}
		c.Diff.Edges = append(c.Diff.Edges, kg.EdgeDiff{Before: e})
		rule := &kg.Rule{Kind: kg.RuleRetractEdge, ID: e.ID, Record: c.ID}
		if d, ok := ruleDiff(rules, rule.Key(), rule); ok {
			c.Diff.Rules = append(c.Diff.Rules, d)
		}
		return nil
	})
}

// EdgeAssertion is an edge a person states.
type EdgeAssertion struct {
	Type     kg.EdgeType
	From, To string // entity ids; merged ids are taken to their survivor
	Role     string
	Date     *kg.Date
	End      *kg.Date
	Status   *kg.Status
	// Evidence is what the person cites besides the record itself: article
	// sentences or reference records.
	Evidence []kg.Evidence
}

// AssertEdge adds the edge a describes, or adds to it when it is stored:
// its evidence is the record (kind CURATION, quoting the reason) and
// a.Evidence; a date or status given here replaces the stored one and is
// pinned. An edge retracted before is no longer kept out. It returns
// ENOTFOUND when an end is not stored and EINVALID for an unknown type,
// MENTIONS (which links articles), an unknown status or evidence without
// an article or a quote.
func (s *Service) AssertEdge(ctx context.Context, who string, a EdgeAssertion, reason string) (*kg.Curation, error) {
	switch {
	case !a.Type.Valid():
		return nil, kg.Errorf(kg.EINVALID, "unknown edge type %q", a.Type)
	case a.Type == kg.Mentions:
		return nil, kg.Errorf(kg.EINVALID, "MENTIONS edges link articles to what they mention; assert another type")
	case a.Status != nil && *a.Status != "" && !a.Status.Valid():
		return nil, kg.Errorf(kg.EINVALID, "unknown status %q", *a.Status)
	}
	for _, ev := range a.Evidence {
		switch {
		case ev.Article == "" || strings.TrimSpace(ev.Quote) == "":
			return nil, kg.Errorf(kg.EINVALID, "evidence needs an article (or dataset) id and a quote")
		case strings.HasPrefix(ev.Article, kg.CurationPrefix):
			return nil, kg.Errorf(kg.EINVALID, "evidence cannot cite a curation record; the record of this assertion is cited already")
		}
	}
	return s.run(ctx, who, kg.OpAssertEdge, reason, func(c *kg.Curation) error {
		rules, err := s.Store.Rules(ctx)
		if err != nil {
			return err
		}
		from, _, _, _ := rules.Resolve(a.From)
		to, _, _, _ := rules.Resolve(a.To)
		for _, id := range []string{from, to} {
			if _, err := s.entity(ctx, id); err != nil {
				return err
			}
		}
		id := kg.EdgeID(a.Type, from, to, a.Role)
		stored, err := s.edgeOrNil(ctx, id)
		if err != nil {
			return err
		}
		e := &kg.Edge{ID: id, Type: a.Type, From: from, To: to, Role: a.Role}
		if stored != nil {
			e = kg.CloneEdge(stored)
		}
		add := append([]kg.Evidence{{Article: c.ID, Sentence: 0, Quote: c.Reason, End: len([]rune(c.Reason))}}, a.Evidence...)
		for _, ev := range add {
			if !slices.ContainsFunc(e.Evidence, ev.SameSentence) {
				e.Evidence = append(e.Evidence, ev)
			}
		}
		if a.Date != nil {
			e.Date = *a.Date
		}
		if a.End != nil {
			e.End = *a.End
		}
		if a.Status != nil {
			e.Status = *a.Status
		}
		c.Diff.Edges = append(c.Diff.Edges, kg.EdgeDiff{Before: stored, After: e})
		if r := rules.Get(kg.RuleKey{Kind: kg.RuleRetractEdge, ID: id}); r != nil {
			c.Diff.Rules = append(c.Diff.Rules, kg.RuleDiff{Before: r})
		}
		if a.Date != nil || a.End != nil || a.Status != nil {
			pin := &kg.EdgePin{}
			if r := rules.Get(kg.RuleKey{Kind: kg.RulePinEdge, ID: id}); r != nil && r.Edge != nil {
				*pin = *r.Edge
			}
			if a.Date != nil || a.End != nil {
				pin.DatePinned, pin.Date, pin.End = true, e.Date, e.End
			}
			if a.Status != nil {
				pin.StatusPinned, pin.Status = true, e.Status
			}
			rule := &kg.Rule{Kind: kg.RulePinEdge, ID: id, Record: c.ID, Edge: pin}
			if d, ok := ruleDiff(rules, rule.Key(), rule); ok {
				c.Diff.Rules = append(c.Diff.Rules, d)
			}
		}
		return nil
	})
}

// RetractArticle removes the article id: its MENTIONS edges, its evidence
// on every edge, and the edges nothing else supports (evidence from
// another article, a reference dataset or a curation keeps an edge). A
// later load of the article writes none of it. It returns ENOTFOUND for
// no such article and ELIMIT when it supports more than MaxEdgesMoved
// edges.
func (s *Service) RetractArticle(ctx context.Context, who, id, reason string) (*kg.Curation, error) {
	return s.retractArticles(ctx, who, []string{id}, reason, kg.OpRetractArticle, "")
}

func (s *Service) retractArticles(ctx context.Context, who string, ids []string, reason string, op kg.CurationOp, undoes string) (*kg.Curation, error) {
	for _, id := range ids {
		if strings.HasPrefix(id, kg.CurationPrefix) || kg.KindOfID(id) != "" || strings.HasPrefix(id, "edge:") {
			return nil, kg.Errorf(kg.EINVALID, "%q is not an article id", id)
		}
	}
	return s.run(ctx, who, op, reason, func(c *kg.Curation) error {
		c.Undoes = undoes
		rules, err := s.Store.Rules(ctx)
		if err != nil {
			return err
		}
		gone := map[string]bool{}
		for _, id := range ids {
			gone[id] = true
		}
		seen := map[string]bool{}
		for _, id := range ids {
			a, err := s.Store.Article(ctx, id)
			if err != nil {
				if kg.ErrorCode(err) == kg.ENOTFOUND && undoes != "" {
					continue // retracted already
				}
				return err
			}
			edges, err := s.Store.ArticleEdges(ctx, id)
			if err != nil {
				return err
			}
			if len(edges) > MaxEdgesMoved {
				return kg.Errorf(kg.ELIMIT, "%s supports %d edges, more than one curation may change (%d)", id, len(edges), MaxEdgesMoved)
			}
			for _, e := range edges {
				if seen[e.ID] {
					continue
				}
				seen[e.ID] = true
				var after *kg.Edge
				if !(e.Type == kg.Mentions && gone[e.From]) {
					after = kg.CloneEdge(e)
					after.Evidence = slices.DeleteFunc(after.Evidence, func(ev kg.Evidence) bool { return gone[ev.Article] })
					if len(after.Evidence) == 0 {
						after = nil
					}
				}
				c.Diff.Edges = append(c.Diff.Edges, kg.EdgeDiff{Before: e, After: after})
			}
			c.Diff.Articles = append(c.Diff.Articles, kg.ArticleDiff{Before: a})
			rule := &kg.Rule{Kind: kg.RuleRetractArticle, ID: id, Record: c.ID}
			if d, ok := ruleDiff(rules, rule.Key(), rule); ok {
				c.Diff.Rules = append(c.Diff.Rules, d)
			}
			c.Subjects = append(c.Subjects, id)
		}
		return nil
	})
}
