// Package treaties finds the agreements an article mentions: by the
// gazetteer's names, which are claimed before any other name
// (FindNames), by a name the text writes, by shape ("a peace treaty with
// Russia") and by reference ("the treaty"); it groups the mentions of one
// agreement, resolves each group against the gazetteer with the parties
// and dates the text gives, and records treaties with their PARTY_TO edges
// (Find). Events read the treaties it records; once they are found, the
// signings events report date the treaties the text leaves undated
// (DateBySigning).
package treaties

import (
	"cmp"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/diplograph/diplograph/internal/fold"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/doc"
	"github.com/diplograph/diplograph/loader/gazetteer"
	"github.com/diplograph/diplograph/loader/lexicon"
	"github.com/diplograph/diplograph/loader/text"
)

// rules is the document as the rules of this package see it, their
// receiver: a value that holds the *doc.Doc, so that their bodies read the
// shared state as x.Toks and x.Mentions through one pointer, as when all
// stages were one package.
type rules struct{ *doc.Doc }

// treatyHeads are the nouns that name an agreement between parties,
// singular → plural.
var treatyHeads = map[string]string{
	"treaty": "treaties", "agreement": "agreements", "accord": "accords", "pact": "pacts",
	"declaration": "declarations", "protocol": "protocols", "convention": "conventions",
	"charter": "charters", "communique": "communiques", "memorandum": "memoranda",
}

// headForms maps the singular and plural of each head to the singular.
var headForms = func() map[string]struct {
	singular string
	plural   bool
} {
	m := map[string]struct {
		singular string
		plural   bool
	}{}
	for s, p := range treatyHeads {
		m[s] = struct {
			singular string
			plural   bool
		}{s, false}
		m[p] = struct {
			singular string
			plural   bool
		}{s, true}
	}
	// Other plurals and the abbreviation news uses: "memorandums",
	// "an MoU", "seven MoUs".
	for k, plural := range map[string]bool{"memorandums": true, "mou": false, "mous": true} {
		m[k] = struct {
			singular string
			plural   bool
		}{"memorandum", plural}
	}
	return m
}()

// quantities open a noun phrase as a determiner does: "signed seven
// memoranda".
var quantities = map[string]bool{
	"two": true, "three": true, "four": true, "five": true, "six": true, "seven": true, "eight": true,
	"nine": true, "ten": true, "eleven": true, "twelve": true, "thirteen": true, "fourteen": true,
	"fifteen": true, "twenty": true, "several": true, "multiple": true, "various": true, "numerous": true,
}

// headOf returns the singular head for a token key and whether it was
// plural.
func headOf(k string) (string, bool, bool) {
	h, ok := headForms[k]
	return h.singular, h.plural, ok
}

// treatyModifiers are the words that say what kind of agreement a generic
// mention is ("a peace treaty", "the military alliance treaty").
var treatyModifiers = map[string]bool{
	"peace": true, "security": true, "alliance": true, "military": true, "defense": true, "defence": true,
	"mutual": true, "cooperation": true, "trade": true, "arms": true, "control": true, "nuclear": true,
	"test": true, "ban": true, "missile": true, "border": true, "friendship": true, "nonaggression": true,
	"economic": true, "aid": true, "ceasefire": true, "armistice": true, "basic": true, "fisheries": true,
	"fishing": true, "extradition": true, "investment": true, "partnership": true, "reduction": true,
	"limitation": true, "strategic": true, "free": true, "comprehensive": true, "joint": true,
	"interim": true, "framework": true, "bilateral": true, "trilateral": true, "naval": true, "tariff": true,
	"commercial": true, "cultural": true, "technical": true, "energy": true, "maritime": true,
	"boundary": true, "territorial": true, "normalization": true, "reconciliation": true, "disarmament": true,
	"weapons": true, "space": true, "forces": true, "status": true, "reciprocal": true, "climate": true,
}

// shapeModifiers say how an agreement is made, not what it is about.
var shapeModifiers = map[string]bool{
	"bilateral": true, "trilateral": true, "joint": true, "comprehensive": true, "interim": true,
	"mutual": true, "cooperation": true, "strategic": true, "partnership": true, "framework": true,
}

// modifierSynonyms says which words in a reference treaty's name a generic
// modifier agrees with: a "military alliance treaty" is a security treaty.
var modifierSynonyms = map[string][]string{
	"military": {"security", "defense", "defence", "mutual", "alliance", "military"},
	"alliance": {"security", "defense", "defence", "mutual", "alliance", "atlantic"},
	"security": {"security", "defense", "defence", "mutual"},
	"defense":  {"security", "defense", "defence", "mutual"},
	"defence":  {"security", "defense", "defence", "mutual"},
	"peace":    {"peace", "friendship", "normalization"},
	"arms":     {"arms", "limitation", "reduction", "missile", "nuclear", "weapons", "forces"},
	"nuclear":  {"nuclear", "test", "nonproliferation", "non-proliferation", "weapons"},
}

// treatyMention is one mention of an agreement in the text.
type treatyMention struct {
	start, end int
	sent       int
	head       string
	mods       []string
	parties    []string // state names, as of the mention
	named      string   // canonical name when the gazetteer or the text names it
	fromGaz    bool
	date       kg.Date // a date the text gives for it
	anaphor    bool
	plural     bool
	split      bool // one of several agreements a plural mention names
	inferred   bool // the parties come from the sentence, not the mention
	surface    string
	cluster    int
	// detStart is where the determiner before it starts ("the peace
	// treaty"), tailEnd where the parties after it end ("… between
	// Russia and Japan"); 0 when there is none. The text's other strings
	// for the agreement, kept as its aliases.
	detStart, tailEnd int
	// bareStart is where a written name starts after a possessive party
	// ("Montenegro's Accession Protocol"), 0 when it has none; adjStart
	// where the adjectives before a generic noun start ("intergovernmental
	// agreements").
	bareStart, adjStart int
}

