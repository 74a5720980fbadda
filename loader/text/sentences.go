package text

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a stretch of the text, such as a sentence: byte offsets (code
// point offsets where a caller says so), End exclusive.
type Span struct{ Start, End int }

// SpanAt returns the index of the span of spans (sorted and not
// overlapping) that holds offset off and true, or, when none does, the
// index of the first span after off and false. Sentences are looked up
// this way by byte offset during extraction and by code point offset when
// the parts of a long document are put together.
func SpanAt(spans []Span, off int) (int, bool) {
	return slices.BinarySearchFunc(spans, off, func(s Span, off int) int {
		switch {
		case s.End <= off:
			return -1
		case s.Start > off:
			return 1
		}
		return 0
	})
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "lt": true, "col": true,
	"sen": true, "rep": true, "gov": true, "st": true, "jr": true, "sr": true, "no": true, "vs": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "mt": true, "ft": true,
	"inc": true, "corp": true, "co": true, "ltd": true, "dept": true, "est": true, "approx": true,
	"etc": false, "adm": true, "capt": true, "maj": true, "sgt": true, "amb": true, "pres": true,
	"hon": true, "rt": true, // "Hon. Dalton Tagelagi", "the Rt. Hon. …"
}

// Sentences cuts text at sentence ends: '.', '!' or '?' (possibly
// followed by closing quotes or brackets) before whitespace and an
// upper-case letter, digit or opening quote, and at every blank line or line
// break between paragraphs. A period after an abbreviation ("Jan.", "Mr.")
// or after an initial ("U.S.", "George P. Shultz") does not end a sentence
// unless a paragraph break follows.
func Sentences(text string) []Span {
	var out []Span
	start := 0
	emit := func(end int) {
		s, e := trimSpan(text, start, end)
		if e > s {
			out = append(out, Span{s, e})
		}
		start = end
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '\n' {
			// Lines of the corpus are paragraphs; a lone line break inside
			// OCR'd text is not, so require a blank line or a line that
			// ends a sentence.
			j := i + 1
			for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
				j++
			}
			prev := lastRuneBefore(text, i)
			if (j < len(text) && text[j] == '\n') || strings.ContainsRune(".!?:\"”’)", prev) || paragraphLine(text, i, j) {
				emit(i)
			}
			i += size
			continue
		}
		if r == '.' || r == '!' || r == '?' {
			j := i + size
			for j < len(text) {
				c, n := utf8.DecodeRuneInString(text[j:])
				if !strings.ContainsRune("\"”’')]", c) {
					break
				}
				j += n
			}
			if j >= len(text) {
				break
			}
			c, n := utf8.DecodeRuneInString(text[j:])
			if c != ' ' && c != '\t' && c != '\n' {
				i += size
				continue
			}
			k := j + n
			for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
				k++
			}
			if k >= len(text) {
				break
			}
			nextRune, _ := utf8.DecodeRuneInString(text[k:])
			if r == '.' && isAbbreviation(text, i) && !unicode.IsUpper(nextRune) {
				i += size
				continue
			}
			if r == '.' && isAbbreviation(text, i) && !startsSentence(text[k:]) {
				i += size
				continue
			}
			if unicode.IsUpper(nextRune) || unicode.IsDigit(nextRune) || strings.ContainsRune("\"“‘'(", nextRune) || nextRune == '\n' {
				emit(j)
				i = j
				continue
			}
		}
		i += size
	}
	emit(len(text))
	return out
}

// paragraphLine reports whether the line that ends at byte i is a
// paragraph of its own although it ends without a stop (a scraped page
// that lost it: "…, he said"), so that the line starting at byte next is
// a new sentence: a line longer than OCR or a hard-wrapped text ever
// makes one, followed by a capital, a digit or a quote.
func paragraphLine(text string, i, next int) bool {
	const longest = 160 // hard-wrapped and OCR'd lines run to 60-100
	lineStart := strings.LastIndexByte(text[:i], '\n') + 1
	if i-lineStart <= longest || next >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[next:])
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“‘", r)
}

// isAbbreviation reports whether the period at byte i closes an
// abbreviation or an initial.
func isAbbreviation(text string, i int) bool {
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:j])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		j -= n
	}
	word := text[j:i]
	if word == "" {
		return false
	}
	if strings.Contains(word, ".") { // U.S, U.N, a.m
		return true
	}
	if utf8.RuneCountInString(word) == 1 && unicode.IsUpper([]rune(word)[0]) { // an initial
		return true
	}
	return abbreviations[strings.ToLower(word)]
}

// startsSentence guesses whether s, which follows an abbreviation's period,
// opens a new sentence: it does when it starts with a word that usually
// opens one ("The", "He", "But") rather than a name.
func startsSentence(s string) bool {
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(s)
	}
	switch s[:end] {
	case "The", "A", "An", "He", "She", "It", "They", "We", "I", "But", "And", "In", "On", "At", "This",
		"That", "These", "Those", "There", "His", "Her", "Their", "Its", "As", "After", "Before", "When",
		"While", "However", "Meanwhile", "Now", "Also", "Both", "Some", "Many", "Officials", "Thus":
		return true
	}
	return false
}

func lastRuneBefore(text string, i int) rune {
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		if r != ' ' && r != '\t' {
			return r
		}
		i -= n
	}
	return 0
}

func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

// Offsets converts byte offsets into code point offsets, which is what
// evidence and timexes report (consumers in other languages index strings
// by character, not by UTF-8 byte).
type Offsets struct {
	// at[i] is the code point offset of byte offset i, for i ≤ len(text);
	// nil when the text is ASCII and the two are the same.
	at []int32
}

// NewOffsets indexes text for Of.
func NewOffsets(text string) *Offsets {
	ascii := true
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return &Offsets{}
	}
	at := make([]int32, len(text)+1)
	var n int32
	for i := range text {
		for j := i; j < len(text) && (j == i || !utf8.RuneStart(text[j])); j++ {
			at[j] = n
		}
		n++
	}
	at[len(text)] = n
	return &Offsets{at: at}
}

// Of returns the code point offset of byte offset byteOff, which may be
// len(text).
func (o *Offsets) Of(byteOff int) int {
	if o.at == nil {
		return byteOff
	}
	return int(o.at[byteOff])
}
