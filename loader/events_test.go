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
		{"prisoners exchanged", "Prisoners\n2024-01-16\nRussia and Ukraine exchanged prisoners on Monday.",
			kg.OtherEvent, "0841", []string{"state:russia", "state:ukraine"}},
		{"a ceasefire declared", "Truce\n2024-01-16\nIsrael and Hamas declared a ceasefire on Monday.",
			kg.OtherEvent, "0871", []string{"state:israel", "organization:hamas"}},
		{"relations established", "Relations\n2024-01-16\nNiue and Canada established diplomatic relations on Monday.",
			kg.OtherEvent, "054", []string{"state:niue", "state:canada"}},
		{"relations severed", "Relations\n2024-01-16\nBolivia severed diplomatic relations with Israel on Monday.",
			kg.OtherEvent, "161", []string{"state:bolivia", "state:israel"}},
		{"a guest received", "Visit\n2024-01-16\nForeign Minister Wang Yi received Secretary of State Antony Blinken in Beijing on Monday.",
			kg.Visit, "043", []string{"person:wang-yi", "person:antony-blinken"}},
		{"a video call", "Call\n2024-01-16\nPresident Biden held a video call with President Xi Jinping on Monday.",
			kg.Call, "041", []string{"person:joe-biden", "person:xi-jinping"}},
		{"a summit agreed", "Summit\n2024-01-16\nJapan and China agreed on Monday to hold a summit in Tokyo next month.",
			kg.Summit, "036", []string{"state:japan", "state:china"}},
		{"an envoy summoned", "Envoy\n2024-01-16\nChina summoned the Japanese ambassador on Monday.",
			kg.Summons, "114", []string{"state:china", "state:japan"}},
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

