package timex_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/timex"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// tx is the part of a Timex a table states; offsets are checked apart.
type tx struct {
	Text  string `json:"text"`
	Value string `json:"value"`
	End   string `json:"end,omitempty"`
	Rel   bool   `json:"relative,omitempty"`
}

func simplify(t *testing.T, text string, got []timex.Timex) []tx {
	t.Helper()
	checkInvariants(t, text, got)
	var res []tx
	for _, x := range got {
		res = append(res, tx{x.Text, x.Value, x.EndDate.String(), x.Relative})
	}
	return res
}

// checkInvariants checks what Find promises for any input: spans in range
// and in order, not overlapping, Text the span, Value the Date's unless a
// reference or century.
func checkInvariants(t testing.TB, text string, got []timex.Timex) {
	t.Helper()
	prevEnd := 0
	for i, x := range got {
		if x.Start < prevEnd || x.End <= x.Start || x.End > len(text) {
			t.Fatalf("timex %d %q: span [%d,%d) out of order or range (previous end %d, text length %d)", i, x.Text, x.Start, x.End, prevEnd, len(text))
		}
		if text[x.Start:x.End] != x.Text {
			t.Fatalf("timex %d: Text %q, but text[%d:%d] is %q", i, x.Text, x.Start, x.End, text[x.Start:x.End])
		}
		switch {
		case x.Type == "DURATION" || x.Type == "SET":
			if !x.Date.IsZero() || !strings.HasPrefix(x.Value, "P") && !strings.HasPrefix(x.Value, "XXXX") {
				t.Fatalf("timex %d %q: %s with value %s, date %s", i, x.Text, x.Type, x.Value, x.Date)
			}
		case x.Type == "TIME":
			if x.Date.IsZero() || !strings.HasPrefix(x.Value, x.Date.String()+"T") {
				t.Fatalf("timex %d %q: TIME with value %s, date %s", i, x.Text, x.Value, x.Date)
			}
		case x.Type != "DATE":
			t.Fatalf("timex %d %q: type %q", i, x.Text, x.Type)
		case x.Value == timex.PastRef || x.Value == timex.PresentRef || x.Value == timex.FutureRef:
			if !x.Date.IsZero() {
				t.Fatalf("timex %d %q: reference %s with date %s", i, x.Text, x.Value, x.Date)
			}
		default:
			if x.Date.IsZero() || x.Date.String() != x.Value && len(x.Value) != 4 {
				t.Fatalf("timex %d %q: value %s, date %s", i, x.Text, x.Value, x.Date)
			}
		}
		prevEnd = x.End
	}
}

// anchor is a Tuesday in ISO week 2019-W03.
var anchor = kg.Day(2019, 1, 15)

