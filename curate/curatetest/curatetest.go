// Package curatetest runs the curation operations of package curate on a
// kg.CurationStore, the same tests for every store: each operation, its
// audit record, its undo, and that a reload of the same articles does not
// take it back.
//
//	func TestCurate(t *testing.T) {
//		curatetest.Run(t, func(t *testing.T) kg.CurationStore { return mustOpen(t) })
//	}
package curatetest

import (
	"slices"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/diplograph/diplograph/curate"
	"github.com/diplograph/diplograph/examples"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/loader/read"
)

// Run runs the suite; open returns a new, empty store each time.
func Run(t *testing.T, open func(t *testing.T) kg.CurationStore) {
	t.Run("Merge", guard(testMerge, open))
	t.Run("MergeThenReloadThenSplit", guard(testMergeReloadSplit, open))
	t.Run("UpdateEntity", guard(testUpdateEntity, open))
	t.Run("ChangeKind", guard(testChangeKind, open))
	t.Run("RetractEdge", guard(testRetractEdge, open))
	t.Run("AssertEdge", guard(testAssertEdge, open))
	t.Run("RetractArticle", guard(testRetractArticle, open))
	t.Run("Refusals", guard(testRefusals, open))
	t.Run("Ingest", guard(testIngest, open))
	t.Run("ReloadRealArticle", guard(testReloadRealArticle, open))
}

var opts = gocmp.Options{
	gocmp.Transformer("TIMEX", func(d kg.Date) string { return d.String() }),
	cmpopts.EquateEmpty(),
	cmpopts.SortSlices(func(a, b string) bool { return a < b }),
	cmpopts.SortSlices(func(a, b kg.Evidence) bool {
		return a.Article+"\x00"+string(rune(a.Sentence)) < b.Article+"\x00"+string(rune(b.Sentence))
	}),
}

// The fixture: one article about a meeting, read badly. "Kono" and "Taro
// Kono" are two nodes of one minister; Acme, a company, was taken for a
// person; an alliance was read where the text has none.
var (
	idTaro    = kg.EntityID(kg.Person, "Taro Kono")
	idKono    = kg.EntityID(kg.Person, "Kono")
	idLavrov  = kg.EntityID(kg.Person, "Sergey Lavrov")
	idAcme    = kg.EntityID(kg.Person, "Acme")
	idAcmeOrg = kg.EntityID(kg.Organization, "Acme")
	idJapan   = kg.EntityID(kg.State, "Japan")
	idRussia  = kg.EntityID(kg.State, "Russia")
	idUS      = kg.EntityID(kg.State, "United States")
	idTreaty  = kg.EntityID(kg.Treaty, "Soviet-Japanese Joint Declaration")
	idMeeting = kg.EntityID(kg.Event, "Meeting of Sergey Lavrov and Taro Kono, 2019-01-14")
	idA1      = kg.ArticleID("a1")
	idA2      = kg.ArticleID("a2")

	sentences = []string{
		"Kono and Lavrov meet", // headline
		"Foreign Minister Taro Kono met Sergey Lavrov in Moscow on Jan. 14.",
		"Kono said the talks went well.",
		"Japan and the United States are allied, Kono added.",
		"Acme sponsored the meeting.",
	}
	a2Sentences = []string{"Russia and Japan", "Lavrov met Kono again.", "Japan is party to the Declaration."}
)

func ev(article string, i int) kg.Evidence {
	ss := sentences
	if article == idA2 {
		ss = a2Sentences
	}
	return kg.Evidence{Article: article, Sentence: i, Quote: ss[i], Start: i * 100, End: i*100 + len(ss[i])}
}

func edge(t kg.EdgeType, from, to, role string, evs ...kg.Evidence) kg.Edge {
	return kg.Edge{ID: kg.EdgeID(t, from, to, role), Type: t, From: from, To: to, Role: role, Evidence: evs}
}

