// Package eval scores the extractor's output (the extract JSON,
// loader.Graph) against gold annotations (the corpus's GOLD.md format). It
// is the project's quality yardstick, and people outside the project run
// it on their own annotated articles, so its rules are fixed, written
// down here and in every Markdown report, and never bent towards our
// output.
//
// # Articles
//
// A gold file names its article by file name. The article of gold "x.txt"
// is the graph article whose Source is "x.txt" or ends with "/x.txt" (or
// "\x.txt"); failing that, the one whose id is kg.ArticleID("x"). An
// article missing from the graph scores every gold item as a miss.
//
// Which predicted items belong to the article depends on the graph:
//
//   - When the graph holds that article alone, everything in it belongs to
//     the article (Membership WholeGraph). This is exact, and it is how
//     ScoreResults scores: it builds one graph per article.
//   - When the graph holds several articles (extract run over a directory),
//     entities are merged across articles and the graph carries no article
//     text, so Score approximates (Membership ByEvidence): an entity belongs
//     to the article when an edge touching it has evidence citing the
//     article (or is a MENTIONS edge from the article, should the
//     extractor print those), or when its name or one of its aliases occurs, at word
//     boundaries, in one of the article's sentences that the graph quotes as
//     evidence; an edge belongs when its evidence cites the article.
//     Aliases and dates are those of the merged entity. This loses
//     entities named only in sentences no edge quotes and gains entities
//     of other articles whose names occur in quoted sentences; the report
//     says it is approximate. Run extract on one article at a time, or use
//     ScoreResults, for exact numbers.
//
// # Matching
//
// Names are compared after fold.Fold (case, accents, punctuation and
// apostrophes ignored: "U.S." = "US", "Halefoğlu" = "Halefoglu"). Each
// matching is one-to-one, and it is a maximum matching: as many pairs as
// the rules allow, then, among equally large matchings, the one with the
// strongest evidence (an optimal assignment, not a greedy pass, so one
// gold item cannot take the only partner of another). Strength ranks
// equal names above a mention equal to the predicted name above a mention
// equal to an alias; for events, more shared participants, then the same
// date, then the same type; for timexes, equal text above containment,
// then the same value. Those last preferences choose among equally large
// pairings only, which is the most favourable reading of an ambiguous
// alignment, as usual in evaluation.
//
// Entities (PERSON, STATE, ORGANIZATION, PLACE), per article and kind: a
// predicted entity of the same kind matches a gold entity when the
// canonical names fold-equal, or when a gold mention fold-equals the
// predicted name or one of its aliases. Precision is matched / predicted
// entities of that kind in the article; recall is matched / gold.
//
// Treaties (predicted kind TREATY) match when all three hold:
//   - name: the gold name fold-equals the predicted name or one of its
//     aliases, or a gold mention fold-equals the predicted name or one of
//     its aliases;
//   - date: compatible (below), the gold date against the treaty's date;
//   - parties: every gold party fold-equals the canonical name of a
//     predicted party, a STATE or ORGANIZATION with a PARTY_TO edge to the
//     treaty. Extra predicted parties are not penalized.
//
// The "name only" score drops the date and party conditions; it shows
// whether a treaty was missed or found with a wrong date or parties, and
// TreatyDateMisses and TreatyPartyMisses count the name-only pairs that
// fail each condition. Status accuracy is measured on the full matches.
//
// Dates are compatible when the gold date is null or empty (anything
// goes), or when both are given and one lies within the other: the same
// value, or one a coarser reading of the other with no contradiction at
// the finer precision. For YYYY, YYYY-MM and YYYY-MM-DD that is "equal or
// one a prefix of the other" ("1956" ~ "1956-10-19", "1956-10" ≁
// "1956-11", "1956" ≁ "1957"); weeks, quarters, seasons and decades
// compare by the days they cover ("2019-W04" ~ "2019-01-22"); a century
// such as "19XX" by prefix with X for any digit. A missing predicted date
// matches no dated gold item.
//
// Events (predicted kind EVENT) match when the gold date (its start, for a
// range) is compatible with the event's date, and at least one gold
// participant fold-equals the canonical name of a predicted participant
// (an entity with a PARTICIPATED_IN edge to the event). Type accuracy and
// status accuracy are measured among matched events, separately.
//
// Timexes, per article, are compared by text, because the gold gives no
// offsets. An exact-text pair needs identical strings (case included); an
// overlap pair also accepts one text containing the other without cutting
// a word ("Jan. 15, 2019" and "Jan. 15"). Precision and recall are given
// for both; value accuracy is the fraction of pairs whose TIMEX3 values
// are identical, for the exact-text pairs (the headline number:
// normalization apart from span errors) and for the overlap pairs.
//
// Overall numbers are micro-averages: counts summed over all articles,
// then divided. A rate whose denominator is zero is undefined: "–" in
// Markdown, null in JSON. F1 is 2·matched / (gold + predicted).
package eval

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/internal/fold"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader"
)

