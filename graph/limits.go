package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/diplograph/diplograph/kg"
)

// Limits bound what one request may cost. They are checked in two places,
// both before any resolver runs:
//
//   - Before gqlgen parses and validates the document (the query text
//     alone, variables apart): its size, its tokens, and the fields and
//     depth of every operation and fragment with fragments expanded, each
//     fragment measured once. Validation rules such as overlapping fields
//     are quadratic, and gqlgen's complexity walk expands fragments anew
//     at every spread, so a 700-byte document of nested fragment spreads
//     or a flood of repeated fields would otherwise take seconds to hours
//     of CPU before any limit looked at it.
//   - After validation, with the variables: the length of every list
//     argument, and the complexity (what setComplexity prices: pages,
//     walks, exports), which also decides whether the request waits for
//     one of the few slots of costly requests (see admission).
//
// Refusals are request errors: code ELIMIT (EINVALID for a list argument
// over its cap), answered like a validation error, before any work.
type Limits struct {
	// MaxQueryBytes caps the query text; variables are capped by the
	// request body's limit, not by this.
	MaxQueryBytes int
	// MaxTokens caps the tokens the parser reads.
	MaxTokens int
	// MaxDepth caps how deeply fields nest.
	MaxDepth int
	// MaxFields caps the fields of an operation or fragment with the
	// fragments it spreads expanded; each alias counts.
	MaxFields int
	// MaxDirectives caps the directives in the document.
	MaxDirectives int
	// MaxListItems caps the items of any list argument, literal or from a
	// variable.
	MaxListItems int
	// MaxComplexity caps an operation's complexity.
	MaxComplexity int
	// CostlyComplexity is the complexity from which a request is costly:
	// it runs only in one of CostlySlots slots, so that costly requests
	// cannot take every core and store connection from cheap ones.
	CostlyComplexity int
	// CostlySlots is how many costly requests run at once.
	CostlySlots int
	// MaxBatch caps the operations of a batched request (a JSON array of
	// requests). The batch as a whole must fit MaxQueryBytes and
	// MaxComplexity, as one request does (see httpTransport.runBatch).
	MaxBatch int
}

// DefaultLimits are the limits of NewHandler when Options gives none.
// Each is far above what the pages, the README's examples and real clients
// send: GraphiQL's introspection query is 2.5 KB, 600 tokens and 120
// fields.
var DefaultLimits = Limits{
	MaxQueryBytes:    32 << 10,
	MaxTokens:        10_000,
	MaxDepth:         15,
	MaxFields:        300,
	MaxDirectives:    50,
	MaxListItems:     100,
	MaxComplexity:    20_000,
	CostlyComplexity: 2_000,
	CostlySlots:      2,
	MaxBatch:         maxBatchDefault,
}

// withDefaults fills the zero fields of l from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	pick := func(v, def int) int {
		if v == 0 {
			return def
		}
		return v
	}
	return Limits{
		MaxQueryBytes:    pick(l.MaxQueryBytes, d.MaxQueryBytes),
		MaxTokens:        pick(l.MaxTokens, d.MaxTokens),
		MaxDepth:         pick(l.MaxDepth, d.MaxDepth),
		MaxFields:        pick(l.MaxFields, d.MaxFields),
		MaxDirectives:    pick(l.MaxDirectives, d.MaxDirectives),
		MaxListItems:     pick(l.MaxListItems, d.MaxListItems),
		MaxComplexity:    pick(l.MaxComplexity, d.MaxComplexity),
		CostlyComplexity: pick(l.CostlyComplexity, d.CostlyComplexity),
		CostlySlots:      pick(l.CostlySlots, d.CostlySlots),
		MaxBatch:         pick(l.MaxBatch, d.MaxBatch),
	}
}

// limiter is the gqlgen extension that applies Limits.
type limiter struct {
	l     Limits
	es    graphql.ExecutableSchema
	cache graphql.Cache[*ast.QueryDocument]
}

var (
	_ graphql.HandlerExtension          = (*limiter)(nil)
	_ graphql.OperationParameterMutator = (*limiter)(nil)
	_ graphql.OperationContextMutator   = (*limiter)(nil)
)

