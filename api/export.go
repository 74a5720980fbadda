package api

// Downloads of the graph in other tools' formats: /export/timeline.json
// (TimelineJS 3 or vis-timeline) and /export/graph.graphml (Gephi, yEd).
// The handlers only fetch from the store and pick a format; package export
// renders.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/diplograph/diplograph/export"
	"github.com/diplograph/diplograph/kg"
)

const (
	// maxGraphHops is the widest neighbourhood graph.graphml exports. Two
	// hops around a hub already reach most of a news graph.
	maxGraphHops = 2
	// maxGraphNodes stops a two-hop walk once this many entities are in.
	maxGraphNodes = 5000
)

// exportError answers with status and {"error": msg}. Internal errors are
// logged and never shown.
func exportError(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	switch kg.ErrorCode(err) {
	case kg.EINVALID:
		status = http.StatusBadRequest
	case kg.ENOTFOUND:
		status = http.StatusNotFound
	default:
		slog.ErrorContext(r.Context(), "export failed", "path", r.URL.Path, "query", r.URL.RawQuery, "err", err)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": kg.ErrorMessage(err)})
}

// sendFile writes body as a download named filename.
func sendFile(w http.ResponseWriter, contentType, filename string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": filename}))
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write(body)
}

// queryParams checks that r has no parameter other than allowed and none
// twice, so that a typo ("entiy=") is a 400, not a silently wider export.
func queryParams(r *http.Request, allowed ...string) error {
	for k, vs := range r.URL.Query() {
		if !slices.Contains(allowed, k) {
			return kg.Errorf(kg.EINVALID, "unknown parameter %q: want %v", k, allowed)
		}
		if len(vs) > 1 {
			return kg.Errorf(kg.EINVALID, "parameter %q given %d times", k, len(vs))
		}
	}
	return nil
}

// dateParam parses the TIMEX3 date in parameter name; its error names the
// parameter, since the client sees only the message.
func dateParam(q url.Values, name string) (kg.Date, error) {
	d, err := kg.ParseDate(q.Get(name))
	if err != nil {
		return kg.Date{}, kg.Errorf(kg.EINVALID, "%s: %s", name, kg.ErrorMessage(err))
	}
	return d, nil
}

// serveTimeline answers GET /export/timeline.json?entity=ID&from=DATE&to=DATE&format=timelinejs|vis:
// the events in the window (of the entity, when given) and the entity's own
// dated edges, as TimelineJS 3 JSON (the default) or vis-timeline JSON.
func (s *server) serveTimeline(w http.ResponseWriter, r *http.Request) {
	if err := queryParams(r, "entity", "from", "to", "format"); err != nil {
		exportError(w, r, err)
		return
	}
	q := r.URL.Query()
	format := q.Get("format")
	if format == "" {
		format = "timelinejs"
	}
	if format != "timelinejs" && format != "vis" {
		exportError(w, r, kg.Errorf(kg.EINVALID, "unknown format %q: want timelinejs or vis", format))
		return
	}
	from, err := dateParam(q, "from")
	if err != nil {
		exportError(w, r, err)
		return
	}
	to, err := dateParam(q, "to")
	if err != nil {
		exportError(w, r, err)
		return
	}
	if !from.IsZero() && !to.IsZero() && to.Last().Before(from.First()) {
		exportError(w, r, kg.Errorf(kg.EINVALID, "to (%s) is before from (%s)", to, from))
		return
	}

	t, err := export.CollectTimeline(r.Context(), s.store, export.TimelineQuery{Entity: q.Get("entity"), From: from, To: to})
	if err != nil {
		exportError(w, r, err)
		return
	}
	events, edges, names, title, filename := t.Events, t.Edges, t.Names, t.Title, t.Filename

	var body []byte
	if format == "vis" {
		body, err = export.VisTimeline(events, edges, names)
		filename += "-vis"
	} else {
		body, err = export.TimelineJS(title, events, edges, names)
	}
	if err != nil {
		exportError(w, r, err)
		return
	}
	sendFile(w, "application/json; charset=utf-8", filename+".json", body)
}

// serveGraph answers GET /export/graph.graphml?entity=ID&hops=N: the entity,
// its neighbours up to N hops away (N is 1 or 2, default 1) and the edges
// walked, as GraphML. Each entity contributes at most export.MaxEdges
// edges, and a walk stops adding entities at maxGraphNodes.
func (s *server) serveGraph(w http.ResponseWriter, r *http.Request) {
	if err := queryParams(r, "entity", "hops"); err != nil {
		exportError(w, r, err)
		return
	}
	q := r.URL.Query()
	id := q.Get("entity")
	if id == "" {
		exportError(w, r, kg.Errorf(kg.EINVALID, "entity is required"))
		return
	}
	hops := 1
	if s := q.Get("hops"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxGraphHops {
			exportError(w, r, kg.Errorf(kg.EINVALID, "hops must be 1 or %d, not %q", maxGraphHops, s))
			return
		}
		hops = n
	}
	ctx := r.Context()
	root, err := s.store.Entity(ctx, id)
	if err != nil {
		exportError(w, r, err)
		return
	}
	nodes := []*kg.Entity{root}
	inGraph := map[string]bool{root.ID: true}
	var edges []*kg.Edge
	frontier := []string{root.ID}
	for hop := 0; hop < hops && len(frontier) > 0; hop++ {
		var next []string
		for _, f := range frontier {
			es, err := export.EntityEdges(r.Context(), s.store, f, kg.Date{}, kg.Date{})
			if err != nil {
				exportError(w, r, err)
				return
			}
			for _, e := range es {
				other := e.To
				if other == f {
					other = e.From
				}
				if !inGraph[other] {
					if len(nodes)+len(next) >= maxGraphNodes {
						continue // the edge would dangle: its far end is not exported
					}
					inGraph[other] = true
					next = append(next, other)
				}
				edges = append(edges, e)
			}
		}
		if len(next) > 0 {
			ents, err := s.store.Entities(ctx, next)
			if err != nil {
				exportError(w, r, fmt.Errorf("neighbours of %s: %w", id, err))
				return
			}
			for _, e := range ents {
				if e != nil {
					nodes = append(nodes, e)
				}
			}
		}
		frontier = next
	}
	// An edge whose far end the store could not return (deleted between
	// calls) is dropped rather than failing the download.
	have := map[string]bool{}
	for _, n := range nodes {
		have[n.ID] = true
	}
	edges = slices.DeleteFunc(edges, func(e *kg.Edge) bool { return !have[e.From] || !have[e.To] })

	var b bytes.Buffer
	if err := export.GraphML(&b, nodes, edges); err != nil {
		exportError(w, r, err)
		return
	}
	sendFile(w, "application/graphml+xml; charset=utf-8", "graph-"+kg.Slug(root.Name)+".graphml", b.Bytes())
}
