package export

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"

	"github.com/diplograph/diplograph/kg"
)

// GraphML (http://graphml.graphdrawing.org/specification.html) as Gephi and
// yEd read it: every attribute is declared once as a <key>, and each node
// and edge carries <data> for the keys it has a value for.

const graphMLNamespace = "http://graphml.graphdrawing.org/xmlns"

type gmlDocument struct {
	XMLName xml.Name `xml:"graphml"`
	XMLNS   string   `xml:"xmlns,attr"`
	Keys    []gmlKey `xml:"key"`
	Graph   gmlGraph `xml:"graph"`
}

type gmlKey struct {
	ID       string `xml:"id,attr"`
	For      string `xml:"for,attr"`
	AttrName string `xml:"attr.name,attr"`
	AttrType string `xml:"attr.type,attr"`
}

type gmlGraph struct {
	ID          string    `xml:"id,attr"`
	EdgeDefault string    `xml:"edgedefault,attr"`
	Nodes       []gmlNode `xml:"node"`
	Edges       []gmlEdge `xml:"edge"`
}

type gmlNode struct {
	ID   string    `xml:"id,attr"`
	Data []gmlData `xml:"data"`
}

type gmlEdge struct {
	ID     string    `xml:"id,attr"`
	Source string    `xml:"source,attr"`
	Target string    `xml:"target,attr"`
	Data   []gmlData `xml:"data"`
}

type gmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// graphMLKeys declares every attribute. Node and edge keys are separate
// (not for="all") because importers differ in how they treat "all". The
// name key's attr.name is "label": Gephi shows the attribute of that name
// as the node label, and yEd's properties mapper offers it first.
var graphMLKeys = []gmlKey{
	{ID: "kind", For: "node", AttrName: "kind", AttrType: "string"},
	{ID: "name", For: "node", AttrName: "label", AttrType: "string"},
	{ID: "date", For: "node", AttrName: "date", AttrType: "string"},
	{ID: "end", For: "node", AttrName: "end", AttrType: "string"},
	{ID: "type", For: "node", AttrName: "type", AttrType: "string"},
	{ID: "status", For: "node", AttrName: "status", AttrType: "string"},
	{ID: "e_type", For: "edge", AttrName: "type", AttrType: "string"},
	{ID: "e_role", For: "edge", AttrName: "role", AttrType: "string"},
	{ID: "e_date", For: "edge", AttrName: "date", AttrType: "string"},
	{ID: "e_end", For: "edge", AttrName: "end", AttrType: "string"},
	{ID: "e_status", For: "edge", AttrName: "status", AttrType: "string"},
	{ID: "e_evidence", For: "edge", AttrName: "evidence", AttrType: "int"},
}

// data appends a <data> element when value is set: GraphML readers treat a
// missing value as the key's default, which is what an unknown date is.
func data(ds []gmlData, key, value string) []gmlData {
	if value == "" {
		return ds
	}
	return append(ds, gmlData{Key: key, Value: value})
}

// GraphML writes nodes and edges to w as one directed GraphML graph, with
// declared keys for kind, name (as "label"), date, end, type and status of
// nodes and type, role, date, end, status and evidence count of edges.
// Dates are TIMEX3 values. Text is escaped by encoding/xml, so names and
// quotes from articles cannot break the document. Every edge must join two
// of the given nodes (GraphML readers reject dangling edges); GraphML
// returns an EINVALID error naming the first edge that does not, before
// writing anything. Nodes and edges are written in the order given, each id once.
func GraphML(w io.Writer, nodes []*kg.Entity, edges []*kg.Edge) error {
	doc := gmlDocument{
		XMLNS: graphMLNamespace,
		Keys:  graphMLKeys,
		Graph: gmlGraph{ID: "diplograph", EdgeDefault: "directed"},
	}
	ids := make(map[string]bool, len(nodes))
	for _, n := range nodes {
		if n == nil || ids[n.ID] {
			continue // a node id may appear once only
		}
		ids[n.ID] = true
		var ds []gmlData
		ds = data(ds, "kind", string(n.Kind))
		ds = data(ds, "name", n.Name)
		ds = data(ds, "date", n.Date.String())
		ds = data(ds, "end", n.End.String())
		ds = data(ds, "type", string(n.EventType))
		ds = data(ds, "status", string(n.Status))
		doc.Graph.Nodes = append(doc.Graph.Nodes, gmlNode{ID: n.ID, Data: ds})
	}
	seen := map[string]bool{}
	for _, e := range edges {
		if e == nil || seen[e.ID] {
			continue // the same edge is often found from both of its ends
		}
		seen[e.ID] = true
		for _, end := range []string{e.From, e.To} {
			if !ids[end] {
				return kg.Errorf(kg.EINVALID, "edge %s points at %s, which is not among the nodes", e.ID, end)
			}
		}
		var ds []gmlData
		ds = data(ds, "e_type", string(e.Type))
		ds = data(ds, "e_role", e.Role)
		ds = data(ds, "e_date", e.Date.String())
		ds = data(ds, "e_end", e.End.String())
		ds = data(ds, "e_status", string(e.Status))
		ds = data(ds, "e_evidence", strconv.Itoa(len(e.Evidence)))
		doc.Graph.Edges = append(doc.Graph.Edges, gmlEdge{ID: e.ID, Source: e.From, Target: e.To, Data: ds})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write GraphML: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write GraphML: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("write GraphML: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write GraphML: %w", err)
	}
	return nil
}