// ExtensionName implements graphql.HandlerExtension.
func (*limiter) ExtensionName() string { return "Limits" }

// Validate implements graphql.HandlerExtension.
func (x *limiter) Validate(es graphql.ExecutableSchema) error {
	x.es = es
	return nil
}

// costStats is what limiter records of an operation for the handlers after
// it: admission and the timeout log.
type costStats struct {
	Complexity int
}

const costExtension = "diplographCost"

// operationCost returns the complexity limiter recorded, 0 when none.
func operationCost(opCtx *graphql.OperationContext) int {
	if opCtx == nil {
		return 0
	}
	if s, ok := opCtx.Stats.GetExtension(costExtension).(*costStats); ok {
		return s.Complexity
	}
	return 0
}

func limitError(format string, args ...any) *gqlerror.Error {
	return &gqlerror.Error{Message: fmt.Sprintf(format, args...), Extensions: map[string]any{"code": kg.ELIMIT}}
}

// MutateOperationParameters measures the query text before gqlgen parses
// and validates it. A document already in the query cache passed these
// checks and validation before, and is not measured again.
func (x *limiter) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	if err := ctx.Err(); err != nil {
		// The client left or the deadline passed while the body was read.
		return &gqlerror.Error{Message: "request cancelled", Extensions: map[string]any{"code": kg.ETIMEOUT}}
	}
	if b := budgetOf(ctx); b != nil {
		// A batch's texts count together, whether parsed before or not, so
		// that a batch parses and validates no more than one request may.
		b.queryBytes += len(p.Query)
		if b.queryBytes > x.l.MaxQueryBytes {
			return limitError("the batch's query texts are %d bytes up to this operation, more than the limit of %d for one request", b.queryBytes, x.l.MaxQueryBytes)
		}
	}
	if _, ok := x.cache.Get(ctx, p.Query); ok {
		return nil
	}
	if n := len(p.Query); n > x.l.MaxQueryBytes {
		return limitError("query text is %d bytes, more than the limit of %d", n, x.l.MaxQueryBytes)
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: p.Query}, x.l.MaxTokens)
	if err != nil {
		if strings.HasPrefix(err.Error(), "exceeded token limit") ||
			strings.Contains(err.Error(), "exceeded token limit") {
			return limitError("query has more than %d tokens, the limit", x.l.MaxTokens)
		}
		// gqlgen parses it again and reports the syntax error, as
		// GRAPHQL_PARSE_FAILED with its position.
		return nil
	}
	return x.measure(doc)
}

// measure checks a parsed document's size: the fields and depth of every
// operation and fragment, fragments expanded, and its directives.
func (x *limiter) measure(doc *ast.QueryDocument) *gqlerror.Error {
	m := measurer{doc: doc, frags: map[string]size{}}
	check := func(what string, s size) *gqlerror.Error {
		switch {
		case s.depth > x.l.MaxDepth:
			return limitError("%s nests fields %d deep, more than the limit of %d", what, s.depth, x.l.MaxDepth)
		case s.fields > x.l.MaxFields:
			return limitError("%s selects %s fields with its fragments expanded, more than the limit of %d", what, countString(s.fields), x.l.MaxFields)
		}
		return nil
	}
	for _, op := range doc.Operations {
		name := "the operation"
		if op.Name != "" {
			name = "operation " + op.Name
		}
		if err := check(name, m.selectionSet(op.SelectionSet)); err != nil {
			return err
		}
	}
	// Fragments no operation spreads are validated all the same.
	for _, f := range doc.Fragments {
		if err := check("fragment "+f.Name, m.fragment(f.Name)); err != nil {
			return err
		}
	}
	if n := countDirectives(doc); n > x.l.MaxDirectives {
		return limitError("query has %d directives, more than the limit of %d", n, x.l.MaxDirectives)
	}
	return nil
}

// countString writes n, or "over a billion" at the measurer's cap.
func countString(n int) string {
	if n >= fieldCap {
		return "over a billion"
	}
	return fmt.Sprint(n)
}

type size struct{ depth, fields int }

// measurer sizes selection sets of a document that has not been
// validated: spreads are looked up by name, and each fragment is measured
// once, since a fragment spread many times at each of many levels would
// otherwise be walked exponentially often.
type measurer struct {
	doc   *ast.QueryDocument
	frags map[string]size
}

