package sqlite

import (
	"maps"
	"slices"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// This file holds the merge rules of kg.Store.Put as pure functions. Where
// the contract leaves a choice open, the choice is the one that makes the
// result independent of how often a batch is loaded:
//
//   - Name: the stored name stays; a different name for the same id (ids
//     fold accents, so "Mevlut Cavusoglu" and "Mevlüt Çavuşoğlu" share one)
//     becomes an alias.
//   - Aliases and evidence: unioned, first-seen order, each once; aliases
//     never repeat the name.
//   - Attrs: unioned; on a key both set, the stored value stays.
//   - Date, End: the new value wins only when strictly more precise.
//   - Status, EventType, Role: a known value stays; an unknown one is filled.

// mergeEntity merges e into old and reports whether anything changed.
func mergeEntity(old *kg.Entity, e *kg.Entity) (merged kg.Entity, changed bool) {
	m := *old
	m.Aliases = slices.Clone(old.Aliases)
	m.Attrs = maps.Clone(old.Attrs)

	m.Aliases = addAliases(m.Name, m.Aliases, append([]string{e.Name}, e.Aliases...)...)
	for k, v := range e.Attrs {
		if _, ok := m.Attrs[k]; !ok {
			if m.Attrs == nil {
				m.Attrs = map[string]string{}
			}
			m.Attrs[k] = v
		}
	}
	m.Date = morePrecise(m.Date, e.Date)
	m.End = morePrecise(m.End, e.End)
	if m.EventType == "" {
		m.EventType = e.EventType
	}
	if m.Status == "" {
		m.Status = e.Status
	}
	changed = !slices.Equal(m.Aliases, old.Aliases) || !maps.Equal(m.Attrs, old.Attrs) ||
		m.Date != old.Date || m.End != old.End || m.EventType != old.EventType || m.Status != old.Status
	return m, changed
}

// normalizeEntity returns e as it is stored the first time: aliases each
// once and without the name.
func normalizeEntity(e *kg.Entity) kg.Entity {
	n := *e
	n.Aliases = addAliases(n.Name, nil, e.Aliases...)
	n.Attrs = maps.Clone(e.Attrs)
	return n
}

func addAliases(name string, aliases []string, more ...string) []string {
	for _, a := range more {
		if a != "" && a != name && !slices.Contains(aliases, a) {
			aliases = append(aliases, a)
		}
	}
	return aliases
}

// mergeEdge merges e into old, evidence aside (stored in its own table and
// unioned there), and reports whether anything changed.
func mergeEdge(old *kg.Edge, e *kg.Edge) (merged kg.Edge, changed bool) {
	m := *old
	m.Date = morePrecise(m.Date, e.Date)
	m.End = morePrecise(m.End, e.End)
	if m.Status == "" {
		m.Status = e.Status
	}
	if m.Role == "" {
		m.Role = e.Role
	}
	return m, m.Date != old.Date || m.End != old.End || m.Status != old.Status || m.Role != old.Role
}

// morePrecise returns d unless n is strictly more precise.
func morePrecise(d, n kg.Date) kg.Date {
	if n.Precision() > d.Precision() {
		return n
	}
	return d
}

// dateKeys returns the d_first, d_prec and d_last columns for a row dated
// from date to end (see schema).
func dateKeys(date, end kg.Date) (first int64, prec int, last int64) {
	if date.IsZero() {
		return undatedFirst, 0, 0
	}
	first, last = int64(date.FirstKey()), int64(date.LastKey())
	if !end.IsZero() && int64(end.LastKey()) > last {
		last = int64(end.LastKey())
	}
	return first, int(date.Precision()), last
}

// spanDays is how many days a row dated from date to end covers, less one;
// 0 when undated.
func spanDays(date, end kg.Date) int64 {
	if date.IsZero() {
		return 0
	}
	last := date.Last()
	if !end.IsZero() && end.Last().After(last) {
		last = end.Last()
	}
	return int64(last.Sub(date.First()) / (24 * time.Hour))
}

// dayKey returns the yyyymmdd key of t.
func dayKey(t time.Time) int64 {
	return int64(t.Year()*10000 + int(t.Month())*100 + t.Day())
}
