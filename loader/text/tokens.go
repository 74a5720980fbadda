// Package text analyses the text of an article without knowing what is
// being extracted from it: it cuts words (Tokenize) and sentences
// (Sentences), maps byte offsets to code points (Offsets), finds quoted
// speech (Quotes) and matches words and phrases against the tokens (Cues,
// Tokens.PhraseEnd). Every stage of extraction asks these questions, and no
// answer depends on what a stage has found, so they live apart from the
// document under extraction (package doc).
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/diplograph/diplograph/internal/fold"
)

// Token is a word of the text.
type Token struct {
	Start, End int    // byte offsets of the word, possessive "'s" excluded
	Text       string // as written
	Key        string // folded, dots removed: "U.S." → "us"
	Possessive bool   // followed by 's or ’s
	// Sep is the text between the previous token and this one.
	Sep string
}

// Tokens are the words of a text, in order; the rules ask questions of
// them by index and byte offset (At, CuesIn, PhraseEnd).
type Tokens []Token

// Upper reports whether the word starts with an upper-case letter or a
// digit, which is what names, acronyms and years look like in running text.
func (t Token) Upper() bool {
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// AllCaps reports whether every letter of the word is upper case.
func (t Token) AllCaps() bool {
	has := false
	for _, r := range t.Text {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			has = true
		}
	}
	return has
}

// Tokenize splits text into words: runs of letters and digits. Dotted
// acronyms ("U.S.", "U.S.S.R.") are one word with their dots, hyphens and
// other punctuation separate words, and a possessive "'s" is noted on the
// word rather than kept in it.
func Tokenize(text string) Tokens {
	toks := make(Tokens, 0, len(text)/6+8) // English prose has about a word per six bytes
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		start := i
		// Dotted acronym: single letters each followed by a period.
		if j, ok := dottedAcronym(text, i); ok {
			toks = append(toks, newToken(text, start, j))
			i = j
			continue
		}
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				if innerApostrophe(text, start, i, r, n) {
					i += n // "Nuku’alofa", "Tu’i’onetoa", "N’Djamena", "O’Brien"
					continue
				}
				break
			}
			i += n
		}
		t := newToken(text, start, i)
		if rest := text[i:]; strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") {
			after := i + len("'s")
			if strings.HasPrefix(rest, "’s") {
				after = i + len("’s")
			}
			if after == len(text) || !isWordRune(FirstRune(text[after:])) {
				t.Possessive = true
				i = after
			}
		}
		toks = append(toks, t)
	}
	prev := 0
	for i := range toks {
		toks[i].Sep = text[prev:toks[i].Start]
		prev = toks[i].End
		if toks[i].Possessive {
			prev = toks[i].End // the "'s" stays in Sep of the next token
		}
	}
	return toks
}

// innerApostrophe reports whether the apostrophe r (n bytes) at byte i
// joins two parts of one capitalized name, as in Pacific, Arabic and
// Irish names: a word that starts with a capital letter, and a letter
// right after the apostrophe that does not start a possessive "’s" or a
// contraction. Words in lower case ("don’t") and possessives keep their
// apostrophe out.
func innerApostrophe(text string, start, i int, r rune, n int) bool {
	if r != '\'' && r != '’' && r != 'ʻ' && r != '‘' {
		return false
	}
	if !unicode.IsUpper(FirstRune(text[start:])) || i+n >= len(text) {
		return false
	}
	next, m := utf8.DecodeRuneInString(text[i+n:])
	if !unicode.IsLetter(next) {
		return false
	}
	if next == 's' || next == 'S' || next == 't' || next == 'd' || next == 'm' {
		// "Tonga’s", "Jones’s": the possessive; a letter after it
		// ("’sa…") would be a name, but English has none worth the risk.
		if j := i + n + m; j >= len(text) || !isWordRune(FirstRune(text[j:])) {
			return false
		}
	}
	if strings.HasPrefix(text[i+n:], "ll ") || strings.HasPrefix(text[i+n:], "re ") || strings.HasPrefix(text[i+n:], "ve ") {
		return false // "They’ll", "We’re", "They’ve" at a sentence's start
	}
	return true
}

func newToken(text string, s, e int) Token {
	w := text[s:e]
	return Token{Start: s, End: e, Text: w, Key: tokenKey(w)}
}

// tokenKey folds a word as fold.Fold does, without its spaces; ASCII words,
// most of English text, take a fast path that allocates only to lower the
// case.
func tokenKey(w string) string {
	lower := true
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c >= 'A' && c <= 'Z', c == '.':
			lower = false
		default:
			return strings.ReplaceAll(fold.Fold(w), " ", "")
		}
	}
	if lower {
		return w
	}
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c == '.':
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// FirstRune returns the first code point of s, or utf8.RuneError when s
// is empty.
func FirstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// dottedAcronym matches "U.S." or "U.S.S.R." at i and returns its end.
func dottedAcronym(text string, i int) (int, bool) {
	j := i
	letters := 0
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsLetter(r) || j+n >= len(text) || text[j+n] != '.' {
			break
		}
		letters++
		j += n + 1
	}
	if letters < 2 {
		return 0, false
	}
	// A following letter would make this "U.Sa…", not an acronym.
	if j < len(text) && unicode.IsLetter(FirstRune(text[j:])) {
		return 0, false
	}
	return j, true
}

// Keys folds a name into the token keys a mention of it has.
func Keys(name string) []string {
	toks := Tokenize(name)
	keys := make([]string, len(toks))
	for i, t := range toks {
		keys[i] = t.Key
	}
	return keys
}
