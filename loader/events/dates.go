package events

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/doc"
	"github.com/diplograph/diplograph/loader/text"
	"github.com/diplograph/diplograph/loader/timex"
)

// The cues of an event's status: called off, failed, or in the future.
var (
	cancelCue = text.NewCues("cancel/cancels/cancelled/canceled|called off|postponed|scrapped")
	failCue   = text.NewCues("failed|collapsed|broke down|ended without")
	futureCue = text.NewCues("will|would|shall|to visit/meet/hold/attend/travel|plan/plans/planned|preparation for|scheduled|expected|due to|upcoming|forthcoming|next")
)

// inheritDates dates the event mentions the text leaves undated from their
// context, in this order: the date another mention in the same sentence
// gives ("For his first trip abroad, Clinton met Yeltsin … in April
// 1993"); in an undated text such as a history essay, the time the
// narrative has reached; in news, the date of the last mention before it
// that shares a participant (the author of a release included), or, for
// the same kind of event, a participant's state: the stops of a trip
// happen during the trip, however long its description. A mention with
// none of these stays undated, and recordEvents then keeps it only as a
// further mention of an event already dated. Dated speech ("said
// Monday") neither lends its date nor, undated, takes one: it is an
// aside to the story, said when it was said.
func (x rules) inheritDates(ms []*eventMention) {
	hero := x.protagonist()
	heroState := ""
	if st := x.PersonState[hero]; st != "" {
		heroState = kg.EntityID(kg.State, st)
	}
	var dated []*eventMention
	for _, m := range ms {
		if !m.date.IsZero() {
			if !m.inherited && m.typ != kg.Statement {
				dated = append(dated, m)
			}
			continue
		}
		if m.ownDate || m.typ == kg.Summons || m.perfect {
			// A present perfect ("the Ukrainian parliament has already
			// ratified it") happened at some time before the story,
			// which its context does not date.
			continue
		}
		var from *eventMention
		for _, o := range ms {
			if o.sent == m.sent && !o.date.IsZero() && !o.inherited && !o.ownDate && o.typ != kg.Statement && !x.tenseClash(m, o) {
				// "For his first trip abroad, Clinton met Yeltsin in
				// Vancouver in April 1993": one time for the sentence.
				from = o
			}
		}
		if from == nil && x.Published.IsZero() {
			// A history essay moves through time: an undated event
			// happens when the narrative has reached.
			if d := x.TimeAt(m.start); !d.IsZero() {
				m.date, m.inherited = d, true
				m.status = kg.Occurred
			}
			continue
		}
		// First a mention that shares someone besides the protagonist,
		// who takes part in most of a story: "Dr Kharrazi and I
		// discussed …" continues Kharrazi's visit, not the author's
		// visit of two years before that the last sentence recalled.
		// In news, a mention first continues the story's present (the
		// days around publication) before a background event the text
		// dates months or years back: "A major goal of Kuchma's four-day
		// state visit …" after "… a broad political treaty …, which the
		// two presidents signed last May" is this week's visit.
		for pass := 0; pass < 4 && from == nil; pass++ {
			if pass%2 == 0 && x.Published.IsZero() {
				continue
			}
			// The host of a visit is where it goes, not who does it: a
			// visit to Kenya does not continue the bombing in Kenya.
			own := slices.DeleteFunc(slices.Clone(m.participants), func(id string) bool { return slices.Contains(m.hosts, id) })
			if pass < 2 {
				own = slices.DeleteFunc(slices.Clone(own), func(id string) bool { return id == hero || id == heroState })
			}
			for i := len(dated) - 1; i >= 0; i-- {
				d := dated[i]
				if x.tenseClash(m, d) {
					continue
				}
				if pass%2 == 0 && !x.newsTime(d.date) {
					continue
				}
				states := x.withStates(own)
				if pass < 2 {
					states = slices.DeleteFunc(states, func(id string) bool { return id == heroState })
				}
				theirs := slices.DeleteFunc(slices.Clone(d.participants), func(id string) bool { return slices.Contains(d.hosts, id) })
				// States take the dates of their people's events, and
				// events of one kind those of their states: "Australia
				// and Iran have agreed …" after the Iranian minister's
				// visit to Australia.
				if sharesAny(theirs, own) || (d.typ == m.typ || onlyStates(x, own)) && sharesAny(x.withStates(theirs), states) {
					from = d
					break
				}
			}
		}
		switch {
		case from != nil:
			m.date, m.endD, m.inherited = from.date, from.endD, true
			if (m.status == "" || m.status == kg.Occurred) && !m.past {
				m.status = from.status
			}
			if m.typ != kg.Statement {
				dated = append(dated, m) // its people's later mentions follow it
			}
		case x.Published.IsZero():
			if d := x.TimeAt(m.start); !d.IsZero() {
				m.date, m.inherited = d, true
				m.status = kg.Occurred
			}
		}
	}
}

