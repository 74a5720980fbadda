// Package export renders parts of the knowledge graph in formats other tools
// read: TimelineJS 3 and vis-timeline JSON for timelines, GraphML for graph
// editors such as Gephi and yEd. The functions are pure: they take domain
// values and return bytes, so the HTTP layer decides what to fetch and the
// formats can be tested without a store.
//
// Dates keep their precision. A TIMEX3 year is not 1 January: each format
// is given only the parts of a date that are known, and periods a format
// cannot express (decades, seasons, quarters, weeks) are placed at their
// first day and shown as a reader writes them ("the 1950s" is "1950s",
// 1983-FA "autumn 1983", 1987-W15 "week 15, 1987"; see HumanDate).
package export

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"html"
	"slices"
	"strings"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// Options are what a timeline is drawn with besides its items.
type Options struct {
	// Title heads a TimelineJS document, as its title slide; "" for none.
	Title string
	// Empty is where a TimelineJS document with no dated item puts its
	// one slide (see TimelineJS); zero means this year.
	Empty kg.Date
	// Present is the day an office still held (a HOLDS_OFFICE edge with
	// no end: the office is held to this day) is drawn to; zero means
	// today. A held office is a span, not the point of its start.
	Present kg.Date
}

func (o Options) present() kg.Date {
	if o.Present.IsZero() {
		return kg.DayOf(time.Now())
	}
	return o.Present
}

// item is one dated thing on a timeline, whatever the output format: an
// event entity or a dated edge.
type item struct {
	id       string
	date     kg.Date
	end      kg.Date // zero when the item is one date
	ongoing  bool    // end is the present: an office still held
	headline string  // plain text
	detail   string  // plain text, one fact per line
	group    string
}

