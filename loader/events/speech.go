package events

import (
	"regexp"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/doc"
	"github.com/diplograph/diplograph/loader/lexicon"
	"github.com/diplograph/diplograph/loader/text"
)

// This file holds the rules of public speech in news: a named speaker's
// statement is an event of the story even when the sentence gives no
// date of its own ("El-Sisi emphasised the importance of …", "EU foreign
// policy chief Josep Borrell said …", "the Special Coordinator who
// received …"), dated by the story around it.

// speakerOf returns the person or body that speaks with the verb
// [start, end): the name right before it ("Borrell said", "Mr. Stoltenberg
// noted"), or before an apposition or an adverb ("Cho, the minister,
// said", "El-Sisi also praised"), or right after it when the verb follows
// what was said (", said Sugiyama"). It returns "" when the verb has no
// named speaker: "officials said", "he said".
func (x rules) speakerOf(start, end int) string {
	sent := x.SentenceAt(start)
	sp := x.Sents[sent]
	var best *doc.Mention
	for _, m := range x.MentionsIn(sp.Start, start) {
		if m.End > start || !x.actor(m) || x.Quoted(m.Start) {
			continue
		}
		gap := x.Text[m.End:start]
		if x.speakerGap(gap) && !x.afterPreposition(m.Start) && !x.Toks.CueIn(speechVerb, m.End, start) &&
			!(hasSpokesWord(gap) && x.demonymMention(m)) {
			// An office's spokesperson speaks for it ("a Downing Street
			// spokesperson"); a nationality's does not name one ("an
			// Israeli spokesman").
			mm := m
			best = &mm
		}
	}
	if best != nil {
		return best.ID
	}
	// ", said Sugiyama", "said the Special Coordinator …": after a quote
	// or a comma, the speaker follows the verb.
	lead := strings.TrimSpace(x.Text[sp.Start:start])
	if lead == "" || strings.HasSuffix(lead, ",") || strings.HasSuffix(lead, "”") || strings.HasSuffix(lead, "\"") {
		for _, m := range x.MentionsIn(end, min(sp.End, end+60)) {
			if x.actor(m) && x.speakerGap(x.Text[end:m.Start]) {
				return m.ID
			}
			break
		}
	}
	return ""
}

// speakerGap reports whether the text between a name and its speech verb
// keeps the name the verb's subject: nothing, an adverb ("also",
// "repeatedly"), a title ("the Premier"), or an apposition between commas
// ("Cho, the South Korean minister, said").
func (x rules) speakerGap(gap string) bool {
	g := strings.TrimSpace(gap)
	if g == "" {
		return true
	}
	if len(g) >= 2 && strings.HasPrefix(g, ",") && strings.HasSuffix(g, ",") && len(g) <= 80 && !strings.ContainsAny(g[1:len(g)-1], ",;.\"“”") {
		return true
	}
	words := text.LowerWords(g)
	if len(words) > 3 {
		return false
	}
	for _, w := range words {
		if spokesWords[w] {
			// "A Downing Street spokesperson said": the office speaks
			// through its spokesperson.
			continue
		}
		if !sentenceAdverbs[w] && !strings.HasSuffix(w, "ly") && w != "has" && w != "have" && w != "had" && w != "on" && !weekdays[w] && w != "today" && w != "yesterday" {
			return false
		}
	}
	return true
}

// spokesWords name the one who speaks for an office: "a Downing Street
// spokesperson", "a Foreign Ministry spokesman".
var spokesWords = map[string]bool{
	"spokesperson": true, "spokesman": true, "spokeswoman": true, "spokespeople": true, "spokespersons": true,
}

// hasSpokesWord reports whether gap holds one of spokesWords.
func hasSpokesWord(gap string) bool {
	return slices.ContainsFunc(text.LowerWords(gap), func(w string) bool { return spokesWords[w] })
}

// demonymMention reports whether mention m is a state's adjective
// ("Israeli", "Japanese") rather than a name.
func (x rules) demonymMention(m doc.Mention) bool {
	i := x.Toks.At(m.Start)
	if i < 0 || i >= len(x.Toks) {
		return false
	}
	match, ok := x.Lex.Longest(x.Toks, i)
	return ok && slices.ContainsFunc(match.Refs, func(r lexicon.Ref) bool { return r.Kind == lexicon.Demonym })
}

// weekdays may stand between a speaker and the verb: "Albright on Tuesday
// said".
var weekdays = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
}

