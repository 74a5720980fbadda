package kg

import "strings"

// The checks every Store applies to what it is given, here once so that no
// two stores can drift apart on what counts as invalid.

// ValidateBatch checks what can be checked of a batch without a database:
// ids, names, kinds, types and statuses. Whether edge ends exist is the
// store's to check, inside its transaction.
func ValidateBatch(b *Batch) error {
	if b == nil {
		return Errorf(EINVALID, "no batch")
	}
	for i := range b.Articles {
		if b.Articles[i].ID == "" {
			return Errorf(EINVALID, "article %d has no id", i)
		}
	}
	for i := range b.Entities {
		e := &b.Entities[i]
		switch {
		case e.ID == "":
			return Errorf(EINVALID, "entity %d (%q) has no id", i, e.Name)
		case !e.Kind.Valid():
			return Errorf(EINVALID, "entity %s: unknown kind %q", e.ID, e.Kind)
		case e.Name == "":
			return Errorf(EINVALID, "entity %s has no name", e.ID)
		case e.EventType != "" && !e.EventType.Valid():
			return Errorf(EINVALID, "entity %s: unknown event type %q", e.ID, e.EventType)
		case e.Status != "" && !e.Status.Valid():
			return Errorf(EINVALID, "entity %s: unknown status %q", e.ID, e.Status)
		}
	}
	for i := range b.Edges {
		e := &b.Edges[i]
		switch {
		case e.ID == "":
			return Errorf(EINVALID, "edge %d (%s %s→%s) has no id", i, e.Type, e.From, e.To)
		case !e.Type.Valid():
			return Errorf(EINVALID, "edge %s: unknown type %q", e.ID, e.Type)
		case e.From == "" || e.To == "":
			return Errorf(EINVALID, "edge %s: missing end", e.ID)
		case e.Status != "" && !e.Status.Valid():
			return Errorf(EINVALID, "edge %s: unknown status %q", e.ID, e.Status)
		}
	}
	return nil
}

// PageSize checks a query's First and applies DefaultFirst to 0.
func PageSize(first int) (int, error) {
	switch {
	case first == 0:
		return DefaultFirst, nil
	case first < 0 || first > MaxFirst:
		return 0, Errorf(EINVALID, "first must be between 1 and %d, not %d", MaxFirst, first)
	}
	return first, nil
}

// CheckWindow rejects a date window that ends before it starts.
func CheckWindow(from, to Date) error {
	if !from.IsZero() && !to.IsZero() && to.LastKey() < from.FirstKey() {
		return Errorf(EINVALID, "date window ends (%s) before it starts (%s)", to, from)
	}
	return nil
}

// CheckEventQuery rejects an event query with a window that ends before it
// starts, an unknown type or status, or an After with no date (events
// without one are never listed, so no page ends at one). First is
// PageSize's.
func CheckEventQuery(q EventQuery) error {
	if err := CheckWindow(q.From, q.To); err != nil {
		return err
	}
	for _, t := range q.Types {
		if !t.Valid() {
			return Errorf(EINVALID, "unknown event type %q", t)
		}
	}
	for _, st := range q.Statuses {
		if !st.Valid() {
			return Errorf(EINVALID, "unknown status %q", st)
		}
	}
	if q.After != nil && (q.After.Date.IsZero() || q.After.ID == "") {
		return Errorf(EINVALID, "an event key needs a date and an id")
	}
	return nil
}

// CheckEdgeKey rejects an EdgeQuery.AfterKey without a date or an id, or
// given with a cursor.
func CheckEdgeKey(q EdgeQuery) error {
	switch {
	case q.AfterKey == nil:
		return nil
	case q.After != "":
		return Errorf(EINVALID, "an edge query takes a cursor or a key to start after, not both")
	case q.AfterKey.Date.IsZero() || q.AfterKey.ID == "":
		return Errorf(EINVALID, "an edge key needs a date and an id")
	}
	return nil
}

// CheckEdgeTypes rejects unknown edge types.
func CheckEdgeTypes(types []EdgeType) error {
	for _, t := range types {
		if !t.Valid() {
			return Errorf(EINVALID, "unknown edge type %q", t)
		}
	}
	return nil
}

// PathHops checks a path query's MaxHops and applies the default of 4 to 0.
func PathHops(maxHops int) (int, error) {
	switch {
	case maxHops == 0:
		return 4, nil
	case maxHops < 0 || maxHops > MaxHops:
		return 0, Errorf(EINVALID, "maxHops must be between 1 and %d, not %d", MaxHops, maxHops)
	}
	return maxHops, nil
}

// Limits of a search. Names are a few words; a search text past these is
// not a name, and every word costs the stores an index lookup (SQLite's
// FTS5 parses and intersects each one, ignoring the request's deadline).
const (
	MaxSearchBytes = 1000
	MaxSearchWords = 32
)

// CheckSearchText rejects blank search text and text longer than
// MaxSearchBytes.
func CheckSearchText(text string) error {
	switch {
	case len(text) > MaxSearchBytes:
		return Errorf(EINVALID, "search text is %d bytes, more than the limit of %d", len(text), MaxSearchBytes)
	case strings.TrimSpace(text) == "":
		return Errorf(EINVALID, "search text is empty")
	}
	return nil
}

// CheckSearchWords rejects a search of more than MaxSearchWords words.
func CheckSearchWords(words []string) error {
	if len(words) > MaxSearchWords {
		return Errorf(EINVALID, "search text has %d words, more than the limit of %d", len(words), MaxSearchWords)
	}
	return nil
}
