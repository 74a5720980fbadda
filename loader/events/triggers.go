package events

import (
	"regexp"
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
	// label names an OTHER event's kind ("Accession", "Attack"), and
	// keeps events of different kinds apart.
	label string
	// cameo overrides the event type's CAMEO code.
	cameo string
	// bilateral triggers make an event only between parties of two
	// states: "reached an accord" of a party and its opposition is
	// domestic politics.
	bilateral bool
	// states triggers are acts of states and bodies, whoever the
	// sentence names as acting for them: "London broke off relations",
	// "the United States suspended its treaty obligations".
	states bool
	// orElse is what the words report when need is not met: "agreed" is
	// a signing when there is a treaty to sign, else an agreement to act.
	orElse *trigger
}

// triggerNeed is a condition on the sentence around a trigger.
type triggerNeed uint8

const (
	needNothing       triggerNeed = iota
	needSignedPaper               // a treaty, or a document one signs ("papers of accession")
	needAmbassador                // an envoy to summon
	needInternational             // an alliance or union to join (NATO, the EU)
	needAudience                  // someone to address: "address the Society", not "address the issues"
	needTreaty                    // a treaty the sentence names: "agreed" is an event when it is agreeing to one
	needMember                    // a state right after the verb and an alliance in the sentence: "added the Federal Republic of Germany"
	needPredicate                 // a verb, not an adjective: "the bombed embassy" reports no attack
	needHead                      // a noun that heads its phrase: "bombing victims" report no bombing
	needAgreement                 // an agreement as the object: "concluded the … Agreement", not "concluded … talks"
	needDestination               // a state or place right after: "went to Saudi Arabia", not "going to discuss"
	needRelations                 // diplomatic relations or ties in the sentence: "broke off relations"
	needPartner                   // a partner after "with", or a subject of two: "discussed … with Stalin"
	needRatifiable                // a treaty, an agreement or an international body in the sentence: "ratified the treaty"
	needComplement                // "to", "that", "on" or "upon" right after, as a verb: "agreed to establish", not "the agreed text"
	needGuest                     // a person as the object: "received President Macron", not "received a letter"
)

