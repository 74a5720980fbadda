package kg

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Precision says how much of a Date is known. Larger values are finer.
type Precision uint8

// Precisions from coarsest to finest. A season and a quarter cover about
// three months; a week is finer than a month because it is shorter.
const (
	PrecisionNone Precision = iota
	PrecisionDecade
	PrecisionYear
	PrecisionSeason
	PrecisionQuarter
	PrecisionMonth
	PrecisionWeek
	PrecisionDay
)

var precisionNames = [...]string{"NONE", "DECADE", "YEAR", "SEASON", "QUARTER", "MONTH", "WEEK", "DAY"}

func (p Precision) String() string {
	if int(p) < len(precisionNames) {
		return precisionNames[p]
	}
	return "Precision(" + strconv.Itoa(int(p)) + ")"
}

// Date is a calendar date or period known to some precision: "195X" (a
// decade), "1956", "1956-SU" (a season), "1956-Q3", "1956-10",
// "2019-W04" (an ISO week) or "1956-10-19". The values are TIMEX3's. The zero
// Date means "no date known". Date is comparable with ==.
type Date struct {
	prec Precision
	year int
	// n is the month (1–12), ISO week (1–53), quarter (1–4) or season
	// (1 spring … 4 winter), depending on prec.
	n   int
	day int
}

// Seasons in TIMEX3 order. Winter of year Y runs from December Y into
// February Y+1, which is what "the winter of 1956" usually means in prose.
var seasonCodes = [...]string{"", "SP", "SU", "FA", "WI"}

// Decade returns the decade that contains year, e.g. Decade(1956) is "195X".
func Decade(year int) Date { return Date{prec: PrecisionDecade, year: year - mod(year, 10)} }

// Year returns a year-precision Date.
func Year(year int) Date { return Date{prec: PrecisionYear, year: year} }

// Season returns season s (1 spring, 2 summer, 3 fall, 4 winter) of year.
func Season(year, s int) Date { return Date{prec: PrecisionSeason, year: year, n: s} }

// Quarter returns quarter q (1–4) of year.
func Quarter(year, q int) Date { return Date{prec: PrecisionQuarter, year: year, n: q} }

// Month returns a month-precision Date.
func Month(year int, m time.Month) Date { return Date{prec: PrecisionMonth, year: year, n: int(m)} }

// Week returns ISO week w of ISO year year.
func Week(year, w int) Date { return Date{prec: PrecisionWeek, year: year, n: w} }

// Day returns a day-precision Date. Out-of-range values are normalized the
// way time.Date normalizes them (January 32 is February 1).
func Day(year int, m time.Month, d int) Date {
	t := time.Date(year, m, d, 0, 0, 0, 0, time.UTC)
	return Date{prec: PrecisionDay, year: t.Year(), n: int(t.Month()), day: t.Day()}
}

// DayOf returns the day of t in UTC.
func DayOf(t time.Time) Date {
	t = t.UTC()
	return Day(t.Year(), t.Month(), t.Day())
}

// WeekOf returns the ISO week that contains t.
func WeekOf(t time.Time) Date {
	y, w := t.ISOWeek()
	return Week(y, w)
}

// Precision returns how precise d is; PrecisionNone for the zero Date.
func (d Date) Precision() Precision { return d.prec }

// IsZero reports whether d is the zero Date (no date known).
func (d Date) IsZero() bool { return d.prec == PrecisionNone }

// YearNum returns the year of d (the first year of a decade).
func (d Date) YearNum() int { return d.year }

