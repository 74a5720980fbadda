package events

import (
	"slices"
	"strings"
	"unicode"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/doc"
	"github.com/diplograph/diplograph/loader/text"
)

// speechVerb marks the speaker of a sentence: "Lavrov stated", "Moscow said".
var speechVerb = text.NewCues("said|says|stated|told|announced|declared|added|noted|stressed|warned|recalled that|reminded|pointed out|emphasised|emphasized|underlined|underscored")

// firstPersonIn returns the author when [start, end) speaks in the first
// person singular in an article whose author is known: "I" or "me"
// anywhere ("I will visit", "met me"), "my" only as the possessor of the
// event noun at token trig ("my meetings with …"), not of another noun ("a
// meeting with my colleague", whom the author does not meet).
func (x rules) firstPersonIn(start, end, trig int) string {
	if x.Author == "" {
		return ""
	}
	for j := x.Toks.At(start); j < len(x.Toks) && x.Toks[j].Start < end; j++ {
		t := x.Toks[j]
		if x.Quoted(t.Start) {
			continue
		}
		if t.Text == "I" || t.Key == "me" || t.Key == "my" && j < trig && j >= trig-3 && x.TokSent[j] == x.TokSent[trig] {
			return x.Author
		}
	}
	return ""
}

// pronounSubject resolves "he" or "she" before a trigger, in [start, trig),
// to the person the story is about at that point: the first person named
// before the pronoun in its sentence ("Senator Evans will go to Beijing,
// where he will undertake … discussions"), else in the nearest earlier
// sentence that names one outside quotes. It returns "" when there is no
// pronoun or no such person.
func (x rules) pronounSubject(start, trig int) string {
	at := -1
	for _, t := range x.Toks[x.Toks.At(start):] {
		if t.Start >= trig {
			break
		}
		if (t.Key == "he" || t.Key == "she") && !x.Quoted(t.Start) && !x.Toks.CueIn(speechVerb, t.End, min(trig, t.End+10)) {
			// "He said a memorandum … signed last autumn": the speaker
			// is not the subject of what he reports.
			at = t.Start
			break
		}
	}
	if at < 0 {
		return ""
	}
	sent := x.SentenceAt(trig)
	for s := sent; s >= 0 && s >= sent-3; s-- {
		sp := x.Sents[s]
		end := sp.End
		if s == sent {
			end = at
		}
		for _, m := range x.MentionsIn(sp.Start, end) {
			if x.Ents[m.ID].Kind == kg.Person && !x.Quoted(m.Start) {
				return m.ID
			}
		}
	}
	return ""
}

// agentsAfter returns the actors of "statement by Abe", "signed by
// Secretary of State George Shultz and Foreign Minister Vahit Halefoglu":
// the person, state or organization right after "by", and those joined
// to it by "and" or a comma.
func (x rules) agentsAfter(trig, end int) []string {
	rest := x.Text[trig:end]
	i := strings.Index(rest, " by ")
	if i < 0 || i > 3 {
		return nil
	}
	var out []string
	at := trig + i + 4
	for _, m := range x.MentionsIn(at, end) {
		if m.Start < at {
			continue
		}
		gap := strings.TrimSpace(x.Text[at:m.Start])
		if len(out) == 0 && len(gap) > 20 || len(out) > 0 && !joinsNames(gap) {
			break
		}
		if k := x.Ents[m.ID].Kind; !m.Place && (k == kg.Person || k == kg.State || k == kg.Organization) {
			if !slices.Contains(out, m.ID) {
				out = append(out, m.ID)
			}
			at = m.End
		}
	}
	return out
}

// joinsNames reports whether the text between two names coordinates them
// ("and", ", ", "and Foreign Minister"): a conjunction, then at most a title.
func joinsNames(gap string) bool {
	rest := strings.TrimSpace(strings.TrimPrefix(gap, ","))
	joined := rest != gap || strings.HasPrefix(rest, "and ") || rest == "and"
	rest = strings.TrimSpace(strings.TrimPrefix(rest+" ", "and "))
	rest = strings.TrimSpace(strings.TrimPrefix(rest+" ", "the "))
	// What is left may be a title: "and Foreign Minister".
	return joined && len(rest) <= 40 && (rest == "" || unicode.IsUpper(text.FirstRune(rest)))
}

