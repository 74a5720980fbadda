package recognize

import (
	"slices"
	"strings"
	"unicode"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/doc"
	"github.com/diplograph/diplograph/loader/text"
)

// venueWords end (or, before "of", start) the names of the buildings and
// sites where diplomacy happens: "Velana International Airport", "the
// Great Hall of the People", "Government House", "Palace of Facets".
// Without them the words before the head are read as an organization
// ("Velana International") or a town ("Paradise" of "Paradise Island
// Resort").
var venueWords = map[string]bool{
	"airport": true, "palace": true, "hall": true, "square": true, "castle": true, "estate": true,
	"stadium": true, "hotel": true, "resort": true, "residence": true, "chancellery": true,
	"mansion": true, "pavilion": true, "villa": true, "house": true, "headquarters": true,
	"hospital": true, "airbase": true, "base": true, "harbour": true, "harbor": true,
}

// Venues finds the named buildings and sites an article puts something
// at: a capitalized name of two or more words ending with a venue word,
// or a venue word and "of" a name, after a locative word ("arrived at
// Velana International Airport", "talks at the Great Hall of the People",
// "met at Government House"). It runs before Organizations, so that an
// airport is not read as the company or body its first words name; a
// name the curated tables know ("the White House", "the Kremlin") is
// theirs.
func Venues(d *doc.Doc) {
	x := rules{d}
	for i := 1; i < len(x.Toks); i++ {
		if x.Covered[i] || !x.Toks[i].Upper() || x.Toks[i].AllCaps() || connectors[x.Toks[i].Key] || x.InTitleCaseHeadline(i) || !(x.afterLocative(i) || x.locativeBefore(i)) {
			continue
		}
		first := i
		last, ok := x.venueAt(i)
		if !ok {
			continue
		}
		// "the Kremlin's Palace of Facets": the owner's possessive is no
		// part of the venue's name.
		for j := i; j < last; j++ {
			if x.Toks[j].Possessive {
				first = j + 1
			}
		}
		if first == last || x.businessIn(first, last) {
			continue // a venue's word alone ("the Kremlin's Palace"), or a body's name ("International Commodities Clearing House")
		}
		e := x.Entity(kg.Place, kg.CollapseSpace(x.Text[x.Toks[first].Start:x.Toks[last].End]))
		x.AddMention(e, x.Toks[first].Start, x.Toks[last].End, x.Toks[last].Possessive, true)
		x.Cover(first, last)
		i = last
	}
}

// featureWords open the names of lakes, mountains, capes, inlets and
// valleys, whose second word is often a state's, a capital's or a
// person's name: "Lake Victoria" is not Seychelles' capital, "Lake Chad"
// not the state, "Khor Abdullah" not the King of Jordan.
var featureWords = map[string]bool{"lake": true, "mount": true, "mt": true, "cape": true, "khor": true, "wadi": true, "jebel": true, "jabal": true}

// Features finds the lakes, mountains and capes named "Lake X", "Mount
// X", "Cape X" that the curated tables do not know, before the states
// and capitals inside them are read.
func Features(d *doc.Doc) {
	x := rules{d}
	for i := 0; i+1 < len(x.Toks); i++ {
		t, next := x.Toks[i], x.Toks[i+1]
		if x.Covered[i] || !t.Upper() || !featureWords[t.Key] || !next.Upper() || !text.Adjacent(t, next) || x.Covered[i+1] ||
			t.AllCaps() || next.AllCaps() || x.InTitleCaseHeadline(i) || !unicode.IsLetter(text.FirstRune(next.Text)) || x.businessWordAt(i+1) ||
			i > 0 && x.TokSent[i-1] == x.TokSent[i] && text.Adjacent(x.Toks[i-1], t) && x.Toks[i-1].Upper() {
			continue // "LAKE GOLD" in a headline, "Lake Shore Mines", "Lake Carriers", "Falls Lake …": no lake of that name
		}
		if m, ok := x.Longest(i); ok && slices.ContainsFunc(m.Refs, curated) {
			i = m.Last // a feature the tables know: theirs
			continue
		}
		last := i + 1
		if m, ok := x.Longest(i + 1); ok && m.Last > last {
			last = m.Last // "Lake Titicaca", "Mount Kilimanjaro", or "Cape Verde"'s state
		}
		if n := last + 1; n < len(x.Toks) && text.Adjacent(x.Toks[last], x.Toks[n]) && x.businessWordAt(n) {
			continue // "Lake Shore Mines Ltd"
		}
		e := x.Entity(kg.Place, kg.CollapseSpace(x.Text[t.Start:x.Toks[last].End]))
		x.AddMention(e, t.Start, x.Toks[last].End, x.Toks[last].Possessive, true)
		x.Cover(i, last)
		i = last
	}
}

// chamberHouses make "House" a legislature's chamber, not a building.
var chamberHouses = map[string]bool{"lower": true, "upper": true, "white": true, "clearing": true, "publishing": true, "trading": true, "auction": true}

// businessWordAt reports whether token j is a word of a company's or a
// body's name: "Mines", "Carriers", "Pty", "Bank".
func (x rules) businessWordAt(j int) bool {
	k := x.Toks[j].Key
	return headWords[k] || legalForms[k] || companyWords[k] || strings.HasSuffix(k, "ers") && !x.InLowerCase(k)
}

