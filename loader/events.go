package loader

import (
	"cmp"
	"regexp"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/timex"
)

// signedPaper are the documents a signing can be of besides a treaty the
// text names: "signed papers of accession", "signed the accession
// document".
var signedPaper = regexp.MustCompile(`(?i)\b(accession|instruments?|documents?|papers|deal|communiqu[eé]|memorandum|protocol|declaration|charter)\b`)

// speechVerb marks the speaker of a sentence: "Lavrov stated", "Moscow said".
var speechVerb = regexp.MustCompile(`(?i)\b(said|says|stated|told|announced|declared|added|noted|stressed|warned)\b`)

var (
	cancelCue = regexp.MustCompile(`(?i)\b(cancel(l?ed|s)?|called off|postponed|scrapped)\b`)
	failCue   = regexp.MustCompile(`(?i)\b(failed|collapsed|broke down|ended without)\b`)
	futureCue = regexp.MustCompile(`(?i)\b(will|would|shall|to (visit|meet|hold|attend|travel)|plans?|planned|preparation for|scheduled|expected|due to|upcoming|forthcoming|next)\b`)
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
	inherited    bool   // the date came from the context, not the sentence
	anaphor      bool   // "the talks": refers to an event already reported
	name         string // the event's own name, for named events ("Russo-Japanese War")
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
			}
			if x.quoted(h.start) {
				continue // reported speech tells what the speaker says, not what the article reports
			}
			hits = append(hits, hit{h.start, h.end, h.t})
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
			em := &eventMention{typ: h.t.typ, start: h.start, end: h.end, sent: si}
			if h.t.nominal {
				before := strings.ToLower(strings.TrimSpace(x.text[max(sp.Start, h.start-6):h.start]))
				em.anaphor = strings.HasSuffix(before, "the") || strings.HasSuffix(before, "this") || strings.HasSuffix(before, "that")
			}
			owned := x.possessorOf(h.start)
			if k+1 < len(hits) {
				// A possessor right before the next trigger is that
				// event's ("in preparation for Abe's visit").
				if p := x.possessorOf(hits[k+1].start); p != nil {
					winEnd = min(winEnd, p.start)
				}
			}
			by := x.agentAfter(h.end, winEnd)
			author := x.firstPersonIn(winStart, winEnd)
			switch {
			case author != "" && (h.t.typ == kg.Visit || h.t.typ == kg.Meeting || h.t.typ == kg.Talks || h.t.typ == kg.Call || h.t.typ == kg.Conference || h.t.typ == kg.Statement):
				// "I will visit …", "my meetings with …" in a minister's
				// release: the author takes part, with those named.
				em.participants = append([]string{author}, x.actorsIn(winStart, winEnd, kg.Person, kg.Organization, kg.State)...)
				em.participants = slices.Compact(em.participants)
			case by != "":
				em.participants = []string{by}
			case h.t.typ == kg.Statement && speaker != "":
				em.participants = []string{speaker}
			case owned != nil:
				em.participants = []string{owned.id}
				em.participants = append(em.participants, x.actorsIn(h.end, winEnd, kg.Person)...)
			default:
				em.participants = x.actorsIn(winStart, winEnd, kg.Person)
				if p := x.pronounSubject(winStart, h.start); p != "" && !slices.Contains(em.participants, p) {
					// "She was scheduled to … meet with President Moi"
					em.participants = append([]string{p}, em.participants...)
				}
				if len(em.participants) == 0 {
					// States and organizations act as subjects before the
					// trigger ("Japan and Russia held talks") or as its
					// partners right after it ("talks with Japan").
					em.participants = x.actorsIn(winStart, h.start, kg.State, kg.Organization)
					if len(em.participants) > 0 || x.partnerCue(h.end) {
						em.participants = append(em.participants, x.actorsIn(h.end, min(winEnd, h.end+40), kg.State, kg.Organization)...)
					}
				}
			}

			for _, m := range x.mentionsIn(winStart, winEnd) {
				if m.place && !slices.Contains(em.places, m.id) && x.venue(m.id) {
					em.places = append(em.places, m.id)
				}
				if x.ents[m.id].Kind == kg.Treaty && !slices.Contains(em.treaties, m.id) {
					em.treaties = append(em.treaties, m.id)
				}
			}
			em.date, em.endD = x.dateIn(winStart, winEnd, h.end, datelineEnd)
			if h.t.ownDate && (em.date.IsZero() || !x.dateNear(h.start, h.end)) {
				continue
			}
			if em.date.IsZero() && h.t.typ == kg.Signing {
				// A signing is dated by the treaty it signs.
				for _, id := range em.treaties {
					if d := x.ents[id].Date; !d.IsZero() {
						em.date = d
						break
					}
				}
			}
			if em.date.IsZero() && si == x.ledeSentence() && !x.published.IsZero() && !futureCue.MatchString(x.text[sp.Start:h.start]) {
				// News reports in its first sentence what happened on
				// the day of the dateline ("The United States and Turkey
				// signed …").
				em.date = x.ledeDate()
			}
			em.status = x.eventStatus(x.text[winStart:winEnd], h.start-winStart, em.date)
			all = append(all, em)
		}
	}
	x.inheritDates(all)
	x.findWars(&all)
	x.findRelease(&all)
	x.recordEvents(all)
}

