package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// LowerWords returns the folded words of text[start:end].
func LowerWords(s string) []string { return strings.Fields(strings.ToLower(s)) }

// Adjacent reports whether two tokens may belong to one name: only spaces,
// hyphens or a period of an initial stand between them.
func Adjacent(a, b Token) bool {
	if a.Possessive {
		return false
	}
	switch b.Sep {
	case " ", "-", "–", "‑", "'", "’":
		return true // and "d’Ivoire": an apostrophe inside a word
	case ". ":
		return utf8.RuneCountInString(a.Text) == 1 // "George P. Shultz"
	case ".":
		// "Kh.Battulga", "U.Khurelsukh": Mongolian news writes the
		// patronymic's initial, of one or two letters, with no space.
		return utf8.RuneCountInString(a.Text) <= 2 && unicode.IsUpper(FirstRune(a.Text)) && unicode.IsUpper(FirstRune(b.Text))
	}
	return false
}

// IsDeterminer reports whether the token key k is an article, a
// demonstrative, a possessive or another word that opens a noun phrase
// ("any", "such", "new"): the rules read back from a noun to it to find
// where the phrase starts.
func IsDeterminer(k string) bool {
	switch k {
	case "a", "an", "the", "this", "that", "its", "their", "his", "her", "our", "any", "such", "new", "these", "those":
		return true
	}
	return false
}

// IsFunctionWord reports whether the token key k is a word of grammar or
// a common verb ("the", "of", "said", "has"), which a name never is even
// when capitalized at the start of a sentence or in a headline.
func IsFunctionWord(k string) bool {
	switch k {
	case "the", "of", "and", "in", "on", "at", "to", "for", "a", "an", "said", "says", "will", "would", "has", "had", "was", "is", "who", "which":
		return true
	}
	return false
}