// tenseClash reports whether mention m cannot take its date from d: m
// tells of the past and d is planned or after publication ("a recent
// statement by Abe", "he explored … in a meeting" are not his visit next
// week; "we agreed to explore them further at officials talks … in
// August" agreed before August), or m is planned and d lies before
// publication ("Britain will stress its support for a conference" is not
// last October's).
func (x rules) tenseClash(m, d *eventMention) bool {
	if x.Published.IsZero() {
		return false
	}
	return m.past && (d.date.First().After(x.Published.Last()) || d.status == kg.Planned) ||
		m.status == kg.Planned && d.date.Last().Before(x.Published.First())
}

// onlyStates reports whether ids are all states.
func onlyStates(x rules, ids []string) bool {
	return len(ids) > 0 && !slices.ContainsFunc(ids, func(id string) bool { return x.Ents[id].Kind != kg.State })
}

// newsTime reports whether d lies in a news story's present: from a
// fortnight before publication to two months after it.
func (x rules) newsTime(d kg.Date) bool {
	p := x.Published.First()
	return !d.Last().Before(p.AddDate(0, 0, -14)) && !d.First().After(p.AddDate(0, 2, 0))
}

// sharesAny reports whether a and b have an element in common.
func sharesAny(a, b []string) bool {
	return slices.ContainsFunc(a, func(s string) bool { return slices.Contains(b, s) })
}

// dateNear reports whether a temporal expression with a date lies within
// a few words of the trigger [start, end): "said Tuesday", "on Monday told".
func (x rules) dateNear(start, end int) bool {
	for _, t := range x.Timexes {
		if t.Date.IsZero() || x.Quoted(t.Start) {
			continue
		}
		if t.Start >= end && t.Start-end <= 25 {
			return true
		}
		if t.End <= start && start-t.End <= 25 && !strings.ContainsAny(x.Text[t.End:start], ",;") {
			// "Reagan on Tuesday said", but not "who leaves for Japan
			// tomorrow, told Reuters"
			return true
		}
	}
	return false
}

// ledeSentence returns the index of the first sentence of the body (after
// the headline): the one after a dateline on a line of its own, which may
// follow a deck ("Putin and Modi will make statements …" / "NEW DELHI,
// December 6. /TASS/." / "Russian President Vladimir Putin has
// arrived …").
func (x rules) ledeSentence() int {
	if len(x.Sents) == 0 {
		return 0
	}
	s := x.SentenceAt(x.BodyStart)
	for k := s; k < len(x.Sents) && k <= s+2; k++ {
		if x.datelineOnly(k) {
			return k + 1
		}
	}
	if x.deck(s) {
		return s + 1
	}
	return s
}

