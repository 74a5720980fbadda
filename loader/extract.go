// Package loader turns articles into graph batches: it extracts people,
// states, places, organizations, treaties, events and dated edges from the
// documents package read gives, by rules and the embedded gazetteer
// (extract.go, people.go, treaties.go, claims.go; events from a trigger
// lexicon, triggers.go, to mentions, events.go, with their actors,
// eventactors.go, and dates, eventdates.go, merged into events,
// eventrecord.go, with wars.go and releases.go) over the words, sentences
// and phrases package text finds, on every CPU in input order
// (pipeline.go), and writes them to a kg.Store in batches (load.go).
package loader

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/doc"
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

// extraction is one document under extraction, with the rules of the
// stages that package loader still holds as its methods.
type extraction struct {
	*doc.Doc
}

// extract is Extract for one part of at most maxPart bytes.
func extract(in read.Document) *Result {
	x := &extraction{Doc: doc.New(lexicon.Default(), in)}
	treatyNames := treaties.FindNames(x.Doc)
	recognize.TitledPeople(x.Doc)
	recognize.GazetteerNames(x.Doc)
	recognize.Ministries(x.Doc)
	recognize.NamedPeople(x.Doc)
	resolve.Surnames(x.Doc)
	resolve.RoleAnaphors(x.Doc)
	treaties.Find(x.Doc, treatyNames)
	resolve.Author(x.Doc)
	x.findEvents()
	treaties.DateBySigning(x.Doc)
	recognize.Claims(x.Doc)
	recognize.LinkPlaces(x.Doc)
	recognize.LinkSuccessions(x.Doc)
	return x.result(in)
}

func (x *extraction) result(in read.Document) *Result {
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
