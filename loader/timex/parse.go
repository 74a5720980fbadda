package timex

import (
	"strings"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// This file holds the grammar. Each parser looks at the tokens from index i
// and returns the candidate it recognizes there, with the index just past
// it; matchAt keeps the longest.

// matchAt returns the longest expression that starts at token i.
func (p *scanner) matchAt(i int) (cand, bool) {
	if !p.canStart(i) {
		return cand{}, false
	}
	c, ok := longest(p.fromBetween(i))(p.single(i, false))
	if p.all {
		c, ok = longest(c, ok)(p.other(i))
		if ok && c.typ == "" {
			c = p.timeOfDay(c)
		}
	}
	if ok && c.isMD && c.a.d != 0 && c.b.m == 0 && p.is(c.end, wTo) {
		// "April 29 to May 5": without "from", only days make a range.
		if y, ok := p.single(c.end+1, true); ok && y.isMD && y.a.d != 0 && y.b.m == 0 {
			if r, ok := p.combine(i, c, y); ok {
				r.split, r.aStart, r.aEnd, r.bStart = true, i, c.end, c.end+1
				return r, true
			}
		}
	}
	return c, ok
}

// canStart reports whether an expression may start at token i; most tokens
// are ordinary words and punctuation, and this spares them the parsers.
func (p *scanner) canStart(i int) bool {
	t := &p.t[i]
	switch t.kind {
	case tNum:
		return true
	case tPunct:
		return p.apos(i)
	}
	if p.all && p.approx(i) > i {
		return true // "nearly two months", "at least 30 days"
	}
	switch t.kw.kind {
	case kUnit:
		return p.all && !t.kw.pl || p.all && i > 0 && p.is(i-1, wFor) // "for years"
	case kNone, kFutCue, kFutCueTo, kPastCue, kPresVerb, kYearStop, kYearPre, kWeekdayNot, kOrdSuffix:
		return false
	}
	return true
}

// single is an expression that is not a "from ... to" or "between ... and"
// range. cued says that the caller has seen a word that introduces a date,
// so that a bare month name is safe to take.
func (p *scanner) single(i int, cued bool) (cand, bool) {
	return longest(p.simple(i, cued))(p.modified(i))
}

// simple is an expression without a modifier or a word range.
func (p *scanner) simple(i int, cued bool) (cand, bool) {
	if i >= len(p.t) {
		return cand{}, false
	}
	t := &p.t[i]
	switch t.kind {
	case tNum:
		return longest(p.numLed(i))(longest(p.dayLed(i, cued))(longest(p.ago(i))(longest(p.quarter(i))(p.century(i)))))
	case tPunct:
		return p.decadeApos(i)
	}
	switch t.kw.kind {
	case kMonth, kMonthAbbr:
		return p.monthLed(i, cued)
	case kWeekday:
		return p.weekday(i)
	case kSeason:
		return p.season(i)
	case kOrdWord:
		return longest(p.quarter(i))(p.century(i))
	case kNumWord:
		return longest(p.ago(i))(p.century(i)) // "twenty-first century"
	case kWord:
		switch t.kw.n {
		case wThe:
			return p.theLed(i)
		case wThis, wLast, wNext, wComing, wPast:
			return p.relWord(i)
		case wA, wSeveral:
			return p.ago(i)
		case wQ:
			return p.quarter(i)
		case wThat:
			return p.thatYear(i)
		}
		return p.words(i)
	}
	return cand{}, false
}

// longest returns a function that picks the longer of two candidates, the
// first on a tie. It reads as longest(a())(b()).
func longest(c1 cand, ok1 bool) func(cand, bool) (cand, bool) {
	return func(c2 cand, ok2 bool) (cand, bool) {
		if ok1 && (!ok2 || c1.end >= c2.end) {
			return c1, true
		}
		return c2, ok2
	}
}

// Token tests; all are false past either end.

func (p *scanner) is(i int, w int8) bool {
	return i >= 0 && i < len(p.t) && p.t[i].kw.kind == kWord && p.t[i].kw.n == w && p.t[i].kind == tWord
}

func (p *scanner) kindAt(i int, k kwKind) bool {
	return i < len(p.t) && p.t[i].kind == tWord && p.t[i].kw.kind == k
}

func (p *scanner) punct(i int, r rune) bool {
	return i < len(p.t) && p.t[i].kind == tPunct && p.t[i].n == int(r)
}

// adj reports whether token i follows token i-1 without space.
func (p *scanner) adj(i int) bool { return i < len(p.t) && !p.t[i].space }

func (p *scanner) dash(i int) bool {
	if i >= len(p.t) || p.t[i].kind != tPunct {
		return false
	}
	switch p.t[i].n {
	case '-', '–', '—', '‐', '‑', '−':
		return true
	}
	return false
}

func (p *scanner) apos(i int) bool {
	if i >= len(p.t) || p.t[i].kind != tPunct {
		return false
	}
	switch p.t[i].n {
	case '\'', '’', '‘', '`':
		return true
	}
	return false
}

// unit returns the unit of token i.
func (p *scanner) unit(i int) (u int8, plural, ok bool) {
	if !p.kindAt(i, kUnit) {
		return 0, false, false
	}
	return p.t[i].kw.n, p.t[i].kw.pl, true
}

// num returns the value of a number token of at most maxDigits digits.
func (p *scanner) num(i, maxDigits int) (int, bool) {
	if i >= len(p.t) || p.t[i].kind != tNum || int(p.t[i].nd) > maxDigits {
		return 0, false
	}
	return p.t[i].n, true
}

// dayNum parses a day of the month ("14", "14th") at j.
func (p *scanner) dayNum(j int) (d, next int, ok bool) {
	n, ok := p.num(j, 2)
	if !ok || n < 1 || n > 31 {
		return 0, 0, false
	}
	if j > 0 && !p.t[j].space {
		switch pt := &p.t[j-1]; {
		case pt.kind == tWord: // "FA24"
			return 0, 0, false
		case pt.kind == tPunct && (pt.n == '$' || pt.n == '#' || pt.n == '/' || pt.n == ':' ||
			(pt.n == '.' || pt.n == ',') && j > 1 && p.t[j-2].kind == tNum):
			return 0, 0, false
		}
	}
	k := j + 1
	if p.adj(k) {
		switch nt := &p.t[k]; {
		case nt.kind == tWord && nt.kw.kind == kOrdSuffix:
			k++
		case nt.kind == tWord: // "14km"
			return 0, 0, false
		case nt.kind == tPunct && (nt.n == '%' || nt.n == '/'):
			return 0, 0, false
		case nt.kind == tPunct && (nt.n == '.' || nt.n == ',' || nt.n == ':') && p.adj(k+1) && p.t[k+1].kind == tNum:
			return 0, 0, false // "3.5", "3,000", "14:30"
		}
	}
	return n, k, true
}

// yearAt parses a year, 1000–2099, at j unless its neighbours show it to be
// a quantity or an identifier: "1,956", "1956 tons", "Resolution 1441",
// "$1500", "02 6261 1555".
func (p *scanner) yearAt(j int) (int, bool) {
	n, ok := p.num(j, 4)
	if !ok || p.t[j].nd != 4 || n < 1000 || n > 2099 {
		return 0, false
	}
	if j > 0 {
		pt := &p.t[j-1]
		switch {
		case !p.t[j].space && pt.kind == tPunct:
			switch pt.n {
			case '-', '–', '—', '‐', '‑':
				if !(j >= 2 && (p.is(j-2, wMid) || p.is(j-2, wPre))) { // "mid-1948", "post-1945"
					return 0, false
				}
			case '$', '£', '€', '¥', '#', '.', ',', '/', ':', '+', '@', '&', '*', '=', '<', '>', '№':
				return 0, false
			}
		case !p.t[j].space: // glued to a word: "FY1987", "A1956"
			return 0, false
		case pt.kind == tNum && (pt.space || j < 2 || p.t[j-2].kind != tWord): // a run of numbers, but "Q3 2019"
			return 0, false
		case pt.kind == tWord && pt.kw.kind == kYearPre:
			return 0, false
		}
	}
	if k := j + 1; k < len(p.t) {
		nt := &p.t[k]
		switch {
		case !nt.space && nt.kind == tWord: // "1950s" is a decade, "1956th" nothing
			return 0, false
		case !nt.space && nt.kind == tPunct:
			switch nt.n {
			case '%', ':':
				return 0, false
			case '.', ',':
				if p.adj(k+1) && p.t[k+1].kind == tNum {
					return 0, false
				}
			}
		case nt.kind == tNum:
			return 0, false
		case p.quantityAfter(k):
			return 0, false
		}
	}
	return n, true
}

// quantityAfter reports whether the word at k makes the number before it a
// quantity: "1956 tons", "2000 people".
func (p *scanner) quantityAfter(k int) bool {
	if u, _, ok := p.unit(k); ok && (u == uHour || u == uMinute || u == uSecond) {
		return true // "1930 hours"
	}
	return p.kindAt(k, kYearStop)
}

// optYear parses an optional year after a month or day: ", 2019", " 2019",
// "last year", and with allowOf " of 1948". rel says that the year came from
// the anchor.
func (p *scanner) optYear(k int, allowOf bool) (y, next int, rel, ok bool) {
	j := k
	if p.punct(j, ',') {
		j++
	} else if allowOf && p.is(j, wOf) {
		j++
	}
	if y, ok := p.yearAt(j); ok && !(p.adj(j+1) && (p.dash(j+1) || p.punct(j+1, '/'))) {
		return y, j + 1, false, true
	}
	if j == k || p.is(k, wOf) {
		if y, next, rel, ok := p.yearSpec(j); ok && rel {
			return y, next, true, true // "June last year", "October of this year"
		}
	}
	return 0, k, false, false
}

// monthName parses a month name at j ("January", "Jan.", "Sept").
func (p *scanner) monthName(j int) (m, next int, abbr, ok bool) {
	if j >= len(p.t) || p.t[j].kind != tWord {
		return 0, 0, false, false
	}
	t := &p.t[j]
	switch t.kw.kind {
	case kMonth:
		return int(t.kw.n), j + 1, false, true
	case kMonthAbbr:
		if !t.cap {
			return 0, 0, false, false
		}
		if p.punct(j+1, '.') && p.adj(j+1) {
			return int(t.kw.n), j + 2, true, true
		}
		return int(t.kw.n), j + 1, true, true
	}
	return 0, 0, false, false
}

// mdCand makes the candidate of a month or month-day, checking the day.
func mdCand(end int, a, b md) (cand, bool) {
	if a.d > daysIn(a.y, a.m) || b.m != 0 && b.d > daysIn(b.y, b.m) {
		return cand{}, false
	}
	c := cand{end: end, kind: cMD, isMD: true, a: a, b: b}
	if a.y != 0 {
		c.kind, c.date = cDate, mdDate(a)
		if b.m != 0 {
			if b.y == 0 {
				b.y = a.y
				c.b.y = a.y
			}
			c.endDate = mdDate(b)
		}
	}
	return c, true
}

// monthLed parses an expression that starts with a month: "Jan. 14",
// "January 14th, 2019", "Jan. 14-16", "Dec. 30-Jan. 2", "October 1956",
// "March, 1948", "May of 1948", "January-March 1987", and a bare month when
// cued or after a word such as "in" or "since".
func (p *scanner) monthLed(i int, cued bool) (cand, bool) {
	m, j, abbr, ok := p.monthName(i)
	if !ok {
		return cand{}, false
	}
	if d, k, ok := p.dayNum(j); ok && !p.quantityAfter(k) {
		a, b := md{m: m, d: d}, md{}
		if p.dash(k) {
			if m2, k2, _, ok := p.monthName(k + 1); ok {
				if d2, k3, ok := p.dayNum(k2); ok {
					b, k = md{m: m2, d: d2}, k3
				}
			} else if d2, k2, ok := p.dayNum(k + 1); ok && d2 > d {
				b, k = md{m: m, d: d2}, k2
			}
		}
		y, k2, rel, ok := p.optYear(k, false)
		if ok {
			a.y, k = y, k2
			if b.m != 0 {
				b.y = y
				if b.m < a.m {
					a.y--
				}
			}
		}
		c, ok := mdCand(k, a, b)
		c.rel = rel
		return c, ok
	}
	if y, k, rel, ok := p.optYear(j, true); ok {
		c, ok := mdCand(k, md{y: y, m: m}, md{})
		c.rel = rel
		return c, ok
	}
	if !p.t[i].cap {
		return cand{}, false // "may" and "march" alone are not months
	}
	if p.is(j, wOf) {
		if y, ok := p.thatYear(j + 1); ok { // "December of that year"
			return cand{end: y.end, kind: cMD, isMD: true, a: md{m: m}, n: y.n, narrative: true}, true
		}
		if y, ok := p.theLed(j + 1); ok && y.kind == cYearOff && !y.anchorFirst { // "August of the same year"
			return cand{end: y.end, kind: cMD, isMD: true, a: md{m: m}, n: y.n, narrative: true}, true
		}
	}
	if abbr {
		return cand{}, false // "Jan" alone is not a month
	}
	if p.dash(j) {
		if m2, k, abbr2, ok := p.monthName(j + 1); ok && !abbr2 {
			a, b := md{m: m}, md{m: m2}
			if y, k2, _, ok := p.optYear(k, true); ok {
				a.y, b.y, k = y, y, k2
				if m2 < m {
					a.y--
				}
				return mdCand(k, a, b)
			}
			if cued || p.monthCue(i-1) {
				return mdCand(k, a, b)
			}
		}
	}
	if !cued && !p.monthCue(i-1) {
		return cand{}, false
	}
	if (p.is(j, wAnd) || p.is(j, wOr)) && p.kindAt(j+1, kMonth) {
		// "in March and July of 1991": March shares the year of July.
		if y, _, rel, ok := p.optYear(j+2, true); ok && int(p.t[j+1].kw.n) > m {
			c, ok := mdCand(j, md{y: y, m: m}, md{})
			c.rel = rel
			return c, ok
		}
	}
	return mdCand(j, md{m: m}, md{})
}

// monthCue reports whether token k, just before a bare month name, makes it
// a month rather than a name or a verb ("in May", not "Theresa May"; "until
// March", not "March organizers").
func (p *scanner) monthCue(k int) bool {
	if k < 0 || k >= len(p.t) || p.t[k].kind != tWord || p.t[k].kw.kind != kWord {
		return false
	}
	switch p.t[k].kw.n {
	case wIn, wSince, wBy, wTo, wFrom, wDuring, wBefore, wAfter, wOf, wEarly, wLate, wMid, wBetween:
		return true
	case wAnd, wOr: // "in June and July"
		return k > 0 && (p.kindAt(k-1, kMonth) || k > 0 && p.t[k-1].kind == tNum)
	}
	return false
}

// dayLed parses a date that starts with the day: "14 January 2019",
// "25 January", "14th of January", "25-27 January", "(from) 17 to 19 June".
func (p *scanner) dayLed(i int, cued bool) (cand, bool) {
	d, j, ok := p.dayNum(i)
	if !ok {
		return cand{}, false
	}
	a, b := md{d: d}, md{}
	// "25-27 January", "from 17 to 19 June", "between 21 and 22 April":
	// one range in one month.
	if p.dash(j) || i > 0 && (p.is(j, wTo) && p.is(i-1, wFrom) || p.is(j, wAnd) && p.is(i-1, wBetween)) {
		if e, k, ok := p.dayNum(j + 1); ok && e > d {
			if _, _, _, ok := p.monthName(k); ok {
				b.d, j = e, k
			}
		}
	}
	if p.is(j, wOf) {
		j++
	}
	m, k, _, ok := p.monthName(j)
	if !ok {
		return cand{}, false
	}
	a.m = m
	if b.d != 0 {
		b.m = m
	}
	y, k2, rel, ok := p.optYear(k, false)
	if ok {
		a.y, k = y, k2
		if b.m != 0 {
			b.y = y
		}
	} else if !p.t[j].cap {
		return cand{}, false // "5 may", "3 march"
	}
	c, ok := mdCand(k, a, b)
	c.rel = rel
	return c, ok
}

// numLed parses an expression that starts with a number: "2019-01-14",
// "1/14/2019", "1950s", "1950's", "1956", "1904–05", "1900–1922", "1987/88".
func (p *scanner) numLed(i int) (cand, bool) {
	t := &p.t[i]
	if i > 0 && !t.space && (p.t[i-1].kind == tNum || p.punct(i-1, '/') || p.punct(i-1, '.') && i > 1 && p.t[i-2].kind == tNum) {
		return cand{}, false // inside a longer number
	}
	// ISO 8601.
	if t.nd == 4 && p.dash(i+1) && p.adj(i+1) && p.adj(i+2) && p.dash(i+3) && p.adj(i+3) && p.adj(i+4) {
		m, ok1 := p.num(i+2, 2)
		d, ok2 := p.num(i+4, 2)
		if ok1 && ok2 && p.t[i+2].nd == 2 && p.t[i+4].nd == 2 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(t.n, m) {
			return cand{end: i + 5, date: kg.Day(t.n, time.Month(m), d)}, true
		}
		return cand{}, false
	}
	// US month/day/year, only when the day is over 12 (or equals the month),
	// so that it cannot be read day/month.
	if t.nd <= 2 && p.punct(i+1, '/') && p.adj(i+1) && p.adj(i+2) && p.punct(i+3, '/') && p.adj(i+3) && p.adj(i+4) {
		d, ok1 := p.num(i+2, 2)
		y, ok2 := p.num(i+4, 4)
		m := t.n
		glued := p.adj(i+5) && (p.t[i+5].kind != tPunct || p.punct(i+5, '/') || p.dash(i+5))
		if ok1 && ok2 && p.t[i+4].nd == 4 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) && (d > 12 || d == m) && !glued {
			return cand{end: i + 5, date: kg.Day(y, time.Month(m), d)}, true
		}
		return cand{}, false
	}
	// Decades; "the 1800s" is a century (but "the 2000s" the decade).
	if t.nd == 4 && t.n%10 == 0 && t.n >= 1000 && t.n <= 2090 {
		k := i + 1
		if p.apos(k) && p.adj(k) {
			k++
		}
		if p.is(k, wS) && p.adj(k) {
			if t.n%100 == 0 && t.n < 2000 {
				return century(k+1, t.n/100+1), true
			}
			return cand{end: k + 1, date: kg.Decade(t.n)}, true
		}
	}
	y, ok := p.yearAt(i)
	if !ok {
		return cand{}, false
	}
	if slash := p.punct(i+1, '/'); slash || p.dash(i+1) {
		spaced := !p.adj(i+1) || !p.adj(i+2)
		if e, ok := p.yearEnd(y, i+2, slash, spaced); ok {
			c := cand{end: i + 3, date: kg.Year(y), endDate: kg.Year(e)}
			if p.t[i+2].nd == 4 && !slash {
				// "1947–1948" is two years, as TimeML has it; "1904–05"
				// one expression.
				c.split, c.aStart, c.aEnd, c.bStart = true, i, i+1, i+2
			}
			return c, true
		}
		if slash || !spaced {
			return cand{}, false // "1987/3", "1956-57-58"
		}
	}
	return cand{end: i + 1, date: kg.Year(y)}, true
}

