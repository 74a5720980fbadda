package sqlite

import (
	"maps"
	"slices"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// Put merges with kg.MergeEntity and kg.MergeEdge, the rules every store
// and the loader share (kg/merge.go); the functions here only add what a
// row-level store needs: whether a merge changed anything, so that a batch
// loaded twice writes nothing the second time. Evidence is not merged here:
// the evidence table's unique key (edge, article, sentence) unions it, one
// item per article and sentence as kg.MergeEdge has it.

// mergeEntity merges e into old and reports whether anything changed.
func mergeEntity(old *kg.Entity, e *kg.Entity) (merged kg.Entity, changed bool) {
	m := *old
	m.Aliases = slices.Clone(old.Aliases)
	m.Attrs = maps.Clone(old.Attrs)
	kg.MergeEntity(&m, e)
	changed = !slices.Equal(m.Aliases, old.Aliases) || !maps.Equal(m.Attrs, old.Attrs) ||
		m.Date != old.Date || m.End != old.End || m.EventType != old.EventType || m.Status != old.Status
	return m, changed
}

// normalizeEntity returns e as it is stored the first time: merged into a
// record of itself without aliases, so that aliases come each once and
// never repeat the name.
func normalizeEntity(e *kg.Entity) kg.Entity {
	n := *e
	n.Aliases, n.Attrs = nil, nil
	kg.MergeEntity(&n, e)
	return n
}

// mergeEdge merges e into old, evidence aside, and reports whether
// anything changed.
func mergeEdge(old *kg.Edge, e *kg.Edge) (merged kg.Edge, changed bool) {
	m := *old
	kg.MergeEdge(&m, e)
	m.Evidence = nil
	return m, m.Date != old.Date || m.End != old.End || m.Status != old.Status
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
