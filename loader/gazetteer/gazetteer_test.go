package gazetteer_test

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
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
	if len(g.States) < 200 || len(g.Places) < 300 || len(g.Organizations) < 50 || len(g.Tenures) < 900 || len(g.Treaties) < 100 {
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
		if strings.HasSuffix(name, ".csv") || strings.HasSuffix(name, ".tsv") {
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

// TestGeoNamesAttributed guards the licence obligation of CC BY 4.0: the
// tables derived from GeoNames name it and the licence.
func TestGeoNamesAttributed(t *testing.T) {
	for _, name := range []string{"data/cities.tsv", "data/regions.json"} {
		b, err := fsReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "GeoNames (geonames.org)") || !strings.Contains(string(b), "CC BY 4.0") {
			t.Errorf("%s does not attribute GeoNames (geonames.org) under CC BY 4.0", name)
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
		{"Luxemburg", "Luxembourg"},
		{"Congo", ""},    // two states: deliberately ambiguous
		{"Japanese", ""}, // demonyms are not names
		{"Tokyo", ""},    // nor are capitals
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

// deliberatelyAmbiguous lists the keys several entries of one table share
// on purpose, with the reason. Any other shared name or alias is a mistake.
var deliberatelyAmbiguous = map[string]string{
	// States: names, official names, aliases.
	"congo":                       "both Congos; State reports false, the extractor decides by context",
	"federal republic of germany": "official name of Germany and of West Germany; StateOn picks West Germany before 1990",
	"republic of china":           "China before 1949, Taiwan after; StateOn decides by date",
	"yugoslavia":                  "the SFR Yugoslavia and the FR Yugoslavia (Serbia and Montenegro); StateOn decides by date",
	// States: demonyms, capitals, metonyms shared by a state and its
	// predecessor or successor, resolved by date.
	"belgrade":  "Yugoslavia, Serbia and Montenegro, Serbia",
	"bonn":      "West Germany, and Germany until the government moved to Berlin in 1999",
	"congolese": "both Congos",
	"hanoi":     "North Vietnam, Vietnam",
	"kremlin":   "Soviet Union, Russia",
	"moscow":    "Soviet Union, Russia",
	"prague":    "Czechoslovakia, Czech Republic",
	"sanaa":     "North Yemen, Yemen",
	"vienna":    "Austria-Hungary, Austria",
	"yugoslav":  "Yugoslavia, Serbia and Montenegro",
	"yugoslavs": "Yugoslavia, Serbia and Montenegro",
}

func TestNoUnexpectedSharedNames(t *testing.T) {
	g := gazetteer.Default()
	type entry struct {
		table string
		names []string
		id    string
	}
	var entries []entry
	for _, s := range g.States {
		entries = append(entries, entry{"state names", append([]string{s.Name, s.Official}, s.Aliases...), s.Name})
		entries = append(entries, entry{"state demonyms, capitals, metonyms", slices.Concat(s.Demonyms, s.Capitals, s.Metonyms), s.Name})
	}
	for _, p := range g.Places {
		entries = append(entries, entry{"places", append([]string{p.Name}, p.Aliases...), p.Name})
	}
	for _, o := range g.Organizations {
		entries = append(entries, entry{"organizations", append([]string{o.Name}, o.Aliases...), o.Name})
	}
	for _, tr := range g.Treaties {
		entries = append(entries, entry{"treaties", append([]string{tr.Name}, tr.Aliases...), tr.Name})
	}
	owners := map[string]map[string]map[string]bool{} // table → key → entry ids
	for _, e := range entries {
		if owners[e.table] == nil {
			owners[e.table] = map[string]map[string]bool{}
		}
		for _, n := range e.names {
			k := gazetteer.Key(n)
			if k == "" {
				continue
			}
			if owners[e.table][k] == nil {
				owners[e.table][k] = map[string]bool{}
			}
			owners[e.table][k][e.id] = true
		}
	}
	used := map[string]bool{}
	for table, keys := range owners {
		for k, ids := range keys {
			if len(ids) < 2 {
				continue
			}
			if _, ok := deliberatelyAmbiguous[k]; ok {
				used[k] = true
				continue
			}
			t.Errorf("%s: %q names %v; make it unique or add it to deliberatelyAmbiguous with a reason", table, k, slices.Sorted(maps.Keys(ids)))
		}
	}
	for k := range deliberatelyAmbiguous {
		if !used[k] {
			t.Errorf("deliberatelyAmbiguous lists %q, which is no longer shared", k)
		}
	}
}

func TestHistoricalStates(t *testing.T) {
	g := gazetteer.Default()
	want := []string{"Soviet Union", "Russian Empire", "East Germany", "West Germany", "Yugoslavia", "Serbia and Montenegro",
		"Czechoslovakia", "Ottoman Empire", "Prussia", "Austria-Hungary", "South Vietnam", "North Vietnam", "South Yemen", "North Yemen"}
	for _, name := range want {
		s, ok := g.State(name)
		if !ok {
			t.Errorf("no state %q", name)
			continue
		}
		if !s.Historical || s.To.IsZero() || s.From.IsZero() || len(s.SucceededBy) == 0 || s.ISO3 != "" {
			t.Errorf("%s: historical=%v from=%q to=%q succeeded by %v iso3=%q; want a bounded historical state with successors and no ISO code",
				s.Name, s.Historical, s.From, s.To, s.SucceededBy, s.ISO3)
		}
	}
	for _, s := range g.States {
		if !s.Historical && s.ISO3 == "" && s.Name != "Kosovo" {
			t.Errorf("current state %s has no ISO3 code", s.Name)
		}
	}
	// The Cook Islands and Niue are in free association with New Zealand
	// but conduct their own foreign relations (treaties, diplomatic
	// relations with Canada, China, the EU): in this domain they are states.
	if n := len(g.States) - len(want); n != 199 {
		t.Errorf("%d current states, want 199 (193 UN members, the Holy See, Palestine, Taiwan, Kosovo, the Cook Islands, Niue)", n)
	}
}

func date(s string) kg.Date { return kg.MustParseDate(s) }

// tenure is the part of a Tenure the spot checks compare.
type tenure struct {
	Person, Role, State string
	From, To            string
}

func brief(ts []gazetteer.Tenure) []tenure {
	var out []tenure
	for _, t := range ts {
		st := t.State
		if st == "" {
			st = t.Organization
		}
		out = append(out, tenure{t.Person, t.Role, st, t.From.String(), t.To.String()})
	}
	return out
}

func TestHoldersOn(t *testing.T) {
	g := gazetteer.Default()
	tests := []struct {
		name, on string
		want     []tenure
	}{
		{"Putin", "2019-01-15", []tenure{{"Vladimir Putin", "President", "Russia", "2012-05-07", ""}}},
		{"Vladimir Putin", "", []tenure{
			{"Vladimir Putin", "Acting Prime Minister", "Russia", "1999-08-09", "1999-08-16"},
			{"Vladimir Putin", "Prime Minister", "Russia", "1999-08-16", "2000-05-07"},
			{"Vladimir Putin", "Acting President", "Russia", "1999-12-31", "2000-05-07"},
			{"Vladimir Putin", "President", "Russia", "2000-05-07", "2008-05-07"},
			{"Vladimir Putin", "Prime Minister", "Russia", "2008-05-08", "2012-05-07"},
			{"Vladimir Putin", "President", "Russia", "2012-05-07", ""},
		}},
		{"Shultz", "1987", []tenure{{"George Shultz", "Secretary of State", "United States", "1982-07-16", "1989-01-20"}}},
		{"George P. Shultz", "1986", []tenure{{"George Shultz", "Secretary of State", "United States", "1982-07-16", "1989-01-20"}}},
		{"George Pratt Shultz", "1986", []tenure{{"George Shultz", "Secretary of State", "United States", "1982-07-16", "1989-01-20"}}},
		{"Shinzo Abe", "", []tenure{
			{"Shinzo Abe", "Prime Minister", "Japan", "2006-09-26", "2007-09-26"},
			{"Shinzo Abe", "Prime Minister", "Japan", "2012-12-26", "2020-09-16"},
		}},
		{"Abe", "2019-01-15", []tenure{{"Shinzo Abe", "Prime Minister", "Japan", "2012-12-26", "2020-09-16"}}},
		{"Abe", "1984", []tenure{{"Shintaro Abe", "Foreign Minister", "Japan", "1982-11-27", "1986-07-22"}}},
		{"Kono", "2019-01-14", []tenure{{"Taro Kono", "Foreign Minister", "Japan", "2017-08-03", "2019-09-11"}}},
		{"Sergei Lavrov", "2019-01-14", []tenure{{"Sergey Lavrov", "Foreign Minister", "Russia", "2004-03-09", ""}}},
		{"Shevardnadze", "1987-04-13", []tenure{{"Eduard Shevardnadze", "Foreign Minister", "Soviet Union", "1985-07-02", "1990-12-20"}}},
		{"Edward Shevardnadze", "1987", []tenure{{"Eduard Shevardnadze", "Foreign Minister", "Soviet Union", "1985-07-02", "1990-12-20"}}},
		{"Nakasone", "1987-04-27", []tenure{{"Yasuhiro Nakasone", "Prime Minister", "Japan", "1982-11-27", "1987-11-06"}}},
		{"Reagan", "1987-03-03", []tenure{{"Ronald Reagan", "President", "United States", "1981-01-20", "1989-01-20"}}},
		{"Gorbachev", "1987-03-03", []tenure{{"Mikhail Gorbachev", "General Secretary", "Soviet Union", "1985-03-11", "1991-08-24"}}},
		{"Gorbachev", "1991-10", []tenure{{"Mikhail Gorbachev", "President", "Soviet Union", "1990-03-15", "1991-12-25"}}},
		{"Downer", "2002-02-22", []tenure{{"Alexander Downer", "Minister for Foreign Affairs", "Australia", "1996-03-11", "2007-12-03"}}},
		{"Gareth Evans", "1991-03-21", []tenure{{"Gareth Evans", "Minister for Foreign Affairs", "Australia", "1988-09-02", "1996-03-11"}}},
		{"Thatcher", "1987-03-22", []tenure{{"Margaret Thatcher", "Prime Minister", "United Kingdom", "1979-05-04", "1990-11-28"}}},
		{"Chirac", "1987-03-31", []tenure{{"Jacques Chirac", "Prime Minister", "France", "1986-03-20", "1988-05-10"}}},
		{"Chirac", "2000", []tenure{{"Jacques Chirac", "President", "France", "1995-05-17", "2007-05-16"}}},
		{"King Fahd", "1987-03-22", []tenure{{"Fahd of Saudi Arabia", "King", "Saudi Arabia", "1982-06-13", "2005-08-01"}}},
		{"Abdullah bin Abdul Aziz", "1987-10-19", []tenure{{"Abdullah of Saudi Arabia", "Crown Prince", "Saudi Arabia", "1982-06-13", "2005-08-01"}}},
		{"George Bush", "1987-10-19", []tenure{{"George H. W. Bush", "Vice President", "United States", "1981-01-20", "1989-01-20"}}},
		{"Bush", "1990-08-15", []tenure{{"George H. W. Bush", "President", "United States", "1989-01-20", "1993-01-20"}}},
		{"Albright", "1999-03-12", []tenure{{"Madeleine Albright", "Secretary of State", "United States", "1997-01-23", "2001-01-20"}}},
		{"Halefoglu", "1987-03-16", []tenure{{"Vahit Halefoğlu", "Foreign Minister", "Turkey", "1983-12-13", "1987-12-21"}}},
		{"Kuranari", "1987-04-27", []tenure{{"Tadashi Kuranari", "Foreign Minister", "Japan", "1986-07-22", "1987-11-06"}}},
		{"Kofi Annan", "1998", []tenure{{"Kofi Annan", "Secretary-General", "United Nations", "1997-01-01", "2006-12-31"}}},
		{"Solana", "1999-03-12", []tenure{{"Javier Solana", "Secretary General", "NATO", "1995-12-05", "1999-10-06"}}},
		{"Netanyahu", "2013-03-22", []tenure{{"Benjamin Netanyahu", "Prime Minister", "Israel", "2009-03-31", "2021-06-13"}}},
		{"Erdogan", "2013-03-22", []tenure{{"Recep Tayyip Erdoğan", "Prime Minister", "Turkey", "2003-03-14", "2014-08-28"}}},
		{"Kharrazi", "2002-06-19", []tenure{{"Kamal Kharazi", "Foreign Minister", "Iran", "1997-08-20", "2005-08-24"}}},
		{"Dini", "1997-01-22", []tenure{{"Lamberto Dini", "Foreign Minister", "Italy", "1996-05", "2001-06-11"}}},
		{"Atlantis Smith", "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name+"@"+tc.on, func(t *testing.T) {
			got := brief(g.HoldersOn(tc.name, date(tc.on)))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("HoldersOn(%q, %q) mismatch (-want +got):\n%s", tc.name, tc.on, diff)
			}
		})
	}
}

func TestHoldersOf(t *testing.T) {
	g := gazetteer.Default()
	tests := []struct {
		of, role, on string
		want         []string
	}{
		{"Japan", "Foreign Minister", "2019-01-14", []string{"Taro Kono"}},
		{"Russia", "Foreign Minister", "2019-01-14", []string{"Sergey Lavrov"}},
		{"U.S.", "Secretary of State", "1987-04-13", []string{"George Shultz"}},
		{"USSR", "foreign minister", "1987-04-13", []string{"Eduard Shevardnadze"}},
		{"Britain", "Prime Minister", "1997-01-22", []string{"John Major"}},
		{"UK", "Foreign Secretary", "1997-01-22", []string{"Malcolm Rifkind"}},
		{"Australia", "Minister for Foreign Affairs", "2002-12-23", []string{"Alexander Downer"}},
		{"New Zealand", "Foreign Minister", "2002-12-23", []string{"Phil Goff"}},
		{"Kenya", "President", "1998-08-18", []string{"Daniel arap Moi"}},
		{"Poland", "President", "1999-02-26", []string{"Aleksander Kwaśniewski"}},
		{"Czech Republic", "President", "1999-02-26", []string{"Václav Havel"}},
		{"Hungary", "Prime Minister", "1999-03-12", []string{"Viktor Orbán"}},
		{"UN", "Secretary-General", "1998-02-13", []string{"Kofi Annan"}},
		{"Germany", "Chancellor", "1987", nil}, // West Germany's chancellor then
		{"West Germany", "Chancellor", "1987", []string{"Helmut Kohl"}},
		{"Atlantis", "King", "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.of+"/"+tc.role+"@"+tc.on, func(t *testing.T) {
			var got []string
			for _, h := range g.HoldersOf(tc.of, tc.role, date(tc.on)) {
				got = append(got, h.Person)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("HoldersOf(%q, %q, %q) mismatch (-want +got):\n%s", tc.of, tc.role, tc.on, diff)
			}
		})
	}
}

// TestTenuresDoNotOverlap catches typos in dates: two terms of the same
// office must not overlap, except where imprecise dates make it possible
// (a term ending on 1972-01-06 and one starting in "1972-01").
func TestTenuresDoNotOverlap(t *testing.T) {
	type office struct{ of, role string }
	byOffice := map[office][]gazetteer.Tenure{}
	for _, tn := range gazetteer.Default().Tenures {
		o := office{tn.State + tn.Organization, tn.Role}
		byOffice[o] = append(byOffice[o], tn)
	}
	for o, ts := range byOffice {
		slices.SortFunc(ts, func(a, b gazetteer.Tenure) int { return a.From.Compare(b.From) })
		for i := 1; i < len(ts); i++ {
			prev, next := ts[i-1], ts[i]
			if prev.To.IsZero() {
				t.Errorf("%s %s: %s (%s–) is ongoing but %s starts %s", o.of, o.role, prev.Person, prev.From, next.Person, next.From)
				continue
			}
			if next.From.LastKey() < prev.To.FirstKey() {
				t.Errorf("%s %s: %s (%s–%s) overlaps %s (from %s)", o.of, o.role, prev.Person, prev.From, prev.To, next.Person, next.From)
			}
		}
	}
}

func TestTreatyLookup(t *testing.T) {
	g := gazetteer.Default()
	tests := []struct {
		name     string
		want     string
		date     string
		parties  []string
		status   kg.Status
		replaces []string
	}{
		{"1956 Declaration", "Soviet-Japanese Joint Declaration", "1956-10-19", []string{"Japan", "Soviet Union"}, kg.InForce, nil},
		{"Japan-Soviet Joint Declaration", "Soviet-Japanese Joint Declaration", "1956-10-19", []string{"Japan", "Soviet Union"}, kg.InForce, nil},
		{"Soviet–Japanese Joint Declaration of 1956", "Soviet-Japanese Joint Declaration", "1956-10-19", []string{"Japan", "Soviet Union"}, kg.InForce, nil},
		{"INF Treaty", "Intermediate-Range Nuclear Forces Treaty", "1987-12-08", []string{"United States", "Soviet Union"}, kg.Terminated, nil},
		{"US-Japan Security Treaty", "Treaty of Mutual Cooperation and Security between the United States and Japan", "1960-01-19", []string{"United States", "Japan"}, kg.InForce, []string{"Security Treaty Between the United States and Japan"}},
		{"Japan-U.S. security treaty", "Treaty of Mutual Cooperation and Security between the United States and Japan", "1960-01-19", []string{"United States", "Japan"}, kg.InForce, []string{"Security Treaty Between the United States and Japan"}},
		{"Security Treaty", "Treaty of Mutual Cooperation and Security between the United States and Japan", "1960-01-19", []string{"United States", "Japan"}, kg.InForce, []string{"Security Treaty Between the United States and Japan"}},
		{"Portsmouth Treaty", "Treaty of Portsmouth", "1905-09-05", []string{"Japan", "Russian Empire"}, kg.Terminated, nil},
		{"Limited Test Ban Treaty", "Partial Nuclear Test Ban Treaty", "1963-08-05", []string{"United States", "United Kingdom", "Soviet Union"}, kg.InForce, nil},
		{"LTBT", "Partial Nuclear Test Ban Treaty", "1963-08-05", []string{"United States", "United Kingdom", "Soviet Union"}, kg.InForce, nil},
		{"Warsaw Treaty", "Warsaw Pact", "1955-05-14", []string{"Soviet Union", "Albania", "Poland", "Czechoslovakia", "Hungary", "Bulgaria", "Romania", "East Germany"}, kg.Terminated, nil},
		{"ABM treaty", "Anti-Ballistic Missile Treaty", "1972-05-26", []string{"United States", "Soviet Union"}, kg.Terminated, nil},
		{"SALT II", "SALT II", "1979-06-18", []string{"United States", "Soviet Union"}, kg.Signed, nil},
		{"ANZUS", "ANZUS Treaty", "1951-09-01", []string{"Australia", "New Zealand", "United States"}, kg.InForce, nil},
		{"Taft-Katsura agreement", "Taft-Katsura Agreement", "1905-07", []string{"United States", "Japan"}, kg.Signed, nil},
		{"New START", "New START", "2010-04-08", []string{"United States", "Russia"}, kg.InForce, []string{"Strategic Offensive Reductions Treaty"}},
		{"Ishii-Lansing Agreement", "Lansing-Ishii Agreement", "1917-11-02", []string{"United States", "Japan"}, kg.Terminated, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr, ok := g.Treaty(tc.name)
			if !ok {
				t.Fatalf("Treaty(%q) found nothing", tc.name)
			}
			if tr.Name != tc.want || tr.Date.String() != tc.date || tr.Status != tc.status {
				t.Errorf("Treaty(%q) = %q %s %s, want %q %s %s", tc.name, tr.Name, tr.Date, tr.Status, tc.want, tc.date, tc.status)
			}
			if diff := cmp.Diff(tc.parties, tr.Parties); diff != "" {
				t.Errorf("parties (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.replaces, tr.Replaces); diff != "" {
				t.Errorf("replaces (-want +got):\n%s", diff)
			}
		})
	}
	if _, ok := g.Treaty("Treaty of Atlantis"); ok {
		t.Error("Treaty found a treaty that does not exist")
	}
}

func TestPlaceLookup(t *testing.T) {
	g := gazetteer.Default()
	tests := []struct{ name, want, typ, state string }{
		{"Kurile Islands", "Kuril Islands", "islands", ""},
		{"Kurils", "Kuril Islands", "islands", ""},
		{"Northern Territories", "Kuril Islands", "islands", ""},
		{"Diaoyu Islands", "Senkaku Islands", "islands", ""},
		{"Peking", "Beijing", "city", "China"},
		{"Washington", "Washington, D.C.", "city", "United States"},
		{"Moscow", "Moscow", "city", "Russia"},
		{"Geneva", "Geneva", "city", "Switzerland"},
		{"Camp David", "Camp David", "site", "United States"},
		{"Portsmouth", "Portsmouth, New Hampshire", "city", "United States"},
		{"the Gulf", "Persian Gulf", "sea", ""},
		{"Macao", "Macau", "territory", "China"},
		{"Hong Kong", "Hong Kong", "territory", "China"},
		{"Crimea", "Crimea", "peninsula", ""},
		{"Falklands", "Falkland Islands", "territory", ""},
		{"Jerusalem", "Jerusalem", "city", ""},
		{"Saigon", "Ho Chi Minh City", "city", "Vietnam"},
		{"Leningrad", "Saint Petersburg", "city", "Russia"},
		{"Port Arthur", "Lüshunkou District", "city", "China"},
		{"New York", "New York City", "city", "United States"},
		{"The Hague", "The Hague", "city", "Netherlands"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, ok := g.Place(tc.name)
			if !ok {
				t.Fatalf("Place(%q) found nothing", tc.name)
			}
			if p.Name != tc.want || p.Type != tc.typ || p.State != tc.state {
				t.Errorf("Place(%q) = %q %s in %q, want %q %s in %q", tc.name, p.Name, p.Type, p.State, tc.want, tc.typ, tc.state)
			}
		})
	}
	if _, ok := g.Place("Georgia"); ok {
		t.Error(`Place("Georgia") found a place; in this domain Georgia is the state`)
	}
}