// yearEnd parses the end of a year range after y: "05" or "1905" in
// "1904–05" and "1904–1905", "88" in "1987/88".
func (p *scanner) yearEnd(y, j int, slash, spaced bool) (int, bool) {
	n, ok := p.num(j, 4)
	if !ok {
		return 0, false
	}
	e := n
	switch p.t[j].nd {
	case 4:
	case 2:
		if spaced {
			return 0, false
		}
		e = y/100*100 + n
		if e <= y {
			e += 100
		}
	case 1: // "1992-3"
		if spaced || slash {
			return 0, false
		}
		e = y/10*10 + n
		if e <= y {
			e += 10
		}
	default:
		return 0, false
	}
	if e <= y || e-y > 100 || slash && e != y+1 || p.t[j].nd == 2 && e-y > 20 {
		return 0, false
	}
	if k := j + 1; k < len(p.t) && (p.adj(k) && (p.t[k].kind == tWord || p.dash(k) || p.punct(k, '/') || p.punct(k, '%')) || p.quantityAfter(k) || p.t[k].kind == tNum) {
		return 0, false
	}
	return e, true
}

// decadeApos parses "'80s" and "’80s".
func (p *scanner) decadeApos(i int) (cand, bool) {
	if !p.apos(i) || !p.adj(i+1) {
		return cand{}, false
	}
	if n, ok := p.num(i+1, 2); ok && p.t[i+1].nd == 2 && n%10 == 0 && p.is(i+2, wS) && p.adj(i+2) {
		return cand{end: i + 3, kind: cDecade2, n: n / 10}, true
	}
	return cand{}, false
}

