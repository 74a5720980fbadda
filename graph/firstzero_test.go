package graph_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/99designs/gqlgen/client"
)

// TestFirstZero asks every paged and listed field for first: 0, which
// Relay allows and clients use to read totalCount alone (issue #15, point
// 9): no error, no items, the count and whether items follow.
func TestFirstZero(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		type conn struct {
			TotalCount int
			PageInfo   struct {
				HasNextPage bool
				EndCursor   *string
			}
			Edges []json.RawMessage
			Nodes []json.RawMessage
		}
		connections := map[string]string{
			"searchConnection":   `searchConnection(text: "japan", first: 0) { totalCount pageInfo { hasNextPage endCursor } edges { cursor } nodes { id } }`,
			"edges":              `entity(id: "state:japan") { edges(first: 0) { totalCount pageInfo { hasNextPage endCursor } edges { cursor } nodes { id } } }`,
			"timelineItems":      `timelineItems(entity: "Lavrov", first: 0) { totalCount pageInfo { hasNextPage endCursor } edges { cursor } nodes { date } }`,
			"windowItems":        `timelineItems(from: "2019", to: "2019", first: 0) { totalCount pageInfo { hasNextPage endCursor } edges { cursor } nodes { date } }`,
			"treatiesConnection": `entity(id: "state:japan") { ... on State { treatiesConnection(first: 0) { totalCount pageInfo { hasNextPage endCursor } edges { cursor } nodes { id } } } }`,
			"mentions":           `article(id: "article:000-525ad26aad408969") { mentions(first: 0) { totalCount pageInfo { hasNextPage endCursor } edges { cursor } nodes { id } } }`,
		}
		for name, field := range connections {
			t.Run(name, func(t *testing.T) {
				out := postRaw(t, c, `{ `+field+` }`)
				if len(out.Errors) > 0 {
					t.Fatalf("errors %+v", out.Errors)
				}
				// Find the connection, one or two levels down.
				var raw json.RawMessage
				for _, v := range out.Data {
					raw = v
				}
				var cn conn
				json.Unmarshal(raw, &cn)
				if cn.TotalCount == 0 {
					var inner map[string]json.RawMessage
					json.Unmarshal(raw, &inner)
					for _, v := range inner {
						json.Unmarshal(v, &cn)
					}
				}
				if cn.TotalCount == 0 || !cn.PageInfo.HasNextPage || cn.PageInfo.EndCursor != nil || len(cn.Edges) != 0 || len(cn.Nodes) != 0 {
					t.Errorf("first: 0 = %+v from %s; want a totalCount, hasNextPage, no items and no cursor", cn, raw)
				}
			})
		}
		lists := map[string]string{
			"search":       `search(text: "japan", first: 0) { id }`,
			"timeline":     `timeline(from: "2019", first: 0) { id }`,
			"paths":        `paths(from: "Japan", to: "Russia", first: 0) { hops }`,
			"neighborhood": `neighborhood(id: "Japan", first: 0) { nodes { id } edges { id } }`,
		}
		for name, field := range lists {
			t.Run(name, func(t *testing.T) {
				out := postRaw(t, c, `{ `+field+` }`)
				if len(out.Errors) > 0 {
					t.Fatalf("errors %+v", out.Errors)
				}
				switch got := string(out.Data[name]); got {
				case `[]`, `{"nodes":[],"edges":[]}`, `{"edges":[],"nodes":[]}`:
				default:
					t.Errorf("%s(first: 0) = %s, want nothing", name, got)
				}
			})
		}
		// Below zero is still refused.
		out := postRaw(t, c, `{ search(text: "japan", first: -1) { id } }`)
		if len(out.Errors) != 1 || out.Errors[0].Extensions["code"] != "EINVALID" {
			t.Errorf("first: -1: %+v", out.Errors)
		}
	})
}