// partnerCue reports whether the trigger ending at off is followed by a
// word that introduces its partners: "talks with", "meeting between".
func (x rules) partnerCue(off int) bool {
	rest := strings.ToLower(strings.TrimSpace(x.Text[off:min(len(x.Text), off+10)]))
	return strings.HasPrefix(rest, "with ") || strings.HasPrefix(rest, "between ") || strings.HasPrefix(rest, "among ")
}

// joinsOrganization reports whether an international organization (NATO,
// the EU, the UN) is named in [start, end), which makes "join" or "admit"
// an accession.
func (x rules) joinsOrganization(start, end int) bool {
	for _, m := range x.MentionsIn(start, end) {
		if e := x.Ents[m.ID]; e.Kind == kg.Organization {
			if o := x.Lex.Orgs[e.Name]; o != nil && o.Type == "international" {
				return true
			}
		}
	}
	return false
}

// treatyIn reports whether a treaty is mentioned in [start, end).
func (x rules) treatyIn(start, end int) bool {
	return slices.ContainsFunc(x.MentionsIn(start, end), func(m doc.Mention) bool { return x.Ents[m.ID].Kind == kg.Treaty })
}

// possessorOf returns the possessive mention right before byte off ("Shinzo
// Abe's visit").
func (x rules) possessorOf(off int) *doc.Mention {
	for i := range x.Mentions {
		m := &x.Mentions[i]
		if m.Possessive && off > m.End && off-m.End <= len("’s ") && !m.Place {
			if k := x.Ents[m.ID].Kind; k == kg.Person || k == kg.State || k == kg.Organization {
				return m
			}
		}
	}
	return nil
}

// speaker returns the person (or state) right before a speech verb in the
// sentence: "Lavrov stated", "Moscow said".
func (x rules) speaker(sp text.Span) string {
	for _, loc := range x.Toks.CuesIn(speechVerb, sp.Start, sp.End) {
		at := loc.Start
		var best *doc.Mention
		for i := range x.Mentions {
			m := &x.Mentions[i]
			if m.End <= at && at-m.End <= 3 && !m.Place {
				best = m
			}
		}
		if best != nil && !x.afterPreposition(best.Start) {
			// "The Iraqi ambassador to Venezuela said": not Venezuela.
			if k := x.Ents[best.ID].Kind; k == kg.Person || k == kg.State || k == kg.Organization {
				return best.ID
			}
		}
	}
	return ""
}

// coSpeakers returns the speaker of sentence sp with the people, states
// and bodies joined to it before the speech verb: "Chirac and Reagan
// said", "Yeltsin, Kuchma and their ministers said".
func (x rules) coSpeakers(sp text.Span, speaker string) []string {
	out := []string{speaker}
	var at *doc.Mention
	for i := range x.Mentions {
		if m := &x.Mentions[i]; m.ID == speaker && m.Start >= sp.Start && m.End <= sp.End && x.Toks.CueIn(speechVerb, m.End, min(sp.End, m.End+12)) {
			at = m
		}
	}
	if at == nil {
		return out
	}
	ms := x.MentionsIn(sp.Start, at.Start)
	next := at.Start
	for k := len(ms) - 1; k >= 0; k-- {
		m := ms[k]
		if kd := x.Ents[m.ID].Kind; m.Place || kd != kg.Person && kd != kg.State && kd != kg.Organization || m.End > next {
			continue
		}
		gap := x.Text[m.End:next]
		if !joinsNames(gap) || len(out) == 1 && !slices.Contains(text.LowerWords(gap), "and") {
			break // a list ends in "and": "after the meeting with Kono, Lavrov stated" is no list
		}
		out = append([]string{m.ID}, out...)
		next = m.Start
	}
	return slices.Compact(out)
}

// actorsIn returns the ids of entities of the given kinds named (not as
// places) in [start, end), each once.
func (x rules) actorsIn(start, end int, kinds ...kg.Kind) []string {
	var out []string
	for _, m := range x.MentionsIn(start, end) {
		if m.Place || !slices.Contains(kinds, x.Ents[m.ID].Kind) || slices.Contains(out, m.ID) {
			continue
		}
		out = append(out, m.ID)
	}
	return out
}

// audienceNouns are what one addresses when one gives a speech.
var audienceNouns = map[string]bool{
	"session": true, "meeting": true, "conference": true, "assembly": true, "parliament": true, "congress": true,
	"seminar": true, "seminars": true, "audience": true, "rally": true, "forum": true, "summit": true, "convention": true,
	"society": true, "council": true, "committee": true, "nation": true, "students": true, "gathering": true,
	"dinner": true, "luncheon": true, "symposium": true, "ceremony": true, "legislature": true, "senate": true,
	"house": true, "chamber": true, "institute": true, "club": true, "crowd": true, "delegates": true, "opening": true,
}

