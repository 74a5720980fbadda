package treaties

import (
	"slices"
	"sort"
	"strings"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/doc"
	"github.com/diplograph/diplograph/loader/text"
)

// What an article says of a treaty's life and of its ties to states and
// other treaties, sentence by sentence, once the treaties are recorded
// (Relations):
//
//   - a state or organization withdraws or departs from a treaty, suspends
//     or renounces it: WITHDREW_FROM, its role the verb's ("Washington
//     withdrew from the INF Treaty in 2019"; "our Japanese colleagues
//     departed from the 1956 Declaration");
//   - a treaty replaces or supersedes another: SUCCEEDED_BY from the old to
//     the new; amends another: AMENDED_BY; rests on another: BASED_ON;
//   - a treaty expires, ends or enters into force on a date the sentence
//     gives: its "ended" or "in_force" attribute, which the API's asOf
//     reads (reference data, where it knows, is not overridden).
//
// Each edge cites its sentence. The cues are verbs and nouns of the
// field's vocabulary, with the treaty after them in the same sentence and,
// for a withdrawal, the state or organization before them as subject.

// withdrawalCues map a cue word to the role of the WITHDREW_FROM edge it
// makes, and whether a preposition must follow ("withdrew from").
var withdrawalCues = map[string]string{
	"withdrew": "withdrew", "withdraw": "withdrew", "withdraws": "withdrew", "withdrawn": "withdrew",
	"withdrawing": "withdrew", "withdrawal": "withdrew", "exited": "withdrew", "exit": "withdrew",
	"quit": "withdrew", "departed": "departed", "departs": "departed", "depart": "departed",
	"departure": "departed", "suspended": "suspended", "suspends": "suspended", "suspend": "suspended",
	"suspension": "suspended", "renounced": "renounced", "renounces": "renounced", "renounce": "renounced",
	"abrogated": "renounced", "abrogates": "renounced", "abrogate": "renounced", "denounced": "renounced",
	"pulled": "withdrew", "pulls": "withdrew", "pull": "withdrew",
}

// lifeCues are the verbs of a treaty's own life, after the treaty:
// "the treaty expired in 2019", "entered into force on 1 June".
var lifeCues = map[string]string{
	"expired": "ended", "expires": "ended", "lapsed": "ended", "terminated": "ended", "ended": "ended",
	"entered": "in_force", "came": "in_force", "took": "in_force",
}

// intransitiveNext are the words that may follow a verb of a treaty's end
// used of the treaty itself: a time or a circumstance, not an object.
var intransitiveNext = map[string]bool{
	"in": true, "on": true, "at": true, "when": true, "after": true, "with": true, "upon": true,
	"last": true, "this": true, "yesterday": true, "today": true, "and": true, "without": true, "by": true,
}

// Relations records what the article says of the treaties' lives and
// relations (see above). It runs after Find.
func Relations(d *doc.Doc) {
	x := rules{d}
	for s := range x.Sents {
		x.sentenceRelations(s)
	}
}

// treatyMentionsIn returns the mentions of treaties in sentence s, in text
// order.
func (x rules) treatyMentionsIn(s int) []doc.Mention {
	sp := x.Sents[s]
	var out []doc.Mention
	for _, m := range x.MentionsIn(sp.Start, sp.End) {
		if e := x.Ents[m.ID]; e != nil && e.Kind == kg.Treaty {
			out = append(out, m)
		}
	}
	return out
}

func (x rules) sentenceRelations(s int) {
	ts := x.treatyMentionsIn(s)
	if len(ts) == 0 {
		return
	}
	sp := x.Sents[s]
	first, last := x.tokenRange(sp)
	for i := first; i <= last; i++ {
		k := x.Toks[i].Key
		if role, ok := withdrawalCues[k]; ok {
			x.withdrawal(s, i, role, ts)
			continue
		}
		switch k {
		case "replaced", "superseded", "replacing", "superseding", "replaces", "supersedes":
			x.treatyPair(s, i, ts, kg.SucceededBy)
		case "amended", "amending", "amends":
			x.treatyPair(s, i, ts, kg.AmendedBy)
		case "based", "basis":
			x.treatyPair(s, i, ts, kg.BasedOn)
		}
		if attr, ok := lifeCues[k]; ok {
			x.treatyLife(s, i, attr, ts)
		}
	}
}

