package export_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/export"
	"github.com/diplograph/diplograph/kg"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// present is the day the fixtures' offices still held run to, fixed so
// that the golden files do not change with the calendar.
var present = kg.Day(2020, time.June, 30)

func mustDate(t testing.TB, s string) kg.Date {
	t.Helper()
	d, err := kg.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// fixture is a small graph with one date of every precision and text that
// needs escaping in both HTML and XML.
func fixture(t testing.TB) (events, nodes []*kg.Entity, edges []*kg.Edge, names map[string]string) {
	t.Helper()
	japan := &kg.Entity{ID: "state:japan", Kind: kg.State, Name: "Japan"}
	kono := &kg.Entity{ID: "person:taro-kono", Kind: kg.Person, Name: "Taro Kono", Attrs: map[string]string{"role": "Foreign Minister"}}
	decl := &kg.Entity{ID: "treaty:soviet-japanese-joint-declaration", Kind: kg.Treaty, Name: "Soviet-Japanese Joint Declaration",
		Status: kg.Signed, Date: mustDate(t, "1956-10-19")}
	events = []*kg.Entity{
		{ID: "event:meeting-2019-01-14", Kind: kg.Event, EventType: kg.Meeting, Status: kg.Occurred,
			Name: `Meeting of Lavrov & Kono <"Moscow">`, Date: mustDate(t, "2019-01-14")},
		{ID: "event:talks-2019-01", Kind: kg.Event, EventType: kg.Talks, Status: kg.Planned, Name: "Peace treaty talks", Date: mustDate(t, "2019-01")},
		{ID: "event:war-1904", Kind: kg.Event, EventType: kg.War, Status: kg.Occurred, Name: "Russo-Japanese War",
			Date: mustDate(t, "1904"), End: mustDate(t, "1905")},
		{ID: "event:summit-1956", Kind: kg.Event, EventType: kg.Summit, Status: kg.Occurred, Name: "Moscow summit", Date: mustDate(t, "1956")},
		{ID: "event:talks-195x", Kind: kg.Event, EventType: kg.Talks, Status: kg.Failed, Name: "Talks of the 1950s", Date: mustDate(t, "195X")},
		{ID: "event:visit-1956-su", Kind: kg.Event, EventType: kg.Visit, Status: kg.Occurred, Name: "Summer visit", Date: mustDate(t, "1956-SU")},
		{ID: "event:call-2019-w04", Kind: kg.Event, EventType: kg.Call, Status: kg.Occurred, Name: "Phone call", Date: mustDate(t, "2019-W04")},
		{ID: "event:undated", Kind: kg.Event, EventType: kg.Statement, Name: "Undated statement"},
	}
	edges = []*kg.Edge{
		{ID: "edge:party", Type: kg.PartyTo, From: japan.ID, To: decl.ID, Status: kg.Signed, Date: mustDate(t, "1956-10-19"),
			Evidence: []kg.Evidence{{Article: "article:a", Sentence: 3, Quote: `Japan signed the "1956 Declaration" <b>then</b> & later.`}}},
		{ID: "edge:office", Type: kg.HoldsOffice, From: kono.ID, To: japan.ID, Role: "Foreign Minister", Date: mustDate(t, "2019-Q1"),
			Evidence: []kg.Evidence{{Article: "article:a", Sentence: 1, Quote: "Foreign Minister Taro Kono"}, {Article: "article:b", Sentence: 2, Quote: "Kono"}}},
		{ID: "edge:undated", Type: kg.AlliedWith, From: japan.ID, To: "state:united-states"},
	}
	names = map[string]string{japan.ID: japan.Name, kono.ID: kono.Name, decl.ID: decl.Name}
	nodes = []*kg.Entity{japan, kono, decl, {ID: "state:united-states", Kind: kg.State, Name: "United States"}}
	return events, nodes, edges, names
}

// TestGolden renders the fixture in every format and compares it with
// testdata/*.golden; run with -update to rewrite them, then review the diff.
func TestGolden(t *testing.T) {
	events, nodes, edges, names := fixture(t)
	for _, tc := range []struct {
		name   string
		render func() ([]byte, error)
	}{
		{"timelinejs.json", func() ([]byte, error) {
			return export.TimelineJS(events, edges, names, export.Options{Title: "Japan & Russia", Empty: kg.Year(2019), Present: present})
		}},
		{"vis.json", func() ([]byte, error) {
			return export.VisTimeline(events, edges, names, export.Options{Present: present})
		}},
		{"graph.graphml", func() ([]byte, error) {
			var b bytes.Buffer
			err := export.GraphML(&b, nodes, edges)
			return b.Bytes(), err
		}},
		{"empty-timelinejs.json", func() ([]byte, error) {
			return export.TimelineJS(nil, nil, nil, export.Options{Empty: kg.Year(2019), Present: present})
		}},
		{"empty-vis.json", func() ([]byte, error) { return export.VisTimeline(nil, nil, nil, export.Options{Present: present}) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.render()
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tc.name+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./export -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s differs from %s (-want +got):\n%s", tc.name, path, diff)
			}
		})
	}
}

