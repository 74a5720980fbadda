package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// inList reports whether the field being resolved lies inside a list (an
// element of a list, or below one). Only there can a field run many times
// in one request, once per element, concurrently: that is what the
// dataloaders batch. A field outside every list runs once for each place
// the query text names it, so waiting for keys to batch it with would cost
// every request the wait and save at most the few calls the query's
// limits (fields, aliases, complexity) allow; such a field asks the store
// itself.
func inList(ctx context.Context) bool {
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		if fc.Index != nil {
			return true
		}
	}
	return false
}

// selects reports whether the query selects, below the field being
// resolved, a field at the end of path: path[i] is a field of the object
// type named types[i] (the name decides which fragments with a type
// condition count), e.g. selects(ctx, []string{"EdgeConnection", "Edge"},
// "nodes", "from"). Outside a GraphQL request it reports true, so that a
// caller that skips work when nothing asks for it does the work.
func selects(ctx context.Context, types []string, path ...string) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !graphql.HasOperationContext(ctx) {
		return true
	}
	return selectsIn(graphql.GetOperationContext(ctx), fc.Field.Selections, types, path)
}

func selectsIn(op *graphql.OperationContext, sel ast.SelectionSet, types, path []string) bool {
	if len(path) == 0 {
		return true
	}
	var satisfies []string
	if len(types) > 0 {
		satisfies = types[:1]
		types = types[1:]
	}
	for _, f := range graphql.CollectFields(op, sel, satisfies) {
		if f.Name == path[0] && selectsIn(op, f.Selections, types, path[1:]) {
			return true
		}
	}
	return false
}