// deck reports whether sentence s is a standfirst under the headline, not
// the lede: a short line of its own that a blank line follows, or that
// ends without a full stop, as headlines do, and that, as headlines do,
// names no one in full ("President arrives in the
// kingdom as Arab leaders hold a regional summit." / "Cho first South
// Korean foreign minister to visit China since 2017").
func (x rules) deck(s int) bool {
	if s+1 >= len(x.Sents) {
		return false
	}
	sp := x.Sents[s]
	line := strings.TrimSpace(x.Text[sp.Start:sp.End])
	if len(line) > 200 || strings.Contains(line, "\n") {
		return false
	}
	if sp.Start > 0 && x.Text[sp.Start-1] != '\n' {
		return false // not at the start of a line
	}
	for _, m := range x.MentionsIn(sp.Start, sp.End) {
		k := x.Ents[m.ID].Kind
		if k == kg.Person && strings.Contains(strings.TrimSpace(m.Text), " ") {
			return false // a lede introduces people in full: "French Prime Minister Jacques Chirac opened talks …"
		}
		if (k == kg.State || k == kg.Organization) && !m.Place && len(text.LowerWords(x.Text[sp.Start:m.Start])) <= 2 {
			return false // nor does it open with its actors: "The United States and Papua New Guinea signed …"
		}
	}
	after := x.Text[sp.End:min(len(x.Text), sp.End+3)]
	stop := strings.HasSuffix(line, ".") || strings.HasSuffix(line, ".”") || strings.HasSuffix(line, ".\"")
	return strings.HasPrefix(strings.TrimLeft(after, " \t\r"), "\n\n") || !stop && strings.HasPrefix(after, "\n")
}

// datelineOnly reports whether sentence s is a dateline on a line of its
// own ("WARSAW, February 26 (Xinhua) --"): short, with a date among its
// first words.
func (x rules) datelineOnly(s int) bool {
	sp := x.Sents[s]
	if sp.End-sp.Start > 80 || s+1 >= len(x.Sents) {
		return false
	}
	for _, t := range x.Timexes {
		if t.Start >= sp.Start && t.End <= sp.End && !t.Date.IsZero() && t.Start-sp.Start <= 40 {
			return true
		}
	}
	return false
}

// ledeDate is the day a story's first sentence reports: its dateline's
// date when it has one ("WARSAW, February 26 –", which may be the day
// before publication), else the publication date.
func (x rules) ledeDate() kg.Date {
	if len(x.Sents) == 0 {
		return x.Published
	}
	s := x.SentenceAt(x.BodyStart)
	if l := x.ledeSentence(); l > s {
		s = l - 1 // the dateline
	}
	if sp := x.Sents[s]; x.datelineOnly(s) || x.Text[sp.Start:min(sp.End, sp.Start+40)] != "" {
		for _, t := range x.Timexes {
			if t.Start >= sp.Start && t.End <= min(sp.End, sp.Start+40) && t.Date.Precision() == kg.PrecisionDay {
				return t.Date
			}
		}
	}
	return x.Published
}

// dateIn picks the date of the event whose trigger ends at trig: the first
// temporal expression after the trigger in the window, else the last one
// before it. Years that name a treaty ("the 1956 Declaration") or follow
// one ("the Anglo-Japanese alliance of 1902"), unless it is the event's
// own treaty, and the dateline are not event dates.
func (x rules) dateIn(start, end, trig, datelineEnd int, treaty string, follows bool) (kg.Date, kg.Date) {
	var before, after *timex.Timex
	for i := range x.Timexes {
		t := &x.Timexes[i]
		if t.Start < start || t.End > end || t.Date.IsZero() || t.End <= datelineEnd || x.inTreatyName(t.Start) || x.Quoted(t.Start) {
			continue
		}
		if tooLong(t.Date, t.EndDate) {
			continue // "the last this century": no time to place an event in
		}
		if t.Start >= trig && x.otherClause(trig, t.Start) || t.Start < trig && x.clauseHas(start, t.Start, "since", "until", "till") {
			continue // "his first visit since he assumed power in June 1982" is not in June 1982
		}
		if follows && t.End <= trig && x.precedesBy(t.End, trig) {
			continue // "returned home Sunday after attending a trilateral summit": the summit was before Sunday
		}
		if of := x.treatyOfYear(t.Start); of != "" && of != treaty {
			continue // "… condoned the Anglo-Japanese alliance of 1902": that treaty's year
		}
		if t.Start >= trig {
			if after == nil {
				after = t
			}
		} else if !x.RangeEnd(i) {
			before = t
		}
	}
	switch {
	case after != nil:
		return after.Date, after.EndDate
	case before != nil && !before.EndDate.IsZero() && (x.afterCue(start, before.Start) || x.inWakeOf(trig, end)):
		// "After the Russo-Japanese War of 1904–05, … met": once the
		// range is over.
		return before.EndDate, kg.Date{}
	case before != nil:
		return before.Date, before.EndDate
	}
	return kg.Date{}, kg.Date{}
}