var (
	eTaroOffice   = edge(kg.HoldsOffice, idTaro, idJapan, "Foreign Minister", ev(idA1, 1))
	eKonoOffice   = edge(kg.HoldsOffice, idKono, idJapan, "Foreign Minister", ev(idA1, 2))
	eTaroMeeting  = edge(kg.ParticipatedIn, idTaro, idMeeting, "", ev(idA1, 1))
	eKonoMeeting  = edge(kg.ParticipatedIn, idKono, idMeeting, "", ev(idA1, 2))
	eLavrovMeet   = edge(kg.ParticipatedIn, idLavrov, idMeeting, "host", ev(idA1, 1))
	eAllied       = edge(kg.AlliedWith, idJapan, idUS, "", ev(idA1, 3))
	eAcmeMeeting  = edge(kg.ParticipatedIn, idAcme, idMeeting, "sponsor", ev(idA1, 4))
	eMentionsKono = edge(kg.Mentions, idA1, idKono, "", ev(idA1, 2))
	eA2Meeting    = edge(kg.ParticipatedIn, idKono, idMeeting, "", ev(idA2, 1))
	eA2Party      = edge(kg.PartyTo, idJapan, idTreaty, "", ev(idA2, 2))
	eA2Mentions   = edge(kg.Mentions, idA2, idLavrov, "")
)

func fixture() *kg.Batch {
	d := kg.MustParseDate
	return &kg.Batch{
		Articles: []kg.Article{{ID: idA1, Title: sentences[0], Published: d("2019-01-15"), Source: "a1.txt", Text: strings.Join(sentences, "\n")}},
		Entities: []kg.Entity{
			{ID: idTaro, Kind: kg.Person, Name: "Taro Kono", Aliases: []string{"Foreign Minister Kono"}, Attrs: map[string]string{"role": "Foreign Minister"}},
			{ID: idKono, Kind: kg.Person, Name: "Kono", Attrs: map[string]string{"state": idJapan}},
			{ID: idLavrov, Kind: kg.Person, Name: "Sergey Lavrov", Aliases: []string{"Lavrov"}},
			{ID: idAcme, Kind: kg.Person, Name: "Acme"},
			{ID: idJapan, Kind: kg.State, Name: "Japan", Aliases: []string{"Nippon"}},
			{ID: idRussia, Kind: kg.State, Name: "Russia"},
			{ID: idUS, Kind: kg.State, Name: "United States", Aliases: []string{"U.S."}},
			{ID: idTreaty, Kind: kg.Treaty, Name: "Soviet-Japanese Joint Declaration", Date: d("1956-10-19"), Status: kg.InForce},
			{ID: idMeeting, Kind: kg.Event, Name: "Meeting of Sergey Lavrov and Taro Kono, 2019-01-14", EventType: kg.Meeting, Status: kg.Occurred, Date: d("2019-01-14")},
		},
		Edges: []kg.Edge{eTaroOffice, eKonoOffice, eTaroMeeting, eKonoMeeting, eLavrovMeet, eAllied, eAcmeMeeting, eMentionsKono},
	}
}

// second is another article: it supports one edge alone and one that the
// first supports too.
func second() *kg.Batch {
	return &kg.Batch{
		Articles: []kg.Article{{ID: idA2, Title: a2Sentences[0], Source: "a2.txt", Text: strings.Join(a2Sentences, "\n")}},
		Entities: []kg.Entity{
			{ID: idKono, Kind: kg.Person, Name: "Kono"},
			{ID: idLavrov, Kind: kg.Person, Name: "Sergey Lavrov"},
			{ID: idMeeting, Kind: kg.Event, Name: "Meeting of Sergey Lavrov and Taro Kono, 2019-01-14", EventType: kg.Meeting},
			{ID: idJapan, Kind: kg.State, Name: "Japan"},
			{ID: idTreaty, Kind: kg.Treaty, Name: "Soviet-Japanese Joint Declaration"},
		},
		Edges: []kg.Edge{eA2Meeting, eA2Party, eA2Mentions, edge(kg.AlliedWith, idJapan, idUS, "", ev(idA2, 2))},
	}
}

func service(s kg.CurationStore) *curate.Service {
	return &curate.Service{Store: s, Now: func() time.Time { return time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC) }}
}

func mustPut(t *testing.T, s kg.Store, b *kg.Batch) {
	t.Helper()
	if err := s.Put(t.Context(), b); err != nil {
		t.Fatalf("Put: %v", err)
	}
}

func loaded(t *testing.T, open func(t *testing.T) kg.CurationStore) (kg.CurationStore, *curate.Service) {
	t.Helper()
	s := open(t)
	mustPut(t, s, fixture())
	return s, service(s)
}

// must returns v, or stops the test with err (see guard).
func must[T any](v T, err error) T {
	if err != nil {
		panic(failure{err})
	}
	return v
}

// failure is must's panic, which guard turns into t.Fatal.
type failure struct{ err error }

