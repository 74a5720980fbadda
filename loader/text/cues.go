package text

import (
	"sort"
	"strings"
)

// Cues is a set of words and phrases matched against the tokens of the
// text, the way a case-insensitive regular expression of alternatives
// between word boundaries would match ("said|says|called off"), but by
// looking token keys up in a map: the extractor asks dozens of such
// questions per sentence, and this is what keeps extraction fast.
//
// A phrase is its words' keys (Tokenize folds and lower-cases them)
// separated by spaces; a key may list alternatives ("aid/help"), end in
// "*" to match any word it begins ("negotiat*"), or be "..." for one to
// three words of any kind.
type Cues struct {
	byFirst map[string][][]string // phrases by their first key
	prefix  [][]string            // phrases whose first key is a prefix
}

// NewCues compiles phrases separated by "|".
func NewCues(phrases string) *Cues {
	c := &Cues{byFirst: map[string][][]string{}}
	for _, p := range strings.Split(phrases, "|") {
		keys := strings.Fields(p)
		for _, first := range strings.Split(keys[0], "/") {
			if strings.HasSuffix(first, "*") {
				c.prefix = append(c.prefix, append([]string{first}, keys[1:]...))
				continue
			}
			c.byFirst[first] = append(c.byFirst[first], keys)
		}
	}
	return c
}

// keyMatches reports whether a token key matches one key of a phrase.
func keyMatches(pattern, key string) bool {
	if pattern == key {
		return true
	}
	for _, alt := range strings.Split(pattern, "/") {
		if alt == key || strings.HasSuffix(alt, "*") && len(key) >= len(alt) && strings.HasPrefix(key, alt[:len(alt)-1]) {
			return true
		}
	}
	return false
}

// At returns the index of the first token that starts at or after
// byte off.
func (toks Tokens) At(off int) int {
	return sort.Search(len(toks), func(i int) bool { return toks[i].Start >= off })
}

// CuesIn returns the byte spans of the matches of c among the tokens that
// lie within [start, end), left to right, not overlapping.
func (toks Tokens) CuesIn(c *Cues, start, end int) []Span {
	var out []Span
	to := toks.At(end)
	for to > 0 && toks[to-1].End > end {
		to--
	}
	for i := toks.At(start); i < to; i++ {
		last, ok := toks.cueAt(c, i, to)
		if ok {
			out = append(out, Span{toks[i].Start, toks[last].End})
			i = last
		}
	}
	return out
}

// CueIn reports whether c matches within [start, end).
func (toks Tokens) CueIn(c *Cues, start, end int) bool {
	to := toks.At(end)
	for to > 0 && toks[to-1].End > end {
		to--
	}
	for i := toks.At(start); i < to; i++ {
		if _, ok := toks.cueAt(c, i, to); ok {
			return true
		}
	}
	return false
}

// cueAt returns the last token of the longest phrase of c that starts at
// token i and ends before token to.
func (toks Tokens) cueAt(c *Cues, i, to int) (int, bool) {
	best, found := 0, false
	try := func(keys []string) {
		if last, ok := toks.PhraseEnd(i, to, keys); ok && (!found || last > best) {
			best, found = last, true
		}
	}
	for _, keys := range c.byFirst[toks[i].Key] {
		try(keys)
	}
	for _, keys := range c.prefix {
		if keyMatches(keys[0], toks[i].Key) {
			try(keys)
		}
	}
	return best, found
}

// PhraseEnd matches keys against the tokens from i on, before to, and
// returns the index of the last token matched. Words of a phrase are
// separated by white space or a hyphen; a key may list alternatives ("aid/help"),
// and the key "..." stands for one to three words of any kind ("issued
// its Twenty-One Demands").
func (toks Tokens) PhraseEnd(i, to int, keys []string) (int, bool) {
	if len(keys) == 0 {
		return i - 1, true
	}
	if i >= to {
		return 0, false
	}
	if keys[0] == gap {
		for g := 1; g <= 3 && i+g <= to; g++ {
			if last, ok := toks.PhraseEnd(i+g, to, keys[1:]); ok {
				return last, true
			}
		}
		return 0, false
	}
	t := toks[i]
	if !keyMatches(keys[0], t.Key) {
		return 0, false
	}
	if len(keys) > 1 && keys[1] != gap {
		// Words of a phrase are parted by spaces, or by a hyphen inside a
		// compound ("go-ahead" matches "go ahead").
		if n := i + 1; n >= to || strings.TrimSpace(toks[n].Sep) != "" && toks[n].Sep != "-" || toks[n].Sep == "" || t.Possessive {
			return 0, false
		}
	}
	return toks.PhraseEnd(i+1, to, keys[1:])
}

// gap is the lexicon's wildcard for a few words.
const gap = "..."
