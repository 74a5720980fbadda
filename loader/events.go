package loader

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/timex"
)

// signedPaper are the documents a signing can be of besides a treaty the
// text names: "signed papers of accession", "signed the accession
// document".
var signedPaper = regexp.MustCompile(`(?i)\b(accession|instruments?|documents?|papers|deal|communiqu[eé]|memorandum|protocol|declaration|charter)\b`)

// speechVerb marks the speaker of a sentence: "Lavrov stated", "Moscow said".
var speechVerb = newCues("said|says|stated|told|announced|declared|added|noted|stressed|warned")

var (
	cancelCue = newCues("cancel/cancels/cancelled/canceled|called off|postponed|scrapped")
	failCue   = newCues("failed|collapsed|broke down|ended without")
	futureCue = newCues("will|would|shall|to visit/meet/hold/attend/travel|plan/plans/planned|preparation for|scheduled|expected|due to|upcoming|forthcoming|next")
)

// cameo gives the nearest CAMEO code (Schrodt's Conflict and Mediation
// Event Observations) of each event type; planned events are 036, "express
// intent to meet or negotiate". Summoning an envoy is coded as 114,
// "complain officially", as GDELT coders usually do.
var cameo = map[kg.EventType]string{
	kg.Meeting: "040", kg.Talks: "046", kg.Visit: "042", kg.Summit: "040", kg.Conference: "040",
	kg.Call: "041", kg.Signing: "057", kg.Statement: "010", kg.Summons: "114", kg.War: "190",
}

// eventMention is one report of an event in a sentence.
type eventMention struct {
	typ          kg.EventType
	start, end   int // the trigger
	sent         int
	participants []string // entity ids
	places       []string
	treaties     []string
	date, endD   kg.Date
	status       kg.Status
	inherited    bool     // the date came from the context, not the sentence
	ownDate      bool     // dated speech: an event only with a date of its own
	past         bool     // "a recent statement": before the story, whatever its date
	label, cameo string   // the trigger's
	hosts        []string // the states a visit goes to
	// lasted is how long the event had gone on by the time of the event
	// it is part of: "after 18 months of negotiations" (months, or 0).
	lasted int

	anaphor bool   // "the talks": refers to an event already reported
	name    string // the event's own name, for named events ("Russo-Japanese War")
}