// precedesBy reports whether the words from a time at off to the trigger
// at trig say the event came before that time, in one clause: "returned
// home Sunday after attending a … summit".
func (x rules) precedesBy(off, trig int) bool {
	between := x.Text[off:trig]
	if strings.ContainsAny(between, ",;") {
		return false
	}
	for _, w := range text.LowerWords(between) {
		switch w {
		case "after", "following":
			return true
		}
	}
	return false
}

// before reports whether a time in [start, trig) is one the event at trig
// came before: "returned home Sunday after attending a … summit". Such an
// event is not the lede's news of the day.
func (x rules) before(start, trig int) bool {
	for _, t := range x.Timexes {
		if t.Start >= start && t.End <= trig && !t.Date.IsZero() && x.precedesBy(t.End, trig) {
			return true
		}
	}
	return false
}

// boundaryWords open a clause or phrase whose time is its own: the start
// of a span the event follows ("since"), the end of one ("until"),
// another event's ("before", "after", "because"), a relative clause on
// another noun ("… turnover, which fell … last year"), a complement
// clause ("there is optimism that it can be concluded this year") or a
// contrasting one ("but").
var boundaryWords = map[string]bool{
	"since": true, "until": true, "till": true, "before": true, "after": true, "because": true,
	"although": true, "though": true, "whereas": true, "unless": true, "if": true,
	"which": true, "who": true, "whom": true, "whose": true, "that": true, "but": true,
	"where": true, // "to visit Hiroshima, where the first atomic bomb was dropped in 1945"
}

// otherClause reports whether a temporal expression at off, after the
// trigger ending at trig, lies in another clause than the trigger's: a
// boundary word stands between them. A relative clause right after the
// trigger is about the event itself ("the visit, which began on
// Tuesday") and keeps its date.
func (x rules) otherClause(trig, off int) bool {
	for i, w := range text.LowerWords(x.Text[trig:off]) {
		w = strings.Trim(w, ",;:()\"'“”")
		if !boundaryWords[w] {
			continue
		}
		if i == 0 && (w == "which" || w == "who" || w == "whose" || w == "whom" || w == "that" || w == "where") {
			continue
		}
		return true
	}
	return false
}

// openingDate returns the date of a temporal expression that opens
// sentence sp, as its first words before a comma ("In 1952, …", "Last
// year, …", "On September 17, 1986, …"), when it lies before the window
// that starts at winStart; the dateline does not count.
func (x rules) openingDate(sp text.Span, winStart, datelineEnd int) (kg.Date, kg.Date) {
	for i := range x.Timexes {
		t := &x.Timexes[i]
		if t.Start < sp.Start || t.Date.IsZero() || t.End <= datelineEnd || tooLong(t.Date, t.EndDate) {
			continue
		}
		if t.Start >= winStart || len(text.LowerWords(x.Text[sp.Start:t.Start])) > 2 {
			break
		}
		if rest := x.Text[t.End:min(sp.End, t.End+2)]; strings.HasPrefix(rest, ",") {
			return t.Date, t.EndDate
		}
		break
	}
	return kg.Date{}, kg.Date{}
}

// opensWith reports whether sentence sp opens with a time whose date is
// d: "Last year, Russian officials assailed Ukraine".
func (x rules) opensWith(sp text.Span, d kg.Date) bool {
	o, _ := x.openingDate(sp, sp.End, 0)
	return !d.IsZero() && o == d
}

