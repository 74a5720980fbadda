// Package auth decides who may change the graph. The server reads named
// tokens from a file or the environment (never from its command line,
// which other users of the machine can read in the process list); each
// token may read, or read and write. A request shows its token as
// `Authorization: Bearer <token>`; the token is compared with every known
// one in constant time, and its name is what the curation log records as
// who made a change.
//
// Reads need no token. A token the server does not know is refused,
// whatever the request (401, EUNAUTHORIZED), so that a client with a
// mistyped token finds out at once. Whether a mutation may run is decided
// by CheckWrite, which the GraphQL layer calls before the operation runs:
// writes must be configured, the request must be a POST from no browser
// origin, the server's own, or one CORS allows, and carry a token that may
// write.
package auth

import (
	"bufio"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/kg"
)

// Role is what a token may do.
type Role string

// Roles.
const (
	Read  Role = "read"
	Write Role = "write"
)

// MinSecretLength is the shortest token accepted: 16 characters of a
// random token are beyond guessing over HTTP.
const MinSecretLength = 16

// Principal is who a request is: a token's name and role.
type Principal struct {
	Name string
	Role Role
}

// CanWrite reports whether p may run mutations.
func (p Principal) CanWrite() bool { return p.Role == Write }

type token struct {
	Principal
	hash [sha256.Size]byte
}

// Tokens is the set of tokens a server knows. The zero value (or nil)
// knows none: writes are off.
type Tokens struct {
	list []token
}

// Len returns the number of tokens.
func (t *Tokens) Len() int {
	if t == nil {
		return 0
	}
	return len(t.list)
}

// Parse reads tokens, one a line: a name, a role (read or write) and the
// secret, separated by white space. Blank lines and lines starting with #
// are skipped. A duplicate name or secret, an unknown role or a secret
// shorter than MinSecretLength is an error that names the line, never the
// secret.
func Parse(r io.Reader) (*Tokens, error) {
	t := &Tokens{}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 3 {
			return nil, fmt.Errorf("tokens line %d: want NAME ROLE SECRET, found %d fields", n, len(f))
		}
		name, role, secret := f[0], Role(strings.ToLower(f[1])), f[2]
		switch {
		case role != Read && role != Write:
			return nil, fmt.Errorf("tokens line %d: role %q, want read or write", n, f[1])
		case len(secret) < MinSecretLength:
			return nil, fmt.Errorf("tokens line %d: the secret of %s is shorter than %d characters", n, name, MinSecretLength)
		}
		tok := token{Principal: Principal{Name: name, Role: role}, hash: sha256.Sum256([]byte(secret))}
		for _, o := range t.list {
			if o.Name == name {
				return nil, fmt.Errorf("tokens line %d: %s is named twice", n, name)
			}
			if o.hash == tok.hash {
				return nil, fmt.Errorf("tokens line %d: %s has the secret of %s", n, name, o.Name)
			}
		}
		t.list = append(t.list, tok)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read tokens: %w", err)
	}
	return t, nil
}

// Lookup returns the principal whose secret is secret. Every known token
// is compared, each in constant time over fixed-length hashes, so the time
// taken says nothing of which token, or how much of one, matched.
func (t *Tokens) Lookup(secret string) (Principal, bool) {
	if t == nil {
		return Principal{}, false
	}
	h := sha256.Sum256([]byte(secret))
	var found Principal
	ok := 0
	for _, tok := range t.list {
		if subtle.ConstantTimeCompare(h[:], tok.hash[:]) == 1 {
			found, ok = tok.Principal, 1
		}
	}
	return found, ok == 1
}

// Request is what the GraphQL layer needs to know of an HTTP request to
// decide on a mutation.
type Request struct {
	// Principal is the token's, when the request has a valid one.
	Principal *Principal
	// Writes says whether the server accepts mutations at all.
	Writes bool
	// Method is the HTTP method.
	Method string
	// OriginOK says the request comes from no browser page, from the
	// server's own pages, or from an origin CORS allows.
	OriginOK bool
	// Client identifies the client for per-client limits: the remote IP.
	Client string

	status int // set by Refuse
}

type requestKey struct{}

// FromContext returns the request the middleware put in ctx, or nil.
func FromContext(ctx context.Context) *Request {
	r, _ := ctx.Value(requestKey{}).(*Request)
	return r
}