// findEvents reads events sentence by sentence: each trigger's window runs
// from the previous trigger to the next; its participants are the people
// (or, failing them, the states and organizations) named there, its date the
// nearest temporal expression, its place a place named there. A mention
// without a date joins an earlier event of the same type that shares a
// participant ("after the meeting with Kono"); events still without a date
// or a participant are dropped, as the gold guidelines ask.
func (x *extraction) findEvents() {
	datelineEnd := 0
	if _, end, ok := timex.ParseDateline(x.text[x.bodyStart:]); ok {
		datelineEnd = x.bodyStart + end
	}
	var all []*eventMention
	tok := 0
	for si, sp := range x.sents {
		sentence := x.text[sp.Start:sp.End]
		first := tok
		for tok < len(x.toks) && x.toks[tok].Start < sp.End {
			tok++
		}
		type hit struct {
			first      int // token index
			start, end int
			t          trigger
		}
		var hits []hit
		for _, h := range x.triggersIn(first, tok) {
			switch h.t.need {
			case needSignedPaper:
				if !x.treatyIn(sp.Start, sp.End) && !signedPaper.MatchString(sentence) {
					continue
				}
			case needAmbassador:
				if !strings.Contains(strings.ToLower(sentence), "ambassador") {
					continue
				}
			case needInternational:
				if !x.joinsOrganization(sp.Start, sp.End) {
					continue // "joined" means accession only to an alliance or union
				}
			case needTreaty:
				if !x.treatyIn(sp.Start, sp.End) {
					continue
				}
			case needHead:
				if !x.headNoun(h.last) {
					continue // "bombing victims" are people
				}
			case needPredicate:
				if h.first > 0 && isDeterminer(x.toks[h.first-1].Key) || x.hypothetical(sp.Start, h.start) {
					continue
				}
			case needMember:
				if !x.joinsOrganization(sp.Start, sp.End) || !x.stateAfter(h.last+1) {
					continue // "he added" is speech
				}
			}
			if h.t.need == needAudience && !x.audienceAfter(h.last+1) {
				continue // "address a number of issues" is no speech
			}
			if x.noEvent(h) {
				continue
			}
			if x.quoted(h.start) {
				continue // reported speech tells what the speaker says, not what the article reports
			}
			if x.inName(h.start, kg.Organization) || x.inName(h.start, kg.Treaty) {
				continue // "the Conference on Disarmament" is a body, not a conference; a "Joint Declaration" a treaty
			}
			hits = append(hits, hit{h.first, h.start, h.end, h.t})
		}
		slices.SortFunc(hits, func(a, b hit) int { return cmp.Compare(a.start, b.start) })
		speaker := x.speaker(sp)
		for k, h := range hits {
			winStart, winEnd := sp.Start, sp.End
			if k > 0 {
				winStart = hits[k-1].end
			}
			if k+1 < len(hits) {
				winEnd = hits[k+1].start
			}
			em := &eventMention{typ: h.t.typ, start: h.start, end: h.end, sent: si, ownDate: h.t.ownDate, label: h.t.label, cameo: h.t.cameo}
			if h.t.nominal {
				switch x.determiner(h.first) {
				case "the", "this", "that":
					em.anaphor = true
				}
				em.past = x.pastModifier(h.first)
			}
			em.lasted = x.lastedBefore(h.first)
			owned := x.possessorOf(h.start)
			if owned != nil && h.t.nominal {
				em.anaphor = true // "Nakasone's visit": a visit the story knows
			}
			if k+1 < len(hits) {
				// A possessor right before the next trigger is that
				// event's ("in preparation for Abe's visit").
				if p := x.possessorOf(hits[k+1].start); p != nil {
					winEnd = min(winEnd, p.start)
				}
			}
			by := x.agentsAfter(h.end, winEnd)
			author := x.firstPersonIn(winStart, winEnd)
			if author == "" {
				// "I will also have a private audience with … and have
				// discussions with …", "I visited New Zealand … for talks
				// with …": the sentence's first person.
				author = x.firstPersonIn(sp.Start, winEnd)
			}
			if author == "" && x.verbal(h.first) && x.author != "" && !x.subjectBefore(sp.Start, h.start) {
				// "… and meet Prime Minister Major": a release's verb
				// without a subject is its author's.
				author = x.author
			}
			switch {
			case author != "" && (h.t.typ == kg.Visit || h.t.typ == kg.Meeting || h.t.typ == kg.Talks || h.t.typ == kg.Call || h.t.typ == kg.Conference || h.t.typ == kg.Statement):
				// "I will visit …", "my meetings with …" in a minister's
				// release: the author takes part, with those named.
				em.participants = append([]string{author}, x.actorsIn(winStart, winEnd, kg.Person, kg.Organization, kg.State)...)
				em.participants = slices.Compact(em.participants)
			case len(by) > 0:
				em.participants = by
			case h.t.typ == kg.Statement && speaker != "":
				em.participants = []string{speaker}
			case owned != nil:
				em.participants = []string{owned.id}
				em.participants = append(em.participants, x.actorsIn(h.end, winEnd, kg.Person)...)
			default:
				em.participants = x.actorsIn(winStart, winEnd, kg.Person)
				if speaker != "" && x.speaksBefore(speaker, h.start) {
					// "Matsuda said … the results of talks between the
					// two leaders": who reports an event is not in it.
					em.participants = slices.DeleteFunc(em.participants, func(id string) bool { return id == speaker })
				}
				if p := x.pronounSubject(sp.Start, h.start); p != "" && !slices.Contains(em.participants, p) && x.verbal(h.first) {
					// "She was scheduled to … meet with President Moi";
					// but in "he was optimistic about talks between …"
					// the pronoun is not the talks' subject.
					em.participants = append([]string{p}, em.participants...)
				}
				if len(em.participants) == 0 {
					// States and organizations act as subjects before the
					// trigger ("Japan and Russia held talks"), inside it
					// ("turned to the United States for assistance") or
					// as its partners right after it ("talks with Japan").
					em.participants = x.actorsIn(winStart, h.end, kg.State, kg.Organization)
					if len(em.participants) > 0 || x.partnerCue(h.end) {
						em.participants = append(em.participants, x.actorsIn(h.end, min(winEnd, h.end+40), kg.State, kg.Organization)...)
					}
				}
			}

			if h.t.label == "Attack" && h.t.need == needPredicate {
				// An attack is by the actor right before it on the one
				// right after: "the Soviets invaded Afghanistan".
				em.participants = x.attackSides(sp.Start, winEnd, h.start, h.end)
			}
			if p := x.possessivePronoun(h.first); p != "" && h.t.nominal && !slices.Contains(em.participants, p) {
				// "his visit to Washington": the person the story is on.
				em.participants = append([]string{p}, em.participants...)
			}
			if h.t.label == "Accession" {
				// The states that join and the alliance they join:
				// "admit Greece and Turkey to NATO", "added the
				// Federal Republic of Germany".
				if h.t.need == needMember {
					em.participants = append(x.actorsIn(h.end, min(winEnd, h.end+60), kg.State)[:1], x.internationalIn(sp.Start, sp.End)...)
				} else {
					em.participants = x.actorsIn(winStart, winEnd, kg.State, kg.Organization)
				}
			}
			if pair := x.pluralAnaphor(winStart, winEnd, h.first, all); pair != nil {
				// "the two leaders", "The two concluded …": those of
				// the last event reported with two or more.
				em.participants = pair
			}
			for _, m := range x.mentionsIn(winStart, winEnd) {
				if m.place && !slices.Contains(em.places, m.id) && x.venue(m.id) {
					em.places = append(em.places, m.id)
					if h.t.typ == kg.Visit && m.start > h.start && x.destination(m.start) {
						// The host of a visit takes part in it: a
						// visit to Rome is a visit to Italy.
						if st := x.placeIn[m.id].state; st != "" && !x.visitorOf(em.participants, st) {
							id := kg.EntityID(kg.State, st)
							em.participants = unionStrings(em.participants, []string{id})
							em.hosts = unionStrings(em.hosts, []string{id})
						}
					}
				}
				if x.ents[m.id].Kind == kg.Treaty && !slices.Contains(em.treaties, m.id) {
					em.treaties = append(em.treaties, m.id)
				}
			}
			if len(em.participants) == 0 && (h.t.typ == kg.Signing || h.t.typ == kg.Talks) {
				// "the signing of the North Atlantic Treaty",
				// "negotiations began for the … Treaty": its parties.
				if t := x.mainTreaty(winStart, winEnd, h.start, h.end); t != "" {
					em.participants = x.partiesOf(t)
				}
			}
			if h.t.bilateral && len(x.statesOf(em.participants)) < 2 {
				continue
			}
			treaty := x.mainTreaty(winStart, winEnd, h.start, h.end)
			em.date, em.endD = x.dateIn(winStart, winEnd, h.end, datelineEnd, treaty)
			future := x.futureModal(h.first)
			if future {
				em.date, em.endD = x.yearSlip(em.date, em.endD)
			}
			if h.t.ownDate && (em.date.IsZero() || !x.dateNear(h.start, h.end)) {
				continue
			}
			if em.date.IsZero() && h.t.need == needSignedPaper && treaty != "" {
				// A signing is dated by the treaty it signs.
				em.date = x.ents[treaty].Date
			}
			if em.date.IsZero() && si == x.ledeSentence() && !x.published.IsZero() && !x.cueIn(futureCue, sp.Start, h.start) && x.storyDated() {
				// News reports in its first sentence what happened on
				// the day of the dateline ("The United States and Turkey
				// signed …"), when the story says that it tells of that
				// day ("today's agreement").
				em.date = x.ledeDate()
			}
			em.status = x.eventStatus(winStart, winEnd, h.start, em.date)
			if future && em.status == kg.Occurred && em.date.IsZero() {
				em.status = kg.Planned
			}
			all = append(all, em)
		}
	}
	x.inheritDates(all)
	for _, m := range all {
		if m.lasted > 0 && !m.date.IsZero() && m.inherited {
			// "signed … after 18 months of negotiations": they began
			// 18 months before the signing.
			t := m.date.First().AddDate(0, -m.lasted, 0)
			m.date, m.endD = kg.Month(t.Year(), t.Month()), kg.Date{}
			if m.lasted%12 == 0 {
				m.date = kg.Year(t.Year())
			}
		}
	}
	x.findWars(&all)
	x.findRelease(&all)
	x.recordEvents(all)
}

// inheritDates dates the event mentions the text leaves undated from their
// context, in this order: the date another mention in the same sentence
// gives ("For his first trip abroad, Clinton met Yeltsin … in April
// 1993"); in an undated text such as a history essay, the time the
// narrative has reached; in news, the date of the last mention before it
// that shares a participant (the author of a release included), or, for
// the same kind of event, a participant's state: the stops of a trip
// happen during the trip, however long its description. A mention with
// none of these stays undated, and recordEvents then keeps it only as a
// further mention of an event already dated. Dated speech ("said
// Monday") neither lends its date nor, undated, takes one: it is an
// aside to the story, said when it was said.
func (x *extraction) inheritDates(ms []*eventMention) {
	var dated []*eventMention
	for _, m := range ms {
		if !m.date.IsZero() {
			if !m.inherited && m.typ != kg.Statement {
				dated = append(dated, m)
			}
			continue
		}
		if m.ownDate || m.typ == kg.Summons {
			continue
		}
		var from *eventMention
		for _, o := range ms {
			if o.sent == m.sent && !o.date.IsZero() && !o.inherited && !o.ownDate && o.typ != kg.Statement {
				// "For his first trip abroad, Clinton met Yeltsin in
				// Vancouver in April 1993": one time for the sentence.
				from = o
			}
		}
		if from == nil && x.published.IsZero() {
			// A history essay moves through time: an undated event
			// happens when the narrative has reached.
			if d := x.timeAt(m.start); !d.IsZero() {
				m.date, m.inherited = d, true
				m.status = kg.Occurred
			}
			continue
		}
		for i := len(dated) - 1; i >= 0 && from == nil; i-- {
			if sharesAny(dated[i].participants, m.participants) ||
				dated[i].typ == m.typ && sharesAny(x.withStates(dated[i].participants), x.withStates(m.participants)) {
				from = dated[i]
				break
			}
		}
		if from != nil && m.past && !x.published.IsZero() && from.date.First().After(x.published.Last()) {
			from = nil // "a recent statement by Abe" is not his visit next week
		}
		switch {
		case from != nil:
			m.date, m.endD, m.inherited = from.date, from.endD, true
			if m.status == "" || m.status == kg.Occurred {
				m.status = from.status
			}
			if m.typ != kg.Statement {
				dated = append(dated, m) // its people's later mentions follow it
			}
		case x.published.IsZero():
			if d := x.timeAt(m.start); !d.IsZero() {
				m.date, m.inherited = d, true
				m.status = kg.Occurred
			}
		}
	}
}

