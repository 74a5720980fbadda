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
// h. An allowed origin is echoed back, with Vary: Origin so caches keep one
// answer per origin; "*" is answered with "*", which browsers accept
// because diplograph uses no cookies or credentials. A request from an
// origin not on the list gets no CORS header, so the browser withholds the
// response from the page; the server itself still answers it, as it would
// answer curl.
//
// This is a small middleware rather than github.com/rs/cors because the
// policy is one fixed set of methods and one header: it fits on a page and
// adds no dependency.
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
				hdr.Set("Access-Control-Allow-Headers", "Content-Type, Authorization")
				hdr.Set("Access-Control-Max-Age", "600")
			}
			w.WriteHeader(http.StatusNoContent)
			return
		}
		h.ServeHTTP(w, r)
	})
}