// inheritSpan is how many sentences an event's date carries to later,
// undated mentions: a news story's day or a trip's dates hold for its
// next paragraphs.
const inheritSpan = 10

// inheritDates dates the event mentions the text leaves undated from their
// context: the last dated event mention in the inheritSpan sentences before (a
// trip's meetings happen during the trip), else, in an undated text such as
// a history essay, the time the narrative has reached. News without either
// leaves them undated, and recordEvents then keeps them only as further
// mentions of events already dated.
func (x *extraction) inheritDates(ms []*eventMention) {
	var last *eventMention
	for _, m := range ms {
		if !m.date.IsZero() {
			// Statements are asides to a trip's storyline ("the FBI said
			// Monday"): their dates do not carry to the next meeting.
			if !m.inherited && m.typ != kg.Statement {
				last = m
			}
			continue
		}
		if m.typ == kg.Statement || m.typ == kg.Summons {
			continue // said when it was said, or not worth a node
		}
		switch {
		case last != nil && m.sent-last.sent <= inheritSpan:
			m.date, m.endD, m.inherited = last.date, last.endD, true
			if m.status == "" || m.status == kg.Occurred {
				m.status = last.status
			}
		case x.published.IsZero():
			if d := x.timeAt(m.start); !d.IsZero() {
				m.date, m.inherited = d, true
				m.status = kg.Occurred
			}
		}
	}
}