func TestFind(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		anchor kg.Date
		want   []tx
	}{
		// Absolute dates.
		{"month abbr day", "Kono and Lavrov met on Jan. 14 in Moscow.", anchor, []tx{{"Jan. 14", "2019-01-14", "", true}}},
		{"month abbr no dot", "They met on Jan 14.", anchor, []tx{{"Jan 14", "2019-01-14", "", true}}},
		{"month day ordinal year", "It was signed on January 14th, 2019, in Moscow.", anchor, []tx{{"January 14th, 2019", "2019-01-14", "", false}}},
		{"day month year", "FAS 22 JANUARY 1997", anchor, []tx{{"22 JANUARY 1997", "1997-01-22", "", false}}},
		{"day month", "The meeting in Bali on 26 February will be the first.", kg.Day(2002, 2, 22), []tx{{"26 February", "2002-02-26", "", true}}},
		{"day of month", "They met on the 14th of January.", anchor, []tx{{"14th of January", "2019-01-14", "", true}}},
		{"month day future", "Talks will resume on March 3.", anchor, []tx{{"March 3", "2019-03-03", "", true}}},
		{"month day past close", "Talks began on March 3 and failed.", anchor, []tx{{"March 3", "2018-03-03", "", true}}},
		{"month day past nearest", "The quotas were set on Dec. 20 after long talks.", anchor, []tx{{"Dec. 20", "2018-12-20", "", true}}},
		{"month day future far", "The summit will be held on Dec. 20.", anchor, []tx{{"Dec. 20", "2019-12-20", "", true}}},
		{"month day future next year", "He will step down on Jan. 5.", kg.Day(2019, 12, 20), []tx{{"Jan. 5", "2020-01-05", "", true}}},
		{"iso", "Published 2019-01-14 by the ministry.", anchor, []tx{{"2019-01-14", "2019-01-14", "", false}}},
		{"us numeric", "The note is dated 1/14/2019.", anchor, []tx{{"1/14/2019", "2019-01-14", "", false}}},
		{"us numeric ambiguous", "The note is dated 1/5/2019.", anchor, nil},
		{"weekday and date", "On Tuesday, 12 March 2002, he spoke.", anchor, []tx{{"Tuesday, 12 March 2002", "2002-03-12", "", false}}},
		{"weekday and month day", "He will arrive on Tuesday, Jan. 22.", anchor, []tx{{"Tuesday, Jan. 22", "2019-01-22", "", true}}},

		// Months.
		{"month year", "The uprising began in October 1956.", anchor, []tx{{"October 1956", "1956-10", "", false}}},
		{"month comma year", "They signed the Brussels Treaty in March, 1948.", anchor, []tx{{"March, 1948", "1948-03", "", false}}},
		{"month of year", "In May of 1948, Vandenberg proposed a resolution.", anchor, []tx{{"May of 1948", "1948-05", "", false}}},
		{"bare month past", "The talks collapsed in October.", anchor, []tx{{"October", "2018-10", "", true}}},
		{"bare month future", "Abe might step down after the summit in June.", kg.Day(1987, 4, 27), []tx{{"June", "1987-06", "", true}}},
		{"month last year", "In June last year, the leaders fell out.", kg.Day(1998, 2, 19), []tx{{"June last year", "1997-06", "", true}}},
		{"month of this year", "It opened in October of this year.", anchor, []tx{{"October of this year", "2019-10", "", true}}},
		{"lower-case may of", "They may of course come.", anchor, nil},
		{"month of that year", "It was signed in October 1956 and ratified in December of that year.", anchor,
			[]tx{{"October 1956", "1956-10", "", false}, {"December of that year", "1956-12", "", true}}},
		{"months sharing a year", "The Pact disbanded in March and July of 1991.", anchor,
			[]tx{{"March", "1991-03", "", false}, {"July of 1991", "1991-07", "", false}}},
		{"lower-case may", "The talks may resume soon.", anchor, []tx{{"soon", "FUTURE_REF", "", false}}},
		{"may with day", "They meet on May 5.", anchor, []tx{{"May 5", "2019-05-05", "", true}}},
		{"name May", "Theresa May said she would stay.", anchor, nil},
		{"verb March", "March organizers said they expected thousands.", anchor, nil},
		{"month abbr alone", "Sept alone", anchor, nil},

		// Years, decades, centuries.
		{"year", "Two attempts, in 1956 and again in 1978, failed.", anchor, []tx{{"1956", "1956", "", false}, {"1978", "1978", "", false}}},
		{"year in a name", "The 1956 Declaration was signed in Moscow.", anchor, []tx{{"1956", "1956", "", false}}},
		{"thousands", "They caught 1,956 tons of fish.", anchor, nil},
		{"quantity", "They caught 1956 tons of fish and 2000 people came.", anchor, nil},
		{"resolution number", "Resolution 1441 was adopted.", anchor, nil},
		{"money", "It cost $1500.", anchor, nil},
		{"phone", "Call 02 6261 1555 for details.", anchor, nil},
		{"decimal", "Growth was 1956.5 points.", anchor, nil},
		{"decade", "In the 1950s, NATO adopted massive retaliation.", anchor, []tx{{"the 1950s", "195X", "", false}}},
		{"decade bare", "Its membership grew in 1950s Europe.", anchor, []tx{{"1950s", "195X", "", false}}},
		{"decade apostrophe", "It boomed in the '80s.", anchor, []tx{{"the '80s", "198X", "", true}}},
		{"decade word", "It boomed in the eighties.", anchor, []tx{{"the eighties", "198X", "", true}}},
		{"decade word after possessive", "He was in his fifties.", anchor, nil},
		{"early decade", "By the early 1920s they were again at odds.", anchor, []tx{{"the early 1920s", "192X", "", false}}},
		{"century", "In the twentieth century relations changed.", anchor, []tx{{"the twentieth century", "19XX", "199X", false}}},
		{"century numeric", "It is a 20th century idea.", anchor, []tx{{"20th century", "19XX", "199X", false}}},
		{"hundreds", "In the 1800s, trade grew.", anchor, []tx{{"the 1800s", "18XX", "189X", false}}},

		// Seasons and quarters.
		{"season year", "It was proposed in spring 1956.", anchor, []tx{{"spring 1956", "1956-SP", "", false}}},
		{"season of year", "They met in the summer of 1956.", anchor, []tx{{"the summer of 1956", "1956-SU", "", false}}},
		{"last summer", "It was revised last summer.", anchor, []tx{{"last summer", "2018-SU", "", true}}},
		{"this autumn", "It will be signed this autumn.", anchor, []tx{{"this autumn", "2019-FA", "", true}}},
		{"next spring", "It will be signed next spring.", anchor, []tx{{"next spring", "2019-SP", "", true}}},
		{"last winter", "It snowed last winter.", anchor, []tx{{"last winter", "2017-WI", "", true}}},
		{"the fall of", "After the fall of Berlin, talks began.", anchor, nil},
		{"quarter", "A group is due to report in the third quarter.", anchor, []tx{{"the third quarter", "2018-Q3", "", true}}},
		{"quarter code", "Sales rose in Q3 2019.", anchor, []tx{{"Q3 2019", "2019-Q3", "", false}}},
		{"quarter of year", "Profits fell in the first quarter of 1987.", anchor, []tx{{"the first quarter of 1987", "1987-Q1", "", false}}},
		{"quarter of last year", "Profits fell in the fourth quarter of last year.", anchor, []tx{{"the fourth quarter of last year", "2018-Q4", "", true}}},

		// Days, weekdays, weeks.
		{"today", "Officials said today that talks would go on.", anchor, []tx{{"today", "2019-01-15", "", true}}},
		{"yesterday tomorrow", "He arrived yesterday and leaves tomorrow.", anchor,
			[]tx{{"yesterday", "2019-01-14", "", true}, {"tomorrow", "2019-01-16", "", true}}},
		{"days ago", "He arrived two days ago.", anchor, []tx{{"two days ago", "2019-01-13", "", true}}},
		{"days later", "He left three days later.", anchor, nil},
		{"weekday past", "The ministry said on Monday that it would wait.", anchor, []tx{{"Monday", "2019-01-14", "", true}}},
		{"weekday anchor day", "Albright paid tribute Tuesday to the victims.", anchor, []tx{{"Tuesday", "2019-01-15", "", true}}},
		{"weekday future", "The ministers will meet on Monday.", anchor, []tx{{"Monday", "2019-01-21", "", true}}},
		{"weekday scheduled", "Talks are scheduled to end on Wednesday.", anchor, []tx{{"Wednesday", "2019-01-16", "", true}}},
		{"weekday present verb", "Nakasone sets out Wednesday on a tough mission.", anchor, []tx{{"Wednesday", "2019-01-16", "", true}}},
		{"weekday fronted", "On Friday, Abe will fly to Moscow.", anchor, []tx{{"Friday", "2019-01-18", "", true}}},
		{"last weekday", "They met last Tuesday.", anchor, []tx{{"last Tuesday", "2019-01-08", "", true}}},
		{"next weekday", "They meet next Friday.", anchor, []tx{{"next Friday", "2019-01-18", "", true}}},
		{"this weekday", "They meet this Sunday.", anchor, []tx{{"this Sunday", "2019-01-20", "", true}}},
		{"newspaper", "The Sunday Times reported it.", anchor, nil},
		{"holiday", "He spoke on Good Friday.", anchor, nil},
		{"late weekday", "He left late Tuesday.", anchor, []tx{{"Tuesday", "2019-01-15", "", true}}},
		{"next week", "Abe goes to Moscow next week.", anchor, []tx{{"next week", "2019-W04", "", true}}},
		{"headline", "Arrange for Abe To Go To Moscow Next Week", anchor, []tx{{"Next Week", "2019-W04", "", true}}},
		{"last week", "Officials said last week that six were held.", anchor, []tx{{"last week", "2019-W02", "", true}}},
		{"earlier this week", "He wrote earlier this week.", anchor, []tx{{"earlier this week", "2019-W03", "", true}}},
		{"weeks ago", "The poll was taken two weeks ago.", anchor, []tx{{"two weeks ago", "2019-W01", "", true}}},

		// Months and years relative.
		{"earlier this month", "He said earlier this month that talks would go on.", anchor, []tx{{"earlier this month", "2019-01", "", true}}},
		{"last month", "Prices fell last month.", anchor, []tx{{"last month", "2018-12", "", true}}},
		{"next month", "The commission convenes next month.", anchor, []tx{{"next month", "2019-02", "", true}}},
		{"last July", "He won a landslide last July.", kg.Day(1987, 4, 27), []tx{{"last July", "1986-07", "", true}}},
		{"last month name before", "Two helicopters crashed last February.", kg.Day(1998, 3, 1), []tx{{"last February", "1997-02", "", true}}},
		{"this year", "It can be concluded this year.", anchor, []tx{{"this year", "2019", "", true}}},
		{"last next year", "Trade rose last year. Next year it may fall.", anchor,
			[]tx{{"last year", "2018", "", true}, {"Next year", "2020", "", true}}},
		{"years ago", "It was signed two years ago.", anchor, []tx{{"two years ago", "2017", "", true}}},
		{"several years ago", "It was signed several years ago.", anchor, []tx{{"several years ago", "PAST_REF", "", false}}},
		{"the last year", "Over the last year prices rose.", anchor, nil},
		{"end of the year", "He hopes to sign by the end of the year.", anchor, []tx{{"the end of the year", "2019", "", true}}},
		{"later that year", "It was signed in 1956. Later that year it was ratified.", anchor,
			[]tx{{"1956", "1956", "", false}, {"Later that year", "1956", "", true}}},

		// References.
		{"now", "Now that talks resume, we must wait.", anchor, []tx{{"Now", "PRESENT_REF", "", false}}},
		{"right now", "Right now my evidence is scant.", anchor, []tx{{"Right now", "PRESENT_REF", "", false}}},
		{"currently", "The Dutch currently hold the presidency.", anchor, []tx{{"currently", "PRESENT_REF", "", false}}},
		{"now-defunct", "The now-defunct pact lapsed.", anchor, nil},
		{"recently", "Matsuda said recently he was optimistic.", anchor, []tx{{"recently", "PAST_REF", "", false}}},
		{"in the past", "In the past, friction ended in curbs.", anchor, []tx{{"the past", "PAST_REF", "", false}}},
		{"recent months", "Attention has been focused in recent months on a conference.", anchor, []tx{{"recent months", "PAST_REF", "", false}}},
		{"in the future", "It may change in the future.", anchor, []tx{{"the future", "FUTURE_REF", "", false}}},
		{"future of", "They discussed the future of NATO.", anchor, nil},
		{"soon after", "Soon after the war, NATO grew.", anchor, nil},
		{"soon past", "He was soon released.", anchor, nil},

		// Ranges.
		// The ends of a range are expressions of their own, as in TimeML;
		// the first keeps the range's end.
		{"from to", "He served from 1956 to 1960.", anchor, []tx{{"1956", "1956", "1960", false}, {"1960", "1960", "", false}}},
		{"between and", "It grew between 1956 and 1960.", anchor, []tx{{"1956", "1956", "1960", false}, {"1960", "1960", "", false}}},
		{"between modified", "In notes exchanged between late 1907 and early 1908, they agreed.", anchor,
			[]tx{{"late 1907", "1907", "1908", false}, {"early 1908", "1908", "", false}}},
		{"short year range", "The Russo-Japanese War of 1904–05 ended.", anchor, []tx{{"1904–05", "1904", "1905", false}}},
		{"year range hyphen", "The war of 1904-1905 ended.", anchor, []tx{{"1904", "1904", "1905", false}, {"1905", "1905", "", false}}},
		{"year range en dash", "U.S.-Soviet Relations, 1981–1991", anchor, []tx{{"1981", "1981", "1991", false}, {"1991", "1991", "", false}}},
		{"fiscal year", "A draft budget for 1987/88 passed.", anchor, []tx{{"1987/88", "1987", "1988", false}}},
		{"one-digit year range", "The 1992-3 season was long.", anchor, []tx{{"1992-3", "1992", "1993", false}}},
		{"coming weeks", "A deal is expected in coming weeks.", anchor, []tx{{"coming weeks", "FUTURE_REF", "", false}}},
		{"famous date", "Since the Sept. 11 attacks, travel fell.", anchor, []tx{{"Sept. 11", "2018-09-11", "", true}}}, // a known limit: 2001
		{"day range", "Talks ran Jan. 14-16 in Tokyo.", anchor, []tx{{"Jan. 14-16", "2019-01-14", "2019-01-16", true}}},
		{"years later narrative", "In 1984, the treaty began to unravel. Two years later, Shultz and Hayden met.", kg.Date{}, []tx{{"1984", "1984", "", false}, {"Two years later", "1986", "", true}}},
		{"a year later", "The pact of 1952 was followed by talks a year later.", anchor, []tx{{"1952", "1952", "", false}, {"a year later", "1953", "", true}}},
		{"day range from to", "He visited Australia from 17 to 19 June.", anchor, []tx{{"17 to 19 June", "2019-06-17", "2019-06-19", true}}},
		{"day range between and", "between 21 and 22 April 1991", anchor, []tx{{"21 and 22 April 1991", "1991-04-21", "1991-04-22", false}}},
		{"day range opening the text", "17 to 19 June: talks.", anchor, []tx{{"19 June", "2019-06-19", "", true}}},
		{"days joined by and are two", "in Hong Kong on 21 and 22 April", anchor, []tx{{"22 April", "2019-04-22", "", true}}},
		{"cross-month range", "He visits April 29 to May 5.", kg.Day(1987, 3, 31),
			[]tx{{"April 29", "1987-04-29", "1987-05-05", true}, {"May 5", "1987-05-05", "", true}}},
		{"day month range year", "The talks ran from 25 January to 9 February 1996.", anchor,
			[]tx{{"25 January", "1996-01-25", "1996-02-09", false}, {"9 February 1996", "1996-02-09", "", false}}},
		{"year slip in a future range", "I will visit from 25 January to 9 February 1996.", kg.Day(1997, 1, 22),
			[]tx{{"25 January", "1997-01-25", "", true}, {"9 February 1996", "1996-02-09", "", false}}},
		{"from without to", "Prices rose from 1956 onward.", anchor, []tx{{"1956", "1956", "", false}}},

		// Modifiers.
		{"late year", "The notes date from late 1907.", anchor, []tx{{"late 1907", "1907", "", false}}},
		{"mid year", "In mid-1948, Stalin tested the West.", anchor, []tx{{"mid-1948", "1948", "", false}}},
		{"later in", "Later in 1949, Truman proposed aid.", anchor, []tx{{"Later in 1949", "1949", "", false}}},
		{"end of year", "By the end of 1987 it was over.", anchor, []tx{{"the end of 1987", "1987", "", false}}},
		{"first half", "Sales fell in the first half of 1987.", anchor, []tx{{"the first half of 1987", "1987", "", false}}},
		{"mid month", "Talks began in mid-November.", anchor, []tx{{"mid-November", "2018-11", "", true}}},

		// Durations, times, sets.
		{"duration", "He served for two years and three weeks.", anchor, nil},
		{"the past duration", "It fell in the past two months.", anchor, nil},
		{"time of day", "He spoke at 10 a.m. and at 14:30.", anchor, nil},
		{"set", "They meet every year.", anchor, nil},

		// Text references, with and without an anchor.
		{"next year narrative", "In 1904, war began. Over the course of the next year, they clashed.", kg.Date{},
			[]tx{{"1904", "1904", "", false}, {"the next year", "1905", "", true}}},
		{"same year after range", "After the war of 1904–05, in the same year, Taft met Katsura.", kg.Date{},
			[]tx{{"1904–05", "1904", "1905", false}, {"the same year", "1905", "", true}}},
		{"bare month narrative", "Later in 1949, Truman proposed aid, and Congress passed it in October.", kg.Date{},
			[]tx{{"Later in 1949", "1949", "", false}, {"October", "1949-10", "", true}}},
		{"turn of the century", "At the turn of the century, in 1902, they allied.", kg.Date{},
			[]tx{{"the turn of the century", "1900", "", true}, {"1902", "1902", "", false}}},
		{"no anchor", "He arrived yesterday and leaves next week, now.", kg.Date{}, []tx{{"now", "PRESENT_REF", "", false}}},
		{"seasons before year 1", "It snowed last winter and will rain next spring, this summer.", kg.Day(0, 1, 15),
			[]tx{{"last winter", "-002-WI", "", true}, {"next spring", "0000-SP", "", true}, {"this summer", "0000-SU", "", true}}},
		{"year anchor", "He arrived yesterday; last year was hard.", kg.Year(2019), []tx{{"last year", "2018", "", true}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := simplify(t, tc.text, timex.Find(tc.text, tc.anchor))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Find(%q, %s) mismatch (-want +got):\n%s", tc.text, tc.anchor, diff)
			}
		})
	}
}