// treatyOfYear returns the treaty whose name a temporal expression at off
// completes: "the Ishii-Lansing Agreement of 1917".
func (x rules) treatyOfYear(off int) string {
	for _, m := range x.Mentions {
		if m.End < off && off-m.End <= len(" of ") && x.Ents[m.ID].Kind == kg.Treaty && strings.TrimSpace(x.Text[m.End:off]) == "of" {
			return m.ID
		}
	}
	return ""
}

// mainTreaty returns the treaty an event reported at [trigStart, trigEnd)
// is about: the first named after the trigger in [start, end) ("concluded
// the Nine-Power Treaty"), else the last named before it.
func (x rules) mainTreaty(start, end, trigStart, trigEnd int) string {
	before, after := "", ""
	for _, m := range x.MentionsIn(start, end) {
		if x.Ents[m.ID].Kind != kg.Treaty {
			continue
		}
		if m.Start >= trigEnd && after == "" {
			after = m.ID
		}
		if m.End <= trigStart {
			if x.dated(m) {
				// "Under the Lisbon Protocol of May 1992, Russia …
				// agreed …": the dated treaty frames the sentence.
				return m.ID
			}
			before = m.ID
		}
	}
	if after != "" {
		return after
	}
	return before
}

// dated reports whether a treaty mention is followed by its date: "the
// Ishii-Lansing Agreement of 1917".
func (x rules) dated(m doc.Mention) bool {
	for _, t := range x.Timexes {
		if t.Start > m.End && t.Start-m.End <= len(" of ") && strings.TrimSpace(x.Text[m.End:t.Start]) == "of" {
			return true
		}
	}
	return false
}

func (x rules) inTreatyName(off int) bool {
	for _, m := range x.Mentions {
		if m.Start <= off && off < m.End && x.Ents[m.ID].Kind == kg.Treaty {
			return true
		}
	}
	return false
}

// eventStatus reads the status from the window: cancelled and failed
// events by their verbs, planned ones by a date after publication or a
// future cue before the trigger, the rest occurred.
func (x rules) eventStatus(start, end, trig int, date kg.Date) kg.Status {
	switch {
	case x.Toks.CueIn(cancelCue, start, end):
		return kg.Cancelled
	case x.Toks.CueIn(failCue, start, end):
		return kg.Failed
	case !date.IsZero() && !x.Published.IsZero() && date.First().After(x.Published.Last()):
		return kg.Planned
	case !date.IsZero() && !x.Published.IsZero() && !date.Last().After(x.Published.Last()):
		return kg.Occurred
	case x.Published.IsZero():
		// A history essay tells what happened; its "would" is the past's
		// future ("agreed that they would …").
		return kg.Occurred
	case x.Toks.CueIn(futureCue, start, trig):
		return kg.Planned
	}
	return kg.Occurred
}

// maxSpan is the longest time an event other than a war may take: an
// event dated by "this century" or "the last two decades" is not placed
// in time, and the gold leaves such events out.
const maxSpanYears = 10

// tooLong reports whether a date, or the range from d to end, covers more
// than maxSpanYears: "190X" to "199X" does, "199X" alone does not.
func tooLong(d, end kg.Date) bool {
	if d.IsZero() {
		return false
	}
	last := d.Last()
	if !end.IsZero() && end.Last().After(last) {
		last = end.Last()
	}
	return !last.Before(d.First().AddDate(maxSpanYears, 0, 0))
}

// dayParts are the parts of a news story's day, or the one before it, by
// how many days before the story's own day they lie. TIMEX3 leaves times
// of day out of the dates it tags; an event at one still happened on a
// day.
var dayParts = text.NewCues("last night|yesterday morning|yesterday afternoon|yesterday evening|this morning|this afternoon|this evening|tonight|earlier today|later today|late last night")