// audienceAfter reports whether the words from token i on name an
// audience within a few words: a body of the gazetteer or a person, or a
// noun such as "session" or "seminar".
func (x rules) audienceAfter(i int) bool {
	for j := i; j < min(len(x.Toks), i+4); j++ {
		if audienceNouns[x.Toks[j].Key] {
			return true
		}
		for _, m := range x.MentionsAt(x.Toks[j].Start) {
			if k := x.Ents[m.ID].Kind; k == kg.Organization || k == kg.Person || k == kg.State {
				return true
			}
		}
	}
	return false
}

// inName reports whether byte off lies inside a mention of an entity of
// kind k.
func (x rules) inName(off int, k kg.Kind) bool {
	for _, m := range x.Mentions {
		if m.Start <= off && off < m.End && x.Ents[m.ID].Kind == k {
			return true
		}
	}
	return false
}

// verbal reports whether the trigger at token i is used as a verb: after
// "to", a modal, a pronoun or "and", or in a past tense.
func (x rules) verbal(i int) bool {
	if i == 0 || x.TokSent[i-1] != x.TokSent[i] {
		return false
	}
	switch x.Toks[i-1].Key {
	case "to", "will", "shall", "would", "could", "can", "may", "might", "must", "and", "also", "then",
		"i", "we", "he", "she", "they", "be", "not", "ll":
		return true
	case "before", "after", "while", "by", "when", "since":
		return strings.HasSuffix(x.Toks[i].Key, "ing") // "before meeting with …"
	}
	switch x.Toks[i].Key {
	case "met", "visited", "arrived", "left", "travelled", "traveled", "phoned", "telephoned", "signed",
		"announced", "declared", "attacked", "invaded", "asserted", "meets", "concluded", "agreed":
		return true
	}
	return false
}

// subjectBefore reports whether [start, end) names someone who could be
// the subject of a verb at end: a person, state or organization not used
// as a place, or a personal pronoun.
func (x rules) subjectBefore(start, end int) bool {
	for _, m := range x.MentionsIn(start, end) {
		if k := x.Ents[m.ID].Kind; !m.Place && (k == kg.Person || k == kg.State || k == kg.Organization) {
			return true
		}
	}
	for _, t := range x.Toks[x.Toks.At(start):] {
		if t.Start >= end {
			break
		}
		switch t.Key {
		case "i", "we", "he", "she", "they", "it", "who":
			return true
		}
	}
	return false
}

// destination reports whether the place named at byte off is where a
// visit goes: right after "to", "in" or "for" ("visit to Rome", "arrived
// in Moscow", "left for Tokyo"), not "from".
func (x rules) destination(off int) bool {
	before := strings.ToLower(strings.TrimRight(x.Text[max(0, off-5):off], " "))
	return strings.HasSuffix(before, " to") || strings.HasSuffix(before, " in") || strings.HasSuffix(before, " for")
}

// determiner returns the article or demonstrative that opens the noun
// phrase whose head is the token at i ("the talks", "a recent statement",
// "this year's annual meeting"), or "" when there is none within three
// words.
func (x rules) determiner(i int) string {
	for j := i - 1; j >= 0 && j >= i-3 && x.TokSent[j] == x.TokSent[i]; j-- {
		t := x.Toks[j]
		switch t.Key {
		case "the", "this", "that", "a", "an", "these", "those":
			return t.Key
		}
		if t.Upper() && j < i-1 || text.IsFunctionWord(t.Key) || x.Toks[j+1].Sep != " " {
			return ""
		}
	}
	return ""
}

// speaksBefore reports whether the person id is the subject of a speech
// verb ("Matsuda said") before byte off in off's sentence.
func (x rules) speaksBefore(id string, off int) bool {
	sp := x.Sents[x.SentenceAt(off)]
	for _, m := range x.MentionsIn(sp.Start, off) {
		if m.ID != id {
			continue
		}
		if locs := x.Toks.CuesIn(speechVerb, m.End, off); len(locs) > 0 && locs[0].Start-m.End <= 12 {
			return true
		}
	}
	return false
}

