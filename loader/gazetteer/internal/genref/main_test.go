package main

import (
	"bytes"
	"github.com/diplograph/diplograph/internal/reporoot"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestGeneratedFilesAreCurrent regenerates the tables from the shared
// GeoNames and PETRARCH2 data and fails if the committed files differ.
// Refresh with `go generate ./loader/gazetteer`.
func TestGeneratedFilesAreCurrent(t *testing.T) {
	root, err := reporoot.Find()
	if err != nil {
		t.Fatal(err)
	}
	pkg := filepath.Join(root, "loader", "gazetteer")
	files, err := Generate(os.DirFS(filepath.Join(root, "..", "shared", "data")), os.DirFS(pkg))
	if err != nil {
		t.Fatalf("generate (is ../shared beside the repository?): %v", err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(pkg, "data", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("data/%s is stale: run `go generate ./loader/gazetteer` and commit the result", name)
		}
	}
}

func TestTitleCase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"SERGEY_VIKTOROVICH_LAVROV_", "Sergey Viktorovich Lavrov"},
		{"JOHN_MCCAIN", "John McCain"},
		{"CONOR_O'BRIEN", "Conor O'Brien"},
		{"BASHAR_AL-ASSAD", "Bashar al-Assad"},
		{"SERGIO_VIEIRA_DE_MELLO", "Sergio Vieira de Mello"},
		{"GEORGE_P._SHULTZ", "George P. Shultz"},
		{"BAN_KI-MOON", "Ban Ki-Moon"},
	}
	for _, tc := range tests {
		if got := titleCase(words(tc.in)); got != tc.want {
			t.Errorf("titleCase(%s) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestClassify checks the split of the actor records into people and
// organizations on the records that decide it: an acronym, a company
// without a head word, a person whose name starts with a title, a
// mononym, and a country's own record.
func TestClassify(t *testing.T) {
	tests := []struct {
		rec        string
		kind, name string
	}{
		{"IAEA_ [IGOUNOIAE]", "ORGANIZATION", "IAEA"},
		{"CREXUS_INVESTMENT_ [MNCUSA]", "ORGANIZATION", "Crexus Investment"},
		{"ACME_STEEL_CO [MNCUSA]", "ORGANIZATION", "Acme Steel Co"},
		{"SECRETARY-GENERAL_BAN_KI-MOON\n\t[IGOUNO >20070101]", "PERSON", "Ban Ki-Moon"},
		{"SUHARTO_ [IDNGOV]", "", ""},
		{"INTERGOVERNMENTAL_AUTHORITY_ON_DEVELOPMENT_\t[IGOEAFDEVIAD]", "ORGANIZATION", "Intergovernmental Authority on Development"},
		// Undated phrases that read as names: a person with a known given
		// name, a group coded as one, and a building that is neither.
		{"LOUISE_ARBOUR_ [IGOUNOHRIHCH]", "PERSON", "Louise Arbour"},
		{"BLACK_SEPTEMBER_ [MEAREB]", "ORGANIZATION", "Black September"},
		{"WHITE_HOUSE_\n+THE_WHITE_HOUSE_\n+EXECUTIVE_OFFICE_OF_THE_PRESIDENT_OF_THE_UNITED_STATES_\n\t[USAGOV]", "ORGANIZATION", "White House"},
		{"WESTMINSTER_PALACE_ [GBRGOV]", "", ""},
	}
	given := map[string]bool{"Louise": true}
	for _, tc := range tests {
		as := readActors([]byte(tc.rec+"\n"), "petrarch2/Phoenix.International.actors.txt")
		if len(as) != 1 {
			t.Fatalf("%q: %d records", tc.rec, len(as))
		}
		kind, name := classify(as[0], given)
		if kind != tc.kind || name != tc.name {
			t.Errorf("classify(%q) = %s %q, want %s %q", tc.rec, kind, name, tc.kind, tc.name)
		}
	}
}

func TestTabariDate(t *testing.T) {
	for in, want := range map[string]string{"040309": "2004-03-09", "450703": "1945-07-03", "20070101": "2007-01-01", "2004017": "", "041332": ""} {
		if got := tabariDate(in); got != want {
			t.Errorf("tabariDate(%s) = %q, want %q", in, got, want)
		}
	}
	cs := parseCodes("[RUSGOV >20040309] [USAELI 18970101-450703] [EGYGOV > 140608] [---]")
	got := []string{}
	for _, c := range cs {
		got = append(got, c.code+":"+c.from+":"+c.to)
	}
	want := []string{"RUSGOV:2004-03-09:", "USAELI:1897-01-01:1945-07-03", "EGYGOV:2014-06-08:"}
	if !slices.Equal(got, want) {
		t.Errorf("parseCodes = %s, want %s", strings.Join(got, " "), strings.Join(want, " "))
	}
}
