// Package resolve links the mentions that do not name anyone in full to
// the people they stand for: a surname alone ("Putin"), an office ("the
// minister", "the Saudi leader") and the "I" of a release (its author). Its
// rules run after recognition and depend on what it found, the people named
// in full and their offices, which is why they stand apart from it.
package resolve

import (
	"slices"
	"strings"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/doc"
	"github.com/diplograph/diplograph/loader/text"
)

// rules is the document as the rules of this package see it, their
// receiver: a value that holds the *doc.Doc, so that their bodies read the
// shared state as x.Toks and x.Mentions through one pointer, as when all
// stages were one package.
type rules struct{ *doc.Doc }

// commonWords are surnames that are also English words, which are not
// taken as people at the start of a sentence where the capital letter
// proves nothing.
var commonWords = map[string]bool{
	"may": true, "major": true, "brown": true, "rice": true, "young": true, "king": true, "long": true,
	"rich": true, "mark": true, "bush": true, "ford": true, "baker": true, "carter": true, "powell": true,
	"will": true, "hope": true, "love": true, "little": true, "white": true, "black": true, "green": true,
	"new": true, "said": true, "more": true, "most": true, "west": true, "east": true, "north": true, "south": true,
}

// Surnames resolves capitalized words that are the surname of someone
// the article already named in full, or of exactly one office holder on
// the article's date ("Putin" in 2019).
func Surnames(d *doc.Doc) {
	x := rules{d}
	for i, t := range x.Toks {
		if x.Covered[i] || !t.Upper() || t.AllCaps() && len(t.Text) > 3 {
			continue
		}
		sentenceStart := x.SentenceAt(t.Start) >= 0 && x.Sents[x.SentenceAt(t.Start)].Start == t.Start
		if sentenceStart && commonWords[t.Key] {
			continue
		}
		if i+1 < len(x.Toks) && text.Adjacent(t, x.Toks[i+1]) && x.Toks[i+1].Upper() && !x.Covered[i+1] {
			// Part of a longer unknown name ("Abe Fortas"), not a surname alone.
			if x.PersonBySurname(x.Toks[i+1].Key) == nil {
				continue
			}
		}
		p := x.PersonBySurname(t.Key)
		if p == nil {
			hs := x.Holders(t.Text)
			if len(hs) == 0 && !x.Published.IsZero() {
				// No office holder of that name: an official of the
				// actor tables, the only one of that surname in
				// government on the article's date ("Vučić met in
				// Brussels with …" in 2022).
				if name, ok := x.governmentActor(i); ok {
					p = x.Entity(kg.Person, name)
					x.AddMention(p, t.Start, t.End, t.Possessive, false)
					x.Covered[i] = true
				}
				continue
			}
			if len(hs) == 0 || x.Published.IsZero() {
				continue
			}
			for _, h := range hs[1:] {
				if h.Person != hs[0].Person {
					hs = nil
					break
				}
			}
			if len(hs) == 0 || !slices.Contains(text.Keys(hs[0].Surname), t.Key) {
				continue
			}
			p = x.Entity(kg.Person, hs[0].Person)
			x.NotePersonOffice(p, "", "", &hs[0], x.SentenceAt(t.Start))
		}
		x.AddMention(p, t.Start, t.End, t.Possessive, false)
		x.Covered[i] = true
	}
}

// governmentActor returns the person of the actor tables whose surname
// token i is, when the tables give that surname to one person only and
// they served in a government on the article's date, and the word reads
// as a name: not at a sentence's start,
// four letters or more, never written in lower case in the article, and
// no other capitalized word joined to it, and acting as a person: a verb
// of meeting or speaking after it, or a state's possessive before it.
func (x rules) governmentActor(i int) (string, bool) {
	t := x.Toks[i]
	if len([]rune(t.Text)) < 4 || x.InLowerCase(t.Key) || t.AllCaps() || i == 0 {
		return "", false
	}
	acts := i+1 < len(x.Toks) && actsAfter[x.Toks[i+1].Key] && x.Toks[i+1].Sep == " "
	if !acts && !(x.TokSent[i-1] == x.TokSent[i] && x.Toks[i-1].Possessive && x.StateMentionAt(x.Toks[i-1].Start) != "") {
		return "", false // a word alone is a person only acting ("Vučić met …") or a state's ("Serbia's Vučić")
	}
	if x.TokSent[i-1] == x.TokSent[i] && text.Adjacent(x.Toks[i-1], t) && x.Toks[i-1].Upper() && !weekdays[x.Toks[i-1].Key] {
		return "", false
	}
	if i+1 < len(x.Toks) && text.Adjacent(t, x.Toks[i+1]) && x.Toks[i+1].Upper() {
		return "", false
	}
	// A surname the tables give one person only: "Jacobs" or "Gordon",
	// borne by several, may be anyone.
	people := x.Lex.Gaz.PeopleWithSurname(t.Text)
	for _, a := range people {
		if a.Name != people[0].Name {
			return "", false
		}
	}
	if len(people) == 0 {
		return "", false
	}
	if _, c, ok := x.Lex.Gaz.Affiliation(people[0], x.Published); !ok || !strings.HasPrefix(c.Sector(), "GOV") {
		return "", false
	}
	return people[0].Name, true
}

