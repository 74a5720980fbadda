// Package web serves diplograph's browser pages from a bundle embedded in
// the binary: the GraphiQL playground at /, the timeline at /timeline and
// the graph explorer at /explore, the page that adds an article at /add,
// with their scripts and styles under
// /assets/. Nothing a page loads comes from another host, so the pages
// work offline and under a strict Content-Security-Policy.
//
// The sources are TypeScript under src/; `npm run build` (in this
// directory) bundles them with esbuild into dist/, which is committed so
// that `go run .` needs no Node. scripts/test rebuilds dist/ and fails if it
// differs from the committed one.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed dist
var dist embed.FS

// CSP is the Content-Security-Policy of every page: scripts, styles,
// fonts and requests only from this server. Styles may also be inline
// because GraphiQL, vis-timeline and Cytoscape set style attributes and
// inject style elements at run time; images may be data: URLs, which the
// libraries' CSS uses for icons.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// pages maps routes to the HTML files of dist/.
var pages = map[string]string{
	"/":         "playground.html",
	"/timeline": "timeline.html",
	"/explore":  "explore.html",
	"/add":      "add.html",
}

// Paths are the routes Handler answers: the pages, and /assets/ for
// everything under it.
var Paths = []string{"/{$}", "/timeline", "/explore", "/add", "/assets/"}

type file struct {
	body        []byte
	etag        string
	contentType string
}

// Handler serves the pages and their assets. Each response carries CSP and
// an ETag (a hash of the content), with Cache-Control: no-cache, so that a
// browser revalidates after an upgrade instead of running a stale script.
// It panics if the embedded bundle is missing a page, which only a broken
// build can cause.
func Handler() http.Handler {
	files := map[string]*file{}
	err := fs.WalkDir(dist, "dist", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := dist.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		files[strings.TrimPrefix(p, "dist/")] = &file{body: b, etag: `"` + hex.EncodeToString(sum[:8]) + `"`, contentType: contentType(p)}
		return nil
	})
	if err != nil {
		panic(fmt.Sprintf("web: read embedded bundle: %v", err))
	}
	for _, name := range pages {
		if files[name] == nil {
			panic(fmt.Sprintf("web: embedded bundle lacks %s: run npm run build in web/", name))
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := pages[r.URL.Path]
		if !ok {
			name, ok = strings.CutPrefix(r.URL.Path, "/assets/")
			name = "assets/" + name
		}
		f := files[name]
		if !ok || f == nil || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", f.contentType)
		h.Set("Content-Security-Policy", CSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-cache")
		h.Set("ETag", f.etag)
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(f.body))
	})
}

func contentType(p string) string {
	switch path.Ext(p) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	default:
		return "text/plain; charset=utf-8"
	}
}
