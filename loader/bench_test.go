package loader_test

import (
	"os"
	"testing"

	"github.com/diplograph/diplograph/loader"
)

// BenchmarkExtract measures extraction of one ~3 KB newswire article
// (reading excluded), the loader's unit of work.
func BenchmarkExtract(b *testing.B) {
	raw, err := os.ReadFile(articlesDir + "/reuters21578_17305_nakasone-to-meet-reagan-amid-trade-tensi.txt")
	if err != nil {
		b.Fatal(err)
	}
	doc := loader.ParseText("bench", "bench.txt", string(raw))
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		loader.Extract(doc)
	}
}
