package tempeval

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/diplograph/diplograph/kg"
)

// System is a temporal expression a tagger found in a document's text.
type System struct {
	Start, End int    // byte offsets into Doc.Text, End exclusive
	Type       string // DATE, TIME, DURATION or SET
	Value      string
}

// Tagger finds the temporal expressions of text, resolving relative ones
// against anchor (the document's creation time).
type Tagger func(text string, anchor kg.Date) []System

// Counts are the tallies behind the measures (see the package comment).
type Counts struct {
	Gold, System int
	// StrictGold and RelaxedGold count gold expressions matched; the
	// System ones count system expressions matched.
	StrictGold, RelaxedGold     int
	StrictSystem, RelaxedSystem int
	// Value and Type count relaxed gold matches whose system expression
	// has the same value, the same type.
	Value, Type int
}

func (c *Counts) add(o Counts) {
	c.Gold += o.Gold
	c.System += o.System
	c.StrictGold += o.StrictGold
	c.RelaxedGold += o.RelaxedGold
	c.StrictSystem += o.StrictSystem
	c.RelaxedSystem += o.RelaxedSystem
	c.Value += o.Value
	c.Type += o.Type
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// StrictP is the share of system expressions whose span equals a gold
// one's. Like the official scorer, every measure is 0, not undefined, when
// its denominator is 0.
func (c Counts) StrictP() float64 { return ratio(c.StrictSystem, c.System) }

// StrictR is the share of gold expressions a system one spans exactly.
func (c Counts) StrictR() float64 { return ratio(c.StrictGold, c.Gold) }

// StrictF1 is the harmonic mean of StrictP and StrictR.
func (c Counts) StrictF1() float64 { return f1(c.StrictP(), c.StrictR()) }

// RelaxedP is the share of system expressions that overlap a gold one.
func (c Counts) RelaxedP() float64 { return ratio(c.RelaxedSystem, c.System) }

// RelaxedR is the share of gold expressions that a system one overlaps.
func (c Counts) RelaxedR() float64 { return ratio(c.RelaxedGold, c.Gold) }

// RelaxedF1 is the harmonic mean of RelaxedP and RelaxedR.
func (c Counts) RelaxedF1() float64 { return f1(c.RelaxedP(), c.RelaxedR()) }

// ValueAccuracy is the share of relaxed gold matches with the right value.
func (c Counts) ValueAccuracy() float64 { return ratio(c.Value, c.RelaxedGold) }

// ValueF1 is TempEval-3's value F1: ValueAccuracy × RelaxedF1.
func (c Counts) ValueF1() float64 { return c.ValueAccuracy() * c.RelaxedF1() }

// TypeAccuracy is the share of relaxed gold matches with the right type.
func (c Counts) TypeAccuracy() float64 { return ratio(c.Type, c.RelaxedGold) }

// TypeF1 is TypeAccuracy × RelaxedF1.
func (c Counts) TypeF1() float64 { return c.TypeAccuracy() * c.RelaxedF1() }

// MarshalJSON writes the counts with every measure.
func (c Counts) MarshalJSON() ([]byte, error) { return json.Marshal(c.fields()) }

type countsJSON struct {
	Gold          int     `json:"gold"`
	System        int     `json:"system"`
	StrictGold    int     `json:"strict_gold"`
	RelaxedGold   int     `json:"relaxed_gold"`
	StrictSystem  int     `json:"strict_system"`
	RelaxedSystem int     `json:"relaxed_system"`
	Value         int     `json:"value"`
	Type          int     `json:"type"`
	StrictP       float64 `json:"strict_p"`
	StrictR       float64 `json:"strict_r"`
	StrictF1      float64 `json:"strict_f1"`
	RelaxedP      float64 `json:"relaxed_p"`
	RelaxedR      float64 `json:"relaxed_r"`
	RelaxedF1     float64 `json:"relaxed_f1"`
	ValueAccuracy float64 `json:"value_accuracy"`
	ValueF1       float64 `json:"value_f1"`
	TypeAccuracy  float64 `json:"type_accuracy"`
	TypeF1        float64 `json:"type_f1"`
}

func (c Counts) fields() countsJSON {
	return countsJSON{c.Gold, c.System, c.StrictGold, c.RelaxedGold, c.StrictSystem, c.RelaxedSystem, c.Value, c.Type,
		c.StrictP(), c.StrictR(), c.StrictF1(), c.RelaxedP(), c.RelaxedR(), c.RelaxedF1(),
		c.ValueAccuracy(), c.ValueF1(), c.TypeAccuracy(), c.TypeF1()}
}

// Report is the score of a tagger on a set of documents.
type Report struct {
	Name string // the set, for the tables: "platinum"
	Docs int
	Counts
	// ByType breaks the gold side down by gold type: Gold, RelaxedGold,
	// StrictGold, Value and Type are filled, the system side is not.
	ByType map[string]*Counts
	// Misses lists, per document, gold expressions without a correct
	// value, and Spurious the system expressions that overlap no gold
	// one, for error analysis; both are left out of JSON.
	Misses   []Miss  `json:"-"`
	Spurious []Found `json:"-"`
}

// MarshalJSON writes the set's name, its number of documents, the counts
// with every measure, and the counts by gold type.
func (r *Report) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Name string `json:"name"`
		Docs int    `json:"docs"`
		countsJSON
		ByType map[string]*Counts `json:"by_type"`
	}{r.Name, r.Docs, r.Counts.fields(), r.ByType})
}

