package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"mime"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/api"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/sqlite"
)

// seededHandler returns the routes over a fresh SQLite store loaded with
// the seed article.
func seededHandler(t *testing.T, cfg api.Config) http.Handler {
	t.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "export.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	l := &loader.Loader{Store: s}
	if _, err := l.Load(ctx, []string{"../../shared/corpus/seed"}); err != nil {
		t.Fatalf("load seed (is ../shared beside the repo?): %v", err)
	}
	return api.New(s, cfg)
}

func get(t *testing.T, h http.Handler, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// checkDownload fails unless rec is a 200 attachment of contentType named
// filename.
func checkDownload(t *testing.T, rec *httptest.ResponseRecorder, contentType, filename string) {
	t.Helper()
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d, body %s", rec.Code, rec.Body)
	}
	if ct, _, _ := mime.ParseMediaType(rec.Header().Get("Content-Type")); ct != contentType {
		t.Errorf("Content-Type %q, want %s", rec.Header().Get("Content-Type"), contentType)
	}
	disp, params, err := mime.ParseMediaType(rec.Header().Get("Content-Disposition"))
	if err != nil || disp != "attachment" || params["filename"] != filename {
		t.Errorf("Content-Disposition %q, want attachment; filename=%s", rec.Header().Get("Content-Disposition"), filename)
	}
}

// TestExportErrors checks that bad parameters are 400 and unknown entities
// 404, each with a JSON {"error"} that says what was wrong.
func TestExportErrors(t *testing.T) {
	h := seededHandler(t, api.Config{})
	for _, tc := range []struct {
		target string
		code   int
		says   string
	}{
		{"/export/timeline.json?format=xml", 400, "format"},
		{"/export/timeline.json?from=last+week", 400, "from"},
		{"/export/timeline.json?to=2019-13", 400, "to"},
		{"/export/timeline.json?from=2019&to=2018", 400, "before"},
		{"/export/timeline.json?entiy=state:japan", 400, "entiy"},
		{"/export/timeline.json?entity=state:japan&entity=state:russia", 400, "entity"},
		{"/export/timeline.json?entity=state:atlantis", 404, "atlantis"},
		{"/export/graph.graphml", 400, "entity"},
		{"/export/graph.graphml?entity=state:japan&hops=3", 400, "hops"},
		{"/export/graph.graphml?entity=state:japan&hops=0", 400, "hops"},
		{"/export/graph.graphml?entity=state:japan&hops=two", 400, "hops"},
		{"/export/graph.graphml?entity=state:atlantis", 404, "atlantis"},
	} {
		t.Run(tc.target, func(t *testing.T) {
			rec := get(t, h, tc.target)
			if rec.Code != tc.code {
				t.Errorf("status %d, want %d (body %s)", rec.Code, tc.code, rec.Body)
			}
			if ct, _, _ := mime.ParseMediaType(rec.Header().Get("Content-Type")); ct != "application/json" {
				t.Errorf("Content-Type %q, want application/json", rec.Header().Get("Content-Type"))
			}
			var body struct{ Error string }
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || !strings.Contains(body.Error, tc.says) {
				t.Errorf("body %s (%v), want {\"error\"} mentioning %q", rec.Body, err, tc.says)
			}
		})
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/export/timeline.json", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /export/timeline.json: %d, want 405", rec.Code)
	}
}

type timelineJS struct {
	Title  struct{ Text struct{ Headline string } }
	Events []struct {
		StartDate map[string]any `json:"start_date"`
		Text      struct{ Headline, Text string }
		Group     string
		UniqueID  string `json:"unique_id"`
	}
}

// TestExportTimelineJS downloads Japan's timeline: its dated treaty edges
// appear with the precision the article gave them (1956 is a year, with no
// month or day invented).
func TestExportTimelineJS(t *testing.T) {
	h := seededHandler(t, api.Config{})
	rec := get(t, h, "/export/timeline.json?entity=state:japan")
	checkDownload(t, rec, "application/json", "timeline-japan.json")
	var doc timelineJS
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if doc.Title.Text.Headline != "Japan" {
		t.Errorf("title %q, want Japan", doc.Title.Text.Headline)
	}
	found := false
	for _, e := range doc.Events {
		if e.StartDate["year"] == nil {
			t.Errorf("slide %s has no year: %v", e.UniqueID, e.StartDate)
		}
		if strings.Contains(e.Text.Headline, "Soviet-Japanese Joint Declaration") && e.Group == "Party to" {
			found = true
			if e.StartDate["year"] != 1956.0 || e.StartDate["month"] != nil || e.StartDate["day"] != nil {
				t.Errorf("1956 declaration dated %v, want year 1956 only", e.StartDate)
			}
		}
	}
	if !found {
		t.Errorf("Japan's timeline lacks its party to the 1956 declaration:\n%s", rec.Body)
	}

	// The whole graph's timeline, no entity: events only.
	rec = get(t, h, "/export/timeline.json")
	checkDownload(t, rec, "application/json", "timeline.json")
	doc = timelineJS{}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if len(doc.Events) == 0 {
		t.Errorf("no events on the whole timeline")
	}
	for _, e := range doc.Events {
		if !strings.HasPrefix(e.UniqueID, "event:") {
			t.Errorf("slide %s on an entity-less timeline is not an event", e.UniqueID)
		}
	}
}

