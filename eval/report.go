package eval

import (
	"encoding/json"
	"fmt"
	"strings"
)

// PRF counts one category: gold items, predicted items and matched pairs
// (matching is one-to-one, so a matched pair uses one of each).
type PRF struct {
	Gold      int `json:"gold"`
	Predicted int `json:"predicted"`
	Matched   int `json:"matched"`
}

// Precision is Matched/Predicted; ok is false when nothing was predicted,
// where precision is undefined rather than perfect or zero.
func (c PRF) Precision() (p float64, ok bool) { return ratio(c.Matched, c.Predicted) }

// Recall is Matched/Gold; ok is false when the gold has no items.
func (c PRF) Recall() (r float64, ok bool) { return ratio(c.Matched, c.Gold) }

// F1 is the harmonic mean of precision and recall, 2·Matched/(Gold +
// Predicted), which is defined (and 0) even when one side is empty; ok is
// false only when both are.
func (c PRF) F1() (f float64, ok bool) { return ratio(2*c.Matched, c.Gold+c.Predicted) }

func (c *PRF) add(o PRF) {
	c.Gold += o.Gold
	c.Predicted += o.Predicted
	c.Matched += o.Matched
}

// MarshalJSON writes the counts with precision, recall and f1, each null
// when undefined.
func (c PRF) MarshalJSON() ([]byte, error) {
	type counts PRF
	return json.Marshal(struct {
		counts
		Precision *float64 `json:"precision"`
		Recall    *float64 `json:"recall"`
		F1        *float64 `json:"f1"`
	}{counts(c), orNil(c.Precision()), orNil(c.Recall()), orNil(c.F1())})
}

// Accuracy counts how many of Total matched pairs agree on an attribute.
type Accuracy struct {
	Correct int `json:"correct"`
	Total   int `json:"total"`
}

// Value is Correct/Total; ok is false when there was nothing to judge.
func (a Accuracy) Value() (v float64, ok bool) { return ratio(a.Correct, a.Total) }

func (a *Accuracy) add(o Accuracy) {
	a.Correct += o.Correct
	a.Total += o.Total
}

func (a *Accuracy) judge(right bool) {
	a.Total++
	if right {
		a.Correct++
	}
}

// MarshalJSON writes the counts with the accuracy, null when undefined.
func (a Accuracy) MarshalJSON() ([]byte, error) {
	type counts Accuracy
	return json.Marshal(struct {
		counts
		Accuracy *float64 `json:"accuracy"`
	}{counts(a), orNil(a.Value())})
}

func ratio(n, d int) (float64, bool) {
	if d == 0 {
		return 0, false
	}
	return float64(n) / float64(d), true
}

func orNil(v float64, ok bool) *float64 {
	if !ok {
		return nil
	}
	return &v
}

// Counts are the scores of one article or, summed, of all of them.
type Counts struct {
	Person       PRF `json:"person"`
	State        PRF `json:"state"`
	Organization PRF `json:"organization"`
	Place        PRF `json:"place"`
	// Entities is the micro-average of the four entity kinds.
	Entities PRF `json:"entities"`

	// Treaties match on name, date and parties; TreatyNames on name alone.
	Treaties    PRF `json:"treaties"`
	TreatyNames PRF `json:"treaty_names"`
	// TreatyDateMisses and TreatyPartyMisses count the name-only pairs
	// whose date is incompatible or that lack a gold party: why a treaty
	// found by name still counts as missed.
	TreatyDateMisses  int      `json:"treaty_date_misses"`
	TreatyPartyMisses int      `json:"treaty_party_misses"`
	TreatyStatus      Accuracy `json:"treaty_status"` // among Treaties pairs

	Events       PRF      `json:"events"`
	EventTypes   Accuracy `json:"event_types"`    // among Events pairs
	EventStatus  Accuracy `json:"event_statuses"` // among Events pairs
	Timexes      PRF      `json:"timexes"`        // exact text
	TimexOverlap PRF      `json:"timex_overlap"`  // equal or contained text
	// TimexValues judges the values of the Timexes pairs: normalization
	// apart from span errors. TimexOverlapValues judges the TimexOverlap
	// pairs.
	TimexValues        Accuracy `json:"timex_values"`
	TimexOverlapValues Accuracy `json:"timex_overlap_values"`
}