// guard runs a test of the suite, failing it (and only it) on must's
// panic.
func guard(f func(t *testing.T, open func(t *testing.T) kg.CurationStore), open func(t *testing.T) kg.CurationStore) func(t *testing.T) {
	return func(t *testing.T) {
		defer func() {
			if r := recover(); r != nil {
				f, ok := r.(failure)
				if !ok {
					panic(r)
				}
				t.Fatalf("%+v", f.err)
			}
		}()
		f(t, open)
	}
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := kg.ErrorCode(err); got != code {
		t.Errorf("error %v has code %q, want %q", err, got, code)
	}
}

// state is what the store holds of the given entities: each entity (nil
// when absent) and all its edges, by id.
type state struct {
	Entities map[string]*kg.Entity
	Edges    map[string]*kg.Edge
	Articles map[string]*kg.Article
}

var allIDs = []string{idTaro, idKono, idLavrov, idAcme, idAcmeOrg, idJapan, idRussia, idUS, idTreaty, idMeeting}

func snapshot(t *testing.T, s kg.Store, ids ...string) state {
	t.Helper()
	if len(ids) == 0 {
		ids = allIDs
	}
	st := state{Entities: map[string]*kg.Entity{}, Edges: map[string]*kg.Edge{}, Articles: map[string]*kg.Article{}}
	es := must(s.Entities(t.Context(), ids))
	for i, e := range es {
		st.Entities[ids[i]] = e
		if e == nil {
			continue
		}
		q := kg.EdgeQuery{Entity: e.ID, First: kg.MaxFirst}
		for {
			p := must(s.Edges(t.Context(), q))
			for _, x := range p.Edges {
				st.Edges[x.ID] = x
			}
			if !p.HasNext {
				break
			}
			q.After = p.Cursors[len(p.Cursors)-1]
		}
	}
	for _, id := range []string{idA1, idA2} {
		a, err := s.Article(t.Context(), id)
		if kg.ErrorCode(err) != kg.ENOTFOUND && err != nil {
			t.Fatal(err)
		}
		st.Articles[id] = a
	}
	return st
}

func sameState(t *testing.T, what string, want, got state) {
	t.Helper()
	if diff := gocmp.Diff(want, got, opts); diff != "" {
		t.Errorf("%s (-want +got):\n%s", what, diff)
	}
}

func testMerge(t *testing.T, open func(t *testing.T) kg.CurationStore) {
	s, svc := loaded(t, open)
	ctx := t.Context()
	before := snapshot(t, s)
	rec := must(svc.Merge(ctx, "alice", idTaro, []string{idKono}, "one minister, two nodes"))

	// The audit record: who, when, what, why, before and after.
	got := must(s.Curation(ctx, rec.ID))
	if got.Who != "alice" || got.Op != kg.OpMergeEntities || got.Reason != "one minister, two nodes" ||
		!got.At.Equal(time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)) || got.Seq <= 0 {
		t.Errorf("record = %+v", got)
	}
	var removed, survivor bool
	for _, d := range got.Diff.Entities {
		removed = removed || d.Before != nil && d.Before.ID == idKono && d.After == nil
		survivor = survivor || d.Before != nil && d.After != nil && d.After.ID == idTaro && slices.Contains(d.After.Aliases, "Kono")
	}
	if !removed || !survivor {
		t.Errorf("the record's diff does not show Kono removed and Taro Kono with his name: %+v", got.Diff.Entities)
	}
	for _, id := range []string{idTaro, idKono} {
		p := must(s.CurationLog(ctx, kg.CurationQuery{Subject: id}))
		if len(p.Records) != 1 || p.Records[0].ID != rec.ID {
			t.Errorf("curationLog(%s) = %d records, want the merge", id, len(p.Records))
		}
	}

	_, err := s.Entity(ctx, idKono)
	wantCode(t, err, kg.ENOTFOUND)
	rules := must(s.Rules(ctx))
	if to, _, _, ok := rules.Resolve(idKono); !ok || to != idTaro {
		t.Errorf("Kono resolves to %s (%v), want %s", to, ok, idTaro)
	}
	taro := must(s.Entity(ctx, idTaro))
	wantTaro := &kg.Entity{ID: idTaro, Kind: kg.Person, Name: "Taro Kono", Aliases: []string{"Foreign Minister Kono", "Kono"},
		Attrs: map[string]string{"role": "Foreign Minister", "state": idJapan}}
	if diff := gocmp.Diff(wantTaro, taro, opts); diff != "" {
		t.Errorf("survivor (-want +got):\n%s", diff)
	}
	// Edges moved and merged with the survivor's own, evidence unioned.
	office := must(s.Edge(ctx, eTaroOffice.ID))
	if diff := gocmp.Diff([]kg.Evidence{ev(idA1, 1), ev(idA1, 2)}, office.Evidence, opts); diff != "" {
		t.Errorf("merged office evidence (-want +got):\n%s", diff)
	}
	mentions := must(s.Edge(ctx, kg.EdgeID(kg.Mentions, idA1, idTaro, "")))
	if mentions.To != idTaro {
		t.Errorf("MENTIONS moved to %s", mentions.To)
	}
	for _, id := range []string{eKonoOffice.ID, eKonoMeeting.ID, eMentionsKono.ID} {
		_, err := s.Edge(ctx, id)
		wantCode(t, err, kg.ENOTFOUND)
	}

	// A reload does not split the merge.
	after := snapshot(t, s)
	mustPut(t, s, fixture())
	sameState(t, "after a reload of the merged graph", after, snapshot(t, s))

	// Undo: the split brings back both as they were.
	split := must(svc.Split(ctx, "bob", rec.ID, "they were two after all"))
	if split.Op != kg.OpSplitEntity || split.Undoes != rec.ID {
		t.Errorf("split record = %s undoing %s", split.Op, split.Undoes)
	}
	sameState(t, "after the split", before, snapshot(t, s))
	if r := must(s.Curation(ctx, rec.ID)); r.UndoneBy != split.ID {
		t.Errorf("merge UndoneBy = %q, want %q", r.UndoneBy, split.ID)
	}
	_, err = svc.Split(ctx, "bob", rec.ID, "again")
	wantCode(t, err, kg.ECONFLICT)
	// And a reload after the split keeps both.
	mustPut(t, s, fixture())
	sameState(t, "after a reload of the split graph", before, snapshot(t, s))
	// Undoing the split merges again.
	must(svc.Undo(ctx, "carol", split.ID, "no, one person"))
	sameState(t, "after undoing the split", after, snapshot(t, s))
}