// pluralNouns are the heads of "the two leaders", "both sides"; those of
// statesNouns refer to states.
var (
	pluralNouns = map[string]bool{
		"leaders": true, "sides": true, "men": true, "ministers": true, "presidents": true, "delegations": true, "parties": true,
		"countries": true, "nations": true, "governments": true, "powers": true, "states": true,
	}
	stateNouns  = map[string]bool{"countries": true, "nations": true, "governments": true, "powers": true, "states": true}
	personNouns = map[string]bool{"leaders": true, "men": true, "ministers": true, "presidents": true}
	// groupNumbers count the members of a group the story has named: "the
	// two leaders", "the three countries' leaders".
	groupNumbers = map[string]bool{"two": true, "three": true, "four": true, "five": true}
)

// pluralAnaphor returns the participants of the last event mention in ms
// with two or more of them when the subject of the trigger at token trig,
// or its partner after "between" or "with", refers back to a pair: "the
// two leaders", "both sides", "The two concluded". For "the two nations"
// it returns their states.
func (x rules) pluralAnaphor(start, end, trig int, ms []*eventMention) []string {
	noun := ""
	for i := x.Toks.At(start); i+1 < len(x.Toks) && x.Toks[i].Start < end; i++ {
		t := x.Toks[i]
		pair := groupNumbers[t.Key] && i > 0 && x.Toks[i-1].Key == "the" || t.Key == "both"
		definite := t.Key == "the" && i+1 < trig && personNouns[x.Toks[i+1].Key] && (i == x.Toks.At(start) || i > 0 && x.TokSent[i-1] != x.TokSent[i] || x.Toks[i-1].Key == "and")
		if definite {
			// "the ministers will hold a joint press conference": a
			// plural subject the story has named.
			noun = x.Toks[i+1].Key
			break
		}
		if !pair {
			continue
		}
		next := x.Toks[i+1].Key
		if i+2 < len(x.Toks) && personNouns[x.Toks[i+2].Key] && (x.Toks[i+1].Possessive || strings.ContainsAny(x.Toks[i+2].Sep, "'’")) {
			next = x.Toks[i+2].Key // "the three countries' leaders"
		}
		switch {
		case i+1 == trig && groupNumbers[t.Key]:
			noun = "two" // "The two concluded"
		case pluralNouns[next] && (i < trig || x.Toks[i-1].Key == "between" || i > 1 && x.Toks[i-2].Key == "between" || x.Toks[i-1].Key == "with"):
			noun = next
		}
		if noun != "" {
			break
		}
	}
	if noun == "" {
		return nil
	}
	for i := len(ms) - 1; i >= 0; i-- {
		if len(ms[i].participants) < 2 {
			continue
		}
		if personNouns[noun] {
			// "the two presidents", "both leaders": people, not the
			// states of the last event of two states.
			people := slices.DeleteFunc(slices.Clone(ms[i].participants), func(id string) bool { return x.Ents[id].Kind != kg.Person })
			if len(people) < 2 {
				continue
			}
			return people
		}
		if stateNouns[noun] {
			st := slices.DeleteFunc(x.statesOf(ms[i].participants), func(id string) bool { return x.Ents[id] == nil })
			if len(st) >= 2 {
				return st
			}
		}
		return slices.Clone(ms[i].participants)
	}
	return nil
}

// partiesOf returns the states and organizations party to a treaty, in
// the order of their ids.
func (x rules) partiesOf(treaty string) []string {
	var out []string
	for _, e := range x.Edges {
		if e.Type == kg.PartyTo && e.To == treaty {
			out = append(out, e.From)
		}
	}
	slices.Sort(out)
	return out
}

// statesOf returns the ids of the distinct states among ids: states
// themselves and the states people act for, which the article may not
// name (and the extraction then holds no entity for).
func (x rules) statesOf(ids []string) []string {
	var out []string
	for _, id := range ids {
		st := ""
		switch {
		case x.Ents[id].Kind == kg.State:
			st = id
		case x.PersonState[id] != "":
			st = kg.EntityID(kg.State, x.PersonState[id])
		}
		if st != "" && !slices.Contains(out, st) {
			out = append(out, st)
		}
	}
	return out
}

// stateAfter reports whether a state is named at token i or right after
// an article: "added the Federal Republic of Germany".
func (x rules) stateAfter(i int) bool {
	if i < len(x.Toks) && x.Toks[i].Key == "the" {
		i++
	}
	if i >= len(x.Toks) || i == 0 || x.TokSent[i] != x.TokSent[i-1] {
		return false // the next sentence's subject is not the object
	}
	for _, m := range x.MentionsAt(x.Toks[i].Start) {
		if x.Ents[m.ID].Kind == kg.State && !m.Place {
			return true
		}
	}
	return false
}

