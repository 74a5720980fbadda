package events

import (
	"testing"

	"github.com/diplograph/diplograph/kg"
)

// This file tests the embedded CAMEO table from inside the package: its
// parser and the code mapping are unexported, and extraction tests
// (loader/events_test.go) check what they do to events.

// TestCAMEOTableParses checks that the embedded table parses and holds
// the verbs and patterns detection relies on.
func TestCAMEOTableParses(t *testing.T) {
	d, err := parseCameo(cameoTSV)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"telephoned", "visited", "hosted", "signed", "imposed", "recalled", "underlined"} {
		if len(d.verbs[key]) == 0 {
			t.Errorf("no verb %q", key)
		}
	}
	if b := d.blocks["SIGN"]; b == nil || len(b.byFirst["memorandum"]) == 0 {
		t.Errorf("SIGN has no pattern on a memorandum")
	}
}

func TestTypeOfCode(t *testing.T) {
	tests := []struct {
		code   string
		typ    kg.EventType
		detect bool
		ok     bool
	}{
		{"041", kg.Call, true, true},
		{"042", kg.Visit, true, true},
		{"043", kg.Visit, true, true},
		{"046", kg.Talks, true, true},
		{"040", kg.Meeting, false, true}, // by its prefix 04: consulting only codes
		{"057", kg.Signing, true, true},
		{"010", kg.Statement, false, true},
		{"163", kg.OtherEvent, true, true},
		{"1721", kg.OtherEvent, false, false}, // impose administrative sanctions: no mapping
		{"193", kg.OtherEvent, false, true},   // by its prefix 19
		{"017", "", false, false},             // a symbolic act is no statement
	}
	for _, tc := range tests {
		ct, ok := typeOfCode(tc.code)
		if ok != tc.ok || ok && (ct.typ != tc.typ || ct.detect != tc.detect) {
			t.Errorf("typeOfCode(%s) = %+v %v, want %s detect=%v %v", tc.code, ct, ok, tc.typ, tc.detect, tc.ok)
		}
	}
}

// BenchmarkCAMEOTable measures what the dictionary costs once per
// process: parsing the embedded table.
func BenchmarkCAMEOTable(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseCameo(cameoTSV); err != nil {
			b.Fatal(err)
		}
	}
}