// What a load writes to a merged entity while it is merged stays with the
// survivor when the merge is undone; what the merge moved goes back.
func testMergeReloadSplit(t *testing.T, open func(t *testing.T) kg.CurationStore) {
	s, svc := loaded(t, open)
	ctx := t.Context()
	before := snapshot(t, s)
	rec := must(svc.Merge(ctx, "alice", idTaro, []string{idKono}, "same man"))
	mustPut(t, s, second()) // mentions Kono: written to Taro Kono
	_, err := s.Entity(ctx, idKono)
	wantCode(t, err, kg.ENOTFOUND)
	meeting := must(s.Edge(ctx, eTaroMeeting.ID))
	if diff := gocmp.Diff([]kg.Evidence{ev(idA1, 1), ev(idA1, 2), ev(idA2, 1)}, meeting.Evidence, opts); diff != "" {
		t.Errorf("survivor's meeting edge after the load (-want +got):\n%s", diff)
	}
	must(svc.Split(ctx, "alice", rec.ID, "not the same"))
	taroMeeting := must(s.Edge(ctx, eTaroMeeting.ID))
	if diff := gocmp.Diff([]kg.Evidence{ev(idA1, 1), ev(idA2, 1)}, taroMeeting.Evidence, opts); diff != "" {
		t.Errorf("Taro Kono's meeting edge after the split (-want +got):\n%s", diff)
	}
	konoMeeting := must(s.Edge(ctx, eKonoMeeting.ID))
	if diff := gocmp.Diff(before.Edges[eKonoMeeting.ID], konoMeeting, opts); diff != "" {
		t.Errorf("Kono's meeting edge after the split (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff(before.Entities[idKono], must(s.Entity(ctx, idKono)), opts); diff != "" {
		t.Errorf("Kono after the split (-want +got):\n%s", diff)
	}
}

func testUpdateEntity(t *testing.T, open func(t *testing.T) kg.CurationStore) {
	s, svc := loaded(t, open)
	ctx := t.Context()
	before := snapshot(t, s)
	name := "Kōno Tarō"
	aliases := []string{"Taro Kono", "Kono Taro"} // "Foreign Minister Kono" goes
	born := kg.MustParseDate("1963-01-10")
	role := "Minister for Foreign Affairs"
	rec := must(svc.UpdateEntity(ctx, "alice", idTaro, curate.EntityUpdate{
		Name: &name, Aliases: &aliases, Attrs: map[string]*string{"role": &role, "born": nil}, Date: &born,
	}, "his name as he writes it"))
	want := &kg.Entity{ID: idTaro, Kind: kg.Person, Name: name, Aliases: aliases, Date: born,
		Attrs: map[string]string{"role": role}}
	if diff := gocmp.Diff(want, must(s.Entity(ctx, idTaro)), opts); diff != "" {
		t.Errorf("after the update (-want +got):\n%s", diff)
	}
	// The attribute cites the record.
	rule := must(s.Rules(ctx)).Get(kg.RuleKey{Kind: kg.RulePinEntity, ID: idTaro})
	if rule == nil || rule.Entity.AttrRecords["role"] != rec.ID || rule.Record != rec.ID {
		t.Errorf("pin of the update = %+v, want role cited to %s", rule, rec.ID)
	}
	// A reload does not bring back the old name, the removed alias, the
	// extracted role; the extracted name becomes an alias it had already.
	mustPut(t, s, fixture())
	if diff := gocmp.Diff(want, must(s.Entity(ctx, idTaro)), opts); diff != "" {
		t.Errorf("after a reload (-want +got):\n%s", diff)
	}
	// Search finds the new name.
	found := must(s.Search(ctx, kg.SearchQuery{Text: "Kōno Tarō", Kinds: []kg.Kind{kg.Person}}))
	if len(found) == 0 || found[0].ID != idTaro {
		t.Errorf("search for the new name found %v", found)
	}
	must(svc.Undo(ctx, "bob", rec.ID, "keep the extracted name"))
	sameState(t, "after the undo", before, snapshot(t, s))
	if r := must(s.Rules(ctx)).Get(kg.RuleKey{Kind: kg.RulePinEntity, ID: idTaro}); r != nil {
		t.Errorf("pin after the undo = %+v, want none", r)
	}
}

func testChangeKind(t *testing.T, open func(t *testing.T) kg.CurationStore) {
	s, svc := loaded(t, open)
	ctx := t.Context()
	before := snapshot(t, s)
	org := kg.Organization
	rec := must(svc.UpdateEntity(ctx, "alice", idAcme, curate.EntityUpdate{Kind: &org}, "a company, not a person"))
	_, err := s.Entity(ctx, idAcme)
	wantCode(t, err, kg.ENOTFOUND)
	acme := must(s.Entity(ctx, idAcmeOrg))
	if acme.Kind != kg.Organization || acme.Name != "Acme" {
		t.Errorf("Acme after the change = %+v", acme)
	}
	moved := must(s.Edge(ctx, kg.EdgeID(kg.ParticipatedIn, idAcmeOrg, idMeeting, "sponsor")))
	if diff := gocmp.Diff(eAcmeMeeting.Evidence, moved.Evidence, opts); diff != "" {
		t.Errorf("Acme's edge after the change (-want +got):\n%s", diff)
	}
	after := snapshot(t, s)
	mustPut(t, s, fixture()) // extraction still says person:acme
	sameState(t, "after a reload", after, snapshot(t, s))
	must(svc.Undo(ctx, "bob", rec.ID, "undo"))
	sameState(t, "after the undo", before, snapshot(t, s))
}

func testRetractEdge(t *testing.T, open func(t *testing.T) kg.CurationStore) {
	s, svc := loaded(t, open)
	ctx := t.Context()
	before := snapshot(t, s)
	rec := must(svc.RetractEdge(ctx, "alice", eAllied.ID, "the text says no such thing"))
	_, err := s.Edge(ctx, eAllied.ID)
	wantCode(t, err, kg.ENOTFOUND)
	if d := rec.Diff.Edges; len(d) != 1 || d[0].After != nil || d[0].Before.ID != eAllied.ID {
		t.Errorf("record diff = %+v, want the edge before and nothing after", d)
	}
	mustPut(t, s, fixture())
	mustPut(t, s, second()) // another article states it too: still out
	_, err = s.Edge(ctx, eAllied.ID)
	wantCode(t, err, kg.ENOTFOUND)
	us := must(s.Edges(ctx, kg.EdgeQuery{Entity: idUS}))
	if us.TotalCount != 0 {
		t.Errorf("US has %d edges after the retraction and reloads, want 0", us.TotalCount)
	}
	s2, svc2 := loaded(t, open)
	rec2 := must(svc2.RetractEdge(ctx, "alice", eAllied.ID, "wrong"))
	must(svc2.Undo(ctx, "bob", rec2.ID, "right after all"))
	sameState(t, "after undoing a retraction", before, snapshot(t, s2))
	mustPut(t, s2, fixture())
	sameState(t, "after undoing a retraction and a reload", before, snapshot(t, s2))
}

func testAssertEdge(t *testing.T, open func(t *testing.T) kg.CurationStore) {
	s, svc := loaded(t, open)
	ctx := t.Context()
	date := kg.MustParseDate("1956-12-12")
	status := kg.InForce
	cite := kg.Evidence{Article: idA1, Sentence: 1, Quote: sentences[1], Start: 100, End: 100 + len(sentences[1])}
	rec := must(svc.AssertEdge(ctx, "alice", curate.EdgeAssertion{
		Type: kg.PartyTo, From: idJapan, To: idTreaty, Date: &date, Status: &status, Evidence: []kg.Evidence{cite},
	}, "Japan ratified it in December 1956"))
	e := must(s.Edge(ctx, kg.EdgeID(kg.PartyTo, idJapan, idTreaty, "")))
	if e.Date != date || e.Status != kg.InForce || len(e.Evidence) != 2 {
		t.Fatalf("asserted edge = %+v", e)
	}
	var kinds []kg.EvidenceKind
	for _, x := range e.Evidence {
		kinds = append(kinds, x.Kind())
		if x.Kind() == kg.CurationEvidence && (x.Article != rec.ID || x.Quote != "Japan ratified it in December 1956") {
			t.Errorf("curation evidence = %+v, want the record %s quoting the reason", x, rec.ID)
		}
	}
	if diff := gocmp.Diff([]kg.EvidenceKind{kg.ArticleEvidence, kg.CurationEvidence}, kinds, cmpopts.SortSlices(func(a, b kg.EvidenceKind) bool { return a < b })); diff != "" {
		t.Errorf("evidence kinds (-want +got):\n%s", diff)
	}
	// A load of an article that says the edge, with a coarser date, adds
	// its evidence and keeps the asserted date and status.
	b := second()
	b.Edges[1].Date, b.Edges[1].Status = kg.MustParseDate("1956-10-19"), kg.Signed
	mustPut(t, s, b)
	e = must(s.Edge(ctx, e.ID))
	if e.Date != date || e.Status != kg.InForce || len(e.Evidence) != 3 {
		t.Errorf("asserted edge after a load = %s %s %d evidence, want %s IN_FORCE 3", e.Date, e.Status, len(e.Evidence), date)
	}
	// Asserting an edge that was retracted brings it back and lifts the
	// retraction.
	must(svc.RetractEdge(ctx, "alice", eAllied.ID, "wrong"))
	must(svc.AssertEdge(ctx, "bob", curate.EdgeAssertion{Type: kg.AlliedWith, From: idJapan, To: idUS}, "right, they are allies"))
	if r := must(s.Rules(ctx)).Get(kg.RuleKey{Kind: kg.RuleRetractEdge, ID: eAllied.ID}); r != nil {
		t.Errorf("retraction after the assertion: %+v", r)
	}
	mustPut(t, s, fixture())
	if a := must(s.Edge(ctx, eAllied.ID)); len(a.Evidence) != 2 {
		t.Errorf("re-asserted edge after a reload has %d evidence, want the article's and the record's", len(a.Evidence))
	}
	// An assertion across a merge goes to the survivor.
	must(svc.Merge(ctx, "alice", idTaro, []string{idKono}, "same"))
	asserted := must(svc.AssertEdge(ctx, "alice", curate.EdgeAssertion{Type: kg.SignedEdge, From: idKono, To: idTreaty, Role: "witness"}, "as witness"))
	if e := asserted.Diff.Edges[0].After; e.From != idTaro {
		t.Errorf("assertion from a merged id starts at %s, want %s", e.From, idTaro)
	}
	// Undo of the first assertion takes its evidence back, and keeps
	// what the load brought.
	must(svc.Undo(ctx, "bob", rec.ID, "undo"))
	e = must(s.Edge(ctx, e.ID))
	if len(e.Evidence) != 1 || e.Evidence[0].Article != idA2 {
		t.Errorf("after undoing the assertion the edge has %+v, want only a2's evidence", e.Evidence)
	}
}

func testRetractArticle(t *testing.T, open func(t *testing.T) kg.CurationStore) {
	s, svc := loaded(t, open)
	ctx := t.Context()
	mustPut(t, s, second())
	before := snapshot(t, s)
	rec := must(svc.RetractArticle(ctx, "alice", idA2, "a hoax"))
	_, err := s.Article(ctx, idA2)
	wantCode(t, err, kg.ENOTFOUND)
	// Only a2 supported PARTY_TO: gone. The meeting edge keeps a1's
	// evidence. a2's MENTIONS is gone.
	_, err = s.Edge(ctx, eA2Party.ID)
	wantCode(t, err, kg.ENOTFOUND)
	_, err = s.Edge(ctx, eA2Mentions.ID)
	wantCode(t, err, kg.ENOTFOUND)
	meeting := must(s.Edge(ctx, eKonoMeeting.ID))
	if diff := gocmp.Diff(eKonoMeeting.Evidence, meeting.Evidence, opts); diff != "" {
		t.Errorf("shared edge after the retraction (-want +got):\n%s", diff)
	}
	ms := must(s.Mentions(ctx, []string{idA2}))
	if len(ms[0]) != 0 {
		t.Errorf("mentions of the retracted article: %v", ms[0])
	}
	after := snapshot(t, s)
	mustPut(t, s, second())
	sameState(t, "after a reload of the retracted article", after, snapshot(t, s))
	must(svc.Undo(ctx, "bob", rec.ID, "not a hoax"))
	sameState(t, "after undoing the retraction", before, snapshot(t, s))
}

// Refused curations change nothing and leave no record.
func testRefusals(t *testing.T, open func(t *testing.T) kg.CurationStore) {
	s, svc := loaded(t, open)
	ctx := t.Context()
	before := snapshot(t, s)
	empty := ""
	tests := []struct {
		name string
		do   func() error
		code string
	}{
		{"merge without reason", func() error { _, err := svc.Merge(ctx, "a", idTaro, []string{idKono}, " "); return err }, kg.EINVALID},
		{"merge into itself", func() error { _, err := svc.Merge(ctx, "a", idTaro, []string{idTaro}, "x"); return err }, kg.EINVALID},
		{"merge of nothing", func() error { _, err := svc.Merge(ctx, "a", idTaro, nil, "x"); return err }, kg.EINVALID},
		{"merge of an unknown id", func() error { _, err := svc.Merge(ctx, "a", idTaro, []string{"person:nobody"}, "x"); return err }, kg.ENOTFOUND},
		{"merge into an unknown id", func() error { _, err := svc.Merge(ctx, "a", "person:nobody", []string{idKono}, "x"); return err }, kg.ENOTFOUND},
		{"empty name", func() error {
			_, err := svc.UpdateEntity(ctx, "a", idTaro, curate.EntityUpdate{Name: &empty}, "x")
			return err
		}, kg.EINVALID},
		{"a person with a status", func() error {
			st := kg.Occurred
			_, err := svc.UpdateEntity(ctx, "a", idTaro, curate.EntityUpdate{Status: &st}, "x")
			return err
		}, kg.EINVALID},
		{"retract an unknown edge", func() error { _, err := svc.RetractEdge(ctx, "a", "edge:nothing", "x"); return err }, kg.ENOTFOUND},
		{"assert MENTIONS", func() error {
			_, err := svc.AssertEdge(ctx, "a", curate.EdgeAssertion{Type: kg.Mentions, From: idA1, To: idTaro}, "x")
			return err
		}, kg.EINVALID},
		{"assert to nothing", func() error {
			_, err := svc.AssertEdge(ctx, "a", curate.EdgeAssertion{Type: kg.AlliedWith, From: idJapan, To: "state:atlantis"}, "x")
			return err
		}, kg.ENOTFOUND},
		{"retract an unknown article", func() error { _, err := svc.RetractArticle(ctx, "a", "article:nothing", "x"); return err }, kg.ENOTFOUND},
		{"undo an unknown record", func() error { _, err := svc.Undo(ctx, "a", "curation:nothing", "x"); return err }, kg.ENOTFOUND},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { wantCode(t, tc.do(), tc.code) })
	}
	sameState(t, "after refused curations", before, snapshot(t, s))
	if p := must(s.CurationLog(ctx, kg.CurationQuery{})); p.TotalCount != 0 {
		t.Errorf("log after refusals holds %d records", p.TotalCount)
	}
}

