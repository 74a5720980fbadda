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

// TestGeneratedFileIsCurrent regenerates the table from the shared
// PETRARCH2 dictionary and fails if the committed file differs. Refresh
// with `go generate ./loader/events`.
func TestGeneratedFileIsCurrent(t *testing.T) {
	root, err := reporoot.Find()
	if err != nil {
		t.Fatal(err)
	}
	want, err := Generate(os.DirFS(filepath.Join(root, "..", "shared", "data")))
	if err != nil {
		t.Fatalf("generate (is ../shared beside the repository?): %v", err)
	}
	got, err := os.ReadFile(filepath.Join(root, "loader", "events", "data", "cameo.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("data/cameo.tsv is stale: run `go generate ./loader/events` and commit the result")
	}
}

func TestReadVerb(t *testing.T) {
	tests := []struct {
		line  string
		forms []string
		own   string
	}{
		{"MEET {MEETS MET MEETING} ", []string{"meet", "meets", "met", "meeting"}, ""},
		{"+MEET_WITH {+MET_WITH +MEETS_WITH +MEETING_WITH }", []string{"meet with", "met with", "meets with", "meeting with"}, ""},
		{"HOST", []string{"host", "hosts", "hosted", "hosting"}, ""},
		{"CONVENE [042] ", []string{"convene", "convenes", "convened", "convening"}, "042"},
		{"RECONVENE[---]", []string{"reconvene", "reconvenes", "reconvened", "reconvening"}, "---"},
		{"WIRE_+TAP", []string{"wire tap", "wire taps", "wire taped", "wire taping"}, ""}, // PETRARCH's rules double no consonant
		{"RATIFY {RATIFIES RATIFYING RATIFIED }", []string{"ratify", "ratifies", "ratifying", "ratified"}, ""},
		{"+CALL_UP", []string{"call up", "calls up", "called up", "calling up"}, ""},
		{"TELEPHONE", []string{"telephone", "telephones", "telephoned", "telephoning"}, ""},
		{"PUNISH", []string{"punish", "punishes", "punished", "punishing"}, ""},
		{"DENY", []string{"deny", "denies", "denied", "denying"}, ""},
	}
	for _, tc := range tests {
		forms, own := readVerb(tc.line)
		if !slices.Equal(forms, tc.forms) || own != tc.own {
			t.Errorf("readVerb(%q) = %q, %q; want %q, %q", tc.line, forms, own, tc.forms, tc.own)
		}
	}
}

func TestReadPattern(t *testing.T) {
	known := map[string]bool{"057": true, "043": true, "046": true, "0871": true, "163": true, "041": true, "080": true}
	tests := []struct {
		line         string
		object, code string
		ok           bool
	}{
		{"- * MEMORANDUM                                        [057]         # SIGN", "memorandum/memoranda", "057", true},
		{"- * {PEACE &TREATY}                                   [057:057]     # SIGN", "peace &treaty", "057", true},
		{"- * &TREATY (IN ^) (WITH)                             [057:057]     # SIGN", "&treaty ~ in ~ with", "057", true},
		{"- * (FOR TALKS)                                       [046:046]     # ARRIVE", "for ~ talks", "046", true},
		{"- * (IN {TELEPHONE CONVERSATION})                     [041:041]     # DISCUSS", "in ~ telephone conversation/conversations", "041", true},
		{"- * (BY/WITH PROTESTS)                                [141]         # CONFRONT", "", "", false}, // 141 not known here
		{"- * SANCTIONS                                         [163]         # IMPOSE", "sanctions", "163", true},
		{"- * DOWN (FROM)                                       [080!]        # BACK", "down ~ from", "080", true},
		{"- BOMBERS * CASUALTIES                                [195]         # CAUSE", "", "", false},   // constrains the subject
		{"- * MESSAGE                                           [:040]        # RECEIVE", "", "", false}, // codes the target only
		{"- * SESSION                                           [---]         # HOLD", "session/sessions", "---", true},
	}
	for _, tc := range tests {
		p, ok := readPattern(tc.line, known)
		if ok != tc.ok || ok && (p.object != tc.object || p.code != tc.code) {
			t.Errorf("readPattern(%q) = %q %q %v; want %q %q %v", tc.line, p.object, p.code, ok, tc.object, tc.code, tc.ok)
		}
	}
}

// TestGenerateCoversDiplomacy checks that the generated table codes the
// verbs and phrases the event stage relies on, so that a change of the
// dictionary or of the parser that loses them fails here.
func TestGenerateCoversDiplomacy(t *testing.T) {
	root, err := reporoot.Find()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate(os.DirFS(filepath.Join(root, "..", "shared", "data")))
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	lines := strings.Split(string(b), "\n")
	for _, want := range []string{
		"V\ttelephoned\tCALL\t041",
		"V\tvisited\tVISIT\t042",
		"V\thosted\tHOST\t043",
		"V\tmet with\tMEET_PEOPLE\t040",
		"P\tSIGN\tmemorandum/memoranda\t057",
		"P\tIMPOSE\tsanctions\t163",
		"P\tSEPARATE\tdiplomatic relations\t161",
		"S\t&treaty\ttreaty/treaties/pact/pacts/accord/accords/written_agreement/written_agreements/agreement/agreements",
	} {
		if !slices.Contains(lines, want) {
			t.Errorf("no line %q", want)
		}
	}
	for _, l := range lines {
		if strings.HasPrefix(l, "P\t") || strings.HasPrefix(l, "V\t") {
			if f := strings.Split(l, "\t"); len(f) != 4 || f[3] == "" {
				t.Errorf("malformed line %q", l)
			}
		}
	}
}
