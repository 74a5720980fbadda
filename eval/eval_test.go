package eval_test

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/eval"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/loader/read"
)

// The fixtures are one article, "a.txt", and the graph extract would print
// for it.
const artA = "article:a"

func ptr(s string) *string { return &s }

func prf(gold, predicted, matched int) eval.PRF {
	return eval.PRF{Gold: gold, Predicted: predicted, Matched: matched}
}

func acc(correct, total int) eval.Accuracy { return eval.Accuracy{Correct: correct, Total: total} }

func ent(k kg.Kind, name string, aliases ...string) loader.GraphEntity {
	if aliases == nil {
		aliases = []string{}
	}
	return loader.GraphEntity{ID: kg.EntityID(k, name), Kind: k, Name: name, Aliases: aliases}
}

func dated(e loader.GraphEntity, date string) loader.GraphEntity {
	e.Date = date
	return e
}

func event(t kg.EventType, s kg.Status, date, name string) loader.GraphEntity {
	e := dated(ent(kg.Event, name), date)
	e.Type, e.Status = t, s
	return e
}

// edge returns an edge of type t from the entity from to the entity to,
// with one piece of evidence in each of articles (artA when none given).
func edge(t kg.EdgeType, from, to loader.GraphEntity, articles ...string) loader.GraphEdge {
	if len(articles) == 0 {
		articles = []string{artA}
	}
	e := loader.GraphEdge{Type: t, From: from.ID, To: to.ID, Evidence: []loader.GraphEvidence{}}
	for i, a := range articles {
		e.Evidence = append(e.Evidence, loader.GraphEvidence{Article: a, Sentence: i, Quote: from.Name + " and " + to.Name + "."})
	}
	return e
}

func graphA(ents []loader.GraphEntity, edges []loader.GraphEdge, tx []loader.Timex) *loader.Graph {
	return &loader.Graph{
		Articles: []loader.GraphArticle{{ID: artA, Title: "A", Source: "corpus/a.txt"}},
		Entities: ents, Edges: edges, Timexes: tx,
	}
}

// scoreOne scores gold (whose File is set to "a.txt") against g and
// returns the article's counts.
func scoreOne(t *testing.T, gold eval.Gold, g *loader.Graph) eval.ArticleReport {
	t.Helper()
	gold.File = "a.txt"
	r := eval.Score([]*eval.Gold{&gold}, g)
	if len(r.Articles) != 1 {
		t.Fatalf("got %d article reports, want 1", len(r.Articles))
	}
	if diff := cmp.Diff(r.Articles[0].Counts, r.Overall); diff != "" {
		t.Errorf("overall differs from the only article (-article +overall):\n%s", diff)
	}
	return r.Articles[0]
}

