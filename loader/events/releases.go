package events

import (
	"regexp"

	"github.com/diplograph/diplograph/kg"
)

// releaseHeader marks a document that is itself a statement: a media or
// press release, a statement by its author, or a readout "attributable to
// Spokesperson Ned Price".
var releaseHeader = regexp.MustCompile(`(?i)\b(media|press|news) (release|statement)\b|\bstatement by\b|\battributable to\b`)

// findRelease records a release as a STATEMENT by its author on its date:
// "MEDIA RELEASE MINISTER FOR FOREIGN AFFAIRS ALEXANDER DOWNER".
func (x rules) findRelease(all *[]*eventMention) {
	if x.Published.IsZero() {
		return
	}
	head := x.Text[:min(len(x.Text), x.BodyStart+300)]
	loc := releaseHeader.FindStringIndex(head)
	if loc == nil {
		return
	}
	author := x.Author
	if author == "" {
		for _, m := range x.MentionsIn(loc[0], min(len(x.Text), loc[1]+120)) {
			if x.Ents[m.ID].Kind == kg.Person {
				author = m.ID
				break
			}
		}
	}
	if author == "" {
		return
	}
	*all = append(*all, &eventMention{
		typ: kg.Statement, start: loc[0], end: loc[1], sent: x.SentenceAt(loc[0]),
		participants: []string{author}, date: x.Published, status: kg.Occurred, release: true,
	})
}