// First returns the first day d covers, at midnight UTC. It is the zero time
// for the zero Date.
func (d Date) First() time.Time {
	switch d.prec {
	case PrecisionDecade, PrecisionYear:
		return time.Date(d.year, 1, 1, 0, 0, 0, 0, time.UTC)
	case PrecisionSeason:
		// Spring starts in March, summer June, fall September, winter December.
		return time.Date(d.year, time.Month(3*d.n), 1, 0, 0, 0, 0, time.UTC)
	case PrecisionQuarter:
		return time.Date(d.year, time.Month(3*d.n-2), 1, 0, 0, 0, 0, time.UTC)
	case PrecisionMonth:
		return time.Date(d.year, time.Month(d.n), 1, 0, 0, 0, 0, time.UTC)
	case PrecisionWeek:
		// ISO week 1 is the week that holds January 4.
		jan4 := time.Date(d.year, 1, 4, 0, 0, 0, 0, time.UTC)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
		return monday.AddDate(0, 0, 7*(d.n-1))
	case PrecisionDay:
		return time.Date(d.year, time.Month(d.n), d.day, 0, 0, 0, 0, time.UTC)
	}
	return time.Time{}
}

// Last returns the last day d covers, at midnight UTC.
func (d Date) Last() time.Time {
	first := d.First()
	switch d.prec {
	case PrecisionDecade:
		return first.AddDate(10, 0, -1)
	case PrecisionYear:
		return first.AddDate(1, 0, -1)
	case PrecisionSeason, PrecisionQuarter:
		return first.AddDate(0, 3, -1)
	case PrecisionMonth:
		return first.AddDate(0, 1, -1)
	case PrecisionWeek:
		return first.AddDate(0, 0, 6)
	case PrecisionDay:
		return first
	}
	return time.Time{}
}

// FirstKey returns First as the integer yyyymmdd, 0 for the zero Date. Stores
// index these keys: they sort and range-compare like the days they name.
func (d Date) FirstKey() int { return dayKey(d.First(), d.prec) }

// LastKey returns Last as the integer yyyymmdd, 0 for the zero Date.
func (d Date) LastKey() int { return dayKey(d.Last(), d.prec) }

func dayKey(t time.Time, p Precision) int {
	if p == PrecisionNone {
		return 0
	}
	return t.Year()*10000 + int(t.Month())*100 + t.Day()
}

// Compare orders dates by the day they start, then coarser before finer (so
// "1956" comes before "1956-01" and "1956-01-01"), then by the day they end.
// The zero Date sorts after every other date. It returns -1, 0 or +1.
func (d Date) Compare(o Date) int {
	switch {
	case d == o:
		return 0
	case d.IsZero():
		return 1
	case o.IsZero():
		return -1
	}
	if c := d.First().Compare(o.First()); c != 0 {
		return c
	}
	if d.prec != o.prec {
		if d.prec < o.prec {
			return -1
		}
		return 1
	}
	return d.Last().Compare(o.Last())
}

// Contains reports whether every day of o lies within d.
func (d Date) Contains(o Date) bool {
	if d.IsZero() || o.IsZero() {
		return false
	}
	return !o.First().Before(d.First()) && !o.Last().After(d.Last())
}

// Overlaps reports whether a date that starts at d and ends at end (the zero
// end meaning "d alone") shares at least one day with the window [from, to].
// A zero bound leaves that side of the window open. The zero d overlaps no
// window that has a bound, and every window that has none.
func (d Date) Overlaps(end, from, to Date) bool {
	if from.IsZero() && to.IsZero() {
		return true
	}
	if d.IsZero() {
		return false
	}
	last := d.Last()
	if !end.IsZero() && end.Last().After(last) {
		last = end.Last()
	}
	if !from.IsZero() && last.Before(from.First()) {
		return false
	}
	if !to.IsZero() && d.First().After(to.Last()) {
		return false
	}
	return true
}

// String returns the TIMEX3 value of d, or "" for the zero Date.
func (d Date) String() string {
	switch d.prec {
	case PrecisionDecade:
		return fmt.Sprintf("%03dX", d.year/10)
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.year)
	case PrecisionSeason:
		return fmt.Sprintf("%04d-%s", d.year, seasonCodes[d.n])
	case PrecisionQuarter:
		return fmt.Sprintf("%04d-Q%d", d.year, d.n)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.year, d.n)
	case PrecisionWeek:
		return fmt.Sprintf("%04d-W%02d", d.year, d.n)
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.year, d.n, d.day)
	}
	return ""
}

