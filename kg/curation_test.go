package kg_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/diplograph/diplograph/kg"
)

var curOpts = cmp.Options{
	cmp.Transformer("TIMEX", func(d kg.Date) string { return d.String() }),
	cmpopts.EquateEmpty(),
}

func ev(article string, sentence int) kg.Evidence {
	return kg.Evidence{Article: article, Sentence: sentence, Quote: "q"}
}

// TestRulesApply checks each kind of rule on the records a reload brings.
func TestRulesApply(t *testing.T) {
	kono := kg.EntityID(kg.Person, "Kono")
	taro := kg.EntityID(kg.Person, "Taro Kono")
	acmeP := kg.EntityID(kg.Person, "Acme")
	acmeO := kg.EntityID(kg.Organization, "Acme")
	japan := kg.EntityID(kg.State, "Japan")
	held := kg.EdgeID(kg.HoldsOffice, kono, japan, "Foreign Minister")
	heldTaro := kg.EdgeID(kg.HoldsOffice, taro, japan, "Foreign Minister")
	allied := kg.EdgeID(kg.AlliedWith, japan, "state:us", "")
	rules := kg.NewRules(7, []*kg.Rule{
		{Kind: kg.RuleRedirect, ID: kono, Target: taro, TargetKind: kg.Person, TargetName: "Taro Kono"},
		{Kind: kg.RuleRedirect, ID: acmeP, Target: acmeO, TargetKind: kg.Organization, TargetName: "Acme"},
		{Kind: kg.RuleRetractEdge, ID: allied},
		{Kind: kg.RuleRetractArticle, ID: "article:bad"},
		{Kind: kg.RulePinEntity, ID: japan, Entity: &kg.EntityPin{Name: "Nippon", DropAliases: []string{"Yamato"}, Attrs: map[string]string{"iso3": "JPN"}, DropAttrs: []string{"wrong"}}},
		{Kind: kg.RulePinEdge, ID: heldTaro, Edge: &kg.EdgePin{DatePinned: true, Date: kg.MustParseDate("2017-08-03")}},
	})
	tests := []struct {
		name string
		in   kg.Batch
		want kg.Batch
	}{
		{
			name: "merged entity goes to its survivor",
			in:   kg.Batch{Entities: []kg.Entity{{ID: kono, Kind: kg.Person, Name: "Kono", Aliases: []string{"Mr. Kono"}}}},
			want: kg.Batch{Entities: []kg.Entity{{ID: taro, Kind: kg.Person, Name: "Taro Kono", Aliases: []string{"Kono", "Mr. Kono"}}}},
		},
		{
			name: "kind changed by a merge into another kind",
			in:   kg.Batch{Entities: []kg.Entity{{ID: acmeP, Kind: kg.Person, Name: "Acme", Attrs: map[string]string{"role": "CEO"}}}},
			want: kg.Batch{Entities: []kg.Entity{{ID: acmeO, Kind: kg.Organization, Name: "Acme", Attrs: map[string]string{"role": "CEO"}}}},
		},
		{
			name: "edges of a merged entity are re-keyed and pinned",
			in:   kg.Batch{Edges: []kg.Edge{{ID: held, Type: kg.HoldsOffice, From: kono, To: japan, Role: "Foreign Minister", Date: kg.MustParseDate("2017"), Evidence: []kg.Evidence{ev("article:a", 1)}}}},
			want: kg.Batch{Edges: []kg.Edge{{ID: heldTaro, Type: kg.HoldsOffice, From: taro, To: japan, Role: "Foreign Minister", Date: kg.MustParseDate("2017-08-03"), Evidence: []kg.Evidence{ev("article:a", 1)}}}},
		},
		{
			name: "retracted edge stays out",
			in:   kg.Batch{Edges: []kg.Edge{{ID: allied, Type: kg.AlliedWith, From: japan, To: "state:us", Evidence: []kg.Evidence{ev("article:a", 2)}}}},
			want: kg.Batch{},
		},
		{
			name: "retracted article, its mentions and the edges only it supports stay out",
			in: kg.Batch{
				Articles: []kg.Article{{ID: "article:bad"}, {ID: "article:good"}},
				Edges: []kg.Edge{
					{ID: "edge:m", Type: kg.Mentions, From: "article:bad", To: japan},
					{ID: "edge:only", Type: kg.Claims, From: japan, To: "place:x", Evidence: []kg.Evidence{ev("article:bad", 1)}},
					{ID: "edge:both", Type: kg.Claims, From: japan, To: "place:y", Evidence: []kg.Evidence{ev("article:bad", 1), ev("article:good", 3)}},
					{ID: "edge:none", Type: kg.Mentions, From: "article:good", To: japan},
				},
			},
			want: kg.Batch{
				Articles: []kg.Article{{ID: "article:good"}},
				Edges: []kg.Edge{
					{ID: "edge:both", Type: kg.Claims, From: japan, To: "place:y", Evidence: []kg.Evidence{ev("article:good", 3)}},
					{ID: "edge:none", Type: kg.Mentions, From: "article:good", To: japan},
				},
			},
		},
		{
			name: "pinned name, aliases and attributes hold",
			in:   kg.Batch{Entities: []kg.Entity{{ID: japan, Kind: kg.State, Name: "Japan", Aliases: []string{"Yamato", "Nihon"}, Attrs: map[string]string{"wrong": "x", "iso3": "XXX", "capital": "Tokyo"}}}},
			want: kg.Batch{Entities: []kg.Entity{{ID: japan, Kind: kg.State, Name: "Nippon", Aliases: []string{"Japan", "Nihon"}, Attrs: map[string]string{"iso3": "JPN", "capital": "Tokyo"}}}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			got := rules.Apply(&in)
			if diff := cmp.Diff(&tc.want, got, curOpts); diff != "" {
				t.Errorf("Apply (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("no rules", func(t *testing.T) {
		b := &kg.Batch{Entities: []kg.Entity{{ID: kono}}}
		if got := kg.NewRules(0, nil).Apply(b); got != b {
			t.Errorf("Apply without rules returned a new batch")
		}
	})
	t.Run("chains", func(t *testing.T) {
		r := kg.NewRules(1, []*kg.Rule{
			{Kind: kg.RuleRedirect, ID: "person:a", Target: "person:b", TargetKind: kg.Person, TargetName: "B"},
			{Kind: kg.RuleRedirect, ID: "person:b", Target: "person:c", TargetKind: kg.Person, TargetName: "C"},
		})
		if got, _, name, ok := r.Resolve("person:a"); got != "person:c" || name != "C" || !ok {
			t.Errorf("Resolve(person:a) = %s %s %v, want person:c C true", got, name, ok)
		}
	})
}

// TestRevert checks that undoing a change takes back what it did and
// keeps what happened since.
func TestRevert(t *testing.T) {
	japan := &kg.Entity{ID: "state:japan", Kind: kg.State, Name: "Japan", Aliases: []string{"Nihon"}, Attrs: map[string]string{"iso3": "JPN"}}
	renamed := &kg.Entity{ID: "state:japan", Kind: kg.State, Name: "Nippon", Aliases: []string{"Japan", "Nihon"}, Attrs: map[string]string{"iso3": "JPN", "capital": "Tokyo"}}
	later := kg.CloneEntity(renamed)
	later.Aliases = append(later.Aliases, "Yamato")
	edge := &kg.Edge{ID: "edge:1", Type: kg.AlliedWith, From: "state:japan", To: "state:us", Evidence: []kg.Evidence{ev("article:a", 1)}}
	moved := &kg.Edge{ID: "edge:2", Type: kg.AlliedWith, From: "state:nippon", To: "state:us", Evidence: []kg.Evidence{ev("article:a", 1)}}
	movedLater := kg.CloneEdge(moved)
	movedLater.Evidence = append(movedLater.Evidence, ev("article:b", 4))
	rule := &kg.Rule{Kind: kg.RuleRetractEdge, ID: "edge:1", Record: "curation:1"}

	tests := []struct {
		name    string
		d, now  kg.Diff
		want    *kg.Diff
		wantErr string
	}{
		{
			name: "nothing changed since: back to before",
			d:    kg.Diff{Entities: []kg.EntityDiff{{Before: japan, After: renamed}}, Rules: []kg.RuleDiff{{After: rule}}},
			now:  kg.Diff{Entities: []kg.EntityDiff{{Before: renamed}}, Rules: []kg.RuleDiff{{Before: rule}}},
			want: &kg.Diff{Entities: []kg.EntityDiff{{Before: renamed, After: japan}}, Rules: []kg.RuleDiff{{Before: rule}}},
		},
		{
			name: "an alias added since stays",
			d:    kg.Diff{Entities: []kg.EntityDiff{{Before: japan, After: renamed}}},
			now:  kg.Diff{Entities: []kg.EntityDiff{{Before: later}}},
			want: &kg.Diff{Entities: []kg.EntityDiff{{Before: later, After: &kg.Entity{ID: "state:japan", Kind: kg.State, Name: "Japan", Aliases: []string{"Nihon", "Yamato"}, Attrs: map[string]string{"iso3": "JPN"}}}}},
		},
		{
			name: "a moved edge comes back, the copy goes with the evidence it brought",
			d:    kg.Diff{Edges: []kg.EdgeDiff{{Before: edge}, {After: moved}}},
			now:  kg.Diff{Edges: []kg.EdgeDiff{{}, {Before: movedLater}}},
			want: &kg.Diff{Edges: []kg.EdgeDiff{
				{After: edge},
				{Before: movedLater, After: &kg.Edge{ID: "edge:2", Type: kg.AlliedWith, From: "state:nippon", To: "state:us", Evidence: []kg.Evidence{ev("article:b", 4)}}},
			}},
		},
		{
			name: "a created edge with nothing else goes",
			d:    kg.Diff{Edges: []kg.EdgeDiff{{After: moved}}},
			now:  kg.Diff{Edges: []kg.EdgeDiff{{Before: moved}}},
			want: &kg.Diff{Edges: []kg.EdgeDiff{{Before: moved}}},
		},
		{
			name:    "something removed since is a conflict",
			d:       kg.Diff{Entities: []kg.EntityDiff{{Before: japan, After: renamed}}},
			now:     kg.Diff{Entities: []kg.EntityDiff{{}}},
			wantErr: kg.ECONFLICT,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := kg.Revert(&tc.d, &tc.now)
			if kg.ErrorCode(err) != tc.wantErr {
				t.Fatalf("Revert error = %v, want code %q", err, tc.wantErr)
			}
			if diff := cmp.Diff(tc.want, got, curOpts); diff != "" {
				t.Errorf("Revert (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckCuration(t *testing.T) {
	ok := kg.Curation{ID: "curation:1", Op: kg.OpRetractEdge}
	tests := []struct {
		name string
		c    kg.Curation
		code string
	}{
		{"fine", ok, ""},
		{"no id", kg.Curation{Op: kg.OpRetractEdge}, kg.EINVALID},
		{"unknown op", kg.Curation{ID: "curation:1", Op: "DELETE_EVERYTHING"}, kg.EINVALID},
		{"changes an id", kg.Curation{ID: "curation:1", Op: kg.OpUpdateEntity, Diff: kg.Diff{Entities: []kg.EntityDiff{
			{Before: &kg.Entity{ID: "state:a", Kind: kg.State, Name: "A"}, After: &kg.Entity{ID: "state:b", Kind: kg.State, Name: "A"}}}}}, kg.EINVALID},
		{"twice the same edge", kg.Curation{ID: "curation:1", Op: kg.OpRetractEdge, Diff: kg.Diff{Edges: []kg.EdgeDiff{
			{Before: &kg.Edge{ID: "edge:1"}}, {Before: &kg.Edge{ID: "edge:1"}}}}}, kg.EINVALID},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := kg.ErrorCode(kg.CheckCuration(&tc.c)); got != tc.code {
				t.Errorf("CheckCuration code = %q, want %q", got, tc.code)
			}
		})
	}
}
