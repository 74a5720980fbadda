package graph

import (
	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/kg"
)

// Prices. A unit of complexity is about 50 µs of server CPU, so that
// DefaultLimits.MaxComplexity, 20,000, is about a CPU-second. Lists are
// priced by the page they ask for, so that `first: 500` counts as 500
// items, not one. Walks and exports are priced by the most work they may
// do, not the usual: a walk reads at most walk.MaxEdges (20,000) edges,
// which on the million-edge store took up to 0.45 CPU-s for paths between
// two hubs (BENCHMARKS.md, hostile requests), and two hops from a hub
// already reach that bound; so a walk of two hops or more costs
// maxWalkCost and a request holds at most two. Before this, 60 aliases of
// `paths(maxHops: 8, first: 20)` passed the limit and took 12 CPU-s.
const (
	maxWalkCost = 9_000
	exportCost  = 3_000
	// timelineItemCost is what reading one timeline item from the store
	// costs beyond its fields: an event row and its attributes, or an edge
	// and its evidence, about 150 µs on the million-edge store; a page
	// also counts its events, which for a hub reads all its edges.
	timelineItemCost = 3
	timelinePageCost = 500
)

// walkCost prices a search of up to hops hops: one hop reads the edges of
// the two ends, at most two pages each; more may read walk.MaxEdges.
func walkCost(hops int) int {
	if hops <= 1 {
		return 2_000
	}
	return maxWalkCost
}

// setComplexity prices fields by the work they can do (see walkCost).
func setComplexity(c *ComplexityRoot) {
	page := func(first *int, def int) int {
		if first == nil {
			return def
		}
		return max(1, min(*first, kg.MaxFirst))
	}
	edges := func(child int, _ []kg.EdgeType, _ *kg.Direction, _, _ *kg.Date, first *int, _ *string) int {
		return 1 + page(first, kg.DefaultFirst)*child
	}
	c.Person.Edges, c.State.Edges, c.Organization.Edges = edges, edges, edges
	c.Place.Edges, c.Treaty.Edges, c.Event.Edges = edges, edges, edges
	c.Query.Search = func(child int, _ string, _ []kg.Kind, first *int) int {
		return 1 + page(first, kg.DefaultFirst)*child
	}
	c.Query.Timeline = func(child int, _, _ *kg.Date, _ *string, _ []kg.EventType, _ []kg.Status, first *int) int {
		return 1 + page(first, 100)*(child+timelineItemCost)
	}
	// Lists without a page argument are bounded by what one entity has;
	// price them as a default page.
	list := func(child int) int { return 1 + kg.DefaultFirst*child }
	asOfList := func(child int, _ *kg.Date) int { return list(child) }
	c.Treaty.Parties, c.Event.Participants, c.Event.Places, c.State.Succession, c.Edge.Sources = list, list, list, list, list
	c.Person.Offices, c.State.Treaties = asOfList, asOfList
	hops := func(maxHops *int) int { return min(page(maxHops, 4), kg.MaxHops) }
	c.Query.Path = func(child int, _, _ string, maxHops *int, _ []kg.EdgeType, _, _ *kg.Date, _ *bool) int {
		h := hops(maxHops)
		return 10 + walkCost(h) + h*child
	}
	c.Query.Paths = func(child int, _, _ string, maxHops *int, _ []kg.EdgeType, _, _ *kg.Date, _ *bool, first *int) int {
		h, k := hops(maxHops), page(first, 5)
		return 10 + walkCost(h) + k*(20+h*child)
	}
	c.Query.TimelineExport = func(int, *kg.Date, *kg.Date, *string, *model.TimelineFormat) int { return exportCost }
	c.Query.TimelineItems = func(child int, _, _ *kg.Date, _ *string, _ []kg.EventType, _ []kg.Status, first *int, _ *string) int {
		return timelinePageCost + page(first, 50)*(child+timelineItemCost)
	}
	c.Query.SearchConnection = func(child int, _ string, _ []kg.Kind, first *int, _ *string) int {
		return 1 + page(first, kg.DefaultFirst)*child
	}
	pageOnly := func(child int, first *int, _ *string) int { return 1 + page(first, kg.DefaultFirst)*child }
	c.Article.Mentions, c.Edge.EvidenceConnection = pageOnly, pageOnly
	c.Event.ParticipantsConnection, c.Treaty.PartiesConnection = pageOnly, pageOnly
	c.State.TreatiesConnection = func(child int, _ *kg.Date, first *int, after *string) int { return pageOnly(child, first, after) }
	c.Query.Neighborhood = func(child int, _ string, hops *int, _ []kg.EdgeType, _, _ *kg.Date, first *int) int {
		n, h := page(first, 100), max(1, min(page(hops, 1), 3))
		return 10 + min(maxWalkCost, 10*n*h) + n*child
	}
}
