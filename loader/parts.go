package loader

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/read"
	"github.com/diplograph/diplograph/loader/text"
)

// maxPart is the longest stretch of an article's body extracted at once.
// The rules look at a sentence, a paragraph or the mentions near a
// trigger, but several of them scan the article's mentions or timexes for
// each trigger, which makes one extraction quadratic in the article's
// length: 0.7 s for 800 KB, 38 s for 1.6 MB. News articles are a few KB
// and the longest essays of the corpus under 40 KB, so they are extracted
// whole as before; a longer text (a book, a dump of many stories under one
// name) is extracted in parts of at most maxPart bytes cut at paragraph
// breaks, which keeps the time linear in its length. Names then resolve
// within a part: a surname is linked to the full name only when both are
// in the same 64 KB.
const maxPart = 64 << 10

// ExtractContext is Extract for a document of any length, which it
// extracts in parts (see maxPart), checking ctx between them: a load can
// be interrupted, or given a deadline per document, in the middle of a
// long one. It returns ctx's error when it stops early.
func ExtractContext(ctx context.Context, doc read.Document) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(doc.Body) <= maxPart {
		return extract(doc), nil
	}
	parts := splitParts(doc.Body, maxPart)
	whole := newResultMerger(doc)
	for _, p := range parts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		d := doc
		d.Body = doc.Body[p.Start:p.End]
		whole.add(extract(d), p.Start)
	}
	return whole.result(), nil
}

// splitParts cuts body into spans of at most n bytes, at the last
// paragraph break (a blank line) before the limit, else the last line
// break, else the last sentence end (". "), else the last space, else on a
// rune boundary.
func splitParts(body string, n int) []text.Span {
	var out []text.Span
	start := 0
	for len(body)-start > n {
		window := body[start : start+n]
		cut := -1
		for _, sep := range []string{"\n\n", "\n", ". ", " "} {
			if i := strings.LastIndex(window, sep); i > n/4 {
				cut = i + len(sep)
				break
			}
		}
		if cut < 0 {
			cut = n
			for cut > 0 && !utf8.RuneStart(window[cut]) {
				cut--
			}
		}
		out = append(out, text.Span{Start: start, End: start + cut})
		start += cut
	}
	return append(out, text.Span{Start: start, End: len(body)})
}

// resultMerger puts the results of an article's parts together as the
// result of the whole article: entities and edges merged as a load merges
// them across articles (kg.MergeEntity, kg.MergeEdge), offsets moved to
// the whole text, evidence numbered by the whole text's sentences.
type resultMerger struct {
	out       *Result
	titleLen  int         // bytes of "title\n\n" before the body, 0 without a title
	body      string      // the whole body
	sents     []text.Span // the whole text's sentences, in code points
	entities  map[string]*kg.Entity
	edges     map[string]*kg.Edge
	entOrder  []string
	edgeOrder []string
	// cited holds the sentences each edge's evidence cites: an edge of a
	// long text may be cited in thousands, and kg.MergeEdge's check of
	// each new one against the list would be quadratic.
	cited map[string]map[int]bool
}

func newResultMerger(doc read.Document) *resultMerger {
	whole := doc.Body
	titleLen := 0
	if doc.Title != "" {
		whole = doc.Title + "\n\n" + doc.Body
		titleLen = len(doc.Title) + 2
	}
	offs := text.NewOffsets(whole)
	sents := text.Sentences(whole)
	for i := range sents {
		sents[i] = text.Span{Start: offs.Of(sents[i].Start), End: offs.Of(sents[i].End)}
	}
	return &resultMerger{
		titleLen: titleLen, body: doc.Body, sents: sents,
		entities: map[string]*kg.Entity{}, edges: map[string]*kg.Edge{}, cited: map[string]map[int]bool{},
	}
}

// add merges the result of the part of the body that starts at byte
// partStart.
func (m *resultMerger) add(r *Result, partStart int) {
	shift := utf8.RuneCountInString(m.body[:partStart])
	titleRunes := utf8.RuneCountInString(r.Article.Text[:min(m.titleLen, len(r.Article.Text))])
	move := func(off int) int {
		if off < titleRunes {
			return off // in the headline, which every part shares
		}
		return off + shift
	}
	if m.out == nil {
		m.out = &Result{Article: r.Article}
		if m.titleLen > 0 {
			m.out.Article.Text = r.Article.Text[:m.titleLen] + m.body
		} else {
			m.out.Article.Text = m.body
		}
	}
	for _, ref := range r.References {
		if !slices.ContainsFunc(m.out.References, func(a kg.Article) bool { return a.ID == ref.ID }) {
			m.out.References = append(m.out.References, ref)
		}
	}
	for i := range r.Entities {
		e := r.Entities[i]
		m.entOrder = mergeInto(m.entities, m.entOrder, e.ID, e, kg.MergeEntity)
	}
	for i := range r.Edges {
		e := r.Edges[i]
		cited := m.cited[e.ID]
		if cited == nil {
			cited = map[int]bool{}
			m.cited[e.ID] = cited
		}
		var evidence []kg.Evidence
		for _, ev := range e.Evidence {
			ev.Start, ev.End = move(ev.Start), move(ev.End)
			ev.Sentence = m.sentenceAt(ev.Start)
			if !cited[ev.Sentence] {
				cited[ev.Sentence] = true
				evidence = append(evidence, ev)
			}
		}
		e.Evidence = nil
		if dst, ok := m.edges[e.ID]; ok {
			kg.MergeEdge(dst, &e)
			dst.Evidence = append(dst.Evidence, evidence...)
			continue
		}
		e.Evidence = evidence
		m.edges[e.ID] = &e
		m.edgeOrder = append(m.edgeOrder, e.ID)
	}
	for _, t := range r.Timexes {
		if t.Start < titleRunes && partStart > 0 {
			continue // the headline's timexes come with the first part
		}
		t.Start, t.End = move(t.Start), move(t.End)
		m.out.Timexes = append(m.out.Timexes, t)
	}
}

// sentenceAt returns the index of the whole text's sentence that holds
// code point off.
func (m *resultMerger) sentenceAt(off int) int {
	i, found := text.SpanAt(m.sents, off)
	if !found && i > 0 {
		i-- // between sentences: the one before
	}
	return min(i, len(m.sents)-1)
}

func (m *resultMerger) result() *Result {
	for _, id := range m.entOrder {
		m.out.Entities = append(m.out.Entities, *m.entities[id])
	}
	for _, id := range m.edgeOrder {
		m.out.Edges = append(m.out.Edges, *m.edges[id])
	}
	sortEdges(m.out.Edges)
	return m.out
}