func TestFindDates(t *testing.T) {
	got := timex.Find("from 1956 to 1960 and Jan. 14-16", anchor)
	want := []timex.Timex{
		{Type: "DATE", Text: "1956", Start: 5, End: 9, Value: "1956", Date: kg.Year(1956), EndDate: kg.Year(1960)},
		{Type: "DATE", Text: "1960", Start: 13, End: 17, Value: "1960", Date: kg.Year(1960)},
		{Type: "DATE", Text: "Jan. 14-16", Start: 22, End: 32, Value: "2019-01-14", Date: kg.Day(2019, 1, 14), EndDate: kg.Day(2019, 1, 16), Relative: true},
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b kg.Date) bool { return a == b })); diff != "" {
		t.Errorf("Find mismatch (-want +got):\n%s", diff)
	}
}

func TestParseDateline(t *testing.T) {
	tests := []struct {
		name, in string
		want     kg.Date
		wantEnd  int // -1: not ok
	}{
		{"eir", "Jan. 15, 2019 (EIRNS)—Foreign Ministers met.", kg.Day(2019, 1, 15), len("Jan. 15, 2019")},
		{"iso", "2019-01-15\nBody", kg.Day(2019, 1, 15), len("2019-01-15")},
		{"month day year", "January 15, 2019", kg.Day(2019, 1, 15), len("January 15, 2019")},
		{"day month year", "15 January 2019 - Tokyo", kg.Day(2019, 1, 15), len("15 January 2019")},
		{"reuters style", "March 3, 1987", kg.Day(1987, 3, 3), len("March 3, 1987")},
		{"weekday", "Tuesday, 12 March 2002", kg.Day(2002, 3, 12), len("Tuesday, 12 March 2002")},
		{"leading space", "\n  Jan. 15, 2019 (EIRNS)", kg.Day(2019, 1, 15), len("\n  Jan. 15, 2019")},
		{"code prefix", "FAS 22 JANUARY 1997", kg.Day(1997, 1, 22), len("FAS 22 JANUARY 1997")},
		{"code glued", "FA24 22 February 2002", kg.Day(2002, 2, 22), len("FA24 22 February 2002")},
		{"place prefix", "WASHINGTON, March 3, 1987 - Reagan said", kg.Day(1987, 3, 3), len("WASHINGTON, March 3, 1987")},
		{"no year", "WASHINGTON, March 3 - Reagan said", kg.Date{}, -1},
		{"month only", "In January 2019 the talks began.", kg.Date{}, -1},
		{"year only", "The 1987 budget passed.", kg.Date{}, -1},
		{"not at start", "Officials said that on Jan. 15, 2019 they met.", kg.Date{}, -1},
		{"history, not a dateline", "On July 8, 1853, American Commodore Matthew Perry led his four ships into Tokyo Bay.", kg.Date{}, -1},
		{"date in running text", "January 15, 2019 was a Tuesday.", kg.Date{}, -1},
		{"second line", "Title\nJan. 15, 2019", kg.Date{}, -1},
		{"empty", "", kg.Date{}, -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, end, ok := timex.ParseDateline(tc.in)
			if tc.wantEnd < 0 {
				if ok {
					t.Errorf("ParseDateline(%q) = %s, %d, true; want not ok", tc.in, d, end)
				}
				return
			}
			if !ok || d != tc.want || end != tc.wantEnd {
				t.Errorf("ParseDateline(%q) = %s, %d, %v; want %s, %d, true", tc.in, d, end, ok, tc.want, tc.wantEnd)
			}
		})
	}
}

