package api_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/api"
)

// TestCORS drives Handler with browser-shaped requests under each
// --cors-origins setting.
func TestCORS(t *testing.T) {
	type want struct {
		code    int
		origin  string // Access-Control-Allow-Origin, "" for none
		methods string // Access-Control-Allow-Methods
	}
	for _, tc := range []struct {
		name, origins  string
		method, target string
		origin         string
		want           want
	}{
		{"off: no headers", "", "GET", "/export/timeline.json", "https://a.example", want{code: 200}},
		{"off: OPTIONS still reaches GraphQL", "", "OPTIONS", "/graphql", "https://a.example", want{code: 200}},
		{"listed origin echoed", "https://a.example, https://b.example/", "GET", "/export/timeline.json", "https://b.example", want{code: 200, origin: "https://b.example"}},
		{"listed origin on /graphql", "https://a.example", "GET", "/graphql?query=%7Bstats%7Barticles%7D%7D", "https://a.example", want{code: 200, origin: "https://a.example"}},
		{"unlisted origin gets no header", "https://a.example", "GET", "/export/timeline.json", "https://evil.example", want{code: 200}},
		{"no Origin: not a CORS request", "https://a.example", "GET", "/export/timeline.json", "", want{code: 200}},
		{"preflight /graphql", "https://a.example", "OPTIONS", "/graphql", "https://a.example", want{code: 204, origin: "https://a.example", methods: "GET, POST, OPTIONS"}},
		{"preflight /export", "https://a.example", "OPTIONS", "/export/graph.graphml", "https://a.example", want{code: 204, origin: "https://a.example", methods: "GET, POST, OPTIONS"}},
		{"preflight unlisted origin", "https://a.example", "OPTIONS", "/graphql", "https://evil.example", want{code: 204}},
		{"wildcard", "*", "GET", "/export/timeline.json", "https://any.example", want{code: 200, origin: "*"}},
		{"wildcard preflight", "*", "OPTIONS", "/graphql", "https://any.example", want{code: 204, origin: "*", methods: "GET, POST, OPTIONS"}},
		{"healthz is not CORS-enabled", "*", "GET", "/healthz", "https://any.example", want{code: 200}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.target, nil)
			if tc.origin != "" {
				req.Header.Set("Origin", tc.origin)
			}
			if tc.method == http.MethodOptions && tc.origins != "" {
				req.Header.Set("Access-Control-Request-Method", "POST")
				req.Header.Set("Access-Control-Request-Headers", "content-type")
			}
			rec := httptest.NewRecorder()
			seededHandler(t, api.Config{CORSOrigins: api.ParseOrigins(tc.origins)}).ServeHTTP(rec, req)
			h := rec.Header()
			got := want{code: rec.Code, origin: h.Get("Access-Control-Allow-Origin"), methods: h.Get("Access-Control-Allow-Methods")}
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(want{})); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			// Authorization: a page of an allowed origin sends a writing token.
			if tc.want.methods != "" && !strings.EqualFold(h.Get("Access-Control-Allow-Headers"), "content-type, authorization") {
				t.Errorf("Access-Control-Allow-Headers %q, want Content-Type, Authorization", h.Get("Access-Control-Allow-Headers"))
			}
			if tc.method == http.MethodOptions && tc.origins != "" {
				for _, v := range []string{"Access-Control-Request-Method", "Access-Control-Request-Headers"} {
					if !slices.Contains(h.Values("Vary"), v) {
						t.Errorf("preflight Vary %q lacks %s", h.Values("Vary"), v)
					}
				}
			}
			if tc.origins != "" && tc.origins != "*" && !strings.HasPrefix(tc.target, "/healthz") && !slices.Contains(h.Values("Vary"), "Origin") {
				t.Errorf("Vary %q lacks Origin: a cache would serve one origin's answer to another", h.Values("Vary"))
			}
		})
	}
}

// TestCORSAllowsRequestedHeaders: a preflight from an allowed origin is
// allowed the headers it asks for, such as Apollo Client's
// clientAwareness headers and Authorization (issue #15, point 2); names
// that are not header names are dropped, never echoed.
func TestCORSAllowsRequestedHeaders(t *testing.T) {
	for _, tc := range []struct {
		name, origins, origin string
		requested             []string // Access-Control-Request-Headers values
		want                  string   // Access-Control-Allow-Headers
	}{
		{"Apollo's clientAwareness", "https://a.example", "https://a.example",
			[]string{"content-type,apollographql-client-name,apollographql-client-version"},
			"content-type, authorization, apollographql-client-name, apollographql-client-version"},
		{"Authorization, with a wildcard", "*", "https://any.example", []string{"Authorization, Content-Type"}, "content-type, authorization"},
		{"several header lines", "https://a.example", "https://a.example", []string{"x-a", "X-B, x-a"}, "content-type, authorization, x-a, x-b"},
		{"none asked", "https://a.example", "https://a.example", nil, "content-type, authorization"},
		{"not header names", "https://a.example", "https://a.example", []string{"x-ok, bad name, evil\"q, <script>"}, "content-type, authorization, x-ok"},
		{"unlisted origin", "https://a.example", "https://evil.example", []string{"authorization"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
			req.Header.Set("Origin", tc.origin)
			req.Header.Set("Access-Control-Request-Method", "POST")
			for _, v := range tc.requested {
				req.Header.Add("Access-Control-Request-Headers", v)
			}
			rec := httptest.NewRecorder()
			seededHandler(t, api.Config{CORSOrigins: api.ParseOrigins(tc.origins)}).ServeHTTP(rec, req)
			if got := rec.Header().Get("Access-Control-Allow-Headers"); got != tc.want {
				t.Errorf("Access-Control-Allow-Headers %q, want %q", got, tc.want)
			}
			vary := rec.Header().Values("Vary")
			if !slices.Contains(vary, "Access-Control-Request-Headers") || tc.origins != "*" && !slices.Contains(vary, "Origin") {
				t.Errorf("Vary %q", vary)
			}
		})
	}
}

func TestParseOrigins(t *testing.T) {
	if diff := cmp.Diff([]string{"https://a.example", "http://localhost:3000"}, api.ParseOrigins(" https://a.example/ ,,http://localhost:3000,https://a.example")); diff != "" {
		t.Errorf("ParseOrigins (-want +got):\n%s", diff)
	}
	if got := api.ParseOrigins(""); got != nil {
		t.Errorf("ParseOrigins(\"\") = %q, want none", got)
	}
}
