package main

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/diplograph/diplograph/kg/storetest"
)

// ids are the entities the queries pick from.
type ids struct {
	nodes, people, events, states []string
	hub                           string // the entity with the most edges
	// words are search texts that find something.
	words []string
	// fewArticle and allArticle are articles cited by few and by many
	// edges, for the mentions queries.
	fewArticle, allArticle string
}

// idsOf returns the ids of a generated graph.
func idsOf(g *storetest.Graph) ids {
	words := make([]string, 0, 1000)
	for i := range min(1000, len(g.People)) {
		words = append(words, fmt.Sprintf("minister %06d", i*len(g.People)/1000))
	}
	return ids{nodes: g.Nodes, people: g.People, events: g.Events, states: g.States, hub: g.States[0], words: words,
		fewArticle: storetest.FewArticle, allArticle: storetest.AllArticle}
}

// sampleIDs reads ids from the SQLite store at path as it is: up to 5,000
// entities of each kind that have edges, the entity with the most edges,
// the words of some names, and the articles that most and fewest edges
// cite. It reads the store's tables directly: the bench is a tool of this
// repository, and the store interface has no "sample".
func sampleIDs(ctx context.Context, path string) (ids, error) {
	var out ids
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return out, err
	}
	defer db.Close()
	column := func(q string, args ...any) ([]string, error) {
		rows, err := db.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("sample ids: %w", err)
		}
		defer rows.Close()
		var vs []string
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				return nil, err
			}
			vs = append(vs, v)
		}
		return vs, rows.Err()
	}
	ofKind := func(kind string) ([]string, error) {
		return column(`SELECT id FROM entities WHERE kind = ? AND EXISTS (SELECT 1 FROM degrees WHERE entity = entities.id)
			ORDER BY pk LIMIT 5000`, kind)
	}
	if out.people, err = ofKind("PERSON"); err != nil {
		return out, err
	}
	if out.events, err = ofKind("EVENT"); err != nil {
		return out, err
	}
	if out.states, err = ofKind("STATE"); err != nil {
		return out, err
	}
	orgs, err := ofKind("ORGANIZATION")
	if err != nil {
		return out, err
	}
	places, err := ofKind("PLACE")
	if err != nil {
		return out, err
	}
	out.nodes = append(append(append(append(append(out.nodes, out.people...), out.events...), out.states...), orgs...), places...)
	hub, err := column(`SELECT entity FROM degrees WHERE entity IN (SELECT id FROM entities) GROUP BY entity ORDER BY sum(n) DESC LIMIT 1`)
	if err != nil || len(hub) == 0 {
		return out, fmt.Errorf("sample ids: no entity with edges in %s (%v)", path, err)
	}
	out.hub = hub[0]
	names, err := column(`SELECT name FROM entities WHERE kind IN ('PERSON', 'STATE', 'ORGANIZATION') ORDER BY pk LIMIT 2000`)
	if err != nil {
		return out, err
	}
	for _, n := range names {
		if f := strings.Fields(n); len(f) > 0 {
			out.words = append(out.words, f[len(f)-1])
		}
	}
	articles, err := column(`SELECT article FROM evidence GROUP BY article ORDER BY count(*), article`)
	if err != nil || len(articles) == 0 {
		return out, fmt.Errorf("sample ids: no article in %s (%v)", path, err)
	}
	out.fewArticle, out.allArticle = articles[0], articles[len(articles)-1]
	if len(out.people) == 0 || len(out.events) == 0 || len(out.states) == 0 || len(out.words) == 0 {
		return out, fmt.Errorf("sample ids: %s holds too little to measure (%d people, %d events, %d states)", path, len(out.people), len(out.events), len(out.states))
	}
	return out, nil
}
