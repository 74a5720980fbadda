package recognize

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/diplograph/diplograph/internal/fold"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/doc"
	"github.com/diplograph/diplograph/loader/gazetteer"
	"github.com/diplograph/diplograph/loader/lexicon"
	"github.com/diplograph/diplograph/loader/text"
)

// The recognizers of the names the generated reference tables know
// (lexicon kinds Actor, ActorOrg and City). Those tables are large and
// coarse (tens of thousands of people, companies and towns), so their
// names are taken only where the text bears them out.

// spelling returns the text's spelling of a name when it is the same name
// (the same folded words), else the table's: "Ban Ki-moon" as written
// rather than the table's "Ban Ki-Moon", but the table's "Yuriy Ushakov"
// for an alias the text spells otherwise.
func (x rules) spelling(name string, start, end int) string {
	written := x.Text[start:end]
	if fold.Fold(written) == fold.Fold(name) && strings.ToUpper(written) != written {
		return written // but "BRISTOL" of a dateline is the table's "Bristol"
	}
	return name
}

// actorPerson returns the person of the actor tables named at start:end,
// with the state the tables say they acted for on the article's date.
func (x rules) actorPerson(name string, start, end int) *kg.Entity {
	p := x.Entity(kg.Person, x.spelling(name, start, end))
	if p.Attrs["state"] != "" {
		return p
	}
	for _, a := range x.Lex.Gaz.ActorsNamed(name) {
		if a.Kind != kg.Person {
			continue
		}
		if state, c, ok := x.Lex.Gaz.Affiliation(a, x.Published); ok && strings.HasPrefix(c.Sector(), "GOV") {
			p.Attrs["state"] = state
			x.PersonState[p.ID] = state
		}
		break
	}
	return p
}

// cityAt decides whether the city name at tokens first..last is a place
// here, and which city it is. A town's name is also a word, a surname or a
// company ("Mobile", "Reading", "Nice"), so it is a place only where the
// text says so: after a locative word ("in Busan", "talks in Madrid and
// Vienna"), in a dateline ("NEW DELHI, December 6"), before its state or
// region ("Alofi, Niue"), or, for a city of a million or more, anywhere
// its name stands alone. Of several cities of one name, the one in a state
// the sentence names, else the most populous.
func (x rules) cityAt(name string, first, last int) (*gazetteer.City, bool) {
	if first == last {
		// A one-word town that is also a word of the language: "TO" in a
		// headline in capitals, "March", "Of", and any word the article
		// itself writes in lower case ("Turn", another name of Angren).
		if k := x.Toks[first].Key; text.IsFunctionWord(k) || text.IsDeterminer(k) || calendarWords[k] || len(k) < 3 || x.InLowerCase(k) {
			return nil, false
		}
	}
	cities := x.Lex.Gaz.CitiesNamed(x.Text[x.Toks[first].Start:x.Toks[last].End])
	if len(cities) == 0 {
		cities = x.Lex.Gaz.CitiesNamed(name)
	}
	if len(cities) == 0 {
		return nil, false
	}
	c := cities[0]
	if state, ok := x.stateAfterComma(last); ok {
		for _, cc := range cities {
			if cc.State == state {
				return cc, true
			}
		}
		return nil, false // "Moscow, Idaho" is no city the tables hold
	}
	sp := x.Sents[x.TokSent[first]]
	for _, m := range x.MentionsIn(sp.Start, sp.End) {
		if e := x.Ents[m.ID]; e.Kind == kg.State {
			if i := slices.IndexFunc(cities, func(cc *gazetteer.City) bool { return cc.State == e.Name }); i >= 0 {
				c = cities[i]
				break
			}
		}
	}
	switch {
	case first > 0 && x.locativeBefore(first), x.listedPlace(first), x.datelinePlace(first, last), x.regionWordAfter(last):
		return c, true
	case c.Population >= 1_000_000 && x.standsAlone(first, last):
		return c, true
	}
	return nil, false
}

// standsAlone reports whether tokens first..last are a name by themselves:
// no capitalized word runs on before or after them ("Cairo" but not
// "Cairo University"), and they are not the first word of a sentence,
// where a capital says nothing.
func (x rules) standsAlone(first, last int) bool {
	if first == 0 || x.TokSent[first-1] != x.TokSent[first] {
		return false
	}
	if text.Adjacent(x.Toks[first-1], x.Toks[first]) && x.Toks[first-1].Upper() {
		return false
	}
	return last+1 >= len(x.Toks) || !text.Adjacent(x.Toks[last], x.Toks[last+1]) || !x.Toks[last+1].Upper()
}

// listedPlace reports whether the name at token i is an item of a list of
// places after a locative word: "meetings in Madrid and Vienna", "visits
// to Paris, Rome and Berlin" (but not "between Washington and Tokyo",
// whose first item is no location).
func (x rules) listedPlace(i int) bool {
	for depth := 0; depth < 6; depth++ {
		if i < 2 || (x.Toks[i-1].Key != "and" && x.Toks[i].Sep != ", ") {
			return false
		}
		j := i - 1
		if x.Toks[i-1].Key == "and" {
			j = i - 2
		}
		// The item before: a place mention that ends at token j.
		var prev *doc.Mention
		for _, m := range x.MentionsIn(x.Toks[max(0, j-4)].Start, x.Toks[j].End) {
			if m.End == x.Toks[j].End && m.Place {
				prev = &m
			}
		}
		if prev == nil {
			return false
		}
		k := x.Toks.At(prev.Start)
		if k > 0 && (x.locativeBefore(k) || x.afterLocative(k)) {
			return true // "meetings in Madrid and Vienna", "at the Presidential Villa, Abuja"
		}
		i = k
	}
	return false
}

