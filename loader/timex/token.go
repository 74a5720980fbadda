package timex

import (
	"unicode"
	"unicode/utf8"
)

// tokKind tells words, numbers and punctuation apart.
type tokKind uint8

const (
	tWord tokKind = iota + 1
	tNum
	tPunct
)

// token is one word (a run of letters), number (a run of ASCII digits) or
// punctuation rune of the input. The grammar works on tokens rather than on
// regular expressions: one pass over the text that looks words up in a map
// is several times faster than a large alternation regexp, and the rules
// can look at neighbours (capitals, adjacency, sentence bounds) cheaply.
type token struct {
	s, e  int   // byte offsets, e exclusive
	n     int   // value of a number (-1 when longer than 9 digits); rune of punctuation
	nd    uint8 // digits of a number (at most 255 counted)
	kind  tokKind
	kw    kwInfo // keyword entry of a word; zero when it is not one
	space bool   // whitespace (or the start of text) precedes the token
	nl    bool   // that whitespace holds a line break
	cap   bool   // a word starting with an upper-case letter
	upper bool   // a word in all capitals
	ed    bool   // a lower-case word of 5+ letters ending in "ed": a past-tense cue
}

// tokenize splits s into tokens, appending to toks.
func tokenize(s string, toks []token) []token {
	space, nl := true, false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			space = true
			i++
			continue
		case c == '\n':
			space, nl = true, true
			i++
			continue
		case c >= '0' && c <= '9':
			j := i
			n := 0
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				if j-i < 9 {
					n = n*10 + int(s[j]-'0')
				}
				j++
			}
			if j-i > 9 {
				n = -1
			}
			toks = append(toks, token{s: i, e: j, kind: tNum, n: n, nd: uint8(min(j-i, 255)), space: space, nl: nl})
			i = j
		case c < utf8.RuneSelf && !isASCIILetter(c):
			toks = append(toks, token{s: i, e: i + 1, kind: tPunct, n: int(c), space: space, nl: nl})
			i++
		default:
			r, size := rune(c), 1
			if c >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(s[i:])
				if unicode.IsSpace(r) {
					space = true
					if r == '\u2028' || r == '\u2029' {
						nl = true
					}
					i += size
					continue
				}
				if !unicode.IsLetter(r) {
					toks = append(toks, token{s: i, e: i + size, kind: tPunct, n: int(r), space: space, nl: nl})
					i += size
					break
				}
			}
			j := i + size
			ascii := c < utf8.RuneSelf
			for j < len(s) {
				if b := s[j]; b < utf8.RuneSelf {
					if !isASCIILetter(b) {
						break
					}
					j++
					continue
				}
				r, size := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r) {
					break
				}
				ascii = false
				j += size
			}
			toks = append(toks, wordToken(s, i, j, ascii, space, nl))
			i = j
		}
		space, nl = false, false
	}
	return toks
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// wordToken builds the token of the word s[i:j] and looks it up among the
// keywords without allocating.
func wordToken(s string, i, j int, ascii, space, nl bool) token {
	t := token{s: i, e: j, kind: tWord, space: space, nl: nl}
	w := s[i:j]
	t.cap = w[0] >= 'A' && w[0] <= 'Z'
	if !ascii || len(w) > 16 {
		return t
	}
	var buf [16]byte
	upper := true
	for k := 0; k < len(w); k++ {
		b := w[k]
		if b >= 'A' && b <= 'Z' {
			b += 'a' - 'A'
		} else {
			upper = false
		}
		buf[k] = b
	}
	t.upper = upper && len(w) > 1
	t.kw = keywords[string(buf[:len(w)])]
	if t.kw.kind == kNone && !t.cap && len(w) >= 5 && w[len(w)-2:] == "ed" {
		t.ed = true
	}
	return t
}

// kwKind classifies keywords.
type kwKind uint8

const (
	kNone       kwKind = iota
	kMonth             // n: 1–12
	kMonthAbbr         // n: 1–12; needs a day or year after it
	kWeekday           // n: time.Weekday
	kSeason            // n: 1 spring, 2 summer, 3 fall, 4 winter (kg order)
	kNumWord           // n: value ("two" is 2)
	kOrdWord           // n: value ("third" is 3)
	kDecadeWord        // n: tens digit ("eighties" is 8)
	kUnit              // n: a unit constant; pl for plurals
	kOrdSuffix         // st, nd, rd, th
	kFutCue            // a word that puts its clause in the future
	kFutCueTo          // the same when "to" follows: "plans to"
	kPastCue           // a word that puts its clause in the past
	kPresVerb          // a present-tense verb that, right before a day, means the future
	kYearStop          // a word after a number that makes it a quantity, not a year
	kYearPre           // a word before a number that makes it an identifier or quantity
	kWeekdayNot        // a word next to a weekday that makes it a name ("Sunday Times")
	kWord              // n: one of the w* constants
)

// kwInfo is a keyword entry.
type kwInfo struct {
	kind kwKind
	n    int8
	pl   bool // plural unit
}

