package neo4j

import (
	"slices"

	"github.com/diplograph/diplograph/kg"
)

// validateBatch checks what can be checked without the database. Edge ends
// are checked by Put inside its transaction. The rules are the SQLite
// store's: adapters share domain types, not code, so each keeps its own copy.
func validateBatch(b *kg.Batch) error {
	if b == nil {
		return kg.Errorf(kg.EINVALID, "no batch")
	}
	for i := range b.Articles {
		if b.Articles[i].ID == "" {
			return kg.Errorf(kg.EINVALID, "article %d has no id", i)
		}
	}
	for i := range b.Entities {
		e := &b.Entities[i]
		switch {
		case e.ID == "":
			return kg.Errorf(kg.EINVALID, "entity %d (%q) has no id", i, e.Name)
		case !e.Kind.Valid():
			return kg.Errorf(kg.EINVALID, "entity %s: unknown kind %q", e.ID, e.Kind)
		case e.Name == "":
			return kg.Errorf(kg.EINVALID, "entity %s has no name", e.ID)
		case e.EventType != "" && !e.EventType.Valid():
			return kg.Errorf(kg.EINVALID, "entity %s: unknown event type %q", e.ID, e.EventType)
		case e.Status != "" && !e.Status.Valid():
			return kg.Errorf(kg.EINVALID, "entity %s: unknown status %q", e.ID, e.Status)
		}
	}
	for i := range b.Edges {
		e := &b.Edges[i]
		switch {
		case e.ID == "":
			return kg.Errorf(kg.EINVALID, "edge %d (%s %s→%s) has no id", i, e.Type, e.From, e.To)
		case !e.Type.Valid():
			return kg.Errorf(kg.EINVALID, "edge %s: unknown type %q", e.ID, e.Type)
		case e.From == "" || e.To == "":
			return kg.Errorf(kg.EINVALID, "edge %s: missing end", e.ID)
		case e.Status != "" && !e.Status.Valid():
			return kg.Errorf(kg.EINVALID, "edge %s: unknown status %q", e.ID, e.Status)
		}
	}
	return nil
}

// pageSize checks a query's First and applies the default.
func pageSize(first int) (int, error) {
	switch {
	case first == 0:
		return kg.DefaultFirst, nil
	case first < 0 || first > kg.MaxFirst:
		return 0, kg.Errorf(kg.EINVALID, "first must be between 1 and %d, not %d", kg.MaxFirst, first)
	}
	return first, nil
}

// checkWindow rejects a window that ends before it starts.
func checkWindow(from, to kg.Date) error {
	if !from.IsZero() && !to.IsZero() && to.LastKey() < from.FirstKey() {
		return kg.Errorf(kg.EINVALID, "date window ends (%s) before it starts (%s)", to, from)
	}
	return nil
}

func checkEdgeTypes(types []kg.EdgeType) error {
	for _, t := range types {
		if !t.Valid() {
			return kg.Errorf(kg.EINVALID, "unknown edge type %q", t)
		}
	}
	return nil
}

// distinct returns the values of s each once, sorted.
func distinct[T ~string](s []T) []T {
	return slices.Compact(slices.Sorted(slices.Values(s)))
}
