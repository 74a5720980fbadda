package graph

import (
	"context"
	"log/slog"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/diplograph/diplograph/kg"
)

// admission runs costly operations (complexity at least
// Limits.CostlyComplexity: walks, neighbourhoods, exports, big pages) in a
// few slots, so that however many of them arrive, they cannot hold every
// core and every store connection while cheap requests queue behind them.
// A costly request waits for a slot within its own deadline; cheap ones
// never wait. On a store of a million edges, 64 clients with a mix of
// walks and entity pages got 15-26% ETIMEOUT without it, because the walks
// held the four SQLite read connections.
type admission struct {
	costly int
	slots  chan struct{}
}

var (
	_ graphql.HandlerExtension     = (*admission)(nil)
	_ graphql.OperationInterceptor = (*admission)(nil)
	_ graphql.ResponseInterceptor  = (*admission)(nil)
)

func newAdmission(l Limits) *admission {
	return &admission{costly: l.CostlyComplexity, slots: make(chan struct{}, l.CostlySlots)}
}

// ExtensionName implements graphql.HandlerExtension.
func (*admission) ExtensionName() string { return "Admission" }

// Validate implements graphql.HandlerExtension.
func (*admission) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptOperation holds a costly query until a slot is free and keeps
// the slot until its answer is built. Subscriptions are not held: they
// would keep a slot for as long as they live. An operation of a batch that
// holds a slot for all its operations (see httpTransport.runBatch) is not
// held again.
func (a *admission) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	opCtx := graphql.GetOperationContext(ctx)
	if operationCost(opCtx) < a.costly || opCtx.Operation.Operation == ast.Subscription || isAdmitted(ctx) {
		return next(ctx)
	}
	release, ok := a.acquire(ctx)
	if !ok {
		return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{admissionTimeout()}})
	}
	h := next(ctx)
	return func(ctx context.Context) *graphql.Response {
		resp := h(ctx)
		release()
		return resp
	}
}

// acquire waits for a costly slot within ctx's deadline. release frees it;
// calling it again does nothing. ok is false when the deadline came first.
func (a *admission) acquire(ctx context.Context) (release func(), ok bool) {
	select {
	case a.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, false
	}
	held := true
	return func() {
		if held {
			held = false
			<-a.slots
		}
	}, true
}

// admissionTimeout is the error of a request that waited for a costly slot
// until its deadline.
func admissionTimeout() *gqlerror.Error {
	return &gqlerror.Error{Message: "request timed out waiting for the server to finish other costly requests", Extensions: map[string]any{"code": kg.ETIMEOUT}}
}

// maxErrors caps the errors of one answer: a document with thousands of
// bad directives or arguments would otherwise answer megabytes of them.
const maxErrors = 20

// InterceptResponse caps the errors of an answer and logs the requests
// that ran out of time, with their operation, so that an operator can see
// which queries do.
func (a *admission) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if resp == nil {
		return nil
	}
	if n := len(resp.Errors); n > maxErrors {
		more := &gqlerror.Error{Message: "and " + strconv.Itoa(n-maxErrors) + " more errors", Extensions: resp.Errors[0].Extensions}
		resp.Errors = append(resp.Errors[:maxErrors:maxErrors], more)
	}
	for _, e := range resp.Errors {
		if code, _ := e.Extensions["code"].(string); code == kg.ETIMEOUT {
			logTimeout(ctx)
			break
		}
	}
	return resp
}

// logTimeout logs a request that answered ETIMEOUT.
func logTimeout(ctx context.Context) {
	if !graphql.HasOperationContext(ctx) {
		slog.WarnContext(ctx, "graphql request timed out")
		return
	}
	opCtx := graphql.GetOperationContext(ctx)
	name := opCtx.OperationName
	if name == "" && opCtx.Operation != nil {
		name = opCtx.Operation.Name
	}
	slog.WarnContext(ctx, "graphql request timed out",
		"operation", name,
		"query", truncate(opCtx.RawQuery, 500),
		"complexity", operationCost(opCtx),
		"elapsed", time.Since(opCtx.Stats.OperationStart).Round(time.Millisecond))
}
