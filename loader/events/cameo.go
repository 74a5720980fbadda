package events

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/doc"
	"github.com/diplograph/diplograph/loader/text"
)

//go:generate go run ./internal/gencameo

// cameoTSV is the CAMEO verb table generated from PETRARCH2's verb
// dictionary (see internal/gencameo and NOTICE): verb forms, the
// patterns on their objects, and the CAMEO codes they give.
//
//go:embed data/cameo.tsv
var cameoTSV string

// cameoVerb is one form of a dictionary verb: its token keys, its block
// (the synonyms that share patterns) and its own code ("---": none).
type cameoVerb struct {
	keys  []string
	block string
	code  string
	// detects is whether the verb's code or one of its block's patterns
	// can report an event by itself (see detects): the others only code
	// what the lexicon finds, and detection does not read them.
	detects bool
}

// cameoSlot is one word of a pattern's object: its alternatives, each the
// token keys of a word ("treaty") or a compound ("cease fire"), and
// whether a few words may stand before it.
type cameoSlot struct {
	alts [][]string
	gap  bool
}

// cameoPattern refines a block's code by what follows the verb: "sign …
// memorandum" 057, "impose … sanctions" 163.
type cameoPattern struct {
	slots []cameoSlot
	code  string
}

// cameoBlock is a verb block's patterns, indexed by the first key of
// each alternative of their first slot: a verb's object is tested only
// against the patterns whose first word occurs after it.
type cameoBlock struct {
	patterns []cameoPattern
	byFirst  map[string][]int
}

// cameoDict is the parsed table: verb forms by their first key, patterns
// by block.
type cameoDict struct {
	verbs  map[string][]cameoVerb
	blocks map[string]*cameoBlock
}

// cameoTable parses the embedded table once. It panics only if the
// embedded table is corrupt, which a test rules out.
var cameoTable = sync.OnceValue(func() *cameoDict {
	d, err := parseCameo(cameoTSV)
	if err != nil {
		panic(fmt.Sprintf("events: embedded data/cameo.tsv: %v", err))
	}
	return d
})

// parseCameo reads the table's S, V and P lines.
func parseCameo(tsv string) (*cameoDict, error) {
	d := &cameoDict{verbs: map[string][]cameoVerb{}, blocks: map[string]*cameoBlock{}}
	synsets := map[string][][]string{}
	for n, line := range strings.Split(tsv, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		bad := func(why string) error { return fmt.Errorf("line %d: %s: %q", n+1, why, line) }
		switch {
		case f[0] == "S" && len(f) == 3:
			synsets[f[1]] = alternatives(f[2])
		case f[0] == "V" && len(f) == 4:
			keys := strings.Fields(f[1])
			if len(keys) == 0 {
				return nil, bad("empty verb")
			}
			d.verbs[keys[0]] = append(d.verbs[keys[0]], cameoVerb{keys: keys, block: f[2], code: f[3]})
		case f[0] == "P" && len(f) == 4:
			var p cameoPattern
			for k, group := range strings.Split(f[2], " ~ ") {
				for j, w := range strings.Fields(group) {
					s := cameoSlot{gap: k > 0 && j == 0}
					if strings.HasPrefix(w, "&") {
						alts, ok := synsets[w]
						if !ok {
							return nil, bad("unknown synonym set " + w)
						}
						s.alts = alts
					} else {
						s.alts = alternatives(w)
					}
					p.slots = append(p.slots, s)
				}
			}
			if len(p.slots) == 0 {
				return nil, bad("empty pattern")
			}
			p.code = f[3]
			b := d.blocks[f[1]]
			if b == nil {
				b = &cameoBlock{byFirst: map[string][]int{}}
				d.blocks[f[1]] = b
			}
			for _, alt := range p.slots[0].alts {
				if ix := b.byFirst[alt[0]]; len(ix) == 0 || ix[len(ix)-1] != len(b.patterns) {
					b.byFirst[alt[0]] = append(ix, len(b.patterns))
				}
			}
			b.patterns = append(b.patterns, p)
		default:
			return nil, bad("not an S, V or P line")
		}
	}
	if len(d.verbs) == 0 {
		return nil, fmt.Errorf("no verbs")
	}
	blockDetects := map[string]bool{}
	for name, b := range d.blocks {
		blockDetects[name] = slices.ContainsFunc(b.patterns, func(p cameoPattern) bool { return detects(p.code) })
	}
	for k, vs := range d.verbs {
		for i := range vs {
			vs[i].detects = detects(vs[i].code) || blockDetects[vs[i].block]
		}
		d.verbs[k] = vs
	}
	return d, nil
}