// tokenRange returns the first and last token of a span.
func (x rules) tokenRange(sp text.Span) (int, int) {
	first, _ := slices.BinarySearchFunc(x.Toks, sp.Start, func(t text.Token, off int) int { return t.Start - off })
	last := first
	for last+1 < len(x.Toks) && x.Toks[last+1].Start < sp.End {
		last++
	}
	return first, last
}

// treatyAfter returns the first treaty mention that starts after token i
// within a few words ("withdrew from the INF Treaty", "suspended its
// participation in the New START treaty").
func (x rules) treatyAfter(i int, ts []doc.Mention, within int) (doc.Mention, bool) {
	for _, m := range ts {
		if m.Start < x.Toks[i].End {
			continue
		}
		j := i
		for j < len(x.Toks) && x.Toks[j].Start < m.Start {
			j++
		}
		return m, j-i <= within
	}
	return doc.Mention{}, false
}

// treatyBefore returns the last treaty mention that ends before token i
// within a few words ("the treaty expired", "the 1972 treaty was
// superseded by").
func (x rules) treatyBefore(i int, ts []doc.Mention, within int) (doc.Mention, bool) {
	for k := len(ts) - 1; k >= 0; k-- {
		m := ts[k]
		if m.End > x.Toks[i].Start {
			continue
		}
		j := i
		for j > 0 && x.Toks[j-1].End > m.End {
			j--
		}
		return m, i-j <= within
	}
	return doc.Mention{}, false
}

// withdrawal records a WITHDREW_FROM edge for the cue at token i: a state
// or organization before it (its subject, or the possessive of the noun:
// "Russia's withdrawal from"), the treaty after it.
func (x rules) withdrawal(s, i int, role string, ts []doc.Mention) {
	noun := x.Toks[i].Key == "withdrawal" || x.Toks[i].Key == "departure" || x.Toks[i].Key == "suspension"
	switch x.Toks[i].Key {
	case "pulled", "pulls", "pull":
		if i+2 >= len(x.Toks) || x.Toks[i+1].Key != "out" || x.Toks[i+2].Key != "of" {
			return // "pulled out of", not "pulled"
		}
	case "quit", "exit", "exited", "suspended", "suspends", "suspend", "suspension", "renounced", "renounces",
		"renounce", "abrogated", "abrogates", "abrogate", "denounced":
	default:
		// "withdrew from", "departed from", "withdrawal from"
		if i+1 >= len(x.Toks) || x.Toks[i+1].Key != "from" {
			return
		}
	}
	tm, ok := x.treatyAfter(i, ts, 6)
	if !ok {
		return
	}
	actor := x.actorBefore(s, i, noun)
	if actor == "" {
		return
	}
	date := x.cueDate(s, i, tm)
	x.Edge(kg.WithdrewFrom, actor, tm.ID, role, date, kg.Date{}, "", s)
	t := x.Ents[tm.ID]
	if role == "withdrew" || role == "renounced" {
		// A party's withdrawal ends a treaty between two.
		if !date.IsZero() && t.Attrs["ended"] == "" && x.partyCount(tm.ID) == 2 {
			t.Attrs["ended"] = date.String()
		}
	}
}

// actorBefore returns the state or organization that does what the cue at
// token i says: the last one mentioned before it in its clause, as an
// actor (not a place). For a noun ("withdrawal") the possessive before it
// or the actor of its clause.
func (x rules) actorBefore(s, i int, noun bool) string {
	sp := x.Sents[s]
	actor := ""
	for _, m := range x.MentionsIn(sp.Start, x.Toks[i].Start) {
		e := x.Ents[m.ID]
		if e == nil || m.Place || (e.Kind != kg.State && e.Kind != kg.Organization) {
			continue
		}
		// A clause break (";" or a sentence-internal colon) between them
		// ends the subject's reach.
		if clauseBreak(x.Text[m.End:x.Toks[i].Start]) {
			continue
		}
		actor = m.ID
	}
	return actor
}

// partyCount returns how many PARTY_TO edges the treaty has.
func (x rules) partyCount(id string) int {
	n := 0
	for _, e := range x.Edges {
		if e.Type == kg.PartyTo && e.To == id {
			n++
		}
	}
	return n
}

