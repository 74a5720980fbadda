package recognize

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/doc"
	"github.com/diplograph/diplograph/loader/gazetteer"
	"github.com/diplograph/diplograph/loader/text"
)

// sovereigntyCue introduces the object of a territorial claim.
var sovereigntyCue = text.NewCues("sovereignty over|claim/claims to/on|claimed|lay/lays claim to")

// placeAnaphor refers back to a group of islands or a region named
// earlier: "the four islands", "the disputed islands", "their islands".
var placeAnaphor = regexp.MustCompile(`(?i)^\s*(the|their|its|these|those)\s+(\w+\s+){0,2}(islands|isles|territories|region|islets)\b`)

// Claims records CLAIMS edges for "X … sovereignty over Y": the claimant
// is the state acting in the sentence before the cue, the object the place
// after it, or the group of islands last named when the text refers back
// to it.
func Claims(d *doc.Doc) {
	x := rules{d}
	for si, sp := range x.Sents {
		for _, loc := range x.Toks.CuesIn(sovereigntyCue, sp.Start, sp.End) {
			cue := loc.Start
			claimant := ""
			for _, m := range x.MentionsIn(sp.Start, cue) {
				if e := x.Ents[m.ID]; e.Kind == kg.State && !m.Place {
					claimant = e.ID
					break
				}
			}
			if claimant == "" {
				continue
			}
			after := loc.End
			place := ""
			for _, m := range x.MentionsIn(after, min(sp.End, after+60)) {
				if x.Ents[m.ID].Kind == kg.Place {
					place = m.ID
					break
				}
			}
			if place == "" {
				if a := placeAnaphor.FindStringIndex(x.Text[after:sp.End]); a != nil {
					place = x.lastPlaceBefore(cue, strings.ToLower(x.Text[after+a[0]:after+a[1]]))
					if place != "" {
						e := x.Ents[place]
						surface := strings.TrimSpace(x.Text[after+a[0] : after+a[1]])
						if !slices.Contains(e.Aliases, surface) {
							e.Aliases = append(e.Aliases, surface)
						}
					}
				}
			}
			if place != "" {
				x.Edge(kg.Claims, claimant, place, "", kg.Date{}, kg.Date{}, "", si)
			}
		}
	}
}

// lastPlaceBefore returns the last place named before off whose name ends
// like the anaphor's noun ("islands").
func (x rules) lastPlaceBefore(off int, anaphor string) string {
	noun := anaphor[strings.LastIndex(anaphor, " ")+1:]
	best, bestAt := "", -1
	for _, m := range x.Mentions {
		e := x.Ents[m.ID]
		if e.Kind != kg.Place || m.Start >= off || m.Start <= bestAt {
			continue
		}
		if strings.HasSuffix(strings.ToLower(e.Name), noun) || noun == "territories" || noun == "region" {
			best, bestAt = e.ID, m.Start
		}
	}
	return best
}

// LinkPlaces adds LOCATED_IN edges from places to the states they lie in,
// where the article names that state too: the reference data knows Moscow
// is in Russia, but a state the article never mentions is not its fact.
func LinkPlaces(d *doc.Doc) {
	x := rules{d}
	for _, id := range x.Order {
		ps, ok := x.PlaceIn[id]
		if !ok {
			continue
		}
		sid := kg.EntityID(kg.State, ps.State)
		if _, mentioned := x.Ents[sid]; mentioned {
			// The table says where the place lies; the sentence that named
			// it is evidence too only where it names the state as well
			// ("Alofi, Niue").
			sent := ps.Sent
			if !x.Names(sid, sent) {
				sent = -1
			}
			e := x.Edge(kg.LocatedIn, id, sid, "", kg.Date{}, kg.Date{}, "", sent)
			x.Cite(e, ps.Source, ps.Source.Evidence(0, x.Ents[id].Name+" lies in "+ps.State+"."))
		}
	}
}

// LinkSuccessions adds SUCCEEDED_BY edges between historical states the
// article names and their successors the article also names, so that a
// walk can go from the Soviet Union's treaties to Russia's.
func LinkSuccessions(d *doc.Doc) {
	x := rules{d}
	for _, id := range slices.Clone(x.Order) {
		e := x.Ents[id]
		if e.Kind != kg.State {
			continue
		}
		s := x.Lex.States[e.Name]
		if s == nil {
			continue
		}
		for _, succ := range s.SucceededBy {
			sid := kg.EntityID(kg.State, succ)
			if _, ok := x.Ents[sid]; !ok {
				continue
			}
			// The fact comes from the states table, which the edge cites:
			// a sentence that names the predecessor does not say it.
			e := x.Edge(kg.SucceededBy, id, sid, "", s.To, kg.Date{}, "", -1)
			x.Cite(e, gazetteer.States, gazetteer.States.Evidence(0, fmt.Sprintf("%s (to %s) was succeeded by %s.", s.Name, s.To, succ)))
		}
	}
}
