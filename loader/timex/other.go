package timex

import (
	"fmt"
	"strings"

	"github.com/diplograph/diplograph/kg"
)

// This file holds the grammar of the TIMEX3 types other than DATE, which
// only FindAll reports: durations, sets and times of day.

// other is the longest duration, set or time of day at token i.
func (p *scanner) other(i int) (cand, bool) {
	return longest(p.duration(i))(longest(p.set(i))(longest(p.clock(i))(p.partOfDay(i))))
}

// durable reports whether unit u measures a duration ("half" and
// "weekend" do not here).
func durable(u int8) bool { return u != uHalf && u != uWeekend }

// unitCodes are the TIMEX3 designators of the units: the letter, whether
// it is a time ("PT2H"), and how many years a decade or century counts
// ("a decade" is P10Y; "decades", of unknown number, PXDE).
var unitCodes = map[int8]struct {
	code  string
	time  bool
	years int
}{
	uDay: {"D", false, 0}, uWeek: {"W", false, 0}, uMonth: {"M", false, 0}, uQuarter: {"Q", false, 0}, uYear: {"Y", false, 1},
	uDecade: {"DE", false, 10}, uCentury: {"CE", false, 100}, uHour: {"H", true, 0}, uMinute: {"M", true, 0}, uSecond: {"S", true, 0},
}

// durValue is the TIMEX3 value of n units, or of an unknown number of
// them ("PXY") when vague.
func durValue(u int8, n int, vague bool) string {
	c := unitCodes[u]
	p := "P"
	if c.time {
		p = "PT"
	}
	switch {
	case vague:
		return p + "X" + c.code
	case c.years > 1:
		return fmt.Sprintf("P%dY", c.years*n)
	}
	return fmt.Sprintf("%s%d%s", p, n, c.code)
}

// quantity parses a count at j: "two", "twenty four", "twenty-four",
// "18", "a", "a couple of", and the vague "several", "a few", "some",
// "many".
func (p *scanner) quantity(j int) (n int, vague bool, next int, ok bool) {
	if j >= len(p.t) {
		return 0, false, 0, false
	}
	t := &p.t[j]
	switch {
	case t.kind == tNum && t.nd <= 4 && t.n > 0 && (j == 0 || p.t[j].space || !p.dash(j-1)):
		if p.adj(j+1) && (p.punct(j+1, '.') || p.punct(j+1, ',') || p.punct(j+1, ':')) && p.adj(j+2) && j+2 < len(p.t) && p.t[j+2].kind == tNum {
			return 0, false, 0, false // "3.5", "1,000", "9:30"
		}
		return t.n, false, j + 1, true
	case t.kind == tWord && t.kw.kind == kNumWord:
		n, k := int(t.kw.n), j+1
		if n >= 20 && n%10 == 0 {
			// "twenty four", "twenty-four"
			m := k
			if p.dash(m) && p.adj(m) {
				m++
			}
			if p.kindAt(m, kNumWord) && p.t[m].kw.n < 10 {
				n, k = n+int(p.t[m].kw.n), m+1
			}
		}
		return n, false, k, true
	case p.is(j, wA) && p.is(j+1, wFew), p.is(j, wA) && p.is(j+1, wSeveral):
		return 0, true, j + 2, true
	case p.is(j, wA) && p.is(j+1, wCouple) && p.is(j+2, wOf):
		return 2, false, j + 3, true
	case p.is(j, wCouple) && p.is(j+1, wOf):
		return 2, false, j + 2, true
	case p.is(j, wA):
		return 1, false, j + 1, true
	case p.is(j, wSeveral), p.is(j, wFew):
		return 0, true, j + 1, true
	}
	return 0, false, 0, false
}

// duration parses "two years", "18 months", "a week", "the past three
// months", "the next few days", "the first nine months", "a five-year
// plan" (the adjective "five-year"), "a month after …", "nearly two
// months", and a bare plural after "for" or "within" ("for years"). A
// count followed by "ago", "earlier" or "later" is a date.
func (p *scanner) duration(i int) (cand, bool) {
	if u, pl, ok := p.unit(i); ok && pl && durable(u) && i > 0 && p.is(i-1, wFor) {
		return cand{end: i + 1, typ: "DURATION", value: durValue(u, 0, true)}, true
	}
	if p.is(i, wRecent) {
		// "recent years": TimeML's vague duration (Find's "recent
		// months" is the date PAST_REF).
		if u, pl, ok := p.unit(i + 1); ok && pl && durable(u) {
			return cand{end: i + 2, typ: "DURATION", value: durValue(u, 0, true)}, true
		}
	}
	j := p.approx(i)
	the := p.is(j, wThe)
	if the {
		j++
	}
	modded := false
	switch {
	case p.is(j, wPast), p.is(j, wLast), p.is(j, wNext), p.is(j, wComing), p.is(j, wPrevious), p.is(j, wFollowing),
		p.is(j, wLatest), p.kindAt(j, kOrdWord) && p.t[j].kw.n == 1:
		j++
		modded = true
	}
	n, vague, k, ok := p.quantity(j)
	if !ok || (the || modded) && p.is(j, wA) && n == 1 {
		return cand{}, false
	}
	if p.dash(k) && p.adj(k) && p.adj(k+1) {
		// "five-year", "16-hour"; but "a 52-year-old man" is an age.
		if u, pl, ok := p.unit(k + 1); ok && !pl && durable(u) && !vague && !(p.dash(k+2) && p.adj(k+2)) {
			return cand{end: k + 2, typ: "DURATION", value: durValue(u, n, false)}, true
		}
		return cand{}, false
	}
	u, _, ok := p.unit(k)
	if !ok || !durable(u) {
		return cand{}, false
	}
	if p.is(k+1, wAgo) || p.is(k+1, wEarlier) || p.is(k+1, wLater) {
		return cand{}, false // dates: "two years ago", "a year earlier"
	}
	if t := &p.t[j]; t.kind == tNum && t.nd == 4 && t.n >= 1000 && !modded {
		return cand{}, false // "1990 hours"-like counts are not read as spans
	}
	return cand{end: k + 1, typ: "DURATION", value: durValue(u, n, vague)}, true
}

