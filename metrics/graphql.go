package metrics

import (
	"context"
	"slices"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// Field classes: what the root fields of an operation do, which is what
// its cost depends on. An operation whose root fields fall in two classes
// or more is "mixed"; one that did not parse or validate is "invalid".
const (
	ClassLookup        = "lookup"        // entity, node, article
	ClassSearch        = "search"        // search, searchConnection
	ClassTimeline      = "timeline"      // timeline, timelineItems, timelineExport
	ClassWalk          = "walk"          // path, paths
	ClassNeighborhood  = "neighborhood"  // neighborhood
	ClassStats         = "stats"         // stats
	ClassIntrospection = "introspection" // __schema, __type, __typename
	ClassMixed         = "mixed"
	ClassInvalid       = "invalid"
	ClassOther         = "other" // a root field this table does not know yet
)

// fieldClasses maps the schema's root fields to their class.
var fieldClasses = map[string]string{
	"entity": ClassLookup, "node": ClassLookup, "article": ClassLookup,
	"search": ClassSearch, "searchConnection": ClassSearch,
	"timeline": ClassTimeline, "timelineItems": ClassTimeline, "timelineExport": ClassTimeline,
	"path": ClassWalk, "paths": ClassWalk,
	"neighborhood": ClassNeighborhood,
	"stats":        ClassStats,
	"__schema":     ClassIntrospection, "__type": ClassIntrospection, "__typename": ClassIntrospection,
}

// FieldClass returns the class of the given root field names.
func FieldClass(fields []string) string {
	class := ""
	for _, f := range fields {
		c, ok := fieldClasses[f]
		if !ok {
			c = ClassOther
		}
		switch {
		case class == "":
			class = c
		case class != c:
			return ClassMixed
		}
	}
	if class == "" {
		return ClassInvalid
	}
	return class
}

// GraphQL returns a gqlgen extension that counts and times every GraphQL
// answer by operation and field class, and counts the errors in it by
// extensions.code. Use it before every other extension, so that it sees
// the answers the others make on their own (a refused or timed-out
// request), and the time they take.
func (m *Metrics) GraphQL() graphql.HandlerExtension { return &gqlExtension{m: m} }

type gqlExtension struct{ m *Metrics }

var (
	_ graphql.HandlerExtension    = (*gqlExtension)(nil)
	_ graphql.ResponseInterceptor = (*gqlExtension)(nil)
)

func (*gqlExtension) ExtensionName() string                   { return "Metrics" }
func (*gqlExtension) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptResponse counts the answer next builds. Answers to requests
// that did not parse or validate come here too (gqlgen's DispatchError
// runs the response interceptors), without an operation.
func (x *gqlExtension) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	start := time.Now()
	resp := next(ctx)
	op, class := "", ClassInvalid
	if graphql.HasOperationContext(ctx) {
		opCtx := graphql.GetOperationContext(ctx)
		if !opCtx.Stats.OperationStart.IsZero() {
			start = opCtx.Stats.OperationStart // parsing and validation count
		}
		op = opCtx.OperationName
		if opCtx.Operation != nil {
			if op == "" {
				op = opCtx.Operation.Name
			}
			class = FieldClass(rootFields(opCtx, opCtx.Operation.SelectionSet))
		}
	}
	label := x.m.operationLabel(op)
	outcome := "ok"
	if resp != nil && len(resp.Errors) > 0 {
		outcome = "error"
		for _, e := range resp.Errors {
			code, _ := e.Extensions["code"].(string)
			if code == "" {
				code = "none"
			}
			x.m.gqlErrors.WithLabelValues(errorCodeLabel(code)).Inc()
		}
	}
	x.m.gqlRequests.WithLabelValues(label, class, outcome).Inc()
	x.m.gqlDuration.WithLabelValues(label, class).Observe(time.Since(start).Seconds())
	return resp
}

// rootFields lists the names of the root fields of an operation, fragments
// included (a root field can sit in a fragment on Query).
func rootFields(opCtx *graphql.OperationContext, sel ast.SelectionSet) []string {
	var names []string
	var walk func(ast.SelectionSet, int)
	walk = func(sel ast.SelectionSet, depth int) {
		if depth > 10 { // fragments that spread each other are refused by validation; be safe anyway
			return
		}
		for _, s := range sel {
			switch s := s.(type) {
			case *ast.Field:
				if !slices.Contains(names, s.Name) {
					names = append(names, s.Name)
				}
			case *ast.InlineFragment:
				walk(s.SelectionSet, depth+1)
			case *ast.FragmentSpread:
				if f := opCtx.Doc.Fragments.ForName(s.Name); f != nil {
					walk(f.SelectionSet, depth+1)
				}
			}
		}
	}
	walk(sel, 0)
	return names
}

// knownCodes are the extensions.code values an answer carries (README's
// table): the domain's codes and gqlgen's own. Any other value, which
// no code of ours sends, is counted as "other".
var knownCodes = map[string]bool{
	"EINVALID": true, "ENOTFOUND": true, "ECONFLICT": true, "ETIMEOUT": true, "ELIMIT": true, "EINTERNAL": true,
	"GRAPHQL_PARSE_FAILED": true, "GRAPHQL_VALIDATION_FAILED": true, "PERSISTED_QUERY_NOT_FOUND": true,
	"none": true,
}

func errorCodeLabel(code string) string {
	if knownCodes[code] {
		return code
	}
	return "other"
}
