package reporoot_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/diplograph/diplograph/internal/reporoot"
)

// TestFind finds the root from a directory below it, and fails above any
// go.mod.
func TestFind(t *testing.T) {
	root, err := reporoot.Find()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Errorf("%s holds no go.mod: %v", root, err)
	}
	t.Chdir(t.TempDir())
	if _, err := reporoot.Find(); err == nil {
		t.Error("found a root above a temporary directory")
	}
}