// treaty is a cluster of mentions of one agreement.
type treaty struct {
	mentions []*treatyMention
	ref      *gazetteer.Treaty
	name     string
	head     string
	mods     []string
	parties  []string
	date     kg.Date
	statuses []kg.Status
}

// Names are the treaties the gazetteer names, found first (FindNames) and
// resolved by Find with the other agreements of the article.
type Names struct{ mentions []*treatyMention }

// FindNames finds the treaties the gazetteer names, before any other
// name is claimed: "the Treaty of Portsmouth" is a treaty, not a mention of
// Portsmouth.
func FindNames(d *doc.Doc) Names {
	x := rules{d}
	var names Names
	for i := 0; i < len(x.Toks); i++ {
		if x.Covered[i] {
			continue
		}
		if m, ok := x.Longest(i); ok && x.Free(m.First, m.Last) {
			for _, r := range m.Refs {
				if r.Kind == lexicon.Treaty {
					// "the Warsaw Treaty Organization" is a treaty and the
					// alliance built on it: record both.
					for _, o := range m.Refs {
						if o.Kind == lexicon.Org {
							x.AddMention(x.Entity(kg.Organization, o.Name), x.Toks[m.First].Start, x.Toks[m.Last].End, x.Toks[m.Last].Possessive, false)
							break
						}
					}
					tm := x.newTreatyMention(m.First, m.Last)
					tm.named, tm.fromGaz = r.Name, true
					if t := x.Lex.Treaties[r.Name]; t != nil {
						tm.head = headIn(t.Name)
					}
					names.mentions = append(names.mentions, tm)
					x.Cover(m.First, m.Last)
					i = m.Last
					break
				}
			}
		}
	}
	return names
}

// Find finds agreements by name (the gazetteer's, or a capitalized
// name ending in a treaty noun), by shape ("a peace treaty with Russia")
// and by reference ("the treaty", "this declaration"), groups mentions of
// the same agreement, resolves each group against the gazetteer using the
// parties and dates the text gives, and records them with PARTY_TO edges.
func Find(d *doc.Doc, names Names) Unnamed {
	x := rules{d}
	ms := names.mentions
	for i, t := range x.Toks {
		head, plural, ok := headOf(t.Key)
		if !ok || x.Covered[i] {
			continue
		}
		if tm := x.treatyMentionAt(i, head, plural); tm != nil {
			ms = append(ms, tm)
		}
	}
	slices.SortFunc(ms, func(a, b *treatyMention) int { return cmp.Compare(a.start, b.start) })
	ms, general := x.splitByYears(ms)
	treaties, unnamed := x.clusterTreaties(ms)
	for _, m := range general {
		// "memoranda of understanding have been signed": agreements of
		// no year, each its own until a signing says whose (FromSignings).
		x.fillParties(m)
		unnamed = append(unnamed, &treaty{head: m.head, mods: m.mods, parties: m.parties, mentions: []*treatyMention{m}})
	}
	for _, tr := range treaties {
		x.recordTreaty(tr)
	}
	return Unnamed{treaties: unnamed}
}

// Unnamed are the agreements Find found but could not name, for want of
// parties and a date: "A number of memoranda of understanding have been
// signed", "A package of … agreements were also signed". The signing
// around them may give both (FromSignings).
type Unnamed struct{ treaties []*treaty }

// FromSignings records the agreements of u that a signing event of two or
// more states reports in the same sentence: the signing's states are their
// parties and its day their date ("memoranda … have been signed" during
// the Egyptian and Angolan presidents' talks of 29 April 2025), and the
// signing concerns them. It runs after the events are found.
func FromSignings(d *doc.Doc, u Unnamed) {
	x := rules{d}
	for _, tr := range u.treaties {
		if !slices.ContainsFunc(tr.mentions, func(m *treatyMention) bool { return !m.anaphor }) {
			continue // "the agreement" alone says nothing of which
		}
		ev, sent, states := x.signingOf(tr)
		if ev == nil {
			continue
		}
		tr.parties = sortedCopy(doc.Union(tr.parties, states))
		if tr.date.IsZero() {
			tr.date = ev.Date
		}
		tr.statuses = append(tr.statuses, kg.Signed)
		x.resolveTreaty(tr)
		if tr.name == "" {
			continue
		}
		id := kg.EntityID(kg.Treaty, tr.name)
		if e := x.Ents[id]; e != nil {
			// Agreements the same day's signing reports in several
			// sentences ("intergovernmental agreements", "Other
			// agreements signed …") are one package.
			for _, m := range tr.mentions {
				x.addMention(e, m)
			}
		} else {
			x.recordTreaty(tr)
		}
		x.Edge(kg.Concerns, ev.ID, id, "", ev.Date, kg.Date{}, ev.Status, sent)
	}
}

// signingOf returns a dated signing event cited in a sentence of one of
// tr's mentions, that sentence, and the names of the two or more states
// that take part in it (people count for their states).
func (x rules) signingOf(tr *treaty) (*kg.Entity, int, []string) {
	for _, m := range tr.mentions {
		parts := map[string][]string{}
		for _, ed := range x.Edges {
			ev := x.Ents[ed.To]
			if ed.Type != kg.ParticipatedIn || ev == nil || ev.EventType != kg.Signing || ev.Date.IsZero() ||
				!slices.ContainsFunc(ed.Evidence, func(e kg.Evidence) bool { return e.Sentence == m.sent }) {
				continue
			}
			st := ""
			switch p := x.Ents[ed.From]; {
			case p == nil:
			case p.Kind == kg.State:
				st = p.Name
			case p.Kind == kg.Person:
				st = x.PersonState[p.ID]
			}
			if st != "" && !slices.Contains(parts[ev.ID], st) {
				parts[ev.ID] = append(parts[ev.ID], st)
			}
		}
		for _, id := range slices.Sorted(maps.Keys(parts)) {
			if len(parts[id]) >= 2 {
				return x.Ents[id], m.sent, sortedCopy(parts[id])
			}
		}
	}
	return nil, 0, nil
}

