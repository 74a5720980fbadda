package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/diplograph/diplograph/auth"
	"github.com/diplograph/diplograph/kg"
)

// writeGate refuses a mutation the request may not run (auth.CheckWrite)
// while the operation is set up, before any resolver runs, over every
// transport: so a refused request changes nothing.
type writeGate struct{}

var (
	_ graphql.HandlerExtension        = writeGate{}
	_ graphql.OperationContextMutator = writeGate{}
)

// ExtensionName implements graphql.HandlerExtension.
func (writeGate) ExtensionName() string { return "WriteGate" }

// Validate implements graphql.HandlerExtension.
func (writeGate) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext refuses mutations that auth.CheckWrite refuses.
func (writeGate) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	if opCtx.Operation == nil || opCtx.Operation.Operation != ast.Mutation {
		return nil
	}
	if err := auth.CheckWrite(ctx); err != nil {
		return &gqlerror.Error{Message: kg.ErrorMessage(err), Extensions: map[string]any{"code": kg.ErrorCode(err)}}
	}
	return nil
}