func (c *Counts) add(o Counts) {
	c.Person.add(o.Person)
	c.State.add(o.State)
	c.Organization.add(o.Organization)
	c.Place.add(o.Place)
	c.Entities.add(o.Entities)
	c.Treaties.add(o.Treaties)
	c.TreatyNames.add(o.TreatyNames)
	c.TreatyDateMisses += o.TreatyDateMisses
	c.TreatyPartyMisses += o.TreatyPartyMisses
	c.TreatyStatus.add(o.TreatyStatus)
	c.Events.add(o.Events)
	c.EventTypes.add(o.EventTypes)
	c.EventStatus.add(o.EventStatus)
	c.Timexes.add(o.Timexes)
	c.TimexOverlap.add(o.TimexOverlap)
	c.TimexValues.add(o.TimexValues)
	c.TimexOverlapValues.add(o.TimexOverlapValues)
}

// Membership says which predicted entities and edges were counted for an
// article.
type Membership string

// Membership rules.
const (
	// WholeGraph: the graph held this article alone, so all of it counts.
	// This is the exact rule.
	WholeGraph Membership = "whole-graph"
	// ByEvidence: the graph held several articles; an entity counts when
	// an edge touching it cites the article (or is the article's MENTIONS
	// edge), or its name or an alias occurs in a sentence of the article
	// that the graph quotes; an edge counts when its evidence cites the
	// article. This is an approximation (see the package comment).
	ByEvidence Membership = "by-evidence"
	// NotFound: the article was not in the graph; every gold item is a
	// miss.
	NotFound Membership = "not-found"
)

// ArticleReport is the score of one article, with the items behind the
// numbers.
type ArticleReport struct {
	File       string     `json:"file"`    // the gold's File
	Article    string     `json:"article"` // article id in the graph, "" when not found
	Membership Membership `json:"membership"`
	Counts
	Errors Errors `json:"errors"`
}

// Errors lists what one article's scores count against the extractor, as
// "KIND name" or "text=value" strings, so a low number can be traced.
type Errors struct {
	MissedEntities   []string `json:"missed_entities,omitempty"`
	SpuriousEntities []string `json:"spurious_entities,omitempty"`
	MissedTreaties   []string `json:"missed_treaties,omitempty"`
	SpuriousTreaties []string `json:"spurious_treaties,omitempty"`
	MissedEvents     []string `json:"missed_events,omitempty"`
	SpuriousEvents   []string `json:"spurious_events,omitempty"`
	WrongEvents      []string `json:"wrong_events,omitempty"` // matched, with another type or status
	MissedTimexes    []string `json:"missed_timexes,omitempty"`
	SpuriousTimexes  []string `json:"spurious_timexes,omitempty"`
	WrongValues      []string `json:"wrong_values,omitempty"` // exact-text pairs with another value
}

// Report is the result of Score: counts per article and summed over all
// articles (micro-averages).
type Report struct {
	// Name names the gold set when several are scored side by side
	// ("dev", "validation"); empty for a single unnamed set.
	Name     string          `json:"name,omitempty"`
	Overall  Counts          `json:"overall"`
	Articles []ArticleReport `json:"articles"`
}

// JSON returns the report as indented JSON. Rates that are undefined (no
// gold or no predicted items) are null.
func (r *Report) JSON() ([]byte, error) { return json.MarshalIndent(r, "", "  ") }

// Markdown returns the report as Markdown: overall precision, recall and
// F1 per category, the accuracies, a table per article and the matching
// rules.
func (r *Report) Markdown() string {
	var b strings.Builder
	r.markdown(&b)
	b.WriteString("\n### Matching rules\n\n")
	b.WriteString(rulesText)
	return b.String()
}

