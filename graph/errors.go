package graph

import (
	"context"
	"errors"
	"log/slog"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/diplograph/diplograph/kg"
)

// presentError maps domain errors to GraphQL errors: the kg error code goes
// to extensions.code and only a kg.Error's message reaches the client.
// Anything else is logged and shown as "Internal error.", because driver and
// file-system messages can leak paths, queries and data.
func presentError(ctx context.Context, err error) *gqlerror.Error {
	var gqlErr *gqlerror.Error
	if errors.As(err, &gqlErr) && gqlErr.Err == nil {
		// Parse and validation errors made by gqlgen itself, and the
		// limits' refusals. Messages quote the document ("Cannot query
		// field …"), which may be huge.
		gqlErr.Message = truncate(gqlErr.Message, maxMessage)
		if _, ok := gqlErr.Extensions["code"]; !ok {
			// A body that does not decode, and the like: the request
			// is malformed, and every error carries a code.
			if gqlErr.Extensions == nil {
				gqlErr.Extensions = map[string]any{}
			}
			gqlErr.Extensions["code"] = kg.EINVALID
		}
		return gqlErr
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) && kg.ErrorCode(err) == kg.EINTERNAL {
		// The request's deadline passed (see withTimeout): whatever the
		// store made of its cancelled call, the client's answer is this.
		err = kg.Errorf(kg.ETIMEOUT, "request timed out")
	}
	code := kg.ErrorCode(err)
	if code == kg.EINTERNAL {
		slog.ErrorContext(ctx, "graphql resolver failed", "path", graphql.GetPath(ctx).String(), "err", err)
	}
	e := graphql.DefaultErrorPresenter(ctx, errors.New(truncate(kg.ErrorMessage(err), maxMessage)))
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
	return e
}

// recoverPanic turns a resolver panic into an internal error and keeps the
// server up.
func recoverPanic(ctx context.Context, p any) error {
	slog.ErrorContext(ctx, "graphql resolver panicked", "panic", p)
	return kg.Errorf(kg.EINTERNAL, "internal error")
}

// maxMessage caps an error message in bytes. Messages quote what was
// wrong (a cursor, a name), and a client that sends 100 KB of it should not
// get it back.
const maxMessage = 300

// truncate cuts s to at most n bytes on a rune boundary, marking the cut.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