// TestExportVis downloads January 2019 in vis-timeline's format: every item
// lies in the window and in a declared group; a day-dated meeting is a point.
func TestExportVis(t *testing.T) {
	h := seededHandler(t, api.Config{})
	rec := get(t, h, "/export/timeline.json?from=2019-01&to=2019-01&format=vis")
	checkDownload(t, rec, "application/json", "timeline-vis.json")
	var doc struct {
		Items  []struct{ ID, Content, Start, End, Group, Type, Title string }
		Groups []struct{ ID, Content string }
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	groups := map[string]bool{}
	for _, g := range doc.Groups {
		groups[g.ID] = true
	}
	meeting := false
	for _, it := range doc.Items {
		if !strings.HasPrefix(it.Start, "2019-01") && !(it.End > "2019-01") {
			t.Errorf("item %s (%s – %s) outside January 2019", it.ID, it.Start, it.End)
		}
		if !groups[it.Group] {
			t.Errorf("item %s in undeclared group %q", it.ID, it.Group)
		}
		if it.Group == "MEETING" && it.Start == "2019-01-14" {
			meeting = true
			if it.Type != "point" || it.End != "" {
				t.Errorf("day-dated meeting is %s to %q, want a point", it.Type, it.End)
			}
		}
	}
	if !meeting {
		t.Errorf("no meeting on 2019-01-14 in:\n%s", rec.Body)
	}
}

// TestExportGraphML downloads Japan's neighbourhood: it parses, every edge
// joins two exported nodes, and two hops reach at least as far as one.
func TestExportGraphML(t *testing.T) {
	h := seededHandler(t, api.Config{})
	type graph struct {
		Nodes []struct {
			ID string `xml:"id,attr"`
		} `xml:"graph>node"`
		Edges []struct {
			Source string `xml:"source,attr"`
			Target string `xml:"target,attr"`
		} `xml:"graph>edge"`
	}
	size := map[string]int{}
	for _, hops := range []string{"", "1", "2"} {
		t.Run("hops="+hops, func(t *testing.T) {
			target := "/export/graph.graphml?entity=state:japan"
			if hops != "" {
				target += "&hops=" + hops
			}
			rec := get(t, h, target)
			checkDownload(t, rec, "application/graphml+xml", "graph-japan.graphml")
			var g graph
			if err := xml.Unmarshal(rec.Body.Bytes(), &g); err != nil {
				t.Fatalf("GraphML does not parse: %v", err)
			}
			ids := map[string]bool{}
			for _, n := range g.Nodes {
				if ids[n.ID] {
					t.Errorf("node %s twice", n.ID)
				}
				ids[n.ID] = true
			}
			for _, want := range []string{"state:japan", "treaty:soviet-japanese-joint-declaration"} {
				if !ids[want] {
					t.Errorf("node %s missing", want)
				}
			}
			if len(g.Edges) == 0 {
				t.Errorf("no edges")
			}
			for _, e := range g.Edges {
				if !ids[e.Source] || !ids[e.Target] || strings.HasPrefix(e.Source, "article:") {
					t.Errorf("edge %s → %s dangles or is a MENTIONS", e.Source, e.Target)
				}
			}
			size[hops] = len(g.Nodes)
		})
	}
	if size["1"] != size[""] || size["2"] < size["1"] {
		t.Errorf("nodes by hops %v: default must be 1 hop and 2 hops must reach at least as far", size)
	}
}

// TestExportByName downloads by name, as the README says names work
// wherever an id does (issue #15, point 4): resolved as GraphQL resolves
// them, an ambiguous name is a 400 listing the candidates, an unknown one a
// 404.
func TestExportByName(t *testing.T) {
	h := seededHandler(t, api.Config{})
	for _, tc := range []struct {
		target   string
		code     int
		filename string // of a download
		says     string // of an error
	}{
		{target: "/export/timeline.json?entity=Lavrov", code: 200, filename: "timeline-sergey-lavrov.json"},
		{target: "/export/timeline.json?entity=lavrov&format=vis", code: 200, filename: "timeline-sergey-lavrov-vis.json"},
		{target: "/export/graph.graphml?entity=Japan", code: 200, filename: "graph-japan.graphml"},
		{target: "/export/graph.graphml?entity=Russia&hops=2", code: 200, filename: "graph-russia.graphml"},
		{target: "/export/timeline.json?entity=Sergey", code: 400, says: "ambiguous"},
		{target: "/export/graph.graphml?entity=Atlantis", code: 404, says: "Atlantis"},
	} {
		t.Run(tc.target, func(t *testing.T) {
			rec := get(t, h, tc.target)
			if tc.filename != "" {
				ct := "application/json"
				if strings.Contains(tc.target, "graphml") {
					ct = "application/graphml+xml"
				}
				checkDownload(t, rec, ct, tc.filename)
				return
			}
			var body struct{ Error string }
			if rec.Code != tc.code || json.Unmarshal(rec.Body.Bytes(), &body) != nil || !strings.Contains(body.Error, tc.says) {
				t.Errorf("status %d, body %s; want %d mentioning %q", rec.Code, rec.Body, tc.code, tc.says)
			}
		})
	}
}

// TestGraphMLIsTheNeighborhood: the GraphML download holds the same nodes
// and edges as the neighborhood field for the same entity and hops, edges
// between two neighbours included (issue #15, point 5: Japan at one hop had
// 52 edges against 64).
func TestGraphMLIsTheNeighborhood(t *testing.T) {
	h := seededHandler(t, api.Config{})
	for _, hops := range []int{1, 2} {
		t.Run(fmt.Sprint("hops=", hops), func(t *testing.T) {
			rec := get(t, h, fmt.Sprintf("/export/graph.graphml?entity=state:japan&hops=%d", hops))
			checkDownload(t, rec, "application/graphml+xml", "graph-japan.graphml")
			var g struct {
				Nodes []struct {
					ID string `xml:"id,attr"`
				} `xml:"graph>node"`
				Edges []struct {
					ID string `xml:"id,attr"`
				} `xml:"graph>edge"`
			}
			if err := xml.Unmarshal(rec.Body.Bytes(), &g); err != nil {
				t.Fatal(err)
			}
			var gmlNodes, gmlEdges []string
			for _, n := range g.Nodes {
				gmlNodes = append(gmlNodes, n.ID)
			}
			for _, e := range g.Edges {
				gmlEdges = append(gmlEdges, e.ID)
			}

			body, _ := json.Marshal(map[string]any{"query": `query($h: Int) { neighborhood(id: "state:japan", hops: $h, first: 500) { nodes { id } edges { id } } }`, "variables": map[string]any{"h": hops}})
			req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			grec := httptest.NewRecorder()
			h.ServeHTTP(grec, req)
			var resp struct {
				Data struct {
					Neighborhood struct {
						Nodes, Edges []struct{ ID string }
					}
				}
			}
			if err := json.Unmarshal(grec.Body.Bytes(), &resp); err != nil {
				t.Fatal(err)
			}
			var nodes, edges []string
			for _, n := range resp.Data.Neighborhood.Nodes {
				nodes = append(nodes, n.ID)
			}
			for _, e := range resp.Data.Neighborhood.Edges {
				edges = append(edges, e.ID)
			}
			slices.Sort(nodes)
			slices.Sort(gmlNodes)
			slices.Sort(edges)
			slices.Sort(gmlEdges)
			if len(edges) == 0 {
				t.Fatalf("neighborhood has no edges: %s", grec.Body)
			}
			if diff := cmp.Diff(nodes, gmlNodes); diff != "" {
				t.Errorf("nodes: neighborhood (-) against GraphML (+):\n%s", diff)
			}
			if diff := cmp.Diff(edges, gmlEdges); diff != "" {
				t.Errorf("edges: neighborhood (-) against GraphML (+):\n%s", diff)
			}
		})
	}
}

// TestExportEmptyTimeline downloads the timeline of someone with nothing
// dated: TimelineJS can open it (a slide beside the title), over HTTP and
// over GraphQL, where the export is a JSON value, not a string.
func TestExportEmptyTimeline(t *testing.T) {
	h := seededHandler(t, api.Config{})
	// A window with nothing in it.
	rec := get(t, h, "/export/timeline.json?entity=state:japan&from=1700&to=1701")
	checkDownload(t, rec, "application/json", "timeline-japan.json")
	var doc timelineJS
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Events) != 1 || doc.Events[0].StartDate["year"] != 1700.0 {
		t.Errorf("empty timeline: %s; want one slide in 1700, the window's start", rec.Body)
	}

	body := `{"query": "{ timelineExport(entity: \"Japan\", from: \"1700\", to: \"1701\") }"}`
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	grec := httptest.NewRecorder()
	h.ServeHTTP(grec, req)
	var resp struct {
		Data struct{ TimelineExport json.RawMessage }
	}
	if err := json.Unmarshal(grec.Body.Bytes(), &resp); err != nil || !bytes.HasPrefix(resp.Data.TimelineExport, []byte("{")) {
		t.Fatalf("timelineExport = %s (%v), want a JSON object", grec.Body, err)
	}
	var over timelineJS
	json.Unmarshal(resp.Data.TimelineExport, &over)
	if len(over.Events) != 1 || !strings.HasPrefix(over.Title.Text.Headline, "Japan") {
		t.Errorf("timelineExport over GraphQL: %s", resp.Data.TimelineExport)
	}
}
