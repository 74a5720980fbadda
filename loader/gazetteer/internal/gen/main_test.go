package main

import (
	"bytes"
	"github.com/diplograph/diplograph/internal/reporoot"
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratedFilesAreCurrent regenerates the ODbL tables from the shared
// mledoze data and the overlay and fails if the committed files differ, so
// an edit to the overlay (or to the generated files by hand) cannot go
// unnoticed. Refresh with `go generate ./loader/gazetteer`.
func TestGeneratedFilesAreCurrent(t *testing.T) {
	root, err := reporoot.Find()
	if err != nil {
		t.Fatal(err)
	}
	// The shared data sits next to the repository, in CI too
	// (../shared/README.md).
	raw, err := os.ReadFile(filepath.Join(root, "..", "shared", "data", "gazetteer", "mledoze_countries.json"))
	if err != nil {
		t.Fatalf("read mledoze data: %v", err)
	}
	files, err := Generate(raw, overlayJSON)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(root, "loader", "gazetteer", "data", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("data/%s is stale: run `go generate ./loader/gazetteer` and commit the result", name)
		}
	}
}

func TestPlural(t *testing.T) {
	none := []string{"Burkinabe"}
	tests := []struct{ in, want string }{
		{"American", "Americans"},
		{"Israeli", "Israelis"},
		{"Japanese", ""},
		{"British", ""},
		{"French", ""},
		{"Swiss", ""},
		{"Burkinabe", ""},
		{"Malagasy", ""},
	}
	for _, tc := range tests {
		if got := plural(tc.in, none); got != tc.want {
			t.Errorf("plural(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