// detects reports whether a code can make an event without the
// lexicon: a code that detects, or speech (see dictionaryTriggers).
func detects(code string) bool {
	t, ok := typeOfCode(code)
	return ok && (t.detect || t.typ == kg.Statement)
}

// alternatives splits "cease_fire/truce" into the token keys of each.
func alternatives(s string) [][]string {
	var out [][]string
	for _, a := range strings.Split(s, "/") {
		out = append(out, strings.Split(a, "_"))
	}
	return out
}

// cameoHit is the dictionary's reading of a verb in the text.
type cameoHit struct {
	first, last int    // the verb's tokens
	objEnd      int    // the last token of the object the pattern matched, or last
	code        string // the CAMEO code, "---" for none
	block       string
	pattern     bool // a pattern on the object gave the code
}

// objectWindow is how many words may come before a pattern's object or
// between its parts: "signed on Friday, March 2 the agreement", "imposed
// new economic sanctions".
const objectWindow = 6

// cameoAt reads the verb at token i, within tokens before to (its
// sentence's end), against the dictionary (only the verbs that can detect
// an event, when detecting): the longest verb form there,
// coded by the most specific pattern its object matches (the most words,
// then the first listed), else by the verb's own code. Where a form
// belongs to several blocks ("hold" confines and holds talks), a pattern
// match wins over a verb's code, and a code over none.
func (x rules) cameoAt(i, to int, detecting bool) (cameoHit, bool) {
	d := cameoTable()
	vs := d.verbs[x.Toks[i].Key]
	if len(vs) == 0 {
		return cameoHit{}, false
	}
	var best cameoHit
	bestLen, bestSlots := 0, -1
	found := false
	for _, v := range vs {
		if detecting && !v.detects {
			continue
		}
		last, ok := x.keysAt(i, to, v.keys)
		if !ok {
			continue
		}
		n := last - i + 1
		if n < bestLen {
			continue
		}
		h := cameoHit{first: i, last: last, objEnd: last, code: v.code, block: v.block}
		slots := -1
		if v.code == "---" {
			slots = -2 // a verb without a code of its own yields to one with
		}
		if b := d.blocks[v.block]; b != nil {
			if p, end, ok := x.bestPattern(b, last+1, to); ok {
				h.code, h.objEnd, h.pattern = p.code, end, true
				slots = len(p.slots)
			}
		}
		if n > bestLen || slots > bestSlots {
			best, bestLen, bestSlots, found = h, n, slots, true
		}
	}
	return best, found
}

// bestPattern returns the pattern of block b that the object from token i
// on matches with the most slots (the first listed among equals), and
// the last token it matched. The object may start up to objectWindow
// words after the verb ("imposed new economic sanctions"); a preposition
// alone ("(AT)", "(WITH)", "(TO)") is the verb's own complement, right
// after it or after its object ("met with", "welcomed his Angolan
// counterpart João Lourenço to Cairo", not "met … at").
func (x rules) bestPattern(b *cameoBlock, i, to int) (*cameoPattern, int, bool) {
	var best *cameoPattern
	bestIdx, bestEnd := -1, 0
	afterObject := x.objectEnd(i, to)
	for j := i; j < to && (j < i+objectWindow || j <= afterObject+1); j++ {
		if j > i && strings.ContainsAny(x.Toks[j].Sep, ";:") {
			break // another clause
		}
		for _, k := range b.byFirst[x.Toks[j].Key] {
			p := &b.patterns[k]
			if best != nil && (len(p.slots) < len(best.slots) || len(p.slots) == len(best.slots) && k > bestIdx) {
				continue
			}
			if len(p.slots) == 1 && isPreposition(p.slots[0]) && j != i && j != i+1 && j != afterObject && j != afterObject+1 {
				continue
			}
			if j >= i+objectWindow && !(len(p.slots) == 1 && isPreposition(p.slots[0])) {
				continue
			}
			if end, ok := x.slotsAt(j, to, p.slots); ok {
				best, bestIdx, bestEnd = p, k, end
			}
		}
	}
	return best, bestEnd, best != nil
}

// slotsAt matches slots against the tokens from i on, the first at i:
// each later slot right after the one before, or within objectWindow
// words after a gap. It returns the last token matched.
func (x rules) slotsAt(i, to int, slots []cameoSlot) (int, bool) {
	s := slots[0]
	for _, alt := range s.alts {
		last, ok := x.keysAt(i, to, alt)
		if !ok {
			continue
		}
		if len(slots) == 1 {
			return last, true
		}
		next := slots[1]
		reach := 1
		if next.gap {
			reach = objectWindow
		}
		for j := last + 1; j < to && j <= last+reach; j++ {
			if j > last+1 && strings.ContainsAny(x.Toks[j].Sep, ";:") {
				break
			}
			if end, ok := x.slotsAt(j, to, slots[1:]); ok {
				return end, true
			}
		}
	}
	return 0, false
}

