package kg

import (
	"cmp"
	"slices"
)

// MentionList collects the mentions of one article as a store reads them,
// edge by edge, and returns them in the order Store.Mentions gives, so that
// every store applies the same rules.
type MentionList struct {
	first map[string]int // entity id → first sentence, -1 for none
}

// Add records that the article mentions entity, with evidence in sentence
// (-1: none). The earliest sentence is kept.
func (l *MentionList) Add(entity string, sentence int) {
	if l.first == nil {
		l.first = map[string]int{}
	}
	old, seen := l.first[entity]
	if !seen || old < 0 || (sentence >= 0 && sentence < old) {
		l.first[entity] = sentence
	}
}

// AddEdge records the entities an edge of type t from from to to names:
// its far end for MENTIONS (which starts at the article), both ends for
// every other type.
func (l *MentionList) AddEdge(t EdgeType, from, to string, sentence int) {
	if t != Mentions {
		l.Add(from, sentence)
	}
	l.Add(to, sentence)
}

// Len returns the number of entities recorded.
func (l *MentionList) Len() int { return len(l.first) }

// List returns the mentions in the order of Store.Mentions (by sentence,
// then entity id, mentions without a sentence last), at most MaxMentions.
func (l *MentionList) List() []Mention {
	out := make([]Mention, 0, len(l.first))
	for id, s := range l.first {
		out = append(out, Mention{Entity: id, Sentence: s})
	}
	slices.SortFunc(out, CompareMentions)
	if len(out) > MaxMentions {
		out = out[:MaxMentions]
	}
	return out
}

// CompareMentions orders mentions as Store.Mentions returns them.
func CompareMentions(a, b Mention) int {
	// Without a sentence sorts last: -1 becomes the largest int.
	key := func(s int) uint { return uint(s) }
	return cmp.Or(cmp.Compare(key(a.Sentence), key(b.Sentence)), cmp.Compare(a.Entity, b.Entity))
}
