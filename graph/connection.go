package graph

import "github.com/diplograph/diplograph/kg"

// EdgeConnection is a Relay connection over a page of graph edges.
type EdgeConnection struct {
	page  *kg.EdgePage
	after string // the cursor the page was asked for with
}

// EdgeEdge is one item of an EdgeConnection.
type EdgeEdge struct {
	Cursor string
	Node   *kg.Edge
}

// PageInfo is Relay's page information.
type PageInfo struct {
	HasNextPage     bool
	HasPreviousPage bool
	StartCursor     *string
	EndCursor       *string
}

// Edges returns the items with their cursors.
func (c *EdgeConnection) Edges() []*EdgeEdge {
	out := make([]*EdgeEdge, len(c.page.Edges))
	for i, e := range c.page.Edges {
		out[i] = &EdgeEdge{Cursor: c.page.Cursors[i], Node: e}
	}
	return out
}

// Nodes returns the graph edges of the page.
func (c *EdgeConnection) Nodes() []*kg.Edge { return c.page.Edges }

// TotalCount counts matching edges over all pages.
func (c *EdgeConnection) TotalCount() int { return c.page.TotalCount }

// PageInfo describes the page. Pages only go forward, so HasPreviousPage
// is true exactly when the page was asked for with a cursor.
func (c *EdgeConnection) PageInfo() *PageInfo {
	pi := &PageInfo{HasNextPage: c.page.HasNext, HasPreviousPage: c.after != ""}
	if n := len(c.page.Cursors); n > 0 {
		pi.StartCursor, pi.EndCursor = &c.page.Cursors[0], &c.page.Cursors[n-1]
	}
	return pi
}
