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
	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/walk"
)

const (
	// maxGraphHops is the widest neighbourhood graph.graphml exports. Two
	// hops around a hub already reach most of a news graph.
	maxGraphHops = 2
	// maxGraphNodes is the most entities graph.graphml exports: the
	// neighborhood field's largest page, so that both show the same graph.
	maxGraphNodes = kg.MaxFirst
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
// the events in the window (of the entity, an id or a name, when given) and the entity's own
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

	tq := export.TimelineQuery{From: from, To: to}
	if ref := q.Get("entity"); ref != "" {
		// An id or a name, resolved as GraphQL resolves them.
		e, err := graph.ResolveEntity(r.Context(), s.store, ref)
		if err != nil {
			exportError(w, r, err)
			return
		}
		tq.Entity = e.ID
	}
	t, err := export.CollectTimeline(r.Context(), s.store, tq)
	if err != nil {
		exportError(w, r, err)
		return
	}
	filename := t.Filename
	var body []byte
	if format == "vis" {
		body, err = t.Vis()
		filename += "-vis"
	} else {
		body, err = t.TimelineJS()
	}
	if err != nil {
		exportError(w, r, err)
		return
	}
	sendFile(w, "application/json; charset=utf-8", filename+".json", body)
}

// serveGraph answers GET /export/graph.graphml?entity=ID&hops=N: the
// neighbourhood of the entity (an id or a name, as GraphQL resolves them)
// within N hops (1 or 2, default 1), as GraphML. It is exactly what the
// GraphQL field neighborhood(id, hops, first: 500) returns: the entities
// nearest first, at most 500, and every edge among them, those between two
// neighbours included, since a graph view that leaves them out shows a
// star where there is a web.
func (s *server) serveGraph(w http.ResponseWriter, r *http.Request) {
	if err := queryParams(r, "entity", "hops"); err != nil {
		exportError(w, r, err)
		return
	}
	q := r.URL.Query()
	ref := q.Get("entity")
	if ref == "" {
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
	root, err := graph.ResolveEntity(ctx, s.store, ref)
	if err != nil {
		exportError(w, r, err)
		return
	}
	sg, err := walk.Neighborhood(ctx, s.store, walk.NeighborhoodQuery{ID: root.ID, Hops: hops, First: maxGraphNodes})
	if err != nil {
		exportError(w, r, fmt.Errorf("neighbourhood of %s: %w", root.ID, err))
		return
	}
	var b bytes.Buffer
	if err := export.GraphML(&b, sg.Nodes, sg.Edges); err != nil {
		exportError(w, r, err)
		return
	}
	if sg.Truncated {
		// GraphML has no standard place for it; the header tells a script
		// that the graph is not all there is.
		w.Header().Set("X-Diplograph-Truncated", "true")
	}
	sendFile(w, "application/graphml+xml; charset=utf-8", "graph-"+kg.Slug(root.Name)+".graphml", b.Bytes())
}