// ord parses an ordinal: "third", "3rd", "twenty-first".
func (p *scanner) ord(i int) (n, next int, ok bool) {
	if i >= len(p.t) {
		return 0, 0, false
	}
	t := &p.t[i]
	switch {
	case t.kind == tWord && t.kw.kind == kOrdWord:
		return int(t.kw.n), i + 1, true
	case t.kind == tWord && t.kw.kind == kNumWord && t.kw.n >= 20 && t.kw.n%10 == 0 && p.dash(i+1) && p.kindAt(i+2, kOrdWord) && p.t[i+2].kw.n < 10:
		return int(t.kw.n) + int(p.t[i+2].kw.n), i + 3, true
	case t.kind == tNum && t.nd <= 2 && p.kindAt(i+1, kOrdSuffix) && p.adj(i+1):
		return t.n, i + 2, true
	}
	return 0, 0, false
}

// century parses "twentieth century", "21st century", "twenty-first century".
func (p *scanner) century(i int) (cand, bool) {
	n, j, ok := p.ord(i)
	if !ok || n < 1 || n > 21 {
		return cand{}, false
	}
	if u, pl, ok := p.unit(j); ok && u == uCentury && !pl {
		return century(j+1, n), true
	}
	return cand{}, false
}

// yearSpec parses the year of a quarter or season: "1956", "this year",
// "last year".
func (p *scanner) yearSpec(j int) (y, next int, rel, ok bool) {
	if y, ok := p.yearAt(j); ok {
		return y, j + 1, false, true
	}
	if (p.is(j, wThis) || p.is(j, wLast) || p.is(j, wNext)) && p.has(kg.PrecisionYear) {
		if u, pl, ok := p.unit(j + 1); ok && u == uYear && !pl {
			y := p.at.Year()
			switch p.t[j].kw.n {
			case wLast:
				y--
			case wNext:
				y++
			}
			return y, j + 2, true, true
		}
	}
	return 0, 0, false, false
}

