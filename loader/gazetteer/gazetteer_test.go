package gazetteer_test

import (
	"encoding/json"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/gazetteer"
)

func TestEmbeddedDataParses(t *testing.T) {
	g, err := gazetteer.Load(gazetteer.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	if len(g.States) < 200 || len(g.Places) < 300 || len(g.Organizations) < 50 || len(g.Tenures) < 0 || len(g.Treaties) < 0 {
		t.Errorf("tables look truncated: %d states, %d places, %d organizations, %d tenures, %d treaties",
			len(g.States), len(g.Places), len(g.Organizations), len(g.Tenures), len(g.Treaties))
	}
	if gazetteer.Default() != gazetteer.Default() {
		t.Error("Default returns a new gazetteer on each call")
	}
}

func TestEveryFileNamesSourceAndLicense(t *testing.T) {
	for _, name := range gazetteer.Files {
		b, err := fsReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		if strings.HasSuffix(name, ".csv") {
			if !strings.Contains(text, "# source:") || !strings.Contains(text, "# license:") {
				t.Errorf("%s: no '# source:' and '# license:' header lines", name)
			}
			continue
		}
		var h gazetteer.Header
		if err := jsonHeader(b, &h); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if h.Source == "" || h.License == "" {
			t.Errorf("%s: empty _source or _license", name)
		}
	}
}

// TestODbLTablesSayODbL guards the licence obligation: the tables derived
// from mledoze/countries stay under the ODbL and must say so.
func TestODbLTablesSayODbL(t *testing.T) {
	for _, name := range []string{"data/states.json", "data/places_mledoze.json"} {
		b, err := fsReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var h gazetteer.Header
		if err := jsonHeader(b, &h); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(h.License, "ODbL") || !strings.Contains(h.Source, "mledoze") {
			t.Errorf("%s: licence %q / source %q does not name the ODbL and mledoze", name, h.License, h.Source)
		}
	}
}

func TestValidate(t *testing.T) {
	if err := gazetteer.Default().Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestValidateFindsProblems(t *testing.T) {
	g := &gazetteer.Gazetteer{
		States: []gazetteer.State{
			{Name: "Japan"},
			{Name: "Japan"},
			{Name: "Soviet Union", Historical: true, SucceededBy: []string{"Russia"}},
		},
		Places:   []gazetteer.Place{{Name: "Moscow", Type: "city", State: "Russia"}},
		Tenures:  []gazetteer.Tenure{{Person: "X", Surname: "X", Role: "President", State: "Japan", From: kg.MustParseDate("2000"), To: kg.MustParseDate("1999")}},
		Treaties: []gazetteer.Treaty{{Name: "T", Date: kg.MustParseDate("1956"), Status: "BOGUS", Parties: []string{"Atlantis"}}},
	}
	err := g.Validate()
	if err == nil {
		t.Fatal("Validate found nothing")
	}
	for _, want := range []string{
		`state "Japan": duplicate name`,
		`state "Soviet Union": historical is true but to is ""`,
		`successor "Russia" is not a state`,
		`place "Moscow": state "Russia" is not a state`,
		`ends 1999 before it starts 2000`,
		`status "BOGUS" is not a treaty status`,
		`party "Atlantis" is neither`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Validate error lacks %q:\n%v", want, err)
		}
	}
}

func TestLoadRejectsCorruptData(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, name := range gazetteer.Files {
		b, err := fsReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	fsys["data/treaties.json"] = &fstest.MapFile{Data: []byte(`{"_source": "x", "_license": "x", "treaties": [{"name": "T", "dat": "1956"}]}`)}
	_, err := gazetteer.Load(fsys)
	var kerr *kg.Error
	if !errors.As(err, &kerr) || kerr.Code != kg.EINVALID {
		t.Fatalf("Load with an unknown field = %v, want an EINVALID error", err)
	}
	fsys["data/treaties.json"] = &fstest.MapFile{Data: []byte(`{"_source": "x", "_license": "x", "treaties": [{"name": "T", "date": "1956-13"}]}`)}
	if _, err := gazetteer.Load(fsys); err == nil {
		t.Fatal("Load accepted the date 1956-13")
	}
}

func TestStateLookup(t *testing.T) {
	g := gazetteer.Default()
	tests := []struct {
		name, want string // want "" = no state
	}{
		{"U.S.", "United States"},
		{"US", "United States"},
		{"the United States", "United States"},
		{"United States of America", "United States"},
		{"America", "United States"},
		{"USSR", "Soviet Union"},
		{"U.S.S.R.", "Soviet Union"},
		{"Soviet Union", "Soviet Union"},
		{"Russia", "Russia"},
		{"Russian Federation", "Russia"},
		{"UK", "United Kingdom"},
		{"U.K.", "United Kingdom"},
		{"Britain", "United Kingdom"},
		{"Great Britain", "United Kingdom"},
		{"DPRK", "North Korea"},
		{"ROK", "South Korea"},
		{"PRC", "China"},
		{"Republic of China", "Taiwan"},
		{"Persia", "Iran"},
		{"Czechia", "Czech Republic"},
		{"Türkiye", "Turkey"},
		{"TURKIYE", "Turkey"},
		{"Vatican", "Holy See"},
		{"East Timor", "East Timor"},
		{"Timor-Leste", "East Timor"},
		{"Georgia", "Georgia"},
		{"Federal Republic of Germany", "Germany"},
		{"FRG", "West Germany"},
		{"GDR", "East Germany"},
		{"Yugoslavia", "Yugoslavia"},
		{"Burma", "Myanmar"},
		{"Holland", "Netherlands"},
		{"Luxemburg", ""}, // a misspelling, not an alias
		{"Congo", ""},     // two states: deliberately ambiguous
		{"Japanese", ""},  // demonyms are not names
		{"Tokyo", ""},     // nor are capitals
		{"the Kremlin", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, ok := g.State(tc.name)
			got := ""
			if ok {
				got = s.Name
			}
			if got != tc.want {
				t.Errorf("State(%q) = %q, want %q", tc.name, got, tc.want)
			}
		})
	}
}

func TestSovietUnionIsNotRussia(t *testing.T) {
	g := gazetteer.Default()
	su, ok := g.State("USSR")
	if !ok {
		t.Fatal("no USSR")
	}
	ru, ok := g.State("Russia")
	if !ok {
		t.Fatal("no Russia")
	}
	if su == ru || su.Name == ru.Name {
		t.Fatal("the Soviet Union and Russia are one entry")
	}
	if !su.Historical || su.To != kg.MustParseDate("1991-12-26") || su.From != kg.MustParseDate("1922-12-30") {
		t.Errorf("Soviet Union existence = %v %s–%s, want historical 1922-12-30–1991-12-26", su.Historical, su.From, su.To)
	}
	if !slices.Contains(su.SucceededBy, "Russia") {
		t.Errorf("Soviet Union SucceededBy = %v, want it to include Russia", su.SucceededBy)
	}
	if slices.Contains(ru.Demonyms, "Soviet") || slices.Contains(su.Demonyms, "Russian") {
		t.Errorf("demonyms mixed up: Russia %v, Soviet Union %v", ru.Demonyms, su.Demonyms)
	}
}

func TestStateOn(t *testing.T) {
	g := gazetteer.Default()
	tests := []struct {
		mention, on, want string
	}{
		{"Japanese", "2019-01-15", "Japan"},
		{"Soviets", "1987", "Soviet Union"},
		{"Soviet", "", "Soviet Union"},
		{"Russian", "2019", "Russia"},
		{"Russians", "1987-03-31", "Soviet Union"}, // walked back from Russia
		{"Russia", "1905-09", "Russian Empire"},
		{"Russian", "1905", "Russian Empire"},
		{"Moscow", "1987-04-08", "Soviet Union"},
		{"Moscow", "2019-01-15", "Russia"},
		{"the Kremlin", "1998-02-27", "Russia"},
		{"Kremlin", "1987-04-13", "Soviet Union"},
		{"Washington", "1987-03-27", "United States"},
		{"Tokyo", "1987", "Japan"},
		{"Peking", "1987-03-23", "China"},
		{"Bonn", "1985", "West Germany"},
		{"Bonn", "1995", "Germany"},
		{"West German", "1987", "West Germany"},
		{"Federal Republic of Germany", "1955", "West Germany"},
		{"Federal Republic of Germany", "2005", "Germany"},
		{"Republic of China", "1987-03-23", "Taiwan"},
		{"Republic of China", "1930", "China"},
		{"Czech", "1968", "Czechoslovakia"},
		{"Czech", "1999", "Czech Republic"},
		{"Prague", "1968", "Czechoslovakia"},
		{"Yugoslavia", "1999-03-12", "Serbia and Montenegro"},
		{"Yugoslav", "1980", "Yugoslavia"},
		{"Serbia", "1999", "Serbia and Montenegro"},
		{"Turkey", "1900", "Ottoman Empire"},
		{"Turkey", "1987", "Turkey"},
		{"Austria", "1900", "Austria-Hungary"},
		{"Vienna", "1979-06-18", "Austria"},
		{"Hanoi", "1968", "North Vietnam"},
		{"Saigon", "1968", "South Vietnam"},
		{"Vietnam", "1968", ""}, // North or South: ambiguous
		{"Vietnam", "1995", "Vietnam"},
		{"Ankara", "1987", "Turkey"},
		{"White House", "1987", "United States"},
		{"Downing Street", "1997", "United Kingdom"},
		{"Élysée", "2000", "France"},
		{"Elysee", "2000", "France"},
		{"Congolese", "2000", ""},
		{"Atlantis", "2000", ""},
	}
	for _, tc := range tests {
		t.Run(tc.mention+"@"+tc.on, func(t *testing.T) {
			s, ok := g.StateOn(tc.mention, kg.MustParseDate(tc.on))
			got := ""
			if ok {
				got = s.Name
			}
			if got != tc.want {
				t.Errorf("StateOn(%q, %s) = %q, want %q", tc.mention, tc.on, got, tc.want)
			}
		})
	}
}

func TestStateEntity(t *testing.T) {
	s, ok := gazetteer.Default().State("U.S.")
	if !ok {
		t.Fatal("no U.S.")
	}
	e := s.Entity()
	if e.ID != "state:united-states" || e.Kind != kg.State || e.Attrs["iso3"] != "USA" {
		t.Errorf("Entity() = %+v", e)
	}
	if diff := cmp.Diff([]string{"United States of America", "USA", "U.S.", "US", "U.S.A.", "America"}, e.Aliases); diff != "" {
		t.Errorf("Entity().Aliases (-want +got):\n%s", diff)
	}
}

func fsReadFile(name string) ([]byte, error) { return fs.ReadFile(gazetteer.Embedded(), name) }

func jsonHeader(b []byte, h *gazetteer.Header) error { return json.Unmarshal(b, h) }