const ingestText = `Lavrov and Kono discuss peace treaty

Jan. 15, 2019 (EIRNS)—Russian Foreign Minister Sergey Lavrov met Japanese Foreign Minister Taro Kono in Moscow on Jan. 14. They discussed the 1956 Soviet-Japanese Joint Declaration.`

func testIngest(t *testing.T, open func(t *testing.T) kg.CurationStore) {
	s := open(t)
	svc := service(s)
	ctx := t.Context()
	in := []read.Input{{Text: ingestText, URL: "https://example.org/kono"}, {Text: "\x00\x01binary"}}
	preview, rec, err := svc.Ingest(ctx, "", in, curate.IngestOptions{DryRun: true})
	if err != nil || rec != nil {
		t.Fatalf("dry run: %v, record %v", err, rec)
	}
	if st := must(s.Stats(ctx)); st.Articles != 0 || st.Entities != 0 {
		t.Errorf("a dry run wrote %+v", st)
	}
	if preview[0].Refused != "" || len(preview[0].NewEntities) == 0 || len(preview[0].NewEdges) == 0 || preview[1].Refused == "" {
		t.Fatalf("dry run results = %+v", preview)
	}
	out, rec, err := svc.Ingest(ctx, "alice", in, curate.IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff(preview[0].NewEdges, out[0].NewEdges, opts); diff != "" {
		t.Errorf("new edges of the ingest differ from the preview (-preview +ingest):\n%s", diff)
	}
	id := out[0].Article.ID
	if id != kg.ArticleID("https://example.org/kono") || rec == nil || rec.Op != kg.OpIngestArticles || !slices.Contains(rec.Subjects, id) {
		t.Fatalf("ingest: article %s, record %+v", id, rec)
	}
	a := must(s.Article(ctx, id))
	if a.URL != "https://example.org/kono" || a.Published != kg.MustParseDate("2019-01-15") {
		t.Errorf("ingested article = %+v", a)
	}
	lavrov := must(s.Entity(ctx, idLavrov))
	if lavrov.Name != "Sergey Lavrov" {
		t.Errorf("Lavrov = %+v", lavrov)
	}
	// The same text again is nothing new.
	again, _, err := svc.Ingest(ctx, "alice", in[:1], curate.IngestOptions{})
	if err != nil || len(again[0].NewEntities) != 0 || len(again[0].NewEdges) != 0 {
		t.Errorf("a second ingest of the same text: %v, new %v %v", err, again[0].NewEntities, again[0].NewEdges)
	}
	// Undoing the ingest retracts the article.
	must(svc.Undo(ctx, "bob", rec.ID, "spam"))
	_, err = s.Article(ctx, id)
	wantCode(t, err, kg.ENOTFOUND)
	if ae := must(s.ArticleEdges(ctx, id)); len(ae) != 0 {
		t.Errorf("edges citing the retracted ingest: %d", len(ae))
	}
}

// A load of a real article through the loader, curated, then loaded again,
// is the curated graph.
func testReloadRealArticle(t *testing.T, open func(t *testing.T) kg.CurationStore) {
	s := open(t)
	svc := service(s)
	ctx := t.Context()
	l := &loader.Loader{Store: s, Reader: read.Reader{FS: examples.Articles}}
	path := examples.Dir + "/000_525ad26aad408969.txt"
	if _, err := l.Load(ctx, []string{path}); err != nil {
		t.Fatal(err)
	}
	meeting := kg.EntityID(kg.Event, "Meeting of Sergey Lavrov and Taro Kono, 2019-01-14")
	statement := kg.EntityID(kg.Event, "Statement by Sergey Lavrov, 2019-01-14")
	kono := kg.EntityID(kg.Person, "Taro Kono")
	russia := kg.EntityID(kg.State, "Russia")
	kurils := kg.EntityID(kg.Place, "Kuril Islands")
	claims := kg.EdgeID(kg.Claims, russia, kurils, "")
	ids := []string{meeting, statement, kono, russia, kurils, idJapan}
	must(svc.Merge(ctx, "alice", meeting, []string{statement}, "the statement was made at the meeting"))
	must(svc.RetractEdge(ctx, "alice", claims, "Russia holds the islands; the sentence says Japan claims them"))
	name := "Kōno Tarō"
	must(svc.UpdateEntity(ctx, "alice", kono, curate.EntityUpdate{Name: &name, Aliases: &[]string{"Taro Kono"}}, "as he writes it"))
	curated := snapshot(t, s, ids...)
	if curated.Entities[statement] != nil || curated.Edges[claims] != nil || curated.Entities[kono].Name != name {
		t.Fatalf("curation did not take: %+v", curated.Entities)
	}
	if _, err := l.Load(ctx, []string{path}); err != nil {
		t.Fatal(err)
	}
	sameState(t, "the curated graph after loading the article again", curated, snapshot(t, s, ids...))
	log := must(s.CurationLog(ctx, kg.CurationQuery{}))
	if log.TotalCount != 3 {
		t.Errorf("curation log holds %d records, want 3", log.TotalCount)
	}
}