// ParseDate parses a TIMEX3 date value: "195X", "1956", "1956-SU",
// "1956-Q3", "1956-10", "2019-W04" or "1956-10-19". The empty string parses
// to the zero Date. Any other input is an EINVALID error.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	bad := func() (Date, error) {
		return Date{}, Errorf(EINVALID, "invalid date %q: want YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www, YYYY-Qn, YYYY-SP/SU/FA/WI or YYYX", s)
	}
	if len(s) == 4 && (s[3] == 'X' || s[3] == 'x') {
		n, err := strconv.Atoi(s[:3])
		if err != nil || n < 0 {
			return bad()
		}
		return Decade(n * 10), nil
	}
	if len(s) < 4 {
		return bad()
	}
	year, err := strconv.Atoi(s[:4])
	if err != nil || year < 0 {
		return bad()
	}
	rest := s[4:]
	if rest == "" {
		return Year(year), nil
	}
	if rest[0] != '-' || len(rest) < 3 {
		return bad()
	}
	rest = rest[1:]
	switch {
	case rest[0] == 'W' && len(rest) == 3:
		w, err := strconv.Atoi(rest[1:])
		if err != nil || w < 1 || w > isoWeeks(year) {
			return bad()
		}
		return Week(year, w), nil
	case rest[0] == 'Q' && len(rest) == 2:
		q, err := strconv.Atoi(rest[1:])
		if err != nil || q < 1 || q > 4 {
			return bad()
		}
		return Quarter(year, q), nil
	case len(rest) == 2 && rest[0] >= 'A' && rest[0] <= 'Z':
		for i, code := range seasonCodes {
			if i > 0 && rest == code {
				return Season(year, i), nil
			}
		}
		if rest == "AU" { // some corpora spell fall "autumn"
			return Season(year, 3), nil
		}
		return bad()
	case len(rest) == 2:
		m, err := strconv.Atoi(rest)
		if err != nil || m < 1 || m > 12 {
			return bad()
		}
		return Month(year, time.Month(m)), nil
	case len(rest) == 5 && rest[2] == '-':
		m, err1 := strconv.Atoi(rest[:2])
		dd, err2 := strconv.Atoi(rest[3:])
		if err1 != nil || err2 != nil || m < 1 || m > 12 || dd < 1 {
			return bad()
		}
		d := Day(year, time.Month(m), dd)
		if d.n != m { // February 30 and the like
			return bad()
		}
		return d, nil
	}
	return bad()
}

// MustParseDate is ParseDate for constants in tests and tables; it panics on
// an invalid value.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func isoWeeks(year int) int {
	_, w := time.Date(year, 12, 28, 0, 0, 0, 0, time.UTC).ISOWeek()
	return w
}

func mod(a, b int) int { return ((a % b) + b) % b }

// MarshalText implements encoding.TextMarshaler (JSON strings).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalGQL writes d as a GraphQL string; gqlgen binds the Date scalar to
// this type through it. The zero Date is written as null, which is what a
// nullable Date field means by "no date known".
func (d Date) MarshalGQL(w io.Writer) {
	if d.IsZero() {
		io.WriteString(w, "null")
		return
	}
	io.WriteString(w, strconv.Quote(d.String()))
}

// UnmarshalGQL reads a Date scalar from a GraphQL input value.
func (d *Date) UnmarshalGQL(v any) error {
	switch v := v.(type) {
	case string:
		return d.UnmarshalText([]byte(v))
	case int:
		return d.UnmarshalText([]byte(strconv.Itoa(v)))
	case int64:
		return d.UnmarshalText([]byte(strconv.FormatInt(v, 10)))
	}
	return Errorf(EINVALID, "Date must be a string such as \"1956\", \"1956-10\" or \"1956-10-19\"")
}
