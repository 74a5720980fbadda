package loader

import (
	"sort"
	"strings"
)

// cues is a set of words and phrases matched against the tokens of the
// text, the way a case-insensitive regular expression of alternatives
// between word boundaries would match ("said|says|called off"), but by
// looking token keys up in a map: the extractor asks dozens of such
// questions per sentence, and this is what keeps extraction fast.
//
// A phrase is its words' keys (tokenize folds and lower-cases them)
// separated by spaces; a key may list alternatives ("aid/help"), end in
// "*" to match any word it begins ("negotiat*"), or be "..." for one to
// three words of any kind.
type cues struct {
	byFirst map[string][][]string // phrases by their first key
	prefix  [][]string            // phrases whose first key is a prefix
}

// newCues compiles phrases separated by "|".
func newCues(phrases string) *cues {
	c := &cues{byFirst: map[string][][]string{}}
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

// tokenAt returns the index of the first token that starts at or after
// byte off.
func (x *extraction) tokenAt(off int) int {
	return sort.Search(len(x.toks), func(i int) bool { return x.toks[i].Start >= off })
}

// cuesIn returns the byte spans of the matches of c among the tokens that
// lie within [start, end), left to right, not overlapping.
func (x *extraction) cuesIn(c *cues, start, end int) []span {
	var out []span
	to := x.tokenAt(end)
	for to > 0 && x.toks[to-1].End > end {
		to--
	}
	for i := x.tokenAt(start); i < to; i++ {
		last, ok := x.cueAt(c, i, to)
		if ok {
			out = append(out, span{x.toks[i].Start, x.toks[last].End})
			i = last
		}
	}
	return out
}

// cueIn reports whether c matches within [start, end).
func (x *extraction) cueIn(c *cues, start, end int) bool {
	to := x.tokenAt(end)
	for to > 0 && x.toks[to-1].End > end {
		to--
	}
	for i := x.tokenAt(start); i < to; i++ {
		if _, ok := x.cueAt(c, i, to); ok {
			return true
		}
	}
	return false
}

// cueAt returns the last token of the longest phrase of c that starts at
// token i and ends before token to.
func (x *extraction) cueAt(c *cues, i, to int) (int, bool) {
	best, found := 0, false
	try := func(keys []string) {
		if last, ok := x.phraseEnd(i, to, keys); ok && (!found || last > best) {
			best, found = last, true
		}
	}
	for _, keys := range c.byFirst[x.toks[i].Key] {
		try(keys)
	}
	for _, keys := range c.prefix {
		if keyMatches(keys[0], x.toks[i].Key) {
			try(keys)
		}
	}
	return best, found
}