// TestEventNamesSayWhoDidWhat checks that the names of directed acts
// keep their source and target apart, and that the target's edge says
// so, on the bundled essays that once read the other way round ("Expulsion
// of Japan, 1639" for Japan expelling foreigners; the Triple Intervention
// dated 1894 with Japan among the intervening powers; "Attack of Bill
// Clinton and Boris Yeltsin" for NATO's airstrikes Yeltsin objected to)
// and on small texts.
func TestEventNamesSayWhoDidWhat(t *testing.T) {
	tests := []struct {
		name, path, text string
		event            string   // the name extraction must give
		targets, sources []string // the ids with and without the target role
		absent           []string // names it must not give
	}{
		{name: "Japan expelled foreigners", path: "../examples/articles/milestones_opening-to-japan.txt",
			event: "Expulsion by Japan, 1639", sources: []string{"state:japan"}, absent: []string{"Expulsion of Japan, 1639", "Coercion of Japan and United States, 170X"}},
		{name: "the Triple Intervention", path: "../examples/articles/milestones_portsmouth-treaty.txt",
			event:   "Coercion of Japan by France, Germany and Russian Empire, 1895",
			targets: []string{"state:japan"}, sources: []string{"state:france", "state:germany", "state:russian-empire"},
			absent: []string{"Coercion of France, Germany, Japan and Russian Empire, 1894"}},
		{name: "NATO's airstrikes", path: "../examples/articles/milestones_clinton-yeltsin.txt",
			event: "Attack by NATO, 1995-09", sources: []string{"organization:nato"}, absent: []string{"Attack of Bill Clinton and Boris Yeltsin, 1995-09"}},
		{name: "an invasion", text: "Invasion\n1990-08-03\nIraq invaded Kuwait on Thursday.",
			event: "Attack on Kuwait by Iraq, 1990-08-02", targets: []string{"state:kuwait"}, sources: []string{"state:iraq"}},
		{name: "sanctions", text: "Sanctions\n2022-03-01\nJapan imposed sanctions on Russia on Monday.",
			event: "Sanctions on Russia by Japan, 2022-02-28", targets: []string{"state:russia"}, sources: []string{"state:japan"}},
		{name: "a summons", text: "Envoy\n2024-01-16\nChina summoned the Japanese ambassador on Monday.",
			event: "Summons of Japan by China, 2024-01-15", targets: []string{"state:japan"}, sources: []string{"state:china"}},
		{name: "a host receives a visitor", text: "Visit\n2024-01-16\nForeign Minister Wang Yi received Secretary of State Antony Blinken in Beijing on Monday.",
			event: "Visit of Antony Blinken to Beijing, 2024-01-15", sources: []string{"person:antony-blinken"}},
		{name: "a recall's target is the envoy's host", text: "Envoy\n2021-03-10\nGermany recalled its ambassador to Russia on Monday.",
			event: "Reduction of relations with Russia by Germany, 2021-03-08", targets: []string{"state:russia"}, sources: []string{"state:germany"}},
		{name: "expelled diplomats counted", text: "Diplomats\n2021-03-10\nPoland expelled two Russian diplomats on Monday.",
			event: "Expulsion of Russia by Poland, 2021-03-08", targets: []string{"state:russia"}, sources: []string{"state:poland"},
			absent: []string{"Expulsion by Poland and Russia, 2021-03-08"}},
		{name: "relations restored", text: "Ties\n2021-03-10\nKenya and Somalia restored diplomatic relations on Thursday.",
			event: "Restoration of relations of Kenya and Somalia, 2021-03-04", sources: []string{"state:kenya", "state:somalia"}},
		{name: "a withdrawal from a treaty is no downgrade of relations", text: "Treaty\n2021-12-18\nRussia withdrew from the Open Skies Treaty in 2021.",
			event: "Withdrawal of Russia, 2021", sources: []string{"state:russia"}, absent: []string{"Reduction of relations by Russia, 2021"}},
		{name: "a visit elsewhere than the dateline", text: "Visit\n2019-03-14\nOSLO, March 14, 2019 - Swedish Prime Minister Stefan Lofven visited Finland on Wednesday.",
			event: "Visit of Finland and Stefan Lofven, 2019-03-13", sources: []string{"person:stefan-lofven"},
			absent: []string{"Visit of Finland and Stefan Lofven to Oslo, 2019-03-13"}},
		{name: "a visit to the dateline's city", text: "Visit\n2019-03-14\nOSLO, March 14, 2019 - Swedish Prime Minister Stefan Lofven came to Norway on Wednesday.",
			event: "Visit of Norway and Stefan Lofven to Oslo, 2019-03-13", sources: []string{"person:stefan-lofven"}},
		{name: "talks name both sides", text: "Talks\n2019-01-15\nForeign Ministers Taro Kono and Sergey Lavrov held talks in Moscow on Monday.",
			event: "Talks of Sergey Lavrov and Taro Kono, 2019-01-14", sources: []string{"person:taro-kono", "person:sergey-lavrov"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var g *loader.Graph
			if tc.path != "" {
				g = mustExtract(t, tc.path)
			} else {
				g = eventsOf(t, tc.text)
			}
			for _, n := range tc.absent {
				if entity(g, kg.Event, n) != nil {
					t.Errorf("event %q is still named so", n)
				}
			}
			e := entity(g, kg.Event, tc.event)
			if e == nil {
				var names []string
				for _, e := range g.Entities {
					if e.Kind == kg.Event {
						names = append(names, e.Name)
					}
				}
				t.Fatalf("no event %q among %q", tc.event, names)
			}
			role := func(id string) (string, bool) {
				for _, ed := range edgesOf(g, kg.ParticipatedIn, id, e.ID) {
					return ed.Role, true
				}
				return "", false
			}
			for _, id := range tc.targets {
				if r, ok := role(id); !ok || r != "target" {
					t.Errorf("%s: role %q (edge %v), want target", id, r, ok)
				}
			}
			for _, id := range tc.sources {
				if r, ok := role(id); !ok || r != "" {
					t.Errorf("%s: role %q (edge %v), want a source", id, r, ok)
				}
			}
		})
	}
}
