package timex

import "strings"

// Tenses, as far as tense cues tell them.
const (
	noTense = iota
	past
	future
)

// tense returns the tense of the sentence around the expression at tokens
// [start, end): the nearest cue before it, or else the nearest after it.
// A present-tense verb counts only right before the expression ("sets out
// Wednesday"), where news uses it for the future.
func (p *scanner) tense(start, end int) int {
	t, _ := p.tenseDist(start, end)
	return t
}

// tenseDist is tense with the distance in tokens to the cue.
func (p *scanner) tenseDist(start, end int) (int, int) {
	if start >= len(p.sid) {
		return noTense, 0
	}
	// A window keeps Find linear on run-on text with no sentence ends.
	const window = 60
	sid := p.sid[start]
	for k := start - 1; k >= 0 && k >= start-window && p.sid[k] == sid; k-- {
		if c := p.cue(k, start-k); c != noTense {
			return c, start - k
		}
	}
	for k := end; k < len(p.t) && k < end+window && p.sid[k] == sid; k++ {
		if c := p.cue(k, 0); c != noTense {
			return c, k - end + 1
		}
	}
	return noTense, 0
}

// pastNear reports whether a past-tense verb such as "was" or "said" (not
// a participle in -ed) stands within four tokens before token start, and no
// "by", "until" or "to" introduces the date as a deadline.
func (p *scanner) pastNear(start int) bool {
	if start > 0 && (p.is(start-1, wTo) || p.is(start-1, wBy) || p.is(start-1, wBefore)) {
		return false
	}
	for k := start - 1; k >= 0 && k >= start-4 && p.sid[k] == p.sid[start]; k-- {
		switch p.cue(k, start-k) {
		case past:
			return p.t[k].kw.kind == kPastCue
		case future:
			return false
		}
	}
	return false
}

// cue returns the tense token k signals; dist is its distance before the
// expression, 0 after it.
func (p *scanner) cue(k, dist int) int {
	t := &p.t[k]
	if t.kind != tWord {
		return noTense
	}
	if (t.ed || t.kw.kind == kPastCue) && k > 0 && p.is(k-1, wBe) {
		return noTense // a participle: "will be paid", "to be held"
	}
	if t.ed {
		return past
	}
	switch t.kw.kind {
	case kFutCue:
		if p.is(k+1, wTo) && strings.EqualFold(p.text[t.s:t.e], "due") && (p.is(k+2, wThe) || p.is(k+2, wA) || p.is(k+2, wPossessive)) {
			return noTense // "due to the war"
		}
		return future
	case kFutCueTo:
		if p.is(k+1, wTo) {
			return future // "plans to", but not "the plans"
		}
	case kPastCue:
		return past
	case kPresVerb:
		// "leaves on his sixth visit ... on Wednesday"; a bare form only
		// close by: "to resume trading in Paris Tuesday". A form after an
		// article is a noun: "paid a two-day state visit to Tanzania on
		// Thursday" says nothing of the future.
		if dist > 0 && (p.text[t.e-1] == 's' || dist <= 5) && !p.afterArticle(k) {
			return future
		}
		if dist > 0 && k > 0 && p.is(k-1, wTo) {
			return future // a headline's infinitive: "South Korea to hold first round of talks with China on Tuesday"
		}
	case kMonth:
		if t.kw.n == 5 && !t.cap { // the modal "may"
			return future
		}
	case kWord:
		switch t.kw.n {
		case wNext, wTomorrow, wComing, wSoon:
			return future
		case wAgo, wYesterday:
			return past
		}
	}
	return noTense
}

// afterArticle reports whether an article or a possessive stands among
// the five tokens before token k, in its sentence: "a state visit", "the
// talks", "his visit".
func (p *scanner) afterArticle(k int) bool {
	for j := k - 1; j >= 0 && j >= k-5 && p.sid[j] == p.sid[k]; j-- {
		if p.is(j, wA) || p.is(j, wThe) || p.is(j, wPossessive) {
			return true
		}
	}
	return false
}

// sentences numbers the sentences of the tokens. A sentence ends at ".",
// "!", "?" or ";" (but not at the dot of "Jan." or "U.S.") and at a line
// break, unless the break falls between a lower-case word or comma and a
// lower-case word, as in hard-wrapped text.
func (p *scanner) sentences() {
	p.sid = make([]int32, len(p.t))
	var sid int32
	for i := range p.t {
		t := &p.t[i]
		if i > 0 && t.nl && !p.wrapped(i) {
			sid++
		}
		p.sid[i] = sid
		if t.kind == tPunct && (t.n == '.' || t.n == '!' || t.n == '?' || t.n == ';') {
			if t.n == '.' && (i > 0 && !t.space && p.abbrev(i-1) || i+1 < len(p.t) && !p.t[i+1].space) {
				continue // "Jan. 14", "U.S.", "$29.75", "dfat.gov.au"
			}
			sid++
		}
	}
}

// wrapped reports whether the line break before token i is inside a sentence.
func (p *scanner) wrapped(i int) bool {
	prev, t := &p.t[i-1], &p.t[i]
	lowerPrev := prev.kind == tWord && !prev.cap || prev.kind == tPunct && prev.n == ','
	return lowerPrev && t.kind == tWord && !t.cap
}

// abbrev reports whether token k, followed by a dot, is an abbreviation
// rather than the end of a sentence.
func (p *scanner) abbrev(k int) bool {
	t := &p.t[k]
	if t.kind != tWord {
		return false
	}
	if t.e-t.s == 1 || t.kw.kind == kMonthAbbr {
		return true
	}
	_, ok := abbrevs[p.text[t.s:t.e]]
	return ok
}

var abbrevs = map[string]struct{}{}

func init() {
	for _, w := range []string{"Mr", "Mrs", "Ms", "Dr", "St", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt",
		"Maj", "Sgt", "Prof", "Jr", "Sr", "Inc", "Co", "Corp", "Ltd", "No", "vs", "Mt", "Ft", "Rev", "Adm",
		"Cmdr", "Gens", "Sens", "Reps", "Messrs", "Pres", "Amb", "Brig", "Cpl", "Pvt", "Supt", "approx", "est", "cf", "etc"} {
		abbrevs[w] = struct{}{}
	}
}
