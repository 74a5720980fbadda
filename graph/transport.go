package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/diplograph/diplograph/kg"
)

// The media types of GraphQL over HTTP answers.
const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// httpTransport answers GraphQL over HTTP (https://graphql.github.io/graphql-over-http/)
// in place of gqlgen's GET and POST transports, which differ from the
// specification where real clients notice:
//
//   - Statuses follow the media type the client accepts. With
//     application/json (what Apollo Client 3, graphql-request and most
//     clients ask for) every GraphQL answer is 200, request errors
//     (parse, validation, variables, limits) included, because such
//     clients treat any other status as a network failure and never show
//     the GraphQL error ("Received status code 422"). With
//     application/graphql-response+json, a request error is 400 and has
//     no data entry, as the specification says.
//   - A body that is a JSON array is a batch (Apollo's BatchHttpLink,
//     graphql-request's batchRequests): each operation is answered in
//     order, in an array. See Do for its limits.
//   - Every error carries extensions.code, and a body that cannot be
//     decoded is not echoed back: the message names what is wrong.
type httpTransport struct {
	limits    Limits
	admission *admission
}

var _ graphql.Transport = httpTransport{}

// Supports takes every request but WebSocket upgrades (there are no
// subscriptions); Do refuses methods and content types it does not serve
// with a GraphQL error, rather than gqlgen's plain-text "transport not
// supported".
func (httpTransport) Supports(r *http.Request) bool {
	return r.Header.Get("Upgrade") == ""
}

// params is one GraphQL-over-HTTP request: what a POST body's object, or a
// GET's query string, carries.
type params struct {
	Query         *string         `json:"query"`
	OperationName *string         `json:"operationName"`
	Variables     json.RawMessage `json:"variables"`
	Extensions    json.RawMessage `json:"extensions"`
}

// answer is one GraphQL response on the wire. Data is left out when the
// request never executed (a request error), as the GraphQL specification
// asks; an execution whose data is null keeps "data": null.
type answer struct {
	Errors     gqlerror.List   `json:"errors,omitempty"`
	Data       json.RawMessage `json:"data,omitempty"`
	Extensions map[string]any  `json:"extensions,omitempty"`
}

// requestError is a request the transport refuses before any operation is
// prepared: a method, content type or body it cannot serve.
type requestError struct {
	status int
	code   string
	msg    string
}

func (e *requestError) Error() string { return e.msg }

func refuse(status int, code, format string, args ...any) *requestError {
	return &requestError{status: status, code: code, msg: fmt.Sprintf(format, args...)}
}

// Do answers one HTTP request: a GET, a POST of one operation, or a POST
// of a batch.
func (t httpTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	media := responseMedia(r.Header.Get("Accept"))
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	ctx := r.Context()

	var (
		ps    []*graphql.RawParams
		batch bool
		err   error
	)
	switch r.Method {
	case http.MethodGet:
		var p *graphql.RawParams
		p, err = getParams(r.URL)
		ps = []*graphql.RawParams{p}
	case http.MethodPost:
		ps, batch, err = t.postParams(r)
	default:
		w.Header().Set("Allow", "GET, POST, OPTIONS")
		err = refuse(http.StatusMethodNotAllowed, kg.EINVALID, "method %s is not allowed: use GET or POST", r.Method)
	}
	if err != nil {
		var re *requestError
		if !errors.As(err, &re) {
			re = refuse(http.StatusBadRequest, kg.EINVALID, "%s", err)
		}
		resp := exec.DispatchError(ctx, gqlerror.List{{Message: re.msg, Extensions: map[string]any{"code": re.code}}})
		w.WriteHeader(re.status)
		writeJSON(w, toAnswer(resp))
		return
	}
	for _, p := range ps {
		p.Headers = r.Header
	}

	if !batch {
		a, requestErr := t.runOne(ctx, exec, ps[0], r.Method == http.MethodGet)
		status := http.StatusOK
		if media == mediaGraphQLResponse && a.Data == nil {
			status = statusWithoutData(a, requestErr)
		}
		w.WriteHeader(status)
		writeJSON(w, a)
		return
	}
	writeJSON(w, t.runBatch(ctx, exec, ps))
}