// quarter parses "third quarter", "third quarter of 1987", "first-quarter",
// "Q3 2019", "Q3". Without a year the quarter is the latest one with that
// number begun by the anchor, whatever the tense: "expects to report
// third-quarter earnings" in October is about the quarter just ended.
func (p *scanner) quarter(i int) (cand, bool) {
	var q, j int
	if p.is(i, wQ) && p.adj(i+1) {
		n, ok := p.num(i+1, 1)
		if !ok || n < 1 || n > 4 {
			return cand{}, false
		}
		q, j = n, i+2
		if p.adj(j) && p.t[j].kind != tPunct {
			return cand{}, false // "Q3x"
		}
	} else {
		n, k, ok := p.ord(i)
		if !ok || n < 1 || n > 4 {
			return cand{}, false
		}
		if p.dash(k) && p.adj(k) && p.adj(k+1) {
			k++
		}
		if u, pl, ok := p.unit(k); !ok || u != uQuarter || pl {
			return cand{}, false
		}
		q, j = n, k+1
	}
	k := j
	if p.is(k, wOf) || p.punct(k, ',') {
		k++
	}
	if y, next, rel, ok := p.yearSpec(k); ok {
		return cand{end: next, date: kg.Quarter(y, q), rel: rel}, true
	}
	if !p.has(kg.PrecisionMonth) {
		return cand{}, false
	}
	y, cur := p.at.Year(), (int(p.at.Month())-1)/3+1
	if q > cur {
		y--
	}
	return cand{end: j, date: kg.Quarter(y, q), rel: true}, true
}