// Found is a system expression of a document.
type Found struct {
	Doc string
	System
	Text string
}

// Miss is a gold expression the tagger missed or normalized wrongly.
type Miss struct {
	Doc         string
	Gold        Timex
	Found       bool // a system expression overlaps it
	SystemText  string
	SystemValue string
	SystemType  string
}

// Score runs tag over each document, anchored at its creation time, and
// compares the result with the annotation.
func Score(name string, docs []*Doc, tag Tagger) *Report {
	r := &Report{Name: name, Docs: len(docs), ByType: map[string]*Counts{}}
	for _, d := range docs {
		sys := tag(d.Text, d.Anchor)
		r.Counts.add(r.scoreDoc(d, sys))
	}
	return r
}

// span is a trimmed byte range.
type span struct{ start, end int }

func trimmed(text string, s, e int) span {
	s, e = max(0, s), min(len(text), e)
	for s < e && unicode.IsSpace(rune(text[s])) {
		s++
	}
	for e > s && unicode.IsSpace(rune(text[e-1])) {
		e--
	}
	return span{s, e}
}

func overlap(a, b span) int { return max(0, min(a.end, b.end)-max(a.start, b.start)) }

func (r *Report) scoreDoc(d *Doc, sys []System) Counts {
	c := Counts{Gold: len(d.Timexes), System: len(sys)}
	ss := make([]span, len(sys))
	for j, s := range sys {
		ss[j] = trimmed(d.Text, s.Start, s.End)
	}
	gs := make([]span, len(d.Timexes))
	for i, g := range d.Timexes {
		gs[i] = trimmed(d.Text, g.Start, g.End)
	}
	for i, g := range d.Timexes {
		bt := r.ByType[g.Type]
		if bt == nil {
			bt = &Counts{}
			r.ByType[g.Type] = bt
		}
		bt.Gold++
		best, bestOverlap, strict := -1, 0, false
		for j := range sys {
			o := overlap(gs[i], ss[j])
			if o == 0 {
				continue
			}
			if gs[i] == ss[j] {
				best, strict = j, true
				break
			}
			if o > bestOverlap {
				best, bestOverlap = j, o
			}
		}
		if best < 0 {
			r.Misses = append(r.Misses, Miss{Doc: d.ID, Gold: g})
			continue
		}
		c.RelaxedGold++
		bt.RelaxedGold++
		if strict {
			c.StrictGold++
			bt.StrictGold++
		}
		s := sys[best]
		if s.Value == g.Value {
			c.Value++
			bt.Value++
		} else {
			r.Misses = append(r.Misses, Miss{Doc: d.ID, Gold: g, Found: true,
				SystemText: d.Text[ss[best].start:ss[best].end], SystemValue: s.Value, SystemType: s.Type})
		}
		if s.Type == g.Type {
			c.Type++
			bt.Type++
		}
	}
	for j := range sys {
		hit := false
		for i := range d.Timexes {
			if overlap(gs[i], ss[j]) > 0 {
				c.RelaxedSystem++
				if gs[i] == ss[j] {
					c.StrictSystem++
				}
				hit = true
				break
			}
		}
		if !hit {
			r.Spurious = append(r.Spurious, Found{Doc: d.ID, System: sys[j], Text: d.Text[ss[j].start:ss[j].end]})
		}
	}
	return c
}

// Markdown renders reports as the tables EVALUATION.md shows: the
// TempEval-3 measures per set, then recall and value accuracy by gold
// type.
func Markdown(reports ...*Report) string {
	var b strings.Builder
	b.WriteString("| set | docs | gold | found | strict P | strict R | **strict F1** | relaxed P | relaxed R | **relaxed F1** | value accuracy | **value F1** | type accuracy | type F1 |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	pct := func(v float64) string { return fmt.Sprintf("%.2f", 100*v) }
	for _, r := range reports {
		c := r.Counts
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r.Name, r.Docs, c.Gold, c.System,
			pct(c.StrictP()), pct(c.StrictR()), pct(c.StrictF1()), pct(c.RelaxedP()), pct(c.RelaxedR()), pct(c.RelaxedF1()),
			pct(c.ValueAccuracy()), pct(c.ValueF1()), pct(c.TypeAccuracy()), pct(c.TypeF1()))
	}
	b.WriteString("\nBy gold type: relaxed recall, and value accuracy among those found.\n\n")
	b.WriteString("| set | type | gold | relaxed recall | value accuracy |\n|---|---|---:|---:|---:|\n")
	for _, r := range reports {
		types := make([]string, 0, len(r.ByType))
		for t := range r.ByType {
			types = append(types, t)
		}
		slices.Sort(types)
		for _, t := range types {
			c := r.ByType[t]
			fmt.Fprintf(&b, "| %s | %s | %d | %s | %s |\n", r.Name, t, c.Gold, pct(c.RelaxedR()), pct(c.ValueAccuracy()))
		}
	}
	return b.String()
}