// TestGolden runs Find over testdata/article.txt and compares with
// testdata/article.golden.json; go test -update rewrites the golden file.
func TestGolden(t *testing.T) {
	text := mustRead(t, filepath.Join("testdata", "article.txt"))
	got := simplify(t, text, timex.Find(text, anchor))
	path := filepath.Join("testdata", "article.golden.json")
	if *update {
		b, err := json.MarshalIndent(got, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var want []tx
	if err := json.Unmarshal([]byte(mustRead(t, path)), &want); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Find(testdata/article.txt) mismatch (-want +got):\n%s", diff)
	}
}

func mustRead(tb testing.TB, path string) string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Jan. 14-16, 2019", "from 25 January to 9 February 1996", "the '80s", "1904–05", "1987/88",
		"between late 1907 and early 1908", "mid-1948", "the first two decades of the twentieth century",
		"Tuesday, 12 March 2002", "1/14/2019", "2019-01-14", "Q3 2019", "December of that year",
		"the turn of the century", "two days ago", "next Wednesday", "’80s", "Jan.", "1999-00", "\xff1956\u2028May",
		"nearly two months", "at least 72 hours", "a five-year plan", "every other week", "each Thursday", "daily",
		"9 a.m. EDT Thursday", "15:00:30 GMT", "Tuesday night", "tonight", "twenty-four hours", "for years", "12 p.m", "a couple of days",
		"17 to 19 June", "from 17 to 19 June", "21 and 22 April", "Two years later", "a year later",
	} {
		f.Add(s, int64(0))
		f.Add(s, int64(20190115))
	}
	f.Fuzz(func(t *testing.T, text string, a int64) {
		var anchor kg.Date
		if a > 0 {
			anchor = kg.Day(int(a/10000%3000), time.Month(a/100%100), int(a%100))
		}
		checkInvariants(t, text, timex.Find(text, anchor))
		checkInvariants(t, text, timex.FindAll(text, anchor))
		if _, end, ok := timex.ParseDateline(text); ok && (end <= 0 || end > len(text)) {
			t.Fatalf("ParseDateline end %d out of range", end)
		}
	})
}

