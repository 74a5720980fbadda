package recognize

import (
	"slices"
	"sort"
	"strings"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/doc"
	"github.com/diplograph/diplograph/loader/lexicon"
	"github.com/diplograph/diplograph/loader/text"
)

// ministries maps the words of a ministry's portfolio ("foreign" of
// "Foreign Ministry", "foreign affairs" of "Foreign Affairs Ministry" and
// "Ministry of Foreign Affairs") to its formal name.
var ministries = map[string]string{
	"foreign": "Ministry of Foreign Affairs", "foreign affairs": "Ministry of Foreign Affairs",
	"external affairs": "Ministry of External Affairs", "defence": "Ministry of Defence", "defense": "Ministry of Defense",
	"finance": "Ministry of Finance", "trade": "Ministry of Trade", "interior": "Ministry of the Interior",
	"internal affairs": "Ministry of Internal Affairs", "home affairs": "Ministry of Home Affairs",
	"justice": "Ministry of Justice", "economy": "Ministry of Economy", "information": "Ministry of Information",
}

// Ministries finds national ministries by shape and names them by their
// portfolio and state, "Ministry of Foreign Affairs (Israel)": "the Israeli
// Foreign Ministry", "Japan's Foreign Ministry", "the Foreign Affairs
// Ministry in Seoul", "the Ministry of Foreign Affairs of Montenegro", in
// lower case after a state ("Ukraine's foreign ministry"); and "the
// ministry" afterwards, for the one last named. The state is the one named
// right before or right after ("… of Montenegro", "… in Seoul"), else the
// last one named earlier in the sentence, else the state the article names
// most.
func Ministries(d *doc.Doc) {
	x := rules{d}
	var last *kg.Entity // the ministry last named, for "the ministry"
	lastSent := -1
	for i := 0; i < len(x.Toks); i++ {
		t := x.Toks[i]
		if t.Key != "ministry" || x.Covered[i] {
			continue
		}
		first, end, formal, ok := x.ministryAt(i)
		if !ok {
			// "the ministry": the one named last, a few sentences back.
			if !t.Upper() && i > 0 && x.Toks[i-1].Key == "the" && last != nil && x.TokSent[i]-lastSent <= 5 {
				x.AddMention(last, t.Start, t.End, t.Possessive, false)
				x.Cover(i, i)
				lastSent = x.TokSent[i]
			}
			continue
		}
		state := x.ministryState(first, end)
		if state == "" {
			continue
		}
		e := x.Entity(kg.Organization, formal+" ("+state+")")
		x.AddMention(e, x.Toks[first].Start, x.Toks[end].End, x.Toks[end].Possessive, false)
		x.Cover(first, end)
		last, lastSent = e, x.TokSent[i]
		i = end
	}
}

// ministryAt reads a ministry's name around "ministry" at token i: a
// portfolio before it ("Foreign Ministry", "Foreign Affairs Ministry") or
// after it ("Ministry of Foreign Affairs"). A ministry in lower case is
// one only right after a state ("Ukraine's foreign ministry", "the Japanese
// foreign ministry").
func (x rules) ministryAt(i int) (first, end int, formal string, ok bool) {
	t := x.Toks[i]
	// "Ministry of Foreign Affairs"
	if t.Upper() && i+2 < len(x.Toks) && x.Toks[i+1].Key == "of" {
		j := i + 2
		if x.Toks[j].Key == "the" && j+1 < len(x.Toks) {
			j++
		}
		for n := 2; n >= 1; n-- {
			if j+n-1 < len(x.Toks) && !x.Covered[j] {
				words := strings.ToLower(x.Text[x.Toks[j].Start:x.Toks[j+n-1].End])
				if f, found := ministries[words]; found && x.Toks[j].Upper() {
					return i, j + n - 1, f, true
				}
			}
		}
	}
	// "Foreign Affairs Ministry", "Foreign Ministry"
	for n := 2; n >= 1; n-- {
		j := i - n
		if j < 0 || x.Covered[j] || !text.Adjacent(x.Toks[i-1], t) {
			continue
		}
		words := strings.ToLower(x.Text[x.Toks[j].Start:x.Toks[i-1].End])
		f, found := ministries[words]
		if !found {
			continue
		}
		if !t.Upper() || !x.Toks[j].Upper() {
			// Lower case: only right after a state.
			if j == 0 || !x.stateRightBefore(j) {
				continue
			}
		}
		return j, i, f, true
	}
	return 0, 0, "", false
}