// firstPersonIn returns the author when [start, end) speaks in the first
// person singular ("I will visit", "my meetings") in an article whose
// author is known.
func (x *extraction) firstPersonIn(start, end int) string {
	if x.author == "" {
		return ""
	}
	for _, t := range x.toks {
		if t.Start < start || t.Start >= end {
			continue
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
		if t.Start >= end && t.Start-end <= 25 || t.End <= start && start-t.End <= 25 {
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

// warName matches a war by name: "the Russo-Japanese War", "the Korean
// War", "the Sino-Japanese War of 1894–95".
var warName = regexp.MustCompile(`\b((?:[A-Z][a-z]+-)*[A-Z][a-z]+) War\b`)

// findWars makes a WAR event of every war the text names whose sides the
// name gives (Russo- Japanese → Russia and Japan, each as the state of the
// war's time) and whose date the text gives right after the name ("of
// 1904–05") or the narrative supplies.
func (x *extraction) findWars(all *[]*eventMention) {
	for _, loc := range warName.FindAllStringSubmatchIndex(x.text, -1) {
		name := x.text[loc[2]:loc[3]]
		if name == "Cold" || name == "World" || name == "Civil" || name == "Great" {
			continue
		}
		start, end := loc[0], loc[1]
		var date, endD kg.Date
		for _, t := range x.timexes {
			if t.Start >= end && t.Start-end <= 5 && !t.Date.IsZero() {
				date, endD = t.Date, t.EndDate
				break
			}
		}
		if date.IsZero() {
			date = x.timeAt(start)
		}
		if date.IsZero() {
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
			name: x.text[loc[2]:end],
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
	for _, t := range x.toks {
		if t.Start < start || t.Start >= trig {
			continue
		}
		if (t.Key == "he" || t.Key == "she") && !x.quoted(t.Start) {
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

// agentAfter returns the actor of "statement by Abe", "visit by the
// Japanese prime minister": the person or state right after "by".
func (x *extraction) agentAfter(trig, end int) string {
	rest := x.text[trig:end]
	i := strings.Index(rest, " by ")
	if i < 0 || i > 3 {
		return ""
	}
	for _, m := range x.mentionsIn(trig+i+4, end) {
		if m.start-(trig+i+4) > 20 {
			break
		}
		if k := x.ents[m.id].Kind; !m.place && (k == kg.Person || k == kg.State || k == kg.Organization) {
			return m.id
		}
	}
	return ""
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
	sentence := x.text[sp.Start:sp.End]
	for _, loc := range speechVerb.FindAllStringIndex(sentence, -1) {
		at := sp.Start + loc[0]
		var best *mention
		for i := range x.mentions {
			m := &x.mentions[i]
			if m.end <= at && at-m.end <= 3 && !m.place {
				best = m
			}
		}
		if best != nil {
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
// before it. Years that name a treaty ("the 1956 Declaration") and the
// dateline are not event dates.
func (x *extraction) dateIn(start, end, trig, datelineEnd int) (kg.Date, kg.Date) {
	var before, after *timex.Timex
	for i := range x.timexes {
		t := &x.timexes[i]
		if t.Start < start || t.End > end || t.Date.IsZero() || t.End <= datelineEnd || x.inTreatyName(t.Start) || x.quoted(t.Start) {
			continue
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
	case before != nil:
		return before.Date, before.EndDate
	}
	return kg.Date{}, kg.Date{}
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
func (x *extraction) eventStatus(window string, trigAt int, date kg.Date) kg.Status {
	switch {
	case cancelCue.MatchString(window):
		return kg.Cancelled
	case failCue.MatchString(window):
		return kg.Failed
	case !date.IsZero() && !x.published.IsZero() && date.First().After(x.published.Last()):
		return kg.Planned
	case !date.IsZero() && !x.published.IsZero() && !date.Last().After(x.published.Last()):
		return kg.Occurred
	case futureCue.MatchString(window[:trigAt]):
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
	}
	var events []*event
	// The author of a release takes part in all it reports; sharing
	// the author says nothing about two mentions being one event.
	shares := func(a, b []string) bool {
		return slices.ContainsFunc(a, func(s string) bool { return s != x.author && slices.Contains(b, s) })
	}
	var last *event
	for _, m := range ms {
		if len(m.participants) == 0 && !m.anaphor {
			continue
		}
		var into *event
		if m.anaphor && last != nil && m.date.IsZero() || m.anaphor && last != nil && m.inherited {
			// "the talks", "the meeting": the event just reported.
			into = last
		}
		if into == nil && m.inherited && last != nil && last.typ == m.typ && m.sent-last.mentions[len(last.mentions)-1].sent <= 2 &&
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
			if ev.typ != m.typ || !shares(ev.parts, m.participants) && !shares(ev.treaties, m.treaties) {
				continue
			}
			// A date of its own must agree; a date from the context
			// yields to the event's.
			if m.date.IsZero() || m.inherited || ev.date == m.date {
				into = ev
			}
		}
		if into == nil {
			if m.date.IsZero() || len(m.participants) == 0 {
				continue
			}
			into = &event{typ: m.typ, date: m.date, end: m.endD, status: m.status}
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
		name := eventName(ev.typ, names, place, ev.date)
		for _, m := range ev.mentions {
			if m.name != "" {
				name = m.name // a war is known by its name
				break
			}
		}
		e := x.entity(kg.Event, name)
		e.EventType, e.Status, e.Date, e.End = ev.typ, ev.status, ev.date, ev.end
		code := cameo[ev.typ]
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
func eventName(t kg.EventType, people []string, place string, d kg.Date) string {
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
		// The one OTHER the loader finds is joining an alliance or union.
		s = "Accession of " + who
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
