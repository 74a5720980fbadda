// Package loader turns articles into graph batches. It runs the stages of
// extraction over each document that package read gives, in the order
// extract sets out: the treaty names of the gazetteer (package treaties),
// the names of people, states, places and organizations (package
// recognize), what a surname, an office or "I" stands for (package
// resolve), agreements (treaties again), events (package events) and the
// facts that follow from names alone (recognize again), all on one doc.Doc
// over the words and sentences of package text and the reference data of
// package lexicon. It extracts long documents in parts (parts.go), on
// every CPU in input order (pipeline.go), gives the Graph the extract
// command prints (output.go), and writes to a kg.Store in batches
// (load.go).
package loader

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/doc"
	"github.com/diplograph/diplograph/loader/events"
	"github.com/diplograph/diplograph/loader/lexicon"
	"github.com/diplograph/diplograph/loader/read"
	"github.com/diplograph/diplograph/loader/recognize"
	"github.com/diplograph/diplograph/loader/resolve"
	"github.com/diplograph/diplograph/loader/treaties"
)

// Result is what extraction finds in one article.
type Result struct {
	Article  kg.Article
	Entities []kg.Entity
	Edges    []kg.Edge
	Timexes  []Timex
	// References are the reference datasets the edges cite besides the
	// article (kg.ReferenceEvidence), as articles: a store keeps them as
	// the sources they are.
	References []kg.Article
}

// Timex is a temporal expression found in an article, with code point
// offsets into the article text.
type Timex struct {
	Article string `json:"article"`
	Text    string `json:"text"`
	Value   string `json:"value"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

// Extract finds the entities, events, treaties, dated edges and temporal
// expressions of one document. It uses only the embedded gazetteer and
// rules; it never fails, it finds less. A long document is extracted in
// parts (see ExtractContext).
func Extract(doc read.Document) *Result {
	r, _ := ExtractContext(context.Background(), doc)
	return r
}

// extract is Extract for one part of at most maxPart bytes. The stages
// run in the order of the rules' dependencies: each reads what the ones
// before it found. Treaty names are claimed before any other name ("the
// Treaty of Portsmouth" is no mention of Portsmouth); people are known
// before their surnames and offices are resolved; treaties and the author
// before the events that sign them or that the author takes part in; and
// events before the signings that date the treaties.
func extract(in read.Document) *Result {
	x := doc.New(lexicon.Default(), in)
	treatyNames := treaties.FindNames(x)
	recognize.Features(x)
	recognize.Venues(x)
	recognize.Organizations(x)
	recognize.TitledPeople(x)
	recognize.GazetteerNames(x)
	recognize.Ministries(x)
	recognize.StateBodies(x)
	recognize.Chambers(x)
	recognize.NamedPeople(x)
	resolve.Surnames(x)
	recognize.UnknownPlaces(x)
	resolve.RoleAnaphors(x)
	unnamed := treaties.Find(x, treatyNames)
	resolve.Author(x)
	events.Find(x)
	treaties.FromSignings(x, unnamed)
	treaties.DateBySigning(x)
	treaties.Relations(x)
	recognize.Claims(x)
	recognize.LinkPlaces(x)
	recognize.LinkSuccessions(x)
	return result(x, in)
}

// result is what x found in the document in, as extraction returns it.
func result(x *doc.Doc, in read.Document) *Result {
	title := in.Title
	if title == "" {
		title = firstWords(in.Body, 12)
	}
	r := &Result{Article: kg.Article{
		ID: x.ArticleID, Title: title, URL: in.URL, Published: x.Published, Source: in.Source, Text: x.Text,
	}}
	for _, id := range x.Order {
		e := x.Ents[id]
		if len(e.Attrs) == 0 {
			e.Attrs = nil
		}
		e.Aliases = kg.CleanAliases(e.Name, e.Aliases)
		r.Entities = append(r.Entities, *e)
	}
	for _, e := range x.Edges {
		r.Edges = append(r.Edges, *e)
	}
	sortEdges(r.Edges)
	for _, id := range slices.Sorted(maps.Keys(x.Refs)) {
		r.References = append(r.References, x.Refs[id])
	}
	for _, t := range x.Timexes {
		r.Timexes = append(r.Timexes, Timex{
			Article: x.ArticleID, Text: t.Text, Value: t.Value,
			Start: x.Offs.Of(t.Start), End: x.Offs.Of(t.End),
		})
	}
	return r
}

// sortEdges puts edges in the order results keep them: by type, ends and
// role.
func sortEdges(edges []kg.Edge) {
	slices.SortFunc(edges, func(a, b kg.Edge) int {
		return cmp.Or(cmp.Compare(a.Type, b.Type), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(a.Role, b.Role))
	})
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		return strings.Join(f[:n], " ") + "…"
	}
	return strings.Join(f, " ")
}