// venueAt returns the last token of a venue's name that starts at token
// i, if one does.
func (x rules) venueAt(i int) (int, bool) {
	end := x.phraseEnd(i)
	if end < 0 || x.notAnOrgStart(i) {
		return 0, false
	}
	for j := i; j <= end; j++ {
		k := x.Toks[j].Key
		if connectors[k] {
			if k == "of" || k == "for" {
				break // "Ministry of …": what follows "of" is another name's
			}
			continue
		}
		if !venueWords[k] {
			continue
		}
		if k == "house" && (j != i+1 || chamberHouses[x.Toks[i].Key]) {
			return 0, false // "Government House", "Blair House"; not "Lower House", "Clearing House" at the end of a longer name
		}
		last := j
		if j+1 <= end && x.Toks[j+1].Key == "of" {
			if k == "house" {
				return 0, false // "House of Representatives", "House of Commons": chambers
			}
			last = x.ofTail(j, end)
		}
		// The venue word ends the name, or "of" a name follows it; a
		// longer capitalized name runs on ("Airport Authority").
		if last == j && j < end && !connectors[x.Toks[j+1].Key] {
			continue
		}
		if last == i || x.knownName(i, last) || x.knownAt(i) && x.nameEnd(i) == last {
			return 0, false
		}
		return last, true
	}
	return 0, false
}

// businessIn reports whether a word of a company's or a body's name
// stands among tokens first..last, the venue's word aside.
func (x rules) businessIn(first, last int) bool {
	for j := first; j <= last; j++ {
		if k := x.Toks[j].Key; !venueWords[k] && k != "international" && (headWords[k] || legalForms[k] || companyWords[k]) {
			return true
		}
	}
	return false
}

// knownName reports whether a curated table names tokens first..last
// exactly: "the White House", "Blue House".
func (x rules) knownName(first, last int) bool {
	m, ok := x.Longest(first)
	return ok && m.Last == last && slices.ContainsFunc(m.Refs, curated)
}

// placePrepositions put a name no table knows in a place: "talks in
// Torkham", "the base at Tapa", "arrived from Rwakitura".
var placePrepositions = map[string]bool{"in": true, "at": true, "near": true, "outside": true}

// UnknownPlaces reads a name no recognizer has claimed, after "in", "at",
// "near" or "outside" and before a comma and its state, as a place: a
// town under the tables' 15,000 people ("on September 19 in Koror,
// Palau"). Without its state such a name was a place too often not to be
// one (measured on the blind sets: it cost more than it gained).
// It runs last among the recognizers of names, so that people, bodies,
// states and the towns the tables know have had their turn, and it
// takes only one or two capitalized words that stand alone: not at a
// sentence's start, not before another capitalized word or a possessive,
// not a word the article writes in lower case, not in capitals, not a
// month or a day.
func UnknownPlaces(d *doc.Doc) {
	x := rules{d}
	for i := 1; i < len(x.Toks); i++ {
		if !placePrepositions[x.Toks[i-1].Key] || x.TokSent[i-1] != x.TokSent[i] || !text.Adjacent(x.Toks[i-1], x.Toks[i]) || x.Toks[i].Key == "may" {
			continue
		}
		if i >= 2 && x.Toks[i-2].Upper() && unicode.IsLetter(text.FirstRune(x.Toks[i-2].Text)) && text.Adjacent(x.Toks[i-2], x.Toks[i-1]) && x.TokSent[i-2] == x.TokSent[i] && len(x.MentionsAt(x.Toks[i-2].Start)) == 0 && !x.Covered[i-2] && !x.InTimex(x.Toks[i-2].Start) {
			continue // "Trafficking in Persons": the preposition inside a name (but "met Whipps in Koror")
		}
		last := i
		if i+1 < len(x.Toks) && text.Adjacent(x.Toks[i], x.Toks[i+1]) && x.Toks[i+1].Upper() && !x.Toks[i].Possessive {
			last = i + 1
		}
		if !x.unknownName(i, last) {
			continue
		}
		if n := last + 1; n < len(x.Toks) && text.Adjacent(x.Toks[last], x.Toks[n]) && x.Toks[n].Upper() {
			continue // a longer name: "in Bogor Palace Hall …"
		}
		if _, ok := x.stateAfterComma(last); !ok {
			continue // only a town its state follows: "in Koror, Palau"
		}
		e := x.Entity(kg.Place, kg.CollapseSpace(x.Text[x.Toks[i].Start:x.Toks[last].End]))
		x.AddMention(e, x.Toks[i].Start, x.Toks[last].End, x.Toks[last].Possessive, true)
		x.Cover(i, last)
		i = last
	}
}

// unknownName reports whether tokens first..last are capitalized words
// that nothing has claimed and that read as a name.
func (x rules) unknownName(first, last int) bool {
	for j := first; j <= last; j++ {
		t := x.Toks[j]
		if x.Covered[j] || !t.Upper() || t.AllCaps() || t.Possessive && j < last || calendarWords[t.Key] || text.IsFunctionWord(t.Key) || text.IsDeterminer(t.Key) ||
			x.InLowerCase(t.Key) || unicode.IsDigit(text.FirstRune(t.Text)) || headWords[t.Key] || legalForms[t.Key] || companyWords[t.Key] || notNameEnds[t.Key] || roleNouns[t.Key] {
			return false
		}
		if _, _, title := x.titleAt(j); title {
			return false
		}
		if len(x.MentionsAt(t.Start)) > 0 {
			return false
		}
	}
	return !x.InTitleCaseHeadline(first)
}