// season parses "spring 1956", "summer of 1956", "fall, 1956", "winter of
// last year". A season needs its year; "last summer" is relWord's.
func (p *scanner) season(i int) (cand, bool) {
	if !p.kindAt(i, kSeason) {
		return cand{}, false
	}
	k := i + 1
	if p.is(k, wOf) || p.punct(k, ',') {
		k++
	}
	if y, next, rel, ok := p.yearSpec(k); ok {
		return cand{end: next, date: kg.Season(y, int(p.t[i].kw.n)), rel: rel}, true
	}
	return cand{}, false
}

// theLed parses expressions that start with "the" and need it: "the past",
// "the future", "the present", "the same year", "the next year", "the turn
// of the century", "the eighties", "the '80s", "the 80s", "the coming
// weeks", "the year 2000", and "the" before a decade, century, quarter or
// season ("the 1950s", "the twentieth century", "the third quarter", "the
// summer of 1956").
func (p *scanner) theLed(i int) (cand, bool) {
	j := i + 1
	if j >= len(p.t) {
		return cand{}, false
	}
	t := &p.t[j]
	switch t.kind {
	case tNum:
		if n, ok := p.num(j, 2); ok && t.nd == 2 && n%10 == 0 && p.is(j+1, wS) && p.adj(j+1) {
			return cand{end: j + 2, kind: cDecade2, n: n / 10}, true // "the 80s"
		}
		if c, ok := p.numLed(j); ok && c.date.Precision() == kg.PrecisionDecade {
			return c, true // "the 1950s", "the 1800s"
		}
		return longest(p.quarter(j))(p.century(j)) // "the 3rd quarter", "the 20th century"
	case tPunct:
		return p.decadeApos(j)
	}
	switch t.kw.kind {
	case kDecadeWord:
		return cand{end: j + 1, kind: cDecade2, n: int(t.kw.n)}, true
	case kOrdWord, kNumWord:
		return longest(p.century(j))(p.quarter(j))
	case kSeason:
		if c, ok := p.season(j); ok {
			return c, true
		}
		// "in the summer", "during the winter" (but not "the fall"): the
		// season of that name in the anchor's year.
		if !strings.EqualFold(p.text[t.s:t.e], "fall") && i > 0 && p.seasonCue(i-1) && p.has(kg.PrecisionMonth) && !p.is(j+1, wOf) {
			return cand{end: j + 1, date: seasonDate(p.at, int(t.kw.n), wThis), rel: true}, true
		}
		return cand{}, false
	case kUnit:
		if u, pl, _ := p.unit(j); u == uYear && !pl { // "the year 2000"
			if y, ok := p.yearAt(j + 1); ok {
				return cand{end: j + 2, date: kg.Year(y)}, true
			}
		}
		return cand{}, false
	case kWord:
	default:
		return cand{}, false
	}
	switch t.kw.n {
	case wPast:
		if p.durationAfter(j + 1) {
			return cand{}, false // "the past two months"
		}
		return ref(j+1, PastRef), true
	case wFuture:
		if p.is(j+1, wOf) {
			return cand{}, false // "the future of NATO"
		}
		return ref(j+1, FutureRef), true
	case wRecent, wNear:
		switch {
		case p.is(j+1, wPast) && !p.durationAfter(j+2):
			return ref(j+2, PastRef), true
		case p.is(j+1, wFuture) && !p.is(j+2, wOf):
			return ref(j+2, FutureRef), true
		}
	case wPresent:
		switch {
		case p.is(j+1, wTime):
			return ref(j+2, PresentRef), true
		case p.kindAt(j+1, kUnit) && p.t[j+1].kw.n == uDay && !p.t[j+1].kw.pl:
			return ref(j+2, PresentRef), true
		case j+1 >= len(p.t) || p.t[j+1].kind == tPunct || p.is(j+1, wAnd) || p.is(j+1, wOr):
			return ref(j+1, PresentRef), true
		}
	case wSame, wNext, wFollowing, wPrevious:
		if u, pl, ok := p.unit(j + 1); ok && u == uYear && !pl {
			return cand{end: j + 2, kind: cYearOff, n: step(t.kw.n)}, true
		}
	case wTurn:
		if p.is(j+1, wOf) && p.is(j+2, wThe) {
			if u, pl, ok := p.unit(j + 3); ok && u == uCentury && !pl {
				return cand{end: j + 4, kind: cTurn}, true
			}
			if c, ok := p.century(j + 3); ok { // "the turn of the twentieth century"
				return cand{end: c.end, date: kg.Year(c.date.YearNum())}, true
			}
		}
	case wComing:
		if u, pl, ok := p.unit(j + 1); ok && pl && u != uHalf && u != uWeekend {
			return ref(j+2, FutureRef), true // "the coming weeks"
		}
		if c, ok := p.relWord(j); ok {
			return c, true // "the coming week"
		}
	}
	return cand{}, false
}

// seasonCue reports whether token k, before "the summer", makes it a time.
func (p *scanner) seasonCue(k int) bool {
	if p.t[k].kind != tWord || p.t[k].kw.kind != kWord {
		return false
	}
	switch p.t[k].kw.n {
	case wIn, wDuring, wSince, wBy, wTo, wBefore, wAfter:
		return true
	}
	return false
}

// durationAfter reports whether "the past" at k-1 opens a duration: "the
// past two months", "the past few years", "the past week".
func (p *scanner) durationAfter(k int) bool {
	if k >= len(p.t) {
		return false
	}
	t := &p.t[k]
	return t.kind == tNum || t.kind == tWord && (t.kw.kind == kNumWord || t.kw.kind == kUnit || t.kw.kind == kOrdWord ||
		t.kw.kind == kWord && (t.kw.n == wFew || t.kw.n == wSeveral || t.kw.n == wA))
}