// datelinePlace reports whether tokens first..last open a line as a
// dateline's or a signature's place: "NEW DELHI, December 6. /TASS/",
// "Alofi, Niue – 13 September 2023 –", "New Delhi" alone on a line above
// a date.
func (x rules) datelinePlace(first, last int) bool {
	if x.datelineLine(first, last) {
		return true
	}
	if last+1 < len(x.Toks) && text.Adjacent(x.Toks[last], x.Toks[last+1]) && x.fullDateAt(x.Toks[last+1].Start) {
		// "… to the Permanent Council, Vienna April 25, 2013": a place
		// and then the day, the dateline at the end of a statement.
		return true
	}
	if first > 0 && !strings.Contains(x.Toks[first].Sep, "\n") {
		return false
	}
	if last+1 >= len(x.Toks) {
		return true
	}
	next := x.Toks[last+1]
	if strings.Contains(next.Sep, "\n") {
		// Alone on its line: a signature, when a date follows.
		return x.timexStartsAt(next.Start)
	}
	// "MOSCOW (Reuters) -", "NEW DELHI:", "YANGON -", "ISLAMABAD/KABUL:":
	// a wire's dateline names the place in capitals at the start of a
	// line, then the agency or a dash, with no date.
	if r, _ := utf8.DecodeRuneInString(strings.TrimSpace(next.Sep)); strings.ContainsRune("(:/–—-", r) && x.allCaps(first, last) {
		return true
	}
	if !strings.HasPrefix(strings.TrimSpace(next.Sep), ",") && !strings.ContainsAny(next.Sep, "–—-(") {
		return false
	}
	// A date, or a state and then a date, within the next few words.
	for j := last + 1; j < len(x.Toks) && j <= last+5; j++ {
		if x.timexStartsAt(x.Toks[j].Start) {
			return true
		}
		if strings.Contains(x.Toks[j].Sep, "\n") {
			break
		}
	}
	return false
}

// datelineLine reports whether tokens first..last lie on a dateline of
// its own: a short line of names that holds a date, whatever the order
// ("June 29, 2017 - Ottawa, Ontario - Global Affairs Canada", "April 5,
// 2017, The Kremlin, Moscow").
func (x rules) datelineLine(first, last int) bool {
	start := first
	for start > 0 && !strings.Contains(x.Toks[start].Sep, "\n") {
		start--
		if first-start > 12 {
			return false
		}
	}
	end := last + 1
	for end < len(x.Toks) && !strings.Contains(x.Toks[end].Sep, "\n") {
		end++
		if end-last > 12 {
			return false
		}
	}
	if end-start > 14 {
		return false
	}
	dated := false
	for i := start; i < end; i++ {
		t := x.Toks[i]
		if x.timexStartsAt(t.Start) {
			dated = true
		}
		if !t.Upper() && !text.IsFunctionWord(t.Key) && !unicode.IsDigit(text.FirstRune(t.Text)) {
			return false // a sentence, not a dateline
		}
	}
	return dated
}

// fullDateAt reports whether a temporal expression that names a day starts
// at byte off.
func (x rules) fullDateAt(off int) bool {
	for _, t := range x.Timexes {
		if t.Start == off && t.Date.Precision() == kg.PrecisionDay {
			return true
		}
		if t.Start > off {
			break
		}
	}
	return false
}

// timexStartsAt reports whether a temporal expression with a date starts
// at byte off.
func (x rules) timexStartsAt(off int) bool {
	for _, t := range x.Timexes {
		if t.Start == off && !t.Date.IsZero() {
			return true
		}
		if t.Start > off {
			break
		}
	}
	return false
}

// stateAfterComma returns the state named after a comma that follows
// token last ("Alofi, Niue"; "Camp David, Maryland" names a US state,
// which makes it the United States).
func (x rules) stateAfterComma(last int) (string, bool) {
	if last+1 >= len(x.Toks) || x.Toks[last+1].Sep != ", " || !x.Toks[last+1].Upper() {
		return "", false
	}
	m, ok := x.Longest(last + 1)
	if !ok {
		return "", false
	}
	for _, r := range m.Refs {
		switch r.Kind {
		case lexicon.State:
			return r.Name, true
		case lexicon.Place:
			if p := x.Lex.Places[r.Name]; p != nil && p.Type == "region" && p.State != "" {
				return p.State, true
			}
		}
	}
	return "", false
}

// allCaps reports whether tokens first..last are written in capitals
// ("MOSCOW", "NEW DELHI").
func (x rules) allCaps(first, last int) bool {
	for j := first; j <= last; j++ {
		if t := x.Toks[j].Text; strings.ToUpper(t) != t || len(t) < 2 {
			return false
		}
	}
	return true
}

// regionWords after a name make it a place: "Syria's Idlib region", "the
// Kherson oblast".
var regionWords = map[string]bool{
	"region": true, "province": true, "governorate": true, "district": true, "county": true,
	"oblast": true, "prefecture": true, "area": true, "city": true, "town": true, "port": true,
}

// regionWordAfter reports whether a region word in lower case follows
// token last.
func (x rules) regionWordAfter(last int) bool {
	return last+1 < len(x.Toks) && text.Adjacent(x.Toks[last], x.Toks[last+1]) && !x.Toks[last+1].Upper() && regionWords[x.Toks[last+1].Key]
}