// timelineItems turns events and dated edges into items in date order.
// Undated events and edges are left out: a timeline has nowhere to put them.
// An office with no end is still held, and runs to present.
func timelineItems(events []*kg.Entity, edges []*kg.Edge, names map[string]string, present kg.Date) []item {
	var items []item
	for _, e := range events {
		if e == nil || e.Date.IsZero() {
			continue
		}
		group := string(e.EventType)
		if group == "" {
			group = string(e.Kind)
		}
		var detail []string
		facts := []string{groupLabel(string(e.EventType)), statusLabel(e.Status), dateRange(e.Date, e.End)}
		detail = append(detail, joinNonEmpty(facts, " · "))
		if len(e.Aliases) > 0 {
			detail = append(detail, "Also: "+strings.Join(e.Aliases, "; "))
		}
		items = append(items, item{id: e.ID, date: e.Date, end: e.End, headline: e.Name, detail: strings.Join(detail, "\n"), group: group})
	}
	for _, e := range edges {
		if e == nil || e.Date.IsZero() {
			continue
		}
		name := func(id string) string {
			if n := names[id]; n != "" {
				return n
			}
			return id
		}
		verb := strings.ToLower(strings.ReplaceAll(string(e.Type), "_", " "))
		if e.Role != "" {
			verb += " (" + e.Role + ")"
		}
		end, ongoing := e.End, false
		when := dateRange(e.Date, e.End)
		if e.Type == kg.HoldsOffice && e.End.IsZero() && present.Last().After(e.Date.Last()) {
			end, ongoing = present, true
			when = "since " + HumanDate(e.Date)
		}
		detail := []string{joinNonEmpty([]string{groupLabel(string(e.Type)), statusLabel(e.Status), when}, " · ")}
		for _, ev := range e.Evidence {
			detail = append(detail, "“"+ev.Quote+"”")
		}
		items = append(items, item{
			id: e.ID, date: e.Date, end: end, ongoing: ongoing,
			headline: name(e.From) + " " + verb + " " + name(e.To),
			detail:   strings.Join(detail, "\n"),
			group:    string(e.Type),
		})
	}
	// Sorted here so that output does not depend on the order the store
	// returned things in: downloads of the same graph are byte-identical.
	slices.SortStableFunc(items, func(a, b item) int {
		if c := a.date.Compare(b.date); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	return items
}

func dateRange(d, end kg.Date) string {
	if end.IsZero() || end == d {
		return HumanDate(d)
	}
	return HumanDate(d) + " – " + HumanDate(end)
}

// seasonNames name TIMEX3's season codes.
var seasonNames = map[string]string{"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}

// HumanDate writes d as a reader expects it, at its precision: "1950s",
// "1956", "summer 1956", "Q3 1956", "October 1956", "week 15, 1987",
// "19 October 1956"; "" for the zero Date. TIMEX3 values ("195X",
// "1956-SU") are for programs, not for the people a timeline is for.
func HumanDate(d kg.Date) string {
	first := d.First()
	switch d.Precision() {
	case kg.PrecisionNone:
		return ""
	case kg.PrecisionDecade:
		return fmt.Sprintf("%ds", d.YearNum())
	case kg.PrecisionYear:
		return fmt.Sprint(d.YearNum())
	case kg.PrecisionSeason:
		// The TIMEX3 value ends in the season's code ("1956-SU").
		v := d.String()
		return seasonNames[v[strings.LastIndexByte(v, '-')+1:]] + " " + fmt.Sprint(d.YearNum())
	case kg.PrecisionQuarter:
		return fmt.Sprintf("Q%d %d", int(first.Month()-1)/3+1, d.YearNum())
	case kg.PrecisionMonth:
		return first.Format("January 2006")
	case kg.PrecisionWeek:
		_, w := first.ISOWeek()
		return fmt.Sprintf("week %d, %d", w, d.YearNum())
	default: // kg.PrecisionDay
		return first.Format("2 January 2006")
	}
}

func joinNonEmpty(parts []string, sep string) string {
	return strings.Join(slices.DeleteFunc(slices.Clone(parts), func(s string) bool { return s == "" }), sep)
}

// htmlParagraphs escapes text for the formats that render HTML (TimelineJS
// text, vis-timeline tooltips) and makes each line a paragraph. Names and
// quotes come from articles on the web, so they are never trusted as markup.
func htmlParagraphs(text string) string {
	var b strings.Builder
	for line := range strings.SplitSeq(text, "\n") {
		b.WriteString("<p>" + html.EscapeString(line) + "</p>")
	}
	return b.String()
}

// TimelineJS 3 JSON (https://timeline.knightlab.com/docs/json-format.html).

type tlDocument struct {
	Title  *tlSlide  `json:"title,omitempty"`
	Events []tlSlide `json:"events"`
}

type tlSlide struct {
	StartDate *tlDate `json:"start_date,omitempty"`
	EndDate   *tlDate `json:"end_date,omitempty"`
	Text      tlText  `json:"text"`
	Group     string  `json:"group,omitempty"`
	UniqueID  string  `json:"unique_id,omitempty"`
}

type tlText struct {
	Headline string `json:"headline"`
	Text     string `json:"text,omitempty"`
}

// tlDate is a TimelineJS date object. Month and Day are omitted when the
// date does not know them; TimelineJS then shows only the year (or year
// and month), which is exactly what a TIMEX3 "1956" means.
type tlDate struct {
	Year        int    `json:"year"`
	Month       int    `json:"month,omitempty"`
	Day         int    `json:"day,omitempty"`
	DisplayDate string `json:"display_date,omitempty"`
}

// timelineJSDate gives TimelineJS the parts of d that are known. Periods
// TimelineJS has no unit for start at their first day, given with the
// coarsest parts that name it (a decade as its first year, a season or a
// quarter as its first month, a week as its Monday), and display_date
// says what it is (HumanDate) so that nobody reads "1950" for "the 1950s".
func timelineJSDate(d kg.Date) *tlDate {
	first := d.First()
	switch d.Precision() {
	case kg.PrecisionNone:
		return nil
	case kg.PrecisionYear:
		return &tlDate{Year: first.Year()}
	case kg.PrecisionMonth:
		return &tlDate{Year: first.Year(), Month: int(first.Month())}
	case kg.PrecisionDay:
		return &tlDate{Year: first.Year(), Month: int(first.Month()), Day: first.Day()}
	case kg.PrecisionDecade:
		return &tlDate{Year: first.Year(), DisplayDate: HumanDate(d)}
	case kg.PrecisionSeason, kg.PrecisionQuarter:
		return &tlDate{Year: first.Year(), Month: int(first.Month()), DisplayDate: HumanDate(d)}
	default: // kg.PrecisionWeek
		return &tlDate{Year: first.Year(), Month: int(first.Month()), Day: first.Day(), DisplayDate: HumanDate(d)}
	}
}

// TimelineJS returns a TimelineJS 3 JSON document titled opt.Title with one
// slide per dated event and per dated edge, in date order, grouped as
// vis-timeline groups them ("Holds office"). names maps entity ids to the
// names shown in edge headlines; ids it lacks are shown as they are.
// Undated events and edges are left out. Headline is plain text; the slide
// text is escaped HTML.
//
// TimelineJS refuses a document without events ("Timeline configuration
// has no events"), as a person's timeline often is: then the document has
// one slide at opt.Empty (the zero Date: this year), saying that nothing dated
// is known, beside its title slide.
func TimelineJS(events []*kg.Entity, edges []*kg.Edge, names map[string]string, opt Options) ([]byte, error) {
	title, empty := opt.Title, opt.Empty
	doc := tlDocument{Events: []tlSlide{}}
	if title != "" {
		doc.Title = &tlSlide{Text: tlText{Headline: html.EscapeString(title)}}
	}
	items := timelineItems(events, edges, names, opt.present())
	if len(items) == 0 {
		if empty.IsZero() {
			empty = kg.Year(time.Now().Year())
		}
		what := "this timeline"
		if title != "" {
			what = title
		}
		start := timelineJSDate(empty)
		start.DisplayDate = "no dated events"
		doc.Events = append(doc.Events, tlSlide{
			StartDate: start,
			Text: tlText{Headline: "Nothing dated", Text: htmlParagraphs("No dated event or fact is known of " + what +
				". Its undated facts are in the graph: ask GraphQL for the entity's edges.")},
			UniqueID: "nothing-dated",
		})
	}
	for _, it := range items {
		s := tlSlide{
			StartDate: timelineJSDate(it.date),
			Text:      tlText{Headline: html.EscapeString(it.headline), Text: htmlParagraphs(it.detail)},
			Group:     groupLabel(it.group),
			UniqueID:  it.id,
		}
		if !it.end.IsZero() && it.end != it.date {
			s.EndDate = timelineJSDate(it.end)
			if it.ongoing {
				s.EndDate.DisplayDate = "still held"
			}
		}
		doc.Events = append(doc.Events, s)
	}
	b, err := encodeJSON(doc)
	if err != nil {
		return nil, fmt.Errorf("encode TimelineJS: %w", err)
	}
	return b, nil
}

// vis-timeline items and groups (https://visjs.github.io/vis-timeline/docs/timeline/).

type visDocument struct {
	Items  []visItem  `json:"items"`
	Groups []visGroup `json:"groups"`
}

type visItem struct {
	ID      string `json:"id"`
	Content string `json:"content"`
	Start   string `json:"start"`
	End     string `json:"end,omitempty"`
	Group   string `json:"group"`
	Type    string `json:"type"`
	Title   string `json:"title"`
}

type visGroup struct {
	ID      string `json:"id"`
	Content string `json:"content"`
}

const visDay = "2006-01-02"

// VisTimeline returns vis-timeline's data as one JSON document,
// {"items": [...], "groups": [...]}, with an item per dated event and per
// dated edge in date order and a group per event type or edge type. A date
// known to the day (and not spanning several) is a "point"; anything
// coarser, or with an end, is a "range" over every day it covers: the year
// 1956 runs from 1956-01-01 to 1957-01-01, vis-timeline's end being
// exclusive. Content and title are escaped HTML, because vis-timeline
// renders them as markup.
func VisTimeline(events []*kg.Entity, edges []*kg.Edge, names map[string]string, opt Options) ([]byte, error) {
	doc := visDocument{Items: []visItem{}, Groups: []visGroup{}}
	seen := map[string]bool{}
	for _, it := range timelineItems(events, edges, names, opt.present()) {
		v := visItem{
			ID:      it.id,
			Content: html.EscapeString(it.headline),
			Start:   it.date.First().Format(visDay),
			Group:   it.group,
			Type:    "point",
			Title:   strings.ReplaceAll(html.EscapeString(it.detail), "\n", "<br>"),
		}
		if it.date.Precision() != kg.PrecisionDay || (!it.end.IsZero() && it.end != it.date) {
			last := it.date.Last()
			if !it.end.IsZero() && it.end.Last().After(last) {
				last = it.end.Last()
			}
			v.Type = "range"
			v.End = last.Add(24 * time.Hour).Format(visDay)
		}
		doc.Items = append(doc.Items, v)
		if !seen[it.group] {
			seen[it.group] = true
			doc.Groups = append(doc.Groups, visGroup{ID: it.group, Content: groupLabel(it.group)})
		}
	}
	slices.SortFunc(doc.Groups, func(a, b visGroup) int { return cmp.Compare(a.ID, b.ID) })
	b, err := encodeJSON(doc)
	if err != nil {
		return nil, fmt.Errorf("encode vis-timeline: %w", err)
	}
	return b, nil
}

// encodeJSON indents v and keeps <, > and & as they are: the text that
// needs it is already HTML-escaped, and \u003c in a download only makes it
// harder to read.
func encodeJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// statusLabel turns "IN_FORCE" into "in force", as a reader writes it.
func statusLabel(s kg.Status) string {
	return strings.ToLower(strings.ReplaceAll(string(s), "_", " "))
}

// groupLabel turns "PARTICIPATED_IN" into "Participated in".
func groupLabel(id string) string {
	s := strings.ToLower(strings.ReplaceAll(id, "_", " "))
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