// approx skips the words that say a duration is approximate or bounded,
// which TimeML keeps in the span: "nearly two months", "at least 30 days",
// "more than a decade", "up to 180 days". It returns where the duration
// proper starts.
func (p *scanner) approx(i int) int {
	if i >= len(p.t) || p.t[i].kind != tWord {
		return i
	}
	w := strings.ToLower(p.text[p.t[i].s:p.t[i].e])
	next := ""
	if i+1 < len(p.t) && p.t[i+1].kind == tWord {
		next = strings.ToLower(p.text[p.t[i+1].s:p.t[i+1].e])
	}
	switch {
	case w == "nearly" || w == "almost" || w == "about" || w == "approximately" || w == "roughly":
		return i + 1
	case (w == "over" || w == "under") && !p.is(i+1, wThe) && !p.is(i+1, wPossessive):
		return i + 1 // "over an hour", but "over the past three months" is a preposition
	case w == "at" && next == "least", w == "more" && next == "than", w == "less" && next == "than", w == "up" && next == "to":
		return i + 2
	}
	return i
}

// set parses "every week", "each year", "every other month", "every two
// weeks", "each Thursday", "every morning" and the adverbs "daily",
// "weekly", "monthly", "annually", "yearly", "quarterly", "hourly".
func (p *scanner) set(i int) (cand, bool) {
	t := &p.t[i]
	if t.kind != tWord || t.kw.kind != kWord {
		return cand{}, false
	}
	if t.kw.n == wFrequency {
		switch strings.ToLower(p.text[t.s:t.e]) {
		case "daily":
			return cand{end: i + 1, typ: "SET", value: "P1D"}, true
		case "weekly":
			return cand{end: i + 1, typ: "SET", value: "P1W"}, true
		case "monthly":
			return cand{end: i + 1, typ: "SET", value: "P1M"}, true
		case "annually", "yearly":
			return cand{end: i + 1, typ: "SET", value: "P1Y"}, true
		case "quarterly":
			return cand{end: i + 1, typ: "SET", value: "P1Q"}, true
		case "hourly":
			return cand{end: i + 1, typ: "SET", value: "PT1H"}, true
		case "nightly":
			return cand{end: i + 1, typ: "SET", value: "XXXX-XX-XXTNI"}, true
		}
		return cand{}, false
	}
	if t.kw.n != wEvery || strings.EqualFold(p.text[t.s:t.e], "per") {
		return cand{}, false
	}
	j, n := i+1, 1
	switch {
	case p.is(j, wOther):
		j, n = j+1, 2
	default:
		if q, vague, k, ok := p.quantity(j); ok && !vague && !p.is(j, wA) {
			j, n = k, q
		}
	}
	if u, _, ok := p.unit(j); ok && durable(u) {
		return cand{end: j + 1, typ: "SET", value: durValue(u, n, false)}, true
	}
	if n == 1 && p.kindAt(j, kWeekday) {
		return cand{end: j + 1, typ: "SET", value: fmt.Sprintf("XXXX-WXX-%d", isoWeekday(int(p.t[j].kw.n)))}, true
	}
	if n == 1 && p.is(j, wPartOfDay) {
		return cand{end: j + 1, typ: "SET", value: "XXXX-XX-XXT" + dayPart(p.text[p.t[j].s:p.t[j].e])}, true
	}
	return cand{}, false
}

// isoWeekday numbers a time.Weekday (Sunday 0) as ISO 8601 does (Monday 1,
// Sunday 7).
func isoWeekday(wd int) int {
	if wd == 0 {
		return 7
	}
	return wd
}

// dayPart is the TIMEX3 code of a part of the day.
func dayPart(w string) string {
	switch strings.ToLower(w) {
	case "morning":
		return "MO"
	case "afternoon":
		return "AF"
	case "evening":
		return "EV"
	}
	return "NI"
}