// TestTimelineJSPrecision checks that a date gives TimelineJS only what is
// known of it, and shows periods TimelineJS cannot express as TIMEX3.
func TestTimelineJSPrecision(t *testing.T) {
	type date struct {
		Year        int    `json:"year"`
		Month       int    `json:"month,omitempty"`
		Day         int    `json:"day,omitempty"`
		DisplayDate string `json:"display_date,omitempty"`
	}
	for _, tc := range []struct {
		timex string
		want  date
	}{
		{"1956", date{Year: 1956}},
		{"1956-10", date{Year: 1956, Month: 10}},
		{"1956-10-19", date{Year: 1956, Month: 10, Day: 19}},
		{"195X", date{Year: 1950, DisplayDate: "1950s"}},
		{"170X", date{Year: 1700, DisplayDate: "1700s"}},
		{"1956-SU", date{Year: 1956, Month: 6, DisplayDate: "summer 1956"}},
		{"1983-FA", date{Year: 1983, Month: 9, DisplayDate: "autumn 1983"}},
		{"1956-WI", date{Year: 1956, Month: 12, DisplayDate: "winter 1956"}},
		{"1956-Q3", date{Year: 1956, Month: 7, DisplayDate: "Q3 1956"}},
		{"2019-W04", date{Year: 2019, Month: 1, Day: 21, DisplayDate: "week 4, 2019"}},
		{"1987-W15", date{Year: 1987, Month: 4, Day: 6, DisplayDate: "week 15, 1987"}},
		{"2020-W01", date{Year: 2019, Month: 12, Day: 30, DisplayDate: "week 1, 2020"}},
	} {
		t.Run(tc.timex, func(t *testing.T) {
			ev := &kg.Entity{ID: "event:x", Kind: kg.Event, Name: "X", Date: mustDate(t, tc.timex)}
			b, err := export.TimelineJS([]*kg.Entity{ev}, nil, nil, export.Options{Title: "t"})
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Events []struct {
					StartDate json.RawMessage `json:"start_date"`
					EndDate   json.RawMessage `json:"end_date"`
				}
			}
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatalf("TimelineJS output is not JSON: %v", err)
			}
			if len(doc.Events) != 1 {
				t.Fatalf("got %d events, want 1", len(doc.Events))
			}
			// Decode into a map first: an absent "month" must be absent,
			// not 0, or TimelineJS would invent January.
			var raw map[string]any
			json.Unmarshal(doc.Events[0].StartDate, &raw)
			var got date
			json.Unmarshal(doc.Events[0].StartDate, &got)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("start_date (-want +got):\n%s", diff)
			}
			if tc.want.Month == 0 && raw["month"] != nil || tc.want.Day == 0 && raw["day"] != nil {
				t.Errorf("start_date %s claims more precision than %s", doc.Events[0].StartDate, tc.timex)
			}
			if doc.Events[0].EndDate != nil {
				t.Errorf("end_date %s for a date without an end", doc.Events[0].EndDate)
			}
		})
	}
}