// MarkdownSets returns the reports of several gold sets as Markdown: their
// headline scores side by side, then each set's report under its name,
// then the matching rules once.
func MarkdownSets(reports ...*Report) string {
	var b strings.Builder
	b.WriteString("## Extraction scores by set\n\n")
	b.WriteString("| |")
	for _, r := range reports {
		fmt.Fprintf(&b, " %s (%d articles) |", r.Name, len(r.Articles))
	}
	b.WriteString("\n|---|")
	b.WriteString(strings.Repeat("---:|", len(reports)))
	b.WriteString("\n")
	f1 := func(c PRF) string { f, ok := c.F1(); return num(f, ok) }
	prf := func(c PRF) string {
		p, pOK := c.Precision()
		rc, rOK := c.Recall()
		return fmt.Sprintf("%s (P %s, R %s)", f1(c), num(p, pOK), num(rc, rOK))
	}
	accuracy := func(a Accuracy) string { v, ok := a.Value(); return num(v, ok) }
	for _, row := range []struct {
		name string
		cell func(Counts) string
	}{
		{"**entity F1**", func(c Counts) string { return prf(c.Entities) }},
		{"**treaty F1** (name, date, parties)", func(c Counts) string { return prf(c.Treaties) }},
		{"treaty F1 (name only)", func(c Counts) string { return f1(c.TreatyNames) }},
		{"**event F1** (date, a participant)", func(c Counts) string { return prf(c.Events) }},
		{"event type accuracy", func(c Counts) string { return accuracy(c.EventTypes) }},
		{"event status accuracy", func(c Counts) string { return accuracy(c.EventStatus) }},
		{"timex F1 (exact text)", func(c Counts) string { return f1(c.Timexes) }},
		{"**timex value accuracy**", func(c Counts) string { return accuracy(c.TimexValues) }},
	} {
		fmt.Fprintf(&b, "| %s |", row.name)
		for _, r := range reports {
			fmt.Fprintf(&b, " %s |", row.cell(r.Overall))
		}
		b.WriteString("\n")
	}
	for _, r := range reports {
		b.WriteString("\n")
		r.markdown(&b)
	}
	b.WriteString("\n## Matching rules\n\n")
	b.WriteString(rulesText)
	return b.String()
}

// markdown writes the report without the matching rules.
func (r *Report) markdown(b *strings.Builder) {
	c := r.Overall
	if r.Name != "" {
		fmt.Fprintf(b, "## %s: extraction scores (%d articles)\n\n", r.Name, len(r.Articles))
	} else {
		fmt.Fprintf(b, "## Extraction scores (%d articles)\n\n", len(r.Articles))
	}
	var approx, missing int
	for _, a := range r.Articles {
		switch a.Membership {
		case ByEvidence:
			approx++
		case NotFound:
			missing++
		}
	}
	if approx > 0 {
		fmt.Fprintf(b, "**Approximate:** %d of %d articles were scored within a graph of several articles, where an entity's article is inferred from the evidence; extract one article at a time for exact scores.\n\n", approx, len(r.Articles))
	}
	if missing > 0 {
		fmt.Fprintf(b, "**Not in the graph: %d of %d articles**; all their gold items count as misses.\n\n", missing, len(r.Articles))
	}
	b.WriteString("| category | gold | predicted | matched | precision | recall | F1 |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|\n")
	for _, row := range []struct {
		name string
		prf  PRF
	}{
		{"PERSON", c.Person}, {"STATE", c.State}, {"ORGANIZATION", c.Organization}, {"PLACE", c.Place},
		{"**entities (micro)**", c.Entities},
		{"**TREATY** (name, date, parties)", c.Treaties}, {"TREATY (name only)", c.TreatyNames},
		{"**EVENT** (date, a participant)", c.Events},
		{"TIMEX (exact text)", c.Timexes}, {"TIMEX (overlapping text)", c.TimexOverlap},
	} {
		p, pOK := row.prf.Precision()
		rc, rOK := row.prf.Recall()
		f, fOK := row.prf.F1()
		fmt.Fprintf(b, "| %s | %d | %d | %d | %s | %s | %s |\n", row.name, row.prf.Gold, row.prf.Predicted, row.prf.Matched,
			num(p, pOK), num(rc, rOK), num(f, fOK))
	}
	b.WriteString("\n| accuracy among matched | correct | of | accuracy |\n|---|---:|---:|---:|\n")
	for _, row := range []struct {
		name string
		acc  Accuracy
	}{
		{"**timex value** (exact-text pairs)", c.TimexValues}, {"timex value (overlap pairs)", c.TimexOverlapValues},
		{"event type", c.EventTypes}, {"event status", c.EventStatus}, {"treaty status", c.TreatyStatus},
	} {
		v, ok := row.acc.Value()
		fmt.Fprintf(b, "| %s | %d | %d | %s |\n", row.name, row.acc.Correct, row.acc.Total, num(v, ok))
	}
	fmt.Fprintf(b, "\nTreaties matched by name: %d; of these, with an incompatible date: %d; lacking a gold party: %d.\n",
		c.TreatyNames.Matched, c.TreatyDateMisses, c.TreatyPartyMisses)

	b.WriteString("\n### Per article\n\n")
	b.WriteString("Cells are matched/gold/predicted, then F1; timex value is correct/exact-text pairs.\n\n")
	b.WriteString("| article | entities | F1 | treaties | F1 | events | F1 | timexes | F1 | timex value |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, a := range r.Articles {
		name := a.File
		switch a.Membership {
		case NotFound:
			name += " (not in the graph)"
		case ByEvidence:
			name += " (by evidence)"
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", name,
			cells(a.Entities), cells(a.Treaties), cells(a.Events), cells(a.Timexes), frac(a.TimexValues))
	}
}