func (x rules) newTreatyMention(first, last int) *treatyMention {
	s, e := x.Toks[first].Start, x.Toks[last].End
	if s > 0 && x.Text[s-1] == '[' {
		s-- // "[U.S.] treaty": keep the editor's bracket
	}
	return &treatyMention{start: s, end: e, sent: x.SentenceAt(s), surface: x.Text[s:e]}
}

func headIn(name string) string {
	for _, w := range fold.Words(name) {
		if h, _, ok := headOf(w); ok {
			return h
		}
	}
	return "agreement"
}

// treatyMentionAt reads the mention around the treaty noun at token i.
func (x rules) treatyMentionAt(i int, head string, plural bool) *treatyMention {
	t := x.Toks[i]
	if i > 0 && t.Sep == "-" && (x.Toks[i-1].Key == "anti" || x.Toks[i-1].Key == "pro" || x.Toks[i-1].Key == "post" || x.Toks[i-1].Key == "pre") {
		return nil // "anti-treaty demonstrations": an adjective
	}
	first := i
	var mods, parties []string
	det, detTok := "", -1
	skipped, adjFirst := 0, -1
	// Headlines in capitals ("U.S., TURKEY SIGN AID AGREEMENT") or in
	// title case ("El Salvador Signed Agreement") name no treaty by their
	// capitals.
	capitalized := t.Upper() && !t.AllCaps() && !x.InTitleCaseHeadline(i)
	if head == "memorandum" && i+2 < len(x.Toks) && x.Toks[i+1].Key == "of" && x.Toks[i+2].Key == "understanding" && (i+3 >= len(x.Toks) || !x.Toks[i+3].Upper() || !text.Adjacent(x.Toks[i+2], x.Toks[i+3])) {
		capitalized = false // "seven Memorandums of Understanding": capitals, but no name
	}
	var year kg.Date
	for j := i - 1; j >= 0 && adjacentLoose(x.Text, x.Toks[j], x.Toks[j+1]); j-- {
		k := x.Toks[j]
		if id := x.partyMentionAt(k.Start); id != "" {
			parties = append(parties, id)
			first = j
			continue
		}
		if y, ok := x.yearAt(k); ok && !k.Possessive {
			year = y
			first = j
			continue
		}
		if skipped > 0 && !text.IsDeterminer(k.Key) && (k.Upper() || x.partyMentionAt(k.Start) != "") {
			// Words before an adjective are no part of the name:
			// "Allied Foreign Ministers signed Montenegro's Accession
			// Protocol" names "Montenegro's Accession Protocol".
			break
		}
		if capitalized && k.Upper() && !k.AllCaps() && !text.IsDeterminer(k.Key) {
			first = j
			mods = append(mods, k.Key)
			continue
		}
		if treatyModifiers[k.Key] {
			mods = append(mods, k.Key)
			first = j
			continue
		}
		// "defence and economic agreement"
		if k.Key == "and" && len(mods) > 0 && j > 0 && treatyModifiers[x.Toks[j-1].Key] {
			continue
		}
		if text.IsDeterminer(k.Key) || quantities[k.Key] || unicode.IsDigit(text.FirstRune(k.Text)) && !x.InTimex(k.Start) {
			// "seven MoUs", "13 agreements": a number opens the phrase
			// as a determiner does; the verb before it is no part of it.
			det = k.Key
			detTok = j
			break
		}
		// "the final agreement", "a potential agreement": an adjective
		// or two may stand between the determiner and the noun.
		if skipped < 2 && !k.Upper() && !text.IsFunctionWord(k.Key) && k.Sep == " " {
			skipped++
			adjFirst = j
			continue
		}
		break
	}
	slices.Reverse(mods)
	if det == "this" || det == "that" || det == "these" || det == "those" {
		first-- // "this declaration" refers by its determiner
	}
	last := i
	// "Treaty of Portsmouth", "Treaty on the Non-Proliferation of Nuclear Weapons"
	if capitalized && i+2 < len(x.Toks) && (x.Toks[i+1].Key == "of" || x.Toks[i+1].Key == "on") && x.Toks[i+2].Upper() && !x.InTimex(x.Toks[i+2].Start) {
		last = i + 2
		for last+1 < len(x.Toks) && text.Adjacent(x.Toks[last], x.Toks[last+1]) && x.Toks[last+1].Upper() && !x.InTimex(x.Toks[last+1].Start) {
			last++
		}
	}
	if head == "memorandum" && last == i && i+2 < len(x.Toks) && x.Toks[i+1].Key == "of" && x.Toks[i+2].Key == "understanding" {
		last = i + 2 // "memoranda of understanding" is one noun
	}
	if n := last + 1; n < len(x.Toks) && text.Adjacent(x.Toks[last], x.Toks[n]) && (x.Toks[n].Key == "organization" || x.Toks[n].Key == "organisation") {
		return nil // "the Southeast Asian Treaty Organization" is an alliance's body, not a treaty
	}
	tm := x.newTreatyMention(first, last)
	tm.head, tm.plural, tm.mods, tm.date = head, plural, mods, year
	// "with the U.S.", "between Japan and Russia" after the noun.
	after, tail := x.partiesAfterEnd(last)
	tm.parties = append(parties, after...)
	if detTok >= 0 && x.Toks[detTok].Start < tm.start {
		tm.detStart = x.Toks[detTok].Start
	}
	tm.tailEnd = tail
	switch {
	case capitalized && (len(mods) > 0 || !year.IsZero() || last > i):
		tm.named = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(tm.surface, "The "), "the "))
		// "Montenegro's Accession Protocol" is also "the Accession
		// Protocol": the name without the party that owns it.
		if j := first; j < i && x.Toks[j].Possessive && x.partyMentionAt(x.Toks[j].Start) != "" {
			tm.bareStart = x.Toks[j+1].Start
		}
	case len(mods) == 0 && year.IsZero() && !plural:
		switch {
		case det == "the" || det == "this" || det == "that" || det == "such":
			tm.anaphor = true // "the treaty", "this declaration", "the [U.S.] treaty"
		case len(tm.parties) == 0:
			return nil // "an agreement" with nothing to say which
		}
	}
	if adjFirst >= 0 && adjFirst < first {
		tm.adjStart = x.Toks[adjFirst].Start // "intergovernmental agreements"
	}
	if tm.anaphor && adjFirst >= 0 && adjFirst < first {
		// "the final agreement" names the agreement by its adjective.
		tm.start = x.Toks[adjFirst].Start
		tm.surface = x.Text[tm.start:tm.end]
	}
	x.Cover(first, last)
	return tm
}

