package kg_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/diplograph/diplograph/kg"
)

func TestParseDateRoundTrip(t *testing.T) {
	tests := []struct {
		in          string
		prec        kg.Precision
		first, last string
	}{
		{"195X", kg.PrecisionDecade, "1950-01-01", "1959-12-31"},
		{"1956", kg.PrecisionYear, "1956-01-01", "1956-12-31"},
		{"1956-SU", kg.PrecisionSeason, "1956-06-01", "1956-08-31"},
		{"1956-WI", kg.PrecisionSeason, "1956-12-01", "1957-02-28"},
		{"1956-Q3", kg.PrecisionQuarter, "1956-07-01", "1956-09-30"},
		{"1956-10", kg.PrecisionMonth, "1956-10-01", "1956-10-31"},
		{"2019-W04", kg.PrecisionWeek, "2019-01-21", "2019-01-27"},
		{"2020-W53", kg.PrecisionWeek, "2020-12-28", "2021-01-03"},
		{"1956-10-19", kg.PrecisionDay, "1956-10-19", "1956-10-19"},
		{"2000-02-29", kg.PrecisionDay, "2000-02-29", "2000-02-29"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			d, err := kg.ParseDate(tc.in)
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tc.in, err)
			}
			if got := d.String(); got != tc.in {
				t.Errorf("String() = %q, want %q", got, tc.in)
			}
			if d.Precision() != tc.prec {
				t.Errorf("Precision() = %v, want %v", d.Precision(), tc.prec)
			}
			if got := d.First().Format(time.DateOnly); got != tc.first {
				t.Errorf("First() = %s, want %s", got, tc.first)
			}
			if got := d.Last().Format(time.DateOnly); got != tc.last {
				t.Errorf("Last() = %s, want %s", got, tc.last)
			}
		})
	}
}

func TestParseDateRejects(t *testing.T) {
	for _, in := range []string{"56", "1956-13", "1956-02-30", "2019-W54", "1956-Q5", "1956-XX", "abcd", "1956/10/19", "1956-1-1", "-100"} {
		if _, err := kg.ParseDate(in); kg.ErrorCode(err) != kg.EINVALID {
			t.Errorf("ParseDate(%q) error = %v, want EINVALID", in, err)
		}
	}
	if d, err := kg.ParseDate(""); err != nil || !d.IsZero() {
		t.Errorf(`ParseDate("") = %v, %v; want zero Date`, d, err)
	}
}

func TestCompareOrdersAcrossPrecisions(t *testing.T) {
	want := []string{"195X", "1956", "1956-Q3", "1956-10", "1956-10-19", "1956-W43", "1957", "1960-01-19", ""}
	got := slices.Clone(want)
	slices.Reverse(got)
	dates := make([]kg.Date, len(got))
	for i, s := range got {
		dates[i] = kg.MustParseDate(s)
	}
	slices.SortFunc(dates, kg.Date.Compare)
	for i, d := range dates {
		got[i] = d.String()
	}
	if !slices.Equal(got, want) {
		t.Errorf("sorted = %q, want %q", got, want)
	}
}

func TestOverlaps(t *testing.T) {
	d := kg.MustParseDate
	tests := []struct {
		date, end, from, to string
		want                bool
	}{
		{"1956", "", "1956-10-01", "1956-10-31", true},
		{"1956-10-19", "", "1957", "", false},
		{"1956-10-19", "", "", "1956", true},
		{"1950", "1953", "1952-06", "1952-06", true}, // a range covers the window
		{"", "", "1956", "", false},                  // undated never overlaps a bound
		{"", "", "", "", true},
		{"1960", "", "", "1959-12-31", false},
	}
	for _, tc := range tests {
		got := d(tc.date).Overlaps(d(tc.end), d(tc.from), d(tc.to))
		if got != tc.want {
			t.Errorf("%q..%q overlaps [%q, %q] = %v, want %v", tc.date, tc.end, tc.from, tc.to, got, tc.want)
		}
	}
}

func TestDateJSON(t *testing.T) {
	type wrap struct{ D kg.Date }
	b, err := json.Marshal(wrap{kg.Month(1956, time.October)})
	if err != nil || string(b) != `{"D":"1956-10"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var w wrap
	if err := json.Unmarshal([]byte(`{"D":"2019-W04"}`), &w); err != nil || w.D != kg.Week(2019, 4) {
		t.Fatalf("Unmarshal = %v, %v", w.D, err)
	}
	if err := json.Unmarshal([]byte(`{"D":"2019-W99"}`), &w); err == nil {
		t.Fatal("Unmarshal accepted 2019-W99")
	}
}

func TestMorePrecise(t *testing.T) {
	d := kg.MustParseDate
	if !kg.MorePrecise(d("1956-10-19"), d("1956")) {
		t.Error("1956-10-19 should refine 1956")
	}
	if kg.MorePrecise(d("1957-03"), d("1956")) {
		t.Error("1957-03 must not replace 1956")
	}
	if kg.MorePrecise(d(""), d("1956")) || !kg.MorePrecise(d("1956"), d("")) {
		t.Error("zero dates handled wrong")
	}
}

func TestIDs(t *testing.T) {
	if got := kg.EntityID(kg.Treaty, "Soviet-Japanese Joint Declaration"); got != "treaty:soviet-japanese-joint-declaration" {
		t.Errorf("EntityID = %q", got)
	}
	if got := kg.EntityID(kg.Person, "Mevlüt Çavuşoğlu"); got != "person:mevlut-cavusoglu" {
		t.Errorf("EntityID = %q", got)
	}
	if kg.KindOfID("state:japan") != kg.State || kg.KindOfID("article:x") != "" || kg.KindOfID("nonsense") != "" {
		t.Error("KindOfID wrong")
	}
	a := kg.EdgeID(kg.HoldsOffice, "person:x", "state:y", "Foreign Minister")
	if a != kg.EdgeID(kg.HoldsOffice, "person:x", "state:y", "foreign minister") || a == kg.EdgeID(kg.HoldsOffice, "person:x", "state:y", "President") {
		t.Error("EdgeID must ignore role case and distinguish roles")
	}
}
