package kg

import (
	"slices"
	"strings"
)

// MergeEntity folds src into dst, two records of the same entity: aliases
// and attributes are unioned (dst keeps its value where both have one), a
// more precise date replaces a less precise one, and a status or event type
// fills in where dst has none. Every Store merges with these rules.
//
// Aliases come out with their white space collapsed (a name broken over
// two lines of a page is one alias, "General Agreement on Tariffs") and
// sorted, so that what a store holds does not depend on the order in
// which articles, or the batches of a load, arrived.
func MergeEntity(dst *Entity, src *Entity) {
	all := append(slices.Clip(dst.Aliases), src.Aliases...)
	if src.Name != dst.Name {
		all = append(all, src.Name)
	}
	dst.Aliases = CleanAliases(dst.Name, all)
	for k, v := range src.Attrs {
		if dst.Attrs == nil {
			dst.Attrs = map[string]string{}
		}
		if _, ok := dst.Attrs[k]; !ok {
			dst.Attrs[k] = v
		}
	}
	if MorePrecise(src.Date, dst.Date) {
		dst.Date, dst.End = src.Date, src.End
	}
	if dst.Status == "" {
		dst.Status = src.Status
	}
	if dst.EventType == "" {
		dst.EventType = src.EventType
	}
}

// MergeEdge folds src into dst, two records of the same edge: evidence is
// unioned (one item per article and sentence), a more precise date replaces
// a less precise one, and a status fills in where dst has none.
func MergeEdge(dst *Edge, src *Edge) {
	for _, ev := range src.Evidence {
		if !slices.ContainsFunc(dst.Evidence, ev.SameSentence) {
			dst.Evidence = append(dst.Evidence, ev)
		}
	}
	if MorePrecise(src.Date, dst.Date) {
		dst.Date, dst.End = src.Date, src.End
	}
	if dst.Status == "" {
		dst.Status = src.Status
	}
}

// SameSentence reports whether two pieces of evidence cite the same
// sentence of the same article.
func (e Evidence) SameSentence(o Evidence) bool {
	return e.Article == o.Article && e.Sentence == o.Sentence
}

// MorePrecise reports whether date a should replace date b: b is unknown,
// or a is finer and lies within b ("1956-10-19" refines "1956"; "1957-03"
// does not replace "1956").
func MorePrecise(a, b Date) bool {
	if a.IsZero() {
		return false
	}
	if b.IsZero() {
		return true
	}
	return a.Precision() > b.Precision() && b.Contains(a)
}

// MergeArticle folds a into stored, two records of the same article: the
// stored fields stay (evidence offsets point into the stored text) and only
// blanks are filled; a more precise publication date refines the stored
// one.
func MergeArticle(stored, a *Article) Article {
	m := *stored
	fill := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	fill(&m.Title, a.Title)
	fill(&m.URL, a.URL)
	fill(&m.Source, a.Source)
	fill(&m.Text, a.Text)
	if MorePrecise(a.Published, m.Published) {
		m.Published = a.Published
	}
	return m
}

// CleanAliases returns aliases as entities keep them: white space
// collapsed, each once, without the name itself, sorted.
func CleanAliases(name string, aliases []string) []string {
	out := make([]string, 0, len(aliases))
	for _, a := range aliases {
		if a = CollapseSpace(a); a != "" && a != name {
			out = append(out, a)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// CollapseSpace replaces every run of white space in s with one space and
// trims it.
func CollapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