// adjacentLoose allows the brackets of an editorial insertion ("the [U.S.]
// treaty") between two words of a mention, but no line break or quote: a
// headline's last words and a quote's first are no one name.
func adjacentLoose(s string, a, b text.Token) bool {
	gap := s[a.End:b.Start]
	return len(gap) <= 3 && !strings.ContainsAny(gap, ",;:.()\n\"“”") || strings.Trim(gap, " []") == ""
}

// partyMentionAt returns the state or organization (the EU, NATO) a
// mention starting at byte off names, as a party to an agreement.
func (x rules) partyMentionAt(off int) string {
	if s := x.StateMentionAt(off); s != "" {
		return s
	}
	for _, m := range x.Mentions {
		if m.Start <= off && off < m.End {
			if e := x.Ents[m.ID]; e.Kind == kg.Organization {
				if o := x.Lex.Orgs[e.Name]; o != nil && o.Type == "international" {
					return e.Name
				}
			}
		}
	}
	return ""
}

// yearAt returns the year a token is, if the timex finder took it as one.
func (x rules) yearAt(t text.Token) (kg.Date, bool) {
	for _, tx := range x.Timexes {
		if tx.Start == t.Start && tx.End == t.End && tx.Date.Precision() == kg.PrecisionYear {
			return tx.Date, true
		}
	}
	return kg.Date{}, false
}

// partiesAfter reads "with X" or "between X and Y" right after token i.
func (x rules) partiesAfter(i int) []string {
	ps, _ := x.partiesAfterEnd(i)
	return ps
}

// partiesAfterEnd is partiesAfter, with the byte offset where the last
// party's mention ends (0 without parties).
func (x rules) partiesAfterEnd(i int) ([]string, int) {
	j := i + 1
	if j >= len(x.Toks) || x.Text[x.Toks[i].End:x.Toks[j].Start] != " " {
		return nil, 0
	}
	var out []string
	end := 0
	add := func(k int) bool {
		p := x.partyMentionAt(x.Toks[k].Start)
		if p == "" {
			p = x.orgMentionAt(x.Toks[k].Start)
		}
		if p != "" && !slices.Contains(out, p) {
			out = append(out, p)
			for _, m := range x.MentionsAt(x.Toks[k].Start) {
				end = max(end, m.End)
			}
			end = max(end, x.Toks[k].End)
			return true
		}
		return false
	}
	switch x.Toks[j].Key {
	case "with":
		for k := j + 1; k < len(x.Toks) && k <= j+6; k++ {
			if strings.ContainsAny(x.Text[x.Toks[k-1].End:x.Toks[k].Start], ",;.") && x.Toks[k-1].Key != "and" {
				break
			}
			add(k)
		}
	case "between", "among":
		// "between the transitional Government of Sudan, the Sudan
		// Revolutionary Front (SRF), … and Sudan People's Liberation
		// Movement-North": a list, up to the party after its "and".
		last := false
		for k := j + 1; k < len(x.Toks) && k <= j+40; k++ {
			if strings.ContainsAny(x.Text[x.Toks[k-1].End:x.Toks[k].Start], ";.") || listEnds[x.Toks[k].Key] {
				break
			}
			if x.Toks[k].Key == "and" {
				last = true
				continue
			}
			if add(k) && last {
				break
			}
		}
	}
	return out, end
}

// listEnds are the words that end a list of parties: what follows is no
// party ("… in Juba", "… to end the war").
var listEnds = map[string]bool{"in": true, "on": true, "at": true, "to": true, "which": true, "that": true, "who": true, "for": true, "was": true, "were": true, "is": true, "are": true}

// orgMentionAt returns the name of the organization mentioned at byte off
// as an actor: a party to an agreement it signed ("the Sudan
// Revolutionary Front"), whichever table or rule found it.
func (x rules) orgMentionAt(off int) string {
	for _, m := range x.MentionsAt(off) {
		if e := x.Ents[m.ID]; e != nil && e.Kind == kg.Organization && !m.Place {
			return e.Name
		}
	}
	return ""
}

// splitByYears turns "two agreements between Japan and Russia, in 1956 and
// again in 1978" into one mention per year.
func (x rules) splitByYears(ms []*treatyMention) (out, general []*treatyMention) {
	for _, m := range ms {
		if !m.plural || m.named != "" {
			out = append(out, m)
			continue
		}
		var years []kg.Date
		sp := x.Sents[m.sent]
		stop := sp.End
		for _, o := range ms {
			if o.start >= m.end && o.start < stop {
				stop = o.start // "Both treaties were concluded in mid-1951, and the ANZUS Treaty … entered into force in 1952": 1952 is the ANZUS Treaty's
			}
		}
		for _, tx := range x.Timexes {
			if tx.Start >= m.end && tx.End <= stop && tx.Date.Precision() == kg.PrecisionYear {
				years = append(years, tx.Date)
			}
		}
		if len(years) == 0 {
			general = append(general, m) // "agreements" in general
			continue
		}
		for _, y := range years {
			c := *m
			c.date, c.plural, c.split = y, false, true
			out = append(out, &c)
		}
	}
	return out, general
}