// TestVisTimelinePrecision checks that only a day is a point and that
// coarser dates cover every day they mean.
func TestVisTimelinePrecision(t *testing.T) {
	for _, tc := range []struct {
		timex, end string
		typ        string
		start, to  string
	}{
		{timex: "1956-10-19", typ: "point", start: "1956-10-19"},
		{timex: "1956", typ: "range", start: "1956-01-01", to: "1957-01-01"},
		{timex: "1956-02", typ: "range", start: "1956-02-01", to: "1956-03-01"},
		{timex: "195X", typ: "range", start: "1950-01-01", to: "1960-01-01"},
		{timex: "1956-WI", typ: "range", start: "1956-12-01", to: "1957-03-01"},
		{timex: "2019-W04", typ: "range", start: "2019-01-21", to: "2019-01-28"},
		{timex: "1904", end: "1905", typ: "range", start: "1904-01-01", to: "1906-01-01"},
		{timex: "2019-01-14", end: "2019-01-16", typ: "range", start: "2019-01-14", to: "2019-01-17"},
	} {
		t.Run(tc.timex+"/"+tc.end, func(t *testing.T) {
			ev := &kg.Entity{ID: "event:x", Kind: kg.Event, EventType: kg.Meeting, Name: "X", Date: mustDate(t, tc.timex), End: mustDate(t, tc.end)}
			b, err := export.VisTimeline([]*kg.Entity{ev}, nil, nil, export.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Items []struct {
					ID, Content, Start, End, Group, Type, Title string
				}
				Groups []struct{ ID, Content string }
			}
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatalf("vis output is not JSON: %v", err)
			}
			if len(doc.Items) != 1 || len(doc.Groups) != 1 {
				t.Fatalf("got %d items and %d groups, want 1 and 1: %s", len(doc.Items), len(doc.Groups), b)
			}
			it := doc.Items[0]
			if it.Type != tc.typ || it.Start != tc.start || it.End != tc.to {
				t.Errorf("item %s (start %s end %s), want %s (start %s end %s)", it.Type, it.Start, it.End, tc.typ, tc.start, tc.to)
			}
			if it.Group != doc.Groups[0].ID || it.Group != "MEETING" {
				t.Errorf("item group %q, groups %+v", it.Group, doc.Groups)
			}
			if !strings.Contains(it.Title, export.HumanDate(mustDate(t, tc.timex))) {
				t.Errorf("title %q does not show the date %s as %q", it.Title, tc.timex, export.HumanDate(mustDate(t, tc.timex)))
			}
		})
	}
}

// TestTimelinesParseBack checks both timeline formats against the fixture:
// valid JSON, undated things left out, everything else once, in date order,
// with names HTML-escaped.
func TestTimelinesParseBack(t *testing.T) {
	events, _, edges, names := fixture(t)
	const dated = 7 + 2 // events and edges with a date

	b, err := export.TimelineJS(events, edges, names, export.Options{Title: "Japan & Russia", Empty: kg.Year(2019), Present: present})
	if err != nil {
		t.Fatal(err)
	}
	var tl struct {
		Title  struct{ Text struct{ Headline string } }
		Events []struct {
			StartDate struct{ Year, Month, Day int } `json:"start_date"`
			Text      struct{ Headline, Text string }
			Group     string
			UniqueID  string `json:"unique_id"`
		}
	}
	if err := json.Unmarshal(b, &tl); err != nil {
		t.Fatalf("TimelineJS output is not JSON: %v", err)
	}
	if tl.Title.Text.Headline != "Japan &amp; Russia" {
		t.Errorf("title headline %q", tl.Title.Text.Headline)
	}
	if len(tl.Events) != dated {
		t.Errorf("%d slides, want %d", len(tl.Events), dated)
	}
	var ids []string
	for i, e := range tl.Events {
		ids = append(ids, e.UniqueID)
		if i > 0 && e.StartDate.Year < tl.Events[i-1].StartDate.Year {
			t.Errorf("slides out of order at %s", e.UniqueID)
		}
		if strings.ContainsAny(e.Text.Headline, `<>"`) || strings.Contains(e.Text.Text, "<b>") {
			t.Errorf("unescaped HTML in %+v", e.Text)
		}
	}
	for _, unwanted := range []string{"event:undated", "edge:undated"} {
		if strings.Contains(strings.Join(ids, " "), unwanted) {
			t.Errorf("undated %s on the timeline", unwanted)
		}
	}

	b, err = export.VisTimeline(events, edges, names, export.Options{Present: present})
	if err != nil {
		t.Fatal(err)
	}
	var vis struct {
		Items  []map[string]any
		Groups []map[string]any
	}
	if err := json.Unmarshal(b, &vis); err != nil {
		t.Fatalf("vis output is not JSON: %v", err)
	}
	if len(vis.Items) != dated {
		t.Errorf("%d vis items, want %d", len(vis.Items), dated)
	}
	groups := map[any]bool{}
	for _, g := range vis.Groups {
		groups[g["id"]] = true
	}
	for _, it := range vis.Items {
		if !groups[it["group"]] {
			t.Errorf("item %v in an undeclared group", it["id"])
		}
		for _, f := range []string{"id", "content", "start", "group", "type", "title"} {
			if _, ok := it[f]; !ok {
				t.Errorf("item %v lacks %q", it["id"], f)
			}
		}
		if _, err := time.Parse("2006-01-02", it["start"].(string)); err != nil {
			t.Errorf("item %v start: %v", it["id"], err)
		}
	}
}

