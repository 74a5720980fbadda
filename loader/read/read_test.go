package read_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/loader/read"
)

// TestReadReportsBadFilesAndGoesOn feeds a directory of bad inputs beside a
// good article: each bad one is reported with its reason and the good one
// still comes through.
func TestReadReportsBadFilesAndGoesOn(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.txt", []byte("Talks in Geneva\n1987-03-04\n\nU.S. and Soviet negotiators met in Geneva on Tuesday.\n"))
	empty := write("empty.txt", nil)
	blank := write("blank.txt", []byte("  \n\n \t\n"))
	binary := write("binary.txt", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00binary"))
	invalid := write("latin1.txt", []byte("Caf\xe9 talks\n\nThe minister met his counterpart.\n"))
	huge := write("huge.txt", bytes.Repeat([]byte("The ministers met again. "), 50<<20/25))
	boiler := write("boiler.txt", []byte("Subscribe to EIR Online\n\nBack to top\n"))
	jsonl := write("feed.jsonl", []byte(`{"id":"a1","title":"Kono visits Moscow","published":"2019-01-14","text":"Foreign Minister Taro Kono met Sergey Lavrov in Moscow."}
{"id":"a2", "title": broken json
{"id":"a3","title":"No text","published":"2019-01-14","text":""}
{"id":"a4","title":"Bad date","published":"14/01/2019","text":"Something happened."}
{"id":"a5","title":"NUL","published":"2019-01-14","text":"Talks in Geneva\u0000 resumed."}
`))
	_ = write("notes.csv", []byte("not,an,article\n")) // skipped by extension in a directory walk

	var docs []string
	r := read.Reader{MaxFileSize: 20 << 20}
	fails, err := r.Read(t.Context(), []string{dir}, func(d read.Document) error {
		docs = append(docs, d.Key)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(docs)
	if !slices.Equal(docs, []string{"a1", "good"}) {
		t.Errorf("documents read = %v, want [a1 good]", docs)
	}
	want := map[string]string{
		empty:                             "empty file",
		blank:                             "empty file",
		binary:                            "binary file",
		invalid:                           "invalid UTF-8 at byte 3",
		huge:                              "file too large",
		boiler:                            "no article text",
		jsonl + ":2":                      "invalid JSON",
		jsonl + ":3":                      "no text",
		jsonl + ":4":                      "bad published date",
		jsonl + ":5":                      "binary file (contains NUL bytes)",
		filepath.Join(dir, "missing.txt"): "",
	}
	delete(want, filepath.Join(dir, "missing.txt"))
	got := map[string]string{}
	for _, f := range fails {
		got[f.Path] = f.Reason
	}
	for path, reason := range want {
		if !strings.Contains(got[path], reason) {
			t.Errorf("failure for %s = %q, want it to say %q", filepath.Base(path), got[path], reason)
		}
	}
	if len(fails) != len(want) {
		t.Errorf("%d failures, want %d: %v", len(fails), len(want), fails)
	}
	_ = good
}

// TestReadOddFiles gives the reader what a real tree holds beside
// articles: a named pipe in the tree (which would block a read forever;
// one named as PATH is read, as a stream), a symlinked
// directory, both inside the tree and as the PATH itself, a link loop, and
// a JSON line of 15 MB. Each is read or reported, and Read returns.
func TestReadOddFiles(t *testing.T) {
	base := t.TempDir()
	articles := filepath.Join(base, "articles")
	tree := filepath.Join(base, "tree")
	for _, d := range []string{articles, tree} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	article := "Talks in Geneva\n1987-03-04\n\nU.S. and Soviet negotiators met in Geneva on Tuesday.\n"
	if err := os.WriteFile(filepath.Join(articles, "geneva.txt"), []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	pipe := filepath.Join(tree, "feed.txt")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	mustLink := func(target, link string) {
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	mustLink(articles, filepath.Join(tree, "linked")) // a symlinked directory in the tree
	mustLink(tree, filepath.Join(tree, "loop"))       // a link back to the tree itself
	rootLink := filepath.Join(base, "articles-link")
	mustLink(articles, rootLink) // a symlinked directory given as PATH
	big := strings.Repeat("The ministers met again in Geneva on Tuesday. ", 15<<20/47)
	line := `{"id":"big","title":"Big","published":"1987-03-04","text":"` + big + `"}` + "\n"
	if err := os.WriteFile(filepath.Join(tree, "big.jsonl"), []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}

	var docs []string
	r := read.Reader{MaxFileSize: 20 << 20}
	fails, err := r.Read(t.Context(), []string{tree, rootLink}, func(d read.Document) error {
		docs = append(docs, d.Source)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		filepath.Join(tree, "big.jsonl") + ":1",
		filepath.Join(tree, "linked", "geneva.txt"),
	}
	if diff := cmp.Diff(want, docs); diff != "" {
		t.Errorf("documents read (-want +got):\n%s", diff)
	}
	got := map[string]string{}
	for _, f := range fails {
		got[f.Path] = f.Reason
	}
	for path, reason := range map[string]string{
		pipe:                        "named pipe",
		filepath.Join(tree, "loop"): "directory already read as " + tree,
		filepath.Join(rootLink):     "directory already read as " + filepath.Join(tree, "linked"),
	} {
		if !strings.Contains(got[path], reason) {
			t.Errorf("failure for %s = %q, want it to say %q", path, got[path], reason)
		}
	}
}

func TestReadMissingPathAndStdin(t *testing.T) {
	r := read.Reader{Stdin: strings.NewReader("Visit to Tokyo\n\nJan. 15, 2019 (EIRNS)—Prime Minister Shinzo Abe met the press.\n")}
	var got []read.Document
	fails, err := r.Read(t.Context(), []string{"does/not/exist.txt", "-"}, func(d read.Document) error {
		got = append(got, d)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(fails) != 1 || fails[0].Path != "does/not/exist.txt" {
		t.Errorf("fails = %v, want the missing file", fails)
	}
	if len(got) != 1 || got[0].Title != "Visit to Tokyo" || got[0].Published.String() != "2019-01-15" {
		t.Errorf("stdin document = %+v, want title and dateline date", got)
	}
}

func TestParseText(t *testing.T) {
	tests := []struct {
		name, raw, title, published, bodyStart string
	}{
		{"corpus layout", "SHULTZ BEGINS TALKS\n1987-04-13\nMOSCOW, April 13 - Secretary of State George Shultz began talks.", "SHULTZ BEGINS TALKS", "1987-04-13", "MOSCOW, April 13"},
		{"blank date line", "The Yalta Conference, 1945\n\nThe Yalta Conference was a meeting.", "The Yalta Conference, 1945", "", "The Yalta Conference was"},
		{"EIR dateline", "Subscribe to EIR Online\n\n\nJapan-Russia Talks\n\nJan. 15, 2019 (EIRNS)—Foreign Ministers met.\n\nBack to top", "Japan-Russia Talks", "2019-01-15", "Jan. 15, 2019"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := read.ParseText("k", "src", tc.raw)
			if d.Title != tc.title || d.Published.String() != tc.published || !strings.HasPrefix(d.Body, tc.bodyStart) {
				t.Errorf("ParseText = title %q, published %q, body %q", d.Title, d.Published, d.Body)
			}
			if strings.Contains(d.Body, "Back to top") || strings.Contains(d.Body, "Subscribe") {
				t.Errorf("boilerplate kept in body %q", d.Body)
			}
		})
	}
}

// TestReadHTML reads a news page: the main text without navigation,
// footer or script, the title and date from the page's metadata.
func TestReadHTML(t *testing.T) {
	var got []read.Document
	r := read.Reader{}
	fails, err := r.Read(t.Context(), []string{"testdata/page.html"}, func(d read.Document) error {
		got = append(got, d)
		return nil
	})
	if err != nil || len(fails) > 0 || len(got) != 1 {
		t.Fatalf("Read = %v docs, %v, %v", len(got), fails, err)
	}
	d := got[0]
	if d.Title != "Shultz begins talks with Shevardnadze" || d.Published.String() != "1987-04-13" {
		t.Errorf("title %q, published %q", d.Title, d.Published)
	}
	if !strings.HasPrefix(d.Body, "U.S. Secretary of State George Shultz") {
		t.Errorf("body starts %q", d.Body[:min(60, len(d.Body))])
	}
	for _, junk := range []string{"Home", "Subscribe", "All rights reserved", "var x"} {
		if strings.Contains(d.Body, junk) {
			t.Errorf("body keeps page furniture %q", junk)
		}
	}
	if strings.Count(d.Body, "\n\n") != 2 {
		t.Errorf("want three paragraphs, got body %q", d.Body)
	}
}

// TestUnwrap checks that a hard-wrapped story (Reuters-21578's layout:
// lines cut at a width, paragraphs indented) becomes paragraphs, so that
// a name broken over two lines is one name, and that a text of one
// paragraph per line is left alone.
func TestUnwrap(t *testing.T) {
	wrapped := "Peruvian President Alan\nGarcia met the Mexican president in\nMexico City on Tuesday, officials said.\n    The two leaders discussed\ntrade and debt.\n\nA new part."
	want := "Peruvian President Alan Garcia met the Mexican president in Mexico City on Tuesday, officials said.\n\nThe two leaders discussed trade and debt.\n\nA new part."
	if got := read.Unwrap(wrapped); got != want {
		t.Errorf("Unwrap =\n%q\nwant\n%q", got, want)
	}
	paragraphs := "Foreign Ministers met in Moscow.\nThey talked for five hours.\n\"We agreed,\" Kono said.\nThe next round is in May."
	if got := read.Unwrap(paragraphs); got != paragraphs {
		t.Errorf("Unwrap changed a paragraph-per-line text:\n%q", got)
	}
}