// stateRightBefore reports whether a state (by name, possessive or
// demonym) ends right before token j: "Ukraine's foreign ministry", "the
// Japanese foreign ministry".
func (x rules) stateRightBefore(j int) bool {
	for _, m := range x.MentionsIn(x.Toks[max(0, j-4)].Start, x.Toks[j].Start) {
		if m.End == x.Toks[j-1].End && !m.Place && x.Ents[m.ID].Kind == kg.State {
			return true
		}
	}
	return false
}

// ministryState returns the state of the ministry at tokens first..end.
func (x rules) ministryState(first, end int) string {
	if first >= 1 {
		if s := x.StateMentionAt(x.Toks[first-1].Start); s != "" && x.Toks[first-1].End <= x.Toks[first].Start {
			return s
		}
		if first >= 2 {
			if s := x.StateMentionAt(x.Toks[first-2].Start); s != "" && x.Toks[first-1].Key != "and" {
				if ms := x.MentionsAt(x.Toks[first-2].Start); len(ms) > 0 && ms[0].End >= x.Toks[first-1].Start {
					return s
				}
			}
		}
	}
	// "… of Montenegro", "… in Seoul" right after the name.
	if end+2 < len(x.Toks) && (x.Toks[end+1].Key == "of" || x.Toks[end+1].Key == "in") {
		if m, ok := x.Longest(end + 2); ok {
			for _, r := range m.Refs {
				if r.Kind == lexicon.State || r.Kind == lexicon.Capital {
					return x.StateOn(r.Name, x.TimeAt(x.Toks[end].Start))
				}
			}
		}
	}
	sp := x.Sents[x.SentenceAt(x.Toks[first].Start)]
	state := ""
	for _, m := range x.MentionsIn(sp.Start, x.Toks[first].Start) {
		if e := x.Ents[m.ID]; e.Kind == kg.State && !m.Place {
			state = e.Name
		}
	}
	if state == "" {
		state = x.mainState()
	}
	return state
}

// mainState returns the state the article names most often as an actor,
// the first named on a tie.
func (x rules) mainState() string {
	counts := map[string]int{}
	var order []string
	for _, m := range x.Mentions {
		if e := x.Ents[m.ID]; e.Kind == kg.State && !m.Place {
			if counts[e.Name] == 0 {
				order = append(order, e.Name)
			}
			counts[e.Name]++
		}
	}
	best := ""
	for _, s := range order {
		if best == "" || counts[s] > counts[best] {
			best = s
		}
	}
	return best
}

// chambers are the unqualified names of legislatures, which news uses for
// the legislature of the state it is about: "the Senate", "the House",
// "Congress", "the Diet".
var chambers = map[string][]string{
	"senate": {"Senate"}, "house": {"House of Representatives", "House of Commons"}, "congress": {"Congress"},
	"diet": {"Diet"}, "parliament": {"Parliament"}, "duma": {"Duma"},
}

// Chambers finds a legislature named without its state ("the Senate
// voted", "Congress approved", "the House") and reads it as the
// legislature of the state the article is about: the organization of the
// tables of that state whose name holds the word ("United States Senate").
// "the House" must not go on into a name ("the House of Lords" is found
// whole by the tables).
func Chambers(d *doc.Doc) {
	x := rules{d}
	state := ""
	for i, t := range x.Toks {
		words, ok := chambers[t.Key]
		if !ok || x.Covered[i] || !t.Upper() {
			continue
		}
		if i+1 < len(x.Toks) && text.Adjacent(t, x.Toks[i+1]) && (x.Toks[i+1].Upper() || x.Toks[i+1].Key == "of") {
			continue // part of a longer name
		}
		if t.Key != "congress" && (i == 0 || x.Toks[i-1].Key != "the") {
			continue // "the Senate", but a Senate alone may be anything
		}
		if state == "" {
			if state = x.mainState(); state == "" {
				return
			}
		}
		name := ""
		for _, o := range x.Lex.Gaz.Organizations {
			if o.State == state && o.Type == "parliament" && slices.ContainsFunc(words, func(w string) bool { return strings.Contains(o.Name, w) }) {
				name = o.Name
				break
			}
		}
		if name == "" && t.Key == "congress" && x.names(kg.State, "United States") {
			// "Congress" in a story about Japan that names the United
			// States is theirs; about Peru, Peru's.
			name = "United States Congress"
		}
		if name == "" {
			continue
		}
		e := x.Entity(kg.Organization, name)
		x.AddMention(e, t.Start, t.End, t.Possessive, false)
		x.Cover(i, i)
	}
}