// statusWithoutData is the status of an application/graphql-response+json
// answer that has no data, which the specification says is 4xx or 5xx: a
// request error is the client's (400); a request that timed out waiting for
// a slot is the server's, busy (503); anything else the server's (500).
func statusWithoutData(a *answer, requestErr bool) int {
	if requestErr || len(a.Errors) == 0 {
		return http.StatusBadRequest
	}
	switch a.Errors[0].Extensions["code"] {
	case kg.ETIMEOUT:
		return http.StatusServiceUnavailable
	case kg.EINTERNAL:
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest
}

// runOne prepares and runs one operation. requestErr reports an error
// before execution (parse, validation, variables, limits).
func (t httpTransport) runOne(ctx context.Context, exec graphql.GraphExecutor, p *graphql.RawParams, get bool) (a *answer, requestErr bool) {
	ctx = graphql.StartOperationTrace(ctx)
	opCtx, errs := exec.CreateOperationContext(ctx, p)
	if errs != nil {
		return toAnswer(exec.DispatchError(graphql.WithOperationContext(ctx, opCtx), errs)), true
	}
	if get && opCtx.Operation.Operation != ast.Query {
		// GET must not change anything; the schema has no mutations today,
		// and this keeps it so should it grow some.
		err := &gqlerror.Error{Message: "only queries may be sent with GET", Extensions: map[string]any{"code": kg.EINVALID}}
		return toAnswer(exec.DispatchError(graphql.WithOperationContext(ctx, opCtx), gqlerror.List{err})), true
	}
	responses, ctx := exec.DispatchOperation(ctx, opCtx)
	return toAnswer(responses(ctx)), false
}

// runBatch answers a batch, its operations in order. The batch is one
// request to the limits: its query texts together count toward
// Limits.MaxQueryBytes (each operation's text is measured as it is
// prepared, so that parsing work stays that of one request), and its
// operations' complexities together toward Limits.MaxComplexity: when they
// exceed it, no operation runs and each gets an ELIMIT error. A batch whose
// total complexity makes it costly takes one of the costly slots (see
// admission) for all its operations, which then run one after another,
// all within the request's one deadline.
func (t httpTransport) runBatch(ctx context.Context, exec graphql.GraphExecutor, ps []*graphql.RawParams) []*answer {
	ctx = withBatchBudget(ctx)
	out := make([]*answer, len(ps))
	opCtxs := make([]*graphql.OperationContext, len(ps))
	opCtxsCtx := make([]context.Context, len(ps))
	total := 0
	for i, p := range ps {
		opStart := graphql.StartOperationTrace(ctx)
		opCtx, errs := exec.CreateOperationContext(opStart, p)
		if errs != nil {
			out[i] = toAnswer(exec.DispatchError(graphql.WithOperationContext(opStart, opCtx), errs))
			continue
		}
		opCtxs[i], opCtxsCtx[i] = opCtx, opStart
		total += operationCost(opCtx)
	}
	refuseAll := func(err *gqlerror.Error) {
		for i, opCtx := range opCtxs {
			if opCtx != nil {
				out[i] = toAnswer(exec.DispatchError(graphql.WithOperationContext(opCtxsCtx[i], opCtx), gqlerror.List{err}))
				opCtxs[i] = nil
			}
		}
	}
	if total > t.limits.MaxComplexity {
		refuseAll(limitError("the batch's operations have complexity %d together, more than the limit of %d for one request: send fewer or smaller operations at once", total, t.limits.MaxComplexity))
	} else if total >= t.limits.CostlyComplexity {
		release, ok := t.admission.acquire(ctx)
		if !ok {
			refuseAll(admissionTimeout())
		} else {
			defer release()
			ctx = withAdmitted(ctx)
		}
	}
	for i, opCtx := range opCtxs {
		if opCtx == nil {
			continue
		}
		opStart := opCtxsCtx[i]
		if isAdmitted(ctx) {
			opStart = withAdmitted(opStart)
		}
		responses, rctx := exec.DispatchOperation(opStart, opCtx)
		out[i] = toAnswer(responses(rctx))
	}
	return out
}

// toAnswer turns gqlgen's response into the wire's. A nil response (the
// request's context ended before an answer) is a timeout.
func toAnswer(resp *graphql.Response) *answer {
	if resp == nil {
		return &answer{Errors: gqlerror.List{{Message: "request timed out", Extensions: map[string]any{"code": kg.ETIMEOUT}}}}
	}
	return &answer{Errors: resp.Errors, Data: resp.Data, Extensions: resp.Extensions}
}

func writeJSON(w io.Writer, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		// Data is gqlgen's own JSON and errors are strings: this cannot
		// happen short of a bug, and the client still gets a GraphQL error.
		b = []byte(`{"errors":[{"message":"Internal error.","extensions":{"code":"EINTERNAL"}}]}`)
	}
	w.Write(b)
}

