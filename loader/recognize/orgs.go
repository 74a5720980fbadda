package recognize

import (
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/doc"
	"github.com/diplograph/diplograph/loader/text"
)

// ministries maps the word before "Ministry" ("Foreign Ministry") to the
// ministry's formal name.
var ministries = map[string]string{
	"foreign": "Ministry of Foreign Affairs", "defence": "Ministry of Defence", "defense": "Ministry of Defense",
	"finance": "Ministry of Finance", "trade": "Ministry of Trade", "interior": "Ministry of the Interior",
	"justice": "Ministry of Justice", "economy": "Ministry of Economy", "information": "Ministry of Information",
}

// Ministries finds national ministries by shape — "the Israeli Foreign
// Ministry", "Japan's Foreign Ministry", "the Foreign Ministry" — and names
// them "Ministry of Foreign Affairs (Israel)". The state is the one named
// right before, else the last one named earlier in the sentence, else the
// state the article names most.
func Ministries(d *doc.Doc) {
	x := rules{d}
	for i := 1; i < len(x.Toks); i++ {
		t := x.Toks[i]
		if t.Key != "ministry" || !t.Upper() || x.Covered[i] {
			continue
		}
		formal, ok := ministries[x.Toks[i-1].Key]
		if !ok || !x.Toks[i-1].Upper() || x.Covered[i-1] || !text.Adjacent(x.Toks[i-1], t) {
			continue
		}
		first := i - 1
		state := ""
		if s := x.StateMentionAt(x.Toks[max(0, i-2)].Start); s != "" && i >= 2 && x.Toks[i-2].End <= x.Toks[i-1].Start {
			state = s
		}
		if state == "" {
			sp := x.Sents[x.SentenceAt(t.Start)]
			for _, m := range x.MentionsIn(sp.Start, x.Toks[first].Start) {
				if e := x.Ents[m.ID]; e.Kind == kg.State && !m.Place {
					state = e.Name
				}
			}
		}
		if state == "" {
			state = x.mainState()
		}
		if state == "" {
			continue
		}
		e := x.Entity(kg.Organization, formal+" ("+state+")")
		x.AddMention(e, x.Toks[first].Start, t.End, t.Possessive, false)
		x.Cover(first, i)
	}
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