// partOfDay returns the day a part of the day named in [start, end)
// places an event on: the story's own day ("this morning", "tonight"), or
// the day before it ("last night"); zero when none is named, or the story
// has no date.
func (x rules) partOfDay(start, end int) kg.Date {
	if x.Published.IsZero() {
		return kg.Date{}
	}
	locs := x.Toks.CuesIn(dayParts, start, end)
	if len(locs) == 0 || x.Quoted(locs[0].Start) {
		return kg.Date{}
	}
	day := x.ledeDate()
	if day.Precision() != kg.PrecisionDay {
		return kg.Date{}
	}
	w := strings.ToLower(x.Text[locs[0].Start:locs[0].End])
	if strings.Contains(w, "last night") || strings.HasPrefix(w, "yesterday") {
		t := day.First().AddDate(0, 0, -1)
		return kg.Day(t.Year(), t.Month(), t.Day())
	}
	return day
}

// today reports whether d is a news story's own day: the publication date
// or the day of its dateline, or a coarser date that holds it.
func (x rules) today(d kg.Date) bool {
	if d.IsZero() || x.Published.IsZero() {
		return false
	}
	return d.Contains(x.Published) || d.Contains(x.ledeDate())
}

// futureModal reports whether the trigger at token i is the verb of a
// future: "will visit", "will also be meeting", "shall hold".
func (x rules) futureModal(i int) bool {
	for j := i - 1; j >= 0 && j >= i-4 && x.TokSent[j] == x.TokSent[i]; j-- {
		switch k := x.Toks[j].Key; {
		case k == "will" || k == "shall" || k == "ll":
			return true
		case k == "be" || k == "also" || k == "then" || k == "soon" || k == "again" || k == "not" || strings.HasSuffix(k, "ly"):
		default:
			return false
		}
	}
	return false
}

// yearSlip corrects the year of a date the text puts in the future ("I
// will visit … from 25 January to 9 February 1996" in a release of 22
// January 1997) when it lies before publication and the same day or
// month a year later lies after it: a writer who keeps last year's
// number in January is likelier than a future in the past. Other dates
// are returned unchanged.
func (x rules) yearSlip(d, end kg.Date) (kg.Date, kg.Date) {
	if d.IsZero() || x.Published.IsZero() || !d.Last().Before(x.Published.First()) {
		return d, end
	}
	if p := d.Precision(); p != kg.PrecisionDay && p != kg.PrecisionMonth {
		return d, end
	}
	next, ok := shiftYears(d, 1)
	if !ok || next.First().Before(x.Published.First()) {
		return d, end
	}
	if !end.IsZero() {
		if e, ok := shiftYears(end, 1); ok {
			end = e
		}
	}
	return next, end
}

// pastVerb reports whether the verb at token i is in a past tense
// ("visited", "met"), not a participle after "to be", "has" or a modal
// ("is expected", "will be hosted", "has visited").
func (x rules) pastVerb(i int) bool {
	k := x.Toks[i].Key
	if !strings.HasSuffix(k, "ed") && !pastForms[k] {
		return false
	}
	if i > 0 && x.TokSent[i-1] == x.TokSent[i] {
		switch x.Toks[i-1].Key {
		case "to", "be", "been", "being", "is", "are", "has", "have", "will", "would", "should", "could", "may", "might", "must":
			return false
		}
	}
	return true
}