// internationalIn returns the international organizations named in
// [start, end).
func (x rules) internationalIn(start, end int) []string {
	var out []string
	for _, id := range x.actorsIn(start, end, kg.Organization) {
		if o := x.Lex.Orgs[x.Ents[id].Name]; o != nil && o.Type == "international" {
			out = append(out, id)
		}
	}
	return out
}

// protagonist returns the person an article is about: the author of a
// release, else the first person its headline names.
func (x rules) protagonist() string {
	if x.Author != "" {
		return x.Author
	}
	for _, m := range x.MentionsIn(0, x.BodyStart) {
		if x.Ents[m.ID].Kind == kg.Person {
			return m.ID
		}
	}
	return ""
}

// officeWords name people by their office: "met the president".
var officeWords = map[string]bool{
	"president": true, "minister": true, "leader": true, "leaders": true, "king": true, "queen": true, "prime": true,
	"secretary": true, "ambassador": true, "officials": true, "delegation": true, "counterpart": true, "envoy": true,
	"chancellor": true, "premier": true, "foreign": true, "pope": true, "emperor": true, "governor": true,
}

// actor reports whether m names someone who can act: a person, state or
// organization, not a place.
func (x rules) actor(m doc.Mention) bool {
	k := x.Ents[m.ID].Kind
	return !m.Place && (k == kg.Person || k == kg.State || k == kg.Organization)
}

// actorWithin reports whether one of the n tokens from i on names an
// actor: a person, state or organization, or an office.
func (x rules) actorWithin(i, n int) bool {
	for j := i; j < min(len(x.Toks), i+n); j++ {
		if officeWords[x.Toks[j].Key] {
			return true
		}
		if slices.ContainsFunc(x.MentionsAt(x.Toks[j].Start), x.actor) {
			return true
		}
	}
	return false
}

// visitorOf reports whether state is the state one of the people in ids
// acts for: a minister "returning to London" does not visit Britain.
func (x rules) visitorOf(ids []string, state string) bool {
	for _, id := range ids {
		if x.PersonState[id] == state {
			return true
		}
	}
	return false
}

// attackSides returns who attacks and who is attacked in the trigger
// [trigStart, trigEnd): the last actor named before it in its clause and
// the first named after it, in [start, end).
func (x rules) attackSides(start, end, trigStart, trigEnd int) []string {
	lead := x.Text[start:trigStart]
	if i := strings.LastIndexAny(lead, ",;"); i >= 0 {
		start += i + 1
	}
	var by, on string
	for _, m := range x.MentionsIn(start, end) {
		if k := x.Ents[m.ID].Kind; m.Place || k != kg.Person && k != kg.State && k != kg.Organization {
			continue
		}
		if m.End <= trigStart {
			by = m.ID
		} else if m.Start >= trigEnd && on == "" {
			on = m.ID
		}
	}
	var out []string
	for _, id := range []string{by, on} {
		if id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	if by == "" {
		return nil // the attacker unnamed: no event to record
	}
	return out
}

// possessivePronoun resolves "his" or "her" opening the noun phrase whose
// head is the token at i ("his visit", "her first trip") to the person
// its sentence names first, who is most often its subject ("Chirac is
// expected to canvass support for the idea, first proposed by … Francois
// Guillaume, during his two-day visit"), else to the first person named
// in the nearest of the three sentences before.
func (x rules) possessivePronoun(i int) string {
	at := -1
	for j := i - 1; j >= 0 && j >= i-3 && x.TokSent[j] == x.TokSent[i]; j-- {
		if k := x.Toks[j].Key; k == "his" || k == "her" {
			at = j
			break
		}
		if text.IsDeterminer(x.Toks[j].Key) {
			return ""
		}
	}
	if at < 0 || x.Quoted(x.Toks[at].Start) {
		return ""
	}
	sent := x.TokSent[at]
	for s := sent; s >= 0 && s >= sent-3; s-- {
		sp := x.Sents[s]
		end := sp.End
		if s == sent {
			end = x.Toks[at].Start
		}
		for _, m := range x.MentionsIn(sp.Start, end) {
			if x.Ents[m.ID].Kind == kg.Person && !x.Quoted(m.Start) {
				return m.ID
			}
		}
	}
	return ""
}