// sharesAny reports whether a and b have an element in common.
func sharesAny(a, b []string) bool {
	return slices.ContainsFunc(a, func(s string) bool { return slices.Contains(b, s) })
}

// firstPersonIn returns the author when [start, end) speaks in the first
// person singular ("I will visit", "my meetings") in an article whose
// author is known.
func (x *extraction) firstPersonIn(start, end int) string {
	if x.author == "" {
		return ""
	}
	for _, t := range x.toks[x.tokenAt(start):] {
		if t.Start >= end {
			break
		}
		if (t.Text == "I" || t.Key == "my" || t.Key == "me") && !x.quoted(t.Start) {
			return x.author
		}
	}
	return ""
}

// findAuthor decides whether the article is written by one of the people
// it names: a release or statement in the first person ("I will visit")
// whose author is named before the first "I" — in its header ("MINISTER
// FOR FOREIGN AFFAIRS ALEXANDER DOWNER") or byline.
func (x *extraction) findAuthor() {
	firstI := -1
	for _, t := range x.toks {
		if t.Text == "I" && !x.quoted(t.Start) && t.Start >= x.bodyStart {
			firstI = t.Start
			break
		}
	}
	if firstI < 0 {
		return
	}
	for _, m := range x.mentionsIn(0, firstI) {
		if x.ents[m.id].Kind == kg.Person {
			x.author = m.id
			return
		}
	}
}

// dateNear reports whether a temporal expression with a date lies within
// a few words of the trigger [start, end): "said Tuesday", "on Monday told".
func (x *extraction) dateNear(start, end int) bool {
	for _, t := range x.timexes {
		if t.Date.IsZero() || x.quoted(t.Start) {
			continue
		}
		if t.Start >= end && t.Start-end <= 25 {
			return true
		}
		if t.End <= start && start-t.End <= 25 && !strings.ContainsAny(x.text[t.End:start], ",;") {
			// "Reagan on Tuesday said", but not "who leaves for Japan
			// tomorrow, told Reuters"
			return true
		}
	}
	return false
}

// releaseHeader marks a document that is itself a statement: a media or
// press release, a statement by its author.
var releaseHeader = regexp.MustCompile(`(?i)\b(media|press|news) release\b|\bstatement by\b`)

// findRelease records a release as a STATEMENT by its author on its date:
// "MEDIA RELEASE MINISTER FOR FOREIGN AFFAIRS ALEXANDER DOWNER".
func (x *extraction) findRelease(all *[]*eventMention) {
	if x.published.IsZero() {
		return
	}
	head := x.text[:min(len(x.text), x.bodyStart+300)]
	loc := releaseHeader.FindStringIndex(head)
	if loc == nil {
		return
	}
	author := x.author
	if author == "" {
		for _, m := range x.mentionsIn(loc[0], min(len(x.text), loc[1]+120)) {
			if x.ents[m.id].Kind == kg.Person {
				author = m.id
				break
			}
		}
	}
	if author == "" {
		return
	}
	*all = append(*all, &eventMention{
		typ: kg.Statement, start: loc[0], end: loc[1], sent: x.sentenceAt(loc[0]),
		participants: []string{author}, date: x.published, status: kg.Occurred,
	})
}

// combiningForms are the prefixes that name the sides of a war or an
// alliance: "Russo-Japanese", "Sino-Soviet".
var combiningForms = map[string]string{
	"russo": "Russia", "sino": "China", "franco": "France", "anglo": "United Kingdom", "austro": "Austria",
	"italo": "Italy", "greco": "Greece", "indo": "India", "turco": "Turkey", "turko": "Turkey", "serbo": "Serbia",
	"hispano": "Spain", "luso": "Portugal", "polono": "Poland", "dano": "Denmark", "nippo": "Japan", "americo": "United States",
}

// warSpan is a war named in the text: [Start, End) is "Russo-Japanese
// War", [Start, nameEnd) "Russo-Japanese".
type warSpan struct {
	span
	nameEnd int
}

// warNames finds wars by name: "the Russo-Japanese War", "the Korean War",
// "the Sino-Japanese War of 1894–95": "War" after one or more capitalized
// words joined by hyphens.
func (x *extraction) warNames() []warSpan {
	var out []warSpan
	for i := 1; i < len(x.toks); i++ {
		if x.toks[i].Text != "War" || x.toks[i].Sep != " " || !titleWord(x.toks[i-1].Text) || x.toks[i-1].Possessive {
			continue
		}
		first := i - 1
		for first > 0 && x.toks[first].Sep == "-" && titleWord(x.toks[first-1].Text) && !x.toks[first-1].Possessive {
			first--
		}
		out = append(out, warSpan{span{x.toks[first].Start, x.toks[i].End}, x.toks[i-1].End})
	}
	return out
}