// pastSlip moves a date back a year when a verb in the past tense ("Blinken
// visited Kyiv in May", in a March story) has a month or day after the
// story's date that the text gives without its year: the last May, not the
// next. A year the text writes out stands. The time is looked up among
// those in [start, end).
func (x rules) pastSlip(d, end kg.Date, start, stop int) (kg.Date, kg.Date) {
	if d.IsZero() || x.Published.IsZero() || !d.First().After(x.Published.Last()) {
		return d, end
	}
	if p := d.Precision(); p != kg.PrecisionDay && p != kg.PrecisionMonth {
		return d, end
	}
	for _, t := range x.Timexes {
		if t.Start < start || t.End > stop || t.Date != d {
			continue
		}
		// Only a time the verb's own phrase gives ("visited Kyiv in May"),
		// not one of another phrase ("declared a dividend payable May
		// 22", "set May 7 for sentencing").
		gap := strings.Fields(strings.ToLower(x.Text[start:t.Start]))
		if yearWritten.MatchString(t.Text) || len(gap) == 0 || len(gap) > 6 ||
			strings.ContainsAny(x.Text[start:t.Start], ",;:") || (gap[len(gap)-1] != "in" && gap[len(gap)-1] != "on") ||
			slices.ContainsFunc(gap, func(w string) bool { return clauseOpeners[w] }) {
			return d, end
		}
		prev, ok := shiftYears(d, -1)
		if !ok || prev.First().After(x.Published.Last()) {
			return d, end
		}
		if !end.IsZero() {
			if e, ok := shiftYears(end, -1); ok {
				end = e
			}
		}
		return prev, end
	}
	return d, end
}

// clauseOpeners start a clause of its own, whose time is its own:
// "announced that shareholders will vote on July 31".
var clauseOpeners = map[string]bool{
	"that": true, "which": true, "who": true, "will": true, "would": true, "to": true, "when": true, "where": true,
}

// yearWritten matches a time that writes its year out: "May 2019",
// "5/3/19" does not count.
var yearWritten = regexp.MustCompile(`\b\d{4}\b|'\d{2}\b`)

// shiftYears returns d moved by n years, at its precision.
func shiftYears(d kg.Date, n int) (kg.Date, bool) {
	s := d.String()
	if len(s) < 4 {
		return kg.Date{}, false
	}
	y, err := strconv.Atoi(s[:4])
	if err != nil {
		return kg.Date{}, false
	}
	out, err := kg.ParseDate(fmt.Sprintf("%04d", y+n) + s[4:])
	return out, err == nil
}

// attributed reports whether the event reported at [trigStart, trigEnd)
// in sentence sp is told on someone's word: the sentence has a speech verb
// besides the trigger ("China and Israel discussed … at a meeting …, an
// Israeli spokesman said"). News dates its own report, the day of the
// dateline, but not what a source says happened: that may lie days back.
func (x rules) attributed(sp text.Span, trigStart, trigEnd int) bool {
	for _, loc := range x.Toks.CuesIn(speechVerb, sp.Start, sp.End) {
		if (loc.End <= trigStart || loc.Start >= trigEnd) && !x.Quoted(loc.Start) {
			return true
		}
	}
	return false
}

// inWakeOf reports whether the clause after the trigger ending at trig
// says the event followed what it names: "… forced Japan to give up its
// demands … in the wake of its victory in China" came once the war of
// 1894–95 was over.
func (x rules) inWakeOf(trig, end int) bool {
	rest := strings.ToLower(x.Text[trig:end])
	if i := strings.IndexAny(rest, ";"); i >= 0 {
		rest = rest[:i]
	}
	return strings.Contains(rest, "in the wake of") || strings.Contains(rest, "in the aftermath of")
}

// afterCue reports whether the time named at off is what an event follows:
// "after" or "following" opens the phrase it ends, with no comma between.
func (x rules) afterCue(start, off int) bool {
	return x.clauseHas(max(start, off-60), off, "after", "following")
}

// clauseHas reports whether one of words (lower case) is in the clause
// that ends at off: the text since the last comma or semicolon in [start,
// off).
func (x rules) clauseHas(start, off int, words ...string) bool {
	lead := x.Text[start:off]
	if i := strings.LastIndexAny(lead, ",;"); i >= 0 {
		lead = lead[i+1:]
	}
	return slices.ContainsFunc(text.LowerWords(lead), func(w string) bool { return slices.Contains(words, w) })
}

// pastModifier reports whether the noun phrase whose head is the token at
// i says it lies in the past: "a recent statement", "the previous talks".
func (x rules) pastModifier(i int) bool {
	for j := i - 1; j >= 0 && j >= i-3 && x.TokSent[j] == x.TokSent[i]; j-- {
		switch x.Toks[j].Key {
		case "recent", "earlier", "previous", "last", "past", "former", "prior":
			return true
		case "the", "a", "an", "this", "that", "his", "her", "their", "its":
			return false
		}
	}
	return false
}