func TestOrganizationLookup(t *testing.T) {
	g := gazetteer.Default()
	tests := []struct{ name, want, typ, state string }{
		{"U.N.", "United Nations", "international", ""},
		{"UN", "United Nations", "international", ""},
		{"NATO", "NATO", "international", ""},
		{"North Atlantic Treaty Organization", "NATO", "international", ""},
		{"EU", "European Union", "international", ""},
		{"EC", "European Community", "international", ""},
		{"ASEAN", "ASEAN", "international", ""},
		{"OPEC", "OPEC", "international", ""},
		{"Organization of Petroleum Exporting Countries", "OPEC", "international", ""},
		{"IAEA", "International Atomic Energy Agency", "international", ""},
		{"Security Council", "United Nations Security Council", "international", ""},
		{"Warsaw Treaty Organization", "Warsaw Treaty Organization", "international", ""},
		{"CSCE", "Conference on Security and Co-operation in Europe", "international", ""},
		{"EIR", "Executive Intelligence Review", "news", "United States"},
		{"EIRNS", "Executive Intelligence Review", "news", "United States"},
		{"REUTER", "Reuters", "news", "United Kingdom"},
		{"Kyodo", "Kyodo News", "news", "Japan"},
		{"Xinhua", "Xinhua News Agency", "news", "China"},
		{"ITAR-Tass", "TASS", "news", "Russia"},
		{"Diet", "National Diet", "parliament", "Japan"},
		{"Duma", "State Duma", "parliament", "Russia"},
		{"U.S. Congress", "United States Congress", "parliament", "United States"},
		{"Peruvian Congress", "Congress of the Republic of Peru", "parliament", "Peru"},
		{"LDP", "Liberal Democratic Party (Japan)", "party", "Japan"},
		{"State Department", "United States Department of State", "agency", "United States"},
		{"DFAT", "Department of Foreign Affairs and Trade (Australia)", "agency", "Australia"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, ok := g.Organization(tc.name)
			if !ok {
				t.Fatalf("Organization(%q) found nothing", tc.name)
			}
			if o.Name != tc.want || o.Type != tc.typ || o.State != tc.state {
				t.Errorf("Organization(%q) = %q %s %q, want %q %s %q", tc.name, o.Name, o.Type, o.State, tc.want, tc.typ, tc.state)
			}
		})
	}
}