// clusterTreaties groups mentions: by gazetteer name, by written name, by
// kind and parties for generic mentions, and anaphors with the nearest
// earlier mention of the same noun.
func (x rules) clusterTreaties(ms []*treatyMention) (named, unnamed []*treaty) {
	var trs []*treaty
	keyOf := map[string]*treaty{}
	for _, m := range ms {
		x.fillParties(m)
		var tr *treaty
		switch {
		case m.anaphor:
			// The nearest agreement of the same noun ("the treaty" → the
			// last treaty), else the nearest agreement of any noun.
			for i := len(trs) - 1; i >= 0 && tr == nil; i-- {
				if trs[i].head == m.head {
					tr = trs[i]
				}
			}
			for i := len(trs) - 1; i >= 0 && tr == nil && !declarative(m.head); i-- {
				if !declarative(trs[i].head) {
					tr = trs[i]
				}
			}
			if tr == nil {
				continue
			}
		case m.inferred && m.named == "" && x.namedKin(trs, m) != nil:
			// "a peace agreement" in an essay on the Treaty of Portsmouth
			// (the "Portsmouth Peace Treaty") is that treaty.
			tr = x.namedKin(trs, m)
		default:
			// Generic mentions of one kind of agreement between the same
			// parties are one agreement: an article rarely weighs two
			// different U.S.-Turkey agreements at once.
			key := m.named
			if key == "" {
				// Treaty, agreement, accord and pact are one kind: "a
				// final peace treaty with Japan" and "the final peace
				// agreement" are one; a declaration is another.
				key = headClass(m.head) + "|" + strings.Join(sortedCopy(m.parties), ",") + "|" + m.date.String()
				if len(m.parties) == 0 {
					key += "|" + strings.Join(m.mods, " ")
				}
			} else if !m.fromGaz && !m.date.IsZero() {
				key = m.head + "|" + m.date.String()
			}
			tr = keyOf[key]
			if tr == nil {
				tr = &treaty{head: m.head}
				keyOf[key] = tr
				trs = append(trs, tr)
			}
		}
		tr.mentions = append(tr.mentions, m)
		if !m.anaphor || len(tr.mods) == 0 {
			tr.mods = doc.Union(tr.mods, m.mods)
		}
		tr.parties = doc.Union(tr.parties, m.parties)
		if tr.date.IsZero() {
			tr.date = m.date
		}
		if d := x.signingDate(m); !d.IsZero() && tr.date.IsZero() {
			tr.date = d
		}
		if s := x.treatyStatus(m); s != "" {
			tr.statuses = append(tr.statuses, s)
		}
	}
	// Gazetteer resolution can make two clusters one treaty.
	byName := map[string]*treaty{}
	var out []*treaty
	for _, tr := range trs {
		x.resolveTreaty(tr)
		if tr.name == "" {
			unnamed = append(unnamed, tr)
			continue
		}
		if prev, ok := byName[tr.name]; ok {
			prev.mentions = append(prev.mentions, tr.mentions...)
			prev.parties = doc.Union(prev.parties, tr.parties)
			prev.statuses = append(prev.statuses, tr.statuses...)
			if prev.date.IsZero() {
				prev.date = tr.date
			}
			continue
		}
		byName[tr.name] = tr
		out = append(out, tr)
	}
	return out, unnamed
}

// namedKin returns the treaty of the article, known to the gazetteer,
// whose names share a modifier of the generic mention m ("peace").
func (x rules) namedKin(trs []*treaty, m *treatyMention) *treaty {
	if len(m.mods) == 0 {
		return nil
	}
	for _, tr := range trs {
		for _, tm := range tr.mentions {
			if !tm.fromGaz {
				continue
			}
			t := x.Lex.Treaties[tm.named]
			if t == nil {
				continue
			}
			words := fold.Words(t.Name + " " + strings.Join(t.Aliases, " "))
			for _, mod := range m.mods {
				if slices.Contains(words, mod) {
					return tr
				}
			}
		}
	}
	return nil
}

// fillParties gives a generic mention without explicit parties the states
// its sentence is about: a "peace treaty" in a sentence about the foreign
// ministers of Japan and Russia is between Japan and Russia. A "with X"
// mention gets the other state of its sentence as second party.
func (x rules) fillParties(m *treatyMention) {
	if m.fromGaz || m.named != "" && !m.date.IsZero() {
		return // a name says which agreement; its sentence may be about others
	}
	if len(m.parties) == 0 {
		m.inferred = true
	}
	if len(m.parties) >= 2 || m.anaphor && len(m.parties) == 0 {
		return
	}
	sp := x.Sents[m.sent]
	for _, mm := range x.MentionsIn(sp.Start, sp.End) {
		if len(m.parties) >= 2 {
			break
		}
		var state string
		switch e := x.Ents[mm.ID]; e.Kind {
		case kg.State:
			if !mm.Place {
				state = e.Name
			}
		case kg.Person:
			state = x.PersonState[e.ID]
		}
		if state != "" && !slices.Contains(m.parties, state) {
			m.parties = append(m.parties, state)
		}
	}
}

// signingDate returns the date a mention's sentence gives after a signing
// verb: "The treaty was signed in 1960".
func (x rules) signingDate(m *treatyMention) kg.Date {
	sp := x.Sents[m.sent]
	for _, tx := range x.Timexes {
		if tx.Start < m.end || tx.End > sp.End || tx.Date.IsZero() {
			continue
		}
		between := strings.ToLower(x.Text[m.end:tx.Start])
		if len(between) > 40 {
			break
		}
		for _, v := range []string{"signed", "concluded", "agreed", "reached", "initialed", "proposed", "ratified"} {
			if strings.Contains(between, v) {
				return tx.Date
			}
		}
	}
	// "On Friday the two sides signed a memorandum": the day before it.
	cue := x.signedInSentence(m)
	if cue < 0 {
		return kg.Date{}
	}
	for idx, tx := range x.Timexes {
		if tx.Start < sp.Start || tx.End > sp.End || tx.Date.IsZero() || x.RangeEnd(idx) || tx.Start >= m.start && tx.End <= m.end {
			continue
		}
		if tx.End <= m.start && tx.End <= cue && tx.Date.Precision() >= kg.PrecisionDay {
			return tx.Date
		}
	}
	return kg.Date{}
}

