package storetest

import (
	"slices"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/kg"
)

// RunCuration runs the conformance suite of kg.CurationStore: the curation
// log, the rules Put applies, and the change feed. open must return a new,
// empty store each time, as for Run.
func RunCuration(t *testing.T, open func(t *testing.T) kg.CurationStore) {
	loadedC := func(t *testing.T) kg.CurationStore {
		t.Helper()
		s := open(t)
		mustPut(t, s, diplomacy())
		return s
	}
	t.Run("WritesAfters", func(t *testing.T) { testCurateWrites(t, loadedC(t)) })
	t.Run("StaleBefore", func(t *testing.T) { testCurateStale(t, loadedC(t)) })
	t.Run("Undone", func(t *testing.T) { testCurateUndone(t, loadedC(t)) })
	t.Run("PutAppliesRules", func(t *testing.T) { testPutAppliesRules(t, loadedC(t)) })
	t.Run("Log", func(t *testing.T) { testCurationLog(t, loadedC(t)) })
	t.Run("ArticleEdges", func(t *testing.T) { testArticleEdges(t, loadedC(t)) })
	t.Run("Changes", func(t *testing.T) { testChanges(t, open(t)) })
}

var recSeq int

// record returns a curation record of op with the given diff.
func record(op kg.CurationOp, d kg.Diff) *kg.Curation {
	recSeq++
	return &kg.Curation{
		ID: kg.CurationPrefix + "test-" + time.Now().Format("150405.000000") + "-" + string(rune('a'+recSeq%26)),
		At: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Who: "tester", Op: op, Reason: "a test", Diff: d,
	}
}

func mustCurate(t *testing.T, s kg.CurationStore, c *kg.Curation) *kg.Curation {
	t.Helper()
	out, err := s.Curate(t.Context(), c)
	if err != nil {
		t.Fatalf("Curate(%s): %v", c.Op, err)
	}
	return out
}

func mustEdge(t *testing.T, s kg.Store, id string) *kg.Edge {
	t.Helper()
	e, err := s.Edge(t.Context(), id)
	if err != nil {
		t.Fatalf("Edge(%s): %v", id, err)
	}
	return e
}