// thatYear parses "that year" and "that same year".
func (p *scanner) thatYear(i int) (cand, bool) {
	j := i + 1
	if p.is(j, wSame) {
		j++
	}
	if u, pl, ok := p.unit(j); ok && u == uYear && !pl {
		return cand{end: j + 1, kind: cYearOff}, true
	}
	return cand{}, false
}

// relWord parses "this", "last", "next", "coming" or "past" before a unit,
// weekday, month or season: "next week", "last year", "this quarter", "last
// Tuesday", "next Friday", "last July", "this autumn".
func (p *scanner) relWord(i int) (cand, bool) {
	j := i + 1
	if j >= len(p.t) || p.t[j].kind != tWord {
		return cand{}, false
	}
	rel := p.t[i].kw.n
	if rel == wThis && p.is(j, wPast) { // "this past spring"
		rel, j = wLast, j+1
		if j >= len(p.t) || p.t[j].kind != tWord {
			return cand{}, false
		}
	}
	t := &p.t[j]
	at := p.at
	switch t.kw.kind {
	case kUnit:
		if t.kw.pl && rel == wComing && t.kw.n != uHalf && t.kw.n != uWeekend {
			return ref(j+1, FutureRef), true // "in coming weeks"
		}
		if t.kw.pl || rel == wPast || i > 0 && p.is(i-1, wThe) && rel != wThis && rel != wComing {
			return cand{}, false // "past year", "the last year": durations; "the next year" is theLed's
		}
		step := step(rel)
		var d kg.Date
		switch t.kw.n {
		case uWeek:
			if !p.has(kg.PrecisionDay) {
				return cand{}, false
			}
			d = kg.WeekOf(at.AddDate(0, 0, 7*step))
		case uMonth:
			if !p.has(kg.PrecisionMonth) {
				return cand{}, false
			}
			d = kg.Month(at.Year(), at.Month()+time.Month(step))
			d = kg.Month(d.First().Year(), d.First().Month())
		case uQuarter:
			if !p.has(kg.PrecisionMonth) {
				return cand{}, false
			}
			q := at.Year()*4 + (int(at.Month())-1)/3 + step
			d = kg.Quarter(floorDiv(q, 4), mod(q, 4)+1)
		case uYear:
			if !p.has(kg.PrecisionYear) {
				return cand{}, false
			}
			d = kg.Year(at.Year() + step)
		case uDecade:
			if !p.has(kg.PrecisionYear) {
				return cand{}, false
			}
			d = kg.Decade(at.Year() + 10*step)
		case uCentury:
			if !p.has(kg.PrecisionYear) {
				return cand{}, false
			}
			return withRel(century(j+1, (at.Year()+100*step)/100+1)), true
		default:
			return cand{}, false
		}
		return cand{end: j + 1, date: d, rel: true}, true
	case kWeekday:
		if !t.cap || !p.has(kg.PrecisionDay) {
			return cand{}, false
		}
		mode := thisWeek
		switch rel {
		case wLast, wPast:
			mode = before
		case wNext, wComing:
			mode = after
		}
		return cand{end: j + 1, date: weekdayDate(at, time.Weekday(t.kw.n), mode), rel: true}, true
	case kMonth:
		if !t.cap || !p.has(kg.PrecisionMonth) || rel == wPast || rel == wComing {
			return cand{}, false
		}
		// "last July" is the latest July before the anchor's month, but
		// the month just before it would be "last month": "last February"
		// in March is February of the year before. Likewise for "next".
		y, m, am := at.Year(), int(t.kw.n), int(at.Month())
		switch {
		case rel == wLast && m >= am-1:
			y--
		case rel == wNext && m <= am+1:
			y++
		}
		return cand{end: j + 1, date: kg.Month(y, time.Month(m)), rel: true}, true
	case kSeason:
		if !p.has(kg.PrecisionMonth) || rel == wPast {
			return cand{}, false
		}
		return cand{end: j + 1, date: seasonDate(at, int(t.kw.n), rel), rel: true}, true
	}
	return cand{}, false
}

// step returns how many units a relative word moves from the anchor or the
// year named in the text: "last" -1, "next" +1, "this" and "same" 0.
func step(w int8) int {
	switch w {
	case wLast, wPrevious, wYesterday:
		return -1
	case wNext, wComing, wFollowing, wTomorrow:
		return 1
	}
	return 0
}

func withRel(c cand) cand { c.rel = true; return c }

// Weekday modes.
const (
	onOrBefore = iota
	onOrAfter
	before
	after
	thisWeek
)

// weekdayDate returns the day with weekday wd relative to the anchor day at.
func weekdayDate(at time.Time, wd time.Weekday, mode int) kg.Date {
	back := (int(at.Weekday()) - int(wd) + 7) % 7
	fwd := (int(wd) - int(at.Weekday()) + 7) % 7
	var delta int
	switch mode {
	case onOrBefore:
		delta = -back
	case before:
		delta = -back
		if back == 0 {
			delta = -7
		}
	case onOrAfter:
		delta = fwd

	case after:
		delta = fwd
		if fwd == 0 {
			delta = 7
		}
	case thisWeek: // ISO weeks start on Monday
		delta = (int(wd)+6)%7 - (int(at.Weekday())+6)%7
	}
	return kg.DayOf(at.AddDate(0, 0, delta))
}

// seasonDate resolves "this", "last", "next" or "coming" + season s against
// the anchor day. Seasons are numbered year*4+s-1 so that winter Y (December
// Y to February Y+1) comes right after fall Y.
func seasonDate(at time.Time, s int, rel int8) kg.Date {
	y, m := at.Year(), int(at.Month())
	var cur int // the season the anchor is in
	switch {
	case m <= 2:
		cur = (y-1)*4 + 3
	case m == 12:
		cur = y*4 + 3
	default:
		cur = y*4 + (m-3)/3
	}
	want := s - 1
	var n int
	switch rel {
	case wLast:
		n = cur - 1 - mod(cur-1-want, 4)
	case wNext, wComing:
		n = cur + 1 + mod(want-cur-1, 4)
	default: // this: the season of that name in the anchor's year, or the current winter
		n = y*4 + want
		if want == 3 && m <= 2 {
			n = cur
		}
	}
	return kg.Season(floorDiv(n, 4), mod(n, 4)+1)
}