// cueDate returns the date a sentence gives a cue at token i: a temporal
// expression after it, up to the end of its clause ("withdrew from the
// treaty in 2019"), or one that opens the sentence ("In 2019, the United
// States withdrew"). A date in another clause ("signed in 1960, after
// which … departed from") is not the cue's.
func (x rules) cueDate(s, i int, tm doc.Mention) kg.Date {
	sp := x.Sents[s]
	for idx, t := range x.Timexes {
		if t.Start < sp.Start || t.Start >= sp.End || t.Date.IsZero() || x.RangeEnd(idx) {
			continue
		}
		if t.Start >= tm.Start && t.End <= tm.End {
			continue // "the 1956 Declaration": the treaty's own name
		}
		if t.Start > x.Toks[i].End && !clauseBreak(x.Text[x.Toks[i].End:t.Start]) {
			return t.Date
		}
		if t.Start-sp.Start <= 3 {
			return t.Date
		}
	}
	return kg.Date{}
}

// treatyPair records a relation between the treaties around the cue at
// token i: "A was replaced by B", "B replaced A", "A, as amended by B",
// "B, amending A", "A is based on B", "on the basis of B" (an agreement of
// the sentence before the cue).
func (x rules) treatyPair(s, i int, ts []doc.Mention, t kg.EdgeType) {
	k := x.Toks[i].Key
	passive := i+1 < len(x.Toks) && (x.Toks[i+1].Key == "by" || x.Toks[i+1].Key == "on" || x.Toks[i+1].Key == "upon")
	if k == "basis" {
		passive = i+1 < len(x.Toks) && x.Toks[i+1].Key == "of"
		if !passive {
			return
		}
	}
	if k == "based" && !passive {
		return
	}
	before, okB := x.treatyBefore(i, ts, 8)
	after, okA := x.treatyAfter(i, ts, 6)
	if !okB || !okA || before.ID == after.ID {
		return
	}
	// The edge runs from the older treaty to the newer for SUCCEEDED_BY
	// and AMENDED_BY, from the dependent one for BASED_ON.
	from, to := before.ID, after.ID
	if !passive && t != kg.BasedOn {
		from, to = after.ID, before.ID // "B replaced A", "B amends A"
	}
	x.Edge(t, from, to, "", kg.Date{}, kg.Date{}, "", s)
}

// treatyLife records the date a treaty ended or entered into force, from
// "the treaty expired in 2019", "entered into force on 1 June 2010", "came
// into force", "took effect", where the treaty stands right before.
func (x rules) treatyLife(s, i int, attr string, ts []doc.Mention) {
	switch x.Toks[i].Key {
	case "entered", "came":
		if i+2 >= len(x.Toks) || x.Toks[i+1].Key != "into" || x.Toks[i+2].Key != "force" {
			return
		}
	case "took":
		if i+1 >= len(x.Toks) || x.Toks[i+1].Key != "effect" {
			return
		}
	default:
		// "the treaty expired in 2019", "was terminated on …"; not "the
		// treaty ended the war", whose object is what ended.
		if i+1 < len(x.Toks) && text.Adjacent(x.Toks[i], x.Toks[i+1]) && !intransitiveNext[x.Toks[i+1].Key] {
			return
		}
	}
	tm, ok := x.treatyBefore(i, ts, 4)
	if !ok || x.objectOfPreposition(tm) {
		return // "the withdrawal from the INF Treaty took effect": not the treaty's
	}
	date := x.cueDate(s, i, tm)
	if date.IsZero() {
		return
	}
	t := x.Ents[tm.ID]
	if t.Attrs[attr] != "" {
		return // the reference data's, or an earlier sentence's
	}
	t.Attrs[attr] = date.String()
	switch attr {
	case "ended":
		t.Status = kg.Terminated
	case "in_force":
		if t.Status == "" || t.Status == kg.Signed {
			t.Status = kg.InForce
		}
	}
}

// clauseBreak reports whether text between two words parts their clauses:
// a semicolon, a colon or a dash, or "after which" / "before which", where
// a relative clause begins that has its own time.
func clauseBreak(between string) bool {
	return strings.ContainsAny(between, ";:—–") || strings.Contains(between, "after which") || strings.Contains(between, "before which")
}

// objectOfPreposition reports whether a mention follows a preposition
// ("from the INF Treaty", "of the treaty"), so that it is no subject.
func (x rules) objectOfPreposition(m doc.Mention) bool {
	i := sort.Search(len(x.Toks), func(i int) bool { return x.Toks[i].Start >= m.Start })
	for j := i - 1; j >= 0 && j >= i-2; j-- {
		switch x.Toks[j].Key {
		case "the", "a", "an", "this", "that":
			continue
		case "from", "of", "to", "under", "in", "with":
			return true
		}
		break
	}
	return false
}