func testCurateWrites(t *testing.T, s kg.CurationStore) {
	ctx := t.Context()
	japan := mustEntity(t, s, idJapan)
	renamed := kg.CloneEntity(japan)
	renamed.Name, renamed.Aliases = "Nippon-koku", []string{"Japan", "日本"} // "Nippon" removed
	renamed.Attrs["capital"] = "Tokyo"
	allied := mustEdge(t, s, eJapanAllied.ID)
	newEdge := &kg.Edge{ID: kg.EdgeID(kg.AlliedWith, idJapan, idRussia, ""), Type: kg.AlliedWith, From: idJapan, To: idRussia,
		Date: kg.MustParseDate("1907"), Evidence: []kg.Evidence{{Article: "curation:x", Quote: "a test"}}}
	office := mustEdge(t, s, eKonoOffice.ID)
	office2 := kg.CloneEdge(office)
	office2.Date = kg.MustParseDate("2017-08-03")
	office2.Evidence = append(office2.Evidence, kg.Evidence{Article: idArticle, Sentence: 0, Quote: sentence(0).Quote, Start: 0, End: 10})
	hatoyama := mustEntity(t, s, idCavusoglu) // one MENTIONS edge, removed below with it
	mentions := mustEdge(t, s, eMentionsCavusoglu.ID)
	rule := &kg.Rule{Kind: kg.RuleRetractEdge, ID: eJapanAllied.ID, Record: "curation:x"}
	c := record(kg.OpUpdateEntity, kg.Diff{
		Entities: []kg.EntityDiff{{Before: japan, After: renamed}, {Before: hatoyama}},
		Edges:    []kg.EdgeDiff{{Before: allied}, {After: newEdge}, {Before: office, After: office2}, {Before: mentions}},
		Rules:    []kg.RuleDiff{{After: rule}},
	})
	before, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := mustCurate(t, s, c)
	if out.Seq <= 0 || out.ID != c.ID {
		t.Errorf("Curate returned seq %d id %s, want a positive seq and id %s", out.Seq, out.ID, c.ID)
	}
	if diff := gocmp.Diff(renamed, mustEntity(t, s, idJapan), opts); diff != "" {
		t.Errorf("Japan after (-want +got):\n%s", diff)
	}
	_, err = s.Entity(ctx, idCavusoglu)
	wantCode(t, err, kg.ENOTFOUND)
	_, err = s.Edge(ctx, eJapanAllied.ID)
	wantCode(t, err, kg.ENOTFOUND)
	if diff := gocmp.Diff(newEdge, mustEdge(t, s, newEdge.ID), opts); diff != "" {
		t.Errorf("new edge (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff(office2, mustEdge(t, s, office.ID), opts); diff != "" {
		t.Errorf("replaced edge (-want +got):\n%s", diff)
	}
	after, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after.Entities != before.Entities-1 || after.Edges != before.Edges-1 {
		t.Errorf("stats after: %d entities %d edges, want %d and %d", after.Entities, after.Edges, before.Entities-1, before.Edges-1)
	}
	// Counts, pages and search follow: Japan lost ALLIED_WITH → US and
	// gained one to Russia.
	p, err := s.Edges(ctx, kg.EdgeQuery{Entity: idJapan, Types: []kg.EdgeType{kg.AlliedWith}})
	if err != nil {
		t.Fatal(err)
	}
	if p.TotalCount != 1 || len(p.Edges) != 1 || p.Edges[0].ID != newEdge.ID {
		t.Errorf("Japan's ALLIED_WITH after: %d %v, want only %s", p.TotalCount, edgeIDs(p.Edges), newEdge.ID)
	}
	p, err = s.Edges(ctx, kg.EdgeQuery{Entity: idUS, Types: []kg.EdgeType{kg.AlliedWith}})
	if err != nil {
		t.Fatal(err)
	}
	if p.TotalCount != 0 || len(p.Edges) != 0 {
		t.Errorf("US ALLIED_WITH after: %d %v, want none", p.TotalCount, edgeIDs(p.Edges))
	}
	for _, tc := range []struct {
		text string
		want []string
	}{{"Nippon-koku", []string{idJapan}}, {"Nippon", []string{idJapan}}, {"Japan", []string{idJapan}}, {"Cavusoglu", nil}} {
		es, err := s.Search(ctx, kg.SearchQuery{Text: tc.text, Kinds: []kg.Kind{kg.State, kg.Person}})
		if err != nil {
			t.Fatal(err)
		}
		got := entityIDs(es)
		if tc.text == "Nippon" {
			// "Nippon" is no alias any more, but a word of the name.
			got = slices.DeleteFunc(got, func(id string) bool { return id != idJapan })
		}
		if diff := gocmp.Diff(tc.want, got, opts); diff != "" {
			t.Errorf("Search(%q) after (-want +got):\n%s", tc.text, diff)
		}
	}
	path, err := s.Path(ctx, kg.PathQuery{From: idJapan, To: idUS, Types: []kg.EdgeType{kg.AlliedWith}})
	if kg.ErrorCode(err) != kg.ENOTFOUND {
		t.Errorf("Path Japan→US over ALLIED_WITH after the retraction: %v, %v; want ENOTFOUND", path, err)
	}
	rules, err := s.Rules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff([]*kg.Rule{rule}, rules.All()); diff != "" {
		t.Errorf("Rules after (-want +got):\n%s", diff)
	}
	got, err := s.Curation(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Seq != out.Seq || got.Who != "tester" || got.Op != kg.OpUpdateEntity || !got.At.Equal(c.At) || len(got.Diff.Edges) != 4 {
		t.Errorf("Curation(%s) = %+v, want the record as written", c.ID, got)
	}
	if !slices.Contains(got.Subjects, idJapan) || !slices.Contains(got.Subjects, idRussia) || !slices.Contains(got.Subjects, idCavusoglu) {
		t.Errorf("Subjects %v miss the entities the record touched", got.Subjects)
	}
}

func testCurateStale(t *testing.T, s kg.CurationStore) {
	ctx := t.Context()
	japan := mustEntity(t, s, idJapan)
	stale := kg.CloneEntity(japan)
	stale.Aliases = nil
	renamed := kg.CloneEntity(japan)
	renamed.Name = "Nippon-koku"
	kono := mustEntity(t, s, idKono)
	allied := mustEdge(t, s, eJapanAllied.ID)
	staleEdge := kg.CloneEdge(allied)
	staleEdge.Evidence = []kg.Evidence{sentence(1)}
	tests := []struct {
		name string
		d    kg.Diff
		code string
	}{
		{"entity changed since", kg.Diff{Entities: []kg.EntityDiff{{Before: stale, After: renamed}}}, kg.ECONFLICT},
		{"entity created since", kg.Diff{Entities: []kg.EntityDiff{{After: renamed}}}, kg.ECONFLICT},
		{"edge changed since", kg.Diff{Edges: []kg.EdgeDiff{{Before: staleEdge}}}, kg.ECONFLICT},
		{"edge gone since", kg.Diff{Edges: []kg.EdgeDiff{{Before: &kg.Edge{ID: "edge:gone", Type: kg.AlliedWith, From: idJapan, To: idUS}}}}, kg.ECONFLICT},
		{"rule set since", kg.Diff{Rules: []kg.RuleDiff{{Before: &kg.Rule{Kind: kg.RuleRetractEdge, ID: "edge:x"}}}}, kg.ECONFLICT},
		{"entity removed with its edges left", kg.Diff{Entities: []kg.EntityDiff{{Before: kono}}}, kg.ECONFLICT},
		{"edge to nothing", kg.Diff{Edges: []kg.EdgeDiff{{After: &kg.Edge{ID: "edge:new", Type: kg.AlliedWith, From: idJapan, To: "state:atlantis"}}}}, kg.EINVALID},
		// The first part is fine: nothing of it may stay.
		{"fine then stale", kg.Diff{Entities: []kg.EntityDiff{{Before: japan, After: renamed}}, Edges: []kg.EdgeDiff{{Before: staleEdge}}}, kg.ECONFLICT},
	}
	before := takeSnapshot(t, s)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Curate(ctx, record(kg.OpUpdateEntity, tc.d))
			wantCode(t, err, tc.code)
		})
	}
	if diff := gocmp.Diff(before, takeSnapshot(t, s), opts); diff != "" {
		t.Errorf("store changed by refused curations (-before +after):\n%s", diff)
	}
	page, err := s.CurationLog(ctx, kg.CurationQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if page.TotalCount != 0 || len(page.Records) != 0 {
		t.Errorf("log after refused curations holds %d records", page.TotalCount)
	}
	rules, err := s.Rules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rules.Len() != 0 {
		t.Errorf("rules after refused curations: %v", rules.All())
	}
}

