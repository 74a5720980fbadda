package api

import (
	"net/http"
	"slices"
	"strings"
)

// corsPaths are the routes a browser page on another origin may call: the
// GraphQL endpoint and the downloads. The playground and /healthz are for
// people and probes, not for other sites' scripts.
func corsPath(path string) bool {
	return path == "/graphql" || strings.HasPrefix(path, "/export/")
}

// ParseOrigins splits the --cors-origins value: comma-separated origins
// ("https://example.org"), or "*" for any origin. Blanks are dropped and
// trailing slashes trimmed, since browsers send origins without them.
func ParseOrigins(s string) []string {
	var out []string
	for o := range strings.SplitSeq(s, ",") {
		o = strings.TrimRight(strings.TrimSpace(o), "/")
		if o != "" && !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out
}

// withCORS lets pages from origins call corsPaths from a browser. With no
// origins it returns h unchanged: no CORS header is ever sent, which is the
// safe default. Preflight requests (OPTIONS with
// Access-Control-Request-Method) are answered here with 204 and never reach
// h. An allowed origin is echoed back; "*" is answered with "*", which
// browsers accept because diplograph uses no cookies or credentials. A
// request from an origin not on the list gets no CORS header, so the
// browser withholds the response from the page; the server itself still
// answers it, as it would answer curl.
//
// A preflight from an allowed origin is allowed the request headers it
// asks for (Access-Control-Request-Headers, echoed when every name is a
// valid header name): clients send more than Content-Type (Apollo
// Client's apollographql-client-name and -version, Authorization for a
// proxy in front), and the server reads none of them, so there is nothing
// to protect by refusing them. Vary names Origin on every answer of a CORS
// path when origins are listed (the answer depends on it), and the two
// Access-Control-Request headers on preflights, whose answer echoes them,
// so that a cache never serves one origin's or one request's answer to
// another.
//
// This is a small middleware rather than github.com/rs/cors because the
// policy is one fixed set of methods and the echo of what is asked: it
// fits on a page and adds no dependency.
func withCORS(h http.Handler, origins []string) http.Handler {
	if len(origins) == 0 {
		return h
	}
	wildcard := slices.Contains(origins, "*")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !corsPath(r.URL.Path) {
			h.ServeHTTP(w, r)
			return
		}
		hdr := w.Header()
		if !wildcard {
			hdr.Add("Vary", "Origin")
		}
		origin := r.Header.Get("Origin")
		allowed := origin != "" && (wildcard || slices.Contains(origins, origin))
		preflight := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
		if preflight {
			hdr.Add("Vary", "Access-Control-Request-Method")
			hdr.Add("Vary", "Access-Control-Request-Headers")
		}
		if allowed {
			if wildcard {
				hdr.Set("Access-Control-Allow-Origin", "*")
			} else {
				hdr.Set("Access-Control-Allow-Origin", origin)
			}
			// Lets a page read the download's file name.
			hdr.Set("Access-Control-Expose-Headers", "Content-Disposition")
		}
		if preflight {
			if allowed {
				hdr.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
				hdr.Set("Access-Control-Allow-Headers", allowHeaders(r.Header.Values("Access-Control-Request-Headers")))
				hdr.Set("Access-Control-Max-Age", "600")
			}
			w.WriteHeader(http.StatusNoContent)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// maxAllowHeaders caps the header names a preflight is allowed, so that
// the answer to a hostile preflight stays small.
const maxAllowHeaders = 64

// allowHeaders returns the Access-Control-Allow-Headers value for the
// requested names: Content-Type, which every GraphQL POST needs,
// Authorization, which a page of an allowed origin sends with a writing
// token (package auth), and the requested names that are valid header names (RFC 9110 tokens), lower
// case, each once. A name that is not a token is dropped rather than
// echoed, so the answer never carries what a header cannot.
func allowHeaders(requested []string) string {
	out := []string{"content-type", "authorization"}
	for _, v := range requested {
		for name := range strings.SplitSeq(v, ",") {
			name = strings.ToLower(strings.TrimSpace(name))
			if name == "" || !isToken(name) || slices.Contains(out, name) || len(out) >= maxAllowHeaders {
				continue
			}
			out = append(out, name)
		}
	}
	return strings.Join(out, ", ")
}

// isToken reports whether s is an RFC 9110 token, what a header name is.
func isToken(s string) bool {
	for _, c := range []byte(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return len(s) > 0 && len(s) <= 100
}
