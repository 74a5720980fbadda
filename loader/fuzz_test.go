package loader_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/loader/read"
)

// fuzzExts are the inputs FuzzRead feeds the reader: plain text, HTML and
// JSON Lines, picked by the fuzzer's second argument.
var fuzzExts = []string{".txt", ".html", ".jsonl"}

// FuzzRead reads arbitrary bytes as a text, HTML or JSON Lines file: the
// reader must never panic, must report what it cannot read instead of
// loading it, and must hand on only valid UTF-8; what it hands on is
// extracted, which must not panic either and must cite spans inside the
// article text.
func FuzzRead(f *testing.F) {
	seeds := []struct {
		data string
		ext  uint8
	}{
		{"SHULTZ BEGINS TALKS WITH SHEVARDNADZE\n1987-04-13\nU.S. Secretary of State George Shultz and Soviet Foreign Minister Eduard Shevardnadze met today in Moscow.\n", 0},
		{"Jan. 15, 2019 (EIRNS)—Foreign Ministers Taro Kono and Sergey Lavrov met on Jan. 14 in Moscow, in preparation for Shinzo Abe’s visit on Jan. 22.", 0},
		{"MEDIA RELEASE MINISTER FOR FOREIGN AFFAIRS ALEXANDER DOWNER\n\nFAS 22 JANUARY 1997\n\nI will visit the Netherlands from 25 January to 9 February 1996.", 0},
		{"Subscribe now\nBack to top\n\n\n", 0},
		{"\xff\xfe\x00binary", 0},
		{"", 0},
		{`<html><head><title>Kono meets Lavrov</title><meta property="article:published_time" content="2019-01-15T10:00:00Z"></head><body><article><h1>Kono meets Lavrov</h1><p>Foreign Ministers Taro Kono and Sergey Lavrov met on Jan. 14 in Moscow.</p><p>They will meet again next week.</p></article></body></html>`, 1},
		{`<html><body><div><p>No title, <b>bold</b> and <script>alert(1)</script> text.</p></div>`, 1},
		{`<`, 1},
		{`{"id":"1","url":"https://example.org/a","title":"Talks","published":"2019-01-15","text":"Kono and Lavrov met on Jan. 14."}` + "\n" +
			`{"newid":"16218","date":"13-APR-1987 10:15:20.00","title":"SHULTZ","body":"Shultz met Shevardnadze today."}` + "\n" +
			`{"id":"2","text":""}` + "\nnot json\n" + `{"id":"3","published":"someday","text":"x"}`, 2},
		{"{\"text\":\"\\ud800\"}\n", 2},
		// A headline-only story: kept, with no body (found by CI's fuzz run).
		{`{"title":"AA AA AA"}` + "\n" + `{"title":"AA"}`, 2},
	}
	for _, s := range seeds {
		f.Add([]byte(s.data), s.ext)
	}
	f.Fuzz(func(t *testing.T, data []byte, ext uint8) {
		name := "article" + fuzzExts[int(ext)%len(fuzzExts)]
		r := read.Reader{FS: fstest.MapFS{name: &fstest.MapFile{Data: data}}, MaxFileSize: 1 << 20}
		var docs []read.Document
		fails, err := r.Read(t.Context(), []string{name}, func(d read.Document) error {
			docs = append(docs, d)
			return nil
		})
		if err != nil {
			t.Fatalf("Read returned an error for a readable file system: %v", err)
		}
		for _, f := range fails {
			if f.Path == "" || f.Reason == "" {
				t.Fatalf("failure without path or reason: %+v", f)
			}
		}
		for _, d := range docs {
			for field, s := range map[string]string{"title": d.Title, "body": d.Body, "key": d.Key, "url": d.URL} {
				if !utf8.ValidString(s) {
					t.Fatalf("document %s is not valid UTF-8: %q", field, s)
				}
			}
			// A story with no body is handed on only for a headline that
			// says something (Reuters-21578 has 2,535 such stories).
			if strings.TrimSpace(d.Body) == "" && !read.HeadlineWorthKeeping(d.Title) {
				t.Fatalf("document with an empty body and no headline worth keeping handed on: %+v", d)
			}
			checkResult(t, loader.Extract(d))
		}
	})
}

// FuzzExtract runs the extractor on arbitrary text under the corpus layout
// (title, date, body).
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"Talks\n2019-01-15\nKono and Lavrov met on Jan. 14 in Moscow. The talks will resume next week.",
		"Treaty\n\nThe two concluded the secret Taft-Katsura Agreement of 1905. In 1908, U.S. Secretary of State Elihu Root and Japanese Ambassador Takahira Kogoro formed an agreement.",
		"X\n1998-08-18\nShe was scheduled to meet with President Daniel arap Moi. “He said, ‘they met’ in 1956.” The Soviets invaded Afghanistan.",
		"I\n2002-02-22\nMEDIA RELEASE MINISTER FOR FOREIGN AFFAIRS ALEXANDER DOWNER\nI will visit Warsaw, Poland, from 4 to 5 February.",
		"\n\n\n", "Ä\u2028\u0301 ’s ’s. . .", "the two the two the two leaders met met met",
		// Each of these once crashed the extractor on Reuters-21578: a
		// visit's host state the article never names, and a state after
		// "added" that opens the next sentence.
		"OPEC OUTPUT\n1987-03-02\nOpec Conference President Rilwanu Lukman, during a brief visit to London on his way home from Jamaica, told Reuters today that output fell.",
		"OIL\n1987-03-02\n\"OPEC is keeping its production down,\" he added.\nThe U.S. benchmark crude rose to 18.15 dlrs a barrel today.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if !utf8.ValidString(raw) {
			return // the reader rejects such input before extraction
		}
		checkResult(t, loader.Extract(read.ParseText("fuzz", "fuzz.txt", raw)))
	})
}

// checkResult checks what extraction promises for any article: evidence
// and temporal expressions cite code point spans of the article text that
// hold their quotes, edges join entities of the result, ids are unique.
func checkResult(t *testing.T, r *loader.Result) {
	t.Helper()
	text := []rune(r.Article.Text)
	span := func(what string, start, end int, want string) {
		if start < 0 || end < start || end > len(text) {
			t.Fatalf("%s span [%d,%d) outside the text of %d code points", what, start, end, len(text))
		}
		if want != "" && string(text[start:end]) != want {
			t.Fatalf("%s span [%d,%d) holds %q, not %q", what, start, end, string(text[start:end]), want)
		}
	}
	ids := map[string]bool{}
	for _, e := range r.Entities {
		if e.ID == "" || ids[e.ID] {
			t.Fatalf("entity id %q empty or repeated", e.ID)
		}
		ids[e.ID] = true
	}
	for _, e := range r.Edges {
		if !ids[e.From] || !ids[e.To] {
			t.Fatalf("edge %s %s→%s joins an entity the result does not hold", e.Type, e.From, e.To)
		}
		for _, ev := range e.Evidence {
			if ev.Kind() == kg.ReferenceEvidence {
				// A dataset record has no span in the article: it cites
				// a reference the result lists, and quotes the record.
				if !slices.ContainsFunc(r.References, func(a kg.Article) bool { return a.ID == ev.Article }) || ev.Quote == "" {
					t.Fatalf("edge %s cites reference %s with quote %q, which the result does not list", e.ID, ev.Article, ev.Quote)
				}
				continue
			}
			span("evidence", ev.Start, ev.End, ev.Quote)
		}
	}
	for _, x := range r.Timexes {
		span("timex", x.Start, x.End, x.Text)
	}
}