// keysAt matches token keys against the tokens from i on, before to: the
// words of a phrase are parted by spaces or a hyphen ("cease-fire"). It
// returns the last token matched.
func (x rules) keysAt(i, to int, keys []string) (int, bool) {
	if i+len(keys) > to {
		return 0, false
	}
	for k, key := range keys {
		t := x.Toks[i+k]
		if t.Key != key {
			return 0, false
		}
		if k > 0 && (t.Sep == "" || strings.TrimSpace(t.Sep) != "" && t.Sep != "-" || x.Toks[i+k-1].Possessive) {
			return 0, false
		}
	}
	return i + len(keys) - 1, true
}

// isPreposition reports whether every alternative of a slot is a
// preposition.
func isPreposition(s cameoSlot) bool {
	for _, a := range s.alts {
		if len(a) != 1 || !prepositions[a[0]] {
			return false
		}
	}
	return true
}

// prepositions are the words that open a pattern's prepositional phrase.
var prepositions = map[string]bool{
	"about": true, "against": true, "among": true, "at": true, "between": true, "by": true, "for": true,
	"from": true, "in": true, "into": true, "of": true, "on": true, "over": true, "to": true,
	"under": true, "upon": true, "with": true, "within": true, "without": true, "after": true, "before": true,
}

// cameoType is what a CAMEO code means for the graph: the event type it
// reports, the label that names an OTHER event's kind, and whether the
// dictionary alone, without a trigger of the lexicon, makes an event of
// it (detect).
type cameoType struct {
	typ    kg.EventType
	label  string
	detect bool
}

// cameoTypes maps CAMEO codes (Schrodt's codebook, as GDELT and PETRARCH
// use it) to event types. A code not listed takes the mapping of its
// longest listed prefix (0311 → 031); a code with no mapped prefix
// reports no event. Codes that detect are those whose verb says by itself
// that a diplomatic act took place: a visit, a call, talks, a signing, a
// break of relations; the broad ones (040 "consult", 050 "engage in
// diplomatic cooperation") only code what the lexicon finds.
var cameoTypes = map[string]cameoType{
	"010":  {typ: kg.Statement},                                                 // make statement
	"012":  {typ: kg.Statement},                                                 // make pessimistic comment
	"013":  {typ: kg.Statement},                                                 // make optimistic comment
	"015":  {typ: kg.Statement},                                                 // acknowledge or claim responsibility
	"016":  {typ: kg.Statement},                                                 // deny responsibility
	"018":  {typ: kg.Statement},                                                 // make empathetic comment
	"019":  {typ: kg.Statement},                                                 // express accord
	"036":  {typ: kg.Meeting},                                                   // express intent to meet or negotiate
	"04":   {typ: kg.Meeting},                                                   // consult
	"041":  {typ: kg.Call, detect: true},                                        // discuss by telephone
	"042":  {typ: kg.Visit, detect: true},                                       // make a visit
	"043":  {typ: kg.Visit, detect: true},                                       // host a visit
	"044":  {typ: kg.Meeting, detect: true},                                     // meet at a "third" location
	"045":  {typ: kg.Talks, detect: true},                                       // mediate
	"046":  {typ: kg.Talks, detect: true},                                       // engage in negotiation
	"051":  {typ: kg.Statement},                                                 // praise or endorse
	"054":  {typ: kg.OtherEvent, label: "Recognition", detect: true},            // grant diplomatic recognition
	"055":  {typ: kg.Statement},                                                 // apologize
	"057":  {typ: kg.Signing, detect: true},                                     // sign formal agreement
	"0841": {typ: kg.OtherEvent, label: "Release", detect: true},                // return, release person(s)
	"0871": {typ: kg.OtherEvent, label: "Ceasefire", detect: true},              // declare truce, ceasefire
	"111":  {typ: kg.Statement},                                                 // criticize or denounce
	"112":  {typ: kg.Statement},                                                 // accuse
	"114":  {typ: kg.Summons},                                                   // complain officially (a summons)
	"161":  {typ: kg.OtherEvent, label: "Reduction of relations", detect: true}, // reduce or break diplomatic relations
	"163":  {typ: kg.OtherEvent, label: "Sanctions", detect: true},              // impose embargo, boycott, or sanctions
	"166":  {typ: kg.OtherEvent, label: "Expulsion", detect: true},              // expel or withdraw
	"174":  {typ: kg.OtherEvent, label: "Expulsion", detect: true},              // expel or deport individuals
	"19":   {typ: kg.OtherEvent, label: "Attack"},                               // fight
}

