package loader_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/loader/read"
)

// BenchmarkExtract measures extraction of one ~3 KB newswire article
// (reading excluded), the loader's unit of work.
func BenchmarkExtract(b *testing.B) {
	raw, err := os.ReadFile(articlesDir + "/reuters21578_17305_nakasone-to-meet-reagan-amid-trade-tensi.txt")
	if err != nil {
		b.Fatal(err)
	}
	doc := read.ParseText("bench", "bench.txt", string(raw))
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		loader.Extract(doc)
	}
}

// BenchmarkExtractCorpus measures extraction throughput over the whole
// shared corpus (newswire, press releases and history essays; reading
// excluded), one article after another on the calling goroutine: run it
// with -cpu 1 for the one-core figure. It reports articles/s beside the
// MB/s that SetBytes gives.
func BenchmarkExtractCorpus(b *testing.B) {
	var docs []read.Document
	var size int64
	r := read.Reader{}
	fails, err := r.Read(b.Context(), []string{articlesDir}, func(d read.Document) error {
		docs = append(docs, d)
		size += int64(len(d.Title) + len(d.Body))
		return nil
	})
	if err != nil || len(fails) > 0 || len(docs) == 0 {
		b.Fatalf("read %s: %v %v (%d documents)", articlesDir, err, fails, len(docs))
	}
	// The lexicon and the reference indexes are built once per process,
	// on first use; their cost is load time (see BenchmarkLexicon), not
	// the per-article cost this measures.
	loader.Extract(docs[0])
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			loader.Extract(d)
		}
	}
	b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkExtractLong measures extraction of one long text (the corpus's
// articles one after another) at 100 KB, 400 KB, 1.6 MB and 6.4 MB: the
// time grows linearly with the length (issue #12), since a text longer
// than 64 KB is extracted in parts.
func BenchmarkExtractLong(b *testing.B) {
	loader.Extract(longDocument(b, 1<<10)) // the lexicon, built once per process
	for _, size := range []int{100 << 10, 400 << 10, 1600 << 10, 6400 << 10} {
		doc := longDocument(b, size)
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(len(doc.Body)))
			for b.Loop() {
				loader.Extract(doc)
			}
		})
	}
}