func TestEntities(t *testing.T) {
	tests := []struct {
		name string
		gold []eval.GoldEntity
		pred []loader.GraphEntity
		want eval.Counts
	}{
		{
			name: "canonical names equal after folding accents",
			gold: []eval.GoldEntity{{Kind: kg.Person, Name: "Vahit Halefoğlu", Mentions: []string{"Halefoglu"}}},
			pred: []loader.GraphEntity{ent(kg.Person, "Vahit HALEFOGLU")},
			want: eval.Counts{Person: prf(1, 1, 1), Entities: prf(1, 1, 1)},
		},
		{
			name: "gold mention equals predicted name",
			gold: []eval.GoldEntity{{Kind: kg.Place, Name: "Kuril Islands", Mentions: []string{"Kurile islands"}}},
			pred: []loader.GraphEntity{ent(kg.Place, "Kurile Islands")},
			want: eval.Counts{Place: prf(1, 1, 1), Entities: prf(1, 1, 1)},
		},
		{
			name: "gold mention equals predicted alias",
			gold: []eval.GoldEntity{{Kind: kg.State, Name: "United States", Mentions: []string{"Washington", "U.S."}}},
			pred: []loader.GraphEntity{ent(kg.State, "United States of America", "Washington")},
			want: eval.Counts{State: prf(1, 1, 1), Entities: prf(1, 1, 1)},
		},
		{
			name: "no shared string",
			gold: []eval.GoldEntity{{Kind: kg.State, Name: "Soviet Union", Mentions: []string{"Soviet Union"}}},
			pred: []loader.GraphEntity{ent(kg.State, "Russia", "Russian")},
			want: eval.Counts{State: prf(1, 1, 0), Entities: prf(1, 1, 0)},
		},
		{
			name: "kinds must agree",
			gold: []eval.GoldEntity{{Kind: kg.Place, Name: "Moscow", Mentions: []string{"Moscow"}}},
			pred: []loader.GraphEntity{ent(kg.State, "Moscow")},
			want: eval.Counts{Place: prf(1, 0, 0), State: prf(0, 1, 0), Entities: prf(1, 1, 0)},
		},
		{
			name: "one to one: a duplicate prediction is a false positive",
			gold: []eval.GoldEntity{{Kind: kg.Person, Name: "Taro Kono", Mentions: []string{"Taro Kono", "Kono"}}},
			pred: []loader.GraphEntity{ent(kg.Person, "Taro Kono"), ent(kg.Person, "Kono")},
			want: eval.Counts{Person: prf(1, 2, 1), Entities: prf(1, 2, 1)},
		},
		{
			name: "one to one: one prediction cannot match two gold entities",
			gold: []eval.GoldEntity{
				{Kind: kg.Person, Name: "Shinzo Abe", Mentions: []string{"Abe"}},
				{Kind: kg.Person, Name: "Shintaro Abe", Mentions: []string{"Abe"}},
			},
			pred: []loader.GraphEntity{ent(kg.Person, "Abe")},
			want: eval.Counts{Person: prf(2, 1, 1), Entities: prf(2, 1, 1)},
		},
		{
			// Greedy by strength would pair Kuril Islands with its
			// namesake and leave Habomai without a partner.
			name: "maximum matching, not greedy",
			gold: []eval.GoldEntity{
				{Kind: kg.Place, Name: "Kuril Islands", Mentions: []string{"the islands"}},
				{Kind: kg.Place, Name: "Habomai", Mentions: []string{"Habomai"}},
			},
			pred: []loader.GraphEntity{ent(kg.Place, "Kuril Islands", "Habomai"), ent(kg.Place, "Islands", "the islands")},
			want: eval.Counts{Place: prf(2, 2, 2), Entities: prf(2, 2, 2)},
		},
		{
			name: "treaties and events are not entities",
			gold: []eval.GoldEntity{{Kind: kg.Organization, Name: "NATO", Mentions: []string{"NATO"}}},
			pred: []loader.GraphEntity{ent(kg.Organization, "North Atlantic Treaty Organization", "NATO"), ent(kg.Treaty, "NATO")},
			want: eval.Counts{Organization: prf(1, 1, 1), Entities: prf(1, 1, 1), Treaties: prf(0, 1, 0), TreatyNames: prf(0, 1, 0)},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := scoreOne(t, eval.Gold{Entities: tc.gold}, graphA(tc.pred, nil, nil))
			if diff := cmp.Diff(tc.want, got.Counts); diff != "" {
				t.Errorf("counts (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDateCompatible(t *testing.T) {
	tests := []struct {
		gold *string
		pred string
		want bool
	}{
		{nil, "", true},
		{nil, "1960", true},
		{ptr(""), "1960", true},
		{ptr("1956"), "1956", true},
		{ptr("1956"), "1956-10-19", true}, // predicted more precise
		{ptr("1956-10-19"), "1956", true}, // predicted less precise
		{ptr("1956-10"), "1956-10-19", true},
		{ptr("1956-10"), "1956-11", false}, // contradiction at the finer precision
		{ptr("1956-10-19"), "1956-10-20", false},
		{ptr("1956"), "1957", false},
		{ptr("1956"), "", false}, // a missing date matches no dated gold item
		{ptr("2019-W04"), "2019-01-22", true},
		{ptr("2019-01-22"), "2019-W04", true},
		{ptr("2019-W04"), "2019-01-28", false},
		{ptr("2019-W01"), "2018-12", false}, // overlapping is not enough
		{ptr("195X"), "1956-10-19", true},
		{ptr("1956"), "195X", true},
		{ptr("1956-SU"), "1956-07", true},
		{ptr("1987-Q2"), "1987-03", false},
		{ptr("19XX"), "1956-10", true},
		{ptr("19XX"), "2001", false},
		{ptr("PAST_REF"), "1956", false},
	}
	for _, tc := range tests {
		name := "null ~ " + tc.pred
		if tc.gold != nil {
			name = *tc.gold + " ~ " + tc.pred
		}
		t.Run(name, func(t *testing.T) {
			if got := eval.DateCompatible(tc.gold, tc.pred); got != tc.want {
				t.Errorf("DateCompatible(%s) = %v, want %v", name, got, tc.want)
			}
		})
	}
}

func TestTreaties(t *testing.T) {
	japan, soviet, us := ent(kg.State, "Japan"), ent(kg.State, "Soviet Union"), ent(kg.State, "United States")
	ussr, personJapan := ent(kg.State, "USSR", "Soviet Union"), ent(kg.Person, "Japan")
	decl := func(date string, aliases ...string) loader.GraphEntity {
		e := dated(ent(kg.Treaty, "Soviet-Japanese Joint Declaration", aliases...), date)
		e.Status = kg.Signed
		return e
	}
	parties := func(tr loader.GraphEntity, states ...loader.GraphEntity) []loader.GraphEdge {
		var out []loader.GraphEdge
		for _, s := range states {
			out = append(out, edge(kg.PartyTo, s, tr))
		}
		return out
	}
	gold := func(date *string, parties ...string) eval.GoldTreaty {
		return eval.GoldTreaty{Name: "Soviet-Japanese Joint Declaration", Mentions: []string{"1956 Declaration"},
			Date: date, Parties: parties, Status: kg.Signed}
	}
	type counts struct {
		Strict, Names             eval.PRF
		DateMisses, PartyMisses   int
		StatusRight, StatusJudged int
	}
	one := eval.PRF{Gold: 1, Predicted: 1, Matched: 1}
	none := eval.PRF{Gold: 1, Predicted: 1}
	tests := []struct {
		name  string
		gold  eval.GoldTreaty
		pred  loader.GraphEntity
		edges []loader.GraphEdge
		want  counts
	}{
		{
			name: "name, date and parties",
			gold: gold(ptr("1956"), "Japan", "Soviet Union"), pred: decl("1956-10-19"),
			edges: parties(decl(""), japan, soviet),
			want:  counts{Strict: one, Names: one, StatusRight: 1, StatusJudged: 1},
		},
		{
			name: "gold mention is a predicted alias",
			gold: eval.GoldTreaty{Name: "Defense and Economic Cooperation Agreement", Mentions: []string{"DECA"}, Date: ptr("1987-03-16"), Status: kg.Signed},
			pred: dated(ent(kg.Treaty, "United States-Turkey economic agreement", "DECA"), "1987-03-16"),
			want: counts{Strict: one, Names: one, StatusJudged: 1},
		},
		{
			name: "gold name is a predicted alias",
			gold: eval.GoldTreaty{Name: "Treaty of Portsmouth", Mentions: []string{"the treaty"}, Date: ptr("1905-09-05")},
			pred: dated(ent(kg.Treaty, "Portsmouth peace treaty", "Treaty of Portsmouth"), "1905-09-05"),
			want: counts{Strict: one, Names: one, StatusRight: 1, StatusJudged: 1},
		},
		{
			name: "a null gold date accepts any date",
			gold: gold(nil, "Japan"), pred: decl("1960"), edges: parties(decl(""), japan),
			want: counts{Strict: one, Names: one, StatusRight: 1, StatusJudged: 1},
		},
		{
			name: "contradicting month",
			gold: gold(ptr("1956-10"), "Japan"), pred: decl("1956-11"), edges: parties(decl(""), japan),
			want: counts{Strict: none, Names: one, DateMisses: 1},
		},
		{
			name: "predicted without a date",
			gold: gold(ptr("1956"), "Japan"), pred: decl(""), edges: parties(decl(""), japan),
			want: counts{Strict: none, Names: one, DateMisses: 1},
		},
		{
			name: "extra predicted parties are not penalized",
			gold: gold(ptr("1956"), "Japan"), pred: decl("1956"), edges: parties(decl(""), japan, us),
			want: counts{Strict: one, Names: one, StatusRight: 1, StatusJudged: 1},
		},
		{
			name: "a gold party is missing",
			gold: gold(ptr("1956"), "Japan", "Soviet Union"), pred: decl("1956"), edges: parties(decl(""), japan),
			want: counts{Strict: none, Names: one, PartyMisses: 1},
		},
		{
			name: "parties are compared by canonical name, not alias",
			gold: gold(ptr("1956"), "Soviet Union"), pred: decl("1956"),
			edges: parties(decl(""), ussr),
			want:  counts{Strict: none, Names: one, PartyMisses: 1},
		},
		{
			name: "a person is not a party",
			gold: gold(ptr("1956"), "Japan"), pred: decl("1956"), edges: parties(decl(""), personJapan),
			want: counts{Strict: none, Names: one, PartyMisses: 1},
		},
		{
			name: "date and parties fail together",
			gold: gold(ptr("1956"), "Japan"), pred: decl("1957"),
			want: counts{Strict: none, Names: one, DateMisses: 1, PartyMisses: 1},
		},
		{
			name: "another treaty",
			gold: gold(nil), pred: ent(kg.Treaty, "Treaty of Portsmouth"),
			want: counts{Strict: none, Names: none},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ents := []loader.GraphEntity{tc.pred, japan, soviet, us, ussr, personJapan}
			got := scoreOne(t, eval.Gold{Treaties: []eval.GoldTreaty{tc.gold}}, graphA(ents, tc.edges, nil))
			c := got.Counts
			gotc := counts{c.Treaties, c.TreatyNames, c.TreatyDateMisses, c.TreatyPartyMisses, c.TreatyStatus.Correct, c.TreatyStatus.Total}
			if diff := cmp.Diff(tc.want, gotc); diff != "" {
				t.Errorf("treaty counts (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEvents(t *testing.T) {
	kono, lavrov, abe := ent(kg.Person, "Taro Kono", "Kono"), ent(kg.Person, "Sergey Lavrov"), ent(kg.Person, "Shinzo Abe")
	meeting := eval.GoldEvent{Type: kg.Meeting, Date: ptr("2019-01-14"), Status: kg.Occurred, Participants: []string{"Taro Kono", "Sergey Lavrov"}}
	type counts struct {
		Events        eval.PRF
		Types, Status eval.Accuracy
	}
	one := eval.PRF{Gold: 1, Predicted: 1, Matched: 1}
	right := eval.Accuracy{Correct: 1, Total: 1}
	tests := []struct {
		name         string
		gold         []eval.GoldEvent
		pred         []loader.GraphEntity
		participants [][]loader.GraphEntity // of each pred
		want         counts
	}{
		{
			name:         "one shared participant and the same date",
			gold:         []eval.GoldEvent{meeting},
			pred:         []loader.GraphEntity{event(kg.Meeting, kg.Occurred, "2019-01-14", "Meeting of Taro Kono")},
			participants: [][]loader.GraphEntity{{kono, abe}},
			want:         counts{one, right, right},
		},
		{
			name:         "no shared participant",
			gold:         []eval.GoldEvent{meeting},
			pred:         []loader.GraphEntity{event(kg.Meeting, kg.Occurred, "2019-01-14", "Meeting of Shinzo Abe")},
			participants: [][]loader.GraphEntity{{abe}},
			want:         counts{Events: eval.PRF{Gold: 1, Predicted: 1}},
		},
		{
			name:         "participants compare by canonical name",
			gold:         []eval.GoldEvent{{Type: kg.Meeting, Date: ptr("2019-01-14"), Participants: []string{"Kono"}}},
			pred:         []loader.GraphEntity{event(kg.Meeting, kg.Occurred, "2019-01-14", "Meeting of Taro Kono")},
			participants: [][]loader.GraphEntity{{kono}},
			want:         counts{Events: eval.PRF{Gold: 1, Predicted: 1}},
		},
		{
			name:         "incompatible date",
			gold:         []eval.GoldEvent{meeting},
			pred:         []loader.GraphEntity{event(kg.Meeting, kg.Occurred, "2019-01-15", "Meeting")},
			participants: [][]loader.GraphEntity{{kono, lavrov}},
			want:         counts{Events: eval.PRF{Gold: 1, Predicted: 1}},
		},
		{
			name:         "gold day within the predicted month; type and status judged apart",
			gold:         []eval.GoldEvent{meeting},
			pred:         []loader.GraphEntity{event(kg.Talks, kg.Occurred, "2019-01", "Talks")},
			participants: [][]loader.GraphEntity{{lavrov}},
			want:         counts{one, eval.Accuracy{Total: 1}, right},
		},
		{
			name: "pairs prefer the same type when sizes tie",
			gold: []eval.GoldEvent{
				meeting,
				{Type: kg.Statement, Date: ptr("2019-01-14"), Status: kg.Occurred, Participants: []string{"Sergey Lavrov"}},
			},
			pred: []loader.GraphEntity{
				event(kg.Statement, kg.Occurred, "2019-01-14", "Statement of Sergey Lavrov"),
				event(kg.Meeting, kg.Planned, "2019-01-14", "Meeting of Sergey Lavrov"),
			},
			participants: [][]loader.GraphEntity{{lavrov}, {lavrov}},
			want:         counts{eval.PRF{Gold: 2, Predicted: 2, Matched: 2}, eval.Accuracy{Correct: 2, Total: 2}, eval.Accuracy{Correct: 1, Total: 2}},
		},
		{
			name:         "one predicted event matches one gold event",
			gold:         []eval.GoldEvent{meeting, meeting},
			pred:         []loader.GraphEntity{event(kg.Meeting, kg.Occurred, "2019-01-14", "Meeting")},
			participants: [][]loader.GraphEntity{{kono, lavrov}},
			want:         counts{eval.PRF{Gold: 2, Predicted: 1, Matched: 1}, right, right},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ents := append([]loader.GraphEntity{kono, lavrov, abe}, tc.pred...)
			var edges []loader.GraphEdge
			for j, ps := range tc.participants {
				for _, p := range ps {
					edges = append(edges, edge(kg.ParticipatedIn, p, tc.pred[j]))
				}
			}
			got := scoreOne(t, eval.Gold{Events: tc.gold}, graphA(ents, edges, nil)).Counts
			if diff := cmp.Diff(tc.want, counts{got.Events, got.EventTypes, got.EventStatus}); diff != "" {
				t.Errorf("event counts (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTimexes(t *testing.T) {
	tx := func(text, value string) loader.Timex { return loader.Timex{Article: artA, Text: text, Value: value} }
	type counts struct {
		Exact, Overlap             eval.PRF
		Values, OverlapValues      eval.Accuracy
		MissedTimexes, WrongValues []string
	}
	tests := []struct {
		name string
		gold []eval.GoldTimex
		pred []loader.Timex
		want counts
	}{
		{
			name: "same text and value",
			gold: []eval.GoldTimex{{"Jan. 14", "2019-01-14"}},
			pred: []loader.Timex{tx("Jan. 14", "2019-01-14")},
			want: counts{Exact: prf(1, 1, 1), Overlap: prf(1, 1, 1), Values: acc(1, 1), OverlapValues: acc(1, 1)},
		},
		{
			name: "same text, another value",
			gold: []eval.GoldTimex{{"yesterday", "2019-01-14"}},
			pred: []loader.Timex{tx("yesterday", "2019-01-13")},
			want: counts{Exact: prf(1, 1, 1), Overlap: prf(1, 1, 1), Values: acc(0, 1), OverlapValues: acc(0, 1),
				WrongValues: []string{`"yesterday" gold 2019-01-14, predicted 2019-01-13`}},
		},
		{
			name: "predicted text within the gold text",
			gold: []eval.GoldTimex{{"Jan. 15, 2019", "2019-01-15"}},
			pred: []loader.Timex{tx("Jan. 15", "2019-01-15")},
			want: counts{Exact: prf(1, 1, 0), Overlap: prf(1, 1, 1), OverlapValues: acc(1, 1),
				MissedTimexes: []string{"Jan. 15, 2019=2019-01-15"}},
		},
		{
			name: "gold text within the predicted text",
			gold: []eval.GoldTimex{{"1990", "1990"}},
			pred: []loader.Timex{tx("December, 1990", "1990-12")},
			want: counts{Exact: prf(1, 1, 0), Overlap: prf(1, 1, 1), OverlapValues: acc(0, 1),
				MissedTimexes: []string{"1990=1990"}},
		},
		{
			name: "containment does not cut words",
			gold: []eval.GoldTimex{{"1990", "1990"}},
			pred: []loader.Timex{tx("1990s", "199X")},
			want: counts{Exact: prf(1, 1, 0), Overlap: prf(1, 1, 0), MissedTimexes: []string{"1990=1990"}},
		},
		{
			name: "text is compared with its case",
			gold: []eval.GoldTimex{{"Next Week", "2019-W04"}},
			pred: []loader.Timex{tx("next week", "2019-W04")},
			want: counts{Exact: prf(1, 1, 0), Overlap: prf(1, 1, 0), MissedTimexes: []string{"Next Week=2019-W04"}},
		},
		{
			name: "each predicted timex is used once",
			gold: []eval.GoldTimex{{"1956", "1956"}, {"1956", "1956"}},
			pred: []loader.Timex{tx("1956", "1956")},
			want: counts{Exact: prf(2, 1, 1), Overlap: prf(2, 1, 1), Values: acc(1, 1), OverlapValues: acc(1, 1),
				MissedTimexes: []string{"1956=1956"}},
		},
		{
			name: "exact pairs are preferred over containment",
			gold: []eval.GoldTimex{{"Jan. 15", "2019-01-15"}, {"Jan. 15, 2019", "2019-01-15"}},
			pred: []loader.Timex{tx("Jan. 15, 2019", "2019-01-15"), tx("Jan. 15", "2019-01-15")},
			want: counts{Exact: prf(2, 2, 2), Overlap: prf(2, 2, 2), Values: acc(2, 2), OverlapValues: acc(2, 2)},
		},
		{
			name: "timexes of other articles do not count",
			gold: []eval.GoldTimex{{"today", "1987-03-16"}},
			pred: []loader.Timex{{Article: "article:b", Text: "today", Value: "1987-03-16"}},
			want: counts{Exact: prf(1, 0, 0), Overlap: prf(1, 0, 0), MissedTimexes: []string{"today=1987-03-16"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := scoreOne(t, eval.Gold{Timexes: tc.gold}, graphA(nil, nil, tc.pred))
			c := got.Counts
			gotc := counts{c.Timexes, c.TimexOverlap, c.TimexValues, c.TimexOverlapValues, got.Errors.MissedTimexes, got.Errors.WrongValues}
			if diff := cmp.Diff(tc.want, gotc); diff != "" {
				t.Errorf("timex counts (-want +got):\n%s", diff)
			}
		})
	}
}

// TestArticles checks how a gold finds its article and which predicted
// items count for it when the graph holds several articles.
func TestArticles(t *testing.T) {
	japan, russia, china := ent(kg.State, "Japan", "Japanese"), ent(kg.State, "Russia"), ent(kg.State, "China")
	congress := ent(kg.Organization, "United States Congress", "Congress")
	treaty := dated(ent(kg.Treaty, "Peace treaty"), "")
	g := &loader.Graph{
		Articles: []loader.GraphArticle{
			{ID: "article:a", Source: "/corpus/a.txt"},
			{ID: "article:b-c", Source: "feed.jsonl:2"},
		},
		Entities: []loader.GraphEntity{japan, russia, china, congress, treaty},
		Edges: []loader.GraphEdge{
			edge(kg.PartyTo, japan, treaty, "article:a", "article:b-c"),
			edge(kg.PartyTo, russia, treaty, "article:b-c"),
		},
	}
	// Article a quotes "Japan and Peace treaty."; b-c also "Russia and
	// Peace treaty.", so Congress and China belong to neither.
	gold := func(file string) *eval.Gold {
		return &eval.Gold{
			File: file,
			Entities: []eval.GoldEntity{
				{Kind: kg.State, Name: "Japan", Mentions: []string{"Japan"}},
				{Kind: kg.State, Name: "Russia", Mentions: []string{"Russia"}},
			},
			Treaties: []eval.GoldTreaty{{Name: "Peace treaty", Parties: []string{"Japan", "Russia"}}},
		}
	}
	r := eval.Score([]*eval.Gold{gold("a.txt"), gold("b_c.txt"), gold("missing.txt")}, g)
	type row struct {
		Article           string
		Membership        eval.Membership
		State, Treaties   eval.PRF
		TreatyPartyMisses int
	}
	var got []row
	for _, a := range r.Articles {
		got = append(got, row{a.Article, a.Membership, a.State, a.Treaties, a.TreatyPartyMisses})
	}
	want := []row{
		// Russia's PARTY_TO edge cites only b-c, so in a the treaty has
		// Japan alone as party, and Russia is not an entity of a.
		{"article:a", eval.ByEvidence, prf(2, 1, 1), prf(1, 1, 0), 1},
		// Found by id: a JSON Lines source does not end with the file.
		{"article:b-c", eval.ByEvidence, prf(2, 2, 2), prf(1, 1, 1), 0},
		{"", eval.NotFound, prf(2, 0, 0), prf(1, 0, 0), 0},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("articles (-want +got):\n%s", diff)
	}
	if got, want := r.Overall.Entities, (eval.PRF{Gold: 6, Predicted: 3, Matched: 3}); got != want {
		t.Errorf("overall entities = %+v, want %+v", got, want)
	}

	// An entity without edges counts when a quoted sentence of the article
	// names it.
	g.Edges[0].Evidence[0].Quote = "Japan and Congress signed a Peace treaty."
	r = eval.Score([]*eval.Gold{gold("a.txt")}, g)
	if diff := cmp.Diff([]string{"ORGANIZATION United States Congress"}, r.Articles[0].Errors.SpuriousEntities); diff != "" {
		t.Errorf("spurious entities of a (-want +got):\n%s", diff)
	}

	// So does an entity the article MENTIONS, evidence or not.
	g.Edges = append(g.Edges, loader.GraphEdge{Type: kg.Mentions, From: "article:a", To: china.ID})
	r = eval.Score([]*eval.Gold{gold("a.txt")}, g)
	if diff := cmp.Diff([]string{"STATE China", "ORGANIZATION United States Congress"}, r.Articles[0].Errors.SpuriousEntities); diff != "" {
		t.Errorf("spurious entities of a with MENTIONS (-want +got):\n%s", diff)
	}
	if !strings.Contains(r.Markdown(), "**Approximate:** 1 of 1 articles") {
		t.Errorf("Markdown does not say the scores are approximate:\n%s", r.Markdown())
	}

	// With one article in the graph, all of it belongs to the article.
	one := &loader.Graph{Articles: g.Articles[:1], Entities: g.Entities, Edges: g.Edges}
	r = eval.Score([]*eval.Gold{gold("a.txt")}, one)
	if a := r.Articles[0]; a.Membership != eval.WholeGraph || a.Entities.Predicted != 4 || a.Treaties.Matched != 1 || strings.Contains(r.Markdown(), "Approximate") {
		t.Errorf("whole graph: membership %s, entities %+v, treaties %+v; want whole-graph, 4 predicted, 1 treaty matched",
			a.Membership, a.Entities, a.Treaties)
	}
}

// TestScoreResults checks that each gold is scored against its own
// article's graph: nothing is borrowed from another article.
func TestScoreResults(t *testing.T) {
	docs := map[string]string{
		"a.txt": "Japan and Russia talk\n2019-01-15\n\nJapan and Russia held talks in Moscow on Jan. 14.",
		"b.txt": "China speaks\n2019-01-16\n\nChina said nothing about Japan yesterday.",
	}
	dir := t.TempDir()
	var paths []string
	for name, text := range docs {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	slices.Sort(paths)
	var results []*loader.Result
	if _, err := loader.ExtractAll(t.Context(), &read.Reader{}, paths, func(r *loader.Result) error {
		results = append(results, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	china := []eval.GoldEntity{{Kind: kg.State, Name: "China", Mentions: []string{"China"}}}
	golds := []*eval.Gold{{File: "b.txt", Entities: china}, {File: "a.txt", Entities: china}, {File: "c.txt", Entities: china}}
	r := eval.ScoreResults(golds, results)
	type row struct {
		File       string
		Membership eval.Membership
		Matched    int
	}
	var got []row
	for _, a := range r.Articles {
		got = append(got, row{a.File, a.Membership, a.State.Matched})
	}
	want := []row{{"b.txt", eval.WholeGraph, 1}, {"a.txt", eval.WholeGraph, 0}, {"c.txt", eval.NotFound, 0}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("articles (-want +got):\n%s", diff)
	}
}

func TestReadGold(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("a.gold.json", `{"file": "a.txt", "published": null,
		"entities": [{"kind": "STATE", "name": "Japan", "mentions": ["Japan"], "note": "ignored"}],
		"treaties": [{"name": "T", "mentions": [], "date": "19XX", "parties": [], "status": "SIGNED"}],
		"events": [{"type": "MEETING", "date": "2019-01-14", "end": null, "status": "OCCURRED", "participants": ["Japan"]}],
		"timexes": [{"text": "now", "value": "PRESENT_REF"}]}`)
	g, err := eval.ReadGold(good)
	if err != nil {
		t.Fatal(err)
	}
	want := &eval.Gold{
		File:     "a.txt",
		Entities: []eval.GoldEntity{{Kind: kg.State, Name: "Japan", Mentions: []string{"Japan"}}},
		Treaties: []eval.GoldTreaty{{Name: "T", Mentions: []string{}, Date: ptr("19XX"), Parties: []string{}, Status: kg.Signed}},
		Events:   []eval.GoldEvent{{Type: kg.Meeting, Date: ptr("2019-01-14"), Status: kg.Occurred, Participants: []string{"Japan"}}},
		Timexes:  []eval.GoldTimex{{Text: "now", Value: "PRESENT_REF"}},
	}
	if diff := cmp.Diff(want, g); diff != "" {
		t.Errorf("ReadGold (-want +got):\n%s", diff)
	}

	for _, tc := range []struct{ name, text, msg string }{
		{"no file", `{"entities": []}`, `no "file"`},
		{"bad kind", `{"file": "x.txt", "entities": [{"kind": "CITY", "name": "Moscow"}]}`, `kind "CITY"`},
		{"bad treaty date", `{"file": "x.txt", "treaties": [{"name": "T", "date": "1956-13"}]}`, `invalid date "1956-13"`},
		{"bad event type", `{"file": "x.txt", "events": [{"type": "PARTY", "participants": ["A"]}]}`, `type "PARTY"`},
		{"treaty status on an event", `{"file": "x.txt", "events": [{"type": "MEETING", "status": "SIGNED", "participants": ["A"]}]}`, `status "SIGNED"`},
		{"event without participants", `{"file": "x.txt", "events": [{"type": "MEETING"}]}`, `no participants`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := write("bad.json", tc.text)
			_, err := eval.ReadGold(p)
			var kerr *kg.Error
			if !errors.As(err, &kerr) || kerr.Code != kg.EINVALID || !strings.Contains(kerr.Message, tc.msg) || !strings.Contains(err.Error(), p) {
				t.Errorf("ReadGold = %v, want EINVALID naming %s and saying %q", err, p, tc.msg)
			}
		})
	}

	golds, err := eval.ReadGoldDir(dir)
	if err != nil || len(golds) != 1 || golds[0].File != "a.txt" {
		t.Errorf("ReadGoldDir = %v, %v; want a.gold.json alone (bad.json is not a gold file)", golds, err)
	}
	if _, err := eval.ReadGoldDir(t.TempDir()); kg.ErrorCode(err) != kg.EINVALID {
		t.Errorf("ReadGoldDir(empty dir) = %v, want EINVALID", err)
	}
	if _, err := eval.ReadGoldDir(filepath.Join(dir, "nope")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadGoldDir(missing dir) = %v, want fs.ErrNotExist", err)
	}
}

func TestReportOutput(t *testing.T) {
	gold := eval.Gold{
		File:     "a.txt",
		Entities: []eval.GoldEntity{{Kind: kg.State, Name: "Japan", Mentions: []string{"Japan"}}},
	}
	r := eval.Score([]*eval.Gold{&gold}, graphA([]loader.GraphEntity{ent(kg.State, "Japan")}, nil, nil))

	md := r.Markdown()
	for _, want := range []string{
		"| STATE | 1 | 1 | 1 | 1.000 | 1.000 | 1.000 |",
		"| PERSON | 0 | 0 | 0 | – | – | – |",
		"| a.txt | 1/1/1 | 1.000 |",
		"### Matching rules",
		"one lies within the other",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}

	data, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Overall struct {
			State  map[string]any `json:"state"`
			Person map[string]any `json:"person"`
		} `json:"overall"`
		Articles []map[string]any `json:"articles"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	wantState := map[string]any{"gold": 1.0, "predicted": 1.0, "matched": 1.0, "precision": 1.0, "recall": 1.0, "f1": 1.0}
	if diff := cmp.Diff(wantState, doc.Overall.State); diff != "" {
		t.Errorf("JSON overall.state (-want +got):\n%s", diff)
	}
	wantPerson := map[string]any{"gold": 0.0, "predicted": 0.0, "matched": 0.0, "precision": nil, "recall": nil, "f1": nil}
	if diff := cmp.Diff(wantPerson, doc.Overall.Person); diff != "" {
		t.Errorf("JSON overall.person (-want +got):\n%s", diff)
	}
	if len(doc.Articles) != 1 || doc.Articles[0]["file"] != "a.txt" || doc.Articles[0]["membership"] != "whole-graph" {
		t.Errorf("JSON articles = %v", doc.Articles)
	}
}

// TestMarkdownSets checks that named sets are shown side by side, each
// under its name, with the matching rules once.
func TestMarkdownSets(t *testing.T) {
	gold := eval.Gold{
		File:     "a.txt",
		Entities: []eval.GoldEntity{{Kind: kg.State, Name: "Japan", Mentions: []string{"Japan"}}},
	}
	dev := eval.Score([]*eval.Gold{&gold}, graphA([]loader.GraphEntity{ent(kg.State, "Japan")}, nil, nil))
	dev.Name = "dev"
	val := eval.Score([]*eval.Gold{&gold}, graphA([]loader.GraphEntity{ent(kg.State, "China")}, nil, nil))
	val.Name = "validation"

	md := eval.MarkdownSets(dev, val)
	for _, want := range []string{
		"| | dev (1 articles) | validation (1 articles) |",
		"| **entity F1** | 1.000 (P 1.000, R 1.000) | 0.000 (P 0.000, R 0.000) |",
		"| **event F1** (date, a participant) | – (P –, R –) | – (P –, R –) |",
		"## dev: extraction scores (1 articles)",
		"## validation: extraction scores (1 articles)",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("MarkdownSets lacks %q:\n%s", want, md)
		}
	}
	if n := strings.Count(md, "Matching rules"); n != 1 {
		t.Errorf("MarkdownSets states the matching rules %d times, want once", n)
	}
	if !strings.HasPrefix(dev.Markdown(), "## dev: extraction scores") {
		t.Errorf("a named report's Markdown does not open with its name:\n%s", dev.Markdown())
	}
}