// pastForms are verbs in the simple past that news uses for what has
// happened: "held", "met", and every regular verb in "-ed".
var pastForms = map[string]bool{
	"was": true, "were": true, "had": true, "did": true, "met": true, "held": true, "took": true, "made": true,
	"gave": true, "went": true, "came": true, "saw": true, "began": true, "spoke": true, "sent": true, "left": true,
}

// sentenceAdverbs may stand between a subject and its verb: "Reagan and
// Chirac meanwhile signed".
var sentenceAdverbs = map[string]bool{
	"also": true, "then": true, "meanwhile": true, "meantime": true, "later": true, "earlier": true,
	"already": true, "again": true, "first": true, "once": true, "still": true, "subsequently": true,
}

// pastClause reports whether the clause of the trigger at token i tells
// of the past: before the trigger, a subject (a pronoun or a name) is
// followed by a verb in the past tense ("He also explored these issues in
// a meeting with …", "Kharrazi held talks"), with no modal or "to" of a
// future between.
func (x rules) pastClause(i int) bool {
	// The trigger itself may be the verb: "Reagan and Chirac meanwhile
	// signed an agreement".
	for j := i; j > 0 && j >= i-12 && x.TokSent[j] == x.TokSent[i]; j-- {
		k := x.Toks[j].Key
		switch k {
		case "will", "would", "shall", "to", "may", "might", "can", "could", "should", "must",
			"said", "told", "says", "announced", "stated": // "Howard said his talks … would": the complement has its own tense
			if j < i {
				return false
			}
		}
		if j < i && strings.ContainsAny(x.Toks[j+1].Sep, ",;:") {
			return false
		}
		if !pastForms[k] && !(strings.HasSuffix(k, "ed") && x.Toks[j].Text == k) {
			continue
		}
		p := j - 1
		for p >= 0 && (sentenceAdverbs[x.Toks[p].Key] || strings.HasSuffix(x.Toks[p].Key, "ly")) {
			p--
		}
		if p < 0 || x.TokSent[p] != x.TokSent[i] {
			return false
		}
		switch x.Toks[p].Key {
		case "i", "we", "he", "she", "they", "it":
			return true
		}
		if slices.ContainsFunc(x.MentionsIn(x.Sents[x.TokSent[p]].Start, x.Toks[p].End), func(m doc.Mention) bool { return m.End == x.Toks[p].End && x.actor(m) }) {
			return true
		}
	}
	return false
}

// hypothetical reports whether the trigger at off sits in a condition of
// its sentence: "if any member was attacked, …".
func (x rules) hypothetical(start, off int) bool {
	return x.clauseHas(start, off, "if", "unless")
}

// numberWords are the spelled-out counts a duration may use.
var numberWords = map[string]int{
	"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18, "twenty": 20, "several": 0,
}

// lastedBefore returns, in months, the duration in "after 18 months of"
// or "following two years of" right before the trigger at token i, or 0.
func (x rules) lastedBefore(i int) int {
	if i < 4 || x.Toks[i-1].Key != "of" || x.TokSent[i-4] != x.TokSent[i] {
		return 0
	}
	lead := i - 4
	switch x.Toks[lead].Key {
	case "nearly", "almost", "about", "some", "over", "roughly":
		lead-- // "after nearly two years of negotiations"
	}
	if lead < 0 || x.Toks[lead].Key != "after" && x.Toks[lead].Key != "following" {
		return 0
	}
	n, ok := numberWords[x.Toks[i-3].Key]
	if !ok {
		v, err := strconv.Atoi(x.Toks[i-3].Key)
		if err != nil {
			return 0
		}
		n = v
	}
	switch x.Toks[i-2].Key {
	case "month", "months":
		return n
	case "year", "years":
		return 12 * n
	}
	return 0
}