// signedInSentence returns the byte offset of a verb of signing in the
// sentence of mention m ("signed", "inked", "concluded"), -1 without one.
func (x rules) signedInSentence(m *treatyMention) int {
	sp := x.Sents[m.sent]
	first, _ := slices.BinarySearchFunc(x.Toks, sp.Start, func(t text.Token, off int) int { return t.Start - off })
	for i := first; i < len(x.Toks) && x.Toks[i].Start < sp.End; i++ {
		switch x.Toks[i].Key {
		case "signed", "inked", "concluded", "signing":
			return x.Toks[i].Start
		}
	}
	return -1
}

// statusCues are the words that give a treaty's status, in order of
// precedence where they sit equally near.
var statusCues = []struct {
	cues   *text.Cues
	status kg.Status
}{
	{text.NewCues("terminated|abrogated|withdrew/withdraw from|withdrawal from|expired|scrapped|renounced"), kg.Terminated},
	{text.NewCues("in force|took effect|entered into force|ratified"), kg.InForce},
	{text.NewCues("signed|concluded|initialed"), kg.Signed},
	{text.NewCues("fail/failed/fails|collapsed|rejected|sabotage/sabotaged/sabotages|fell through|never ratified"), kg.Failed},
	{text.NewCues("negotiat*|talks|work on|working on|reach/reached|resum*|agreement for|conclude"), kg.InNegotiation},
	{text.NewCues("propos*|draft|offer/offered/offers|suggest*"), kg.Proposed},
}

// modals are the words that, right before a completion verb ("can be
// concluded", "to be signed"), leave the agreement still in negotiation.
var modals = map[string]bool{"will": true, "would": true, "can": true, "could": true, "may": true, "might": true, "should": true, "must": true, "to": true}

// modalBefore reports whether the words right before byte off are a modal,
// a modal and "be", or "to be".
func (x rules) modalBefore(off int) bool {
	i := x.Toks.At(off) - 1
	if i >= 0 && x.Toks[i].Key == "be" {
		i--
	}
	return i >= 0 && modals[x.Toks[i].Key]
}

// treatyStatus reads the status a mention's sentence gives: the cue nearest
// to the mention wins; a modal before a completion verb ("can be
// concluded") means the agreement is still being negotiated.
func (x rules) treatyStatus(m *treatyMention) kg.Status {
	sp := x.Sents[m.sent]
	best, bestDist := kg.Status(""), 1<<30
	for _, c := range statusCues {
		for _, loc := range x.Toks.CuesIn(c.cues, sp.Start, sp.End) {
			s := c.status
			if (s == kg.Signed || s == kg.InForce) && x.modalBefore(loc.Start) {
				s = kg.InNegotiation
			}
			at := loc.Start
			dist := at - m.end
			if at < m.start {
				dist = m.start - at
			}
			dist = max(dist, 0)
			if dist < bestDist {
				best, bestDist = s, dist
			}
		}
	}
	return best
}

// statusRank orders statuses by how much they settle: a treaty the text
// says was signed stays signed even where another sentence says an attempt
// failed.
var statusRank = map[kg.Status]int{kg.Terminated: 6, kg.InForce: 5, kg.Signed: 4, kg.Failed: 3, kg.InNegotiation: 2, kg.Proposed: 1}

// resolveTreaty names a cluster: the gazetteer treaty it matches, else the
// name written in the text, else one made of its parties and kind
// ("Japan-Russia peace treaty").
func (x rules) resolveTreaty(tr *treaty) {
	for _, m := range tr.mentions {
		if m.fromGaz {
			tr.ref = x.Lex.Treaties[m.named]
			tr.name = m.named
			return
		}
	}
	partiesOn := make([]string, 0, len(tr.parties))
	for _, p := range tr.parties {
		partiesOn = append(partiesOn, x.StateOn(p, tr.date))
	}
	if len(partiesOn) > 0 || !tr.date.IsZero() {
		var cands []*gazetteer.Treaty
		for i := range x.Lex.Gaz.Treaties {
			t := &x.Lex.Gaz.Treaties[i]
			if x.treatyFits(t, tr, partiesOn) {
				cands = append(cands, t)
			}
		}
		if len(cands) > 1 {
			// Several agreements fit the year and noun: keep those whose
			// parties the article names.
			named := x.articleStates(tr.date)
			cands = slices.DeleteFunc(cands, func(t *gazetteer.Treaty) bool {
				return !slices.ContainsFunc(t.Parties, func(p string) bool { return named[p] })
			})
		}
		if len(cands) > 1 && tr.date.IsZero() && !x.Published.IsZero() {
			// "the security treaty" in a 2019 article is the one in force
			// in 2019.
			cands = slices.DeleteFunc(cands, func(t *gazetteer.Treaty) bool {
				start := t.InForce
				if start.IsZero() {
					start = t.Date
				}
				return !x.Published.Overlaps(kg.Date{}, start, t.End)
			})
		}
		if len(cands) == 1 {
			tr.ref, tr.name = cands[0], cands[0].Name
			return
		}
	}
	for _, m := range tr.mentions {
		if m.named != "" {
			tr.name = m.named
			return
		}
	}
	if len(partiesOn) < 2 && tr.date.IsZero() {
		return // "a security treaty" with no one in particular
	}
	// Named after the fullest description the text gives: "United
	// States-Turkey defence and economic agreement".
	desc := tr.head
	for _, m := range tr.mentions {
		if len(m.mods) > 0 && !m.anaphor && len(m.surface) > len(desc) && !strings.ContainsAny(m.surface, "[]") {
			desc = strings.ToLower(m.surface)
		}
	}
	name := strings.Join(partiesOn, "-") + " " + desc
	if !tr.date.IsZero() {
		name = strconv.Itoa(tr.date.YearNum()) + " " + name // "2020 Sudan-… peace agreement"
	}
	tr.name = name
}