func testCurateUndone(t *testing.T, s kg.CurationStore) {
	ctx := t.Context()
	rule := &kg.Rule{Kind: kg.RuleRetractEdge, ID: "edge:x"}
	a := mustCurate(t, s, record(kg.OpRetractEdge, kg.Diff{Rules: []kg.RuleDiff{{After: rule}}}))
	undo := record(kg.OpUndo, kg.Diff{Rules: []kg.RuleDiff{{Before: rule}}})
	undo.Undoes = a.ID
	b := mustCurate(t, s, undo)
	got, err := s.Curation(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.UndoneBy != b.ID {
		t.Errorf("UndoneBy of the undone record = %q, want %q", got.UndoneBy, b.ID)
	}
	again := record(kg.OpUndo, kg.Diff{})
	again.Undoes = a.ID
	_, err = s.Curate(ctx, again)
	wantCode(t, err, kg.ECONFLICT)
	none := record(kg.OpUndo, kg.Diff{})
	none.Undoes = "curation:nothing"
	_, err = s.Curate(ctx, none)
	wantCode(t, err, kg.ENOTFOUND)
	_, err = s.Curation(ctx, "curation:nothing")
	wantCode(t, err, kg.ENOTFOUND)
	dup := record(kg.OpUndo, kg.Diff{})
	dup.ID = a.ID
	_, err = s.Curate(ctx, dup)
	wantCode(t, err, kg.ECONFLICT)
}

// Put writes what the rules in force let through, whatever wrote the
// batch: a retracted edge or article stays out, a pinned name holds, a
// merged entity's records go to its survivor.
func testPutAppliesRules(t *testing.T, s kg.CurationStore) {
	ctx := t.Context()
	allied := mustEdge(t, s, eJapanAllied.ID)
	japan := mustEntity(t, s, idJapan)
	pinned := kg.CloneEntity(japan)
	pinned.Name = "Nippon-koku"
	pinned.Aliases = []string{"Japan", "日本"}
	// Çavuşoğlu merged into Lavrov (a test of the mechanism, not of
	// history): his one edge, the article's MENTIONS, moves.
	cav := mustEntity(t, s, idCavusoglu)
	lavrov := mustEntity(t, s, idLavrov)
	lavrov2 := kg.CloneEntity(lavrov)
	lavrov2.Aliases = append(lavrov2.Aliases, cav.Name)
	mentions := mustEdge(t, s, eMentionsCavusoglu.ID)
	moved := kg.CloneEdge(mentions)
	moved.To, moved.ID = idLavrov, kg.EdgeID(kg.Mentions, idArticle, idLavrov, "")
	mustCurate(t, s, record(kg.OpUpdateEntity, kg.Diff{
		Entities: []kg.EntityDiff{{Before: japan, After: pinned}, {Before: cav}, {Before: lavrov, After: lavrov2}},
		Edges:    []kg.EdgeDiff{{Before: allied}, {Before: mentions}, {After: moved}},
		Rules: []kg.RuleDiff{
			{After: &kg.Rule{Kind: kg.RuleRetractEdge, ID: eJapanAllied.ID}},
			{After: &kg.Rule{Kind: kg.RulePinEntity, ID: idJapan, Entity: &kg.EntityPin{Name: "Nippon-koku", DropAliases: []string{"Nippon"}}}},
			{After: &kg.Rule{Kind: kg.RuleRedirect, ID: idCavusoglu, Target: idLavrov, TargetKind: kg.Person, TargetName: lavrov.Name}},
			{After: &kg.Rule{Kind: kg.RuleRetractArticle, ID: kg.ArticleID("retracted")}},
		},
	}))
	b := diplomacy()
	b.Articles = append(b.Articles, kg.Article{ID: kg.ArticleID("retracted"), Title: "Wrong"})
	b.Edges = append(b.Edges, kg.Edge{ID: kg.EdgeID(kg.Claims, idRussia, idKurils, ""), Type: kg.Claims, From: idRussia, To: idKurils,
		Evidence: []kg.Evidence{{Article: kg.ArticleID("retracted"), Sentence: 1, Quote: "Russia claims them."}}})
	mustPut(t, s, b)

	_, err := s.Edge(ctx, eJapanAllied.ID)
	wantCode(t, err, kg.ENOTFOUND)
	_, err = s.Entity(ctx, idCavusoglu)
	wantCode(t, err, kg.ENOTFOUND)
	_, err = s.Edge(ctx, eMentionsCavusoglu.ID)
	wantCode(t, err, kg.ENOTFOUND)
	mustEdge(t, s, moved.ID)
	_, err = s.Article(ctx, kg.ArticleID("retracted"))
	wantCode(t, err, kg.ENOTFOUND)
	_, err = s.Edge(ctx, kg.EdgeID(kg.Claims, idRussia, idKurils, ""))
	wantCode(t, err, kg.ENOTFOUND)
	if diff := gocmp.Diff(pinned, mustEntity(t, s, idJapan), opts); diff != "" {
		t.Errorf("Japan after a reload (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff(lavrov2, mustEntity(t, s, idLavrov), opts); diff != "" {
		t.Errorf("Lavrov after a reload (-want +got):\n%s", diff)
	}
}

func testCurationLog(t *testing.T, s kg.CurationStore) {
	ctx := t.Context()
	var ids []string
	for i, subject := range []string{idJapan, idRussia, idJapan, idUS, idJapan} {
		c := record(kg.OpUpdateEntity, kg.Diff{Rules: []kg.RuleDiff{{After: &kg.Rule{Kind: kg.RulePinEntity, ID: subject, Entity: &kg.EntityPin{Name: string(rune('A' + i))}}}}})
		if i > 0 && subject == idJapan {
			prev, err := s.Rules(ctx)
			if err != nil {
				t.Fatal(err)
			}
			c.Diff.Rules[0].Before = prev.Get(kg.RuleKey{Kind: kg.RulePinEntity, ID: subject})
		}
		ids = append(ids, mustCurate(t, s, c).ID)
	}
	slices.Reverse(ids) // newest first
	var all []string
	q := kg.CurationQuery{First: 2}
	for {
		p, err := s.CurationLog(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if p.TotalCount != 5 {
			t.Errorf("TotalCount = %d, want 5", p.TotalCount)
		}
		for _, r := range p.Records {
			all = append(all, r.ID)
		}
		if !p.HasNext {
			break
		}
		q.After = p.Cursors[len(p.Cursors)-1]
	}
	if diff := gocmp.Diff(ids, all); diff != "" {
		t.Errorf("log pages (-want +got):\n%s", diff)
	}
	p, err := s.CurationLog(ctx, kg.CurationQuery{Subject: idJapan, First: 10})
	if err != nil {
		t.Fatal(err)
	}
	var japan []string
	for _, r := range p.Records {
		japan = append(japan, r.ID)
	}
	if diff := gocmp.Diff([]string{ids[0], ids[2], ids[4]}, japan); diff != "" || p.TotalCount != 3 {
		t.Errorf("log of Japan (total %d) (-want +got):\n%s", p.TotalCount, diff)
	}
	_, err = s.CurationLog(ctx, kg.CurationQuery{After: "not a cursor"})
	wantCode(t, err, kg.EINVALID)
}

func testArticleEdges(t *testing.T, s kg.CurationStore) {
	got, err := s.ArticleEdges(t.Context(), idArticle)
	if err != nil {
		t.Fatal(err)
	}
	want := sortedByID(eKonoMeeting, eLavrovMeeting, eMeetingMoscow, eMeetingConcerns, eMentionsKono, eMentionsCavusoglu)
	if diff := gocmp.Diff(want, got, opts); diff != "" {
		t.Errorf("ArticleEdges (-want +got):\n%s", diff)
	}
	none, err := s.ArticleEdges(t.Context(), "article:nothing")
	if err != nil || len(none) != 0 {
		t.Errorf("ArticleEdges of no article = %v, %v; want none", edgeIDs(none), err)
	}
}

func testChanges(t *testing.T, s kg.CurationStore) {
	ctx := t.Context()
	last, err := s.LastChange(ctx)
	if err != nil || last != 0 {
		t.Fatalf("LastChange of an empty store = %d, %v; want 0", last, err)
	}
	mustPut(t, s, diplomacy())
	first, err := s.LastChange(ctx)
	if err != nil || first <= 0 {
		t.Fatalf("LastChange after a Put = %d, %v; want > 0", first, err)
	}
	chs, err := s.Changes(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(chs) != 1 || chs[0].Seq != first || chs[0].Origin != kg.ChangeWrite || len(chs[0].Edges) != len(diplomacy().Edges) ||
		len(chs[0].Entities) != len(diplomacy().Entities) || chs[0].At.IsZero() {
		t.Fatalf("Changes after one Put = %+v, want one PUT change of the whole batch", chs)
	}
	// Putting the same batch again changes nothing, and says nothing.
	mustPut(t, s, diplomacy())
	if n, err := s.LastChange(ctx); err != nil || n != first {
		t.Errorf("LastChange after a reload = %d, %v; want %d", n, err, first)
	}
	// A new edge is one change naming it.
	e := edge(kg.AlliedWith, idJapan, idRussia, "", "1907", "", "")
	mustPut(t, s, &kg.Batch{Edges: []kg.Edge{cloneEdge(e)}})
	chs, err = s.Changes(ctx, first, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []kg.EdgeRef{{ID: e.ID, Type: kg.AlliedWith, From: idJapan, To: idRussia}}
	if len(chs) != 1 || chs[0].Seq <= first {
		t.Fatalf("Changes after a new edge = %+v, want one", chs)
	}
	if diff := gocmp.Diff(want, chs[0].Edges); diff != "" {
		t.Errorf("change of a new edge (-want +got):\n%s", diff)
	}
	// A curation is a change naming its record and what it removed.
	c := mustCurate(t, s, record(kg.OpRetractEdge, kg.Diff{Edges: []kg.EdgeDiff{{Before: mustEdge(t, s, e.ID)}}}))
	chs, err = s.Changes(ctx, chs[0].Seq, 10)
	if err != nil {
		t.Fatal(err)
	}
	want[0].Removed = true
	if len(chs) != 1 || chs[0].Origin != kg.ChangeCuration || chs[0].Curation != c.ID {
		t.Fatalf("Changes after a curation = %+v, want one CURATION change of %s", chs, c.ID)
	}
	if diff := gocmp.Diff(want, chs[0].Edges); diff != "" {
		t.Errorf("change of a retraction (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff([]string{idJapan, idRussia}, chs[0].Entities, opts); diff != "" {
		t.Errorf("entities of a retraction (-want +got):\n%s", diff)
	}
	all, err := s.Changes(ctx, 0, 2)
	if err != nil || len(all) != 2 || all[0].Seq >= all[1].Seq {
		t.Errorf("Changes(0, 2) = %+v, %v; want the first two, oldest first", all, err)
	}
}
