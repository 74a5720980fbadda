package lexicon

import (
	"runtime"
	"slices"
	"testing"

	"github.com/diplograph/diplograph/loader/gazetteer"
	"github.com/diplograph/diplograph/loader/text"
)

// TestFrozenMatchesTrie checks that the compiled lexicon answers as the
// trie it was compiled from: the longest name, its refs, acronyms only in
// capitals, and nothing for a prefix of a name or a word never filed.
func TestFrozenMatchesTrie(t *testing.T) {
	tr := &Trie{}
	tr.Add("Moscow", Ref{Kind: Capital, Name: "Russia"})
	tr.Add("Moscow Kremlin", Ref{Kind: Place, Name: "Moscow Kremlin"})
	tr.Add("US", Ref{Kind: State, Name: "United States"})
	tr.Add("Busan", Ref{Kind: City, Name: "Busan"})
	tr.Add("Busan", Ref{Kind: Actor, Name: "Busan"})
	tr.Add("Gentlemen's Agreement", Ref{Kind: Treaty, Name: "Gentlemen's Agreement"})
	l := &Lexicon{flat: freeze(tr)}
	tests := []struct {
		text      string
		at        int
		want      []Ref // nil: no match
		last      int
		wantFound bool
	}{
		{"the Moscow Kremlin said", 1, []Ref{{Kind: Place, Name: "Moscow Kremlin"}}, 2, true},
		{"Moscow said", 0, []Ref{{Kind: Capital, Name: "Russia"}}, 0, true},
		{"US forces", 0, []Ref{{Kind: State, Name: "United States"}}, 0, true},
		{"Us forces", 0, nil, 0, false},
		{"Busan port", 0, []Ref{{Kind: City, Name: "Busan"}, {Kind: Actor, Name: "Busan"}}, 0, true},
		{"The Gentlemen's Agreement held", 1, []Ref{{Kind: Treaty, Name: "Gentlemen's Agreement"}}, 2, true},
		{"Kremlin walls", 0, nil, 0, false},
		{"Seoul", 0, nil, 0, false},
	}
	for _, tc := range tests {
		m, ok := l.Longest(text.Tokenize(tc.text), tc.at)
		if ok != tc.wantFound {
			t.Errorf("%q at %d: found %v, want %v", tc.text, tc.at, ok, tc.wantFound)
			continue
		}
		if !ok {
			continue
		}
		var got []Ref
		for _, r := range m.Refs {
			got = append(got, Ref{Kind: r.Kind, Name: r.Name})
		}
		if m.Last != tc.last || !slices.Equal(got, tc.want) {
			t.Errorf("%q at %d: last %d refs %v, want %d %v", tc.text, tc.at, m.Last, got, tc.last, tc.want)
		}
	}
}

// BenchmarkLexicon measures compiling the embedded gazetteer, which every
// process does once, and reports the heap the compiled lexicon keeps.
func BenchmarkLexicon(b *testing.B) {
	g := gazetteer.Default()
	var l *Lexicon
	for b.Loop() {
		l = newLexicon(g)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "MiB-live")
	runtime.KeepAlive(l)
}
