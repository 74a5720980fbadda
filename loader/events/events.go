// Package events finds the diplomatic events an article reports: meetings,
// talks, visits, summits, conferences, calls, signings, statements,
// summons, wars and other acts (accessions, attacks, ratifications,
// sanctions...). A trigger lexicon (triggers.go) and the CAMEO verb
// dictionary of PETRARCH2 (cameo.go, data/cameo.tsv) find the words that
// report them and give each its fine CAMEO code; each trigger's
// participants (actors.go), their roles as source or target (roles.go),
// and its date and status (dates.go) are read from the sentence around
// it; a named speaker's statements in news are dated by the story
// (speech.go); and mentions of one event are merged into one event with
// its PARTICIPATED_IN, HELD_IN and CONCERNS edges (record.go); wars by
// name (wars.go) and press releases (releases.go) are events too. It runs
// after the names and treaties are found, on the people, states, places
// and treaties the other stages found.
package events

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/doc"
	"github.com/diplograph/diplograph/loader/text"
	"github.com/diplograph/diplograph/loader/timex"
)

// rules is the document as the rules of this package see it, their
// receiver: a value that holds the *doc.Doc, so that their bodies read the
// shared state as x.Toks and x.Mentions through one pointer, as when all
// stages were one package.
type rules struct{ *doc.Doc }

// signedPaper are the documents a signing can be of besides a treaty the
// text names: "signed papers of accession", "signed the accession
// document", "signed an agreement ending a dispute", "signed an economic
// cooperation plan".
var signedPaper = regexp.MustCompile(`(?i)\b(accession|instruments?|documents?|papers|deals?|communiqu[eé]s?|memorand(um|a|ums)|mous?|protocols?|declarations?|charters?|agreements?|accords?|pacts?|treat(y|ies)|conventions?|contracts?|plans?|programs?|programmes?|joint statements?|roadmaps?|road maps?)\b`)

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
	inherited    bool // the date came from the context, not the sentence
	ownDate      bool // dated speech: an event only with a date of its own
	// speech is a named speaker's statement in news that its sentence
	// does not date: the story around it does (speechDates).
	speech       bool
	release      bool     // the statement a press release or readout is
	verb         bool     // the trigger is a verb ("discussed"), not a noun ("talks")
	perfect      bool     // "has already ratified": some time before the story, not its date
	past         bool     // "a recent statement": before the story, whatever its date
	label, cameo string   // the trigger's
	hosts        []string // the states a visit goes to
	targets      []string // the participants a directed act is done to (roles.go)
	hostedBy     []string // the people who receive a visit ("Wang Yi received …")
	// lasted is how long the event had gone on by the time of the event
	// it is part of: "after 18 months of negotiations" (months, or 0).
	lasted int

	anaphor bool // "the talks": refers to an event already reported
	// demonstrative anaphors ("that summit") point at the event just
	// reported, whatever the words it was reported in.
	demonstrative bool
	name          string // the event's own name, for named events ("Russo-Japanese War")
}

