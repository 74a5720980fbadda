package sqlite

import (
	"maps"
	"slices"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// This file holds the merge rules of kg.Store.Put as pure functions. They
// are the rules of kg.MergeEntity and kg.MergeEdge, which the loader uses
// to merge within a batch, so that a store holds what the loader meant:
//
//   - Name: the stored name stays; a different name for the same id (ids
//     fold accents, so "Mevlut Cavusoglu" and "Mevlüt Çavuşoğlu" share one)
//     becomes an alias.
//   - Aliases: unioned, first-seen order, each once, never the name.
//   - Evidence: unioned, one item per article and sentence, the first kept
//     (see the evidence table's unique key).
//   - Attrs: unioned; on a key both set, the stored value stays.
//   - Date and End, as one range: replaced when the new date is known and
//     the stored one is not, or the new one is strictly finer and lies
//     within the stored one ("1956-10-19" refines "1956"; "1957-03" does
//     not replace "1956", it contradicts it).
//   - Status, EventType: a known value stays; an unknown one is filled.
//
// Every rule keeps what is stored unless the new value adds to it, so
// loading a batch twice, or two batches in either order, ends the same.

// mergeEntity merges e into old and reports whether anything changed.
func mergeEntity(old *kg.Entity, e *kg.Entity) (merged kg.Entity, changed bool) {
	m := *old
	m.Aliases = addAliases(m.Name, slices.Clone(old.Aliases), append(slices.Clone(e.Aliases), e.Name)...)
	m.Attrs = maps.Clone(old.Attrs)
	for k, v := range e.Attrs {
		if _, ok := m.Attrs[k]; !ok {
			if m.Attrs == nil {
				m.Attrs = map[string]string{}
			}
			m.Attrs[k] = v
		}
	}
	if refines(e.Date, m.Date) {
		m.Date, m.End = e.Date, e.End
	}
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
	if refines(e.Date, m.Date) {
		m.Date, m.End = e.Date, e.End
	}
	if m.Status == "" {
		m.Status = e.Status
	}
	return m, m.Date != old.Date || m.End != old.End || m.Status != old.Status
}

// refines reports whether date n should replace the stored date d: d is
// unknown, or n is finer and lies within d.
func refines(n, d kg.Date) bool {
	switch {
	case n.IsZero():
		return false
	case d.IsZero():
		return true
	}
	return n.Precision() > d.Precision() && d.Contains(n)
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
