package loader_test

import (
	"testing"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/loader/read"
)

// TestTreatyRelations checks what articles say of treaties' lives and
// ties, one rule a case: withdrawals and departures (WITHDREW_FROM with the
// verb's role and the clause's date), replacements, amendments, bases, and
// ends and entries into force as the treaty's attributes.
func TestTreatyRelations(t *testing.T) {
	type rel struct {
		typ      kg.EdgeType
		from, to string
		role     string
		date     string // "" when the edge must be undated
	}
	tests := []struct {
		name, text string
		want       []rel
		attrs      map[string]map[string]string // treaty id → attributes
		none       []kg.EdgeType                // types that must not appear
	}{
		{
			name: "departure in a relative clause takes no date from the clause before",
			text: "Talks\n2019-01-15\n\nThe treaty with the U.S. was signed in 1960, after which our Japanese colleagues departed from the 1956 Declaration.",
			want: []rel{{kg.WithdrewFrom, "state:japan", "treaty:soviet-japanese-joint-declaration", "departed", ""}},
		},
		{
			name:  "withdrawal with its date; the table's end stands",
			text:  "Arms control\n2020-01-10\n\nThe United States withdrew from the INF Treaty on August 2, 2019, citing Russian violations.",
			want:  []rel{{kg.WithdrewFrom, "state:united-states", "treaty:intermediate-range-nuclear-forces-treaty", "withdrew", "2019-08-02"}},
			attrs: map[string]map[string]string{"treaty:intermediate-range-nuclear-forces-treaty": {"ended": "2019-08-02"}},
		},
		{
			name:  "a described agreement between two ends with a party's withdrawal, and is not the treaty of another subject",
			text:  "Fisheries\n1999-01-10\n\nJapan withdrew from the fisheries agreement with South Korea in January 1998.",
			want:  []rel{{kg.WithdrewFrom, "state:japan", "treaty:south-korea-japan-fisheries-agreement", "withdrew", "1998-01"}},
			attrs: map[string]map[string]string{"treaty:south-korea-japan-fisheries-agreement": {"ended": "1998-01"}},
		},
		{
			name: "suspension",
			text: "Arms control\n2023-02-22\n\nRussia suspended the New START treaty on Tuesday.",
			want: []rel{{kg.WithdrewFrom, "state:russia", "treaty:new-start", "suspended", "2023-02-21"}},
		},
		{
			name: "a noun with its possessive",
			text: "Arms control\n2019-08-03\n\nWashington's withdrawal from the INF Treaty took effect yesterday.",
			want: []rel{{kg.WithdrewFrom, "state:united-states", "treaty:intermediate-range-nuclear-forces-treaty", "withdrew", "2019-08-02"}},
			// The withdrawal took effect, not the treaty.
			attrs: map[string]map[string]string{"treaty:intermediate-range-nuclear-forces-treaty": {"in_force": "1988-06-01"}},
		},
		{
			name: "replaced by",
			text: "History\n\n\nThe 1951 Security Treaty was replaced by the 1960 Security Treaty.",
			want: []rel{{kg.SucceededBy, "treaty:security-treaty-between-the-united-states-and-japan", "treaty:treaty-of-mutual-cooperation-and-security-between-the-united-states-and-japan", "", ""}},
		},
		{
			name:  "entry into force",
			text:  "News\n2011-02-06\n\nThe New START treaty entered into force on February 5, 2011.",
			attrs: map[string]map[string]string{"treaty:new-start": {"in_force": "2011-02-05"}},
		},
		{
			name:  "a treaty that ended a war did not end",
			text:  "History\n\n\nThe Treaty of Portsmouth formally ended the Russo-Japanese War of 1904–05.",
			attrs: map[string]map[string]string{"treaty:treaty-of-portsmouth": {"ended": ""}},
		},
		{
			name: "withdrawal needs its preposition and a treaty",
			text: "News\n2020-01-10\n\nThe United States withdrew its ambassador from Moscow in 2019.",
			none: []kg.EdgeType{kg.WithdrewFrom},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := loader.NewGraph([]*loader.Result{loader.Extract(read.ParseText("rel", "rel.txt", tc.text))})
			for _, w := range tc.want {
				es := edgesOf(g, w.typ, w.from, w.to)
				if len(es) != 1 {
					t.Errorf("%s %s→%s: %d edges; edges: %+v", w.typ, w.from, w.to, len(es), g.Edges)
					continue
				}
				e := es[0]
				date := ""
				if e.Date != nil {
					date = e.Date.Value
				}
				if e.Role != w.role || date != w.date || len(e.Evidence) == 0 {
					t.Errorf("%s %s→%s: role %q date %q evidence %d, want %q %q and the sentence", w.typ, w.from, w.to, e.Role, date, len(e.Evidence), w.role, w.date)
				}
			}
			for id, attrs := range tc.attrs {
				var found *loader.GraphEntity
				for i := range g.Entities {
					if g.Entities[i].ID == id {
						found = &g.Entities[i]
					}
				}
				if found == nil {
					t.Errorf("no %s in %+v", id, g.Entities)
					continue
				}
				for k, v := range attrs {
					if found.Attributes[k] != v {
						t.Errorf("%s: %s = %q, want %q", id, k, found.Attributes[k], v)
					}
				}
			}
			for _, typ := range tc.none {
				if es := edgesOf(g, typ, "", ""); len(es) > 0 {
					t.Errorf("unexpected %s edges: %+v", typ, es)
				}
			}
		})
	}
}