// titleWord reports whether w is an ASCII capital followed by lower-case
// letters: "Russo", "Korean".
func titleWord(w string) bool {
	if len(w) < 2 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for i := 1; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// findWars makes a WAR event of every war the text names whose sides the
// name gives (Russo- Japanese → Russia and Japan, each as the state of the
// war's time) and whose date the text gives right after the name ("of
// 1904–05") or the narrative supplies.
func (x *extraction) findWars(all *[]*eventMention) {
	for _, w := range x.warNames() {
		name := x.text[w.Start:w.nameEnd]
		if name == "Cold" || name == "World" || name == "Civil" || name == "Great" {
			continue
		}
		start, end := w.Start, w.End
		var date, endD kg.Date
		for _, t := range x.timexes {
			if t.Start >= end && t.Start-end <= 5 && !t.Date.IsZero() {
				date, endD = t.Date, t.EndDate
				break
			}
		}
		if date.IsZero() {
			// A war named in passing ("distinguished himself in the
			// Mexican-American War") is not dated by the narrative.
			continue
		}
		var sides []string
		for _, part := range strings.Split(name, "-") {
			k := strings.ToLower(part)
			state := combiningForms[k]
			if state == "" {
				if st, ok := x.lex.gaz.StateOn(part, date); ok {
					state = st.Name
				}
			}
			if state == "" {
				continue
			}
			e := x.entity(kg.State, x.stateOn(state, date))
			if !slices.Contains(sides, e.ID) {
				sides = append(sides, e.ID)
			}
		}
		if len(sides) < 2 {
			continue // "the Korean War": the name alone does not say who fought
		}
		*all = append(*all, &eventMention{
			typ: kg.War, start: start, end: end, sent: x.sentenceAt(start),
			participants: sides, date: date, endD: endD, status: kg.Occurred,
			name: x.text[start:end],
		})
	}
}

// venue reports whether a place can hold an event: a city, island or
// site, not a sea or an ocean the text crosses.
func (x *extraction) venue(id string) bool {
	p, ok := x.lex.places[x.ents[id].Name]
	if !ok {
		return true
	}
	switch p.Type {
	case "sea", "ocean", "strait", "gulf", "river", "continent":
		return false
	}
	return true
}

// pronounSubject resolves "he" or "she" before a trigger, in [start, trig),
// to the person the story is about at that point: the first person named
// in the nearest earlier sentence that names one outside quotes. It
// returns "" when there is no pronoun or no such person.
func (x *extraction) pronounSubject(start, trig int) string {
	found := false
	for _, t := range x.toks[x.tokenAt(start):] {
		if t.Start >= trig {
			break
		}
		if (t.Key == "he" || t.Key == "she") && !x.quoted(t.Start) && !x.cueIn(speechVerb, t.End, min(trig, t.End+10)) {
			// "He said a memorandum … signed last autumn": the speaker
			// is not the subject of what he reports.
			found = true
			break
		}
	}
	if !found {
		return ""
	}
	sent := x.sentenceAt(trig)
	for s := sent; s >= 0 && s >= sent-3; s-- {
		sp := x.sents[s]
		end := sp.End
		if s == sent {
			end = start
		}
		for _, m := range x.mentionsIn(sp.Start, end) {
			if x.ents[m.id].Kind == kg.Person && !x.quoted(m.start) {
				return m.id
			}
		}
	}
	return ""
}

// agentsAfter returns the actors of "statement by Abe", "signed by
// Secretary of State George Shultz and Foreign Minister Vahit Halefoglu":
// the person, state or organization right after "by", and those joined
// to it by "and" or a comma.
func (x *extraction) agentsAfter(trig, end int) []string {
	rest := x.text[trig:end]
	i := strings.Index(rest, " by ")
	if i < 0 || i > 3 {
		return nil
	}
	var out []string
	at := trig + i + 4
	for _, m := range x.mentionsIn(at, end) {
		if m.start < at {
			continue
		}
		gap := strings.TrimSpace(x.text[at:m.start])
		if len(out) == 0 && len(gap) > 20 || len(out) > 0 && !joinsNames(gap) {
			break
		}
		if k := x.ents[m.id].Kind; !m.place && (k == kg.Person || k == kg.State || k == kg.Organization) {
			if !slices.Contains(out, m.id) {
				out = append(out, m.id)
			}
			at = m.end
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
	return joined && len(rest) <= 40 && (rest == "" || unicode.IsUpper(firstRune(rest)))
}

// partnerCue reports whether the trigger ending at off is followed by a
// word that introduces its partners: "talks with", "meeting between".
func (x *extraction) partnerCue(off int) bool {
	rest := strings.ToLower(strings.TrimSpace(x.text[off:min(len(x.text), off+10)]))
	return strings.HasPrefix(rest, "with ") || strings.HasPrefix(rest, "between ") || strings.HasPrefix(rest, "among ")
}

// quoted reports whether byte off lies inside quotation marks: between
// “ and ”, or between two straight quotes of one paragraph.
func (x *extraction) quoted(off int) bool {
	if x.quotes == nil {
		x.quotes = quoteSpans(x.text)
	}
	for _, q := range x.quotes {
		if q.Start <= off && off < q.End {
			return true
		}
	}
	return false
}

func quoteSpans(text string) []span {
	out := []span{}
	open := -1
	for i, r := range text {
		switch {
		case r == '“':
			open = i
		case r == '”' && open >= 0:
			out = append(out, span{open, i})
			open = -1
		}
	}
	start := 0
	for _, para := range strings.Split(text, "\n") {
		q := -1
		for i := 0; i < len(para); i++ {
			if para[i] == '"' {
				if q < 0 {
					q = i
				} else {
					out = append(out, span{start + q, start + i})
					q = -1
				}
			}
		}
		start += len(para) + 1
	}
	return out
}

// ledeSentence returns the index of the first sentence of the body (after
// the headline).
func (x *extraction) ledeSentence() int {
	s := x.sentenceAt(x.bodyStart)
	if x.datelineOnly(s) {
		return s + 1
	}
	return s
}

// datelineOnly reports whether sentence s is a dateline on a line of its
// own ("WARSAW, February 26 (Xinhua) --").
func (x *extraction) datelineOnly(s int) bool {
	sp := x.sents[s]
	if sp.End-sp.Start > 80 || s+1 >= len(x.sents) {
		return false
	}
	for _, t := range x.timexes {
		if t.Start >= sp.Start && t.End <= sp.End && !t.Date.IsZero() {
			return true
		}
	}
	return false
}

// ledeDate is the day a story's first sentence reports: its dateline's
// date when it has one ("WARSAW, February 26 –", which may be the day
// before publication), else the publication date.
func (x *extraction) ledeDate() kg.Date {
	s := x.sentenceAt(x.bodyStart)
	if sp := x.sents[s]; x.datelineOnly(s) || x.text[sp.Start:min(sp.End, sp.Start+40)] != "" {
		for _, t := range x.timexes {
			if t.Start >= sp.Start && t.End <= min(sp.End, sp.Start+40) && t.Date.Precision() == kg.PrecisionDay {
				return t.Date
			}
		}
	}
	return x.published
}

// joinsOrganization reports whether an international organization (NATO,
// the EU, the UN) is named in [start, end), which makes "join" or "admit"
// an accession.
func (x *extraction) joinsOrganization(start, end int) bool {
	for _, m := range x.mentionsIn(start, end) {
		if e := x.ents[m.id]; e.Kind == kg.Organization {
			if o := x.lex.orgs[e.Name]; o != nil && o.Type == "international" {
				return true
			}
		}
	}
	return false
}

// treatyIn reports whether a treaty is mentioned in [start, end).
func (x *extraction) treatyIn(start, end int) bool {
	return slices.ContainsFunc(x.mentionsIn(start, end), func(m mention) bool { return x.ents[m.id].Kind == kg.Treaty })
}

// possessorOf returns the possessive mention right before byte off ("Shinzo
// Abe's visit").
func (x *extraction) possessorOf(off int) *mention {
	for i := range x.mentions {
		m := &x.mentions[i]
		if m.possessive && off > m.end && off-m.end <= len("’s ") && !m.place {
			if k := x.ents[m.id].Kind; k == kg.Person || k == kg.State || k == kg.Organization {
				return m
			}
		}
	}
	return nil
}

// speaker returns the person (or state) right before a speech verb in the
// sentence: "Lavrov stated", "Moscow said".
func (x *extraction) speaker(sp span) string {
	for _, loc := range x.cuesIn(speechVerb, sp.Start, sp.End) {
		at := loc.Start
		var best *mention
		for i := range x.mentions {
			m := &x.mentions[i]
			if m.end <= at && at-m.end <= 3 && !m.place {
				best = m
			}
		}
		if best != nil && !x.afterPreposition(best.start) {
			// "The Iraqi ambassador to Venezuela said": not Venezuela.
			if k := x.ents[best.id].Kind; k == kg.Person || k == kg.State || k == kg.Organization {
				return best.id
			}
		}
	}
	return ""
}

// actorsIn returns the ids of entities of the given kinds named (not as
// places) in [start, end), each once.
func (x *extraction) actorsIn(start, end int, kinds ...kg.Kind) []string {
	var out []string
	for _, m := range x.mentionsIn(start, end) {
		if m.place || !slices.Contains(kinds, x.ents[m.id].Kind) || slices.Contains(out, m.id) {
			continue
		}
		out = append(out, m.id)
	}
	return out
}

// dateIn picks the date of the event whose trigger ends at trig: the first
// temporal expression after the trigger in the window, else the last one
// before it. Years that name a treaty ("the 1956 Declaration") or follow
// one ("the Anglo-Japanese alliance of 1902"), unless it is the event's
// own treaty, and the dateline are not event dates.
func (x *extraction) dateIn(start, end, trig, datelineEnd int, treaty string) (kg.Date, kg.Date) {
	var before, after *timex.Timex
	for i := range x.timexes {
		t := &x.timexes[i]
		if t.Start < start || t.End > end || t.Date.IsZero() || t.End <= datelineEnd || x.inTreatyName(t.Start) || x.quoted(t.Start) {
			continue
		}
		if w := lowerWords(x.text[max(start, t.Start-7):t.Start]); len(w) > 0 && (w[len(w)-1] == "since" || w[len(w)-1] == "until") {
			continue // "his first visit since June 1982" is not in June 1982
		}
		if of := x.treatyOfYear(t.Start); of != "" && of != treaty {
			continue // "… condoned the Anglo-Japanese alliance of 1902": that treaty's year
		}
		if t.Start >= trig {
			if after == nil {
				after = t
			}
		} else {
			before = t
		}
	}
	switch {
	case after != nil:
		return after.Date, after.EndDate
	case before != nil && !before.EndDate.IsZero() && x.afterCue(start, before.Start):
		// "After the Russo-Japanese War of 1904–05, … met": once the
		// range is over.
		return before.EndDate, kg.Date{}
	case before != nil:
		return before.Date, before.EndDate
	}
	return kg.Date{}, kg.Date{}
}

// treatyOfYear returns the treaty whose name a temporal expression at off
// completes: "the Ishii-Lansing Agreement of 1917".
func (x *extraction) treatyOfYear(off int) string {
	for _, m := range x.mentions {
		if m.end < off && off-m.end <= len(" of ") && x.ents[m.id].Kind == kg.Treaty && strings.TrimSpace(x.text[m.end:off]) == "of" {
			return m.id
		}
	}
	return ""
}

// mainTreaty returns the treaty an event reported at [trigStart, trigEnd)
// is about: the first named after the trigger in [start, end) ("concluded
// the Nine-Power Treaty"), else the last named before it.
func (x *extraction) mainTreaty(start, end, trigStart, trigEnd int) string {
	before, after := "", ""
	for _, m := range x.mentionsIn(start, end) {
		if x.ents[m.id].Kind != kg.Treaty {
			continue
		}
		if m.start >= trigEnd && after == "" {
			after = m.id
		}
		if m.end <= trigStart {
			if x.dated(m) {
				// "Under the Lisbon Protocol of May 1992, Russia …
				// agreed …": the dated treaty frames the sentence.
				return m.id
			}
			before = m.id
		}
	}
	if after != "" {
		return after
	}
	return before
}

// dated reports whether a treaty mention is followed by its date: "the
// Ishii-Lansing Agreement of 1917".
func (x *extraction) dated(m mention) bool {
	for _, t := range x.timexes {
		if t.Start > m.end && t.Start-m.end <= len(" of ") && strings.TrimSpace(x.text[m.end:t.Start]) == "of" {
			return true
		}
	}
	return false
}

func (x *extraction) inTreatyName(off int) bool {
	for _, m := range x.mentions {
		if m.start <= off && off < m.end && x.ents[m.id].Kind == kg.Treaty {
			return true
		}
	}
	return false
}

// eventStatus reads the status from the window: cancelled and failed
// events by their verbs, planned ones by a date after publication or a
// future cue before the trigger, the rest occurred.
func (x *extraction) eventStatus(start, end, trig int, date kg.Date) kg.Status {
	switch {
	case x.cueIn(cancelCue, start, end):
		return kg.Cancelled
	case x.cueIn(failCue, start, end):
		return kg.Failed
	case !date.IsZero() && !x.published.IsZero() && date.First().After(x.published.Last()):
		return kg.Planned
	case !date.IsZero() && !x.published.IsZero() && !date.Last().After(x.published.Last()):
		return kg.Occurred
	case x.published.IsZero():
		// A history essay tells what happened; its "would" is the past's
		// future ("agreed that they would …").
		return kg.Occurred
	case x.cueIn(futureCue, start, trig):
		return kg.Planned
	}
	return kg.Occurred
}

// recordEvents merges the mentions into events and records them.
func (x *extraction) recordEvents(ms []*eventMention) {
	type event struct {
		mentions []*eventMention
		parts    []string
		places   []string
		treaties []string
		date     kg.Date
		end      kg.Date
		status   kg.Status
		typ      kg.EventType
		label    string
		cameo    string
	}
	var events []*event
	// same reports whether m may report ev: the same kind of event, and
	// for a visit no host that ev does not have (a trip's stop in Rome is
	// the trip to Italy; "heading to Nairobi" after a visit to Tanzania is
	// another visit).
	same := func(ev *event, m *eventMention) bool {
		if ev.typ != m.typ || ev.label != m.label {
			return false
		}
		return !slices.ContainsFunc(m.hosts, func(h string) bool { return !slices.Contains(ev.parts, h) })
	}
	// The author of a release takes part in all it reports, and the
	// person a story is about in most of it; sharing them, or their
	// state, says nothing about two mentions being one event.
	hero := x.protagonist()
	heroState := ""
	if st := x.personState[hero]; st != "" {
		heroState = kg.EntityID(kg.State, st)
	}
	shares := func(a, b []string) bool {
		return slices.ContainsFunc(a, func(s string) bool {
			return s != hero && s != heroState && slices.Contains(b, s)
		})
	}
	var last *event
	for _, m := range ms {
		if len(m.participants) == 0 && !m.anaphor {
			continue
		}
		var into *event
		if m.anaphor && last != nil && (m.date.IsZero() || m.inherited) {
			// "the talks", "Nakasone's visit": the last such event
			// reported, else the event just reported.
			for i := len(events) - 1; i >= 0 && into == nil; i-- {
				if same(events[i], m) {
					into = events[i]
				}
			}
			if into == nil && (last.typ == m.typ || len(m.hosts) == 0) {
				into = last
			}
		}
		if into == nil && m.inherited && last != nil && same(last, m) && m.sent-last.mentions[len(last.mentions)-1].sent <= 2 &&
			shares(x.withStates(last.parts), x.withStates(m.participants)) {
			// The next sentence about the same kind of event, with no
			// date of its own, goes on about that event ("The presidents
			// … have signed. Kwasniewski and Havel signed …").
			into = last
		}
		for _, ev := range events {
			if into != nil {
				break
			}
			if !same(ev, m) || !shares(ev.parts, m.participants) && !shares(ev.treaties, m.treaties) {
				continue
			}
			// A date of its own must agree (one within the other: "1949"
			// and the treaty's "1949-04-04"); a date from the context
			// yields to the event's.
			if m.date.IsZero() || m.inherited || ev.date.Contains(m.date) || m.date.Contains(ev.date) {
				into = ev
				if !m.inherited && m.date.Precision() > ev.date.Precision() && ev.date.Contains(m.date) {
					ev.date, ev.end = m.date, m.endD
				}
			}
		}
		if into == nil {
			if m.date.IsZero() || len(m.participants) == 0 {
				continue
			}
			into = &event{typ: m.typ, label: m.label, cameo: m.cameo, date: m.date, end: m.endD, status: m.status}
			events = append(events, into)
		}
		last = into
		into.mentions = append(into.mentions, m)
		into.parts = unionStrings(into.parts, m.participants)
		into.places = unionStrings(into.places, m.places)
		into.treaties = unionStrings(into.treaties, m.treaties)
	}
	for _, ev := range events {
		names := make([]string, 0, len(ev.parts))
		for _, id := range ev.parts {
			names = append(names, x.ents[id].Name)
		}
		slices.Sort(names)
		place := ""
		if len(ev.places) > 0 {
			place = x.ents[ev.places[0]].Name
		}
		name := eventName(ev.typ, ev.label, names, place, ev.date)
		for _, m := range ev.mentions {
			if m.name != "" {
				name = m.name // a war is known by its name
				break
			}
		}
		e := x.entity(kg.Event, name)
		e.EventType, e.Status, e.Date, e.End = ev.typ, ev.status, ev.date, ev.end
		// The states the people act for take part too, as event data
		// codes them ("Shultz and Halefoglu signed" is the United
		// States and Turkey signing), when the article names them.
		for _, id := range ev.parts {
			if st := x.personState[id]; st != "" {
				if sid := kg.EntityID(kg.State, st); x.ents[sid] != nil && !slices.Contains(ev.parts, sid) {
					ev.parts = append(ev.parts, sid)
				}
			}
		}
		code := cameo[ev.typ]
		if ev.cameo != "" {
			code = ev.cameo
		}
		if ev.status == kg.Planned && (ev.typ == kg.Meeting || ev.typ == kg.Visit || ev.typ == kg.Talks || ev.typ == kg.Summit) {
			code = "036"
		}
		if code != "" {
			e.Attrs["cameo"] = code
		}
		sents := []int{}
		for _, m := range ev.mentions {
			if !slices.Contains(sents, m.sent) {
				sents = append(sents, m.sent)
			}
		}
		for _, s := range sents {
			for _, p := range ev.parts {
				x.edge(kg.ParticipatedIn, p, e.ID, "", ev.date, ev.end, ev.status, s)
			}
			for _, p := range ev.places {
				x.edge(kg.HeldIn, e.ID, p, "", ev.date, ev.end, ev.status, s)
			}
			for _, t := range ev.treaties {
				x.edge(kg.Concerns, e.ID, t, "", ev.date, ev.end, ev.status, s)
			}
		}
		if ev.typ == kg.Visit {
			x.addHost(e, ev.parts, ev.places, sents[0])
		}
	}
}

// withStates returns the ids with, for each person, the state they act
// for: Kwasniewski and Havel are Poland and the Czech Republic.
func (x *extraction) withStates(ids []string) []string {
	out := slices.Clone(ids)
	for _, id := range ids {
		if st := x.personState[id]; st != "" {
			out = append(out, kg.EntityID(kg.State, st))
		}
	}
	return out
}

// eventName makes the canonical name an event's id derives from, so that
// two articles reporting the same meeting of the same people on the same
// day produce one node.
func eventName(t kg.EventType, label string, people []string, place string, d kg.Date) string {
	who := joinNames(people)
	var s string
	switch t {
	case kg.Visit:
		s = "Visit of " + who
		if place != "" {
			s += " to " + place
		}
	case kg.Statement:
		s = "Statement by " + who
	case kg.Talks:
		s = "Talks of " + who
	case kg.Call:
		s = "Call between " + who
	case kg.Summons:
		s = "Summons by " + who
	case kg.OtherEvent:
		// Accessions, attacks, demands, appeals, coercion: the trigger's
		// label says which.
		if label == "" {
			label = "Event"
		}
		s = label + " of " + who
	default:
		s = strings.ToUpper(string(t[:1])) + strings.ToLower(string(t[1:])) + " of " + who
	}
	return s + ", " + d.String()
}

func joinNames(ns []string) string {
	switch len(ns) {
	case 0:
		return ""
	case 1:
		return ns[0]
	}
	return strings.Join(ns[:len(ns)-1], ", ") + " and " + ns[len(ns)-1]
}

// hostRoles are the offices whose holder receives a visiting leader, in
// order of precedence.
var hostRoles = []string{"President", "General Secretary", "King", "Queen", "Emir", "Chancellor", "Prime Minister", "Premier"}

// leaderRoles are the offices of visitors who are received by a head of
// state or government.
var leaderRoles = []string{"President", "Prime Minister", "Premier", "Chancellor", "King", "Queen", "General Secretary", "Emir", "Crown Prince", "Vice President"}

// addHost adds the head of the host state as a participant of a leader's
// visit to its capital or another of its places: a leader visiting Moscow
// in 2019 is received by Russia's president.
func (x *extraction) addHost(e *kg.Entity, parts, places []string, sent int) {
	if len(places) == 0 || x.published.IsZero() {
		return
	}
	visitorState := ""
	leader := false
	for _, p := range parts {
		if slices.Contains(leaderRoles, x.personRole[p]) {
			leader, visitorState = true, x.personState[p]
		}
	}
	if !leader {
		return
	}
	host := x.placeIn[places[0]].state
	if host == "" || host == visitorState {
		return
	}
	on := e.Date
	for _, role := range hostRoles {
		for _, t := range x.lex.gaz.Tenures {
			if t.State != host || t.Role != role || !on.Overlaps(kg.Date{}, t.From, t.To) {
				continue
			}
			p := x.entity(kg.Person, t.Person)
			tt := t
			x.notePersonOffice(p, t.Role, t.State, &tt, sent)
			x.edge(kg.ParticipatedIn, p.ID, e.ID, "host", e.Date, e.End, e.Status, sent)
			return
		}
	}
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
func (x *extraction) audienceAfter(i int) bool {
	for j := i; j < min(len(x.toks), i+4); j++ {
		if audienceNouns[x.toks[j].Key] {
			return true
		}
		for _, m := range x.mentions {
			if m.start == x.toks[j].Start {
				if k := x.ents[m.id].Kind; k == kg.Organization || k == kg.Person || k == kg.State {
					return true
				}
			}
		}
	}
	return false
}

// inName reports whether byte off lies inside a mention of an entity of
// kind k.
func (x *extraction) inName(off int, k kg.Kind) bool {
	for _, m := range x.mentions {
		if m.start <= off && off < m.end && x.ents[m.id].Kind == k {
			return true
		}
	}
	return false
}

// futureModal reports whether the trigger at token i is the verb of a
// future: "will visit", "will also be meeting", "shall hold".
func (x *extraction) futureModal(i int) bool {
	for j := i - 1; j >= 0 && j >= i-4 && x.tokSent[j] == x.tokSent[i]; j-- {
		switch k := x.toks[j].Key; {
		case k == "will" || k == "shall" || k == "ll":
			return true
		case k == "be" || k == "also" || k == "then" || k == "soon" || k == "again" || k == "not" || strings.HasSuffix(k, "ly"):
		default:
			return false
		}
	}
	return false
}

// yearSlip corrects the year of a date the text puts in the future ("I
// will visit … from 25 January to 9 February 1996" in a release of 22
// January 1997) when it lies before publication and the same day or
// month a year later lies after it: a writer who keeps last year's
// number in January is likelier than a future in the past. Other dates
// are returned unchanged.
func (x *extraction) yearSlip(d, end kg.Date) (kg.Date, kg.Date) {
	if d.IsZero() || x.published.IsZero() || !d.Last().Before(x.published.First()) {
		return d, end
	}
	if p := d.Precision(); p != kg.PrecisionDay && p != kg.PrecisionMonth {
		return d, end
	}
	next, ok := shiftYears(d, 1)
	if !ok || next.First().Before(x.published.First()) {
		return d, end
	}
	if !end.IsZero() {
		if e, ok := shiftYears(end, 1); ok {
			end = e
		}
	}
	return next, end
}

// shiftYears returns d moved by n years, at its precision.
func shiftYears(d kg.Date, n int) (kg.Date, bool) {
	s := d.String()
	if len(s) < 4 {
		return kg.Date{}, false
	}
	y, err := strconv.Atoi(s[:4])
	if err != nil {
		return kg.Date{}, false
	}
	out, err := kg.ParseDate(fmt.Sprintf("%04d", y+n) + s[4:])
	return out, err == nil
}

// verbal reports whether the trigger at token i is used as a verb: after
// "to", a modal, a pronoun or "and", or in a past tense.
func (x *extraction) verbal(i int) bool {
	if i == 0 || x.tokSent[i-1] != x.tokSent[i] {
		return false
	}
	switch x.toks[i-1].Key {
	case "to", "will", "shall", "would", "could", "can", "may", "might", "must", "and", "also", "then",
		"i", "we", "he", "she", "they", "be", "not", "ll":
		return true
	case "before", "after", "while", "by", "when", "since":
		return strings.HasSuffix(x.toks[i].Key, "ing") // "before meeting with …"
	}
	switch x.toks[i].Key {
	case "met", "visited", "arrived", "left", "travelled", "traveled", "phoned", "telephoned", "signed",
		"announced", "declared", "attacked", "invaded", "asserted", "meets", "concluded", "agreed":
		return true
	}
	return false
}

// subjectBefore reports whether [start, end) names someone who could be
// the subject of a verb at end: a person, state or organization not used
// as a place, or a personal pronoun.
func (x *extraction) subjectBefore(start, end int) bool {
	for _, m := range x.mentionsIn(start, end) {
		if k := x.ents[m.id].Kind; !m.place && (k == kg.Person || k == kg.State || k == kg.Organization) {
			return true
		}
	}
	for _, t := range x.toks[x.tokenAt(start):] {
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
func (x *extraction) destination(off int) bool {
	before := strings.ToLower(strings.TrimRight(x.text[max(0, off-5):off], " "))
	return strings.HasSuffix(before, " to") || strings.HasSuffix(before, " in") || strings.HasSuffix(before, " for")
}

// determiner returns the article or demonstrative that opens the noun
// phrase whose head is the token at i ("the talks", "a recent statement",
// "this year's annual meeting"), or "" when there is none within three
// words.
func (x *extraction) determiner(i int) string {
	for j := i - 1; j >= 0 && j >= i-3 && x.tokSent[j] == x.tokSent[i]; j-- {
		t := x.toks[j]
		switch t.Key {
		case "the", "this", "that", "a", "an", "these", "those":
			return t.Key
		}
		if t.upper() && j < i-1 || isFunctionWord(t.Key) || x.toks[j+1].Sep != " " {
			return ""
		}
	}
	return ""
}

// storyDated reports whether the text says when its story happens: a
// temporal expression naming the day of the dateline or of publication
// ("today", "Monday", "February 26"). Without one, the first sentence's
// undated events are not dated by the publication alone.
func (x *extraction) storyDated() bool {
	lede, pub := x.ledeDate(), x.published
	for _, t := range x.timexes {
		if t.Date.Precision() == kg.PrecisionDay && (t.Date == lede || t.Date == pub) {
			return true
		}
	}
	return false
}

// speaksBefore reports whether the person id is the subject of a speech
// verb ("Matsuda said") before byte off in off's sentence.
func (x *extraction) speaksBefore(id string, off int) bool {
	sp := x.sents[x.sentenceAt(off)]
	for _, m := range x.mentionsIn(sp.Start, off) {
		if m.id != id {
			continue
		}
		if locs := x.cuesIn(speechVerb, m.end, off); len(locs) > 0 && locs[0].Start-m.end <= 12 {
			return true
		}
	}
	return false
}

// afterCue reports whether the time named at off is what an event follows:
// "after" or "following" opens the phrase it ends, with no comma between.
func (x *extraction) afterCue(start, off int) bool {
	lead := x.text[max(start, off-60):off]
	if i := strings.LastIndexAny(lead, ",;"); i >= 0 {
		lead = lead[i+1:]
	}
	for _, w := range lowerWords(lead) {
		if w == "after" || w == "following" {
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
	stateNouns = map[string]bool{"countries": true, "nations": true, "governments": true, "powers": true, "states": true}
)

// pluralAnaphor returns the participants of the last event mention in ms
// with two or more of them when the subject of the trigger at token trig,
// or its partner after "between" or "with", refers back to a pair: "the
// two leaders", "both sides", "The two concluded". For "the two nations"
// it returns their states.
func (x *extraction) pluralAnaphor(start, end, trig int, ms []*eventMention) []string {
	noun := ""
	for i := x.tokenAt(start); i+1 < len(x.toks) && x.toks[i].Start < end; i++ {
		t := x.toks[i]
		pair := t.Key == "two" && i > 0 && x.toks[i-1].Key == "the" || t.Key == "both"
		if !pair {
			continue
		}
		next := x.toks[i+1].Key
		switch {
		case i+1 == trig && t.Key == "two":
			noun = "two" // "The two concluded"
		case pluralNouns[next] && (i < trig || x.toks[i-1].Key == "between" || i > 1 && x.toks[i-2].Key == "between" || x.toks[i-1].Key == "with"):
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
		if stateNouns[noun] {
			if st := x.statesOf(ms[i].participants); len(st) >= 2 {
				return st
			}
		}
		return slices.Clone(ms[i].participants)
	}
	return nil
}

// partiesOf returns the states and organizations party to a treaty, in
// the order of their ids.
func (x *extraction) partiesOf(treaty string) []string {
	var out []string
	for _, e := range x.edges {
		if e.Type == kg.PartyTo && e.To == treaty {
			out = append(out, e.From)
		}
	}
	slices.Sort(out)
	return out
}

// statesOf returns the distinct states among ids: states themselves and
// the states people act for.
func (x *extraction) statesOf(ids []string) []string {
	var out []string
	for _, id := range ids {
		st := ""
		switch {
		case x.ents[id].Kind == kg.State:
			st = id
		case x.personState[id] != "":
			st = kg.EntityID(kg.State, x.personState[id])
		}
		if st != "" && !slices.Contains(out, st) {
			out = append(out, st)
		}
	}
	return out
}

// stateAfter reports whether a state is named at token i or right after
// an article: "added the Federal Republic of Germany".
func (x *extraction) stateAfter(i int) bool {
	if i < len(x.toks) && x.toks[i].Key == "the" {
		i++
	}
	if i >= len(x.toks) {
		return false
	}
	for _, m := range x.mentions {
		if m.start == x.toks[i].Start && x.ents[m.id].Kind == kg.State && !m.place {
			return true
		}
	}
	return false
}

// pastModifier reports whether the noun phrase whose head is the token at
// i says it lies in the past: "a recent statement", "the previous talks".
func (x *extraction) pastModifier(i int) bool {
	for j := i - 1; j >= 0 && j >= i-3 && x.tokSent[j] == x.tokSent[i]; j-- {
		switch x.toks[j].Key {
		case "recent", "earlier", "previous", "last", "past", "former", "prior":
			return true
		case "the", "a", "an", "this", "that", "his", "her", "their", "its":
			return false
		}
	}
	return false
}

// hypothetical reports whether the trigger at off sits in a condition of
// its sentence: "if any member was attacked, …".
func (x *extraction) hypothetical(start, off int) bool {
	lead := x.text[start:off]
	if i := strings.LastIndexAny(lead, ",;"); i >= 0 {
		lead = lead[i+1:]
	}
	for _, w := range lowerWords(lead) {
		if w == "if" || w == "unless" {
			return true
		}
	}
	return false
}

// internationalIn returns the international organizations named in
// [start, end).
func (x *extraction) internationalIn(start, end int) []string {
	var out []string
	for _, id := range x.actorsIn(start, end, kg.Organization) {
		if o := x.lex.orgs[x.ents[id].Name]; o != nil && o.Type == "international" {
			out = append(out, id)
		}
	}
	return out
}

// protagonist returns the person an article is about: the author of a
// release, else the first person its headline names.
func (x *extraction) protagonist() string {
	if x.author != "" {
		return x.author
	}
	for _, m := range x.mentionsIn(0, x.bodyStart) {
		if x.ents[m.id].Kind == kg.Person {
			return m.id
		}
	}
	return ""
}

// headNoun reports whether the noun at token i heads its phrase rather
// than modifying the next noun: "the blasts killed", "an attack on", not
// "bombing victims".
func (x *extraction) headNoun(i int) bool {
	if i+1 >= len(x.toks) || x.tokSent[i+1] != x.tokSent[i] || strings.TrimSpace(x.toks[i+1].Sep) != "" {
		return true
	}
	switch x.toks[i+1].Key {
	case "in", "on", "at", "of", "against", "by", "that", "which", "killed", "kill", "killing", "destroyed", "hit",
		"was", "were", "is", "are", "has", "have", "had", "and", "or", "near", "outside", "inside", "targeting", "last", "this":
		return true
	}
	return false
}

// numberWords are the spelled-out counts a duration may use.
var numberWords = map[string]int{
	"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18, "twenty": 20, "several": 0,
}

// lastedBefore returns, in months, the duration in "after 18 months of"
// or "following two years of" right before the trigger at token i, or 0.
func (x *extraction) lastedBefore(i int) int {
	if i < 4 || x.toks[i-1].Key != "of" || x.tokSent[i-4] != x.tokSent[i] {
		return 0
	}
	lead := i - 4
	switch x.toks[lead].Key {
	case "nearly", "almost", "about", "some", "over", "roughly":
		lead-- // "after nearly two years of negotiations"
	}
	if lead < 0 || x.toks[lead].Key != "after" && x.toks[lead].Key != "following" {
		return 0
	}
	n, ok := numberWords[x.toks[i-3].Key]
	if !ok {
		v, err := strconv.Atoi(x.toks[i-3].Key)
		if err != nil {
			return 0
		}
		n = v
	}
	switch x.toks[i-2].Key {
	case "month", "months":
		return n
	case "year", "years":
		return 12 * n
	}
	return 0
}

// afterPreposition reports whether the word before byte off is a
// preposition: the name at off is then inside a phrase, not a subject.
func (x *extraction) afterPreposition(off int) bool {
	w := lowerWords(x.text[max(0, off-6):off])
	if len(w) == 0 || strings.TrimSpace(x.text[max(0, off-1):off]) != "" {
		return false
	}
	switch w[len(w)-1] {
	case "to", "in", "of", "from", "at", "for", "with":
		return true
	}
	return false
}

// meetForms are the forms of "meet", which also means to satisfy.
var meetForms = map[string]bool{"met": true, "meet": true, "meets": true, "meeting": true}

// proposing verbs ask for an event that has not happened: "called for an
// international conference", "sought a European conference".
var proposing = map[string]bool{
	"for": true, "proposed": true, "proposes": true, "propose": true, "sought": true, "seeks": true, "urged": true,
	"suggested": true, "wants": true, "wanted": true, "demanded": true,
}

// noEvent reports uses of a trigger word that report no event: "the
// declaration of martial law", "solved through negotiations", "capable of
// meeting a variety of contingencies", "called for an international
// conference".
func (x *extraction) noEvent(h triggerHit) bool {
	i, last := h.first, h.last
	next := func(k int) string {
		if last+k < len(x.toks) && x.tokSent[last+k] == x.tokSent[i] {
			return x.toks[last+k].Key
		}
		return ""
	}
	prev := ""
	if i > 0 && x.tokSent[i-1] == x.tokSent[i] {
		prev = x.toks[i-1].Key
	}
	switch {
	case x.toks[i].Key == "declaration" && next(1) == "of":
		return true
	case h.t.nominal && (prev == "through" || prev == "via"):
		return true
	case meetForms[x.toks[i].Key] && isDeterminer(next(1)) && !x.actorWithin(last+1, 6):
		return true
	case h.t.nominal && (prev == "a" || prev == "an" || i > 1 && (x.toks[i-2].Key == "a" || x.toks[i-2].Key == "an")):
		for j := i - 1; j >= 0 && j >= i-4 && x.tokSent[j] == x.tokSent[i]; j-- {
			if proposing[x.toks[j].Key] {
				return true
			}
		}
	}
	return false
}

// officeWords name people by their office: "met the president".
var officeWords = map[string]bool{
	"president": true, "minister": true, "leader": true, "leaders": true, "king": true, "queen": true, "prime": true,
	"secretary": true, "ambassador": true, "officials": true, "delegation": true, "counterpart": true, "envoy": true,
	"chancellor": true, "premier": true, "foreign": true, "pope": true, "emperor": true, "governor": true,
}

// actorWithin reports whether one of the n tokens from i on names an
// actor: a person, state or organization, or an office.
func (x *extraction) actorWithin(i, n int) bool {
	for j := i; j < min(len(x.toks), i+n); j++ {
		if officeWords[x.toks[j].Key] {
			return true
		}
		for _, m := range x.mentions {
			if m.start == x.toks[j].Start && !m.place {
				if k := x.ents[m.id].Kind; k == kg.Person || k == kg.State || k == kg.Organization {
					return true
				}
			}
		}
	}
	return false
}

// visitorOf reports whether state is the state one of the people in ids
// acts for: a minister "returning to London" does not visit Britain.
func (x *extraction) visitorOf(ids []string, state string) bool {
	for _, id := range ids {
		if x.personState[id] == state {
			return true
		}
	}
	return false
}

// attackSides returns who attacks and who is attacked in the trigger
// [trigStart, trigEnd): the last actor named before it in its clause and
// the first named after it, in [start, end).
func (x *extraction) attackSides(start, end, trigStart, trigEnd int) []string {
	lead := x.text[start:trigStart]
	if i := strings.LastIndexAny(lead, ",;"); i >= 0 {
		start += i + 1
	}
	var by, on string
	for _, m := range x.mentionsIn(start, end) {
		if k := x.ents[m.id].Kind; m.place || k != kg.Person && k != kg.State && k != kg.Organization {
			continue
		}
		if m.end <= trigStart {
			by = m.id
		} else if m.start >= trigEnd && on == "" {
			on = m.id
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
// last named before it, in its sentence or the three before.
func (x *extraction) possessivePronoun(i int) string {
	at := -1
	for j := i - 1; j >= 0 && j >= i-3 && x.tokSent[j] == x.tokSent[i]; j-- {
		if k := x.toks[j].Key; k == "his" || k == "her" {
			at = j
			break
		}
		if isDeterminer(x.toks[j].Key) {
			return ""
		}
	}
	if at < 0 || x.quoted(x.toks[at].Start) {
		return ""
	}
	sent := x.tokSent[at]
	for s := sent; s >= 0 && s >= sent-3; s-- {
		sp := x.sents[s]
		end := sp.End
		if s == sent {
			end = x.toks[at].Start
		}
		ms := x.mentionsIn(sp.Start, end)
		for k := len(ms) - 1; k >= 0; k-- {
			if x.ents[ms[k].id].Kind == kg.Person && !x.quoted(ms[k].start) {
				return ms[k].id
			}
		}
	}
	return ""
}