func BenchmarkFind(b *testing.B) {
	text := mustRead(b, filepath.Join("testdata", "article.txt"))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		timex.Find(text, anchor)
	}
}

// TestFindAll checks the TIMEX3 types beyond dates that FindAll adds, and
// that Find leaves them out.
func TestFindAll(t *testing.T) {
	type typed struct{ Type, Text, Value string }
	tests := []struct {
		name, text string
		want       []typed
	}{
		{"duration", "The talks lasted two years.", []typed{{"DURATION", "two years", "P2Y"}}},
		{"duration with modifier", "Prices rose over the past three months.", []typed{{"DURATION", "the past three months", "P3M"}}},
		{"approximate duration", "It took nearly two months and at least 72 hours.", []typed{{"DURATION", "nearly two months", "P2M"}, {"DURATION", "at least 72 hours", "PT72H"}}},
		{"adjective", "They adopted a five-year plan.", []typed{{"DURATION", "five-year", "P5Y"}}},
		{"age is no duration", "A 52-year-old man was arrested.", nil},
		{"vague", "Talks have dragged on for years, and will take several months.", []typed{{"DURATION", "years", "PXY"}, {"DURATION", "several months", "PXM"}}},
		{"decade", "It took a decade.", []typed{{"DURATION", "a decade", "P10Y"}}},
		{"ago is a date", "They met two years ago.", []typed{{"DATE", "two years ago", "2017"}}},
		{"set", "They met every week and reported daily.", []typed{{"SET", "every week", "P1W"}, {"SET", "daily", "P1D"}}},
		{"set of weekdays", "Flights leave each Thursday.", []typed{{"SET", "each Thursday", "XXXX-WXX-4"}}},
		{"part of day", "Talks resume Tuesday morning.", []typed{{"TIME", "Tuesday morning", "2019-01-15TMO"}}},
		{"tonight", "He speaks tonight.", []typed{{"TIME", "tonight", "2019-01-15TNI"}}},
		{"clock and day", "They will meet at 9 a.m. Thursday.", []typed{{"TIME", "9 a.m. Thursday", "2019-01-17T09:00"}}},
		{"24-hour clock", "Polls close at 15:00 GMT.", []typed{{"TIME", "15:00 GMT", "2019-01-15T15:00"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			all := timex.FindAll(tc.text, anchor)
			checkInvariants(t, tc.text, all)
			var got []typed
			for _, x := range all {
				got = append(got, typed{x.Type, x.Text, x.Value})
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("FindAll(%q) mismatch (-want +got):\n%s", tc.text, diff)
			}
			for _, x := range timex.Find(tc.text, anchor) {
				if x.Type != "DATE" {
					t.Errorf("Find(%q) returned %s %q", tc.text, x.Type, x.Text)
				}
			}
		})
	}
}