// Find reads events sentence by sentence: each trigger's window runs
// from the previous trigger to the next; its participants are the people
// (or, failing them, the states and organizations) named there, its date the
// nearest temporal expression, its place a place named there. A mention
// without a date joins an earlier event of the same type that shares a
// participant ("after the meeting with Kono"); events still without a date
// or a participant are dropped, as the gold guidelines ask.
func Find(d *doc.Doc) {
	x := rules{d}
	datelineEnd := 0
	if _, end, ok := timex.ParseDateline(x.Text[x.BodyStart:]); ok {
		datelineEnd = x.BodyStart + end
	}
	var all []*eventMention
	tok := 0
	for si, sp := range x.Sents {
		sentence := x.Text[sp.Start:sp.End]
		first := tok
		for tok < len(x.Toks) && x.Toks[tok].Start < sp.End {
			tok++
		}
		type hit struct {
			first, last int // token indexes
			start, end  int
			t           trigger
		}
		var hits []hit
		cands := x.triggersIn(first, tok)
		if dict := x.dictionaryTriggers(first, tok, cands); len(dict) > 0 {
			// A dictionary trigger on a lexicon trigger's verb replaces it.
			cands = slices.DeleteFunc(cands, func(c triggerHit) bool {
				return slices.ContainsFunc(dict, func(d triggerHit) bool { return d.first == c.first })
			})
			cands = append(cands, dict...)
		}
		for _, h := range cands {
			if !x.needMet(h, sp, sentence) {
				if h.t.orElse == nil {
					continue
				}
				// "agreed" without a treaty to sign is an agreement to
				// act: "Australia and Iran have agreed to establish a
				// mechanism".
				h.t = *h.t.orElse
				if !x.needMet(h, sp, sentence) {
					continue
				}
			}
			if h.t.need == needAudience && !x.audienceAfter(h.last+1) {
				continue // "address a number of issues" is no speech
			}
			if x.noEvent(h) {
				continue
			}
			if x.Quoted(h.start) && !(h.t.typ == kg.Signing && x.donePassive(h.first)) {
				// Reported speech tells what the speaker says, not what the
				// article reports; but a speaker who says papers "have
				// been signed" reports a signing done.
				continue
			}
			if x.verbal(h.first) && x.conditional(h.first) {
				// "If Biden meets Putin in June, …" is no plan, only a
				// condition; "if the Soviets approached the talks …" still
				// names talks that are real.
				continue
			}
			if x.inOpinion(h.first) && h.t.typ != kg.Statement {
				continue // "argued that … forcing them to interact … was a necessity" is an opinion
			}
			if x.inName(h.start, kg.Organization) || x.inName(h.start, kg.Treaty) {
				continue // "the Conference on Disarmament" is a body, not a conference; a "Joint Declaration" a treaty
			}
			h.t.cameo = x.codeOf(h, first, tok)
			hits = append(hits, hit{h.first, h.last, h.start, h.end, h.t})
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
			em := &eventMention{typ: h.t.typ, start: h.start, end: h.end, sent: si, ownDate: h.t.ownDate, label: h.t.label, cameo: h.t.cameo, verb: !h.t.nominal}
			var relClause text.Span // a relative clause on the subject, whose names are not this event's
			if em.typ == kg.Talks && !h.t.nominal && x.Toks.CueIn(phoneCue, h.end, sp.End) {
				// "spoke with … Mohammed bin Salman yesterday on the
				// phone": talks by telephone are a call.
				em.typ, em.cameo = kg.Call, "041"
			}
			if h.t.nominal {
				switch x.determiner(h.first) {
				case "the":
					em.anaphor = true
				case "this", "that":
					em.anaphor, em.demonstrative = true, true
				}
				em.past = x.pastModifier(h.first)
			}
			em.past = em.past || x.pastClause(h.first)
			em.perfect = !h.t.nominal && x.perfect(h.first) && x.clauseHas(sp.Start, h.start, "already", "previously", "long", "earlier", "once")
			em.lasted = x.lastedBefore(h.first)
			owned := x.possessorOf(h.start)
			if owned != nil && h.t.nominal {
				em.anaphor = true // "Nakasone's visit": a visit the story knows
			}
			if k+1 < len(hits) {
				// A possessor right before the next trigger is that
				// event's ("in preparation for Abe's visit").
				if p := x.possessorOf(hits[k+1].start); p != nil {
					winEnd = min(winEnd, p.Start)
				}
			}
			by := x.agentsAfter(h.end, winEnd)
			author := x.firstPersonIn(winStart, winEnd, h.first)
			if author == "" {
				// "I will also have a private audience with … and have
				// discussions with …", "I visited New Zealand … for talks
				// with …": the sentence's first person.
				author = x.firstPersonIn(sp.Start, winEnd, h.first)
			}
			if author == "" && x.verbal(h.first) && x.Author != "" && !x.subjectBefore(sp.Start, h.start) {
				// "… and meet Prime Minister Major": a release's verb
				// without a subject is its author's.
				author = x.Author
			}
			switch {
			case author != "" && (h.t.typ == kg.Visit || h.t.typ == kg.Meeting || h.t.typ == kg.Talks || h.t.typ == kg.Call || h.t.typ == kg.Conference || h.t.typ == kg.Statement):
				// "I will visit …", "my meetings with …" in a minister's
				// release: the author takes part, with those named after
				// the trigger and those joined to "I" before it ("Dr
				// Kharrazi and I discussed"), not others the window names
				// ("This successful visit, the first by an Iranian Foreign
				// Minister …, reciprocated my visit to Iran").
				from := h.start
				if lead := x.Text[winStart:h.start]; strings.Contains(lead, " and I ") || strings.HasPrefix(lead, "I and ") || strings.Contains(lead, " and I") && strings.HasSuffix(strings.TrimSpace(lead), "and I") {
					from = winStart
				}
				em.participants = append([]string{author}, x.actorsIn(from, winEnd, kg.Person, kg.Organization, kg.State)...)
				for _, m := range x.MentionsIn(winStart, from) {
					if x.Ents[m.ID].Kind == kg.State && x.afterPreposition(m.Start) && strings.HasSuffix(strings.ToLower(strings.TrimSpace(x.Text[max(0, m.Start-4):m.Start])), "in") {
						em.participants = append(em.participants, m.ID) // "In Spain, … I will meet …": the host
					}
				}
				em.participants = slices.Compact(em.participants)
			case len(by) > 0:
				em.participants = by
			case h.t.typ == kg.Statement && speaker != "":
				// "In a joint statement, Chirac and Reagan said": all
				// who say it.
				em.participants = x.coSpeakers(sp, speaker)
			case owned != nil:
				em.participants = []string{owned.ID}
				em.participants = append(em.participants, x.actorsIn(h.end, winEnd, kg.Person)...)
			default:
				// Someone named as the agent of another verb ("the idea,
				// first proposed by … Francois Guillaume, during his
				// visit") does not take part.
				from := winStart
				if k > 0 && x.coordinated(h.first) {
					// "… hold talks with … Thatcher and meet Queen Elizabeth":
					// the first verb's object is not the second's; its
					// subject is shared below.
					from = h.start
				}
				em.participants = slices.DeleteFunc(x.actorsIn(from, winEnd, kg.Person), func(id string) bool {
					return x.agentOfOther(id, winStart, winEnd, h.end) || x.sourceOnly(id, winStart, winEnd) ||
						// "to visit Prime Minister Kishida's hometown": whose
						// place is visited receives the visit, not makes it.
						h.t.typ == kg.Visit && x.ownerAfter(id, h.end, winEnd)
				})
				if speaker != "" && x.speaksBefore(speaker, h.start) {
					// "Matsuda said … the results of talks between the
					// two leaders": who reports an event is not in it.
					em.participants = slices.DeleteFunc(em.participants, func(id string) bool { return id == speaker })
				}
				if p := x.pronounSubject(sp.Start, h.start); p != "" && !slices.Contains(em.participants, p) && (x.verbal(h.first) || x.attendedIn(h.first) || x.lightObject(h.first)) {
					// "She was scheduled to … meet with President Moi",
					// "He also explored these issues in a meeting with
					// …"; but in "he was optimistic about talks between
					// …" the pronoun is not the talks' subject.
					em.participants = append([]string{p}, em.participants...)
				}
				if subj, rel := x.personBeforeRelative(sp.Start, h.start); (x.verbal(h.first) || x.lightObject(h.first)) && k > 0 && len(subj) > 0 && h.start > rel.End && (gathering(h.t.typ) || h.t.typ == kg.Visit || h.t.typ == kg.Call) {
					relClause = rel
					// "Prime Minister Narendra Modi, who visited Washington
					// in 2019, met President Joe Biden": the subject before
					// the relative clause, which an earlier trigger's
					// window took, meets; who the clause names does not
					// ("Modi, who met Xi Jinping in 2019, visited Japan").
					em.participants = slices.DeleteFunc(em.participants, func(id string) bool {
						return !slices.ContainsFunc(x.MentionsIn(rel.End, sp.End), func(m doc.Mention) bool { return m.ID == id })
					})
					for _, p := range subj {
						if !slices.Contains(em.participants, p) {
							em.participants = append([]string{p}, em.participants...)
						}
					}
				}
				if len(em.participants) == 0 {
					// States and organizations act as subjects before the
					// trigger ("Japan and Russia held talks"), inside it
					// ("turned to the United States for assistance") or
					// as its partners right after it ("talks with Japan").
					em.participants = x.actorsIn(winStart, h.end, kg.State, kg.Organization)
					if len(em.participants) > 0 || x.partnerCue(h.end) || h.t.typ == kg.Visit && x.verbal(h.first) {
						// … and for a visit its destination: "visited
						// New Zealand".
						em.participants = append(em.participants, x.actorsIn(h.end, min(winEnd, h.end+40), kg.State, kg.Organization)...)
					}
				}
			}
			if x.Author == "" && h.t.nominal && h.first > 0 && (x.Toks[h.first-1].Key == "my" || x.Toks[h.first-1].Key == "our") {
				// "I also briefed Mr Goff on my visit to …" by an author
				// the text does not name: who took part is unknown.
				em.participants = nil
			}

			if h.t.label == "Attack" && h.t.need == needPredicate {
				// An attack is by the actor right before it on the one
				// right after: "the Soviets invaded Afghanistan".
				em.participants = x.attackSides(sp.Start, winEnd, h.start, h.end)
			}
			if h.t.label == "Attack" && h.t.nominal {
				if a := x.modifierActor(h.first); a != "" {
					// "NATO airstrikes", "US air strikes against Iraq":
					// the modifier attacks, and what follows "on" or
					// "against" is attacked; others the sentence names
					// ("Yeltsin objected to … NATO airstrikes") do not
					// take part.
					em.participants = []string{a}
					if x.partnerAt(h.last+1, "on", "against") {
						em.participants = doc.Union(em.participants, firstOf(x.actorsIn(h.end, min(winEnd, h.end+40), kg.State, kg.Organization)))
					}
				}
			}
			if subj, past := x.introSubject(sp, h.first); len(subj) > 0 && h.t.nominal && h.t.label == "" {
				// "In their joint statement issued after the talks,
				// Yeltsin and Kuchma called for …": an event in the
				// phrase that opens a sentence is its subject's.
				em.participants = doc.Union(subj, em.participants)
				em.past = em.past || past
			}
			if p := x.possessivePronoun(h.first); p != "" && h.t.nominal && !slices.Contains(em.participants, p) {
				// "his visit to Washington": the person the story is on.
				em.participants = append([]string{p}, em.participants...)
			}
			if subj := x.subjectActor(h.first); h.t.states && (subj == "" || x.Ents[subj].Kind != kg.Person) {
				// The states and bodies of the trigger's clause: ", and the
				// Ukrainian parliament has already ratified it"; but a
				// person right before the verb acts himself ("after Trump
				// agreed to recognize Morocco's sovereignty").
				from := winStart
				if i := strings.LastIndexAny(x.Text[winStart:h.start], ",;"); i >= 0 {
					from += i + 1
				}
				if st := x.actorsIn(from, winEnd, kg.State, kg.Organization); len(st) > 0 {
					em.participants = st
				}
			}
			if h.t.label == "Accession" {
				// The states that join and the alliance they join:
				// "admit Greece and Turkey to NATO", "added the
				// Federal Republic of Germany".
				if h.t.need == needMember {
					em.participants = append(firstOf(x.actorsIn(h.end, min(winEnd, h.end+60), kg.State)), x.internationalIn(sp.Start, sp.End)...)
				} else {
					em.participants = x.actorsIn(winStart, winEnd, kg.State, kg.Organization)
					if len(x.actorsIn(winStart, winEnd, kg.State)) == 0 {
						// "Poland, the Czech Republic and Hungary, who were
						// invited to join NATO …, will officially join NATO":
						// the subject before a relative clause.
						em.participants = doc.Union(x.subjectBeforeRelative(sp.Start, h.start), em.participants)
					}
				}
			}
			if k > 0 && len(all) > 0 && all[len(all)-1].sent == si && len(all[len(all)-1].participants) > 0 &&
				(x.coordinated(h.first) || all[len(all)-1].typ == kg.Visit && x.purpose(h.first)) {
				// "Nakasone will make a visit … and hold talks with
				// President Reagan": the first verb's subject is the
				// second's.
				prev := all[len(all)-1]
				if subj := x.subjectOf(prev, sp); subj != "" && !slices.Contains(em.participants, subj) {
					em.participants = append([]string{subj}, em.participants...)
				}
			}
			if prev := lastIn(all, si); prev != nil && prev.label == "Agreement" && len(em.participants) == 0 && x.purpose(h.first) {
				// "Japan and China agreed on Monday to hold a summit":
				// those who agree to meet are the ones who meet.
				em.participants = slices.Clone(prev.participants)
			}
			if h.t.nominal && gathering(h.t.typ) && x.partnerCue(h.end) && !slices.ContainsFunc(em.participants, func(id string) bool {
				return x.Ents[id].Kind == kg.Person && slices.ContainsFunc(x.MentionsIn(sp.Start, h.start), func(m doc.Mention) bool { return m.ID == id })
			}) {
				// "Blinken tweeted … after a meeting with Prime Minister
				// James Marape": the sentence's subject meets the partner.
				if subj := x.sentenceSubject(sp, h.start); subj != "" && !slices.Contains(em.participants, subj) {
					em.participants = append([]string{subj}, em.participants...)
				}
			}
			if pair := x.pluralAnaphor(winStart, winEnd, h.first, all); pair != nil {
				// "the two leaders", "The two concluded …": those of
				// the last event reported with two or more.
				em.participants = pair
			}
			dest := ""
			placeAfter := false // a place the text names after a visit's trigger
			if h.t.typ == kg.Visit {
				dest = x.visitDestination(h.end, winEnd)
				placeAfter = slices.ContainsFunc(x.MentionsIn(h.start, winEnd), func(m doc.Mention) bool { return m.Place && x.venue(m.ID) })
			}
			for _, m := range x.MentionsIn(winStart, winEnd) {
				if m.Start >= relClause.Start && m.End <= relClause.End {
					continue // "Saddam Hussein, who presided over a meeting … in Baghdad …, visited … Mosul"
				}
				if m.Place && m.End <= h.start && placeAfter && h.t.typ == kg.Visit {
					continue // "QUITO, April 30 — Castillo arrived in the southern city of Loja": the visit went where the trigger says
				}
				if m.Place && m.End <= datelineEnd && dest != "" && x.PlaceIn[m.ID].State != dest {
					// The dateline says where the story was filed, not
					// where a visit to another state went: "OSLO — …
					// visited Finland" is no visit to Oslo.
					continue
				}
				if m.Place && !slices.Contains(em.places, m.ID) && x.venue(m.ID) {
					em.places = append(em.places, m.ID)
					if h.t.typ == kg.Visit && m.Start > h.start && x.destination(m.Start) {
						// The host of a visit takes part in it when the
						// article names it: a visit to Rome is a visit
						// to Italy.
						if id := kg.EntityID(kg.State, x.PlaceIn[m.ID].State); x.Ents[id] != nil && !x.visitorOf(em.participants, x.Ents[id].Name) {
							em.participants = doc.Union(em.participants, []string{id})
							em.hosts = doc.Union(em.hosts, []string{id})
						}
					}
				}
				if x.Ents[m.ID].Kind == kg.Treaty && !slices.Contains(em.treaties, m.ID) {
					em.treaties = append(em.treaties, m.ID)
				}
			}
			if h.t.typ == kg.Visit && len(em.participants) > 0 {
				// A state named as the destination is the host: "visited
				// Australia", "a visit to Japan", "went to Saudi Arabia".
				if id := x.stateDestination(h.last + 1); id != "" && !x.visitorOf(em.participants, x.Ents[id].Name) {
					em.participants = doc.Union(em.participants, []string{id})
					em.hosts = doc.Union(em.hosts, []string{id})
				}
			}
			if len(em.participants) == 0 && (h.t.typ == kg.Signing || h.t.typ == kg.Talks) {
				// "the signing of the North Atlantic Treaty",
				// "negotiations began for the … Treaty": its parties.
				if t := x.mainTreaty(winStart, winEnd, h.start, h.end); t != "" {
					em.participants = x.partiesOf(t)
				}
			}
			if len(em.participants) == 0 && h.t.typ == kg.Signing && (x.passiveVerb(h.first) || h.first > 0 && x.Toks[h.first-1].Key == "the") {
				// "A package of about ten agreements … is expected to be
				// signed", "memoranda … have been signed": no agent, so
				// the states of the story's last meeting of two or more.
				em.participants = x.storyStates(all, si)
			}
			if h.t.bilateral && len(x.statesOf(em.participants)) < 2 {
				continue
			}
			treaty := x.mainTreaty(winStart, winEnd, h.start, h.end)
			dateEnd := winEnd
			if h.t.typ == kg.Signing && k+1 < len(hits) && x.signedPaper(h.last, hits[k+1].first, hits[k+1].start, hits[k+1].t) {
				// "signed a joint statement in April 2013": the statement
				// is the paper signed, and the time after it the signing's.
				dateEnd = sp.End
				if k+2 < len(hits) {
					dateEnd = hits[k+2].start
				}
			}
			if h.t.need == needComplement {
				dateEnd = h.end // "we agreed to explore them further … in August": August is the exploring's
			}
			// A time before "after" that a noun or a gerund follows
			// ("returned home Sunday after attending a … summit") does not
			// date that event; one a clause follows ("concluded on
			// Wednesday after the Netherlands gave its go-ahead") does.
			follows := h.t.nominal || strings.HasSuffix(x.Toks[h.first].Key, "ing")
			em.date, em.endD = x.dateIn(winStart, dateEnd, h.end, datelineEnd, treaty, follows)
			if em.date.IsZero() {
				// "In 1952, the members agreed to admit Greece and Turkey
				// to NATO": a time that opens the sentence holds for all
				// its events.
				em.date, em.endD = x.openingDate(sp, winStart, datelineEnd)
			}
			if em.date.IsZero() {
				// "Last night, President Obama called President Aquino",
				// "This morning during an official phone call": a part
				// of the story's day, which no date tagger dates.
				em.date = x.partOfDay(sp.Start, winEnd)
			}
			future := x.futureModal(h.first)
			if future {
				em.date, em.endD = x.yearSlip(em.date, em.endD)
			} else if x.pastVerb(h.first) || h.t.nominal && x.pastLightVerb(h.first) {
				em.date, em.endD = x.pastSlip(em.date, em.endD, h.end, dateEnd)
			}
			if h.t.ownDate && (em.date.IsZero() || !x.dateNear(h.start, h.end) && (h.t.nominal || !x.opensWith(sp, em.date))) {
				// Speech without a date of its own is the story's when a
				// named speaker makes it in news ("El-Sisi emphasised
				// …"), not when someone unnamed does ("officials
				// said") or at a time no calendar places ("said
				// earlier").
				spk := ""
				if h.t.typ == kg.Statement && !h.t.nominal && !x.Published.IsZero() && !x.vagueTime(h.start, h.end) && !x.perfect(h.first) {
					// "France has expressed doubts" is a stated policy,
					// not a statement made that day; "Aceto Corp said"
					// is business news.
					spk = x.speakerOf(h.start, h.end)
					if spk != "" && !x.publicSpeaker(spk) {
						spk = ""
					}
				}

				var group []string
				if spk == "" && h.t.typ == kg.Statement && !h.t.nominal && !x.Published.IsZero() && !x.perfect(h.first) {
					// "The leaders also noted …", "the two presidents
					// said": a group the story has named speaks.
					group = x.pluralAnaphor(x.Toks[max(first, h.first-4)].Start, h.start, h.first, all)
				}
				if spk == "" && len(group) < 2 {
					continue
				}
				em.speech = true
				em.date, em.endD = kg.Date{}, kg.Date{}
				if spk != "" {
					em.participants = x.coSpeakers(sp, spk)
				} else {
					em.participants = group
				}
			}
			if em.date.IsZero() && h.t.need == needSignedPaper && treaty != "" {
				// A signing is dated by the treaty it signs.
				em.date = x.Ents[treaty].Date
			}
			if em.date.IsZero() && si == x.ledeSentence() && !x.Published.IsZero() && !x.Toks.CueIn(futureCue, sp.Start, h.start) && (!x.attributed(sp, h.start, h.end) || h.t.typ == kg.Signing && x.perfect(h.first)) && !(follows && x.before(sp.Start, h.start)) {
				// News reports in its first sentence what happened on
				// the day of the dateline ("The United States and Turkey
				// signed …", "Chirac opened talks with President
				// Reagan"), unless it reports what a source said; but
				// what a source says "have signed" is news of the day
				// ("The Philippines and Japan have signed a reciprocal
				// access agreement …, an official said on Monday").
				em.date = x.ledeDate()
			}
			em.status = x.eventStatus(winStart, winEnd, h.start, em.date)
			if future && em.status == kg.Occurred && em.date.IsZero() {
				em.status = kg.Planned
			}
			if em.status == kg.Occurred && x.today(em.date) && (future || x.Toks.CueIn(futureCue, winStart, h.start) || h.t.nominal && x.purpose(h.first)) {
				// On the day of the story, what "will" happen, is
				// "expected" or is what a visitor came "for" is still
				// ahead: "Sybiha will visit Romania on Sept. 18",
				// "Putin has arrived in India for talks".
				em.status = kg.Planned
			}
			if h.t.nominal && x.aheadOf(h.first) {
				// "arrived in Hiroshima ahead of the G7 Summit": the
				// summit is still to come, soon but not that day.
				em.status = kg.Planned
				if em.date.Precision() == kg.PrecisionDay && !x.timeAfter(h.end, winEnd) {
					em.date, em.endD = kg.Month(em.date.First().Year(), em.date.First().Month()), kg.Date{}
				}
			}
			if (em.typ == kg.Summit || em.typ == kg.Conference) && h.t.nominal {
				// "the G20 summit", "the NATO summit": the body whose
				// summit it is takes part in it.
				if org := x.modifierActor(h.first); org != "" && x.Ents[org].Kind == kg.Organization && !slices.Contains(em.participants, org) {
					em.participants = append(em.participants, org)
				}
			}
			if em.typ == kg.Visit && h.t.cameo == "043" {
				// "Foreign Minister Wang Yi received Secretary of State
				// Antony Blinken": the subject hosts the visit.
				if host := x.subjectActor(h.first); host != "" && x.Ents[host].Kind == kg.Person && slices.Contains(em.participants, host) {
					em.hostedBy = []string{host}
				}
			}
			if directed(em.label) || em.typ == kg.Summons {
				em.targets = x.targetsOf(em, h.first, h.last, h.t.nominal, winEnd)
			}
			all = append(all, em)
			if g := x.gapped(em, h.end, winEnd); g != nil {
				all = append(all, g)
			}
		}
	}
	x.participantsNext(all)
	x.inheritDates(all)
	x.speechDates(all)
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

// lastIn returns the last mention in ms if it lies in sentence s.
func lastIn(ms []*eventMention, s int) *eventMention {
	if len(ms) == 0 || ms[len(ms)-1].sent != s {
		return nil
	}
	return ms[len(ms)-1]
}

// headNoun reports whether the noun at token i heads its phrase rather
// than modifying the next noun: "the blasts killed", "an attack on", not
// "bombing victims".
func (x rules) headNoun(i int) bool {
	if i+1 >= len(x.Toks) || x.TokSent[i+1] != x.TokSent[i] || strings.TrimSpace(x.Toks[i+1].Sep) != "" {
		return true
	}
	switch x.Toks[i+1].Key {
	case "in", "on", "at", "of", "against", "by", "that", "which", "killed", "kill", "killing", "destroyed", "hit",
		"was", "were", "is", "are", "has", "have", "had", "and", "or", "near", "outside", "inside", "targeting", "last", "this":
		return true
	}
	return false
}

// afterPreposition reports whether the word before byte off is a
// preposition: the name at off is then inside a phrase, not a subject.
func (x rules) afterPreposition(off int) bool {
	w := text.LowerWords(x.Text[max(0, off-6):off])
	if len(w) == 0 || strings.TrimSpace(x.Text[max(0, off-1):off]) != "" {
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
func (x rules) noEvent(h triggerHit) bool {
	i, last := h.first, h.last
	next := func(k int) string {
		if last+k < len(x.Toks) && x.TokSent[last+k] == x.TokSent[i] {
			return x.Toks[last+k].Key
		}
		return ""
	}
	prev := ""
	if i > 0 && x.TokSent[i-1] == x.TokSent[i] {
		prev = x.Toks[i-1].Key
	}
	switch {
	case x.Toks[i].Key == "declaration" && next(1) == "of":
		return true
	case x.Toks[i].Key == "met" && (prev == "was" || prev == "were" || prev == "been" || prev == "be" || prev == "is" || prev == "are"):
		return true // "the decision was met with suspicion"
	case x.negated(h.first):
		return true
	case h.t.nominal && (prev == "through" || prev == "via"):
		return true
	case meetForms[x.Toks[i].Key] && text.IsDeterminer(next(1)) && !x.actorWithin(last+1, 6):
		return true
	case h.t.nominal && (prev == "a" || prev == "an" || i > 1 && (x.Toks[i-2].Key == "a" || x.Toks[i-2].Key == "an")):
		for j := i - 1; j >= 0 && j >= i-4 && x.TokSent[j] == x.TokSent[i]; j-- {
			if proposing[x.Toks[j].Key] {
				return true
			}
		}
	}
	return false
}

// relationsCue names what states break off or suspend.
var relationsCue = text.NewCues("relations|ties|diplomatic contacts")

// needMet reports whether sentence sp holds what the trigger hit h needs
// to report an event (see triggerNeed).
func (x rules) needMet(h triggerHit, sp text.Span, sentence string) bool {
	switch h.t.need {
	case needSignedPaper:
		if !x.treatyIn(sp.Start, sp.End) && !signedPaper.MatchString(sentence) {
			return false
		}
	case needAmbassador:
		if !headsOfMission.MatchString(sentence) {
			return false
		}
	case needInternational:
		if !x.joinsOrganization(sp.Start, sp.End) {
			return false // "joined" means accession only to an alliance or union
		}
	case needTreaty:
		if !x.treatyIn(sp.Start, sp.End) {
			return false
		}
	case needDestination:
		if !x.destinationAt(h.last + 1) {
			return false // "going to discuss" is a future
		}
	case needRelations:
		if !x.Toks.CueIn(relationsCue, sp.Start, sp.End) {
			return false // "cut off supplies"
		}
	case needPartner:
		if h.first > 0 && x.Toks[h.first-1].Key == "to" || !x.partnerAfter(h.last+1) && !x.pairBefore(sp.Start, h.start) && !x.pairSubject(sp.Start, h.start) {
			return false // "to discuss" is a visit's purpose; "discussed the issue" alone is no talks
		}
	case needRatifiable:
		if !x.treatyIn(sp.Start, sp.End) && !x.joinsOrganization(sp.Start, sp.End) && !x.Toks.CueIn(agreementCue, sp.Start, sp.End) {
			return false // "approved a budget"
		}
		if h.first > 0 && text.IsDeterminer(x.Toks[h.first-1].Key) || x.hypothetical(sp.Start, h.start) {
			return false // "the ratified Harris Treaty"
		}
	case needComplement:
		if h.last+1 >= len(x.Toks) || x.TokSent[h.last+1] != x.TokSent[h.first] || h.first > 0 && text.IsDeterminer(x.Toks[h.first-1].Key) {
			return false
		}
		switch x.Toks[h.last+1].Key {
		case "to", "that", "on", "upon", "not":
		default:
			return false
		}
	case needAgreement:
		if !x.agreementAfter(h.last + 1) {
			return false // "concluded a series of bilateral talks" ended them
		}
	case needHead:
		if !x.headNoun(h.last) {
			return false // "bombing victims" are people
		}
	case needPredicate:
		if h.first > 0 && text.IsDeterminer(x.Toks[h.first-1].Key) || x.hypothetical(sp.Start, h.start) {
			return false
		}
	case needMember:
		if !x.joinsOrganization(sp.Start, sp.End) || !x.stateAfter(h.last+1) {
			return false // "he added" is speech
		}
	case needGuest:
		if end := x.objectEnd(h.last+1, x.Toks.At(sp.End)); end == h.last+1 {
			return false // "received a letter", "hosted a dinner"
		}
	}
	return true
}

// agreementCue finds agreements the text does not name: "ratified the
// agreement", "approved the enlargement".
var agreementCue = text.NewCues("agreement|agreements|treaty|treaties|accord|accords|pact|protocol|convention|enlargement|accession|membership")

// destinationAt reports whether a state or a place is named at token i,
// or after an article: "went to Saudi Arabia", "came to Yalta".
func (x rules) destinationAt(i int) bool {
	if i < len(x.Toks) && x.Toks[i].Key == "the" {
		i++
	}
	if i >= len(x.Toks) || i == 0 || x.TokSent[i] != x.TokSent[i-1] {
		return false
	}
	for _, m := range x.MentionsAt(x.Toks[i].Start) {
		if k := x.Ents[m.ID].Kind; k == kg.State || k == kg.Place {
			return true
		}
	}
	return false
}

// ownerAfter reports whether person id is named in [start, end) only as
// the owner of something ("Kishida's hometown").
func (x rules) ownerAfter(id string, start, end int) bool {
	owner := false
	for _, m := range x.MentionsIn(start, end) {
		if m.ID == id {
			if !m.Possessive {
				return false
			}
			owner = true
		}
	}
	return owner
}

// phoneCue says that talks went over a telephone or a video link.
var phoneCue = text.NewCues("on the phone|by phone|over the phone|by telephone|on the telephone|over the telephone|by video link|by videoconference|via video link")

// signedPaper reports whether the trigger t at token first (byte start),
// a few words after a signing verb that ends at token last, is the paper
// signed: "signed a joint statement".
func (x rules) signedPaper(last, first, start int, t trigger) bool {
	return t.typ == kg.Statement && t.nominal && first > last && first-last <= 4 &&
		!strings.ContainsAny(x.Text[x.Toks[last].End:start], ",;:")
}

// aheadOf reports whether the noun at token i follows "ahead of" (an
// article or a name between): "ahead of the G7 Summit".
func (x rules) aheadOf(i int) bool {
	for j := i - 1; j >= 1 && j >= i-4 && x.TokSent[j] == x.TokSent[i]; j-- {
		if x.Toks[j].Key == "of" && x.Toks[j-1].Key == "ahead" {
			return true
		}
		if strings.ContainsAny(x.Toks[j].Sep, ",;:") {
			return false
		}
	}
	return false
}

// timeAfter reports whether a dated time lies between byte off and end.
func (x rules) timeAfter(off, end int) bool {
	for _, t := range x.Timexes {
		if t.Start >= off && t.End <= end && !t.Date.IsZero() {
			return true
		}
	}
	return false
}

// visitDestination returns the state a visit's trigger (ending at byte
// end) names as where it goes, before winEnd: a state or a place right
// after the trigger ("visited Finland") or after "to", "in" or "for"
// ("came to Norway", "arrived in Helsinki"); "" when it names none.
func (x rules) visitDestination(end, winEnd int) string {
	for _, m := range x.MentionsIn(end, winEnd) {
		if !x.destination(m.Start) && strings.TrimSpace(x.Text[end:m.Start]) != "" {
			continue
		}
		switch e := x.Ents[m.ID]; e.Kind {
		case kg.State:
			return e.Name
		case kg.Place:
			return x.PlaceIn[m.ID].State
		}
	}
	return ""
}

// partnerAfter reports whether the clause from token i on names a partner
// after "with": "discussed … with Stalin", "discussed this … with my
// colleague …, Philip Ruddock".
func (x rules) partnerAfter(i int) bool {
	for j := i; j < len(x.Toks) && j < i+12 && x.TokSent[j] == x.TokSent[i-1]; j++ {
		if j > i && strings.ContainsAny(x.Toks[j].Sep, ";:") {
			return false
		}
		if x.Toks[j].Key == "with" && x.actorWithin(j+1, 8) {
			return true
		}
	}
	return false
}

// pairBefore reports whether the subject right before off is a pair
// joined by "and" ("Dr Kharrazi and I discussed", "China and Israel …
// discussed"): an actor, "and", and an actor or "I".
func (x rules) pairBefore(start, off int) bool {
	lead := x.Text[start:off]
	if i := strings.LastIndexAny(lead, ",;"); i >= 0 {
		start += i + 1 // the clause's subject: "At Reykjavik in October 1986, Reagan and Gorbachev discussed"
	}
	ms := x.actorsIn(start, off, kg.Person, kg.State, kg.Organization)
	if len(ms) >= 2 {
		return true
	}
	return len(ms) == 1 && x.firstPersonIn(start, off, -10) != ""
}

// participantsNext gives a gathering that its sentence dates and places
// but names nobody at the people of the next sentence when that sentence
// opens at the gathering ("The Yalta Conference took place … from
// February 4–11, 1945 … At Yalta, U.S. President Franklin D. Roosevelt,
// … Winston Churchill, and … Joseph Stalin made important decisions"):
// by its place, by the gathering itself ("At the conference") or by
// "There", and reports no event of its own. A history or a report
// introduces a gathering first and its members next.
func (x rules) participantsNext(ms []*eventMention) {
	for k, m := range ms {
		switch m.typ {
		case kg.Conference, kg.Summit, kg.Meeting, kg.Talks:
		default:
			continue
		}
		if len(m.participants) > 0 || m.date.IsZero() || m.sent+1 >= len(x.Sents) {
			continue
		}
		next := m.sent + 1
		if k+1 < len(ms) && ms[k+1].sent == next || !x.opensAt(next, m) {
			continue
		}
		sp := x.Sents[next]
		m.participants = x.actorsIn(sp.Start, sp.End, kg.Person)
		if len(m.participants) == 0 {
			m.participants = x.actorsIn(sp.Start, sp.End, kg.State, kg.Organization)
		}
	}
}

// opensAt reports whether sentence s opens at the gathering m: "At
// Yalta,", "At the conference,", "There,".
func (x rules) opensAt(s int, m *eventMention) bool {
	i := x.Toks.At(x.Sents[s].Start)
	if i+1 >= len(x.Toks) || x.TokSent[i] != s {
		return false
	}
	switch x.Toks[i].Key {
	case "there":
		return true
	case "at", "during", "in":
	default:
		return false
	}
	next := x.Toks[i+1]
	if next.Key == "the" && i+2 < len(x.Toks) {
		if t, ok := nounTypes[x.Toks[i+2].Key]; ok && t == m.typ {
			return true
		}
	}
	for _, p := range m.places {
		for _, pm := range x.Mentions {
			if pm.ID == p && pm.Start == next.Start {
				return true
			}
		}
	}
	return false
}

// nounTypes are the nouns that refer back to a gathering of their type.
var nounTypes = map[string]kg.EventType{
	"conference": kg.Conference, "summit": kg.Summit, "meeting": kg.Meeting, "talks": kg.Talks, "negotiations": kg.Talks,
}

// stateDestination returns the state named at token i, after "to" or
// "in" and an article: the destination of a visit verb or noun before it.
func (x rules) stateDestination(i int) string {
	for n := 0; n < 2 && i < len(x.Toks) && i > 0 && x.TokSent[i] == x.TokSent[i-1]; n++ {
		switch x.Toks[i].Key {
		case "to", "in", "the":
			i++
		}
	}
	if i >= len(x.Toks) || i == 0 || x.TokSent[i] != x.TokSent[i-1] {
		return ""
	}
	for _, m := range x.MentionsAt(x.Toks[i].Start) {
		if !m.Place && !m.Possessive && x.Ents[m.ID].Kind == kg.State {
			return m.ID
		}
	}
	return ""
}

// gapped returns the second event of a gapped coordination, where the
// verb is said once for two subjects and two times: "King Faisal visited
// in 1967 and King Khaled in 1981". After the trigger ending at trig and
// a date of its own, "and", a person and a date follow with no verb; the
// person is taken out of m and is the one participant of the copy, dated
// by the second date. It returns nil for any other sentence.
func (x rules) gapped(m *eventMention, trig, end int) *eventMention {
	if m.inherited || m.date.IsZero() {
		return nil
	}
	var first, second *timex.Timex
	for i := range x.Timexes {
		t := &x.Timexes[i]
		if t.Start < trig || t.End > end || t.Date.IsZero() {
			continue
		}
		if first == nil {
			first = t
		} else {
			second = t
			break
		}
	}
	if first == nil || second == nil || first.Date != m.date {
		return nil
	}
	between := x.MentionsIn(first.End, second.Start)
	words := text.LowerWords(x.Text[first.End:second.Start])
	if len(between) != 1 || x.Ents[between[0].ID].Kind != kg.Person || len(words) == 0 || strings.Trim(words[0], ",") != "and" {
		return nil
	}
	p := between[0]
	rest := text.LowerWords(x.Text[p.End:second.Start])
	if len(rest) != 1 || rest[0] != "in" && rest[0] != "on" {
		return nil // a verb of its own follows: no gap
	}
	g := *m
	g.participants = []string{p.ID}
	g.date, g.endD = second.Date, second.EndDate
	g.status = x.eventStatus(first.End, end, p.End, g.date)
	m.participants = slices.DeleteFunc(slices.Clone(m.participants), func(id string) bool { return id == p.ID })
	return &g
}

// subjectOf returns the person among the participants of m named before
// its trigger in sentence sp, its subject ("The Saudi leader will hold
// talks with Prime Minister Margaret Thatcher and meet …": the Saudi
// leader, not Thatcher), or "".
func (x rules) subjectOf(m *eventMention, sp text.Span) string {
	for _, mm := range x.MentionsIn(sp.Start, m.start) {
		if x.Ents[mm.ID].Kind == kg.Person && slices.Contains(m.participants, mm.ID) {
			return mm.ID
		}
	}
	return ""
}

// subjectBeforeRelative returns the states and bodies named before a
// relative clause ("…, who were …," or "…, which …,") that closes in
// [start, trig): the subject of the verb at trig.
func (x rules) subjectBeforeRelative(start, trig int) []string {
	lead := x.Text[start:trig]
	for _, rel := range []string{", who ", ", which "} {
		if i := strings.Index(lead, rel); i >= 0 && strings.Contains(lead[i+len(rel):], ",") {
			return x.actorsIn(start, start+i, kg.State, kg.Organization)
		}
	}
	return nil
}

// personBeforeRelative returns the people who open the sentence from
// start before a relative clause between commas that ends before trig
// (", who visited Washington in 2019,"), and the clause.
func (x rules) personBeforeRelative(start, trig int) ([]string, text.Span) {
	lead := x.Text[start:trig]
	i := strings.Index(lead, ", who ")
	if i < 0 || len(strings.Fields(lead[:i])) > 6 {
		return nil, text.Span{}
	}
	j := strings.Index(lead[i+len(", who "):], ",")
	if j < 0 {
		return nil, text.Span{}
	}
	rel := text.Span{Start: start + i, End: start + i + len(", who ") + j + 1}
	return x.actorsIn(start, start+i, kg.Person), rel
}

// introPrepositions open the phrase of time or place that may precede a
// sentence's subject.
var introPrepositions = map[string]bool{"in": true, "at": true, "during": true, "after": true, "following": true, "before": true, "on": true}

// introSubject returns, when the token at i lies in a prepositional phrase
// that opens sentence sp and ends at its first comma ("In a joint
// statement, Chirac and Reagan said"), the people, states and bodies that
// open the main clause after that comma, joined by "and", and whether
// their verb is in the past tense.
func (x rules) introSubject(sp text.Span, i int) ([]string, bool) {
	first := x.Toks.At(sp.Start)
	if first >= len(x.Toks) || !introPrepositions[x.Toks[first].Key] || i <= first {
		return nil, false
	}
	comma := -1
	for j := first + 1; j < len(x.Toks) && x.TokSent[j] == x.TokSent[first]; j++ {
		if strings.Contains(x.Toks[j].Sep, ",") {
			comma = j
			break
		}
	}
	if comma <= i || comma-first > 12 {
		return nil, false
	}
	for j := first + 1; j < comma; j++ {
		switch x.Toks[j].Key {
		case "i", "we", "he", "she", "they", "will", "would", "shall", "is", "are", "was", "were":
			return nil, false // a clause, not a phrase: "During my visit to Rome I will also have …"
		}
	}
	at := x.Toks[comma].Start
	var out []string
	for _, m := range x.MentionsIn(at, sp.End) {
		if m.Start < at {
			continue
		}
		gap := x.Text[at:m.Start]
		if k := x.Ents[m.ID].Kind; m.Place || k != kg.Person && k != kg.State && k != kg.Organization ||
			len(out) == 0 && strings.TrimSpace(gap) != "" && !unicode.IsUpper(text.FirstRune(strings.TrimSpace(gap))) ||
			len(out) > 0 && !joinsNames(gap) {
			break
		}
		out = append(out, m.ID)
		at = m.End
	}
	if len(out) == 0 {
		return nil, false
	}
	v := x.Toks.At(at)
	past := v < len(x.Toks) && x.TokSent[v] == x.TokSent[first] &&
		(pastForms[x.Toks[v].Key] || x.Toks[v].Key == "said" || x.Toks[v].Key == "told" ||
			strings.HasSuffix(x.Toks[v].Key, "ed") && x.Toks[v].Text == x.Toks[v].Key)
	return out, past
}

// purpose reports whether the event noun at token i is introduced by
// "for", or "to" and a light verb, as the purpose of what comes before
// it: "would go to Moscow next month for talks", "arrived … for a meeting
// with …", "will visit Romania to hold bilateral negotiations".
func (x rules) purpose(i int) bool {
	for j := i - 1; j >= 0 && j >= i-4 && x.TokSent[j] == x.TokSent[i]; j-- {
		switch k := x.Toks[j].Key; {
		case k == "for":
			return true
		case k == "to" && j+1 < i && lightVerbObjects[x.Toks[j+1].Key]:
			return true // "will visit Romania to hold bilateral negotiations"
		case text.IsDeterminer(k) || !x.Toks[j].Upper() && !text.IsFunctionWord(k):
		default:
			return false
		}
	}
	return false
}

// lightVerbObjects are the verbs whose object is an event their subject
// takes part in: "hold talks", "undertake a series of discussions".
var lightVerbObjects = map[string]bool{
	"hold": true, "held": true, "holds": true, "holding": true, "have": true, "had": true, "has": true,
	"conduct": true, "conducted": true, "undertake": true, "undertook": true, "undertaken": true,
	"begin": true, "began": true, "begins": true, "begun": true, "open": true, "opened": true, "opens": true,
	"start": true, "started": true, "resume": true, "resumed": true, "attend": true, "attended": true, "attends": true,
	"make": true, "made": true, "makes": true, "pay": true, "paid": true, "pays": true,
}

// pastLightVerb reports whether the event noun at token i is the object
// of a light verb in a past tense: "paid a two-day state visit", "held
// talks".
func (x rules) pastLightVerb(i int) bool {
	for j := i - 1; j >= 0 && j >= i-6 && x.TokSent[j] == x.TokSent[i]; j-- {
		if lightVerbObjects[x.Toks[j].Key] {
			return x.pastVerb(j)
		}
		if strings.ContainsAny(x.Toks[j+1].Sep, ",;:") {
			return false
		}
	}
	return false
}

// lightObject reports whether the event noun at token i is the object of a
// light verb within the five words before it in its clause: "will
// undertake a wide-ranging series of discussions", "paid a visit".
func (x rules) lightObject(i int) bool {
	for j := i - 1; j >= 0 && j >= i-6 && x.TokSent[j] == x.TokSent[i]; j-- {
		if lightVerbObjects[x.Toks[j].Key] {
			return true
		}
		if strings.ContainsAny(x.Toks[j+1].Sep, ",;:") {
			return false
		}
	}
	return false
}

// agreementNouns head the phrases that name what states conclude, sign
// or ratify.
var agreementNouns = map[string]bool{
	"agreement": true, "agreements": true, "treaty": true, "treaties": true, "accord": true, "accords": true,
	"pact": true, "pacts": true, "deal": true, "deals": true, "convention": true, "conventions": true,
	"protocol": true, "protocols": true, "alliance": true, "armistice": true, "truce": true, "ceasefire": true,
	"memorandum": true, "charter": true, "declaration": true, "communique": true, "contract": true, "contracts": true,
}

// agreementAfter reports whether the object of the verb before token i is
// an agreement: a treaty named, or a phrase headed by an agreement noun,
// within the next five words of the sentence.
func (x rules) agreementAfter(i int) bool {
	for j := i; j < len(x.Toks) && j < i+5 && x.TokSent[j] == x.TokSent[i-1]; j++ {
		if agreementNouns[x.Toks[j].Key] || x.inName(x.Toks[j].Start, kg.Treaty) {
			return true
		}
		if j > i && strings.ContainsAny(x.Toks[j].Sep, ",;:") {
			return false
		}
	}
	return false
}

// agentOfOther reports whether every mention of id in [start, end) is
// the agent of a participle that modifies another noun: right after "by"
// (and a title) after a participle with no auxiliary ("the idea, first
// proposed by …"). The agent of the clause's own passive ("The
// negotiations … were brokered in part by …") and "by" right after the
// trigger ("a statement by …") are not.
func (x rules) agentOfOther(id string, start, end, trig int) bool {
	found := false
	for _, m := range x.MentionsIn(start, end) {
		if m.ID != id {
			continue
		}
		j := x.Toks.At(m.Start) - 1
		for j >= 0 && x.Toks[j].Upper() && x.TokSent[j] == x.TokSent[x.Toks.At(m.Start)] {
			j-- // the title: "by French Agriculture Minister Francois Guillaume"
		}
		if j < 0 || x.Toks[j].Key != "by" || x.Toks[j].Start-trig <= 2 && x.Toks[j].Start >= trig {
			return false
		}
		v := j - 1
		for v >= 0 && (x.Toks[v].Key == "in" || x.Toks[v].Key == "part" || strings.HasSuffix(x.Toks[v].Key, "ly")) {
			v-- // "brokered in part by", "jointly sponsored by"
		}
		if v < 1 || !strings.HasSuffix(x.Toks[v].Key, "ed") && !irregularParticiples[x.Toks[v].Key] {
			return false
		}
		if headsParty(x.Toks[v].Key) && v >= 2 && partyNouns[x.Toks[v-1].Key] {
			return false // "a delegation led by Defence Minister Asif arrived": who heads it takes part
		}
		switch x.Toks[v-1].Key {
		case "was", "were", "is", "are", "be", "been", "being":
			return false
		}
		found = true
	}
	return found
}

// sourceOnly reports whether every mention of id in [start, end) names
// who reports the event, not who takes part: "According to Sanda, the
// Minister is expected to meet …".
func (x rules) sourceOnly(id string, start, end int) bool {
	found := false
	for _, m := range x.MentionsIn(start, end) {
		if m.ID != id {
			continue
		}
		j := x.Toks.At(m.Start) - 1
		for j >= 0 && x.Toks[j].Upper() && x.TokSent[j] == x.TokSent[x.Toks.At(m.Start)] {
			j-- // a title: "according to Special Assistant Sarah Sanda"
		}
		if j < 1 || x.Toks[j].Key != "to" || x.Toks[j-1].Key != "according" {
			return false
		}
		found = true
	}
	return found
}

// partyNouns are the groups that travel or meet under a named head: "a
// delegation, headed by …", "the team led by …".
var partyNouns = map[string]bool{"delegation": true, "delegations": true, "team": true, "mission": true, "party": true, "group": true}

// headsParty reports whether a participle names the head of a party:
// "led", "headed".
func headsParty(k string) bool { return k == "led" || k == "headed" || k == "chaired" }

// irregularParticiples are past participles not in "-ed" that take an
// agent with "by".
var irregularParticiples = map[string]bool{
	"sent": true, "made": true, "given": true, "taken": true, "written": true, "held": true, "led": true,
	"brought": true, "set": true, "put": true, "won": true, "drawn": true, "chosen": true, "told": true,
}

// attendedIn reports whether the event noun at token i heads a phrase of
// place or time in which its clause's subject acts ("explored these
// issues in a meeting with …", "at the summit", "during talks with …"):
// the subject then takes part in the event.
func (x rules) attendedIn(i int) bool {
	for j := i - 1; j >= 0 && j >= i-4 && x.TokSent[j] == x.TokSent[i]; j-- {
		switch k := x.Toks[j].Key; {
		case k == "in" || k == "at" || k == "during":
			return true
		case text.IsDeterminer(k) || !x.Toks[j].Upper() && !text.IsFunctionWord(k):
			// "a", "the", "bilateral", "first": still the noun phrase
		default:
			return false
		}
	}
	return false
}

// firstOf returns the first element of ids, or nothing.
func firstOf(ids []string) []string {
	if len(ids) == 0 {
		return nil
	}
	return ids[:1]
}

// negators deny what follows them in a clause: "did not meet", "refused
// to allow U.S. submarines to visit", "was not invited to join".
var negators = map[string]bool{"not": true, "never": true, "refused": true, "declined": true, "refuses": true, "declines": true, "t": true}

// negated reports whether a negator stands in the few words before token i
// in its clause.
func (x rules) negated(i int) bool {
	for j := i - 1; j >= 0 && j >= i-5 && x.TokSent[j] == x.TokSent[i]; j-- {
		if strings.ContainsAny(x.Toks[j+1].Sep, ",;:") {
			return false
		}
		if negators[x.Toks[j].Key] {
			return true
		}
	}
	return false
}

// lightVerbs carry a nominal trigger as their object: "hold talks".
var lightVerbs = map[string]bool{"hold": true, "held": true, "holds": true, "holding": true, "have": true, "had": true, "has": true, "having": true}

// coordinated reports whether the trigger at token i is a verb (or a light
// verb and its noun, "hold talks") joined by "and" to the predicate before
// it, sharing its subject: "… will make a visit and hold talks".
func (x rules) coordinated(i int) bool {
	j := i - 1
	light := j >= 0 && lightVerbs[x.Toks[j].Key]
	if light {
		j--
	}
	if !light && !x.verbal(i) {
		return false
	}
	return j >= 0 && x.TokSent[j] == x.TokSent[i] && x.Toks[j].Key == "and"
}
