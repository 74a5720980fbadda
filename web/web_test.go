package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/web"
)

func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	h := web.Handler()
	for _, p := range web.Paths {
		mux.Handle("GET "+p, h)
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, url string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

// TestPages checks each page: served with its title, the CSP, and only
// same-origin scripts and styles that the bundle holds.
func TestPages(t *testing.T) {
	srv := newServer(t)
	local := regexp.MustCompile(`(?:src|href)="([^"]*)"`)
	for _, tc := range []struct {
		path, title, script string
	}{
		{"/", "GraphQL playground · diplograph", "/assets/playground.js"},
		{"/timeline", "Timeline · diplograph", "/assets/timeline.js"},
		{"/explore", "Graph explorer · diplograph", "/assets/explore.js"},
		{"/add", "Add an article · diplograph", "/assets/add.js"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			resp, body := get(t, srv.URL+tc.path)
			got := map[string]string{
				"status":                  resp.Status,
				"Content-Type":            resp.Header.Get("Content-Type"),
				"Content-Security-Policy": resp.Header.Get("Content-Security-Policy"),
				"X-Content-Type-Options":  resp.Header.Get("X-Content-Type-Options"),
			}
			want := map[string]string{
				"status":                  "200 OK",
				"Content-Type":            "text/html; charset=utf-8",
				"Content-Security-Policy": web.CSP,
				"X-Content-Type-Options":  "nosniff",
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("headers (-want +got):\n%s", diff)
			}
			if !strings.Contains(body, "<title>"+tc.title+"</title>") {
				t.Errorf("page lacks the title %q", tc.title)
			}
			if !strings.Contains(body, `src="`+tc.script+`"`) {
				t.Errorf("page does not load %s", tc.script)
			}
			// Every link of the page is on this server, and every asset it
			// names is in the bundle.
			for _, m := range local.FindAllStringSubmatch(body, -1) {
				ref := m[1]
				switch {
				case strings.HasPrefix(ref, "/assets/"):
					if resp, _ := get(t, srv.URL+ref); resp.StatusCode != http.StatusOK {
						t.Errorf("%s: %s", ref, resp.Status)
					}
				case ref == "data:," || ref == "/" || ref == "/timeline" || ref == "/explore" || ref == "/add" || ref == "/export/timeline.json" || strings.HasPrefix(ref, "#"):
				default:
					t.Errorf("page links to %q, which is not one of the pages or the bundle", ref)
				}
			}
		})
	}
}

func TestAssets(t *testing.T) {
	srv := newServer(t)
	for _, tc := range []struct {
		path, status, contentType string
	}{
		{"/assets/playground.js", "200 OK", "text/javascript; charset=utf-8"},
		{"/assets/playground.css", "200 OK", "text/css; charset=utf-8"},
		{"/assets/timeline.js", "200 OK", "text/javascript; charset=utf-8"},
		{"/assets/explore.css", "200 OK", "text/css; charset=utf-8"},
		{"/assets/THIRD-PARTY-LICENSES.txt", "200 OK", "text/plain; charset=utf-8"},
		{"/assets/nope.js", "404 Not Found", "text/plain; charset=utf-8"},
		{"/assets/../web.go", "404 Not Found", "text/plain; charset=utf-8"},
		{"/assets/", "404 Not Found", "text/plain; charset=utf-8"},
		{"/timeline/extra", "404 Not Found", "text/plain; charset=utf-8"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			resp, _ := get(t, srv.URL+tc.path)
			got := []string{resp.Status, resp.Header.Get("Content-Type")}
			if diff := cmp.Diff([]string{tc.status, tc.contentType}, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestRevalidation: assets carry an ETag and no-cache, so that a browser
// asks again after an upgrade and gets 304 while nothing changed.
func TestRevalidation(t *testing.T) {
	srv := newServer(t)
	resp, body := get(t, srv.URL+"/assets/explore.js")
	etag := resp.Header.Get("ETag")
	if etag == "" || resp.Header.Get("Cache-Control") != "no-cache" || len(body) == 0 {
		t.Fatalf("ETag %q, Cache-Control %q, %d bytes", etag, resp.Header.Get("Cache-Control"), len(body))
	}
	resp, body = get(t, srv.URL+"/assets/explore.js", "If-None-Match", etag)
	if resp.StatusCode != http.StatusNotModified || body != "" {
		t.Errorf("If-None-Match the ETag: %s with %d bytes, want 304 and none", resp.Status, len(body))
	}
	other, _ := get(t, srv.URL+"/assets/timeline.js")
	if other.Header.Get("ETag") == etag {
		t.Errorf("two assets share the ETag %s", etag)
	}
}

// TestHandlerRefusesOtherMethods: the handler serves GET and HEAD only,
// even when mounted without a method pattern.
func TestHandlerRefusesOtherMethods(t *testing.T) {
	srv := httptest.NewServer(web.Handler())
	t.Cleanup(srv.Close)
	resp, err := http.Post(srv.URL+"/timeline", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("POST /timeline: %s, want 404", resp.Status)
	}
	req, _ := http.NewRequest(http.MethodHead, srv.URL+"/explore", nil)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("HEAD /explore: %s, want 200", resp.Status)
	}
}