// publicRoles are words of the offices whose holders speak for a state or
// an international body: "Foreign Minister", "Secretary General",
// "Spokesperson", "Special Coordinator".
var publicRoles = regexp.MustCompile(`(?i)minister|secretary|spokes|ambassador|envoy|senator|chancellor|premier|prime|king|queen|emir|sultan|coordinator|representative|commissioner|diplomat|president|chief of staff|adviser|advisor|high representative`)

// governmentBody matches the names of the bodies of states and
// international organizations: ministries, departments, offices,
// embassies, councils.
var governmentBody = regexp.MustCompile(`(?i)\b(ministry|department|office|embassy|government|council|commission|secretariat|presidency|kremlin|white house|agency|mission|parliament|assembly|senate|congress|cabinet|spokesperson)\b`)

// publicSpeaker reports whether id speaks for a state or a body of states,
// whose statements are diplomatic news: a state, an international or
// state body, or a person who acts for a state or holds a public office.
// A company and its chairman speak in business news ("Aceto Corp said").
func (x rules) publicSpeaker(id string) bool {
	e := x.Ents[id]
	switch e.Kind {
	case kg.State:
		return true
	case kg.Organization:
		if o := x.Lex.Orgs[e.Name]; o != nil {
			return o.Type != "company" && o.Type != "news"
		}
		if governmentBody.MatchString(e.Name) {
			return true
		}
		return x.politicalActor(e.Name)
	case kg.Person:
		if x.PersonState[id] != "" && !businessRoles.MatchString(x.PersonRole[id]) {
			return true
		}
		if r := x.PersonRole[id]; r != "" && publicRoles.MatchString(r) && !businessRoles.MatchString(r) {
			return true
		}
		return x.politicalActor(e.Name)
	}
	return false
}

// businessRoles are the offices of companies.
var businessRoles = regexp.MustCompile(`(?i)chairman|chief executive|executive|director|vice president|treasurer|analyst|economist|manager|officer`)

// politicalActor reports whether the PETRARCH2 actor tables code a name
// as acting for a government, an international body or another
// political actor, not for a business (MNC…, BUS…).
func (x rules) politicalActor(name string) bool {
	for _, a := range x.Lex.Gaz.ActorsNamed(name) {
		for _, c := range a.Codes {
			if !strings.HasPrefix(c.Code, "MNC") && !strings.Contains(c.Code, "BUS") {
				return true
			}
		}
	}
	return false
}

// vagueTime reports whether the clause of the verb at [start, end) is set
// at a time no calendar places: "Putin himself said earlier that …",
// "Matsuda said recently …". Such a statement has no date to report.
func (x rules) vagueTime(start, end int) bool {
	sp := x.Sents[x.SentenceAt(start)]
	for _, t := range x.Timexes {
		if t.Start < sp.Start || t.End > sp.End || !t.Date.IsZero() {
			continue
		}
		if t.End <= start && start-t.End <= 20 || t.Start >= end && t.Start-end <= 12 {
			return true
		}
	}
	return false
}

// speechDates dates the statements of news that their sentence left
// undated (eventMention.speech) by the story around them: the date of the
// last event other than speech reported before them in the story's
// present, to the day ("El-Sisi
// welcomed … Lourenço to Cairo on Tuesday. El-Sisi emphasised …"), else
// the day of the lede.
func (x rules) speechDates(ms []*eventMention) {
	lede := x.ledeDate()
	for k, m := range ms {
		if !m.speech || !m.date.IsZero() {
			continue
		}
		m.date, m.inherited = lede, true
		for j := k - 1; j >= 0; j-- {
			d := ms[j]
			if d.date.IsZero() || d.sent > m.sent || d.typ == kg.Statement || !x.newsTime(d.date) || d.date.Precision() != kg.PrecisionDay {
				continue
			}
			if d.status == kg.Planned && d.date.First().After(x.Published.Last()) {
				continue
			}
			m.date = d.date
			break
		}
		m.status = kg.Occurred
		if x.futureModal(x.Toks.At(m.start)) {
			m.status = kg.Planned
		}
	}
}

// pairSubject reports whether the clause before off opens with a pair
// the story has named: "The two leaders also discussed …", "Both sides
// agreed …".
func (x rules) pairSubject(start, off int) bool {
	words := text.LowerWords(x.Text[start:off])
	for i, w := range words {
		if i > 3 {
			break
		}
		if (w == "two" || w == "both") && i+1 < len(words) && pluralNouns[strings.Trim(words[i+1], ",")] {
			return true
		}
	}
	return false
}

