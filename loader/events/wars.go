package events

import (
	"slices"
	"strings"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/text"
)

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
	text.Span
	nameEnd int
}

// warNames finds wars by name: "the Russo-Japanese War", "the Korean War",
// "the Sino-Japanese War of 1894–95": "War" after one or more capitalized
// words joined by hyphens.
func (x rules) warNames() []warSpan {
	var out []warSpan
	for i := 1; i < len(x.Toks); i++ {
		if x.Toks[i].Text != "War" || x.Toks[i].Sep != " " || !titleWord(x.Toks[i-1].Text) || x.Toks[i-1].Possessive {
			continue
		}
		first := i - 1
		for first > 0 && x.Toks[first].Sep == "-" && titleWord(x.Toks[first-1].Text) && !x.Toks[first-1].Possessive {
			first--
		}
		out = append(out, warSpan{text.Span{Start: x.Toks[first].Start, End: x.Toks[i].End}, x.Toks[i-1].End})
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
func (x rules) findWars(all *[]*eventMention) {
	for _, w := range x.warNames() {
		name := x.Text[w.Start:w.nameEnd]
		if name == "Cold" || name == "World" || name == "Civil" || name == "Great" {
			continue
		}
		start, end := w.Start, w.End
		var date, endD kg.Date
		for _, t := range x.Timexes {
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
				if st, ok := x.Lex.Gaz.StateOn(part, date); ok {
					state = st.Name
				}
			}
			if state == "" {
				continue
			}
			e := x.Entity(kg.State, x.StateOn(state, date))
			if !slices.Contains(sides, e.ID) {
				sides = append(sides, e.ID)
			}
		}
		if len(sides) < 2 {
			continue // "the Korean War": the name alone does not say who fought
		}
		*all = append(*all, &eventMention{
			typ: kg.War, start: start, end: end, sent: x.SentenceAt(start),
			participants: sides, date: date, endD: endD, status: kg.Occurred,
			name: x.Text[start:end],
		})
	}
}