// names reports whether the article names the entity of that kind and
// name.
func (x rules) names(k kg.Kind, name string) bool {
	for _, m := range x.Mentions {
		if e := x.Ents[m.ID]; e.Kind == k && e.Name == name {
			return true
		}
	}
	return false
}

// stateBodies are the words that make a state's name before them the name
// of one of its bodies: "the Russian Navy", "the U.S. Embassy in Moscow".
var stateBodies = map[string]bool{
	"embassy": true, "navy": true, "army": true, "police": true, "coast guard": true, "armed forces": true,
	"air force": true, "border guard": true, "national guard": true, "marines": true, "consulate": true,
}

// StateBodies finds a state's embassies, consulates and services named by
// the state and the body, capitalized as names are: "the Russian Navy",
// "Kenya Police", "the U.S. Embassy in Dar es Salaam" (with its city, a
// body of its own in each capital). The name is the text's own; the
// curated tables name the few they know ("United States Navy").
func StateBodies(d *doc.Doc) {
	x := rules{d}
	for i := 1; i < len(x.Toks); i++ {
		t := x.Toks[i]
		if x.Covered[i] || !t.Upper() || !x.stateRightBefore(i) {
			continue
		}
		end := i
		if i+1 < len(x.Toks) && text.Adjacent(t, x.Toks[i+1]) && x.Toks[i+1].Upper() && stateBodies[t.Key+" "+x.Toks[i+1].Key] {
			end = i + 1
		} else if !stateBodies[t.Key] {
			continue
		}
		first, state := -1, ""
		for _, m := range x.MentionsIn(x.Toks[max(0, i-4)].Start, x.Toks[i].Start) {
			if e := x.Ents[m.ID]; m.End == x.Toks[i-1].End && !m.Place && e.Kind == kg.State {
				first, state = x.tokenStartingAt(m.Start), e.Name
			}
		}
		if first < 0 || state == "" {
			continue
		}
		if t.Key == "embassy" || t.Key == "consulate" {
			// "… in Moscow": the mission in that city.
			if end+2 < len(x.Toks) && x.Toks[end+1].Key == "in" && text.Adjacent(x.Toks[end], x.Toks[end+1]) {
				for _, m := range x.MentionsAt(x.Toks[end+2].Start) {
					if e := x.Ents[m.ID]; e.Kind == kg.Place {
						if j := x.tokenEndingAt(m.End); j > end {
							end = j
						}
						break
					}
				}
			}
		}
		e := x.Entity(kg.Organization, x.bodyName(state, first, i, end))
		x.AddMention(e, x.Toks[first].Start, x.Toks[end].End, x.Toks[end].Possessive, false)
		x.Cover(i, end)
		i = end
	}
}

// bodyName names the body of state at tokens first..end, whose word is at
// token i, one way however the text writes it: a mission as Wikipedia
// titles them, "Embassy of the United States, Moscow"; a service as
// written, with the state's adjective for a possessive ("Russia's Navy"
// is the Russian Navy).
func (x rules) bodyName(state string, first, i, end int) string {
	body := kg.CollapseSpace(x.Text[x.Toks[i].Start:x.Toks[min(end, i+1)].End])
	if k := x.Toks[i].Key; k == "embassy" || k == "consulate" {
		of := state
		if strings.HasPrefix(of, "United ") || strings.Contains(of, "Republic") || strings.HasSuffix(of, "s") {
			of = "the " + of // "the United States", "the Netherlands"
		}
		name := map[string]string{"embassy": "Embassy", "consulate": "Consulate"}[k] + " of " + of
		if end > i {
			name += ", " + kg.CollapseSpace(x.Text[x.Toks[i+2].Start:x.Toks[end].End])
		}
		return name
	}
	if x.Toks[i-1].Possessive {
		if st, ok := x.Lex.States[state]; ok && len(st.Demonyms) > 0 {
			return st.Demonyms[0] + " " + body
		}
	}
	return kg.CollapseSpace(x.Text[x.Toks[first].Start:x.Toks[end].End])
}

// tokenStartingAt returns the index of the token that starts at byte off,
// -1 when none does.
func (x rules) tokenStartingAt(off int) int {
	i := sort.Search(len(x.Toks), func(i int) bool { return x.Toks[i].Start >= off })
	if i < len(x.Toks) && x.Toks[i].Start == off {
		return i
	}
	return -1
}

// tokenEndingAt returns the index of the token that ends at byte off, -1
// when none does.
func (x rules) tokenEndingAt(off int) int {
	i := sort.Search(len(x.Toks), func(i int) bool { return x.Toks[i].End >= off })
	if i < len(x.Toks) && x.Toks[i].End == off {
		return i
	}
	return -1
}