// timeOfDay extends a day ("Tuesday", "yesterday", "March 3") followed by
// a part of the day into a TIME: "Tuesday morning" is "…TMO".
func (p *scanner) timeOfDay(c cand) cand {
	if c.kind != cDate || c.value != "" || c.split || !c.endDate.IsZero() || c.date.Precision() != kg.PrecisionDay || !p.is(c.end, wPartOfDay) {
		return c
	}
	t := &p.t[c.end]
	c.typ, c.value = "TIME", c.date.String()+"T"+dayPart(p.text[t.s:t.e])
	c.end++
	return c
}

// partOfDay parses "tonight", "this morning", "last night".
func (p *scanner) partOfDay(i int) (cand, bool) {
	if !p.has(kg.PrecisionDay) {
		return cand{}, false
	}
	day := kg.DayOf(p.at)
	switch {
	case p.is(i, wTonight):
		return cand{end: i + 1, typ: "TIME", value: day.String() + "TNI", date: day, rel: true}, true
	case p.is(i, wThis) && p.is(i+1, wPartOfDay):
		w := p.t[i+1]
		return cand{end: i + 2, typ: "TIME", value: day.String() + "T" + dayPart(p.text[w.s:w.e]), date: day, rel: true}, true
	case p.is(i, wLast) && p.is(i+1, wPartOfDay) && strings.EqualFold(p.text[p.t[i+1].s:p.t[i+1].e], "night"):
		d := kg.DayOf(p.at.AddDate(0, 0, -1))
		return cand{end: i + 2, typ: "TIME", value: d.String() + "TNI", date: d, rel: true}, true
	}
	return cand{}, false
}

// clock parses a time of day: "9 a.m.", "10:35 a.m.", "4 p.m. EDT
// Thursday", "15:00 GMT Saturday", "noon". Its date is the day named
// right after it, else the anchor's.
func (p *scanner) clock(i int) (cand, bool) {
	if !p.has(kg.PrecisionDay) {
		return cand{}, false
	}
	h, m, k := 0, 0, 0
	switch {
	case p.is(i, wNoon):
		h, k = 12, i+1
		if strings.EqualFold(p.text[p.t[i].s:p.t[i].e], "midnight") {
			h = 24
		}
	default:
		hh, ok := p.num(i, 2)
		if !ok || i > 0 && !p.t[i].space && p.t[i-1].kind != tPunct {
			return cand{}, false
		}
		h, k = hh, i+1
		colon := false
		if p.punct(k, ':') && p.adj(k) && p.adj(k+1) && k+1 < len(p.t) && p.t[k+1].kind == tNum && p.t[k+1].nd == 2 {
			m, k, colon = p.t[k+1].n, k+2, true
			if p.punct(k, ':') && p.adj(k) && p.adj(k+1) && k+1 < len(p.t) && p.t[k+1].kind == tNum && p.t[k+1].nd == 2 {
				k += 2 // seconds
			}
		}
		pm, next, ampm := p.meridiem(k)
		switch {
		case ampm && h >= 1 && h <= 12:
			if pm && h < 12 {
				h += 12
			}
			if !pm && h == 12 {
				h = 0
			}
			k = next
		case colon && h <= 24 && m < 60:
		default:
			return cand{}, false
		}
		if m >= 60 {
			return cand{}, false
		}
	}
	if zone(p, k) {
		k++
	}
	day := kg.DayOf(p.at)
	if c, ok := p.single(k, true); ok && c.kind == cDate && c.value == "" && c.date.Precision() == kg.PrecisionDay && c.endDate.IsZero() {
		day, k = c.date, c.end
	}
	return cand{end: k, typ: "TIME", value: fmt.Sprintf("%sT%02d:%02d", day, h, m), date: day, rel: true}, true
}

// meridiem parses "a.m.", "p.m.", "am", "pm" at k.
func (p *scanner) meridiem(k int) (pm bool, next int, ok bool) {
	if k >= len(p.t) || p.t[k].kind != tWord {
		return false, 0, false
	}
	w := strings.ToLower(p.text[p.t[k].s:p.t[k].e])
	switch w {
	case "am", "pm":
		return w == "pm", k + 1, true
	case "a", "p":
		if p.punct(k+1, '.') && p.adj(k+1) && k+2 < len(p.t) && strings.EqualFold(p.text[p.t[k+2].s:p.t[k+2].e], "m") && p.adj(k+2) {
			next := k + 3
			if p.punct(next, '.') && p.adj(next) {
				next++
			}
			return w == "p", next, true
		}
	}
	return false, 0, false
}

// zone reports whether token k is a time zone: "GMT", "EDT".
func zone(p *scanner, k int) bool {
	if k >= len(p.t) || p.t[k].kind != tWord || !p.t[k].upper {
		return false
	}
	switch p.text[p.t[k].s:p.t[k].e] {
	case "GMT", "UTC", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "BST", "CET", "CEST":
		return true
	}
	return false
}