// articleStates returns the states the article names as actors, each also
// as the state that existed on d (Russia as the Soviet Union in 1956).
func (x rules) articleStates(d kg.Date) map[string]bool {
	out := map[string]bool{}
	for _, m := range x.Mentions {
		if e := x.Ents[m.ID]; e.Kind == kg.State && !m.Place {
			out[e.Name] = true
			out[x.StateOn(e.Name, d)] = true
		}
	}
	return out
}

// treatyFits reports whether reference treaty t can be what cluster tr
// mentions: same year when the text gives one, every party the text names
// among its parties, a compatible noun, and a name that agrees with the
// modifiers ("security" for a "military alliance treaty"). Without a year
// it needs two parties and a modifier to be sure.
func (x rules) treatyFits(t *gazetteer.Treaty, tr *treaty, parties []string) bool {
	if !tr.date.IsZero() {
		if t.Date.IsZero() || t.Date.YearNum() != tr.date.YearNum() {
			return false
		}
	} else if len(parties) < 2 || len(tr.mods) == 0 {
		return false
	}
	if len(parties) == 0 && !tr.date.IsZero() && !slices.Contains(fold.Words(t.Name+" "+strings.Join(t.Aliases, " ")), tr.head) && tr.head != "agreement" {
		return false // "the 1956 Declaration" is not any treaty of 1956
	}
	if len(parties) == 0 && t.Multilateral {
		return false
	}
	for _, p := range parties {
		if !slices.Contains(t.Parties, p) {
			return false
		}
	}
	words := fold.Words(t.Name + " " + strings.Join(t.Aliases, " "))
	switch tr.head {
	case "declaration", "protocol", "convention", "charter", "communique", "memorandum":
		if !slices.Contains(words, tr.head) {
			return false
		}
	case "treaty", "pact", "accord":
		// A treaty is not a declaration or a communiqué.
		if declarative(headIn(t.Name)) {
			return false
		}
	}
	for _, mod := range tr.mods {
		syns, ok := modifierSynonyms[mod]
		if !ok {
			if shapeModifiers[mod] {
				continue // "a bilateral agreement" says nothing of its subject
			}
			// A subject the name must share: "the fisheries agreement
			// with South Korea" is not the Treaty on Basic Relations.
			syns = []string{mod}
		}
		if !slices.ContainsFunc(syns, func(s string) bool { return slices.Contains(words, s) }) {
			return false
		}
	}
	return true
}

// acronymAfter matches the acronym a text defines right after a name.
var acronymAfter = regexp.MustCompile(`^\s*\(([A-Z]{2,8})\)`)

// DateBySigning dates the treaties the text leaves undated by the signing
// it reports: "The United States and Turkey signed a … agreement" in a
// lede dated 16 March is an agreement of that day.
func DateBySigning(d *doc.Doc) {
	x := rules{d}
	for _, ed := range x.Edges {
		if ed.Type != kg.Concerns {
			continue
		}
		ev, t := x.Ents[ed.From], x.Ents[ed.To]
		if ev == nil || t == nil || ev.EventType != kg.Signing || t.Kind != kg.Treaty || !t.Date.IsZero() || ev.Date.IsZero() {
			continue
		}
		t.Date = ev.Date
		if t.Status == "" || t.Status == kg.InNegotiation || t.Status == kg.Proposed {
			t.Status = kg.Signed
		}
		for _, pe := range x.Edges {
			if pe.Type == kg.PartyTo && pe.To == t.ID {
				pe.Date, pe.Status = t.Date, t.Status
			}
		}
	}
}

// declarative reports whether a head noun names a statement of intent
// rather than a binding agreement.
func declarative(head string) bool {
	return head == "declaration" || head == "communique" || head == "memorandum"
}

// headClass is the kind of agreement a head noun names: binding ones
// ("treaty", "agreement", "accord", "pact", "convention", "protocol",
// "charter") or declarations of intent.
func headClass(head string) string {
	if declarative(head) {
		return head
	}
	return "agreement"
}