// typeOfCode returns the mapping of a CAMEO code: its own, else its
// longest listed prefix's.
func typeOfCode(code string) (cameoType, bool) {
	for n := len(code); n >= 2; n-- {
		if t, ok := cameoTypes[code[:n]]; ok {
			return t, true
		}
	}
	return cameoType{}, false
}

// objectEnd returns the token after the actor named as the object that
// starts at token i ("his Angolan counterpart João Lourenço", "the
// minister"), or i when no actor is named there.
func (x rules) objectEnd(i, to int) int {
	for j := i; j < to && j <= i+8; j++ {
		if j > i && strings.ContainsAny(x.Toks[j].Sep, ",;:.") && !(strings.TrimSpace(x.Toks[j].Sep) == "," && officeWords[x.Toks[j-1].Key]) {
			return i // but "received Australia's new prime minister, Scott Morrison": the name in apposition
		}
		for _, m := range x.MentionsAt(x.Toks[j].Start) {
			if x.actor(m) && x.Ents[m.ID].Kind == kg.Person {
				return x.Toks.At(m.End)
			}
		}
		if k := x.Toks[j].Key; !text.IsDeterminer(k) && !officeWords[k] && !x.Toks[j].Upper() && k != "his" && k != "her" && k != "their" && k != "its" && k != "counterpart" && !officeAdjectives[k] &&
			!((k == "of" || k == "for" || k == "and") && j+1 < to && x.Toks[j+1].Upper()) { // "Secretary of State Antony Blinken"
			return i
		}
	}
	return i
}

// officeAdjectives stand before an office in an object: "his new
// Australian counterpart", "the visiting prime minister".
var officeAdjectives = map[string]bool{
	"new": true, "former": true, "visiting": true, "outgoing": true, "incoming": true, "newly": true,
	"elected": true, "acting": true, "interim": true, "top": true, "senior": true,
}

// actorObject reports whether a person, state or organization is the
// verb's object, right after it or after an article or title: "phoned
// Trump", "hosted his Angolan counterpart João Lourenço". A verb read
// with its own code alone ("called", "hosted") reports an event only
// then: "called for restraint" and "so-called" do not.
func (x rules) actorObject(last, to int) bool {
	for j := last + 1; j < to && j <= last+5; j++ {
		if strings.ContainsAny(x.Toks[j].Sep, ",;:.") {
			return false
		}
		if slices.ContainsFunc(x.MentionsAt(x.Toks[j].Start), x.actor) {
			return true
		}
		if k := x.Toks[j].Key; !text.IsDeterminer(k) && !officeWords[k] && !x.Toks[j].Upper() && k != "his" && k != "her" && k != "their" && k != "its" && k != "counterpart" {
			return false
		}
	}
	return false
}