// passiveVerb reports whether the verb at token i is a passive participle
// with no agent: "is expected to be signed", "have been signed", not
// "signed by …".
func (x rules) passiveVerb(i int) bool {
	if i+1 < len(x.Toks) && x.TokSent[i+1] == x.TokSent[i] && x.Toks[i+1].Key == "by" {
		return false
	}
	for j := i - 1; j >= 0 && j >= i-2 && x.TokSent[j] == x.TokSent[i]; j-- {
		switch x.Toks[j].Key {
		case "be", "been", "being", "is", "are", "was", "were":
			return true
		}
	}
	return false
}

// donePassive reports whether the verb at token i is a passive in the
// present perfect, an act just completed: "have been signed", not "was
// signed in 1960" (history the speaker recalls), "will be signed" or "are
// to be signed".
func (x rules) donePassive(i int) bool {
	if i < 2 || x.TokSent[i-2] != x.TokSent[i] || x.Toks[i-1].Key != "been" {
		return false
	}
	k := x.Toks[i-2].Key
	return k == "has" || k == "have"
}

// storyStates returns the states of the last event mention in ms up to
// sentence s that has two or more: the sides of the story's current
// meeting, visit or call, or of its headline ("Russian-Uzbekistani
// talks").
func (x rules) storyStates(ms []*eventMention, s int) []string {
	for k := len(ms) - 1; k >= 0; k-- {
		m := ms[k]
		if st := slices.DeleteFunc(x.statesOf(m.participants), func(id string) bool { return x.Ents[id] == nil }); len(st) >= 2 {
			return st
		}
	}
	// No event of two states yet: the two states the headline names, if
	// it names two ("Egypt and Angola strengthen bilateral ties").
	var head []string
	for _, m := range x.MentionsIn(0, x.BodyStart) {
		if e := x.Ents[m.ID]; e != nil && e.Kind == kg.State && !m.Place && !slices.Contains(head, m.ID) {
			head = append(head, m.ID)
		}
	}
	if len(head) == 2 {
		return head
	}
	return nil
}

// perfect reports whether the verb at token i is in the present perfect
// ("has expressed", "have said"): what someone has said over time, the
// story's background rather than its news.
func (x rules) perfect(i int) bool {
	for j := i - 1; j >= 0 && j >= i-2 && x.TokSent[j] == x.TokSent[i]; j-- {
		switch k := x.Toks[j].Key; {
		case k == "has" || k == "have":
			return true
		case !sentenceAdverbs[k] && !strings.HasSuffix(k, "ly"):
			return false
		}
	}
	return false
}

// groupSubject reports whether the verb at token i has a plural group as
// its subject, right before it: "The leaders also noted", "both sides
// stressed", "the two presidents said".
func (x rules) groupSubject(i int) bool {
	for j := i - 1; j >= 1 && j >= i-3 && x.TokSent[j] == x.TokSent[i]; j-- {
		k := x.Toks[j].Key
		if pluralNouns[k] {
			p := x.Toks[j-1].Key
			return p == "the" || p == "both" || groupNumbers[p]
		}
		if !sentenceAdverbs[k] && !strings.HasSuffix(k, "ly") {
			return false
		}
	}
	return false
}

// sentenceSubject returns the person who opens sentence sp as its subject,
// before byte off: a person named among its first words outside quotes,
// not after a preposition, and followed by a verb rather than more names ("Blinken
// tweeted …", "Secretary Blinken spoke …"). It returns "" otherwise.
func (x rules) sentenceSubject(sp text.Span, off int) string {
	for _, m := range x.MentionsIn(sp.Start, off) {
		if x.Quoted(m.Start) {
			continue
		}
		words := 0 // outside quotes: '"…," Blinken tweeted after meeting with …'
		for _, t := range x.Toks[x.Toks.At(sp.Start):x.Toks.At(m.Start)] {
			if !x.Quoted(t.Start) {
				words++
			}
		}
		if words > 4 {
			return ""
		}
		if !x.actor(m) || x.afterPreposition(m.Start) {
			continue
		}
		if x.Ents[m.ID].Kind != kg.Person {
			return ""
		}
		next := x.Toks.At(m.End)
		if next < len(x.Toks) && x.Toks[next].Start < off && !x.Toks[next].Upper() && !text.IsFunctionWord(x.Toks[next].Key) {
			return m.ID
		}
		return ""
	}
	return ""
}