// recordTreaty adds a resolved treaty, its parties and their PARTY_TO
// edges.
func (x rules) recordTreaty(tr *treaty) {
	e := x.Entity(kg.Treaty, tr.name)
	date := tr.date
	if tr.ref != nil {
		if date.IsZero() || !tr.ref.Date.IsZero() && date.YearNum() != tr.ref.Date.YearNum() {
			date = tr.ref.Date
		}
		if !tr.ref.Date.IsZero() {
			e.Attrs["signed"] = tr.ref.Date.String()
		}
		if !tr.ref.InForce.IsZero() {
			e.Attrs["in_force"] = tr.ref.InForce.String()
		}
		if end, ds := x.Lex.Gaz.Ended(tr.ref); !end.IsZero() {
			e.Attrs["ended"] = end.String()
			e.Attrs["ended_source"] = ds.ID()
		}
		// What the table says of the treaty's state, and as of when: the
		// API's asOf trusts it over its horizon for unknown ends.
		e.Attrs["reference_status"] = string(tr.ref.Status)
		e.Attrs["reference_as_of"] = gazetteer.AsOf.String()
		if r := tr.ref.Record; r != nil && r.InEffect && e.Attrs["ended"] == "" {
			// ATOP or DCAD found it in effect at the end of their
			// coverage.
			e.Attrs["in_effect_as_of"] = r.Source.Covers.String()
			e.Attrs["in_effect_source"] = r.Source.ID()
		}
	}
	if e.Date.IsZero() {
		e.Date = date
	}
	best := kg.Status("")
	for _, s := range tr.statuses {
		if statusRank[s] > statusRank[best] {
			best = s
		}
	}
	if best == "" && tr.ref != nil {
		best = tr.ref.Status
	}
	if best == "" && !date.IsZero() {
		best = kg.Signed
	}
	e.Status = best
	parties := tr.parties
	if tr.ref != nil && len(tr.ref.Parties) > 0 {
		parties = tr.ref.Parties
	}
	sents := []int{}
	for _, m := range tr.mentions {
		if !m.split { // "agreements … in 1956 and 1978" names neither alone
			x.addMention(e, m)
			// "a five-year defence and economic agreement (DECA)"
			if a := acronymAfter.FindStringSubmatchIndex(x.Text[m.end:]); a != nil {
				x.AddMention(e, m.end+a[2], m.end+a[3], false, false)
			}
		}
		if !slices.Contains(sents, m.sent) {
			sents = append(sents, m.sent)
		}
	}
	multilateral := tr.ref != nil && tr.ref.Multilateral
	for _, p := range parties {
		name := x.StateOn(p, e.Date)
		kind := kg.State
		if _, ok := x.Lex.States[name]; !ok {
			_, curated := x.Lex.Orgs[name]
			if _, found := x.Ents[kg.EntityID(kg.Organization, name)]; !curated && !found {
				continue
			}
			kind = kg.Organization
		}
		// Of a multilateral treaty, only the parties the article names:
		// the nine powers of 1922 are not all this article's facts.
		if _, named := x.Ents[kg.EntityID(kind, name)]; multilateral && !named {
			continue
		}
		party := x.Entity(kind, name)
		end, _ := kg.ParseDate(e.Attrs["ended"])
		// A sentence is evidence that a state is party to the treaty only
		// where it names the state ("the U.S.-Japan Security Treaty"); the
		// parties the table adds cite the table.
		var pe *kg.Edge
		for _, s := range sents {
			if x.mentionedIn(party.ID, s) {
				pe = x.Edge(kg.PartyTo, party.ID, e.ID, "", e.Date, end, e.Status, s)
			}
		}
		if tr.ref != nil && slices.Contains(tr.ref.Parties, p) {
			if pe == nil {
				pe = x.Edge(kg.PartyTo, party.ID, e.ID, "", e.Date, end, e.Status, -1)
			}
			x.Cite(pe, gazetteer.Treaties, gazetteer.Treaties.Evidence(x.Lex.Gaz.TreatyIndex(tr.ref), treatyRecord(x.Lex.Gaz, tr.ref)))
			if r := tr.ref.Record; r != nil {
				x.Cite(pe, r.Source, r.Source.Evidence(r.Line, recordQuote(tr.ref.Name, r)))
			}
		} else if pe == nil && len(sents) > 0 {
			// Parties the article gives by context (the states of the
			// talks), cited to the sentences that name the treaty.
			for _, s := range sents {
				x.Edge(kg.PartyTo, party.ID, e.ID, "", e.Date, end, e.Status, s)
			}
		}
	}
}

// addMention adds mention m of treaty e, and the text's longer strings
// for it as aliases: "the peace treaty", "a peace treaty between Russia
// and Japan", "Accession Protocol" of "Montenegro's Accession Protocol",
// "intergovernmental agreements".
func (x rules) addMention(e *kg.Entity, m *treatyMention) {
	x.AddMention(e, m.start, m.end, false, false)
	for _, span := range [][2]int{{m.detStart, m.end}, {m.start, m.tailEnd}, {m.detStart, m.tailEnd}, {m.bareStart, m.end}, {m.adjStart, m.end}} {
		bare := span[0] == m.bareStart // inside the mention, after its owner
		if span[0] > 0 && span[1] > span[0] && span[1] > m.end-1 && (span[0] <= m.start || bare) {
			if a := kg.CollapseSpace(x.Text[span[0]:span[1]]); a != e.Name && !slices.Contains(e.Aliases, a) {
				e.Aliases = append(e.Aliases, a)
			}
		}
	}
}

// mentionedIn reports whether entity id is mentioned in sentence sent.
func (x rules) mentionedIn(id string, sent int) bool {
	if sent < 0 || sent >= len(x.Sents) {
		return false
	}
	sp := x.Sents[sent]
	return slices.ContainsFunc(x.MentionsIn(sp.Start, sp.End), func(m doc.Mention) bool { return m.ID == id })
}

// treatyRecord is a treaty's record in the treaty table, as a sentence.
func treatyRecord(g *gazetteer.Gazetteer, t *gazetteer.Treaty) string {
	var b strings.Builder
	b.WriteString(t.Name + ":")
	if !t.Date.IsZero() {
		b.WriteString(" signed " + t.Date.String() + ";")
	}
	if !t.InForce.IsZero() {
		b.WriteString(" in force " + t.InForce.String() + ";")
	}
	if !t.End.IsZero() {
		b.WriteString(" ended " + t.End.String() + ";")
	} else if r, ok := g.ReplacedBy(t); ok {
		b.WriteString(" replaced by " + r.Name + ";")
	}
	if len(t.Parties) > 0 {
		b.WriteString(" parties " + strings.Join(t.Parties, ", ") + ";")
	}
	b.WriteString(" status " + string(t.Status) + " as of " + gazetteer.AsOf.String() + ".")
	return b.String()
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

// recordQuote is what an ATOP or DCAD record says of a treaty, as a
// sentence.
func recordQuote(name string, r *gazetteer.TreatyRecord) string {
	q := fmt.Sprintf("%s: %s %s %s, in effect from %s", name, strings.ToUpper(r.Source.Key), r.Source.Version, r.ID, r.Begin)
	if !r.End.IsZero() {
		return q + " to " + r.End.String() + "."
	}
	return q + ", still in effect in " + r.Source.Covers.String() + "."
}
