package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// EINTROSPECTION is the code of a request for the schema (__schema,
// __type) to a server that serves without introspection. It is a request
// error of the client's, answered before anything runs: gqlgen's own
// refusal happens inside execution, where it came out as EINTERNAL and was
// logged as a server failure each time, so any client could fill the log.
const EINTROSPECTION = "EINTROSPECTION"

// noIntrospection refuses operations that introspect the schema. __typename
// is not refused: clients such as Apollo add it to every selection.
type noIntrospection struct{}

var (
	_ graphql.HandlerExtension        = noIntrospection{}
	_ graphql.OperationContextMutator = noIntrospection{}
)

// ExtensionName implements graphql.HandlerExtension.
func (noIntrospection) ExtensionName() string { return "NoIntrospection" }

// Validate implements graphql.HandlerExtension.
func (noIntrospection) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext refuses an operation that selects __schema or
// __type. Both are fields of the query root only, and no field returns the
// query type, so only the root selection and the fragments spread there
// need looking at.
func (noIntrospection) MutateOperationContext(_ context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	if opCtx.Operation == nil {
		return nil
	}
	seen := map[string]bool{}
	var introspects func(ast.SelectionSet) bool
	introspects = func(set ast.SelectionSet) bool {
		for _, sel := range set {
			switch sel := sel.(type) {
			case *ast.Field:
				if sel.Name == "__schema" || sel.Name == "__type" {
					return true
				}
			case *ast.InlineFragment:
				if introspects(sel.SelectionSet) {
					return true
				}
			case *ast.FragmentSpread:
				if seen[sel.Name] || sel.Definition == nil {
					continue
				}
				seen[sel.Name] = true
				if introspects(sel.Definition.SelectionSet) {
					return true
				}
			}
		}
		return false
	}
	if !introspects(opCtx.Operation.SelectionSet) {
		return nil
	}
	return &gqlerror.Error{
		Message:    "introspection is disabled on this server: the schema is schema.graphqls in diplograph's repository",
		Extensions: map[string]any{"code": EINTROSPECTION},
	}
}