// mod and floorDiv round towards minus infinity, so that dates before year
// 1 (which an anchor may be) count like the others.
func mod(a, b int) int      { return ((a % b) + b) % b }
func floorDiv(a, b int) int { return (a - mod(a, b)) / b }

// weekday parses a weekday: with a date after it ("Tuesday, 12 March
// 2002") it is that date; alone it is resolved against the anchor day by
// the tense of the sentence.
func (p *scanner) weekday(i int) (cand, bool) {
	t := &p.t[i]
	if t.kw.kind != kWeekday || !t.cap {
		return cand{}, false
	}
	if next := i + 1; next < len(p.t) && p.t[next].cap && !p.t[next].upper && (p.t[next].kw.kind == kWeekdayNot || p.is(next, wPre)) {
		return cand{}, false // "Sunday Times", "Sunday Post"
	}
	if i > 0 && p.t[i-1].cap && p.t[i-1].kw.kind == kWeekdayNot {
		return cand{}, false // "Good Friday", "Black Monday"
	}
	j := i + 1
	if p.punct(j, ',') {
		j++
	}
	if c, ok := longest(p.monthLed(j, true))(p.dayLed(j, true)); ok && c.isMD && c.a.d != 0 && c.b.m == 0 {
		return c, true
	}
	if !p.has(kg.PrecisionDay) {
		return cand{}, false
	}
	mode := onOrBefore
	if p.tense(i, i+1) == future {
		mode = onOrAfter
	}
	return cand{end: i + 1, date: weekdayDate(p.at, time.Weekday(t.kw.n), mode), rel: true}, true
}

// ago parses "two days ago", "3 weeks ago", "a year ago", "a decade ago";
// "several years ago" and "a few months ago" are PAST_REF; "two years
// later" counts from the year the text has reached.
func (p *scanner) ago(i int) (cand, bool) {
	n, j := 0, i
	vague := false
	switch t := &p.t[i]; {
	case t.kind == tNum && t.nd <= 3 && t.space:
		n, j = t.n, i+1
	case t.kind == tWord && t.kw.kind == kNumWord:
		n, j = int(t.kw.n), i+1
	case p.is(i, wA) && p.is(i+1, wFew):
		vague, j = true, i+2
	case p.is(i, wA):
		n, j = 1, i+1
	case p.is(i, wSeveral) || p.is(i, wFew):
		vague, j = true, i+1
	default:
		return cand{}, false
	}
	u, _, ok := p.unit(j)
	if ok && u == uYear && !vague && p.is(j+1, wLater) {
		// "Two years later": counted from the year the text has reached,
		// not from the anchor, like "the next year". ("A year earlier"
		// is left alone: in business news it is the same quarter of the
		// year before, which a year cannot say.)
		return cand{end: j + 2, kind: cYearOff, n: n}, true
	}
	if !ok || !p.is(j+1, wAgo) {
		return cand{}, false
	}
	if vague {
		return ref(j+2, PastRef), true
	}
	at := p.at
	var d kg.Date
	switch u {
	case uDay:
		if !p.has(kg.PrecisionDay) {
			return cand{}, false
		}
		d = kg.DayOf(at.AddDate(0, 0, -n))
	case uWeek:
		if !p.has(kg.PrecisionDay) {
			return cand{}, false
		}
		d = kg.WeekOf(at.AddDate(0, 0, -7*n))
	case uMonth:
		if !p.has(kg.PrecisionMonth) {
			return cand{}, false
		}
		f := time.Date(at.Year(), at.Month()-time.Month(n), 1, 0, 0, 0, 0, time.UTC)
		d = kg.Month(f.Year(), f.Month())
	case uYear:
		if !p.has(kg.PrecisionYear) {
			return cand{}, false
		}
		d = kg.Year(at.Year() - n)
	case uDecade:
		if !p.has(kg.PrecisionYear) {
			return cand{}, false
		}
		d = kg.Decade(at.Year() - 10*n)
	default:
		return cand{}, false
	}
	return cand{end: j + 2, date: d, rel: true}, true
}

// words parses single-word expressions and their short phrases: "today",
// "yesterday", "tomorrow", "now", "right now", "currently", "recently",
// "recent months", "soon", "these days", "at present".
func (p *scanner) words(i int) (cand, bool) {
	t := &p.t[i]
	switch t.kw.n {
	case wToday, wYesterday, wTomorrow:
		if !p.has(kg.PrecisionDay) {
			return cand{}, false
		}
		return cand{end: i + 1, date: kg.DayOf(p.at.AddDate(0, 0, step(t.kw.n))), rel: true}, true
	case wNow:
		if p.dash(i+1) && p.adj(i+1) {
			return cand{}, false // "now-defunct"
		}
		return ref(i+1, PresentRef), true
	case wRight:
		if p.is(i+1, wNow) {
			return ref(i+2, PresentRef), true
		}
	case wCurrently:
		return ref(i+1, PresentRef), true
	case wRecently:
		return ref(i+1, PastRef), true
	case wRecent:
		if u, pl, ok := p.unit(i + 1); ok && pl && u != uHalf && u != uWeekend && u != uQuarter && !p.all {
			return ref(i+2, PastRef), true // "recent months"
		}
		if p.kindAt(i+1, kWeekdayNot) && strings.EqualFold(p.text[p.t[i+1].s:p.t[i+1].e], "times") {
			return ref(i+2, PastRef), true // "recent times"
		}
	case wSoon:
		if i > 0 && p.is(i-1, wAs) || p.is(i+1, wAfter) || p.is(i+1, wBefore) || p.is(i+1, wAs) {
			return cand{}, false // "as soon as", "soon after the war"
		}
		if p.tense(i, i+1) == past {
			return cand{}, false // "he was soon released": relative to the story
		}
		return ref(i+1, FutureRef), true
	case wThese:
		if u, pl, ok := p.unit(i + 1); ok && pl && u == uDay {
			return ref(i+2, PresentRef), true
		}
	case wPresent:
		if i > 0 && p.is(i-1, wAt) && !p.kindAt(i+1, kNone) {
			return ref(i+1, PresentRef), true // "at present", not "at present levels"
		}
	}
	return cand{}, false
}