func num(v float64, ok bool) string {
	if !ok {
		return "–"
	}
	return fmt.Sprintf("%.3f", v)
}

func cells(c PRF) string {
	f, ok := c.F1()
	return fmt.Sprintf("%d/%d/%d | %s", c.Matched, c.Gold, c.Predicted, num(f, ok))
}

func frac(a Accuracy) string {
	if a.Total == 0 {
		return "–"
	}
	return fmt.Sprintf("%d/%d", a.Correct, a.Total)
}

// rulesText is the matching rules as the Markdown report states them; the
// package comment says the same at more length.
const rulesText = `Each gold file is scored against its article: the graph article whose source is the gold's ` + "`file`" + ` (or ends with "/" + file), else whose id is "article:" + slug of the file name without extension; an article missing from the graph scores every gold item as a miss. ` +
	`The predicted items of an article are the whole graph when it holds that article alone (exact); when it holds several, an entity counts for an article if an edge touching it cites the article (or is a MENTIONS edge from the article) or its name or an alias occurs in a quoted sentence of the article, and an edge counts if its evidence cites the article (an approximation: extract articles one by one for exact scores). ` +
	`Names compare after folding (case, accents and punctuation ignored). Every matching is one-to-one and maximal: the most pairs possible (an optimal assignment, not greedy); among equally large matchings the strongest evidence wins (equal names over mentions over aliases; for events more shared participants, then the exact date, then the same type; for timexes equal text over containment, then the same value). ` +
	`**Entities** (per kind): canonical names equal, or a gold mention equals the predicted name or one of its aliases. ` +
	`**Treaties**: the gold name equals the predicted name or an alias, or a gold mention equals either; and the dates are compatible; and every gold party is a predicted party (the canonical name of a state or organization with a PARTY_TO edge to the treaty). "Name only" drops the last two conditions. ` +
	`**Dates are compatible** when the gold date is null, or both are given and one lies within the other ("1956" and "1956-10-19" yes; "1956-10" and "1956-11" no; weeks, quarters, seasons and decades by the days they cover; a missing predicted date matches no gold date). ` +
	`**Events** (predicted kind EVENT): the dates (start) are compatible and at least one gold participant is the canonical name of a PARTICIPATED_IN source; type and status are scored among matched pairs only. ` +
	`**Timexes** (per article): exact-text pairs need identical text (case included); overlap pairs also accept one text containing the other at word boundaries. Value accuracy counts pairs with identical TIMEX3 values. ` +
	`Overall numbers are micro-averages: counts summed over articles, then divided. A rate with a zero denominator is shown as "–".
`