// Score compares the extractor's graph for the articles of golds with the
// golds, one article per gold, and sums the counts. g may hold other
// articles too; see the package comment for how the article of a gold is
// found and which predicted items are counted for it.
func Score(golds []*Gold, g *loader.Graph) *Report {
	r := &Report{Articles: []ArticleReport{}}
	if g == nil {
		g = &loader.Graph{}
	}
	whole := len(g.Articles) == 1
	for _, gold := range golds {
		i, ok := findArticleIndex(gold.File, g.Articles, func(a loader.GraphArticle) (string, string) { return a.ID, a.Source })
		switch {
		case !ok:
			r.add(scoreArticle(gold, nil))
		case whole:
			r.add(scoreArticle(gold, wholeView(g, g.Articles[i].ID)))
		default:
			r.add(scoreArticle(gold, evidenceView(g, g.Articles[i].ID)))
		}
	}
	return r
}

// ScoreResults is Score for extraction results (loader.ExtractAll's), each
// gold against the graph of its own article alone: the exact rule, with no
// aliases, dates or edges borrowed from other articles. A command that
// runs the extractor itself should score with ScoreResults; Score is for
// a graph read from extract's JSON.
func ScoreResults(golds []*Gold, results []*loader.Result) *Report {
	r := &Report{Articles: []ArticleReport{}}
	for _, gold := range golds {
		i, ok := findArticleIndex(gold.File, results, func(res *loader.Result) (string, string) {
			return res.Article.ID, res.Article.Source
		})
		if !ok {
			r.add(scoreArticle(gold, nil))
			continue
		}
		g := loader.NewGraph([]*loader.Result{results[i]})
		r.add(scoreArticle(gold, wholeView(g, results[i].Article.ID)))
	}
	return r
}

func (r *Report) add(ar ArticleReport) {
	r.Articles = append(r.Articles, ar)
	r.Overall.add(ar.Counts)
}

