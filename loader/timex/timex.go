// Package timex finds temporal expressions in English news text and
// normalizes them TIMEX3-style against an anchor, the article's publication
// date: "Jan. 14" in an article of 2019-01-15 is "2019-01-14", "next week"
// is "2019-W04", "the 1950s" is "195X", "recently" is "PAST_REF".
//
// # What is found
//
// Dates named in the usual news forms ("Jan. 14", "January 14th, 2019",
// "14 January 2019", "14th of January", "2019-01-14", "1/14/2019" when the
// day is over 12), months ("October 1956", "in October", "May of 1948"),
// years from 1000 to 2099 ("1956", "the 1956 Declaration", but not "1,956" or
// "1956 tons"), decades ("the 1950s", "the '80s",
// "the eighties"), centuries ("the twentieth century", "the 1800s"), seasons
// ("spring 1956", "last summer"), quarters ("the third quarter", "Q3 2019"),
// weekdays, days, weeks, months and years relative to the anchor ("today",
// "two days ago", "last Tuesday", "next week", "earlier this month", "last
// year"), the references PRESENT_REF ("now", "currently"), PAST_REF
// ("recently", "the past", "recent months") and FUTURE_REF ("soon", "the
// future"), and ranges ("from 1956 to 1960", "between late 1907 and early
// 1908", "1904–05", "1987/88", "Jan. 14-16"), which give Date and EndDate.
// As in TimeML, the two ends of a range written out in full are
// expressions of their own ("from <1956> to <1960>", "<1947>–<1948>"), the
// first carrying the range's EndDate; "1904–05" and "Jan. 14-16" stay one.
// Modifiers stay in the span and leave the value alone ("late 1907",
// "mid-1948", "Later in 1949", "the end of 1987", "the first half of 1987"
// are all the year). Following TimeML, the span has the determiner ("the
// past", "the 1950s") but not the preposition ("in", "on").
//
// Find leaves out what is not a calendar date: durations ("for two
// years", "the past two months"), times of day and sets ("every year").
// FindAll reports them too, with their TIMEX3 types and values, for the
// TempEval-3 evaluation (see FindAll). Neither finds expressions relative
// to an event rather than to the anchor ("three days later", "the day
// before").
//
// # How relative expressions are resolved
//
// Against the anchor: "today", weekdays, "this/last/next" + week, month,
// quarter, season, year, decade or century, "N days/weeks/months/years ago",
// months and month-days without a year, "the third quarter", and "the year"
// or "the month" after a modifier ("by the end of the year"). News
// convention picks between readings by the verb tense of the sentence: the
// nearest tense cue before the expression, or else after it. Future cues are
// "will", "scheduled", "due", "expected", "plans to", "next", "tomorrow",
// and a present-tense verb of travel or meeting ("sets out Wednesday",
// "leaves on ... Wednesday"); past cues are past-tense verbs ("said", "met",
// words in -ed, but not participles after "be").
//
//   - A bare weekday is the latest such day on or before the anchor (the
//     anchor day itself included), unless the cue is a future one: then it
//     is the first such day on or after the anchor. "next Wednesday" is the
//     first Wednesday after the anchor, "last Tuesday" the last one before
//     it, "this Monday" the Monday of the anchor's ISO week.
//   - A month or month-day without a year takes the anchor's year, unless
//     the other reading is nearer and the tense allows it: more than six
//     months after the anchor, in a sentence not in the future, it is the
//     year before (anchor 2019-01-15, "Dec. 20" is 2018-12-20); six months
//     or more before the anchor, in a future sentence, the year after. A
//     past-tense verb within four tokens before a date that would lie after
//     the anchor also moves it back ("was last seen Nov. 3" in May).
//   - "last July" is the latest July before the anchor's month, except that
//     the month just before would be "last month": "last February" in March
//     is the February of the year before. "next" is symmetric.
//   - "The third quarter" is the latest third quarter begun by the anchor,
//     whatever the tense ("expects to report third-quarter earnings" in
//     October). "in the summer" is the summer of the anchor's year.
//
// Against the text: "the same year", "that year", "the next year", "the
// following year", "the previous year", "December of that year" and "the
// turn of the century" count from the latest year named before them (the end
// of a range: "1904–05 ... the same year" is 1905), or else the first one
// after them, or else the anchor. When the anchor is zero, months and
// month-days without a year and two-digit decades ("the '80s") are resolved
// the same way; every other expression that needs the anchor is left out.
// Relative reports either kind of resolution.
//
// Known limits: a famous date is resolved like any other ("the Sept. 11
// attacks" in 2019 is 2018-09-11); spelled-out years ("nineteen ninety-one"),
// holidays, weekends, "the week of March 6", halves of years and financial
// idioms ("the year-earlier quarter") are not found; "fiscal 1988" is found
// as the calendar year 1988. kg.Date has no century precision, so a century
// is given as Value "19XX" with Date and EndDate its first and last decades.
//
// # Why no library
//
// github.com/markusmobius/go-dateparser (v1.4.7) was tried on the strings
// this package matches. It normalizes plain absolute dates well but does not
// fit here: it returns a time.Time with a coarse period, so "1904–05"
// becomes May 1904, "the 1950s" a day, "next week" a day rather than an ISO
// week; it knows no seasons, quarters, "last Tuesday", "next Friday" or
// references such as "recently"; its Search finds spans like "in 1960,
// yesterday, next week" as one date. It costs about 87 µs per string
// (a 5 KB article has dozens), adds about 9 MB to a binary and brings in a
// WebAssembly runtime (wazero) for RE2. github.com/olebedev/when parsed
// neither "14 January 2019" nor "October 1956" nor "next week" and took
// 0.5 ms per sentence. The span finding and the TIMEX3 values (ISO weeks,
// decades, seasons, references) would be ours either way, and with them in
// hand the remaining arithmetic is a few lines of the time package, so the
// package depends on the standard library and kg only.
package timex