// triggerPhrases is the trigger lexicon: phrases of token keys (see
// text.Tokenize: folded, lower case) and what they report. Where two matches
// overlap, the earlier entry wins ("press conference" is a statement, not
// a conference; "told reporters" is not dated speech).
var triggerPhrases = []struct {
	phrases string // alternatives separated by "|"
	t       trigger
}{
	{"press conference|press conferences|news conference|news conferences", trigger{typ: kg.Statement, nominal: true}},
	{"telephone call|telephone calls|phone call|phone calls|telephone conversation|telephone conversations|phone conversation|phone conversations|phoned|telephoned|spoke by phone|spoke by telephone|" +
		"telephonic conversation|telephonic conversations|telephonic talks|phone talks|telephone talks|video call|video calls|video conference|video conferences|videoconference|video link|virtual meeting|virtual talks|online meeting|online talks|" +
		"call with|calls with|call between",
		trigger{typ: kg.Call, nominal: true}},
	{"summit|summits|summit meeting", trigger{typ: kg.Summit, nominal: true}},
	{"conference|conferences", trigger{typ: kg.Conference, nominal: true}},
	{"met|meet|meets|meeting|meetings|audience with", trigger{typ: kg.Meeting, nominal: true}},
	// An envoy presenting credentials, or handing over a leader's
	// message, meets the one who receives them: "Bader Al-Munaikh
	// presented to King Charles III … his credentials", "The message was
	// delivered to the President on Monday by Special Envoy Hirut
	// Zemene".
	{"presented/presents/presenting/present ... credentials|presented his credentials|presented her credentials|delivered/handed/hands/delivers ... message/letter|message was delivered|letter was delivered",
		trigger{typ: kg.Meeting}},
	{"talks|negotiations|discussions|exchange of views|exchanges of views|consultations",
		trigger{typ: kg.Talks, nominal: true}},
	{"exchanged views|exchange views|exchanging views|exchanges views|exchanged opinions|exchange opinions", trigger{typ: kg.Talks}},
	// A dialogue held is talks: "will hold their first round of
	// diplomatic and security dialogue on Tuesday".
	{"hold/held/holds/holding/launched/launch/resumed/resume ... dialogue/dialogues|round/rounds of ... dialogue/dialogues|round/rounds of dialogue", trigger{typ: kg.Talks}},
	{"address the|address a|addressing the|addressing a|addressed the|addressed a|addresses the|addresses a",
		trigger{typ: kg.Statement, need: needAudience}},
	{"join|joins|joined|joining|admit|admits|admitted|admitting|accession to", trigger{typ: kg.OtherEvent, need: needInternational, label: "Accession", cameo: "057"}},
	{"added", trigger{typ: kg.OtherEvent, need: needMember, label: "Accession", cameo: "057"}},
	{"become/became/becomes/becoming ... member/members", trigger{typ: kg.OtherEvent, need: needInternational, label: "Accession", cameo: "057"}},
	{"ratified|ratify|ratifies|ratifying|approved|approves|approve|gave/give/gives its/the/their go ahead",
		trigger{typ: kg.OtherEvent, need: needRatifiable, label: "Ratification", cameo: "057", lower: true, states: true}},
	{"broke/broken/break/breaks/breaking off|severed|severs|sever|cut off", trigger{typ: kg.OtherEvent, need: needRelations, label: "Break of relations", cameo: "161", states: true}},
	// Relations restored (CAMEO codes them 050, diplomatic cooperation,
	// which the dictionary alone does not detect): "Kenya and Somalia
	// restored diplomatic relations", "resumed ties".
	{"restored/restores/restore/restoring/reestablished/re-established/resumed/resumes/resume/resuming/normalized/normalised/normalizes/normalises ... relations/ties",
		trigger{typ: kg.OtherEvent, need: needRelations, label: "Restoration of relations", cameo: "050", bilateral: true, states: true}},
	{"suspended/suspends/suspend/suspending ... obligations/relations/ties/aid/talks/cooperation/membership",
		trigger{typ: kg.OtherEvent, label: "Suspension", cameo: "160", states: true}},
	{"expelled|expels|expel|expelling|expulsion|expulsions|deported|deports|deport|deporting|deportation|deportations",
		trigger{typ: kg.OtherEvent, label: "Expulsion", cameo: "174", need: needPredicate, states: true}},
	{"visit|visits|visited|visiting|trip|tour|mission to|arrival in|arrival of|set out for|sets out for|set off for|leave for|leaves for|left for|" +
		"arrived in|arrived from|arrived at|arrives in|arrives from|arrives at|travel to|travels to|travelled to|traveled to|" +
		"heading to|headed to|heads to|heading for|headed for|flew to|flies to|fly to|flown to",
		trigger{typ: kg.Visit, nominal: true}},
	{"went to|go to|goes to|going to|gone to|came to|come to|comes to|coming to|landed in|lands in|landing in", trigger{typ: kg.Visit, need: needDestination}},
	// Hosting a guest (CAMEO 043, as PETRARCH codes "received … leader"):
	// "Putin received Prime Minister Modi at the Kremlin".
	{"received|receives|receiving|hosted|hosts|hosting", trigger{typ: kg.Visit, need: needGuest, cameo: "043", lower: true}},
	{"statement|statements|speech|announced|declared|declaration|announcement|proclaimed|proclamation|assert|asserted|asserting",
		trigger{typ: kg.Statement, nominal: true}},
	{"signed|signing|inked|inks|inking", trigger{typ: kg.Signing, need: needSignedPaper}},
	{"concluded|concluding|conclude|concludes", trigger{typ: kg.Signing, need: needAgreement, bilateral: true}},
	{"formed/reached/struck/forged ... agreement/agreements/accord/accords/pact/alliance/understanding",
		trigger{typ: kg.Signing, bilateral: true}},
	{"agreed", trigger{typ: kg.Signing, need: needTreaty, bilateral: true,
		orElse: &trigger{typ: kg.OtherEvent, need: needComplement, label: "Agreement", cameo: "030", lower: true, states: true}}},
	{"attacked|invaded|bombed|bombarded|shelled|invasion of", trigger{typ: kg.OtherEvent, label: "Attack", cameo: "190", need: needPredicate}},
	{"blast|blasts|bombing|bombings|explosion|explosions|attack|attacks|air strike|air strikes|airstrike|airstrikes|air raid|air raids",
		trigger{typ: kg.OtherEvent, label: "Attack", cameo: "190", nominal: true, ownDate: true, need: needHead}},
	{"forced/forcing/compelled/compelling ... to", trigger{typ: kg.OtherEvent, label: "Coercion", cameo: "170", bilateral: true}},
	{"issued/presented/delivered ... demands/ultimatum|ultimatum", trigger{typ: kg.OtherEvent, label: "Demand", cameo: "100"}},
	{"turned/appealed to ... for assistance/aid/help/support|asked ... for assistance/aid/help/support|appealed for assistance/aid/help/support",
		trigger{typ: kg.OtherEvent, label: "Appeal", cameo: "020"}},
	{"summoned|called in", trigger{typ: kg.Summons, need: needAmbassador}},
	// Prisoner exchanges (CAMEO 0841, return or release of persons):
	// "a historic prisoner swap between Russia and the United States".
	{"prisoner swap|prisoner swaps|prisoner exchange|prisoner exchanges|exchange of prisoners|exchanges of prisoners|swap of prisoners|exchanged prisoners|swapped prisoners",
		trigger{typ: kg.OtherEvent, label: "Prisoner exchange", cameo: "0841", nominal: true, states: true}},
	{"said|says|told|stated|told reporters|told the press|told journalists|wrote on|writes on|posted on|posts on|tweeted|tweets",
		trigger{typ: kg.Statement, ownDate: true, lower: true}},
	// Public acts of speech without a speech verb (CAMEO 01, 05, 11, 12),
	// worth a node, like "said", when the text says when: "A senior U.S.
	// official yesterday dismissed a French idea", "Last year, Russian
	// officials assailed Ukraine".
	{"criticized|criticised|condemned|denounced|assailed|accused|attacked verbally", trigger{typ: kg.Statement, ownDate: true, lower: true, cameo: "111"}},
	{"rejected|dismissed|spurned|rebuffed", trigger{typ: kg.Statement, ownDate: true, lower: true, cameo: "120"}},
	{"praised|welcomed|hailed|commended", trigger{typ: kg.Statement, ownDate: true, lower: true, cameo: "051"}},
	// Messages between leaders (CAMEO 018, an empathetic comment, and
	// 051): "Rouhani has felicitated his Russian counterpart",
	// "conveyed condolences", "sent a congratulatory message".
	{"congratulated|congratulates|felicitated|felicitates|sent/sends/conveyed/conveys ... message/cable/letter|conveyed/conveys/expressed/offered/extended ... condolences|cable of condolence|message of condolence|message of congratulations",
		trigger{typ: kg.Statement, ownDate: true, lower: true, cameo: "018"}},
	{"claimed|stressed|emphasized|emphasised|reiterated|insisted|affirmed|reaffirmed|warned", trigger{typ: kg.Statement, ownDate: true, lower: true}},
	{"discussed|discusses|discuss|discussing", trigger{typ: kg.Talks, need: needPartner, lower: true}},
}