// dictionaryTriggers returns the triggers the CAMEO dictionary finds
// among tokens [from, to) where the lexicon found none (taken): a verb
// whose object a pattern reads as a diplomatic act ("imposed sanctions",
// "recalled its ambassador", "established diplomatic relations",
// "released prisoners"), or a verb of calling, visiting or hosting coded
// as such by itself, with someone as its object ("telephoned Modi",
// "hosted Lourenço"). The code's mapping (cameoTypes) gives the type;
// the code stays the event's.
func (x rules) dictionaryTriggers(from, to int, taken []triggerHit) []triggerHit {
	var out []triggerHit
	for i := from; i < to; i++ {
		if slices.ContainsFunc(taken, func(t triggerHit) bool { return t.first <= i && i <= t.last && t.t.typ != kg.Statement }) {
			continue // the lexicon reads this word, and only its speech may yield (below)
		}
		h, ok := x.cameoAt(i, to, true)
		if !ok {
			continue
		}
		ct, ok := typeOfCode(h.code)
		if !ok || h.code == "---" {
			continue
		}
		speech := ct.typ == kg.Statement
		switch {
		case speech:
			// Speech verbs of the dictionary ("underlined", "noted",
			// "commends") report a statement when a named speaker
			// makes it, as the lexicon's do; their -ing forms qualify
			// another verb ("according to Interfax", "saying …").
			if x.Published.IsZero() || strings.HasSuffix(x.Toks[h.first].Key, "ing") || strings.HasPrefix(x.Toks[h.first].Key, "witness") {
				// "witnessed the signing": the dictionary files
				// WITNESS under speech; a witness to an act says
				// nothing.
				continue
			}
			if spk := x.speakerOf(x.Toks[h.first].Start, x.Toks[h.last].End); (spk == "" || !x.publicSpeaker(spk)) && !x.groupSubject(h.first) {
				continue
			}
		case !ct.detect:
			continue
		case !h.pattern && (ct.typ != kg.Call && ct.typ != kg.Visit || !x.actorObject(h.last, to)):
			continue
		}
		if slices.ContainsFunc(taken, func(t triggerHit) bool {
			// The dictionary's reading of a verb by its object wins over
			// the lexicon's reading of the verb alone as speech:
			// "welcomed his counterpart … to Cairo" hosts a visit.
			return t.first <= h.objEnd && h.first <= t.last && !(h.pattern && ct.detect && t.first == h.first && t.t.typ == kg.Statement && t.t.typ != ct.typ)
		}) {
			continue // the lexicon reads these words: "held talks" are talks, coded below
		}
		if h.code == "0871" && !x.truceIn(h.last+1, h.objEnd) {
			// "ended the war" is read as a truce by the dictionary; a
			// ceasefire event needs the truce named: "declared a
			// ceasefire", "signed an armistice".
			continue
		}
		if !x.sourceBefore(h.first) && !x.groupSubject(h.first) {
			// A CAMEO event is an act of a source on a target: "The
			// Treaty of Portsmouth formally ended the Russo-Japanese
			// War" reports no act of anyone's.
			continue
		}
		t := trigger{typ: ct.typ, label: ct.label, cameo: h.code, states: ct.typ == kg.OtherEvent, need: needPredicate, ownDate: speech, lower: speech}
		out = append(out, triggerHit{first: h.first, last: h.last, start: x.Toks[h.first].Start, end: x.Toks[h.last].End, prio: len(triggerPhrases), t: t})
		i = h.objEnd
	}
	return out
}

// sourceBefore reports whether the clause of the verb at token i names
// an actor before it, its subject: a person, state or organization, or
// a personal pronoun ("Niue has established …", "he telephoned …").
func (x rules) sourceBefore(i int) bool {
	if actor, ok := x.relativeSource(i); ok {
		return actor // "The Dayton Agreement, which ended …": the agreement is no actor
	}
	sent := x.TokSent[i]
	for j := i - 1; j >= 0 && j >= i-20 && x.TokSent[j] == sent; j-- {
		switch x.Toks[j].Key {
		case "i", "we", "he", "she", "they":
			return true
		}
		if slices.ContainsFunc(x.MentionsAt(x.Toks[j].Start), func(m doc.Mention) bool { return x.actor(m) && !x.inName(m.Start, kg.Treaty) }) {
			return true
		}
		if strings.ContainsAny(x.Toks[j].Sep, ";:") {
			break
		}
	}
	return false
}

// truceWords are the words of PETRARCH's &CEASEFIRE synonym set.
var truceWords = map[string]bool{
	"truce": true, "truces": true, "armistice": true, "armistices": true, "ceasefire": true, "ceasefires": true, "cease": true,
}

// truceIn reports whether tokens [i, j] name a truce.
func (x rules) truceIn(i, j int) bool {
	for k := i; k <= j && k < len(x.Toks); k++ {
		if truceWords[x.Toks[k].Key] {
			return true
		}
	}
	return false
}

// gatherings are the event types of people coming together, which the
// broad CAMEO consultation codes (04x) report alike.
func gathering(t kg.EventType) bool {
	return t == kg.Meeting || t == kg.Talks || t == kg.Summit || t == kg.Conference
}

// codeOf returns the CAMEO code of a lexicon trigger: the dictionary's
// reading of the verb that is the trigger ("telephoned" 041, "signed" …
// "memorandum" 057) or whose object the trigger is ("held talks" 046,
// "paid a visit" 042, "hosted a summit" 043), when it reports an event of
// the trigger's kind; else the trigger's own code, or "".
func (x rules) codeOf(h triggerHit, from, to int) string {
	for j := max(from, h.first-4); j <= h.first; j++ {
		c, ok := x.cameoAt(j, to, false)
		if !ok || c.code == "---" {
			continue
		}
		if c.first != h.first && !(c.pattern && h.first <= c.objEnd && c.objEnd <= h.last) {
			continue
		}
		ct, ok := typeOfCode(c.code)
		if !ok {
			continue
		}
		if ct.typ == h.t.typ || gathering(ct.typ) && gathering(h.t.typ) || strings.HasPrefix(c.code, "036") && (gathering(h.t.typ) || h.t.typ == kg.Visit) {
			return c.code
		}
	}
	return h.t.cameo
}