// sharedDir returns ../shared next to the repository root, where the
// project keeps its data (CI has it there too).
func sharedDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// TestUSPresidentsMatchOfficeOfTheHistorian checks the presidents' terms
// against the Office of the Historian's own list (CC0), which they were
// taken from.
func TestUSPresidentsMatchOfficeOfTheHistorian(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(sharedDir(t), "data", "us_state_dept_history", "travels", "presidents", "presidents.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Presidents []struct {
			Name string `xml:"name"`
			Took string `xml:"took-office-date"`
			Left string `xml:"left-office-date"`
		} `xml:"president"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	type term struct{ from, to string }
	var want []term
	for _, p := range doc.Presidents {
		if p.Took >= "1933" {
			want = append(want, term{p.Took, p.Left})
		}
	}
	var got []term
	for _, tn := range gazetteer.Default().HoldersOf("United States", "President", kg.Date{}) {
		if tn.From.String() >= "1933" {
			got = append(got, term{tn.From.String(), tn.To.String()})
		}
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(term{})); diff != "" {
		t.Errorf("US presidents since 1933 differ from presidents.xml (-xml +gazetteer):\n%s", diff)
	}
}

// goldFile is the part of a gold annotation (../shared/corpus/GOLD.md) the
// coverage test reads.
type goldFile struct {
	File      string `json:"file"`
	Published string `json:"published"`
	Entities  []struct {
		Kind     string   `json:"kind"`
		Name     string   `json:"name"`
		Mentions []string `json:"mentions"`
		Role     string   `json:"role"`
	} `json:"entities"`
}

func readGold(t *testing.T) []goldFile {
	t.Helper()
	corpus := filepath.Join(sharedDir(t), "corpus")
	paths, err := filepath.Glob(filepath.Join(corpus, "gold", "*.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	seed, _ := filepath.Glob(filepath.Join(corpus, "seed", "*.gold.json"))
	paths = append(paths, seed...)
	if len(paths) == 0 {
		t.Fatal("no gold annotations under ../shared/corpus")
	}
	var out []goldFile
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var g goldFile
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if g.Published == "" {
			// Undated essays: the first year of the period in the title
			// ("The Treaty of Portsmouth and the Russo-Japanese War,
			// 1904–1905") is the time the text is about.
			title, _ := os.ReadFile(filepath.Join(corpus, "articles", g.File))
			if m := regexp.MustCompile(`\b(1[89]\d\d|20\d\d)\b`).FindString(strings.SplitN(string(title), "\n", 2)[0]); m != "" {
				g.Published = m
			}
		}
		out = append(out, g)
	}
	return out
}

// TestGoldStateMentionsResolve checks the gazetteer against the project's
// gold annotations: every name, alias, demonym or capital an annotator
// tied to a state resolves to that state on the article's date.
func TestGoldStateMentionsResolve(t *testing.T) {
	g := gazetteer.Default()
	for _, gf := range readGold(t) {
		for _, e := range gf.Entities {
			if e.Kind != "STATE" {
				continue
			}
			for _, m := range e.Mentions {
				// Descriptions, not names: "the island nation", "Japanese
				// Government".
				if strings.Contains(m, "Government") || strings.Contains(m, "island nation") {
					continue
				}
				s, ok := g.StateOn(m, kg.MustParseDate(gf.Published))
				if !ok || s.Name != e.Name {
					got := ""
					if ok {
						got = s.Name
					}
					t.Errorf("%s (%s): StateOn(%q) = %q, gold says %q", gf.File, gf.Published, m, got, e.Name)
				}
			}
		}
	}
}

// TestGoldOfficeHoldersAreKnown checks that the heads of state and
// government and foreign ministers the gold annotations name are in the
// tenures table.
func TestGoldOfficeHoldersAreKnown(t *testing.T) {
	g := gazetteer.Default()
	offices := regexp.MustCompile(`(?i)^(president|prime minister|premier|foreign minister|secretary of state|foreign secretary|minister for foreign affairs|king|pope|secretary general of the un)$`)
	for _, gf := range readGold(t) {
		for _, e := range gf.Entities {
			if e.Kind != "PERSON" || !offices.MatchString(e.Role) {
				continue
			}
			if len(g.HoldersOn(e.Name, kg.Date{})) == 0 {
				t.Errorf("%s: %s (%s) is not in the tenures table", gf.File, e.Name, e.Role)
			}
		}
	}
}

func TestEntities(t *testing.T) {
	g := gazetteer.Default()
	tr, _ := g.Treaty("1956 Declaration")
	te := tr.Entity()
	if te.ID != "treaty:soviet-japanese-joint-declaration" || te.Kind != kg.Treaty || te.Date != date("1956-10-19") || te.Status != kg.InForce {
		t.Errorf("Treaty.Entity() = %+v", te)
	}
	h := g.HoldersOn("Lavrov", date("2019-01-14"))
	if len(h) != 1 {
		t.Fatalf("HoldersOn(Lavrov) = %v", h)
	}
	pe := h[0].Entity()
	want := map[string]string{"role": "Foreign Minister", "state": "Russia"}
	if pe.ID != "person:sergey-lavrov" || pe.Kind != kg.Person || !maps.Equal(pe.Attrs, want) {
		t.Errorf("Tenure.Entity() = %+v", pe)
	}
	p, _ := g.Place("Kurils")
	if e := p.Entity(); e.ID != "place:kuril-islands" || e.Attrs["type"] != "islands" || e.Attrs["state"] != "" {
		t.Errorf("Place.Entity() = %+v", e)
	}
	o, _ := g.Organization("NATO")
	if e := o.Entity(); e.ID != "organization:nato" || e.Attrs["type"] != "international" {
		t.Errorf("Organization.Entity() = %+v", e)
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := gazetteer.Load(gazetteer.Embedded()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStateOn(b *testing.B) {
	g := gazetteer.Default()
	on := date("1987-04-13")
	g.StateOn("Moscow", on) // build the index outside the loop
	for b.Loop() {
		g.StateOn("Russians", on)
	}
}

func BenchmarkHoldersOn(b *testing.B) {
	g := gazetteer.Default()
	on := date("1987-04-13")
	g.HoldersOn("Shultz", on)
	for b.Loop() {
		g.HoldersOn("Shultz", on)
	}
}

// TestReferenceLookups checks the lookups of the generated tables on the
// names the issue found missing: cities outside the curated table, people
// of the Phoenix dictionaries written another way, and the state a
// person's code names on a date.
func TestReferenceLookups(t *testing.T) {
	g := gazetteer.Default()
	for name, state := range map[string]string{"Busan": "South Korea", "Pusan": "South Korea", "Naqoura": "Lebanon", "Alofi": "", "Mobile": "United States"} {
		cs := g.CitiesNamed(name)
		if len(cs) == 0 {
			t.Errorf("CitiesNamed(%q) found nothing", name)
			continue
		}
		if cs[0].State != state && name != "Alofi" {
			t.Errorf("CitiesNamed(%q)[0] = %s in %q, want in %q", name, cs[0].Name, cs[0].State, state)
		}
	}
	if cs := g.CitiesNamed("Washington"); len(cs) < 2 || cs[0].Population < cs[1].Population {
		t.Errorf("CitiesNamed(Washington) = %d cities, not most populous first", len(cs))
	}
	for text, want := range map[string]string{"Yuri Ushakov": "Yuriy Ushakov", "Minni Minnawi": "Minni Arkou Minnawi", "Malik Agar": "Malik Agar Ayar", "Igor Sechin": "Igor Sechin", "Sergei Lavrov": "Sergey Lavrov"} {
		ps := g.PeopleLike(text)
		if !slices.ContainsFunc(ps, func(a *gazetteer.Actor) bool { return a.Name == want }) {
			var got []string
			for _, p := range ps {
				got = append(got, p.Name)
			}
			t.Errorf("PeopleLike(%q) = %q, want %q among them", text, got, want)
		}
	}
	if ps := g.PeopleLike("Ana Lourenço"); len(ps) != 2 || g.PeopleLike("João Lourenço") != nil {
		t.Errorf("PeopleLike mixes first names: Ana Lourenço → %d, João Lourenço → %d", len(ps), len(g.PeopleLike("João Lourenço")))
	}
	for w, want := range map[string]bool{"Jeremiah": true, "João": true, "Abdelaziz": true, "Sergei": true, "Private": false, "Normal": false, "Energy": false, "Crexus": false} {
		if got := g.GivenName(w); got != want {
			t.Errorf("GivenName(%q) = %v, want %v", w, got, want)
		}
	}
	lavrov := g.ActorsNamed("Sergey Lavrov")
	if len(lavrov) != 1 {
		t.Fatalf("ActorsNamed(Sergey Lavrov) = %d", len(lavrov))
	}
	if s, c, ok := g.Affiliation(lavrov[0], kg.MustParseDate("2010-05-01")); !ok || s != "Russia" || c.Sector() != "GOV" {
		t.Errorf("Affiliation(Lavrov, 2010) = %q %v %v, want Russia, GOV", s, c, ok)
	}
	if orgs := g.ActorsNamed("Intergovernmental Authority on Development"); len(orgs) != 1 || orgs[0].Kind != kg.Organization {
		t.Errorf("ActorsNamed(IGAD) = %v", orgs)
	}
}

// TestTreatyEnded checks where a treaty's end comes from: the curated
// table's end first, then the entry into force of the treaty that replaced
// it, then the end ATOP records; and that a record in effect gives none.
func TestTreatyEnded(t *testing.T) {
	g := gazetteer.Default()
	tests := []struct {
		treaty, end string
		from        gazetteer.Dataset
	}{
		{"Anglo-Japanese Alliance", "1923-08-17", gazetteer.Treaties},
		{"Convention of Kanagawa", "1858-07-29", gazetteer.Treaties},
		{"Root-Takahira Agreement", "1910-07-04", gazetteer.ATOP},
		{"Yalta Agreement", "1945-08-14", gazetteer.ATOP},
		{"Treaty of Mutual Cooperation and Security between the United States and Japan", "", gazetteer.Dataset{}},
		{"Treaty of Portsmouth", "", gazetteer.Dataset{}},
	}
	for _, tc := range tests {
		tr, ok := g.Treaty(tc.treaty)
		if !ok {
			t.Fatalf("no treaty %q", tc.treaty)
		}
		end, ds := g.Ended(tr)
		if end.String() != tc.end || ds.Key != tc.from.Key {
			t.Errorf("Ended(%s) = %s from %q, want %s from %q", tc.treaty, end, ds.Key, tc.end, tc.from.Key)
		}
	}
	anpo, _ := g.Treaty("Treaty of Mutual Cooperation and Security between the United States and Japan")
	if anpo.Record == nil || !anpo.Record.InEffect || anpo.Record.Source.Key != "atop" {
		t.Errorf("1960 treaty's record = %+v, want ATOP in effect", anpo.Record)
	}
}
