package loader_test

import (
	"testing"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/loader/read"
)

// eventsOf extracts a small text and returns its graph.
func eventsOf(t *testing.T, text string) *loader.Graph {
	t.Helper()
	res := loader.Extract(read.ParseText("rule", "rule.txt", text))
	return loader.NewGraph([]*loader.Result{res})
}

// TestEventCAMEOCodes checks that events carry the fine CAMEO code the
// PETRARCH2 verb dictionary gives their words, and that the dictionary
// finds the acts it codes where the trigger lexicon has no word for them.
func TestEventCAMEOCodes(t *testing.T) {
	tests := []struct {
		name, text string
		typ        kg.EventType
		code       string
		parts      []string
	}{
		{"a telephone call by its verb", "Call\n2020-04-04\nPrime Minister Narendra Modi telephoned President Donald Trump on Saturday.",
			kg.Call, "041", []string{"person:narendra-modi", "person:donald-trump"}},
		{"talks held", "Talks\n2024-05-14\nForeign Minister Cho Tae-yul held talks with Foreign Minister Wang Yi in Beijing on Monday.",
			kg.Talks, "046", []string{"person:cho-tae-yul", "person:wang-yi"}},
		{"sanctions imposed", "Sanctions\n2022-03-01\nJapan imposed sanctions on Russia on Monday.",
			kg.OtherEvent, "163", []string{"state:japan", "state:russia"}},
		{"an ambassador recalled", "Envoy\n2019-01-15\nSouth Korea recalled its ambassador from Japan on Monday.",
			kg.OtherEvent, "161", []string{"state:south-korea"}},
		{"a memorandum signed", "MoU\n2019-01-15\nJapan and India signed a memorandum of understanding on Monday.",
			kg.Signing, "057", []string{"state:japan", "state:india"}},
		{"prisoners released", "Prisoners\n2019-09-08\nRussia and Ukraine released prisoners on Saturday.",
			kg.OtherEvent, "0841", []string{"state:russia", "state:ukraine"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := eventsOf(t, tc.text)
			for _, e := range g.Entities {
				if e.Kind != kg.Event || e.Type != tc.typ {
					continue
				}
				all := true
				for _, p := range tc.parts {
					all = all && len(edgesOf(g, kg.ParticipatedIn, p, e.ID)) > 0
				}
				if !all {
					continue
				}
				if got := e.Attributes["cameo"]; got != tc.code {
					t.Errorf("%s: cameo %q, want %q", e.Name, got, tc.code)
				}
				return
			}
			t.Errorf("no %s event of %v in %+v", tc.typ, tc.parts, g.Entities)
		})
	}
}
