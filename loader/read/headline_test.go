package read_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/loader/read"
)

func TestHeadlineWorthKeeping(t *testing.T) {
	tests := []struct {
		title string
		want  bool
	}{
		{"GM TO IDLE SIX CAR PLANTS NEXT WEEK, TEMPORARILY LAY OFF\n21,600 WORKERS", true},
		{"BAT Industries 1986 pretax profit 1.39 billion stg vs 1.17 billion", true},
		{"QUAKER OATS CO 1ST QTR SHR 52 CTS VS 42 CTS", true},
		{"", false},
		{"   ", false},
		{"EARNINGS", false},
		{"U.S. TRADE", false}, // "U.S." has two letters: two words only
		{"1.39 2.40 - 3.1", false},
	}
	for _, tc := range tests {
		if got := read.HeadlineWorthKeeping(tc.title); got != tc.want {
			t.Errorf("HeadlineWorthKeeping(%q) = %v, want %v", tc.title, got, tc.want)
		}
	}
}

// TestHeadlineOnlyStories reads JSON Lines stories without a body: one
// with a headline worth keeping is an article whose title is the
// headline on one line; the others are reported as before.
func TestHeadlineOnlyStories(t *testing.T) {
	path := filepath.Join(t.TempDir(), "wire.jsonl")
	lines := `{"newid": 1, "title": "GM TO IDLE SIX CAR PLANTS NEXT WEEK, TEMPORARILY LAY OFF\n21,600 WORKERS", "date": "1987-03-02", "body": ""}
{"newid": 2, "title": "", "body": ""}
{"newid": 3, "title": "EARNINGS", "body": "  "}
`
	if err := os.WriteFile(path, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	var titles []string
	r := read.Reader{}
	fails, err := r.Read(context.Background(), []string{path}, func(d read.Document) error {
		if d.Body != "" {
			t.Errorf("document %s has body %q, want none", d.Key, d.Body)
		}
		titles = append(titles, d.Title)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff([]string{"GM TO IDLE SIX CAR PLANTS NEXT WEEK, TEMPORARILY LAY OFF 21,600 WORKERS"}, titles); diff != "" {
		t.Errorf("titles (-want +got):\n%s", diff)
	}
	want := []read.Failure{{Path: path + ":2", Reason: "no text"}, {Path: path + ":3", Reason: "no text"}}
	if diff := gocmp.Diff(want, fails); diff != "" {
		t.Errorf("failures (-want +got):\n%s", diff)
	}
}
