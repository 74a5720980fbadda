package kg

import (
	"maps"
	"slices"
)

// Revert returns the diff that undoes d on the graph as it is now. now has
// the shape of d: item i of each list holds, as its Before, the current
// state of the thing item i of d is about (nil when it is not stored).
//
// When nothing changed those things since d, the result takes them back to
// d's Befores exactly. When something did (a load added evidence to an
// edge the merge moved, a later curation renamed the survivor), Revert
// takes back only what d did, field by field: aliases and evidence d added
// are removed and those it removed come back; a name, date, status or
// attribute returns to its value before d unless it has changed since.
// An edge d created loses the evidence d gave it and goes when none is
// left; an entity d created goes (the store refuses if it gained edges
// since). It returns ECONFLICT when a thing d changed or created has been
// removed since, by another curation: that one must be undone first.
func Revert(d, now *Diff) (*Diff, error) {
	if len(now.Entities) != len(d.Entities) || len(now.Edges) != len(d.Edges) ||
		len(now.Articles) != len(d.Articles) || len(now.Rules) != len(d.Rules) {
		return nil, Errorf(EINTERNAL, "revert: the current state has another shape than the diff")
	}
	out := &Diff{}
	for i, x := range d.Entities {
		cur := now.Entities[i].Before
		want, err := revertEntity(x.Before, x.After, cur)
		if err != nil {
			return nil, err
		}
		if !SameEntity(cur, want) {
			out.Entities = append(out.Entities, EntityDiff{Before: cur, After: want})
		}
	}
	for i, x := range d.Edges {
		cur := now.Edges[i].Before
		want, err := revertEdge(x.Before, x.After, cur)
		if err != nil {
			return nil, err
		}
		if !SameEdge(cur, want) {
			out.Edges = append(out.Edges, EdgeDiff{Before: cur, After: want})
		}
	}
	for i, x := range d.Articles {
		cur := now.Articles[i].Before
		want := revertArticle(x.Before, x.After, cur)
		if !SameArticle(cur, want) {
			out.Articles = append(out.Articles, ArticleDiff{Before: cur, After: want})
		}
	}
	for i, x := range d.Rules {
		cur := now.Rules[i].Before
		want := cur
		if SameRule(cur, x.After) {
			want = x.Before
		}
		if !SameRule(cur, want) {
			out.Rules = append(out.Rules, RuleDiff{Before: cur, After: want})
		}
	}
	return out, nil
}

func revertEntity(b, a, c *Entity) (*Entity, error) {
	switch {
	case a != nil && c == nil && b == nil:
		return nil, nil // created, and removed since: nothing to undo
	case a != nil && c == nil:
		return nil, Errorf(ECONFLICT, "entity %s has been removed since; undo the change that removed it first", a.ID)
	case b == nil && a == nil:
		return c, nil
	case b == nil:
		return nil, nil // created: it goes
	case a == nil && c == nil:
		return cloneEntity(b), nil // removed: it comes back
	case a == nil:
		m := cloneEntity(c)
		MergeEntity(m, b)
		return m, nil
	}
	m := cloneEntity(c)
	if c.Name == a.Name {
		m.Name = b.Name
	}
	m.Aliases = revertSet(c.Aliases, b.Aliases, a.Aliases)
	if c.Name != m.Name {
		// The name d gave goes, unless d kept it as an alias before.
		if slices.Contains(b.Aliases, c.Name) {
			m.Aliases = append(m.Aliases, c.Name)
		}
	}
	m.Aliases = CleanAliases(m.Name, m.Aliases)
	if len(m.Aliases) == 0 {
		m.Aliases = nil
	}
	keys := slices.Collect(maps.Keys(a.Attrs))
	keys = append(keys, slices.Collect(maps.Keys(b.Attrs))...)
	for _, k := range keys {
		bv, bok := b.Attrs[k]
		av, aok := a.Attrs[k]
		cv, cok := c.Attrs[k]
		if (bv == av && bok == aok) || cv != av || cok != aok {
			continue
		}
		if bok {
			if m.Attrs == nil {
				m.Attrs = map[string]string{}
			}
			m.Attrs[k] = bv
		} else {
			delete(m.Attrs, k)
		}
	}
	if len(m.Attrs) == 0 {
		m.Attrs = nil
	}
	if c.Date == a.Date && c.End == a.End {
		m.Date, m.End = b.Date, b.End
	}
	if c.Status == a.Status {
		m.Status = b.Status
	}
	if c.EventType == a.EventType {
		m.EventType = b.EventType
	}
	return m, nil
}

func revertEdge(b, a, c *Edge) (*Edge, error) {
	switch {
	case a != nil && c == nil && b == nil:
		return nil, nil
	case a != nil && c == nil:
		return nil, Errorf(ECONFLICT, "edge %s has been removed since; undo the change that removed it first", a.ID)
	case b == nil && a == nil:
		return c, nil
	case b == nil:
		// Created: it loses what d gave it, and goes when nothing is left.
		m := cloneEdge(c)
		m.Evidence = slices.DeleteFunc(m.Evidence, func(ev Evidence) bool { return slices.ContainsFunc(a.Evidence, ev.SameSentence) })
		if len(m.Evidence) == 0 {
			return nil, nil
		}
		return m, nil
	case a == nil && c == nil:
		return cloneEdge(b), nil
	case a == nil:
		m := cloneEdge(c)
		MergeEdge(m, b)
		return m, nil
	}
	m := cloneEdge(c)
	m.Evidence = slices.DeleteFunc(m.Evidence, func(ev Evidence) bool {
		return slices.ContainsFunc(a.Evidence, ev.SameSentence) && !slices.ContainsFunc(b.Evidence, ev.SameSentence)
	})
	for _, ev := range b.Evidence {
		if !slices.ContainsFunc(a.Evidence, ev.SameSentence) && !slices.ContainsFunc(m.Evidence, ev.SameSentence) {
			m.Evidence = append(m.Evidence, ev)
		}
	}
	if c.Date == a.Date && c.End == a.End {
		m.Date, m.End = b.Date, b.End
	}
	if c.Status == a.Status {
		m.Status = b.Status
	}
	return m, nil
}

func revertArticle(b, a, c *Article) *Article {
	switch {
	case b == nil && a == nil:
		return c
	case b == nil:
		return nil
	case c == nil:
		x := *b
		return &x
	case a != nil && *c == *a:
		x := *b
		return &x
	}
	return c
}

// revertSet returns cur without what after added to before and with what
// it removed.
func revertSet(cur, before, after []string) []string {
	out := slices.DeleteFunc(slices.Clone(cur), func(s string) bool {
		return slices.Contains(after, s) && !slices.Contains(before, s)
	})
	for _, s := range before {
		if !slices.Contains(after, s) && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func cloneEntity(e *Entity) *Entity {
	m := *e
	m.Aliases = slices.Clone(e.Aliases)
	m.Attrs = maps.Clone(e.Attrs)
	return &m
}

func cloneEdge(e *Edge) *Edge {
	m := *e
	m.Evidence = slices.Clone(e.Evidence)
	return &m
}

// CloneEntity returns a deep copy of e.
func CloneEntity(e *Entity) *Entity {
	if e == nil {
		return nil
	}
	return cloneEntity(e)
}

// CloneEdge returns a deep copy of e.
func CloneEdge(e *Edge) *Edge {
	if e == nil {
		return nil
	}
	return cloneEdge(e)
}