import (
	"fmt"
	"strings"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// Timex is one temporal expression found in a text.
type Timex struct {
	// Type is the TIMEX3 type: DATE, or from FindAll also TIME ("Tuesday
	// morning", "9 a.m."), DURATION ("two years") and SET ("every week").
	Type       string
	Text       string  // the exact span
	Start, End int     // byte offsets into the input, End exclusive
	Value      string  // TIMEX3 value: "2019-01-14", "2019-01", "2019", "198X", "19XX", "2019-W04", "1956-SU", "1956-Q3", "PAST_REF", "PRESENT_REF", "FUTURE_REF"
	Date       kg.Date // the date Value names; zero for PAST_REF, PRESENT_REF and FUTURE_REF; for a century ("19XX"), its first decade
	EndDate    kg.Date // end of a range ("from 1956 to 1960", "1904–05", "Jan. 14-16"; a century's last decade); zero otherwise
	Relative   bool    // the value needed the anchor, or a year named elsewhere in the text
}

// TIMEX3 references, the values of expressions that name no calendar date.
const (
	PastRef    = "PAST_REF"
	PresentRef = "PRESENT_REF"
	FutureRef  = "FUTURE_REF"
)

// Find returns the temporal expressions of text in order of Start, not
// overlapping (at each position the longest match wins). anchor is the
// publication date, usually to the day; expressions that need a finer anchor
// than the one given (a weekday needs a day, "last month" a month) are left
// out, and with a zero anchor all of them are, except the few that a year
// named in the text resolves (see the package comment).
func Find(text string, anchor kg.Date) []Timex { return find(text, anchor, false) }

// FindAll is Find with the other TIMEX3 types too: times of day ("Tuesday
// morning", "9 a.m. EDT Thursday", "tonight"), durations ("two years",
// "the past three months", "a five-year plan", "for years") and sets
// ("every week", "daily"), each with its TIMEX3 value ("1998-08-18TMO",
// "P2Y", "PXY", "P1W"). It is what the TempEval-3 evaluation scores; the
// loader uses Find, whose dates are what a timeline needs.
func FindAll(text string, anchor kg.Date) []Timex { return find(text, anchor, true) }

func find(text string, anchor kg.Date, all bool) []Timex {
	p := newScanner(text, anchor)
	p.all = all
	for i := 0; i < len(p.t); {
		c, ok := p.matchAt(i)
		if !ok {
			i++
			continue
		}
		p.finish(i, c)
		i = c.end
	}
	p.resolvePending()
	if len(p.out) == 0 {
		return nil
	}
	res := make([]Timex, 0, len(p.out))
	for _, f := range p.out {
		if f.c.kind != cDate {
			continue // a pending expression nothing resolved
		}
		typ := f.c.typ
		if typ == "" {
			typ = "DATE"
		}
		if f.c.split && f.c.value == "" && !f.c.endDate.IsZero() {
			// A range's ends, each its own expression; the first keeps
			// the range.
			s, e := p.t[f.c.aStart].s, p.t[f.c.aEnd-1].e
			res = append(res, Timex{Type: typ, Text: text[s:e], Start: s, End: e, Value: f.c.date.String(),
				Date: f.c.date, EndDate: f.c.endDate, Relative: f.c.rel})
			s, e = p.t[f.c.bStart].s, p.t[f.c.end-1].e
			res = append(res, Timex{Type: typ, Text: text[s:e], Start: s, End: e, Value: f.c.endDate.String(),
				Date: f.c.endDate, Relative: f.c.rel})
			continue
		}
		s, e := p.t[f.start].s, p.t[f.c.end-1].e
		v := f.c.value
		if v == "" {
			v = f.c.date.String()
		}
		res = append(res, Timex{
			Type: typ, Text: text[s:e], Start: s, End: e, Value: v,
			Date: f.c.date, EndDate: f.c.endDate, Relative: f.c.rel,
		})
	}
	return res
}

// ParseDateline recognizes a publication date at the start of s, as news
// datelines and date lines give it: "Jan. 15, 2019 (EIRNS)—", "2019-01-15",
// "January 15, 2019", "15 January 2019", "Tuesday, 12 March 2002", also
// after a place or a code in capitals ("FAS 22 JANUARY 1997"). The date must
// be on the first line of s and name a day and a year: "WASHINGTON, March 3
// -" is not ok. It returns the date, the byte offset just past the date text,
// and ok.
func ParseDateline(s string) (d kg.Date, end int, ok bool) {
	const maxHead = 256 // a dateline is short; do not tokenize a whole article
	head := s
	if len(head) > maxHead {
		head = head[:maxHead]
	}
	p := newScanner(head, kg.Date{})
	for i := 0; i < len(p.t) && i < 16; i++ {
		if i > 0 && p.t[i].nl {
			break
		}
		if c, ok := p.datelineDate(i); ok {
			end := p.t[c.end-1].e
			if !datelineEnds(head[end:]) {
				// "On July 8, 1853, American Commodore Matthew Perry
				// led …" opens a history, not a dateline.
				break
			}
			return c.date, end, true
		}
		if !p.datelinePrefix(i) {
			break
		}
	}
	return kg.Date{}, 0, false
}

// datelineEnds reports whether what follows a date ends a dateline: the
// end of the line, an agency in parentheses or a dash ("Jan. 15, 2019
// (EIRNS)—", "March 3, 1987 - Reagan said"), not running text.
func datelineEnds(rest string) bool {
	rest = strings.TrimLeft(rest, " \t")
	if rest == "" || rest[0] == '\n' || rest[0] == '\r' {
		return true
	}
	for _, p := range []string{"(", "-", "–", "—", "_", ":", "/"} {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return false
}

// datelineDate parses a full date (day, month and year) at token i.
func (p *scanner) datelineDate(i int) (cand, bool) {
	for _, c := range []func(int) (cand, bool){p.weekday, p.numLed, p.monthLedCued, p.dayLedCued} {
		if c, ok := c(i); ok && c.kind == cDate && c.date.Precision() == kg.PrecisionDay && c.value == "" && !c.rel {
			return c, true
		}
	}
	return cand{}, false
}

func (p *scanner) monthLedCued(i int) (cand, bool) { return p.monthLed(i, true) }
func (p *scanner) dayLedCued(i int) (cand, bool)   { return p.dayLed(i, true) }

// datelinePrefix reports whether token i may come before the date of a
// dateline: a place or code in capitals, a number glued to a code ("FA24"),
// punctuation.
func (p *scanner) datelinePrefix(i int) bool {
	t := &p.t[i]
	switch t.kind {
	case tWord:
		return t.cap
	case tNum:
		return !t.space && i > 0 && p.t[i-1].kind == tWord
	}
	return true
}

// ckind says how far a candidate is resolved.
type ckind uint8

const (
	cDate    ckind = iota // date, endDate and value are final
	cMD                   // a month or month-day without a year: a (and b for a range)
	cYearOff              // "the same year" (n 0), "the next year" (n 1), "the previous year" (n -1)
	cTurn                 // "the turn of the century"
	cDecade2              // "the '80s", "the eighties": n is the tens digit
)

// md is a month or month-day, perhaps without its year.
type md struct{ y, m, d int } // y 0: not given; d 0: the whole month

// cand is a match at some token.
type cand struct {
	end           int // token index just past the match
	kind          ckind
	date, endDate kg.Date
	value         string // overrides date.String(): references, centuries
	rel           bool
	isMD          bool // the match is a month or month-day: a and b hold it
	a, b          md   // b.m is 0 unless a range
	n             int
	anchorFirst   bool // cYearOff: the anchor's year before one named in the text ("the end of the year")
	narrative     bool // cMD: the year is n after one named in the text ("December of that year")
	// typ is the TIMEX3 type when not DATE: TIME, DURATION, SET (value
	// holds their value).
	typ string
	// split marks a range whose ends are expressions of their own: tokens
	// aStart..aEnd-1 and bStart..end-1.
	split                bool
	aStart, aEnd, bStart int
}

// dated reports whether c names a date (or will once resolved), as opposed
// to a reference such as PAST_REF.
func (c cand) dated() bool { return c.kind != cDate || !c.date.IsZero() }

func ref(end int, value string) cand { return cand{end: end, value: value} }

// found is a candidate accepted at token start.
type found struct {
	start int
	c     cand
}

// scanner holds the state of one Find call.
type scanner struct {
	text    string
	t       []token
	sid     []int32 // sentence number of each token
	anchor  kg.Date
	at      time.Time // first day of the anchor
	out     []found
	pending bool // some match waits for resolvePending
	all     bool // FindAll: times, durations and sets too
}

func newScanner(text string, anchor kg.Date) *scanner {
	p := &scanner{text: text, anchor: anchor, at: anchor.First()}
	p.t = tokenize(text, make([]token, 0, len(text)/4+16)) // English prose has about one token per five bytes
	p.out = make([]found, 0, len(p.t)/16+4)
	p.sentences()
	return p
}

// has reports whether the anchor is at least as precise as prec.
func (p *scanner) has(prec kg.Precision) bool { return p.anchor.Precision() >= prec }

// finish resolves what the anchor resolves and records the match.
func (p *scanner) finish(start int, c cand) {
	switch c.kind {
	case cMD:
		if p.has(kg.PrecisionMonth) && !c.narrative {
			p.resolveMD(start, &c)
		} else {
			p.pending = true
		}
	case cDecade2:
		if p.has(kg.PrecisionYear) {
			c.kind, c.date, c.rel = cDate, decade2(p.at.Year(), c.n), true
		} else {
			p.pending = true
		}
	case cYearOff:
		if c.anchorFirst && p.has(kg.PrecisionYear) {
			c.kind, c.date, c.rel = cDate, kg.Year(p.at.Year()+c.n), true
		} else {
			p.pending = true
		}
	case cTurn:
		p.pending = true
	}
	p.out = append(p.out, found{start, c})
}

// resolveMD gives a month or month-day without a year the anchor's year,
// unless the other reading is the nearer one and the tense allows it: more
// than six months after the anchor in a sentence not in the future is the
// year before (anchor 2019-01-15: "Dec. 20" is 2018-12-20); six months or
// more before it in a future sentence is the year after. A past-tense verb
// ("was", "said", not a participle) within four tokens before a date that
// would lie after the anchor also moves it back ("was last seen Nov. 3" in
// May), unless "by", "until" or "to" makes the date a deadline.
func (p *scanner) resolveMD(start int, c *cand) {
	y, am := p.at.Year(), int(p.at.Month())
	tense := p.tense(start, c.end)
	switch diff := c.a.m - am; {
	case diff > 6 && tense != future, diff == 6 && tense == past:
		y--
	case diff <= -6 && tense == future:
		y++
	case tense == past && diff > 0 && p.pastNear(start):
		y--
	}
	p.fillMD(c, y)
}

// fillMD completes c with year y for its start.
func (p *scanner) fillMD(c *cand, y int) {
	c.a.y = y
	c.date = mdDate(c.a)
	if c.b.m != 0 {
		c.b.y = y
		if c.b.m < c.a.m {
			c.b.y++
		}
		c.endDate = mdDate(c.b)
	}
	c.kind, c.rel = cDate, true
}

// resolvePending resolves expressions that count from a year named in the
// text: the year of the latest year-bearing match before them (one resolved
// here counts too), or else of the first one after them, or else the
// anchor's. Two passes keep it linear.
func (p *scanner) resolvePending() {
	if !p.pending {
		return
	}
	last, ok := 0, false
	for i := range p.out {
		c := &p.out[i].c
		if c.kind != cDate && ok {
			p.resolveAt(c, last)
		}
		if y, yes := yearOf(*c); yes {
			last, ok = y, true
		}
	}
	next, ok := 0, false
	if p.has(kg.PrecisionYear) {
		next, ok = p.at.Year(), true
	}
	for i := len(p.out) - 1; i >= 0; i-- {
		c := &p.out[i].c
		if c.kind != cDate && ok {
			p.resolveAt(c, next)
		}
		if y, yes := yearOf(*c); yes && c.kind == cDate && !c.rel {
			next, ok = y, true
		}
	}
}

// resolveAt resolves a pending c against year y.
func (p *scanner) resolveAt(c *cand, y int) {
	switch c.kind {
	case cMD:
		p.fillMD(c, y+c.n)
	case cYearOff:
		c.date = kg.Year(y + c.n)
	case cTurn:
		c.date = kg.Year((y + 50) / 100 * 100)
	case cDecade2:
		c.date = decade2(y, c.n)
	}
	c.kind, c.rel = cDate, true
}

// yearOf returns the year c names, the end year for a range, if c is
// resolved and at least as precise as a year.
func yearOf(c cand) (int, bool) {
	if c.kind != cDate || c.value != "" {
		return 0, false
	}
	d := c.date
	if !c.endDate.IsZero() {
		d = c.endDate
	}
	if d.Precision() < kg.PrecisionYear {
		return 0, false
	}
	return d.First().Year(), true
}

// decade2 returns the decade with tens digit n that ends latest by year y:
// "the '80s" in 2019 is the 1980s, "the '10s" the 2010s.
func decade2(y, n int) kg.Date {
	d := y/100*100 + 10*n
	if d > y {
		d -= 100
	}
	return kg.Decade(d)
}

// century returns the n-th century as TIMEX3 gives it ("19XX" for the
// twentieth) and as the range of its decades, kg.Date having no century.
func century(end, n int) cand {
	c := (n - 1) * 100
	return cand{end: end, date: kg.Decade(c), endDate: kg.Decade(c + 90), value: fmt.Sprintf("%02dXX", n-1)}
}

// mdDate returns the date of a month or month-day with its year.
func mdDate(x md) kg.Date {
	if x.d == 0 {
		return kg.Month(x.y, time.Month(x.m))
	}
	return kg.Day(x.y, time.Month(x.m), x.d)
}

// daysIn returns the days of month m of year y; of February in a leap year
// when y is 0.
func daysIn(y, m int) int {
	if y == 0 {
		y = 2000
	}
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
