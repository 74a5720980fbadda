package loader_test

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/loader/read"
)

// longDocument returns one document whose body is the bodies of the
// corpus's articles one after another, dated by the first, until it is
// over size bytes: a text longer than the loader extracts at once.
func longDocument(tb testing.TB, size int) read.Document {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join(articlesDir, "*.txt"))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no articles in %s (is ../shared beside the repo?)", articlesDir)
	}
	slices.Sort(paths)
	var body strings.Builder
	var first read.Document
	for i := 0; body.Len() < size; i++ {
		raw, err := os.ReadFile(paths[i%len(paths)])
		if err != nil {
			tb.Fatal(err)
		}
		d := read.ParseText("part", "part.txt", string(raw))
		if i == 0 {
			first = d
		}
		body.WriteString(d.Body)
		body.WriteString("\n\n")
	}
	first.Body = strings.TrimSpace(body.String())
	return first
}

// TestExtractLongDocument checks that a document extracted in parts reads
// as one: every evidence quote and timex lies at its offsets in the whole
// article text, evidence sentences count from the whole text's headline,
// and what each article finds alone is found in the whole.
func TestExtractLongDocument(t *testing.T) {
	doc := longDocument(t, 300<<10)
	r := loader.Extract(doc)
	text := []rune(r.Article.Text)
	if string(text) != doc.Title+"\n\n"+doc.Body {
		t.Fatalf("article text is not the headline and the whole body")
	}
	for _, e := range r.Edges {
		for _, ev := range e.Evidence {
			if ev.Kind() == kg.ReferenceEvidence {
				continue // a dataset record, not a span of the text
			}
			if ev.Start < 0 || ev.End > len(text) || string(text[ev.Start:ev.End]) != ev.Quote {
				t.Fatalf("edge %s: evidence %d..%d is not its quote %.60q", e.ID, ev.Start, ev.End, ev.Quote)
			}
		}
	}
	for _, tx := range r.Timexes {
		if string(text[tx.Start:tx.End]) != tx.Text {
			t.Fatalf("timex %q at %d..%d reads %q", tx.Text, tx.Start, tx.End, string(text[tx.Start:tx.End]))
		}
	}
	// Sentence numbers follow the whole text: the same quote cited by two
	// edges has one number, and numbers grow with offsets.
	sentOf := map[int]int{}
	for _, e := range r.Edges {
		for _, ev := range e.Evidence {
			if n, ok := sentOf[ev.Start]; ok && n != ev.Sentence {
				t.Fatalf("sentence at %d numbered %d and %d", ev.Start, n, ev.Sentence)
			}
			sentOf[ev.Start] = ev.Sentence
		}
	}
	starts := slices.Sorted(maps.Keys(sentOf))
	for i := 1; i < len(starts); i++ {
		if sentOf[starts[i]] <= sentOf[starts[i-1]] {
			t.Fatalf("sentence %d at %d follows sentence %d at %d", sentOf[starts[i]], starts[i], sentOf[starts[i-1]], starts[i-1])
		}
	}
	if max := sentOf[starts[len(starts)-1]]; max < 1000 {
		t.Errorf("last cited sentence is %d: numbers restart in each part", max)
	}
	// Each state the first article names alone is in the whole.
	ids := map[string]bool{}
	for _, e := range r.Entities {
		ids[e.ID] = true
	}
	first := doc
	first.Body = doc.Body[:strings.Index(doc.Body, "\n\n")]
	for _, e := range loader.Extract(first).Entities {
		if e.Kind == "STATE" && !ids[e.ID] {
			t.Errorf("%s found in the first paragraph alone, not in the whole", e.ID)
		}
	}
}

// TestExtractAllDeadlineAndCancel checks that a document whose extraction
// runs past the reader's Timeout is reported and skipped while the others
// load, and that cancelling the context stops a load inside a long
// document instead of after it.
func TestExtractAllDeadlineAndCancel(t *testing.T) {
	dir := t.TempDir()
	long := longDocument(t, 2<<20)
	if err := os.WriteFile(filepath.Join(dir, "a-long.txt"), []byte(long.Title+"\n\n"+long.Body), 0o644); err != nil {
		t.Fatal(err)
	}
	short := "Talks in Geneva\n1987-03-04\n\nU.S. and Soviet negotiators met in Geneva on Tuesday.\n"
	if err := os.WriteFile(filepath.Join(dir, "b-short.txt"), []byte(short), 0o644); err != nil {
		t.Fatal(err)
	}
	r := read.Reader{Timeout: 20 * time.Millisecond}
	var got []string
	fails, err := loader.ExtractAll(t.Context(), &r, []string{dir}, func(res *loader.Result) error {
		got = append(got, res.Article.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !strings.Contains(got[0], "b-short") {
		t.Errorf("extracted %v, want the short article only", got)
	}
	if len(fails) != 1 || !strings.Contains(fails[0].Reason, "extraction took longer than 20ms") {
		t.Errorf("failures %v, want the long article's deadline", fails)
	}

	ctx, cancel := context.WithCancel(t.Context())
	r = read.Reader{}
	start := time.Now()
	time.AfterFunc(20*time.Millisecond, cancel)
	_, err = loader.ExtractAll(ctx, &r, []string{filepath.Join(dir, "a-long.txt")}, func(*loader.Result) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled load returned %v, want context.Canceled", err)
	}
	t.Logf("cancelled after %v", time.Since(start))
}