// headsOfMission are the heads of mission a summons calls in: "the ambassador",
// "Deputy High Commissioner Nural Islam", "the chargé d'affaires", "the
// envoy".
var headsOfMission = regexp.MustCompile(`(?i)\b(ambassador|high commissioner|charg[ée] d['’]affaires|envoy|head of mission|nuncio)`)

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
			for _, first := range strings.Split(keys[0], "/") {
				idx[first] = append(idx[first], triggerEntry{keys: keys, prio: prio, t: p.t})
			}
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
func (x rules) triggersIn(from, to int) []triggerHit {
	var cands []triggerHit
	for i := from; i < to; i++ {
		for _, e := range triggerIndex[x.Toks[i].Key] {
			last, ok := x.Toks.PhraseEnd(i, to, e.keys)
			if !ok {
				continue
			}
			if e.t.lower && x.Toks[i].Text != x.Toks[i].Key {
				continue
			}
			cands = append(cands, triggerHit{first: i, last: last, start: x.Toks[i].Start, end: x.Toks[last].End, prio: e.prio, t: e.t})
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

func sortHits(h []triggerHit) {
	// Insertion sort: a sentence has a handful of matches.
	for i := 1; i < len(h); i++ {
		for j := i; j > 0 && (h[j].prio < h[j-1].prio || h[j].prio == h[j-1].prio && h[j].first < h[j-1].first); j-- {
			h[j], h[j-1] = h[j-1], h[j]
		}
	}
}