// Units.
const (
	uDay int8 = iota + 1
	uWeek
	uMonth
	uYear
	uDecade
	uCentury
	uQuarter
	uWeekend
	uHalf // "half", "part": only as modifiers ("the first half of")
	uHour
	uMinute
	uSecond
)

// Special words.
const (
	wThe int8 = iota + 1
	wOf
	wIn
	wAt
	wFrom
	wTo
	wUntil
	wAnd
	wOr
	wBetween
	wThis
	wLast
	wNext
	wPast
	wComing
	wAgo
	wToday
	wYesterday
	wTomorrow
	wNow
	wCurrently // currently, presently, nowadays
	wRecently  // recently, lately
	wRecent
	wFuture
	wPresent
	wSoon
	wEarly
	wEarlier
	wLate
	wLater
	wMid
	wEnd // end, beginning, start, middle, close, turn is separate
	wTurn
	wSame
	wFollowing // following, next is wNext
	wPrevious  // previous, preceding, prior
	wThat
	wThese
	wRight
	wNear // near, foreseeable, distant, immediate
	wSeveral
	wFew
	wA
	wAs
	wAfter // after, afterward(s), thereafter
	wS
	wQ
	wSince
	wBy
	wDuring
	wBefore
	wPossessive // his, her, their, its, my, our, your
	wPre        // pre, post: "pre-1945"
	wTime       // time (after "the present")
	wBe         // be, being: before a participle
	wEvery      // every, each, per: sets
	wFor        // for, within: before a bare duration ("for years")
	wPartOfDay  // morning, afternoon, evening, night
	wTonight
	wFrequency // daily, weekly, …
	wCouple
	wOther
	wLatest // latest, final, initial: before a counted duration
	wNoon   // noon, midnight
)

var keywords = map[string]kwInfo{}

