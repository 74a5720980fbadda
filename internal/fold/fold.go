// Package fold normalizes text for matching: names compare equal when they
// differ only in case, accents or punctuation, so "Çavuşoğlu", "CAVUSOGLU"
// and "Cavusoglu" are one key.
package fold

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// stripMarks decomposes letters and drops the combining marks, which is how
// Unicode says "the same letter without its accent". A transform.Chain
// keeps state between calls, so each goroutine takes its own from the pool.
var stripMarks = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Fold returns s lower-cased, without accents, with every run of characters
// that are neither letters nor digits turned into one space and apostrophes
// removed ("Japan's" → "japans"), trimmed.
func Fold(s string) string {
	t := s
	if !isASCII(s) {
		tr := stripMarks.Get().(transform.Transformer)
		tr.Reset()
		if out, _, err := transform.String(tr, s); err == nil {
			t = out
		}
		stripMarks.Put(tr)
	}
	var b strings.Builder
	b.Grow(len(t))
	space := false
	for _, r := range t {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(special(r)))
		case r == '\'' || r == '’' || r == '.':
			// "U.S." folds to "us", "Japan's" to "japans".
		default:
			space = true
		}
	}
	return b.String()
}

// Words returns the words of Fold(s).
func Words(s string) []string { return strings.Fields(Fold(s)) }

// special maps the few Latin letters that have no decomposition.
func special(r rune) rune {
	switch r {
	case 'ø', 'Ø':
		return 'o'
	case 'ł', 'Ł':
		return 'l'
	case 'đ', 'Đ':
		return 'd'
	case 'ı':
		return 'i'
	case 'ß':
		return 's'
	}
	return r
}
