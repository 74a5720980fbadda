package loader

import (
	"cmp"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/read"
)

// Graph is the JSON document the extract command prints. Its shape is a
// published contract read by evaluations outside the repository: fields
// may be added, never renamed or removed. See README.md, "extract output".
type Graph struct {
	Articles []GraphArticle `json:"articles"`
	Entities []GraphEntity  `json:"entities"`
	Edges    []GraphEdge    `json:"edges"`
	Timexes  []Timex        `json:"timexes"`
	Failures []read.Failure `json:"failures,omitempty"`
	// References are the reference datasets that edges cite, each as an
	// article whose id starts with kg.ReferencePrefix.
	References []GraphArticle `json:"references,omitempty"`
}

// GraphArticle is an article of Graph.
type GraphArticle struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Published string `json:"published"` // "" when the article has no date
	Source    string `json:"source,omitempty"`
	URL       string `json:"url,omitempty"`
}

// GraphEntity is an entity of Graph.
type GraphEntity struct {
	ID         string            `json:"id"`
	Kind       kg.Kind           `json:"kind"`
	Type       kg.EventType      `json:"type,omitempty"`
	Status     kg.Status         `json:"status,omitempty"`
	Name       string            `json:"name"`
	Aliases    []string          `json:"aliases"`
	Date       string            `json:"date,omitempty"`
	End        string            `json:"end,omitempty"`
	Attributes map[string]string `json:"attributes,omitempty"`
}

// GraphEdge is an edge of Graph.
type GraphEdge struct {
	ID       string          `json:"id"`
	Type     kg.EdgeType     `json:"type"`
	From     string          `json:"from"`
	To       string          `json:"to"`
	Role     string          `json:"role,omitempty"`
	Date     *GraphDate      `json:"date,omitempty"`
	Status   kg.Status       `json:"status,omitempty"`
	Evidence []GraphEvidence `json:"evidence"`
	// Sources counts the distinct articles the evidence comes from.
	Sources int `json:"sources"`
}

// GraphDate is a date value with an optional range end.
type GraphDate struct {
	Value string `json:"value"`
	End   string `json:"end,omitempty"`
}

// GraphEvidence is an evidence item of Graph.
type GraphEvidence struct {
	Article  string `json:"article"`
	Sentence int    `json:"sentence"`
	Quote    string `json:"quote"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	// Kind is REFERENCE for a record of a reference dataset (Article is
	// then one of References), empty for a sentence of an article.
	Kind kg.EvidenceKind `json:"kind,omitempty"`
}

// NewGraph merges extraction results into one Graph: an entity or edge
// found in several articles appears once with every alias and every piece
// of evidence. Entities are ordered by kind and name, edges by type and
// ends, so that the output is stable.
func NewGraph(results []*Result) *Graph {
	b := newBatcher()
	var timexes []Timex
	for _, r := range results {
		b.add(r)
		timexes = append(timexes, r.Timexes...)
	}
	batch := b.batch()
	g := &Graph{Articles: []GraphArticle{}, Entities: []GraphEntity{}, Edges: []GraphEdge{}, Timexes: timexes}
	if g.Timexes == nil {
		g.Timexes = []Timex{}
	}
	for _, a := range batch.Articles {
		ga := GraphArticle{ID: a.ID, Title: a.Title, Published: a.Published.String(), Source: a.Source, URL: a.URL}
		if strings.HasPrefix(a.ID, kg.ReferencePrefix) {
			g.References = append(g.References, ga)
			continue
		}
		g.Articles = append(g.Articles, ga)
	}
	slices.SortFunc(batch.Entities, func(a, b kg.Entity) int {
		return cmp.Or(cmp.Compare(slices.Index(kg.Kinds, a.Kind), slices.Index(kg.Kinds, b.Kind)), cmp.Compare(a.Name, b.Name))
	})
	for _, e := range batch.Entities {
		aliases := e.Aliases
		if aliases == nil {
			aliases = []string{}
		}
		g.Entities = append(g.Entities, GraphEntity{
			ID: e.ID, Kind: e.Kind, Type: e.EventType, Status: e.Status, Name: e.Name, Aliases: aliases,
			Date: e.Date.String(), End: e.End.String(), Attributes: e.Attrs,
		})
	}
	slices.SortFunc(batch.Edges, func(a, b kg.Edge) int {
		return cmp.Or(cmp.Compare(a.Type, b.Type), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(a.Role, b.Role))
	})
	for _, e := range batch.Edges {
		ge := GraphEdge{ID: e.ID, Type: e.Type, From: e.From, To: e.To, Role: e.Role, Status: e.Status, Evidence: []GraphEvidence{}, Sources: e.SourceCount()}
		if !e.Date.IsZero() {
			ge.Date = &GraphDate{Value: e.Date.String(), End: e.End.String()}
		}
		for _, ev := range e.Evidence {
			gev := GraphEvidence{Article: ev.Article, Sentence: ev.Sentence, Quote: ev.Quote, Start: ev.Start, End: ev.End}
			if ev.Kind() == kg.ReferenceEvidence {
				gev.Kind = kg.ReferenceEvidence
			}
			ge.Evidence = append(ge.Evidence, gev)
		}
		g.Edges = append(g.Edges, ge)
	}
	return g
}