func init() {
	add := func(k kwKind, n int8, words ...string) {
		for _, w := range words {
			if _, dup := keywords[w]; dup {
				panic("timex: keyword listed twice: " + w)
			}
			keywords[w] = kwInfo{kind: k, n: n}
		}
	}
	months := [...][]string{
		{"january"}, {"february"}, {"march"}, {"april"}, {"may"}, {"june"},
		{"july"}, {"august"}, {"september"}, {"october"}, {"november"}, {"december"},
	}
	for i, ws := range months {
		add(kMonth, int8(i+1), ws...)
	}
	abbrs := [...][]string{
		{"jan"}, {"feb"}, {"mar"}, {"apr"}, nil, {"jun"},
		{"jul"}, {"aug"}, {"sep", "sept"}, {"oct"}, {"nov"}, {"dec"},
	}
	for i, ws := range abbrs {
		add(kMonthAbbr, int8(i+1), ws...)
	}
	for i, w := range [...]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"} {
		add(kWeekday, int8(i), w)
	}
	add(kSeason, 1, "spring")
	add(kSeason, 2, "summer")
	add(kSeason, 3, "fall", "autumn")
	add(kSeason, 4, "winter")
	for i, w := range [...]string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"} {
		add(kNumWord, int8(i+1), w)
	}
	for i, w := range [...]string{"thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"} {
		add(kNumWord, int8(30+10*i), w)
	}
	for i, w := range [...]string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"} {
		add(kOrdWord, int8(i+1), w)
	}
	for i, w := range [...]string{"twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"} {
		add(kDecadeWord, int8(i+2), w)
	}
	units := []struct {
		u        int8
		one, pl  string
		extraOne []string
	}{
		{uDay, "day", "days", nil}, {uWeek, "week", "weeks", nil}, {uMonth, "month", "months", nil},
		{uYear, "year", "years", nil}, {uDecade, "decade", "decades", nil}, {uCentury, "century", "centuries", nil},
		{uQuarter, "quarter", "quarters", nil}, {uWeekend, "weekend", "weekends", nil}, {uHalf, "half", "halves", []string{"part"}},
		{uHour, "hour", "hours", []string{"hrs", "hr"}}, {uMinute, "minute", "minutes", []string{"mins"}}, {uSecond, "second", "seconds", nil},
	}
	for _, u := range units {
		keywords[u.one] = kwInfo{kind: kUnit, n: u.u}
		keywords[u.pl] = kwInfo{kind: kUnit, n: u.u, pl: true}
		for _, w := range u.extraOne {
			keywords[w] = kwInfo{kind: kUnit, n: u.u}
		}
	}
	add(kOrdSuffix, 0, "st", "nd", "rd", "th")
	add(kFutCue, 0, "will", "shall", "ll", "scheduled", "schedule", "due", "expected", "expects", "expect",
		"upcoming", "might", "should")
	add(kFutCueTo, 0, "plans", "plan", "planning", "intends", "intend", "going", "hopes", "hope", "aims", "wants")
	add(kPastCue, 0, "said", "says", "told", "was", "were", "had", "has", "have", "did", "met", "went", "came",
		"left", "began", "held", "gave", "took", "made", "saw", "spent", "paid", "won", "lost", "sent", "flew",
		"spoke", "wrote", "fell", "rose", "broke", "knew", "thought", "brought", "sought", "ran", "led", "felt", "struck")
	add(kPresVerb, 0, "sets", "leaves", "begins", "starts", "opens", "arrives", "meets", "visits", "travels",
		"flies", "heads", "goes", "holds", "hosts", "resumes", "returns", "departs", "convenes", "ends", "closes",
		"begin", "open", "resume", "convene", "arrive", "leave", "visit", "hold", "host", "depart",
		"meet", "travel", "fly", "head", "return", "vote")
	add(kYearStop, 0, "tons", "tonnes", "troops", "soldiers", "people", "persons", "men", "women", "children",
		"dollars", "dlrs", "dlr", "yen", "marks", "francs", "pounds", "euros", "rupees", "yuan", "roubles", "rubles",
		"barrels", "km", "kilometers", "kilometres", "miles", "meters", "metres", "feet", "ft", "hectares", "acres",
		"votes", "delegates", "members", "workers", "cases", "deaths", "units", "shares", "points", "pct", "percent",
		"mln", "million", "billion", "trillion", "gmt", "utc", "est", "edt", "local", "am", "pm",
		"kg", "kilograms", "lbs", "tanks", "missiles", "warheads", "aircraft", "planes", "ships", "vehicles",
		"students", "refugees", "prisoners", "jobs", "copies", "words", "others", "more",
		"employees", "passengers", "residents", "civilians", "casualties", "metric", "cars", "homes", "houses")
	add(kYearPre, 0, "no", "nos", "number", "page", "pages", "pp", "room", "flight", "route", "highway",
		"resolution", "article", "section", "chapter", "paragraph", "code", "model", "version", "about",
		"nearly", "almost", "approximately", "roughly", "than", "only", "over", "under", "least", "most", "just",
		"suite", "box", "unit", "item", "rule", "bill", "amendment", "law", "decree", "act")
	add(kWeekdayNot, 0, "times", "telegraph", "express", "mirror", "herald", "observer", "independent",
		"mail", "tribune", "star", "sport", "club", "school", "good", "black", "bloody", "ash", "super",
		"holy", "easter", "palm", "maundy", "cyber", "shrove", "whit", "low", "girl", "man", "pentecost", "newspaper")
	add(kWord, wThe, "the")
	add(kWord, wOf, "of")
	add(kWord, wIn, "in")
	add(kWord, wAt, "at")
	add(kWord, wFrom, "from")
	add(kWord, wTo, "to", "until", "till", "through", "thru")
	add(kWord, wAnd, "and")
	add(kWord, wOr, "or")
	add(kWord, wBetween, "between")
	add(kWord, wThis, "this")
	add(kWord, wLast, "last")
	add(kWord, wNext, "next")
	add(kWord, wPast, "past")
	add(kWord, wComing, "coming")

	add(kWord, wAgo, "ago")
	add(kWord, wToday, "today")
	add(kWord, wYesterday, "yesterday")
	add(kWord, wTomorrow, "tomorrow")
	add(kWord, wNow, "now")
	add(kWord, wCurrently, "currently", "presently", "nowadays")
	add(kWord, wRecently, "recently", "lately")
	add(kWord, wRecent, "recent")
	add(kWord, wFuture, "future")
	add(kWord, wPresent, "present")
	add(kWord, wSoon, "soon")
	add(kWord, wEarly, "early")
	add(kWord, wEarlier, "earlier")
	add(kWord, wLate, "late")
	add(kWord, wLater, "later")
	add(kWord, wMid, "mid")
	add(kWord, wEnd, "end", "beginning", "start", "middle", "close", "dawn")
	add(kWord, wTurn, "turn")
	add(kWord, wSame, "same")
	add(kWord, wFollowing, "following", "subsequent")
	add(kWord, wPrevious, "previous", "preceding", "prior")
	add(kWord, wThat, "that")
	add(kWord, wThese, "these")
	add(kWord, wRight, "right")
	add(kWord, wNear, "near", "foreseeable", "distant", "immediate")
	add(kWord, wSeveral, "several", "many", "some")
	add(kWord, wFew, "few")
	add(kWord, wA, "a", "an")
	add(kWord, wAs, "as")
	add(kWord, wAfter, "after", "afterward", "afterwards", "thereafter")
	add(kWord, wS, "s")
	add(kWord, wQ, "q")
	add(kWord, wSince, "since")
	add(kWord, wBy, "by")
	add(kWord, wDuring, "during")
	add(kWord, wBefore, "before")
	add(kWord, wPossessive, "his", "her", "their", "its", "my", "our", "your")
	add(kWord, wPre, "pre", "post")
	add(kWord, wTime, "time")
	add(kWord, wBe, "be", "being")
	add(kWord, wEvery, "every", "each", "per")
	add(kWord, wFor, "for", "within")
	add(kWord, wPartOfDay, "morning", "afternoon", "evening", "night")
	add(kWord, wTonight, "tonight")
	add(kWord, wFrequency, "daily", "weekly", "monthly", "annually", "yearly", "quarterly", "nightly", "hourly")
	add(kWord, wCouple, "couple")
	add(kWord, wOther, "other")
	add(kWord, wLatest, "latest", "final", "initial")
	add(kWord, wNoon, "noon", "midnight")
}