// modified parses an expression with a modifier in front, which stays in
// the span but does not change the value: "late 1907", "mid-1948", "early
// next year", "Later in 1949", "earlier this month", "the early 1920s",
// "the end of 1987", "the first half of 1987", "the first two decades of
// the twentieth century".
func (p *scanner) modified(i int) (cand, bool) {
	j := i
	the := p.is(j, wThe)
	if the {
		j++
	}
	coarse := false // the core must be a year or coarser
	switch {
	case p.is(j, wEarly) || p.is(j, wLate) || p.is(j, wMid):
		j++
		if p.dash(j) && p.adj(j) {
			j++
		}
		switch {
		case !the && p.is(j, wIn):
			j++ // "early in 1956"
		case p.halfOf(j) > 0:
			j = p.halfOf(j) // "the early part of 1956"
		default:
			coarse = the
		}
	case !the && (p.is(j, wEarlier) || p.is(j, wLater)):
		j++
		switch {
		case p.is(j, wIn):
			j++
		case p.is(j, wThis) || p.is(j, wLast) || p.is(j, wNext) || p.is(j, wThat):
		default:
			return cand{}, false
		}
	case the && p.is(j, wEnd) && p.is(j+1, wOf):
		j += 2
	case the && (p.kindAt(j, kOrdWord) || p.is(j, wLast)):
		j++
		if p.kindAt(j, kNumWord) || j < len(p.t) && p.t[j].kind == tNum && p.t[j].nd <= 2 {
			j++ // "the first two decades of"
		}
		if k := p.halfOf(j); k > 0 {
			j = k
		} else {
			return cand{}, false
		}
	case !the && p.kindAt(j, kOrdWord) && p.t[j].kw.n <= 2 && p.halfOf(j+1) > 0:
		j = p.halfOf(j + 1) // "first half of 1987"
	default:
		return cand{}, false
	}
	if j >= len(p.t) {
		return cand{}, false
	}
	switch t := &p.t[j]; {
	case t.kw.kind == kWeekday, p.is(j, wToday), p.is(j, wYesterday), p.is(j, wTomorrow):
		return cand{}, false // "late Tuesday", "early today": times of day
	case p.is(j, wThe):
		// "the end of the year", "later in the month": in news the current
		// year or month.
		if u, pl, ok := p.unit(j + 1); ok && !pl && !p.kindAt(j+2, kNone) && j+2 < len(p.t) && p.t[j+2].kind != tNum {
			switch {
			case u == uYear:
				return cand{end: j + 2, kind: cYearOff, anchorFirst: true}, true
			case u == uMonth && p.has(kg.PrecisionMonth):
				return cand{end: j + 2, date: kg.Month(p.at.Year(), p.at.Month()), rel: true}, true
			}
		}
	}
	c, ok := p.simple(j, true)
	if !ok || !c.dated() {
		return cand{}, false
	}
	if coarse && c.kind == cDate && c.date.Precision() > kg.PrecisionYear {
		return cand{}, false
	}
	return c, true
}

// halfOf parses "half of", "part of", "days of", "decades of" at j and
// returns the index after "of", or 0.
func (p *scanner) halfOf(j int) int {
	if u, _, ok := p.unit(j); ok && u != uWeekend && u != uQuarter && p.is(j+1, wOf) {
		return j + 2
	}
	return 0
}

// fromBetween parses "from X to Y", "from X until Y", "from X through Y",
// "between X and Y".
func (p *scanner) fromBetween(i int) (cand, bool) {
	from, between := p.is(i, wFrom), p.is(i, wBetween)
	if !from && !between {
		return cand{}, false
	}
	x, ok := p.single(i+1, true)
	if !ok || !x.dated() {
		return cand{}, false
	}
	k := x.end
	switch {
	case p.dash(k):
	case from && p.is(k, wTo), between && p.is(k, wAnd):
	default:
		return cand{}, false
	}
	y, ok := p.single(k+1, true)
	if !ok || !y.dated() {
		return cand{}, false
	}
	c, ok := p.combine(i, x, y)
	// TimeML annotates the ends of a range apart, without "from" or
	// "between": "from <1956> to <1960>".
	c.split, c.aStart, c.aEnd, c.bStart = true, i+1, x.end, k+1
	return c, ok
}

// combine makes the range from x to y, the range starting at token
// start, sharing a year given on one side only ("from 25 January to 9
// February 1995"). A start that would take the other side's year and
// then lie before the anchor in a sentence about the future is not one
// range: "I will visit … from 25 January to 9 February 1996" in January
// 1997 slips the year of its end, and its start is read against the
// anchor on its own.
func (p *scanner) combine(start int, x, y cand) (cand, bool) {
	if x.isMD && y.isMD && x.b.m == 0 && y.b.m == 0 {
		a, b := x.a, y.a
		if a.y == 0 && b.y != 0 {
			a.y = b.y
			if a.m > b.m {
				a.y--
			}
			if p.has(kg.PrecisionMonth) && mdDate(a).Last().Before(p.at) && p.tense(start, y.end) == future {
				return cand{}, false
			}
		}
		if b.y == 0 && a.y != 0 {
			b.y = a.y
			if b.m < a.m {
				b.y++
			}
		}
		if a.y != 0 && mdDate(b).First().Before(mdDate(a).First()) {
			return cand{}, false
		}
		c, ok := mdCand(y.end, a, b)
		c.rel = x.rel || y.rel
		return c, ok
	}
	if x.kind != cDate || y.kind != cDate || x.value != "" || y.value != "" {
		return cand{}, false
	}
	end := y.endDate
	if end.IsZero() {
		end = y.date
	}
	if end.Last().Before(x.date.First()) {
		return cand{}, false
	}
	return cand{end: y.end, date: x.date, endDate: end, rel: x.rel || y.rel}, true
}