// findArticleIndex finds the article of gold file name file: by source
// path first, because that is what the gold names, then by id.
func findArticleIndex[T any](file string, arts []T, key func(T) (id, source string)) (int, bool) {
	for i, a := range arts {
		_, src := key(a)
		if src == file || strings.HasSuffix(src, "/"+file) || strings.HasSuffix(src, `\`+file) {
			return i, true
		}
	}
	want := kg.ArticleID(strings.TrimSuffix(file, filepath.Ext(file)))
	for i, a := range arts {
		if id, _ := key(a); id == want {
			return i, true
		}
	}
	return 0, false
}

// view is what the graph predicts for one article.
type view struct {
	id       string
	mode     Membership
	entities []loader.GraphEntity // those belonging to the article
	names    map[string]string    // every entity id of the graph → canonical name
	kinds    map[string]kg.Kind
	edges    []loader.GraphEdge
	timexes  []loader.Timex
}

func newView(g *loader.Graph, id string, mode Membership) *view {
	v := &view{id: id, mode: mode, names: map[string]string{}, kinds: map[string]kg.Kind{}}
	for _, e := range g.Entities {
		v.names[e.ID] = e.Name
		v.kinds[e.ID] = e.Kind
	}
	for _, t := range g.Timexes {
		if t.Article == id || (mode == WholeGraph && t.Article == "") {
			v.timexes = append(v.timexes, t)
		}
	}
	return v
}

// wholeView counts everything in g for article id.
func wholeView(g *loader.Graph, id string) *view {
	v := newView(g, id, WholeGraph)
	v.entities = g.Entities
	v.edges = g.Edges
	return v
}

// evidenceView counts the entities and edges of g that the evidence ties
// to article id (see the package comment).
func evidenceView(g *loader.Graph, id string) *view {
	v := newView(g, id, ByEvidence)
	cited := map[string]bool{}
	var quotes []string
	seen := map[int]bool{}
	for _, e := range g.Edges {
		cites := false
		for _, ev := range e.Evidence {
			if ev.Article != id {
				continue
			}
			cites = true
			if !seen[ev.Sentence] {
				seen[ev.Sentence] = true
				quotes = append(quotes, ev.Quote)
			}
		}
		// A MENTIONS edge from the article names its entity outright.
		if cites || (e.Type == kg.Mentions && e.From == id) {
			v.edges = append(v.edges, e)
			cited[e.From] = true
			cited[e.To] = true
		}
	}
	for _, e := range g.Entities {
		if cited[e.ID] || occursIn(quotes, e.Name) || slices.ContainsFunc(e.Aliases, func(a string) bool { return occursIn(quotes, a) }) {
			v.entities = append(v.entities, e)
		}
	}
	return v
}

func occursIn(texts []string, s string) bool {
	return slices.ContainsFunc(texts, func(t string) bool { return containsWord(t, s) })
}

// scoreArticle scores one gold against v; a nil v is an article missing
// from the graph.
func scoreArticle(gold *Gold, v *view) ArticleReport {
	ar := ArticleReport{File: gold.File, Membership: NotFound}
	if v == nil {
		v = &view{}
	} else {
		ar.Article, ar.Membership = v.id, v.mode
	}
	scoreEntities(&ar, gold, v)
	scoreTreaties(&ar, gold, v)
	scoreEvents(&ar, gold, v)
	scoreTimexes(&ar, gold, v)
	return ar
}

func scoreEntities(ar *ArticleReport, gold *Gold, v *view) {
	for _, k := range goldKinds {
		var gs []GoldEntity
		for _, e := range gold.Entities {
			if e.Kind == k {
				gs = append(gs, e)
			}
		}
		ps := v.ofKind(k)
		pairs := align(len(gs), len(ps), func(i, j int) int {
			return entityNameScore(gs[i].Name, gs[i].Mentions, ps[j].Name, ps[j].Aliases)
		})
		c := PRF{Gold: len(gs), Predicted: len(ps), Matched: len(pairs)}
		switch k {
		case kg.Person:
			ar.Person = c
		case kg.State:
			ar.State = c
		case kg.Organization:
			ar.Organization = c
		case kg.Place:
			ar.Place = c
		}
		ar.Entities.add(c)
		gm, pm := matchedSets(pairs)
		for i, e := range gs {
			if !gm[i] {
				ar.Errors.MissedEntities = append(ar.Errors.MissedEntities, string(k)+" "+e.Name)
			}
		}
		for j, e := range ps {
			if !pm[j] {
				ar.Errors.SpuriousEntities = append(ar.Errors.SpuriousEntities, string(k)+" "+e.Name)
			}
		}
	}
}

func (v *view) ofKind(k kg.Kind) []loader.GraphEntity {
	var out []loader.GraphEntity
	for _, e := range v.entities {
		if e.Kind == k {
			out = append(out, e)
		}
	}
	return out
}

// sources returns the canonical names of the sources of the edges of type
// t into id, restricted to the given kinds (any kind when none), keyed by
// their folds.
func (v *view) sources(t kg.EdgeType, id string, kinds ...kg.Kind) map[string]string {
	set := map[string]string{}
	for _, e := range v.edges {
		if e.Type != t || e.To != id {
			continue
		}
		name, ok := v.names[e.From]
		if !ok {
			continue // an edge to an entity the graph does not list names nothing
		}
		if len(kinds) > 0 && !slices.Contains(kinds, v.kinds[e.From]) {
			continue
		}
		if f := fold.Fold(name); f != "" {
			set[f] = name
		}
	}
	return set
}

func scoreTreaties(ar *ArticleReport, gold *Gold, v *view) {
	gs := gold.Treaties
	ps := v.ofKind(kg.Treaty)
	parties := make([]map[string]string, len(ps))
	for j, p := range ps {
		parties[j] = v.sources(kg.PartyTo, p.ID, kg.State, kg.Organization)
	}
	datesOK := func(i, j int) bool { return dateCompatible(gs[i].Date, ps[j].Date) }
	partiesOK := func(i, j int) bool {
		for _, name := range gs[i].Parties {
			if _, ok := parties[j][fold.Fold(name)]; !ok {
				return false
			}
		}
		return true
	}
	nameScore := func(i, j int) int { return treatyNameScore(gs[i].Name, gs[i].Mentions, ps[j].Name, ps[j].Aliases) }

	loose := align(len(gs), len(ps), nameScore)
	ar.TreatyNames = PRF{Gold: len(gs), Predicted: len(ps), Matched: len(loose)}
	for _, p := range loose {
		if !datesOK(p.gold, p.pred) {
			ar.TreatyDateMisses++
		}
		if !partiesOK(p.gold, p.pred) {
			ar.TreatyPartyMisses++
		}
	}

	strict := align(len(gs), len(ps), func(i, j int) int {
		if !datesOK(i, j) || !partiesOK(i, j) {
			return 0
		}
		return nameScore(i, j)
	})
	ar.Treaties = PRF{Gold: len(gs), Predicted: len(ps), Matched: len(strict)}
	for _, p := range strict {
		ar.TreatyStatus.judge(gs[p.gold].Status == ps[p.pred].Status)
	}
	gm, pm := matchedSets(strict)
	for i, t := range gs {
		if !gm[i] {
			ar.Errors.MissedTreaties = append(ar.Errors.MissedTreaties, fmt.Sprintf("%s (%s; %s)", t.Name, deref(t.Date), strings.Join(t.Parties, ", ")))
		}
	}
	for j, t := range ps {
		if !pm[j] {
			ar.Errors.SpuriousTreaties = append(ar.Errors.SpuriousTreaties, fmt.Sprintf("%s (%s; %s)", t.Name, t.Date, strings.Join(slices.Sorted(maps.Values(parties[j])), ", ")))
		}
	}
}

func scoreEvents(ar *ArticleReport, gold *Gold, v *view) {
	gs := gold.Events
	ps := v.ofKind(kg.Event)
	parts := make([]map[string]string, len(ps))
	for j, p := range ps {
		parts[j] = v.sources(kg.ParticipatedIn, p.ID)
	}
	pairs := align(len(gs), len(ps), func(i, j int) int {
		if !dateCompatible(gs[i].Date, ps[j].Date) {
			return 0
		}
		shared := 0
		for f := range folded(gs[i].Participants) {
			if _, ok := parts[j][f]; ok {
				shared++
			}
		}
		if shared == 0 {
			return 0
		}
		// Shared participants weigh most, then the exact date, then the
		// type: 4 per participant outweighs the other two together.
		s := 4 * shared
		if gs[i].Date != nil && *gs[i].Date == ps[j].Date {
			s += 2
		}
		if gs[i].Type == ps[j].Type {
			s++
		}
		return s
	})
	ar.Events = PRF{Gold: len(gs), Predicted: len(ps), Matched: len(pairs)}
	for _, p := range pairs {
		ge, pe := gs[p.gold], ps[p.pred]
		ar.EventTypes.judge(ge.Type == pe.Type)
		ar.EventStatus.judge(ge.Status == pe.Status)
		if ge.Type != pe.Type || ge.Status != pe.Status {
			ar.Errors.WrongEvents = append(ar.Errors.WrongEvents, fmt.Sprintf("%s %s %s ≠ %s (%s %s)",
				ge.Type, ge.Status, deref(ge.Date), pe.Name, pe.Type, pe.Status))
		}
	}
	gm, pm := matchedSets(pairs)
	for i, e := range gs {
		if !gm[i] {
			ar.Errors.MissedEvents = append(ar.Errors.MissedEvents, fmt.Sprintf("%s %s %s: %s", e.Type, e.Status, deref(e.Date), strings.Join(e.Participants, ", ")))
		}
	}
	for j, e := range ps {
		if !pm[j] {
			ar.Errors.SpuriousEvents = append(ar.Errors.SpuriousEvents, fmt.Sprintf("%s (%s %s)", e.Name, e.Type, e.Status))
		}
	}
}

func scoreTimexes(ar *ArticleReport, gold *Gold, v *view) {
	gs, ps := gold.Timexes, v.timexes
	valueBonus := func(i, j int) int {
		if gs[i].Value == ps[j].Value {
			return 1
		}
		return 0
	}
	exact := align(len(gs), len(ps), func(i, j int) int {
		if gs[i].Text != ps[j].Text {
			return 0
		}
		return 1 + valueBonus(i, j)
	})
	overlap := align(len(gs), len(ps), func(i, j int) int {
		switch {
		case gs[i].Text == ps[j].Text:
			return 4 + valueBonus(i, j)
		case containsWord(gs[i].Text, ps[j].Text) || containsWord(ps[j].Text, gs[i].Text):
			return 2 + valueBonus(i, j)
		}
		return 0
	})
	ar.Timexes = PRF{Gold: len(gs), Predicted: len(ps), Matched: len(exact)}
	ar.TimexOverlap = PRF{Gold: len(gs), Predicted: len(ps), Matched: len(overlap)}
	for _, p := range exact {
		ok := gs[p.gold].Value == ps[p.pred].Value
		ar.TimexValues.judge(ok)
		if !ok {
			ar.Errors.WrongValues = append(ar.Errors.WrongValues, fmt.Sprintf("%q gold %s, predicted %s", gs[p.gold].Text, gs[p.gold].Value, ps[p.pred].Value))
		}
	}
	for _, p := range overlap {
		ar.TimexOverlapValues.judge(gs[p.gold].Value == ps[p.pred].Value)
	}
	gm, pm := matchedSets(exact)
	for i, t := range gs {
		if !gm[i] {
			ar.Errors.MissedTimexes = append(ar.Errors.MissedTimexes, t.Text+"="+t.Value)
		}
	}
	for j, t := range ps {
		if !pm[j] {
			ar.Errors.SpuriousTimexes = append(ar.Errors.SpuriousTimexes, t.Text+"="+t.Value)
		}
	}
}

func matchedSets(pairs []pair) (gold, pred map[int]bool) {
	gold, pred = map[int]bool{}, map[int]bool{}
	for _, p := range pairs {
		gold[p.gold], pred[p.pred] = true, true
	}
	return gold, pred
}

func deref(s *string) string {
	if s == nil {
		return "no date"
	}
	return *s
}