// actsAfter are the verbs after a surname at a sentence's start that
// make it a person acting: "Vučić met …", "Vučić said …".
var actsAfter = map[string]bool{"met": true, "said": true, "told": true, "visited": true, "arrived": true, "spoke": true, "added": true, "wrote": true, "stressed": true, "noted": true}

var weekdays = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true}

// roleWords and roleModifiers make the offices of "the minister", "the
// foreign minister", "the president", "the secretary of state": a person
// the article named, referred to by office.
var (
	roleWords     = map[string]bool{"minister": true, "president": true, "secretary": true, "ambassador": true, "chancellor": true, "premier": true, "king": true, "envoy": true}
	roleModifiers = map[string]bool{"foreign": true, "prime": true, "defence": true, "defense": true, "trade": true, "vice": true}
)

// roleAnaphors returns the spans of "the minister" and its kin, with the
// office ("foreign minister") as written, all in lower case, and the state
// a demonym before the office names ("the Saudi leader", "the Japanese
// prime minister"), or "".
func (x rules) roleAnaphors() (spans []text.Span, offices []text.Span, states []string) {
	lower := func(i int) bool { return i < len(x.Toks) && x.Toks[i].Text == x.Toks[i].Key && x.Toks[i].Sep == " " }
	for i, t := range x.Toks {
		if t.Text != "the" && t.Text != "The" {
			continue
		}
		j := i + 1
		state := ""
		if j < len(x.Toks) && x.Toks[j].Sep == " " {
			if st := x.demonymAt(j); st != "" {
				state = st
				j++
			}
		}
		if lower(j) && roleModifiers[x.Toks[j].Key] && lower(j+1) && roleWords[x.Toks[j+1].Key] {
			j++
		}
		if !lower(j) || !roleWords[x.Toks[j].Key] && !(state != "" && x.Toks[j].Key == "leader") {
			continue
		}
		if x.Toks[j].Key == "secretary" && lower(j+1) && x.Toks[j+1].Key == "of" && lower(j+2) && x.Toks[j+2].Key == "state" {
			j += 2
		}
		first := i + 1
		if state != "" {
			first++
		}
		spans = append(spans, text.Span{Start: t.Start, End: x.Toks[j].End})
		offices = append(offices, text.Span{Start: x.Toks[first].Start, End: x.Toks[j].End})
		states = append(states, state)
	}
	return spans, offices, states
}

// demonymAt returns the state a demonym at token i names ("Saudi",
// "Japanese"), as the mentions found so far record it, or "".
func (x rules) demonymAt(i int) string {
	for _, m := range x.MentionsAt(x.Toks[i].Start) {
		if m.End == x.Toks[i].End && !m.Place {
			if e := x.Ents[m.ID]; e.Kind == kg.State && x.Toks[i].Upper() {
				return e.Name
			}
		}
	}
	return ""
}

// RoleAnaphors resolves "the minister" to the last person before it
// whose office has that name, within three sentences; "the Saudi leader"
// to the last Saudi head of state or government.
func RoleAnaphors(d *doc.Doc) {
	x := rules{d}
	spans, offices, states := x.roleAnaphors()
	for k, sp := range spans {
		start, end := sp.Start, sp.End
		if x.Quoted(start) {
			continue
		}
		office := strings.ToLower(x.Text[offices[k].Start:offices[k].End])
		sent := x.SentenceAt(start)
		var best *doc.Mention
		for i := range x.Mentions {
			m := &x.Mentions[i]
			if m.Start >= start || sent-m.Sent > 3 || x.Ents[m.ID].Kind != kg.Person {
				continue
			}
			role := strings.ToLower(x.PersonRole[m.ID])
			if role == "" {
				role = strings.ToLower(x.Ents[m.ID].Attrs["role"])
			}
			if states[k] != "" && x.PersonState[m.ID] != states[k] {
				continue // "the Saudi leader" is Saudi
			}
			fits := role != "" && (strings.Contains(role, office) || doc.SameRole(role, office))
			if office == "leader" {
				// "the Soviet leader": a head of state or government.
				fits = slices.ContainsFunc(doc.LeaderRoles, func(r string) bool { return strings.EqualFold(r, role) })
			}
			if fits && (best == nil || m.Start > best.Start) {
				best = m
			}
		}
		if best != nil {
			// A mention, not an alias: "the minister" names no one alone.
			x.Mentions = append(x.Mentions, doc.Mention{Start: start, End: end, Sent: sent, ID: best.ID, Text: x.Text[start:end]})
		}
	}
}

// Author decides whether the article is written by one of the people
// it names: a release or statement in the first person ("I will visit")
// whose author is named before the first "I" — in its header ("MINISTER
// FOR FOREIGN AFFAIRS ALEXANDER DOWNER") or byline.
func Author(d *doc.Doc) {
	x := rules{d}
	firstI := -1
	for _, t := range x.Toks {
		if t.Text == "I" && !x.Quoted(t.Start) && t.Start >= x.BodyStart {
			firstI = t.Start
			break
		}
	}
	if firstI < 0 {
		return
	}
	for _, m := range x.MentionsIn(0, firstI) {
		if x.Ents[m.ID].Kind == kg.Person {
			x.Author = m.ID
			return
		}
	}
}
