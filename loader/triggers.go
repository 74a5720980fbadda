package loader

import (
	"strings"

	"github.com/diplograph/diplograph/kg"
)

// trigger is a word or phrase that reports a diplomatic event.
type trigger struct {
	typ kg.EventType
	// nominal triggers ("visit", "meeting") may have a possessor who is
	// their participant: "Abe's visit".
	nominal bool
	// ownDate triggers make an event only with a date of their own in
	// the sentence: "said" is a statement worth a node when the text says
	// when ("Albright said Tuesday").
	ownDate bool
	// lower requires the trigger in lower case: "said" is a verb, "Said"
	// a name.
	lower bool
	// need is what else the sentence must hold for the trigger to count.
	need triggerNeed
}

// triggerNeed is a condition on the sentence around a trigger.
type triggerNeed uint8

const (
	needNothing       triggerNeed = iota
	needSignedPaper               // a treaty, or a document one signs ("papers of accession")
	needAmbassador                // an envoy to summon
	needInternational             // an alliance or union to join (NATO, the EU)
)

// triggerPhrases is the trigger lexicon: phrases of token keys (see
// tokenize: folded, lower case) and what they report. Where two matches
// overlap, the earlier entry wins ("press conference" is a statement, not
// a conference; "told reporters" is not dated speech).
var triggerPhrases = []struct {
	phrases string // alternatives separated by "|"
	t       trigger
}{
	{"press conference|press conferences|news conference|news conferences", trigger{typ: kg.Statement, nominal: true}},
	{"telephone call|telephone calls|phone call|phone calls|telephone conversation|telephone conversations|phone conversation|phone conversations|phoned|telephoned|spoke by phone|spoke by telephone",
		trigger{typ: kg.Call, nominal: true}},
	{"summit|summits|summit meeting", trigger{typ: kg.Summit, nominal: true}},
	{"conference|conferences", trigger{typ: kg.Conference, nominal: true}},
	{"met|meet|meets|meeting|meetings", trigger{typ: kg.Meeting, nominal: true}},
	{"talks|negotiations|hold discussions|have discussions|had discussions|held discussions|holding discussions|discussions with",
		trigger{typ: kg.Talks, nominal: true}},
	{"address the|address a|addressing the|addressing a|addressed the|addressed a|addresses the|addresses a",
		trigger{typ: kg.Statement}},
	{"join|joins|joined|joining|admit|admits|admitted|admitting|accession to", trigger{typ: kg.OtherEvent, need: needInternational}},
	{"visit|visits|visited|visiting|trip|tour|mission to|set out for|sets out for|set off for|leave for|leaves for|left for|" +
		"arrived in|arrived from|arrived at|arrives in|arrives from|arrives at|travel to|travels to|travelled to|traveled to",
		trigger{typ: kg.Visit, nominal: true}},
	{"statement|statements|speech|told reporters|told the press|told journalists|announced|declared", trigger{typ: kg.Statement, nominal: true}},
	{"signed|signing", trigger{typ: kg.Signing, need: needSignedPaper}},
	{"summoned|called in", trigger{typ: kg.Summons, need: needAmbassador}},
	{"said|says|told|stated", trigger{typ: kg.Statement, ownDate: true, lower: true}},
}

// triggerEntry is one phrase of the lexicon, compiled.
type triggerEntry struct {
	keys []string
	prio int // index in triggerPhrases: lower wins
	t    trigger
}

// triggerIndex maps the first key of each phrase to its entries.
var triggerIndex = func() map[string][]triggerEntry {
	idx := map[string][]triggerEntry{}
	for prio, p := range triggerPhrases {
		for _, phrase := range strings.Split(p.phrases, "|") {
			keys := strings.Fields(phrase)
			idx[keys[0]] = append(idx[keys[0]], triggerEntry{keys: keys, prio: prio, t: p.t})
		}
	}
	return idx
}()

// triggerHit is a match of the lexicon: tokens first..last.
type triggerHit struct {
	first, last int
	start, end  int // byte offsets
	prio        int
	t           trigger
}

// triggersIn returns the lexicon's matches among tokens [from, to), each
// token in at most one match: where matches overlap, the entry listed
// first in triggerPhrases wins, then the one starting first.
func (x *extraction) triggersIn(from, to int) []triggerHit {
	var cands []triggerHit
	for i := from; i < to; i++ {
		for _, e := range triggerIndex[x.toks[i].Key] {
			last := i + len(e.keys) - 1
			if last >= to || !x.phraseAt(i, e.keys) {
				continue
			}
			if e.t.lower && x.toks[i].Text != e.keys[0] {
				continue
			}
			cands = append(cands, triggerHit{first: i, last: last, start: x.toks[i].Start, end: x.toks[last].End, prio: e.prio, t: e.t})
		}
	}
	if len(cands) < 2 {
		return cands
	}
	// Stable by priority, then position; then keep those that overlap no
	// kept one.
	sortHits(cands)
	var out []triggerHit
	for _, c := range cands {
		overlaps := false
		for _, o := range out {
			if c.first <= o.last && o.first <= c.last {
				overlaps = true
				break
			}
		}
		if !overlaps {
			out = append(out, c)
		}
	}
	return out
}

// phraseAt reports whether the tokens from i on spell keys, separated by
// white space only.
func (x *extraction) phraseAt(i int, keys []string) bool {
	for k, key := range keys {
		t := x.toks[i+k]
		if t.Key != key {
			return false
		}
		if k > 0 && (strings.TrimSpace(t.Sep) != "" || t.Sep == "" || x.toks[i+k-1].Possessive) {
			return false
		}
	}
	return true
}

func sortHits(h []triggerHit) {
	// Insertion sort: a sentence has a handful of matches.
	for i := 1; i < len(h); i++ {
		for j := i; j > 0 && (h[j].prio < h[j-1].prio || h[j].prio == h[j-1].prio && h[j].first < h[j-1].first); j-- {
			h[j], h[j-1] = h[j-1], h[j]
		}
	}
}
