package text_test

import (
	"strings"
	"testing"

	"github.com/diplograph/diplograph/loader/text"
)

func TestSentences(t *testing.T) {
	long := `"A number of memoranda of understanding have been signed in the fields of communications, information technology, housing, and infrastructure, which will contribute to strengthening cooperation," he said`
	tests := []struct {
		name, text string
		want       []string
	}{
		{"stops", "Kono met Lavrov. They talked.", []string{"Kono met Lavrov.", "They talked."}},
		{"abbreviation", "Mr. Kono met Lavrov in the U.S. on Monday.", []string{"Mr. Kono met Lavrov in the U.S. on Monday."}},
		{"a paragraph line that lost its stop", long + "\nTrade between the two countries reached $34.2 million in 2024.",
			[]string{long, "Trade between the two countries reached $34.2 million in 2024."}},
		{"a hard-wrapped line is no paragraph", "The minister said the talks with\nJapan went well.",
			[]string{"The minister said the talks with\nJapan went well."}},
		{"a blank line", "Talks in Tokyo\n\nKono met Lavrov.", []string{"Talks in Tokyo", "Kono met Lavrov."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, sp := range text.Sentences(tc.text) {
				got = append(got, tc.text[sp.Start:sp.End])
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("Sentences:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}
