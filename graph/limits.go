package graph

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/kg"
)

// QueryLimits refuses operations nested deeper than MaxDepth or selecting
// more than MaxFields fields (aliases count once each), before anything is
// resolved. Complexity limits price what a query asks the store for; these
// bound what it costs to even plan and answer it, which is how alias floods
// and deeply nested fragments are turned away.
type QueryLimits struct {
	MaxDepth  int
	MaxFields int
}

var (
	_ graphql.HandlerExtension        = QueryLimits{}
	_ graphql.OperationContextMutator = QueryLimits{}
)

// ExtensionName implements graphql.HandlerExtension.
func (QueryLimits) ExtensionName() string { return "QueryLimits" }

// Validate implements graphql.HandlerExtension.
func (QueryLimits) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext measures the operation and refuses it when it is
// over a limit.
func (l QueryLimits) MutateOperationContext(ctx context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	if rc.Operation == nil {
		return nil
	}
	m := measurer{frags: map[string]size{}}
	s := m.selectionSet(rc.Operation.SelectionSet)
	switch {
	case l.MaxDepth > 0 && s.depth > l.MaxDepth:
		return limitError(fmt.Sprintf("query depth %d exceeds the limit of %d", s.depth, l.MaxDepth))
	case l.MaxFields > 0 && s.fields > l.MaxFields:
		return limitError(fmt.Sprintf("query selects %d fields, more than the limit of %d", s.fields, l.MaxFields))
	}
	return nil
}

func limitError(msg string) *gqlerror.Error {
	return &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": kg.EINVALID}}
}

type size struct{ depth, fields int }

// measurer sizes selection sets, each fragment once: fragments spread many
// times would otherwise be walked exponentially often.
type measurer struct {
	frags map[string]size
}

// fieldCap keeps counts from overflowing on absurd documents.
const fieldCap = 1 << 30

func (m *measurer) selectionSet(set ast.SelectionSet) size {
	var out size
	add := func(s size) {
		out.depth = max(out.depth, s.depth)
		out.fields = min(out.fields+s.fields, fieldCap)
	}
	for _, sel := range set {
		switch sel := sel.(type) {
		case *ast.Field:
			child := m.selectionSet(sel.SelectionSet)
			add(size{depth: child.depth + 1, fields: child.fields + 1})
		case *ast.InlineFragment:
			add(m.selectionSet(sel.SelectionSet))
		case *ast.FragmentSpread:
			if sel.Definition == nil {
				continue
			}
			s, ok := m.frags[sel.Name]
			if !ok {
				m.frags[sel.Name] = size{} // a cycle (validation forbids it) counts nothing
				s = m.selectionSet(sel.Definition.SelectionSet)
				m.frags[sel.Name] = s
			}
			add(s)
		}
	}
	return out
}

// setComplexity prices list fields by the page they ask for, so that the
// complexity limit sees `first: 500` as 500 items, not one.
func setComplexity(c *ComplexityRoot) {
	page := func(first *int, def int) int {
		if first == nil {
			return def
		}
		return max(1, min(*first, kg.MaxFirst))
	}
	edges := func(child int, _ []kg.EdgeType, _ *kg.Direction, _, _ *kg.Date, first *int, _ *string) int {
		return 1 + page(first, kg.DefaultFirst)*child
	}
	c.Person.Edges, c.State.Edges, c.Organization.Edges = edges, edges, edges
	c.Place.Edges, c.Treaty.Edges, c.Event.Edges = edges, edges, edges
	c.Query.Search = func(child int, _ string, _ []kg.Kind, first *int) int {
		return 1 + page(first, kg.DefaultFirst)*child
	}
	c.Query.Timeline = func(child int, _, _ *kg.Date, _ *string, _ []kg.EventType, _ []kg.Status, first *int) int {
		return 1 + page(first, 100)*child
	}
	// Lists without a page argument are bounded by what one entity has;
	// price them as a default page.
	list := func(child int) int { return 1 + kg.DefaultFirst*child }
	asOfList := func(child int, _ *kg.Date) int { return list(child) }
	c.Treaty.Parties, c.Event.Participants, c.Event.Places, c.State.Succession, c.Edge.Sources = list, list, list, list, list
	c.Person.Offices, c.State.Treaties = asOfList, asOfList
	c.Query.Path = func(child int, _, _ string, maxHops *int, _ []kg.EdgeType, _, _ *kg.Date, _ *bool) int {
		return 10 + page(maxHops, 4)*child
	}
	c.Query.Paths = func(child int, _, _ string, maxHops *int, _ []kg.EdgeType, _, _ *kg.Date, _ *bool, first *int) int {
		return 10 + page(first, 5)*page(maxHops, 4)*child
	}
	c.Query.TimelineExport = func(int, *kg.Date, *kg.Date, *string, *model.TimelineFormat) int { return 1000 }
	c.Query.TimelineItems = func(child int, _, _ *kg.Date, _ *string, _ []kg.EventType, _ []kg.Status, first *int, _ *string) int {
		return 1 + page(first, 50)*child
	}
	c.Query.SearchConnection = func(child int, _ string, _ []kg.Kind, first *int, _ *string) int {
		return 1 + page(first, kg.DefaultFirst)*child
	}
	pageOnly := func(child int, first *int, _ *string) int { return 1 + page(first, kg.DefaultFirst)*child }
	c.Article.Mentions, c.Edge.EvidenceConnection = pageOnly, pageOnly
	c.Event.ParticipantsConnection, c.Treaty.PartiesConnection = pageOnly, pageOnly
	c.State.TreatiesConnection = func(child int, _ *kg.Date, first *int, after *string) int { return pageOnly(child, first, after) }
	c.Query.Neighborhood = func(child int, _ string, _ *int, _ []kg.EdgeType, _, _ *kg.Date, first *int) int {
		return 10 + page(first, 100)*child
	}
}