// WithRequest returns ctx with r.
func WithRequest(ctx context.Context, r *Request) context.Context {
	return context.WithValue(ctx, requestKey{}, r)
}

// CheckWrite returns nil when the request in ctx may run a mutation, else
// an EUNAUTHORIZED or EFORBIDDEN error that says why, and marks the
// response's HTTP status (401 or 403). A context without a request (a
// caller in the same process) may not write.
func CheckWrite(ctx context.Context) error {
	r := FromContext(ctx)
	var err *kg.Error
	switch {
	case r == nil || !r.Writes:
		err = kg.Errorf(kg.EFORBIDDEN, "mutations are off: the server was started without tokens (see the readme, \"Who may write\")")
	case r.Method != http.MethodPost:
		err = kg.Errorf(kg.EFORBIDDEN, "mutations are accepted over POST only, not %s", r.Method)
	case !r.OriginOK:
		err = kg.Errorf(kg.EFORBIDDEN, "mutations are not accepted from this origin (see --cors-origins)")
	case r.Principal == nil:
		err = kg.Errorf(kg.EUNAUTHORIZED, "a mutation needs a token that may write: send Authorization: Bearer <token>")
	case !r.Principal.CanWrite():
		err = kg.Errorf(kg.EFORBIDDEN, "the token %s may read, not write", r.Principal.Name)
	default:
		return nil
	}
	if r != nil {
		r.status = http.StatusForbidden
		if err.Code == kg.EUNAUTHORIZED {
			r.status = http.StatusUnauthorized
		}
	}
	return err
}

// Who returns the name of the principal of the request in ctx, "" when
// there is none.
func Who(ctx context.Context) string {
	if r := FromContext(ctx); r != nil && r.Principal != nil {
		return r.Principal.Name
	}
	return ""
}

// Policy says which browser origins may send requests besides the
// server's own: CORS's list, "*" for any.
type Policy struct {
	Origins []string
}

// Allows reports whether r comes from no browser page (no Origin header),
// from the server's own pages (an Origin whose host is the request's
// Host), or from an origin the policy lists.
func (p Policy) Allows(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	if slices.Contains(p.Origins, "*") || slices.Contains(p.Origins, origin) {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && u.Host != "" && strings.EqualFold(u.Host, r.Host)
}

// Middleware puts a Request in the context of every request: it checks
// the Authorization header against tokens (a header that is not a known
// Bearer token is refused with 401 here), and lets CheckWrite set the
// status of a refused mutation. A nil or empty tokens turns writes off.
func Middleware(tokens *Tokens, policy Policy, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req := &Request{Writes: tokens.Len() > 0, Method: r.Method, OriginOK: policy.Allows(r), Client: clientOf(r)}
		if h := r.Header.Get("Authorization"); h != "" {
			scheme, secret, _ := strings.Cut(h, " ")
			p, ok := tokens.Lookup(strings.TrimSpace(secret))
			if !strings.EqualFold(scheme, "Bearer") || !ok {
				refuse(w, http.StatusUnauthorized, kg.EUNAUTHORIZED, "the token is not one this server knows")
				return
			}
			req.Principal = &p
		}
		ctx := WithRequest(r.Context(), req)
		if r.Header.Get("Upgrade") != "" || strings.Contains(r.Header.Get("Accept"), "text/event-stream") {
			// Streams keep the writer as it is: websockets hijack it,
			// event streams flush it.
			next.ServeHTTP(w, r.WithContext(ctx))
			return
		}
		next.ServeHTTP(&statusWriter{ResponseWriter: w, req: req}, r.WithContext(ctx))
	})
}

func clientOf(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// statusWriter answers with the status CheckWrite set, if it set one.
type statusWriter struct {
	http.ResponseWriter
	req   *Request
	wrote bool
}

func (w *statusWriter) WriteHeader(code int) {
	if w.wrote {
		return
	}
	w.wrote = true
	if w.req.status != 0 && code < 400 {
		code = w.req.status
	}
	if code == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="diplograph"`)
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func refuse(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="diplograph", error="invalid_token"`)
	}
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"errors":[{"message":%q,"extensions":{"code":%q}}]}`, msg, code)
}