// fieldCap keeps counts from overflowing on absurd documents.
const fieldCap = 1 << 30

func (m *measurer) fragment(name string) size {
	if s, ok := m.frags[name]; ok {
		return s
	}
	def := m.doc.Fragments.ForName(name)
	if def == nil {
		return size{} // validation reports it
	}
	m.frags[name] = size{} // a cycle (validation forbids it) counts nothing
	s := m.selectionSet(def.SelectionSet)
	m.frags[name] = s
	return s
}

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
			add(size{depth: child.depth + 1, fields: min(child.fields+1, fieldCap)})
		case *ast.InlineFragment:
			add(m.selectionSet(sel.SelectionSet))
		case *ast.FragmentSpread:
			add(m.fragment(sel.Name))
		}
	}
	return out
}

// countDirectives counts the directives written in doc (not expanded).
func countDirectives(doc *ast.QueryDocument) int {
	n := 0
	var set func(ast.SelectionSet)
	set = func(s ast.SelectionSet) {
		for _, sel := range s {
			switch sel := sel.(type) {
			case *ast.Field:
				n += len(sel.Directives)
				set(sel.SelectionSet)
			case *ast.InlineFragment:
				n += len(sel.Directives)
				set(sel.SelectionSet)
			case *ast.FragmentSpread:
				n += len(sel.Directives)
			}
		}
	}
	for _, op := range doc.Operations {
		n += len(op.Directives)
		for _, v := range op.VariableDefinitions {
			n += len(v.Directives)
		}
		set(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		n += len(f.Directives)
		set(f.SelectionSet)
	}
	return n
}

// MutateOperationContext checks the validated operation with its
// variables: list arguments, then complexity, which it records for
// admission.
func (x *limiter) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	if opCtx.Operation == nil {
		return nil
	}
	if err := x.checkLists(opCtx); err != nil {
		return err
	}
	c := complexity.Calculate(ctx, x.es, opCtx.Operation, opCtx.Variables)
	opCtx.Stats.SetExtension(costExtension, &costStats{Complexity: c})
	if c > x.l.MaxComplexity {
		return limitError("operation has complexity %d, more than the limit of %d: ask for smaller pages, fewer hops or fewer aliases", c, x.l.MaxComplexity)
	}
	return nil
}

// checkLists refuses list arguments longer than MaxListItems. No
// argument of the schema needs more (there are fewer edge types, kinds and
// statuses than that), and the stores turn lists into query parameters:
// SQLite allows 32,766 of them in a statement.
func (x *limiter) checkLists(opCtx *graphql.OperationContext) *gqlerror.Error {
	seen := map[string]bool{}
	var set func(ast.SelectionSet) *gqlerror.Error
	set = func(s ast.SelectionSet) *gqlerror.Error {
		for _, sel := range s {
			switch sel := sel.(type) {
			case *ast.Field:
				for name, v := range sel.ArgumentMap(opCtx.Variables) {
					if n := longestList(v); n > x.l.MaxListItems {
						return &gqlerror.Error{
							Message:    fmt.Sprintf("argument %s of %s has a list of %d items, more than the limit of %d", name, sel.Name, n, x.l.MaxListItems),
							Extensions: map[string]any{"code": kg.EINVALID},
						}
					}
				}
				if err := set(sel.SelectionSet); err != nil {
					return err
				}
			case *ast.InlineFragment:
				if err := set(sel.SelectionSet); err != nil {
					return err
				}
			case *ast.FragmentSpread:
				if seen[sel.Name] || sel.Definition == nil {
					continue
				}
				seen[sel.Name] = true
				if err := set(sel.Definition.SelectionSet); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return set(opCtx.Operation.SelectionSet)
}

// longestList returns the length of the longest list in v, looking into
// input objects and nested lists.
func longestList(v any) int {
	switch v := v.(type) {
	case []any:
		n := len(v)
		for _, item := range v {
			n = max(n, longestList(item))
		}
		return n
	case map[string]any:
		n := 0
		for _, item := range v {
			n = max(n, longestList(item))
		}
		return n
	}
	return 0
}