// responseMedia picks the answer's media type from the Accept header:
// application/graphql-response+json when the client prefers it (by
// quality, then by order), else application/json, which is also the
// answer to no Accept header, to */* and to types this server does not
// produce (the specification allows either that or 406; an answer a
// client can read helps it more).
func responseMedia(accept string) string {
	best, bestQ := mediaJSON, -1.0
	for part := range strings.SplitSeq(accept, ",") {
		mt, ps, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if v, ok := ps["q"]; ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		if q <= 0 || q <= bestQ {
			continue
		}
		switch mt {
		case mediaGraphQLResponse:
			best, bestQ = mediaGraphQLResponse, q
		case mediaJSON, "application/*", "*/*":
			best, bestQ = mediaJSON, q
		}
	}
	return best
}

// getParams reads a GET request's query string.
func getParams(u *url.URL) (*graphql.RawParams, error) {
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return nil, refuse(http.StatusBadRequest, kg.EINVALID, "the query string cannot be decoded")
	}
	p := params{}
	if q.Has("query") {
		p.Query = new(q.Get("query"))
	}
	if q.Has("operationName") {
		p.OperationName = new(q.Get("operationName"))
	}
	if v := q.Get("variables"); v != "" {
		p.Variables = json.RawMessage(v)
	}
	if v := q.Get("extensions"); v != "" {
		p.Extensions = json.RawMessage(v)
	}
	return p.raw("")
}

// maxBatchDefault is Limits.MaxBatch when none is given.
const maxBatchDefault = 10

// postParams reads a POST body: one request object, or an array of them.
func (t httpTransport) postParams(r *http.Request) ([]*graphql.RawParams, bool, error) {
	mt, mps, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != mediaJSON {
		return nil, false, refuse(http.StatusUnsupportedMediaType, kg.EINVALID,
			"a POST body must be application/json (a GraphQL request object, or an array of them for a batch), not %q", truncate(r.Header.Get("Content-Type"), 100))
	}
	if cs, ok := mps["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return nil, false, refuse(http.StatusUnsupportedMediaType, kg.EINVALID, "the body must be UTF-8, not %q", truncate(cs, 40))
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, false, refuse(http.StatusBadRequest, kg.EINVALID, "the request body could not be read")
	}
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] == '[' {
		var items []json.RawMessage
		if err := json.Unmarshal(body, &items); err != nil {
			return nil, true, notJSON(err)
		}
		switch {
		case len(items) == 0:
			return nil, true, refuse(http.StatusBadRequest, kg.EINVALID, "the batch is empty")
		case len(items) > t.limits.MaxBatch:
			return nil, true, refuse(http.StatusBadRequest, kg.ELIMIT, "the batch has %d operations, more than the limit of %d", len(items), t.limits.MaxBatch)
		}
		ps := make([]*graphql.RawParams, len(items))
		for i, item := range items {
			p, err := decodeParams(item, fmt.Sprintf("operation %d of the batch", i))
			if err != nil {
				return nil, true, err
			}
			ps[i] = p
		}
		return ps, true, nil
	}
	p, err := decodeParams(body, "")
	if err != nil {
		return nil, false, err
	}
	return []*graphql.RawParams{p}, false, nil
}