// graphML mirrors the parts of GraphML the test reads back.
type graphML struct {
	XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
	Keys    []struct {
		ID       string `xml:"id,attr"`
		For      string `xml:"for,attr"`
		AttrName string `xml:"attr.name,attr"`
		AttrType string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []struct {
			ID   string   `xml:"id,attr"`
			Data []gmData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			ID     string   `xml:"id,attr"`
			Source string   `xml:"source,attr"`
			Target string   `xml:"target,attr"`
			Data   []gmData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type gmData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// TestGraphMLParsesBack reads the GraphML back with encoding/xml: as many
// nodes and edges as given, directed, every data key declared for its
// element, and text that needed escaping read back unchanged.
func TestGraphMLParsesBack(t *testing.T) {
	_, nodes, edges, _ := fixture(t)
	tricky := &kg.Entity{ID: "organization:a&b", Kind: kg.Organization, Name: `A & B <"Ltd"> ]]> 'x'` + "\x01"}
	nodes = append(nodes, tricky)
	edges = append(edges, &kg.Edge{ID: "edge:tricky", Type: kg.PartyTo, From: tricky.ID, To: nodes[2].ID, Role: "<role>"})

	var b bytes.Buffer
	if err := export.GraphML(&b, nodes, edges); err != nil {
		t.Fatal(err)
	}
	var g graphML
	if err := xml.Unmarshal(b.Bytes(), &g); err != nil {
		t.Fatalf("GraphML does not parse back: %v\n%s", err, b.String())
	}
	if len(g.Graph.Nodes) != len(nodes) || len(g.Graph.Edges) != len(edges) {
		t.Errorf("%d nodes and %d edges, want %d and %d", len(g.Graph.Nodes), len(g.Graph.Edges), len(nodes), len(edges))
	}
	if g.Graph.EdgeDefault != "directed" {
		t.Errorf("edgedefault %q, want directed", g.Graph.EdgeDefault)
	}
	declared := map[string]string{}
	for _, k := range g.Keys {
		declared[k.ID] = k.For
	}
	for _, want := range []string{"kind", "name", "date", "type", "status", "e_type", "e_role", "e_date", "e_status", "e_evidence"} {
		if declared[want] == "" {
			t.Errorf("key %q not declared", want)
		}
	}
	values := map[string]map[string]string{}
	for _, n := range g.Graph.Nodes {
		values[n.ID] = map[string]string{}
		for _, d := range n.Data {
			if declared[d.Key] != "node" {
				t.Errorf("node %s uses key %q, not declared for nodes", n.ID, d.Key)
			}
			values[n.ID][d.Key] = d.Value
		}
	}
	for _, e := range g.Graph.Edges {
		values[e.ID] = map[string]string{"source": e.Source, "target": e.Target}
		for _, d := range e.Data {
			if declared[d.Key] != "edge" {
				t.Errorf("edge %s uses key %q, not declared for edges", e.ID, d.Key)
			}
			values[e.ID][d.Key] = d.Value
		}
	}
	// encoding/xml replaces characters XML cannot hold (\x01) with U+FFFD.
	if got, want := values[tricky.ID]["name"], `A & B <"Ltd"> ]]> 'x'`+"\uFFFD"; got != want {
		t.Errorf("tricky name read back as %q, want %q", got, want)
	}
	if diff := cmp.Diff(map[string]string{"source": "state:japan", "target": "treaty:soviet-japanese-joint-declaration",
		"e_type": "PARTY_TO", "e_date": "1956-10-19", "e_status": "SIGNED", "e_evidence": "1"}, values["edge:party"]); diff != "" {
		t.Errorf("edge:party (-want +got):\n%s", diff)
	}
	if got := values["edge:office"]["e_evidence"]; got != "2" {
		t.Errorf("evidence count of edge:office = %q, want 2", got)
	}
}

func TestGraphMLRefusesDanglingEdges(t *testing.T) {
	_, nodes, edges, _ := fixture(t)
	var b bytes.Buffer
	err := export.GraphML(&b, nodes[:2], edges)
	var kerr *kg.Error
	if !errors.As(err, &kerr) || kerr.Code != kg.EINVALID {
		t.Fatalf("GraphML with an edge to a missing node: %v, want EINVALID", err)
	}
	if b.Len() != 0 {
		t.Errorf("wrote %d bytes before failing", b.Len())
	}
}

func TestGraphMLWritesEachIDOnce(t *testing.T) {
	_, nodes, edges, _ := fixture(t)
	var b bytes.Buffer
	if err := export.GraphML(&b, append(nodes, nodes[0]), append(edges, edges[0])); err != nil {
		t.Fatal(err)
	}
	var g graphML
	if err := xml.Unmarshal(b.Bytes(), &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Graph.Nodes) != len(nodes) || len(g.Graph.Edges) != len(edges) {
		t.Errorf("%d nodes and %d edges, want %d and %d", len(g.Graph.Nodes), len(g.Graph.Edges), len(nodes), len(edges))
	}
}

// TestHumanDate: dates as a reader writes them, at their precision (issue
// #15, point 11: display_date showed 170X, 1983-FA, 1987-W15).
func TestHumanDate(t *testing.T) {
	for timex, want := range map[string]string{
		"":           "",
		"170X":       "1700s",
		"195X":       "1950s",
		"1956":       "1956",
		"1983-FA":    "autumn 1983",
		"1956-SP":    "spring 1956",
		"1956-Q3":    "Q3 1956",
		"1956-10":    "October 1956",
		"1987-W15":   "week 15, 1987",
		"2020-W01":   "week 1, 2020",
		"1956-10-19": "19 October 1956",
	} {
		if got := export.HumanDate(mustDate(t, timex)); got != want {
			t.Errorf("HumanDate(%q) = %q, want %q", timex, got, want)
		}
	}
}

// TestTimelineJSEmpty: a timeline with nothing dated, as most people's
// are, is still a document TimelineJS opens. TimelineJS's TimelineConfig
// refuses one without events ("Timeline configuration has no events") and
// an event without a start_date year; the empty one has its title slide
// and one dated slide saying there is nothing dated (issue #15, point 11).
func TestTimelineJSEmpty(t *testing.T) {
	undated := []*kg.Entity{{ID: "event:undated", Kind: kg.Event, EventType: kg.Statement, Name: "Undated statement"}}
	for _, tc := range []struct {
		name   string
		events []*kg.Entity
		empty  kg.Date
		year   int
	}{
		{"nothing", nil, kg.Year(2019), 2019},
		{"undated only", undated, mustDate(t, "1956-10"), 1956},
		{"no date given", nil, kg.Date{}, time.Now().Year()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := export.TimelineJS(tc.events, nil, nil, export.Options{Title: "Taro Kono", Empty: tc.empty})
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Title  *struct{ Text struct{ Headline string } }
				Events []struct {
					StartDate *struct{ Year int } `json:"start_date"`
					Text      struct{ Headline, Text string }
				}
			}
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Title == nil || doc.Title.Text.Headline != "Taro Kono" {
				t.Errorf("title slide %+v", doc.Title)
			}
			if len(doc.Events) != 1 || doc.Events[0].StartDate == nil || doc.Events[0].StartDate.Year != tc.year ||
				!strings.Contains(doc.Events[0].Text.Text, "No dated event") {
				t.Errorf("events %s, want one slide in %d saying nothing is dated", b, tc.year)
			}
		})
	}
}

// TestTimelineGroupsAgree: TimelineJS groups are named as vis-timeline's
// ("Holds office", not HOLDS_OFFICE), so that both read alike.
func TestTimelineGroupsAgree(t *testing.T) {
	events, _, edges, names := fixture(t)
	b, err := export.TimelineJS(events, edges, names, export.Options{Title: "x", Present: present})
	if err != nil {
		t.Fatal(err)
	}
	var tl struct{ Events []struct{ Group string } }
	json.Unmarshal(b, &tl)
	b, err = export.VisTimeline(events, edges, names, export.Options{Present: present})
	if err != nil {
		t.Fatal(err)
	}
	var vis struct{ Groups []struct{ Content string } }
	json.Unmarshal(b, &vis)
	labels := map[string]bool{}
	for _, g := range vis.Groups {
		labels[g.Content] = true
	}
	for _, e := range tl.Events {
		if !labels[e.Group] {
			t.Errorf("TimelineJS group %q is no vis group's label (%v)", e.Group, labels)
		}
	}
	if !labels["Holds office"] {
		t.Errorf("vis groups %v lack Holds office", labels)
	}
}

// TestHeldOfficeIsASpan: an office held since a day, with no end, is still
// held: a bar from its start to the present in both formats, not the dot
// of its first day (issue #15, point 13); one that ended runs to its end,
// and a fact of one day stays a point.
func TestHeldOfficeIsASpan(t *testing.T) {
	lavrov := "person:sergey-lavrov"
	names := map[string]string{lavrov: "Sergey Lavrov", "state:russia": "Russia", "treaty:t": "T"}
	for _, tc := range []struct {
		name             string
		edge             *kg.Edge
		typ, start, end  string // vis
		tlEnd            int    // TimelineJS end_date year, 0 for none
		tlEndDisplayDate string
	}{
		{"held", &kg.Edge{ID: "edge:held", Type: kg.HoldsOffice, From: lavrov, To: "state:russia", Role: "Foreign Minister", Date: mustDate(t, "2004-03-09")},
			"range", "2004-03-09", "2020-07-01", 2020, "still held"},
		{"ended", &kg.Edge{ID: "edge:ended", Type: kg.HoldsOffice, From: lavrov, To: "state:russia", Role: "Ambassador", Date: mustDate(t, "1994"), End: mustDate(t, "2004-03-08")},
			"range", "1994-01-01", "2004-03-09", 2004, ""},
		{"one day", &kg.Edge{ID: "edge:party", Type: kg.PartyTo, From: "state:russia", To: "treaty:t", Date: mustDate(t, "2004-03-09")},
			"point", "2004-03-09", "", 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := export.VisTimeline(nil, []*kg.Edge{tc.edge}, names, export.Options{Present: present})
			if err != nil {
				t.Fatal(err)
			}
			var vis struct {
				Items []struct{ Type, Start, End, Title string }
			}
			json.Unmarshal(b, &vis)
			if len(vis.Items) != 1 {
				t.Fatalf("vis items %s", b)
			}
			if it := vis.Items[0]; it.Type != tc.typ || it.Start != tc.start || it.End != tc.end {
				t.Errorf("vis item %+v, want %s from %s to %s", it, tc.typ, tc.start, tc.end)
			}
			b, err = export.TimelineJS(nil, []*kg.Edge{tc.edge}, names, export.Options{Present: present})
			if err != nil {
				t.Fatal(err)
			}
			var tl struct {
				Events []struct {
					EndDate *struct {
						Year        int
						DisplayDate string `json:"display_date"`
					} `json:"end_date"`
				}
			}
			json.Unmarshal(b, &tl)
			switch e := tl.Events[0].EndDate; {
			case tc.tlEnd == 0 && e != nil:
				t.Errorf("TimelineJS end_date %+v for a one-day fact", e)
			case tc.tlEnd != 0 && (e == nil || e.Year != tc.tlEnd || e.DisplayDate != tc.tlEndDisplayDate):
				t.Errorf("TimelineJS end_date %+v, want year %d shown as %q", e, tc.tlEnd, tc.tlEndDisplayDate)
			}
		})
	}
}