// notJSON refuses a body that is not JSON, saying where it breaks but not
// quoting it.
func notJSON(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return refuse(http.StatusBadRequest, kg.EINVALID, "the request body is not JSON: %s (at byte %d)", se.Error(), se.Offset)
	}
	return refuse(http.StatusBadRequest, kg.EINVALID, "the request body is not JSON")
}

// decodeParams reads one request object; where names it in messages
// ("operation 2 of the batch"), empty for a lone request.
func decodeParams(b []byte, where string) (*graphql.RawParams, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, refuse(http.StatusBadRequest, kg.EINVALID, "%s must be a JSON object with a query", orBody(where))
		}
		return nil, notJSON(err)
	}
	var p params
	field := func(name string, dst any) error {
		v, ok := raw[name]
		if !ok || string(v) == "null" {
			return nil
		}
		if err := json.Unmarshal(v, dst); err != nil {
			return refuse(http.StatusBadRequest, kg.EINVALID, "%s: %s has the wrong type", orBody(where), name)
		}
		return nil
	}
	if err := field("query", &p.Query); err != nil {
		return nil, err
	}
	if err := field("operationName", &p.OperationName); err != nil {
		return nil, err
	}
	if v, ok := raw["variables"]; ok && string(v) != "null" {
		p.Variables = v
	}
	if v, ok := raw["extensions"]; ok && string(v) != "null" {
		p.Extensions = v
	}
	return p.raw(where)
}

func orBody(where string) string {
	if where == "" {
		return "the request body"
	}
	return where
}

// raw checks p and turns it into gqlgen's parameters. A query is required
// unless the extensions carry a persisted query's hash.
func (p params) raw(where string) (*graphql.RawParams, error) {
	out := &graphql.RawParams{}
	if p.Query != nil {
		out.Query = *p.Query
	}
	if p.OperationName != nil {
		out.OperationName = *p.OperationName
	}
	if len(p.Variables) > 0 {
		if err := decodeObject(p.Variables, &out.Variables); err != nil {
			return nil, refuse(http.StatusBadRequest, kg.EINVALID, "%s: variables must be a JSON object", orBody(where))
		}
	}
	if len(p.Extensions) > 0 {
		if err := decodeObject(p.Extensions, &out.Extensions); err != nil {
			return nil, refuse(http.StatusBadRequest, kg.EINVALID, "%s: extensions must be a JSON object", orBody(where))
		}
	}
	if out.Query == "" && out.Extensions["persistedQuery"] == nil {
		return nil, refuse(http.StatusBadRequest, kg.EINVALID, "%s has no query", orBody(where))
	}
	return out, nil
}

// decodeObject decodes a JSON object keeping numbers as json.Number, as
// gqlgen's transports do, so that Int variables are read exactly.
func decodeObject(b []byte, dst *map[string]any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(dst); err != nil {
		return err
	}
	if *dst == nil {
		return errors.New("not an object")
	}
	return nil
}

// The context of a batch: what its operations have spent of one request's
// limits, and whether the batch holds an admission slot for them.
type (
	budgetKey   struct{}
	admittedKey struct{}
)

// batchBudget is what the operations of one batch have spent so far.
type batchBudget struct {
	queryBytes int
}

func withBatchBudget(ctx context.Context) context.Context {
	return context.WithValue(ctx, budgetKey{}, &batchBudget{})
}

func budgetOf(ctx context.Context) *batchBudget {
	b, _ := ctx.Value(budgetKey{}).(*batchBudget)
	return b
}

func withAdmitted(ctx context.Context) context.Context {
	return context.WithValue(ctx, admittedKey{}, true)
}

func isAdmitted(ctx context.Context) bool {
	ok, _ := ctx.Value(admittedKey{}).(bool)
	return ok
}
